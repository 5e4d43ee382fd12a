#!/usr/bin/env python3
"""dbfilter.py ROOT BUILD IN OUT DIRS KEEP: keep the package's own translation units.

Keeps the entries of compile database IN whose file is a C++ source under ROOT (not under
BUILD), inside one of DIRS (space-separated, relative to ROOT; '.' for all), whose path relative
to ROOT matches the regex KEEP (a subset of a large package), and that are not tests. One entry
per file, file names absolute. Writes OUT, and ROOT's path to OUT's directory/root."""
import json, os, re, shlex, sys

root, build, src, dst, tus, keep = sys.argv[1:]
root = os.path.realpath(root); build = os.path.realpath(build)
dirs = [os.path.normpath(d) for d in tus.split()]
rx = re.compile(keep)
tests = re.compile(r'(^|/)(tests?|unittests?|gtest|googletest|third_party|3rdparty|vendor)(/|$)|_test\.c')
seen, out = set(), []
for e in json.load(open(src)):
    f = os.path.realpath(os.path.join(e['directory'], e['file']))
    if not f.startswith(root + '/') or f.startswith(build + '/') or f in seen:
        continue
    rel = os.path.relpath(f, root)
    if not f.endswith(('.cc', '.cpp', '.cxx', '.C')) or tests.search(rel) or not rx.search(rel):
        continue
    if not any(d == '.' or rel == d or rel.startswith(d + '/') for d in dirs):
        continue
    seen.add(f)
    args = e['arguments'] if 'arguments' in e else shlex.split(e['command'])
    if args and os.path.basename(os.path.dirname(args[0])) == 'fakecc':
        args = ['/usr/bin/' + os.path.basename(args[0])] + args[1:]
    out.append({'directory': e['directory'], 'arguments': args, 'file': f})
out.sort(key=lambda e: e['file'])
json.dump(out, open(dst, 'w'), indent=1)
open(os.path.join(os.path.dirname(dst), 'root'), 'w').write(root + '\n')
print(f"{os.path.basename(os.path.dirname(dst))}: {len(out)} translation units", file=sys.stderr)
