#!/usr/bin/env bash
# Installs what is missing, builds leaklint into ./build (LLVM 19) and
# ./build22 (LLVM 22: a clang-tidy plugin loads only into the clang-tidy of
# its own major version), and runs it on the example project in example/.
# Usage: scripts/build.sh [--no-demo]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
if [ ! -f "$root/build/build.ninja" ]; then
  cmake -S "$root" -B "$root/build" -G Ninja \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
if [ ! -f "$root/build22/build.ninja" ]; then
  cmake -S "$root" -B "$root/build22" -G Ninja -DLEAKLINT_LLVM_ROOT=/usr/lib/llvm-22 \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
ninja -C "$root/build"
ninja -C "$root/build22"
[ "${1:-}" = "--no-demo" ] && exit 0
echo
echo "== leaklint on example/ =="
cd "$root/example"
cmake -S . -B build -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
set +e
"$root/build/bin/leaklint" -p build
rc=$?
set -e
echo "== leaklint exited with $rc (0: clean, 1: findings, 2: could not analyse) =="
[ "$rc" -le 1 ]
