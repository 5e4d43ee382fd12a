#!/usr/bin/env python3
"""Score leaklint (and optionally the Clang Static Analyzer) on the real-defect corpus.

    score.py --leaklint BIN WORKDIR [--sa] [--only ID,...] [-j 2] [--near N] [--fresh]

WORKDIR is the directory fetch.py filled. For each case leaklint runs on the before file
and on the after file (`leaklint --format=json FILE -- ARGS`, in the tree's root).

* found before: a finding of the case's check inside the leaking function (its extent in
  the before file, from clang's AST dump) within --near lines of the recorded line (default:
  anywhere in the function);
* silent after: no finding of that check inside the same function of the after file.

--sa also runs `clang-19 --analyze` (unix.Malloc, cplusplus.NewDeleteLeaks, unix.Stream: in
Clang 19 the stream checker is no longer alpha) and scores its leak warnings the same way. Results are cached in
WORKDIR/results/ (--fresh reruns). Prints one row per case and the totals per check.
"""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys

SA_CHECKERS = "unix.Malloc,cplusplus.NewDeleteLeaks,unix.Stream"
SA_LEAK = re.compile(r"^(.*?):(\d+):(\d+): warning: (.*) \[([\w.]+)\]$")
LOC = re.compile(r"<(.*?)>")


def func_ranges(path, args, cwd, name):
    """Line ranges [(begin, end)] of the definitions named `name` (a function, method or
    class; `Cls::name` or `name`) in `path` itself, from clang's filtered AST dump."""
    simple = name.split("::")[-1]
    lang = ["-x", "c++"] if path.endswith((".h", ".hpp", ".hh")) else []
    if "-x" in args:  # the case's language; clang applies -x to the inputs after it
        i = args.index("-x")
        lang, args = args[i:i + 2], args[:i] + args[i + 2:]
    cmd = ["clang-19", "-fsyntax-only", "-w", "-ferror-limit=0", "-Xclang", "-ast-dump",
           "-Xclang", "-ast-dump-filter=" + simple] + lang + [path] + args
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                         errors="replace")
    ranges = []
    want = None
    real = os.path.realpath(path)
    for line in p.stdout:
        if line.startswith("Dumping "):
            q = line[len("Dumping "):].rstrip().rstrip(":")
            want = q == name or q.endswith("::" + name) or (q == simple and "::" not in name)
            continue
        if want is None or not want:
            continue
        want = None
        r = decl_range(line, cwd, real)
        if r:
            ranges.append(r)
    p.wait()
    return ranges


def _loc(text, last_file):
    """(file, line) of one location of the text AST dump; the dump leaves out the file
    (`line:N:C`) and the line (`col:C`) when they are those of the previous location."""
    if text.startswith("col:"):
        return last_file, None
    if text.startswith("line:"):
        return last_file, int(text.split(":")[1])
    m = re.match(r"(.+):(\d+):(\d+)$", text)
    if not m:
        return last_file, None
    return m.group(1), int(m.group(2))


def decl_range(line, cwd, real):
    """(begin, end) lines of a declaration line of the dump, in the file `real`, or None.
    The begin is the name's line when the declaration starts in a macro of another file
    (a `bool` return type from <stdbool.h>)."""
    m = re.search(r"<([^<>]*)> (\S+)", line)
    if not m:
        return None
    parts = [x.strip() for x in m.group(1).split(",")]
    if len(parts) != 2:
        return None
    bfile, bline = _loc(parts[0], None)
    efile, eline = _loc(parts[1], bfile)
    nfile, nline = _loc(m.group(2), efile)
    same = lambda f: f is not None and os.path.realpath(os.path.join(cwd, f)) == real
    if parts[1].startswith("col:"):  # it ends on the line it begins: `T &operator=(T &&) = default;`
        eline = bline
    if not same(efile) or eline is None:
        return None
    begin = bline if same(bfile) and bline else (nline if same(nfile) else None)
    if begin is None or eline < begin:
        return None
    return begin, eline


