#!/usr/bin/env bash
# Builds leaklint if needed and runs the whole test suite (lit + FileCheck).
# The last line is "N passed, N failed, N skipped".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/build.sh" --no-demo
exec ninja -C "$root/build" check-leaklint
