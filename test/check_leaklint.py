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

The clangd door (--clangd BIN, when BIN exists) fixes nothing: the file is
opened in leaklint-clangd over LSP, in a directory of its own with the
.clang-tidy, .clangd and compile_flags.txt an editor user would have, and its
leaklint diagnostics must be the warnings the first door reported: the same
check at the same line, the door's column inside clangd's range.
"""
import argparse
import json
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
    parser.add_argument("--doors", default="plugin,driver,clangd",
                        help="comma-separated subset of plugin,driver,clangd "
                             "(clangd only runs when --clangd exists)")
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
    first_report = None
    doors = args.doors.split(",")
    for door in doors:
        if door == "clangd":
            continue  # compared with the first door's report below
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
        if first_report is None:
            first_report = (work, out)
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
    fixing = list(fixed_by_door)
    for door in fixing[1:]:
        if fixed_by_door[door] != fixed_by_door[fixing[0]]:
            sys.stderr.write("the %s and %s doors fixed the file differently\n"
                             % (fixing[0], door))
            sys.exit(1)
    if "clangd" in doors and args.clangd and os.path.exists(args.clangd) \
            and first_report is not None:
        check_clangd(args, cleaned, ext, compile_args, fixing[0], *first_report)


# The clangd door compares the diagnostics of these checks only.
CHECK_PREFIX = "leaklint-"


def leaklint_warnings(report, work):
    """(line, column, check) of the leaklint warnings in work, from a report."""
    found = []
    pattern = re.compile(r"^(.*):(\d+):(\d+): warning: .* \[([\w.,-]+)\]$")
    for line in report.splitlines():
        m = pattern.match(line)
        if m and os.path.abspath(m.group(1)) == os.path.abspath(work):
            for name in m.group(4).split(","):
                if name.startswith(CHECK_PREFIX):
                    found.append((int(m.group(2)), int(m.group(3)), name))
    return sorted(found)


def byte_column(lines, line, utf16):
    """1-based byte column of an LSP position (UTF-16 code units)."""
    text = lines[line] if line < len(lines) else ""
    head = text.encode("utf-16-le")[:2 * utf16].decode("utf-16-le", "replace")
    return len(head.encode("utf-8")) + 1


def older_than_its_checks(clangd):
    """Whether the leaklint-checks objects of the build tree are newer than clangd:
    a stale leaklint-clangd would disagree with the freshly linked plugin."""
    objects = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(clangd))),
                           "checks", "CMakeFiles", "leaklint-checks.dir")
    if not os.path.isdir(objects):
        return False
    newest = max((os.path.getmtime(os.path.join(objects, o))
                  for o in os.listdir(objects) if o.endswith(".o")), default=0)
    return os.path.getmtime(clangd) < newest


def check_clangd(args, cleaned, ext, compile_args, door, work, report):
    """The clangd door: leaklint-clangd over LSP reports what the first door did."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "clangd"))
    import lsp_client

    if older_than_its_checks(args.clangd):
        sys.stderr.write("clangd door: %s is older than the checks it contains: rebuild it "
                         "(ninja leaklint-clangd) or configure with "
                         "-DLEAKLINT_BUILD_CLANGD=OFF\n" % args.clangd)
        sys.exit(1)

    project = args.tmp + ".clangd.d"
    os.makedirs(project, exist_ok=True)
    source = os.path.join(project, os.path.basename(args.tmp) + ext)
    with open(source, "w", encoding="utf-8") as f:
        f.write(cleaned)
    with open(os.path.join(project, "compile_flags.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(compile_args) + "\n")
    # The check list goes into the same .clang-tidy as the test's options.
    checks = "Checks: %s" % json.dumps("-*," + args.check)
    config = (args.config or "").strip()
    if not config:
        tidy = checks + "\n"
    elif re.search(r"(^|[{,\s])Checks\s*:", config):
        tidy = config + "\n"
    elif config.startswith("{"):
        tidy = "{" + checks + ", " + config[1:] + "\n"
    else:
        tidy = checks + "\n" + config + "\n"
    with open(os.path.join(project, ".clang-tidy"), "w", encoding="utf-8") as f:
        f.write(tidy)
    with open(os.path.join(project, ".clangd"), "w", encoding="utf-8") as f:
        f.write("Diagnostics:\n  ClangTidy:\n    FastCheckFilter: Loose\n")

    try:
        diagnostics = lsp_client.diagnostics_of_file(args.clangd, source, 60.0)
    except lsp_client.ProtocolError as e:
        sys.stderr.write("clangd door: %s\n" % e)
        sys.exit(1)
    lines = cleaned.split("\n")
    ranges = []
    for d in diagnostics:
        code = str(d.get("code", ""))
        if d.get("severity") == 1:
            sys.stderr.write("clangd door: error %s: %s\n" % (code, d.get("message")))
            sys.exit(1)
        if d.get("source") == "clang-tidy" and code.startswith(CHECK_PREFIX):
            start, end = d["range"]["start"], d["range"]["end"]
            ranges.append(((start["line"] + 1, byte_column(lines, start["line"], start["character"])),
                           (end["line"] + 1, byte_column(lines, end["line"], end["character"])),
                           code))
    expected = leaklint_warnings(report, work)
    unmatched = []
    for line, col, name in expected:
        hit = next((r for r in ranges if r[2] == name and r[0] <= (line, col) <= r[1]), None)
        if hit is None:
            unmatched.append((line, col, name))
        else:
            ranges.remove(hit)
    if unmatched or ranges:
        sys.stderr.write("clangd door: leaklint-clangd and the %s door disagree\n" % door)
        for line, col, name in unmatched:
            sys.stderr.write("  only %s: %d:%d [%s]\n" % (door, line, col, name))
        for (sl, sc), (el, ec), name in ranges:
            sys.stderr.write("  only clangd: %d:%d-%d:%d [%s]\n" % (sl, sc, el, ec, name))
        sys.exit(1)


if __name__ == "__main__":
    main()
