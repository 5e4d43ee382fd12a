#!/usr/bin/env python3
"""Runs lit and ends with one line CI understands: 'N passed, N failed'.

    run-lit.py LIT_PY TEST_DIR [lit args...]
"""
import json
import os
import subprocess
import sys
import tempfile

PASSED = {"PASS", "XFAIL", "FLAKYPASS"}
SKIPPED = {"UNSUPPORTED", "SKIPPED", "EXCLUDED"}


def main():
    lit, test_dir, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
    with tempfile.TemporaryDirectory() as tmp:
        results = os.path.join(tmp, "results.json")
        jobs = os.environ.get("LIT_JOBS")
        cmd = [sys.executable, lit, "-sv", "-o", results]
        if jobs:
            cmd += ["-j", jobs]
        rc = subprocess.call(cmd + extra + [test_dir])
        try:
            with open(results) as f:
                tests = json.load(f).get("tests", [])
        except (OSError, ValueError):
            print("0 passed, 1 failed (lit produced no results, exit %d)" % rc)
            return 1
    passed = sum(t["code"] in PASSED for t in tests)
    skipped = sum(t["code"] in SKIPPED for t in tests)
    failed = len(tests) - passed - skipped
    print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 0 if failed == 0 and rc == 0 and tests else 1


if __name__ == "__main__":
    sys.exit(main())
