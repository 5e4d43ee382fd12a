#!/usr/bin/env python3
"""Download the before/after trees of the real-defect corpus and write per-case compile flags.

    fetch.py WORKDIR [--only ID,ID...] [--debian-source PATH] [--github-dir DIR]

Reads cases.tsv and packages.tsv beside this script.

* Debian cases (package is a Debian source package): the *after* tree is the source as
  Debian ships it (its debian/patches applied), the *before* tree the same source without
  them (`debian-source --skip-patches`). Both go to WORKDIR/src/. The package's `prep`
  command (packages.tsv: a configure run, a cmake configure, ...) runs once in each tree,
  for the generated headers (config.h) the file needs.
* GitHub cases (package `github:OWNER/REPO`, version = the parent commit, fix = the fix
  commit): the file at the parent commit is the before, at the fix commit the after. The
  files are downloaded from raw.githubusercontent.com, or, where this machine has no such
  network, taken from --github-dir DIR/OWNER/REPO/COMMIT/PATH (fill it by hand).

Writes WORKDIR/cases.json: for each case its check, function, line, and for `before` and
`after` the file to analyse, the directory to run in and the compiler arguments. Flags in
cases.tsv may use {src} (the tree's root), {work} (WORKDIR) and {cfg} (config/ beside this
script: small hand-written headers standing in for configure's output); `--pkg-config=A,B`
becomes `pkg-config --cflags A B` (the system's -dev packages); `--configure-file=IN:OUT:k=v,..`
writes {src}/IN with @k@/{k} replaced to OUT in a directory of the tree's own (WORKDIR/gen/TREE,
put on the include path): a generated version header; `--stub=NAME` makes an empty
header NAME in WORKDIR/stub (config.h and the like: generated headers the file includes but
needs nothing from, its -D flags standing in) and puts that directory on the include path.
"""
import argparse
import csv
import json
import os
import shlex
import subprocess
import sys
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


def read_tsv(path):
    with open(path, newline="") as f:
        rows = [r for r in csv.DictReader((l for l in f if not l.startswith("#")), delimiter="\t")]
    return rows


def find_debian_source(arg):
    if arg:
        return arg
    for cand in (os.environ.get("DEBIAN_SOURCE"), "debian-source",
                 os.path.join(HERE, "..", "..", "..", "shared", "tools", "debian-source")):
        if not cand:
            continue
        if os.path.sep in cand and os.access(cand, os.X_OK):
            return cand
        for p in os.environ.get("PATH", "").split(os.pathsep):
            if os.access(os.path.join(p, cand), os.X_OK):
                return os.path.join(p, cand)
    sys.exit("fetch.py: debian-source not found (pass --debian-source PATH or set DEBIAN_SOURCE)")


def debian_tree(tool, pkg, dest, skip):
    cmd = [tool, "--dest", dest] + (["--skip-patches"] if skip else []) + [pkg]
    out = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
    if out.returncode != 0:
        raise RuntimeError("%s failed" % " ".join(cmd))
    return out.stdout.strip().splitlines()[-1]


def run_prep(tree, prep, log):
    stamp = os.path.join(tree, ".realdefects-prep-done")
    if not prep or prep == "-" or os.path.exists(stamp):
        return True
    print("  prep in %s: %s" % (os.path.basename(tree), prep), file=sys.stderr)
    with open(log, "a") as lf:
        r = subprocess.run(["bash", "-c", prep], cwd=tree, stdout=lf, stderr=subprocess.STDOUT,
                           env=dict(os.environ, CC="clang-19", CXX="clang++-19"))
    if r.returncode != 0:
        print("  prep failed (see %s)" % log, file=sys.stderr)
        return False
    open(stamp, "w").close()
    return True


def after_file(c):
    """The case's file in the after tree: `file_after` where the fix moved it."""
    return c.get("file_after") or c["file"]


def github_file(repo, commit, path, gdir, dest):
    if os.path.exists(dest):
        return True
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    if gdir:
        local = os.path.join(gdir, repo, commit, path)
        if os.path.exists(local):
            with open(local, "rb") as s, open(dest, "wb") as d:
                d.write(s.read())
            return True
    url = "https://raw.githubusercontent.com/%s/%s/%s" % (repo, commit, path)
    try:
        with urllib.request.urlopen(url, timeout=30) as r, open(dest, "wb") as d:
            d.write(r.read())
        return True
    except Exception as e:  # no network here: the caller says where to put the file
        print("  cannot fetch %s (%s); put it in --github-dir %s/%s/%s" % (url, e, repo, commit, path),
              file=sys.stderr)
        return False


