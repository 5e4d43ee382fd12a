#!/usr/bin/env python3
"""CPU time (user+sys) of the leaklint driver running leaklint-owning-pointer against `clang -fsyntax-only` (and
`clang --analyze` with the leak checkers) on the same TUs, best of N runs. The driver ratio includes the driver's
own fixed cost; the check alone: clang-tidy --enable-check-profile.
  bench.py --leaklint BUILD/bin/leaklint [--runs 3] FILE... [-- FLAGS]"""
import argparse
import os
import subprocess
import sys

CHECKERS = "cplusplus.NewDeleteLeaks,unix.Malloc,unix.Stream"


def cpu(cmd):
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execvp(cmd[0], cmd)
    _, _, ru = os.wait4(pid, 0)
    return ru.ru_utime + ru.ru_stime


def best(cmd, runs):
    return min(cpu(cmd) for _ in range(runs))


def main():
    argv = sys.argv[1:]
    flags = []
    if "--" in argv:
        i = argv.index("--")
        flags = argv[i + 1:]
        argv = argv[:i]
    ap = argparse.ArgumentParser()
    ap.add_argument("--leaklint", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("files", nargs="+")
    a = ap.parse_args(argv)
    tot = [0.0, 0.0, 0.0, 0.0]
    print("%-40s %9s %9s %9s %7s %7s" % ("file", "syntax", "leaklint", "analyze",
                                      "ll/syn", "csa/syn"))
    for f in a.files:
        fl = flags or (["-std=gnu11"] if f.endswith(".c") else ["-std=c++17"])
        cc = "clang-19" if f.endswith(".c") else "clang++-19"
        syn = best([cc, "-fsyntax-only", f] + fl, a.runs)
        ll = best([a.leaklint, "--checks=-*,leaklint-owning-pointer", "--quiet", f, "--"] + fl, a.runs)
        csa = best([cc, "--analyze", "-o", "/dev/null", "-Xclang",
                    "-analyzer-checker=" + CHECKERS, f] + fl, a.runs)
        for i, v in enumerate((syn, ll, 0.0, csa)):
            tot[i] += v
        print("%-40s %8.2fs %8.2fs %8.2fs %7.2f %7.2f" % (os.path.basename(f)[-40:], syn, ll,
                                                         csa, ll / syn, csa / syn))
    print("%-40s %8.2fs %8.2fs %8.2fs %7.2f %7.2f" % ("TOTAL", tot[0], tot[1], tot[3],
                                                     tot[1] / tot[0], tot[3] / tot[0]))


if __name__ == "__main__":
    main()
