#!/usr/bin/env python3
"""Scoreboard: runs leaklint-owning-pointer (and optionally the Clang Static
Analyzer's leak checkers) over the corpus written by gen_corpus.py and prints
detection rate (bad files flagged) and false-alarm rate (good files flagged).

  score.py --leaklint BUILD/bin/leaklint CORPUS [--analyzer clang-19] [-v]
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
    return ["-std=c11"] if path.endswith(".c") else ["-std=c++17"]


def run_leaklint(tool, path):
    out = subprocess.run([tool, "--checks=-*,leaklint-owning-pointer", "--quiet",
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


def score(name, fn, files, verbose):
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
    if verbose:
        for f in sorted(set(bad) - set(tp)):
            print("  missed:", os.path.basename(f))
        for f in sorted(fp):
            print("  false alarm:", os.path.basename(f), results[f][:1])
    return results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--leaklint", required=True)
    ap.add_argument("--analyzer", default=None)
    ap.add_argument("-v", action="store_true")
    ap.add_argument("corpus")
    a = ap.parse_args()
    files = sorted(os.path.join(a.corpus, f) for f in os.listdir(a.corpus)
                   if f.endswith((".c", ".cpp")))
    if not files:
        sys.exit("no corpus files in " + a.corpus)
    score("leaklint", lambda f: run_leaklint(a.leaklint, f), files, a.v)
    if a.analyzer:
        score("analyzer", lambda f: run_analyzer(a.analyzer, f), files, a.v)


if __name__ == "__main__":
    main()