def run_leaklint(bin_, side, timeout):
    cmd = [bin_, "--format=json", side["file"], "--"] + side["args"]
    try:
        r = subprocess.run(cmd, cwd=side["root"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=timeout, errors="replace")
    except subprocess.TimeoutExpired:
        return {"rc": "timeout", "findings": [], "errors": ["timeout"]}
    try:
        doc = json.loads(r.stdout)
    except ValueError:
        doc = {"findings": [], "errors": [r.stderr[-2000:]]}
    real = os.path.realpath(side["file"])
    finds = [{"check": f["check"], "line": f["line"], "message": f["message"],
              "notes": place_notes(f, real)}
             for f in doc.get("findings", []) if os.path.realpath(f["file"]) == real]
    errs = doc.get("errors", [])
    if r.returncode == 2 and not errs:
        errs = [r.stderr[-2000:]]
    return {"rc": r.returncode, "findings": finds, "errors": errs}


def run_sa(side, timeout, function=None):
    # In C, start the analysis at the leaking function only (its callees are still inlined):
    # whole files of libxml2 or gnutls take minutes on a loaded machine.
    only = (["-Xanalyzer", "-analyze-function=" + function]
            if function and "::" not in function and side["file"].endswith(".c") else [])
    cmd = ["clang-19", "--analyze", "-Xanalyzer", "-analyzer-checker=" + SA_CHECKERS,
           "-Xanalyzer", "-analyzer-output=text"] + only + ["-o", os.devnull, side["file"]] + side["args"]
    try:
        r = subprocess.run(cmd, cwd=side["root"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=timeout, errors="replace")
    except subprocess.TimeoutExpired:
        return {"rc": "timeout", "findings": []}
    real = os.path.realpath(side["file"])
    finds = []
    for l in r.stderr.splitlines():
        m = SA_LEAK.match(l)
        msg = m.group(4).lower() if m else ""
        if m and ("leak" in msg or "never closed" in msg) \
                and os.path.realpath(os.path.join(side["root"], m.group(1))) == real:
            finds.append({"check": m.group(5), "line": int(m.group(2)), "message": m.group(4)})
    errs = [l for l in r.stderr.splitlines() if ": error: " in l or l.startswith("error: ")]
    return {"rc": r.returncode, "findings": finds, "errors": errs[:5]}


def cached(path, fresh, fn):
    if not fresh and os.path.exists(path):
        with open(path) as f:
            return json.load(f)
    res = fn()
    with open(path, "w") as f:
        json.dump(res, f, indent=1)
    return res


def in_ranges(line, ranges):
    return any(b <= line <= e for b, e in ranges)


def score_case(c, a, resdir):
    out = {"id": c["id"]}
    for side in ("before", "after"):
        s = c[side]
        out[side + "_ranges"] = cached(os.path.join(resdir, "%s.%s.ranges.json" % (c["id"], side)), a.fresh,
                                       lambda: func_ranges(s["file"], s["args"], s["root"],
                                                           s.get("function", c["function"])))
        out[side] = cached(os.path.join(resdir, "%s.%s.leaklint.json" % (c["id"], side)), a.fresh,
                           lambda: run_leaklint(a.leaklint, s, a.timeout))
        if a.sa:
            out[side + "_sa"] = cached(os.path.join(resdir, "%s.%s.sa.json" % (c["id"], side)), a.fresh,
                                       lambda: run_sa(s, a.timeout, c["function"]))
    return out


def place_notes(finding, real):
    """The lines of a finding's notes in file `real` that name a place of the leak (where it
    is allocated, lost, lost the same way), not a branch the path took ("assuming ...")."""
    return [n["line"] for n in finding.get("notes", [])
            if os.path.realpath(n["file"]) == real and " here" in n.get("message", "")]


def judge(c, r, key_b, key_a, check, near):
    """(found before, silent after) for the findings under key_b/key_a."""
    rb, ra = r["before_ranges"], r["after_ranges"]
    if not rb:
        return "?", "?"
    # Overloads (two `connect`s): the one that holds the case's line, and the
    # definition in the same place among them after the fix.
    if len(rb) > 1 and ra and len(ra) == len(rb):
        rb, ra = sorted(rb), sorted(ra)
        k = next((i for i, (b, e) in enumerate(rb) if b <= c["line"] <= e), None)
        if k is not None:
            rb, ra = [rb[k]], [ra[k]]
    def ok(f, ranges, side):
        if check and f["check"] != check:
            return False
        if not in_ranges(f["line"], ranges):
            return False
        if side == "before" and near is not None:
            return abs(f["line"] - c["line"]) <= near or any(abs(n - c["line"]) <= near
                                                              for n in f.get("notes", []))
        return True
    fb = any(ok(f, rb, "before") for f in r[key_b]["findings"])
    sa = not any(ok(f, ra or rb, "after") for f in r[key_a]["findings"]) if ra else "?"
    return fb, sa


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--leaklint", required=True)
    ap.add_argument("workdir")
    ap.add_argument("--sa", action="store_true", help="also run clang-19 --analyze")
    ap.add_argument("--only")
    ap.add_argument("-j", type=int, default=1)
    ap.add_argument("--near", type=int, default=None,
                    help="a finding counts only within N lines of the case's line (or with a note there)")
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("--fresh", action="store_true")
    ap.add_argument("--json", help="write the per-case results here")
    a = ap.parse_args()
    a.leaklint = os.path.abspath(a.leaklint)
    work = os.path.abspath(a.workdir)
    with open(os.path.join(work, "cases.json")) as f:
        cases = json.load(f)
    if a.only:
        keep = set(a.only.split(","))
        cases = [c for c in cases if c["id"] in keep]
    tag = re.sub(r"\W+", "_", os.path.basename(os.path.dirname(os.path.dirname(a.leaklint))) or "leaklint")
    resdir = os.path.join(work, "results", tag)
    os.makedirs(resdir, exist_ok=True)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(a.j, 2))) as ex:
        results = list(ex.map(lambda c: score_case(c, a, resdir), cases))

    rows = []
    totals = {}
    hdr = ["case", "package", "check", "kind", "found", "silent-after", "errors"]
    if a.sa:
        hdr += ["SA found", "SA silent-after"]
    for c, r in zip(cases, results):
        fb, sa = judge(c, r, "before", "after", c["check"], a.near)
        errs = ("before" if r["before"]["errors"] else "") + (" after" if r["after"]["errors"] else "")
        row = [c["id"], c["package"].replace("github:", "gh:"), c["check"].replace("leaklint-", ""),
               c["kind"], yn(fb), yn(sa), errs.strip() or "-"]
        if a.sa:
            sfb, ssa = judge(c, r, "before_sa", "after_sa", None, a.near)
            row += [yn(sfb), yn(ssa)]
        rows.append(row)
        t = totals.setdefault(c["check"], [0, 0, 0, 0, 0])
        t[0] += 1
        t[1] += fb is True
        t[2] += fb is True and sa is True
        if a.sa:
            t[3] += sfb is True
            t[4] += sfb is True and ssa is True
        c["result"] = {"found": fb, "silent_after": sa, "before": r["before"], "after": r["after"],
                       "before_ranges": r["before_ranges"], "after_ranges": r["after_ranges"]}
        if a.sa:
            c["result"].update({"sa_found": sfb, "sa_silent_after": ssa})
    widths = [max(len(str(x)) for x in col) for col in zip(hdr, *rows)]
    for row in [hdr] + rows:
        print("  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip())
    print()
    all_ = [0, 0, 0, 0, 0]
    for chk, t in sorted(totals.items()):
        all_ = [x + y for x, y in zip(all_, t)]
        print(fmt_total(chk, t, a.sa))
    print(fmt_total("total", all_, a.sa))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(cases, f, indent=1)
    return 0


def fmt_total(name, t, sa):
    s = "%-28s found before %2d/%-2d  found and silent after %2d/%-2d" % (name, t[1], t[0], t[2], t[0])
    if sa:
        s += "   SA: found %2d/%-2d  found and silent after %2d/%-2d" % (t[3], t[0], t[4], t[0])
    return s


def yn(v):
    return {True: "yes", False: "no"}.get(v, str(v))


if __name__ == "__main__":
    sys.exit(main())
