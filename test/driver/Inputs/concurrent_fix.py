#!/usr/bin/env python3
"""concurrent_fix.py ROUNDS RUNS SOURCE FIXED WORK -- LEAKLINT [ARGS...]

Each round copies SOURCE to WORK and starts RUNS `LEAKLINT --fix WORK ARGS`
processes at once (real processes, each bounded by a timeout), then checks
what they did:
  * exactly one run applied the fixes (exit 1, "applied N of N fixes in 1
    file");
  * every other run either found the file changed and left it (exit 2,
    "changed since it was analysed", "no file was changed") or analysed the
    already fixed file and found nothing (exit 0, no output);
  * WORK ends as FIXED, byte for byte, with no temporary file beside it.
Prints one line per round and a summary; any other outcome is printed as
"unexpected: ..." with the run's output."""
import filecmp
import os
import shutil
import subprocess
import sys

TIMEOUT = 300  # seconds per run: a bound, not an expectation


def classify(proc, out, err):
    if proc.returncode == 1 and "applied" in err and "in 1 file" in err:
        return "fixed"
    if (proc.returncode == 2 and "changed since it was analysed" in err
            and "no file was changed" in err):
        return "refused"
    if proc.returncode == 0 and not out and not err:
        return "clean"
    return "unexpected: exit %s\n%s%s" % (proc.returncode, out, err)


def round_of(runs, source, fixed, work, command):
    shutil.copyfile(source, work)
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
             for _ in range(runs)]
    outcomes = []
    for proc in procs:
        try:
            out, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            outcomes.append("unexpected: timeout\n")
            continue
        outcomes.append(classify(proc, out, err))
    problems = [o for o in outcomes if o.startswith("unexpected")]
    fixed_runs = outcomes.count("fixed")
    if fixed_runs != 1:
        problems.append("unexpected: %d runs applied the fixes" % fixed_runs)
    if not filecmp.cmp(work, fixed, shallow=False):
        with open(work, encoding="utf-8", errors="replace") as f:
            problems.append("unexpected: the file is not the fixed file:\n"
                            + f.read())
    leftovers = [n for n in os.listdir(os.path.dirname(work) or ".")
                 if ".leaklint-" in n]
    if leftovers:
        problems.append("unexpected: temporary files left: %s" % leftovers)
    return problems


def main():
    rounds, runs = int(sys.argv[1]), int(sys.argv[2])
    source, fixed, work = sys.argv[3:6]
    assert sys.argv[6] == "--"
    command = [sys.argv[7], "--fix", work] + sys.argv[8:]
    all_problems = []
    for i in range(rounds):
        problems = round_of(runs, source, fixed, work, command)
        print("round %d: %s" % (i + 1, "ok" if not problems else "FAILED"))
        all_problems += problems
    for p in all_problems:
        print(p)
    print("%d rounds of %d concurrent runs, %d unexpected outcomes"
          % (rounds, runs, len(all_problems)))
    return 1 if all_problems else 0


if __name__ == "__main__":
    sys.exit(main())
