#!/usr/bin/env python3
"""Recall lost at translation-unit borders, and what --whole-program recovers.

Takes the cases of the flow-variant suite (gen_flow_suite.py; by default the
`call` group, chains of 1-5 calls between functions of one file) and splits
every file into several translation units, one per top-level function
definition: a shared header `shared.h` holds the whole file with each function
definition replaced by its declaration (`static` dropped), and each part
`NN_<function>.<ext>` includes it and defines one function (`static` dropped,
so the parts link). Every part is checked to parse; a case whose split is not
mechanical (a function defined inside a namespace or `extern "C"` block, a
template, a mutable global the parts would each get a copy of, a part that
does not parse) is listed as skipped and left out of the rates.

Each bad and good file is then analysed three ways:

  joined   the original file:       leaklint --format=json FILE -- FLAGS
  split    the parts, each alone:   leaklint --format=json -p CASEDIR
  whole    the parts together:      leaklint --whole-program --format=json -p CASEDIR

(always with `-j 1 --quiet --checks=CHECKS`, under `nice`, at most --jobs
leaklint processes at a time). A bad file counts as found when a
leaklint-owning-pointer finding is reported in any of its parts; a good file
as flagged when any finding is reported. A run that reports an error (exit
status 2, a non-empty "errors" list) is counted apart and not as found. Flags
are those of score.py: the file's `// FLAGS:` line, else `-std=c11` (the C
files `#define _GNU_SOURCE` themselves) / `-std=c++17`.

  split_suite.py [--suite DIR] [--work DIR] [--groups call] [--only REGEX]
                 [--leaklint BIN] [--checks CHECKS] [--jobs 2] [--json FILE] [-v]

Without --suite, the suite is generated into the work directory (default: a
temporary directory, removed at the end unless --keep). The work directory
receives split/<case>.<bad|good>/ with the parts, shared.h and a
compile_commands.json each. --json FILE writes the per-file details (parts,
findings of each mode). Needs clang-19 / clang++-19 on PATH.
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

from score import flags  # the suite's flags, as score.py reads them

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MODES = ("joined", "split", "whole")
CASE_RE = re.compile(r"^(?P<case>(?P<group>[^_]+)_(?P<variant>[^_]+)_(?P<kind>[^_]+)_\d+)"
                     r"\.(?P<which>bad|good)\.(?P<ext>c|cpp)$")


# --------------------------------------------------------------------------
# Flags and tools
# --------------------------------------------------------------------------


def compiler(path):
    return "clang-19" if path.endswith(".c") else "clang++-19"


def parse_error(path, fl, cwd=None):
    """The first error clang reports on the file, or None if it parses."""
    out = subprocess.run(["nice", compiler(path), "-fsyntax-only", path] + fl, cwd=cwd,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if out.returncode == 0:
        return None
    return (re.findall(r"error: (.*)", out.stdout) or [out.stdout.strip()[:200]])[0]


# --------------------------------------------------------------------------
# Splitting one file
# --------------------------------------------------------------------------


class NotMechanical(Exception):
    pass


def expansion(loc):
    """The file position of a JSON AST location (the expansion of a macro)."""
    return loc.get("expansionLoc", loc)


def in_main_file(loc):
    """Locations in an included file carry `includedFrom`; those of the main file
    do not (implicit declarations have no offset at all)."""
    loc = expansion(loc)
    return "offset" in loc and "includedFrom" not in loc


def has_body(node):
    return any(c.get("kind") in ("CompoundStmt", "CXXTryStmt") for c in node.get("inner", ()))


def nested_definitions(node):
    """Function definitions below a namespace or linkage block (not in a class)."""
    for c in node.get("inner", ()):
        if c.get("kind") == "FunctionDecl" and has_body(c):
            yield c
        elif c.get("kind") in ("NamespaceDecl", "LinkageSpecDecl"):
            yield from nested_definitions(c)


def mutable_global(node):
    """A variable definition the parts would each get a copy of."""
    if node.get("kind") != "VarDecl" or node.get("storageClass") == "extern":
        return False
    qual = node.get("type", {}).get("qualType", "")
    return not (node.get("constexpr") or re.search(r"\bconst\s*$|^const\b(?!.*\*)", qual))


def functions_of(path, fl):
    """The top-level function definitions of the main file, in order:
    (name, begin, name_offset, body_begin, end) byte offsets, end exclusive."""
    out = subprocess.run(["nice", compiler(path), "-fsyntax-only", "-Xclang", "-ast-dump=json",
                          path] + fl, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if out.returncode != 0:
        raise NotMechanical("clang cannot dump the AST")
    tu = json.loads(out.stdout)
    fns = []
    for node in tu.get("inner", ()):
        if not in_main_file(node.get("loc", {})) or node.get("isImplicit"):
            continue
        kind = node.get("kind")
        if kind in ("NamespaceDecl", "LinkageSpecDecl"):
            nested = next(nested_definitions(node), None)
            if nested:
                raise NotMechanical("'%s' is defined inside a %s" % (nested.get("name"), kind))
        elif kind == "FunctionTemplateDecl":
            raise NotMechanical("template '%s'" % node.get("name"))
        elif kind in ("CXXMethodDecl", "CXXConstructorDecl", "CXXDestructorDecl",
                      "CXXConversionDecl") and has_body(node):
            raise NotMechanical("out-of-line member '%s'" % node.get("name"))
        elif mutable_global(node):
            raise NotMechanical("global variable '%s'" % node.get("name"))
        elif kind == "FunctionDecl" and has_body(node):
            if node.get("inline"):
                raise NotMechanical("inline function '%s'" % node.get("name"))
            body = next(c for c in node["inner"] if c.get("kind") in ("CompoundStmt", "CXXTryStmt"))
            end = expansion(node["range"]["end"])
            fns.append((node["name"], expansion(node["range"]["begin"])["offset"],
                        expansion(node["loc"])["offset"],
                        expansion(body["range"]["begin"])["offset"],
                        end["offset"] + end["tokLen"]))
    return fns


def drop_static(head):
    """The declarator head (up to the name) without its `static`."""
    return re.sub(r"\bstatic\s+", "", head, count=1)


def split_file(path, casedir):
    """Writes shared.h, the parts and compile_commands.json into casedir;
    returns the part paths. Raises NotMechanical when the split cannot be made."""
    fl = flags(path)
    with open(path, "rb") as f:
        src = f.read()
    fns = functions_of(path, fl)
    if len(fns) < 2:
        raise NotMechanical("%d function definition(s)" % len(fns))
    names = [f[0] for f in fns]
    if len(set(names)) != len(names):
        raise NotMechanical("a function is defined twice")
    ext = os.path.splitext(path)[1]
    header, parts, last = [], [], 0
    for n, (name, begin, name_off, body, end) in enumerate(fns, 1):
        head = drop_static(src[begin:name_off].decode())
        decl = (head + src[name_off:body].decode()).rstrip() + ";"
        header.append(src[last:begin].decode() + decl)
        last = end
        part = os.path.join(casedir, "%02d_%s%s" % (n, name, ext))
        text = ('#include "shared.h"\n\n/* %s, line %d of %s */\n%s%s\n'
                % (name, src[:begin].count(b"\n") + 1, os.path.basename(path),
                   head, src[name_off:end].decode()))
        parts.append((part, text))
    header.append(src[last:].decode())
    if os.path.exists(casedir):
        shutil.rmtree(casedir)
    os.makedirs(casedir)
    header_text = "".join(header)
    if header_text.startswith("// FLAGS:"):     # the flags go to the database
        header_text = header_text.split("\n", 1)[1]
    with open(os.path.join(casedir, "shared.h"), "w") as f:
        f.write("#pragma once\n" + header_text)
    commands = []
    for part, text in parts:
        with open(part, "w") as f:
            f.write(text)
        commands.append({"directory": casedir, "file": part,
                         "arguments": [compiler(part)] + fl + ["-c", part,
                                                               "-o", os.devnull]})
    with open(os.path.join(casedir, "compile_commands.json"), "w") as f:
        json.dump(commands, f, indent=1)
    for part, _ in parts:
        err = parse_error(part, fl, cwd=casedir)
        if err:
            raise NotMechanical("%s does not parse: %s" % (os.path.basename(part), err))
    return [p for p, _ in parts]


# --------------------------------------------------------------------------
# Running leaklint
# --------------------------------------------------------------------------


def run_leaklint(tool, checks, args, cwd=None):
    """Findings (check, file, line, message) and errors of one run."""
    cmd = ["nice", tool, "--format=json", "-j", "1", "--quiet", "--checks=" + checks] + args
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        report = json.loads(p.stdout)
    except ValueError:
        report = {"findings": [], "errors": [p.stderr.strip()[:300] or "no JSON report"]}
    findings = [{"check": f.get("check"), "file": os.path.basename(f.get("file", "")),
                 "line": f.get("line"), "message": f.get("message")}
                for f in report.get("findings", [])]
    errors = [e if isinstance(e, str) else json.dumps(e) for e in report.get("errors", [])]
    if p.returncode not in (0, 1) and not errors:
        errors = ["exit status %d: %s" % (p.returncode, p.stderr.strip()[:300])]
    return {"findings": findings, "errors": errors}


def verdict(which, result):
    """True when the run counts as flagging the file (see the docstring)."""
    if result["errors"]:
        return None
    if which == "bad":
        return any(f["check"] == "leaklint-owning-pointer" for f in result["findings"])
    return bool(result["findings"])


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def table(rows, title):
    """rows: the per-file records to count; one line per mode."""
    print(title)
    for mode in MODES:
        bad = [r for r in rows if r["which"] == "bad"]
        good = [r for r in rows if r["which"] == "good"]
        found = sum(1 for r in bad if r[mode] is True)
        flagged = sum(1 for r in good if r[mode] is True)
        errors = sum(1 for r in rows if r[mode] is None)
        print("  %-7s bad found %3d/%-3d (%5.1f%%)   good flagged %3d/%-3d (%5.1f%%)%s"
              % (mode, found, len(bad), 100.0 * found / max(1, len(bad)),
                 flagged, len(good), 100.0 * flagged / max(1, len(good)),
                 "   errors %d" % errors if errors else ""))


def by_variant(rows, group):
    rows = [r for r in rows if r["group"] == group]
    print("by variant (%s): bad found joined/split/whole, good flagged joined/split/whole" % group)

    def key(v):     # ret-2 before ret-10
        m = re.match(r"(.*?)-?(\d+)$", v)
        return (m.group(1), int(m.group(2))) if m else (v, 0)
    for variant in sorted({r["variant"] for r in rows}, key=key):
        rs = [r for r in rows if r["variant"] == variant]
        bad = [r for r in rs if r["which"] == "bad"]
        good = [r for r in rs if r["which"] == "good"]
        print("  %-16s bad %s /%-2d   good %s /%d"
              % (variant, "/".join("%2d" % sum(1 for r in bad if r[m] is True) for m in MODES),
                 len(bad), "/".join("%d" % sum(1 for r in good if r[m] is True) for m in MODES),
                 len(good)))


# --------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 epilog="See the module docstring for details.")
    ap.add_argument("--suite", help="a directory written by gen_flow_suite.py (default: generate one)")
    ap.add_argument("--work", help="where the split cases go (default: a temporary directory)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary work directory")
    ap.add_argument("--groups", default="call", help="comma-separated groups of the suite")
    ap.add_argument("--only", default="", help="a regex on the case names")
    ap.add_argument("--leaklint", default=os.path.join(ROOT, "build", "bin", "leaklint"))
    ap.add_argument("--checks", default="-*,leaklint-owning-pointer")
    ap.add_argument("--jobs", type=int, default=2, help="leaklint/clang processes at a time")
    ap.add_argument("--json", help="write the per-file details here")
    ap.add_argument("-v", action="store_true", help="list the differences between the modes")
    a = ap.parse_args()

    tmp = None
    work = a.work
    if not work:
        tmp = work = tempfile.mkdtemp(prefix="split_suite.")
    work = os.path.abspath(work)
    try:
        suite = a.suite
        if not suite:
            suite = os.path.join(work, "suite")
            subprocess.run([sys.executable, os.path.join(HERE, "gen_flow_suite.py"), suite],
                           check=True, stdout=subprocess.DEVNULL)
        suite = os.path.abspath(suite)
        groups = set(a.groups.split(","))
        files = []
        for f in sorted(os.listdir(suite)):
            m = CASE_RE.match(f)
            if m and m.group("group") in groups and re.search(a.only, m.group("case")):
                files.append((os.path.join(suite, f), m))
        if not files:
            sys.exit("no cases of group(s) %s in %s" % (a.groups, suite))
        tool = os.path.abspath(a.leaklint)

        def prepare(item):
            path, m = item
            rec = {"file": os.path.basename(path), "case": m.group("case"),
                   "group": m.group("group"), "variant": m.group("variant"),
                   "kind": m.group("kind"), "which": m.group("which"), "flags": flags(path)}
            err = parse_error(path, rec["flags"])
            if err:
                rec["skipped"] = "corpus error: " + err
                return rec
            casedir = os.path.join(work, "split", "%s.%s" % (rec["case"], rec["which"]))
            try:
                rec["parts"] = [os.path.basename(p) for p in split_file(path, casedir)]
                rec["casedir"] = casedir
            except NotMechanical as e:
                rec["skipped"] = str(e)
            return rec

        jobs = max(1, min(a.jobs, 2))
        with ThreadPoolExecutor(jobs) as ex:
            records = list(ex.map(prepare, files))
        paths = {os.path.basename(p): p for p, _ in files}
        todo = [r for r in records if "skipped" not in r]

        def analyse(task):
            rec, mode = task
            if mode == "joined":
                return run_leaklint(tool, a.checks, [paths[rec["file"]], "--"] + rec["flags"])
            args = ["-p", rec["casedir"]] + (["--whole-program"] if mode == "whole" else [])
            return run_leaklint(tool, a.checks, args, cwd=rec["casedir"])

        tasks = [(r, m) for r in todo for m in MODES]
        with ThreadPoolExecutor(jobs) as ex:
            for (rec, mode), result in zip(tasks, ex.map(analyse, tasks)):
                rec["runs"] = rec.get("runs", {})
                rec["runs"][mode] = result
                rec[mode] = verdict(rec["which"], result)

        skipped = [r for r in records if "skipped" in r]
        print("%d file(s) of group(s) %s in %s: %d split into %d parts, %d skipped"
              % (len(records), a.groups, suite, len(todo), sum(len(r["parts"]) for r in todo),
                 len(skipped)))
        for r in skipped:
            print("  skipped:", r["file"], "-", r["skipped"])
        table(todo, "all split cases:")
        for group in sorted({r["group"] for r in todo}):
            if len(groups) > 1:
                table([r for r in todo if r["group"] == group], "group %s:" % group)
            by_variant(todo, group)
        # Files where splitting changes the verdict (with -v: also those that
        # only the split mode misses), and the errors.
        print("files where whole differs from joined%s:" % (" or split from joined" if a.v else ""))
        for r in todo:
            if r["joined"] != r["whole"] or (a.v and r["joined"] != r["split"]):
                print("  %-40s joined %-5s split %-5s whole %-5s"
                      % (r["file"], r["joined"], r["split"], r["whole"]))
            for mode in MODES:
                for e in r["runs"][mode]["errors"]:
                    print("  error (%s) %s: %s" % (mode, r["file"], e))
        if a.json:
            with open(a.json, "w") as f:
                json.dump({"suite": suite, "work": work, "leaklint": tool, "checks": a.checks,
                           "files": records}, f, indent=1)
    finally:
        if tmp and not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
