#!/usr/bin/env python3
"""dbfilter.py ROOT BUILD IN OUT DIRS EXCL: keep the package's own translation units.

Keeps the entries of the compile database IN whose file is under ROOT (not under BUILD), a C or
C++ source, inside one of DIRS (space-separated, relative to ROOT; '.' for all) and not matching
the regex EXCL; one entry per file (libtool compiles some twice). File names are made absolute,
in 'file' and in the command, so that reports name files the same way whatever the directory
they are run from. Writes OUT and ROOT's path to OUT's directory/root."""
import json, os, re, shlex, sys

root, build, src, dst, tus, excl = sys.argv[1:]
root = os.path.realpath(root); build = os.path.realpath(build)
dirs = [os.path.normpath(d) for d in tus.split()]
rx = re.compile(excl) if excl else None
seen, out = set(), []
for e in json.load(open(src)):
    f = os.path.realpath(os.path.join(e['directory'], e['file']))
    if not f.startswith(root + '/') or f.startswith(build + '/'):
        continue
    rel = os.path.relpath(f, root)
    if not f.endswith(('.c', '.cc', '.cpp', '.cxx', '.c++', '.C')):
        continue
    if not any(d == '.' or rel == d or rel.startswith(d + '/') for d in dirs):
        continue
    if rx and rx.search(rel):
        continue
    if f in seen:
        continue
    seen.add(f)
    args = e['arguments'] if 'arguments' in e else shlex.split(e['command'])
    if args and os.path.basename(os.path.dirname(args[0])) == "fakecc":  # fetch.sh recording compiler
        args = ["/usr/bin/" + os.path.basename(args[0])] + args[1:]
    args = [f if a == e['file'] or (not a.startswith('-') and os.path.realpath(os.path.join(e['directory'], a)) == f) else a
            for a in args]
    out.append({'directory': e['directory'], 'arguments': args, 'file': f})
json.dump(out, open(dst, 'w'), indent=1)
open(os.path.join(os.path.dirname(dst), 'root'), 'w').write(root + '\n')
print(f"{os.path.basename(os.path.dirname(dst))}: {len(out)} translation units", file=sys.stderr)
