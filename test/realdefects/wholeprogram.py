#!/usr/bin/env python3
"""Run the cases of wholeprogram.tsv in leaklint's whole-program mode.

    wholeprogram.py --leaklint BIN WORKDIR [--only ID,...] [--near N]

For each case and side (before, after) it writes WORKDIR/wholeprogram/<id>/<side>/
compile_commands.json: the case's file and the files wholeprogram.tsv names, all with the
case's flags from WORKDIR/cases.json (fetch.py), and runs
`leaklint --whole-program --no-cache -j 1 -p DIR --format=json`. Scored as score.py does,
except that a finding counts only within --near lines (default 10; a row's `near` column,
where cases of one function lie closer) of the case's line or with a note there that names
a place of the leak (allocated, lost), not a branch: in whole-program mode other real leaks
of the same function appear (Loopy's validate_desc also loses the grid description, which
another patch fixes).
Prints one row per case and every finding in the case's file.
"""
import argparse
import csv
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import score  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--leaklint", required=True)
    ap.add_argument("workdir")
    ap.add_argument("--only")
    ap.add_argument("--near", type=int, default=10)
    a = ap.parse_args()
    bin_ = os.path.abspath(a.leaklint)
    work = os.path.abspath(a.workdir)
    with open(os.path.join(work, "cases.json")) as f:
        cases = {c["id"]: c for c in json.load(f)}
    with open(os.path.join(HERE, "wholeprogram.tsv"), newline="") as f:
        rows = list(csv.DictReader((l for l in f if not l.startswith("#")), delimiter="\t"))
    if a.only:
        keep = set(a.only.split(","))
        rows = [r for r in rows if r["id"] in keep]
    found = both = 0
    for row in rows:
        c = cases[row["id"]]
        extra = [] if row["flags"] == "-" else row["flags"].split()
        r = {}
        for side in ("before", "after"):
            s = c[side]
            d = os.path.join(work, "wholeprogram", c["id"], side)
            os.makedirs(d, exist_ok=True)
            files = [s["file"]] + [os.path.join(s["root"], p) for p in row["files"].split()]
            db = [{"directory": s["root"], "file": p, "arguments": ["clang-19", "-c", p] + s["args"] + extra}
                  for p in files]
            with open(os.path.join(d, "compile_commands.json"), "w") as f:
                json.dump(db, f, indent=1)
            p = subprocess.run([bin_, "--whole-program", "--no-cache", "-j", "1", "--quiet", "--format=json",
                                "-p", d], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            try:
                doc = json.loads(p.stdout)
            except ValueError:
                doc = {"findings": [], "errors": [p.stderr[-2000:]]}
            real = os.path.realpath(s["file"])
            r[side] = {"findings": [{"check": x["check"], "line": x["line"], "message": x["message"],
                                     "notes": score.place_notes(x, real)}
                                    for x in doc.get("findings", []) if os.path.realpath(x["file"]) == real],
                       "errors": doc.get("errors", [])}
            r[side + "_ranges"] = score.func_ranges(s["file"], s["args"], s["root"], s.get("function", c["function"]))
        near = int(row["near"]) if row.get("near") not in (None, "", "-") else a.near
        fb, sa = score.judge(c, r, "before", "after", c["check"], near)
        found += fb is True
        both += fb is True and sa is True
        errs = [side for side in ("before", "after") if r[side]["errors"]]
        print("%-34s found %-3s silent-after %-3s%s" % (c["id"], score.yn(fb), score.yn(sa),
                                                         "  errors: " + ",".join(errs) if errs else ""))
        for side in ("before", "after"):
            for x in r[side]["findings"]:
                print("    %s %s:%d %s" % (side, c["file"], x["line"], x["message"]))
    print("\nwhole-program: found %d/%d  found and silent after %d/%d" % (found, len(rows), both, len(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