def expand(flags, src, work, stub):
    """Compiler arguments from the tsv's flags; `--stub=NAME` creates an empty NAME in the
    stub directory (a generated header the file includes but needs nothing from) and adds
    -I for it."""
    out = []
    for a in shlex.split(flags or ""):
        if a.startswith("--stub="):
            path = os.path.join(stub, a[len("--stub="):])
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "a").close()
            if "-I" + stub not in out:
                out.append("-I" + stub)
            continue
        if a.startswith("--configure-file="):
            # IN:OUT:k=v,k=v -- what meson's configure_file / autoconf's AC_CONFIG_FILES do:
            # {src}/IN with @k@ and {k} replaced, written to a directory of this tree's own
            gen = os.path.join(work, "gen", os.path.basename(src))
            inp, outp, kv = (a[len("--configure-file="):].split(":") + [""])[:3]
            with open(os.path.join(src, inp)) as f:
                text = f.read()
            for pair in filter(None, kv.split(",")):
                k, _, v = pair.partition("=")
                text = text.replace("@%s@" % k, v).replace("{%s}" % k, v)
            os.makedirs(os.path.dirname(os.path.join(gen, outp)), exist_ok=True)
            with open(os.path.join(gen, outp), "w") as f:
                f.write(text)
            if "-I" + gen not in out:
                out.append("-I" + gen)
            continue
        if a.startswith("--pkg-config="):
            r = subprocess.run(["pkg-config", "--cflags"] + a[len("--pkg-config="):].split(","),
                               stdout=subprocess.PIPE, text=True)
            if r.returncode != 0:
                raise RuntimeError("pkg-config %s failed: install its -dev packages" % a)
            out += shlex.split(r.stdout)
            continue
        out.append(a.replace("{src}", src).replace("{work}", work).replace("{stub}", stub)
                   .replace("{cfg}", os.path.join(HERE, "config")))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("workdir")
    ap.add_argument("--only", help="comma-separated case ids")
    ap.add_argument("--debian-source", help="path of the debian-source tool")
    ap.add_argument("--github-dir", help="local copies of GitHub files: DIR/OWNER/REPO/COMMIT/PATH")
    ap.add_argument("--no-prep", action="store_true", help="do not run the packages' prep commands")
    a = ap.parse_args()

    work = os.path.abspath(a.workdir)
    srcdir = os.path.join(work, "src")
    os.makedirs(srcdir, exist_ok=True)
    stub = os.path.join(work, "stub")
    os.makedirs(stub, exist_ok=True)

    cases = read_tsv(os.path.join(HERE, "cases.tsv"))
    pkgs = {r["package"]: r for r in read_tsv(os.path.join(HERE, "packages.tsv"))}
    if a.only:
        keep = set(a.only.split(","))
        cases = [c for c in cases if c["id"] in keep]

    tool = None
    trees = {}
    out = []
    failed = []
    for c in cases:
        pkg = c["package"]
        try:
            if pkg.startswith("github:"):
                repo = pkg[len("github:"):]
                base = os.path.join(work, "github", repo.replace("/", "_"))
                bt, at = os.path.join(base, c["version"]), os.path.join(base, c["fix"])
                ok = github_file(repo, c["version"], c["file"], a.github_dir, os.path.join(bt, c["file"]))
                ok = github_file(repo, c["fix"], after_file(c), a.github_dir,
                                 os.path.join(at, after_file(c))) and ok
                for extra in (c.get("extra") or "").split():
                    ok = github_file(repo, c["version"], extra, a.github_dir, os.path.join(bt, extra)) and ok
                    ok = github_file(repo, c["fix"], extra, a.github_dir, os.path.join(at, extra)) and ok
                if not ok:
                    raise RuntimeError("files missing")
            else:
                if pkg not in trees:
                    want = pkgs.get(pkg, {}).get("version")
                    after = os.path.join(srcdir, "%s-%s" % (pkg, want))
                    before = after + ".unpatched"
                    if not (want and os.path.isdir(after) and os.path.isdir(before)):
                        tool = tool or find_debian_source(a.debian_source)
                        print("%s:" % pkg, file=sys.stderr)
                        after = debian_tree(tool, pkg, srcdir, False)
                        before = debian_tree(tool, pkg, srcdir, True)
                    got = os.path.basename(after)[len(pkg) + 1:]
                    if want and want != got:
                        print("  warning: %s is %s here, the corpus was made on %s" % (pkg, got, want),
                              file=sys.stderr)
                    prep = pkgs.get(pkg, {}).get("prep", "-")
                    log = os.path.join(work, "prep-%s.log" % pkg)
                    if not a.no_prep:
                        run_prep(before, prep, log)
                        run_prep(after, prep, log)
                    trees[pkg] = (before, after)
                bt, at = trees[pkg]
        except Exception as e:
            print("  %s: %s" % (c["id"], e), file=sys.stderr)
            failed.append(c["id"])
            continue
        entry = {k: c[k] for k in ("id", "package", "version", "fix", "check", "file", "function", "kind",
                                   "description")}
        entry["line"] = int(c["line"])
        for side, tree in (("before", bt), ("after", at)):
            entry[side] = {"root": tree, "args": expand(c.get("flags"), tree, work, stub),
                           "file": os.path.join(tree, after_file(c) if side == "after" else c["file"]),
                           "function": (side == "after" and c.get("function_after")) or c["function"]}
        out.append(entry)
    with open(os.path.join(work, "cases.json"), "w") as f:
        json.dump(out, f, indent=1)
    print("%d cases written to %s%s" % (len(out), os.path.join(work, "cases.json"),
                                        ("; failed: " + ",".join(failed)) if failed else ""), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
