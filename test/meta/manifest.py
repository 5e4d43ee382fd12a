#!/usr/bin/env python3
"""Each check in checks/LeaklintChecks.def has its class, docs page and test.

Prints one line per missing piece and exits 1 if anything is missing.
"""
import os
import re
import sys

root = sys.argv[1]
with open(os.path.join(root, "checks", "LeaklintChecks.def")) as f:
    entries = re.findall(r'LEAKLINT_CHECK\((\w+),\s*"leaklint-([a-z0-9-]+)"', f.read())
if not entries:
    sys.exit("no LEAKLINT_CHECK entries found")
missing = []
for cls, name in entries:
    for path in ("checks/%s.h" % cls, "checks/%s.cpp" % cls,
                 "docs/checks/%s.md" % name, "test/checks/%s.cpp" % name):
        if not os.path.exists(os.path.join(root, path)):
            missing.append(path)
    with open(os.path.join(root, "README.md")) as f:
        if "docs/checks/%s.md" % name not in f.read():
            missing.append("README.md link to docs/checks/%s.md" % name)
for m in missing:
    print("missing: " + m)
print("checked %d checks" % len(entries))
sys.exit(1 if missing else 0)
