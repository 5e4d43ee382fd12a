#!/usr/bin/env python3
"""Measures what leaklint costs next to parsing.

Runs `clang-19 -fsyntax-only` and `leaklint` (and, with --analyze, the Clang
Static Analyzer's leak checkers) on the same translation units in the same
run, interleaved, several repetitions, and prints per-file and total times
(median of the repetitions) and the ratio leaklint / syntax-only.

    scripts/bench.py [options] FILE... [-- COMPILER FLAGS]
    scripts/bench.py [options] -p BUILD_DIR [FILE...]
    scripts/bench.py [options] --corpus WORK [--sample N]   (a real-code corpus)
    scripts/bench.py --per-check ...   (also each check alone)

With -p, the flags come from BUILD_DIR/compile_commands.json (all of its files
unless some are named). Without -p, the flags after `--` are used for every
file (default: -std=c++17).

leaklint parses the file too, so a ratio of 1.10 means the checks (and the
driver around them) cost 10% of the parse. The last line is:

    ratio leaklint/syntax-only: R (checks cost +P% of parsing)
"""
import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ANALYZER_CHECKERS = "cplusplus.NewDeleteLeaks,unix.Malloc,unix.Stream"


class Unit:
    """One translation unit: its file, its working directory, its flags."""

    def __init__(self, file, directory, flags, db=None, package=None):
        self.file = file
        self.directory = directory
        self.flags = flags
        self.db = db            # the directory of its compile_commands.json
        self.package = package  # --corpus: the package it belongs to


def flags_from_command(args, file, directory="."):
    """Drops the compiler, the output and the input file from a compile
    command, keeping what affects parsing (-I, -D, -std, ...). The input file
    is recognised however the command names it (relative to `directory`, the
    command's working directory): left in, it would be parsed twice."""
    target = os.path.abspath(os.path.join(directory, file))
    out = []
    skip = False
    for i, a in enumerate(args[1:]):
        if skip:
            skip = False
            continue
        if a in ("-c", "-S", "-E", "-M", "-MM", "-MD", "-MMD"):
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a.startswith("-o") and len(a) > 2:
            continue
        if a.startswith(("-MF", "-MT", "-MQ")):
            continue
        if a == file or os.path.abspath(os.path.join(directory, a)) == target:
            continue
        out.append(a)
    return out


def units_from_database(build_dir, wanted):
    path = os.path.join(build_dir, "compile_commands.json")
    try:
        with open(path) as f:
            entries = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit("bench.py: cannot read %s: %s" % (path, e))
    wanted = {os.path.realpath(w) for w in wanted}
    units = []
    for e in entries:
        directory = e.get("directory", build_dir)
        file = e["file"]
        if not os.path.isabs(file):
            file = os.path.join(directory, file)
        if wanted and os.path.realpath(file) not in wanted:
            continue
        args = e.get("arguments") or shlex.split(e.get("command", ""))
        units.append(Unit(file, directory,
                          flags_from_command(args, e["file"], directory)))
    if wanted and len(units) < len(wanted):
        sys.exit("bench.py: some files are not in %s" % path)
    return units


