#!/usr/bin/env python3
"""Run leaklint over the whole directories of the real-defect corpus's case files.

    sweep.py --leaklint BIN WORKDIR --label NAME [-j 2] [--timeout 120]
    sweep.py WORKDIR --diff OLD NEW

The cases (cases.json, written by fetch.py) name 17 packages and one file each; their
directories hold hundreds of other C files of the same projects, compiled with the same
flags. This runs a leaklint binary over every C and C++ file in those directories of the
"after" trees (the patched sources), with the flags of a case in that directory, and stores
the findings in WORKDIR/sweep/NAME.json. Files that do not parse with those flags (generated
headers, other configurations) are counted and skipped. --diff prints the findings that one
stored run has and the other has not: what a change to leaklint adds or removes on code it
was not written for, to be read one by one (the verdicts go to sweep.md).
"""
import argparse, concurrent.futures, json, os, subprocess, sys


def units(work):
    with open(os.path.join(work, "cases.json")) as f:
        cases = json.load(f)
    seen = {}
    for c in cases:
        side = c["after"]
        d = os.path.dirname(side["file"])
        if d in seen:
            continue
        seen[d] = side
    out = []
    for d, side in sorted(seen.items()):
        for name in sorted(os.listdir(d)):
            if name.endswith((".c", ".cc", ".cpp")):
                out.append({"root": side["root"], "file": os.path.join(d, name),
                            "args": side["args"] + (["-x", "c"] if name.endswith(".c") else [])})
    return out


def run(bin_, u, timeout):
    cmd = [bin_, "--format=json", u["file"], "--"] + u["args"]
    try:
        r = subprocess.run(cmd, cwd=u["root"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, timeout=timeout, errors="replace")
    except subprocess.TimeoutExpired:
        return {"file": u["file"], "status": "timeout", "findings": []}
    try:
        doc = json.loads(r.stdout)
    except ValueError:
        return {"file": u["file"], "status": "error", "findings": []}
    status = "ok" if r.returncode in (0, 1) and not doc.get("errors") else "error"
    finds = [{"file": os.path.relpath(f["file"], os.path.dirname(u["root"])), "line": f["line"],
              "column": f.get("column"), "check": f["check"], "message": f["message"]}
             for f in doc.get("findings", [])]
    return {"file": u["file"], "status": status, "findings": finds}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("workdir")
    ap.add_argument("--leaklint")
    ap.add_argument("--label")
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--diff", nargs=2, metavar=("OLD", "NEW"))
    a = ap.parse_args()
    work = os.path.abspath(a.workdir)
    outdir = os.path.join(work, "sweep")
    if a.diff:
        def load(label):
            with open(os.path.join(outdir, label + ".json")) as f:
                doc = json.load(f)
            return {(x["file"], x["line"], x["check"], x["message"])
                    for r in doc["units"] for x in r["findings"]}
        old, new = load(a.diff[0]), load(a.diff[1])
        for tag, s in (("-", old - new), ("+", new - old)):
            for f in sorted(s):
                print("%s %s:%d: %s [%s]" % (tag, f[0], f[1], f[3], f[2]))
        print("%d removed, %d added" % (len(old - new), len(new - old)), file=sys.stderr)
        return 0
    if not a.leaklint or not a.label:
        ap.error("--leaklint and --label are required to run")
    us = units(work)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.j)) as ex:
        results = list(ex.map(lambda u: run(os.path.abspath(a.leaklint), u, a.timeout), us))
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, a.label + ".json"), "w") as f:
        json.dump({"units": results}, f, indent=1)
    ok = sum(r["status"] == "ok" for r in results)
    n = sum(len(r["findings"]) for r in results)
    print("%d files, %d analysed, %d did not parse or timed out; %d findings"
          % (len(results), ok, len(results) - ok, n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
