#!/usr/bin/env python3
"""Golden outputs, for engine changes that must not change behaviour.

Runs a leaklint binary (all checks, JSON with notes and fixes, exported
summaries, leaks in main reported) over the accuracy corpora and the check
tests, one output file per input. Run it with the build before and after a
change and compare the two directories (`diff -r`): a pure refactoring leaves
them byte-identical.

  golden.py --leaklint BIN --out DIR [--corpus-dir WORK]

WORK (default: DIR/../corpora) receives the generated corpora.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def flags(path):
    """// FLAGS: of the first line, else the flags after `--` of a lit RUN line."""
    with open(path) as f:
        first = f.readline()
    if first.startswith("// FLAGS:"):
        return first[len("// FLAGS:"):].split()
    m = re.search(r"RUN: .*? -- (.*)$", first)
    if m:
        return m.group(1).replace("%S", os.path.dirname(path)).split()
    return ["-std=c11"] if path.endswith(".c") else ["-std=c++17"]


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--leaklint", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--corpus-dir")
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    work = os.path.abspath(args.corpus_dir or os.path.join(out, "..", "corpora"))
    os.makedirs(out, exist_ok=True)
    files = []
    for gen, sub in (("gen_corpus.py", "owning"), ("gen_thread_corpus.py", "thread")):
        d = os.path.join(work, sub)
        if not os.path.isdir(d):
            subprocess.run([sys.executable, os.path.join(HERE, gen), d],
                           check=True, stdout=subprocess.DEVNULL)
        files += sorted(glob.glob(os.path.join(d, "*")))
    files += sorted(glob.glob(os.path.join(ROOT, "test", "checks", "*.c*")))

    def run(path):
        name = os.path.basename(path)
        summaries = os.path.join(out, name + ".summaries")
        if os.path.exists(summaries):
            os.remove(summaries)
        config = ("{CheckOptions: {leaklint-owning-pointer.ExportSummaries: '%s', "
                  "leaklint-owning-pointer.IgnoreLeaksInMain: false}}" % summaries)
        p = subprocess.run([args.leaklint, "--format", "json", "-j", "1", "--config", config,
                            path, "--"] + flags(path),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        with open(os.path.join(out, name + ".json"), "w") as f:
            f.write(p.stdout.replace(args.leaklint, "LEAKLINT").replace(out, "OUT"))

    with ThreadPoolExecutor(2) as ex:
        list(ex.map(run, files))
    print("%d files -> %s" % (len(files), out))


if __name__ == "__main__":
    main()