def units_from_corpus(work, sample):
    """`sample` translation units of every package of a real-code corpus
    (test/realcode/fetch.sh's WORK/db/<package>/compile_commands.json),
    evenly spaced in the database's order, so that the same files are
    measured every time."""
    units = []
    for package in sorted(os.listdir(os.path.join(work, "db"))):
        db = os.path.join(work, "db", package)
        if not os.path.isfile(os.path.join(db, "compile_commands.json")):
            continue
        all_units = units_from_database(db, [])
        step = max(1, len(all_units) // sample)
        for u in all_units[::step][:sample]:
            u.db, u.package = db, package
            units.append(u)
    return units


def time_run(cmd, cwd, ok_codes):
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in ok_codes:
        sys.exit("bench.py: command failed (exit %d):\n  %s\n%s"
                 % (proc.returncode, " ".join(map(shlex.quote, cmd)),
                    proc.stderr))
    return elapsed


def shown(path):
    """The path relative to the current directory when it is below it."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def default_leaklint():
    for candidate in (os.path.join(ROOT, "build", "bin", "leaklint"),
                      shutil.which("leaklint")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def main():
    argv = sys.argv[1:]
    extra = None
    if "--" in argv:
        i = argv.index("--")
        extra, argv = argv[i + 1:], argv[:i]
    p = argparse.ArgumentParser(
        description="Times clang -fsyntax-only against leaklint on the same "
                    "translation units.")
    p.add_argument("files", nargs="*", help="source files")
    p.add_argument("-p", dest="build_dir",
                   help="directory holding compile_commands.json")
    p.add_argument("--corpus", metavar="WORK",
                   help="a real-code corpus (test/realcode/fetch.sh's work "
                        "directory): --sample files of every package")
    p.add_argument("--sample", type=int, default=5,
                   help="with --corpus: files per package (default: 5)")
    p.add_argument("-r", "--repetitions", type=int, default=5,
                   help="runs of each tool per file (default: 5)")
    p.add_argument("--checks", help="leaklint --checks globs (default: all "
                                    "leaklint checks)")
    p.add_argument("--leaklint", default=default_leaklint(),
                   help="leaklint binary (default: build/bin/leaklint)")
    p.add_argument("--clang", default=shutil.which("clang-19") or "clang-19",
                   help="clang binary (default: clang-19)")
    p.add_argument("--per-check", action="store_true",
                   help="also time leaklint with each enabled check alone, "
                        "to see which check costs what")
    p.add_argument("--analyze", action="store_true",
                   help="also time clang --analyze with the Static Analyzer "
                        "checkers " + ANALYZER_CHECKERS)
    args = p.parse_args(argv)

    if args.repetitions < 1:
        p.error("--repetitions must be at least 1")
    if not args.leaklint or not os.path.exists(args.leaklint):
        p.error("leaklint binary not found; build it or pass --leaklint")
    # Each tool runs in its compile command's directory.
    args.leaklint = os.path.abspath(args.leaklint)
    if args.build_dir:
        args.build_dir = os.path.abspath(args.build_dir)
    if args.corpus:
        if args.build_dir or args.files or extra is not None:
            p.error("--corpus takes no files, -p or flags")
        units = units_from_corpus(os.path.abspath(args.corpus), args.sample)
    elif args.build_dir:
        if extra is not None:
            p.error("give either -p or flags after --, not both")
        units = units_from_database(args.build_dir, args.files)
    else:
        if not args.files:
            p.error("name source files, or pass -p BUILD_DIR")
        flags = extra if extra else ["-std=c++17"]
        units = [Unit(os.path.abspath(f), os.getcwd(), flags)
                 for f in args.files]
    for u in units:
        if not os.path.isfile(u.file):
            p.error("no such file: %s" % u.file)
    if not units:
        p.error("no translation unit to measure")

    tools = ["syntax-only", "leaklint"] + (["analyze"] if args.analyze else [])
    single_checks = []
    if args.per_check:
        listed = subprocess.run(
            [args.leaklint, "--list-checks"] +
            (["--checks=" + args.checks] if args.checks else []),
            stdout=subprocess.PIPE, text=True, check=True).stdout
        single_checks = [l.strip() for l in listed.splitlines()[1:] if l.strip()]
        tools += ["check:" + c for c in single_checks]

    # The cache would answer the repeats: every run must analyse.
    no_cache = (["--no-cache"] if "--no-cache" in subprocess.run(
        [args.leaklint, "--help"], capture_output=True, text=True).stdout else [])

    def command(tool, u):
        if tool == "syntax-only":
            return [args.clang, "-fsyntax-only"] + u.flags + [u.file]
        if tool == "analyze":
            return ([args.clang, "--analyze", "-Xanalyzer",
                     "-analyzer-checker=" + ANALYZER_CHECKERS,
                     "-Xanalyzer", "-analyzer-output=text", "-o", os.devnull]
                    + u.flags + [u.file])
        cmd = [args.leaklint, "--quiet", "-j", "1"] + no_cache
        if tool.startswith("check:"):
            cmd.append("--checks=-*," + tool[len("check:"):])
        elif args.checks:
            cmd.append("--checks=" + args.checks)
        if u.db or args.build_dir:
            return cmd + ["-p", u.db or args.build_dir, u.file]
        return cmd + [u.file, "--"] + u.flags

    # leaklint exits 1 when it finds something: that is a successful run.
    # A file of the corpus that does not compile (hiredis.c, which clang-19
    # rejects for a function pointer's type) measures nothing: left out, and
    # said so. Files named on the command line must compile.
    if args.corpus:
        kept = []
        for u in units:
            if subprocess.run(command("syntax-only", u), cwd=u.directory,
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode == 0:
                kept.append(u)
            else:
                print("bench.py: left out, does not compile: %s"
                      % shown(u.file), file=sys.stderr)
        units = kept
        if not units:
            p.error("no translation unit of the corpus compiles")

    ok = {"syntax-only": (0,), "leaklint": (0, 1), "analyze": (0,)}
    ok.update({"check:" + c: (0, 1) for c in single_checks})
    times = {(t, u.file): [] for t in tools for u in units}
    # Interleave the tools so that a slow phase of the machine hits all alike.
    for _ in range(args.repetitions):
        for u in units:
            for t in tools:
                times[(t, u.file)].append(
                    time_run(command(t, u), u.directory, ok[t]))

    med = {k: statistics.median(v) for k, v in times.items()}
    width = max(len(shown(u.file)) for u in units)
    header = "%-*s  %12s  %12s  %8s" % (width, "file", "syntax-only",
                                        "leaklint", "ratio")
    if args.analyze:
        header += "  %12s  %8s" % ("analyze", "ratio")
    print("%d repetitions, median times in seconds" % args.repetitions)
    print(header)
    total = {t: 0.0 for t in tools}
    for u in units:
        s, l = med[("syntax-only", u.file)], med[("leaklint", u.file)]
        line = "%-*s  %12.3f  %12.3f  %8.2f" % (width, shown(u.file),
                                                s, l, l / s)
        if args.analyze:
            a = med[("analyze", u.file)]
            line += "  %12.3f  %8.2f" % (a, a / s)
        print(line)
        for t in tools:
            total[t] += med[(t, u.file)]
    line = "%-*s  %12.3f  %12.3f  %8.2f" % (
        width, "total", total["syntax-only"], total["leaklint"],
        total["leaklint"] / total["syntax-only"])
    if args.analyze:
        line += "  %12.3f  %8.2f" % (total["analyze"],
                                     total["analyze"] / total["syntax-only"])
    print(line)
    ratio = total["leaklint"] / total["syntax-only"]
    packages = sorted({u.package for u in units if u.package})
    for pkg in packages:
        mine = [u for u in units if u.package == pkg]
        s_ = sum(med[("syntax-only", u.file)] for u in mine)
        l_ = sum(med[("leaklint", u.file)] for u in mine)
        print("package %s (%d files): %.3f s / %.3f s, ratio %.2f"
              % (pkg, len(mine), s_, l_, l_ / s_))
    if args.analyze:
        print("ratio analyze/syntax-only: %.2f" %
              (total["analyze"] / total["syntax-only"]))
    for c in single_checks:
        r = total["check:" + c] / total["syntax-only"]
        print("ratio %s alone/syntax-only: %.2f" % (c, r))
    print("ratio leaklint/syntax-only: %.2f (checks cost %+.0f%% of parsing)"
          % (ratio, (ratio - 1) * 100))
    return 0


if __name__ == "__main__":
    sys.exit(main())
