# fetch-lib.sh: what test/realcode/fetch.sh and test/realcode/cycles/fetch.sh share. Sourced
# with $here (the calling script's directory) and $W (the work directory) set: finds the
# debian-source tool, installs bear and meson when missing, makes the work directories, sets the
# compilers and flags, and defines the helpers the recipes call.
if [ -z "${DEBIAN_SOURCE:-}" ]; then
  d=$here; while [ "$d" != / ] && [ ! -x "$d/shared/tools/debian-source" ]; do d=$(dirname "$d"); done
  DEBIAN_SOURCE=$d/shared/tools/debian-source
fi
[ -x "$DEBIAN_SOURCE" ] || { echo "$(basename "$0"): debian-source not found; set DEBIAN_SOURCE" >&2; exit 2; }
command -v bear >/dev/null || apt-get install -y -qq bear >&2
command -v meson >/dev/null || apt-get install -y -qq meson >&2
mkdir -p "$W/src" "$W/build" "$W/db" "$W/log"
export CC=clang-19 CXX=clang++-19 CFLAGS="-O0 -g0" CXXFLAGS="-O0 -g0" MAKEFLAGS=
J=-j2

# ---- helpers: each runs in the package's source directory, $S; $B is its build directory ----
cmake_cfg() {   # cmake_cfg [SUBDIR] -- extra cmake args
  local sub=.; [ "${1:-}" != "" ] && [ "${1:0:1}" != - ] && { sub=$1; shift; }
  cmake -S "$S/$sub" -B "$B" -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_BUILD_TYPE= \
    -DCMAKE_C_FLAGS="-O0 -g0" -DCMAKE_CXX_FLAGS="-O0 -g0" "$@" && cp "$B/compile_commands.json" "$S/.cc.json"
}
cmake_build() { ninja -C "$B" $J -k 0 "$@" || true; }   # only where sources include files the build generates (Qt's ui_*.h)
# meson runs its generators with the first python3 on PATH: Debian's, which has the modules the
# build dependencies installed (jinja2, ply), not a user's pyenv
meson_cfg() {
  PATH=/usr/bin:$PATH meson setup "$B" "$S" --buildtype=plain -Dc_args="-O0 -g0" -Dcpp_args="-O0 -g0" "$@" \
    && cp "$B/compile_commands.json" "$S/.cc.json"
}
meson_build() { PATH=/usr/bin:$PATH ninja -C "$B" $J -k 0 "$@" || true; }
autoreconf_if_needed() { [ -x configure ] || autoreconf -fi; }
# a configure cache shared by the packages (same compiler and flags for all): the standard
# checks run once; a package whose configure rejects the cache runs without it
configure() {
  autoreconf_if_needed || return 1
  ./configure --cache-file="$W/config.cache" "$@" || { make distclean >/dev/null 2>&1; ./configure "$@"; }
}
# make under bear with a compiler that only records: 'cc -c' creates an empty object (and the
# dependency file automake wants) without compiling; anything else (links, configure-style tests)
# runs the real compiler. The database gets the real compiler's name back (dbfilter.py). Packages
# whose build runs programs it compiles (code generators) use bear_make_real.
fakecc() {
  mkdir -p "$W/fakecc"
  for c in clang-19 clang++-19; do
    cat > "$W/fakecc/$c" <<EOS
#!/usr/bin/python3
import os, sys
a = sys.argv[1:]
if '-c' not in a or '-E' in a:
    os.execv('/usr/bin/$c', ['/usr/bin/$c'] + a)
out = a[a.index('-o') + 1] if '-o' in a else None
if out is None:
    srcs = [x for x in a if x.endswith(('.c', '.cc', '.cpp', '.cxx', '.C'))]
    out = os.path.splitext(os.path.basename(srcs[-1]))[0] + '.o' if srcs else None
if out:
    open(out, 'wb').close()
if '-MF' in a:
    with open(a[a.index('-MF') + 1], 'w') as f:
        f.write((a[a.index('-MT') + 1] if '-MT' in a else (out or 'x.o')) + ':\\n')
EOS
    chmod +x "$W/fakecc/$c"
  done
}
bear_make() { fakecc; PATH=$W/fakecc:$PATH bear --output "$S/.cc.json" -- make $J -k "$@"; true; }
bear_make_real() { bear --output "$S/.cc.json" -- make $J -k "$@"; true; }

