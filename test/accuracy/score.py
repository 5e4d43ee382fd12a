#!/usr/bin/env python3
"""Scoreboard: runs a leaklint check (leaklint-owning-pointer unless --checks
says otherwise; optionally also the Clang Static Analyzer's leak checkers)
over a corpus of <case>.bad.* / <case>.good.* files (gen_corpus.py,
gen_thread_corpus.py) and prints the detection rate (bad files flagged) and
the false-alarm rate (good files flagged). A file that clang does not parse is
a corpus error, counted apart. --fields names the '_'-separated parts of the
case names to break the rates down by (e.g. variant,kind,fix).

  score.py --leaklint BUILD/bin/leaklint CORPUS [--checks CHECK] [--fields F,..]
           [--analyzer clang-19] [-v]
"""
import argparse
import collections
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

LEAK_CHECKERS = "cplusplus.NewDeleteLeaks,unix.Malloc,unix.Stream,unix.MismatchedDeallocator"


def flags(path):
    """The flags of a file's first line `// FLAGS: ...`, else the default standard."""
    with open(path) as f:
        first = f.readline()
    if first.startswith("// FLAGS:"):
        return first[len("// FLAGS:"):].split()
    return ["-std=c11"] if path.endswith(".c") else ["-std=c++17"]


def parse_error(path):
    """The first error clang reports on the file, or None if it parses."""
    clang = "clang-19" if path.endswith(".c") else "clang++-19"
    out = subprocess.run([clang, "-fsyntax-only", path] + flags(path),
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if out.returncode == 0:
        return None
    return (re.findall(r"error: (.*)", out.stdout) or [out.stdout.strip()[:200]])[0]


def run_leaklint(tool, path, check="leaklint-owning-pointer"):
    out = subprocess.run([tool, "--checks=-*," + check, "--quiet",
                          path, "--"] + flags(path),
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
    return re.findall(r"warning: (.*)", out)


def run_analyzer(clang, path):
    cmd = [clang, "--analyze", "-o", "/dev/null", "-Xclang", "-analyzer-checker=" + LEAK_CHECKERS,
           path] + flags(path)
    if path.endswith(".cpp"):
        cmd[0] = clang.replace("clang-", "clang++-")
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
    return [w for w in re.findall(r"warning: (.*)", out)
            if re.search(r"leak|never closed|Memory allocated by|should be deallocated", w, re.I)]


def case_of(path):
    return re.sub(r"\.(bad|good)\.[^.]+$", "", os.path.basename(path))


def breakdown(fields, bad, good, tp, fp):
    """Per value of each named field of the case names: detected and false alarms."""
    for i, field in enumerate(fields):
        print("  by %s:" % field)
        keys = sorted({case_of(f).split("_")[i] for f in bad + good if len(case_of(f).split("_")) > i})
        for key in keys:
            def of(group):
                return [f for f in group if case_of(f).split("_")[i:i + 1] == [key]]
            print("    %-20s detected %3d/%-3d false alarms %3d/%d"
                  % (key, len(of(tp)), len(of(bad)), len(of(fp)), len(of(good))))


def score(name, fn, files, verbose, fields=()):
    t0 = time.time()
    with ThreadPoolExecutor(2) as ex:
        results = dict(zip(files, ex.map(fn, files)))
    dt = time.time() - t0
    bad = [f for f in files if ".bad." in f]
    good = [f for f in files if ".good." in f]
    tp = [f for f in bad if results[f]]
    fp = [f for f in good if results[f]]
    print("%-10s detected %d/%d leaking (%.1f%%), false alarms %d/%d fixed (%.1f%%), %.1fs"
          % (name, len(tp), len(bad), 100.0 * len(tp) / max(1, len(bad)),
             len(fp), len(good), 100.0 * len(fp) / max(1, len(good)), dt))
    right = {case_of(f) for f in tp} - {case_of(f) for f in fp}
    print("%-10s pairs right (bad flagged, good silent): %d/%d"
          % (name, len(right), len({case_of(f) for f in bad})))
    breakdown(fields, bad, good, tp, fp)
    if verbose:
        for f in sorted(set(bad) - set(tp)):
            print("  missed:", os.path.basename(f))
        for f in sorted(fp):
            print("  false alarm:", os.path.basename(f), results[f][:1])
    return results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--leaklint", required=True)
    ap.add_argument("--checks", default="leaklint-owning-pointer", help="the one check to run")
    ap.add_argument("--fields", default="", help="names of the '_'-separated parts of case names")
    ap.add_argument("--analyzer", default=None)
    ap.add_argument("-v", action="store_true")
    ap.add_argument("corpus")
    a = ap.parse_args()
    files = sorted(os.path.join(a.corpus, f) for f in os.listdir(a.corpus)
                   if f.endswith((".c", ".cpp")))
    if not files:
        sys.exit("no corpus files in " + a.corpus)
    with ThreadPoolExecutor(2) as ex:
        errors = {f: e for f, e in zip(files, ex.map(parse_error, files)) if e}
    if errors:
        print("corpus errors: %d file(s) do not parse, left out of the rates" % len(errors))
        for f in sorted(errors):
            print("  corpus error:", os.path.basename(f), errors[f])
        files = [f for f in files if f not in errors]
    fields = [x for x in a.fields.split(",") if x]
    score("leaklint", lambda f: run_leaklint(a.leaklint, f, a.checks), files, a.v, fields)
    if a.analyzer:
        score("analyzer", lambda f: run_analyzer(a.analyzer, f), files, a.v, fields)


if __name__ == "__main__":
    main()
