#!/usr/bin/env python3
"""Runs one check test through every door of leaklint and checks it.

    check_leaklint.py [--config YAML] [--std c++17] FILE CHECK TMP [-- ARGS...]

For each door (the clang-tidy plugin, the leaklint driver, and leaklint-clangd
when it was built) the test file is copied with its CHECK lines blanked, the
check is run with fixes applied, and:
  * the report is matched against the file's CHECK-MESSAGES lines, and any
    warning or error that no CHECK-MESSAGES line expects fails the test;
  * the fixed file is matched against CHECK-FIXES lines (whole lines);
  * the fixed file must compile (clang++ -fsyntax-only);
  * every door must produce the same fixed file.
The compile flags (ARGS) default to -std=c++17; real system headers are used.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys


def run(cmd, expect_codes=(0,), what=""):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True)
    if proc.returncode not in expect_codes:
        sys.stderr.write("command failed (%s), exit %d:\n  %s\n--- stdout\n%s--- stderr\n%s"
                         % (what, proc.returncode, " ".join(map(shlex.quote, cmd)),
                            proc.stdout, proc.stderr))
        sys.exit(1)
    return proc


def filecheck(args, text, input_file, prefix, extra=()):
    cmd = [args.filecheck, input_file, "--check-prefix=" + prefix] + list(extra)
    proc = subprocess.run(cmd, input=text, text=True, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)
    if proc.returncode != 0:
        sys.stderr.write("FileCheck %s failed:\n%s\n--- input was\n%s\n"
                         % (prefix, proc.stderr, text))
        sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default=None)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--driver", required=True)
    parser.add_argument("--clangd", default="")
    parser.add_argument("--clang-tidy", dest="clang_tidy", required=True)
    parser.add_argument("--clangxx", required=True)
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("--doors", default="plugin,driver",
                        help="comma-separated subset of plugin,driver")
    parser.add_argument("--no-compile", action="store_true",
                        help="the fixed file is not expected to compile")
    parser.add_argument("input")
    parser.add_argument("check")
    parser.add_argument("tmp")
    argv = sys.argv[1:]
    compile_args = ["-std=c++17"]
    if "--" in argv:
        i = argv.index("--")
        compile_args = argv[i + 1:] or compile_args
        argv = argv[:i]
    args = parser.parse_args(argv)

    with open(args.input, encoding="utf-8") as f:
        original = f.read()
    has_messages = "CHECK-MESSAGES" in original
    has_fixes = "CHECK-FIXES" in original
    # Blank the CHECK lines so that the fixed file can be checked without the
    # expectations matching themselves; line numbers stay as they are.
    cleaned = re.sub(r"//\s*CHECK-(MESSAGES|FIXES|NOTES)[A-Z0-9-]*:[^\n]*", "//",
                     original)
    ext = os.path.splitext(args.input)[1] or ".cpp"
    fixed_by_door = {}
    for door in args.doors.split(","):
        work = "%s.%s%s" % (args.tmp, door, ext)
        os.makedirs(os.path.dirname(os.path.abspath(work)), exist_ok=True)
        with open(work, "w", encoding="utf-8") as f:
            f.write(cleaned)
        checks = "-*," + args.check
        if door == "plugin":
            cmd = [args.clang_tidy, "--load=" + args.plugin, "-checks=" + checks,
                   "--fix", "--quiet"]
            if args.config:
                cmd.append("--config=" + args.config)
            cmd += [work, "--"] + compile_args
            out = run(cmd, (0,), "clang-tidy with the leaklint plugin").stdout
        elif door == "driver":
            cmd = [args.driver, "--checks=" + checks, "--fix", "--quiet"]
            if args.config:
                cmd.append("--config=" + args.config)
            cmd += [work, "--"] + compile_args
            out = run(cmd, (0, 1), "leaklint driver").stdout
        else:
            sys.exit("unknown door " + door)
        # The driver must not print anything a CHECK line does not expect, and
        # its exit status must say whether it found something.
        if has_messages:
            filecheck(args, out, args.input, "CHECK-MESSAGES",
                      ["--implicit-check-not={{warning|error}}:"])
        elif re.search(r"\b(warning|error):", out):
            sys.stderr.write("%s: unexpected diagnostics:\n%s" % (door, out))
            sys.exit(1)
        with open(work, encoding="utf-8") as f:
            fixed = f.read()
        fixed_by_door[door] = fixed
        if has_fixes:
            filecheck(args, fixed, args.input, "CHECK-FIXES",
                      ["--strict-whitespace", "--match-full-lines"])
        if not args.no_compile:
            run([args.clangxx, "-fsyntax-only"] + compile_args + [work], (0,),
                "compiling the fixed file (%s)" % door)
    doors = list(fixed_by_door)
    for door in doors[1:]:
        if fixed_by_door[door] != fixed_by_door[doors[0]]:
            sys.stderr.write("the %s and %s doors fixed the file differently\n"
                             % (doors[0], door))
            sys.exit(1)


if __name__ == "__main__":
    main()
