#!/usr/bin/env python3
"""expect_exit.py N COMMAND...: runs COMMAND (its output passes through) and
succeeds only if it exits with status N, so tests can tell 1 from 2."""
import subprocess
import sys

want = int(sys.argv[1])
got = subprocess.call(sys.argv[2:])
if got != want:
    sys.stderr.write("expect_exit.py: expected exit status %d, got %d: %s\n"
                     % (want, got, " ".join(sys.argv[2:])))
    sys.exit(1)
