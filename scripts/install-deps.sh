#!/usr/bin/env bash
# Installs the Debian packages leaklint needs to build and test, if missing.
set -euo pipefail
packages=(
  clang-19 libclang-19-dev libclang-cpp19-dev llvm-19-dev llvm-19-tools
  clang-tidy-19 clangd-19 ninja-build cmake
  # the second build, for clang-tidy 22 (Debian 12's security suite)
  clang-22 libclang-22-dev libclang-cpp22-dev llvm-22-dev llvm-22-tools clang-tidy-22
  # leaklint-clangd links Debian's libclangdMain.a, which needs these.
  libgrpc++-dev libprotobuf-dev
  # tests: SARIF schema validation and the pre-commit hook.
  python3-jsonschema pre-commit git
  # tests: GLib's real headers for the GLib models.
  pkg-config libglib2.0-dev
  # tests: --scheduler on a local Dask cluster.
  python3-distributed
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "leaklint: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
