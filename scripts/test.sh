#!/usr/bin/env bash
# Builds leaklint if needed and runs the whole test suite (lit + FileCheck).
# Each build's last line is "N passed, N failed, N skipped".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/build.sh" --no-demo
# Both builds run the whole suite (each with its own clang-tidy, clangd and
# compiler); the last line of each is its summary.
rc=0
ninja -C "$root/build" check-leaklint || rc=1
echo "== the same tests, LLVM 22 build =="
ninja -C "$root/build22" check-leaklint || rc=1
exit $rc
