#!/usr/bin/env bash
# fetch.sh: download the shared_ptr cycle corpus and make its compile databases.
#
#   test/realcode/cycles/fetch.sh WORKDIR [PACKAGE...]   (no PACKAGE: every row of packages.tsv)
#
# Per package (first column of packages.tsv):
#   WORKDIR/src/<source>-<version>/        the Debian source, patches applied (debian-source)
#   WORKDIR/build/<package>/               out-of-tree build directory (CMake, meson)
#   WORKDIR/db/<package>/compile_commands.json   the package's own translation units (the
#                                          directories and pattern of packages.tsv), one per file
#   WORKDIR/db/<package>/root              the package's source root
#   WORKDIR/log/<package>.log
# Nothing is compiled that the database does not need: CMake and meson are only configured
# (plus the targets that generate headers, where named); autotools builds run under bear with a
# recording compiler that writes empty objects. A package done already is skipped (FORCE=1 redoes
# it). Build dependencies are installed with apt. DEBIAN_SOURCE names the debian-source tool
# (default: shared/tools/debian-source, found upward from this script). Packages of the general
# corpus (rows whose recipe is 'realcode') are not fetched here: run.py reads their databases from
# REALCODE_DIR/db/<package> (the general corpus' work directory).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
W=$(mkdir -p "$1" && cd "$1" && pwd); shift
# shellcheck source=../fetch-lib.sh
. "$here/../fetch-lib.sh"
ninja_gen() { cmake_build "$@"; }   # targets that generate headers
# Boost 1.74 (Debian 12) casts -1 to an enum in boost/mpl: an error by default in clang 16 and later
boost_cxxflags=(-DCMAKE_CXX_FLAGS="-O0 -g0 -Wno-error=enum-constexpr-conversion")

recipe() {   # runs in $S; leaves $S/.cc.json
  case $1 in
  libtorrent-rasterbar) cmake_cfg -Dbuild_tests=OFF -Dbuild_examples=OFF -Dpython-bindings=OFF ;;
  i2pd)          cmake_cfg build -DWITH_UPNP=OFF -DWITH_LIBRARY=ON -DWITH_BINARY=ON "${boost_cxxflags[@]}" ;;
  thrift)        cmake_cfg -DBUILD_TESTING=OFF -DBUILD_TUTORIALS=OFF -DWITH_C_GLIB=OFF -DWITH_JAVA=OFF \
                   -DWITH_PYTHON=OFF -DWITH_JAVASCRIPT=OFF -DWITH_NODEJS=OFF -DWITH_QT5=OFF ;;
  pdns-recursor) configure && bear_make ;;
  dnsdist)       configure && bear_make ;;
  cpprest)       cmake_cfg -DBUILD_TESTS=OFF -DBUILD_SAMPLES=ON -DCPPREST_EXCLUDE_WEBSOCKETS=OFF -DWERROR=OFF \
                   "${boost_cxxflags[@]}" ;;
  aria2)         configure --disable-nls --without-libnettle --without-libgcrypt && bear_make ;;
  libcamera)     meson_cfg -Dpipelines=uvcvideo,vimc -Dipas=vimc -Dcam=disabled -Dqcam=disabled \
                   -Dgstreamer=disabled -Dv4l2=false -Dlc-compliance=disabled -Dtest=false \
                   -Ddocumentation=disabled -Dtracing=disabled && meson_build ;;  # with Debian's python: ply
  pulseview)     cmake_cfg -DDISABLE_WERROR=ON -DENABLE_TESTS=OFF ;;
  libopenshot)   # OpenMP is required: clang-19's runtime is not among the build dependencies (gcc's)
                 apt-get install -y -qq libomp-19-dev && cmake_cfg -DENABLE_TESTS=OFF -DENABLE_RUBY=OFF -DENABLE_PYTHON=OFF ;;
  qbittorrent)   # Qt5LinguistTools (CMake) is in qttools5-dev, which the build dependencies do not name
                 apt-get install -y -qq qttools5-dev && cmake_cfg -DSTACKTRACE=OFF -DGUI=OFF -DWEBUI=ON ;;
  rocksdb)       cmake_cfg -DWITH_TESTS=OFF -DWITH_BENCHMARK_TOOLS=OFF -DWITH_TOOLS=OFF -DWITH_GFLAGS=OFF \
                   -DPORTABLE=ON -DFAIL_ON_WARNINGS=OFF ;;
  osm2pgsql)     cmake_cfg -DBUILD_TESTS=OFF -DEXTERNAL_LIBOSMIUM=ON -DEXTERNAL_PROTOZERO=ON -DEXTERNAL_RAPIDJSON=ON ;;  # +ds: no contrib/
  fish)          cmake_cfg -DBUILD_DOCS=OFF ;;
  wesnoth-1.16)  cmake_cfg -DENABLE_GAME=OFF -DENABLE_SERVER=ON -DENABLE_CAMPAIGN_SERVER=ON -DENABLE_TESTS=OFF \
                   -DENABLE_NLS=OFF ;;
  libsigrok)     configure --enable-cxx --disable-python --disable-ruby --disable-java && bear_make ;;
  fcitx5)        cmake_cfg -DENABLE_TEST=OFF -DENABLE_COVERAGE=OFF -DENABLE_ENCHANT=OFF -DENABLE_WAYLAND=OFF \
                   -DENABLE_DOC=OFF -DUSE_SYSTEMD=OFF && ninja_gen ;;
  mosh)          configure && bear_make ;;
  paho.mqtt.cpp) cmake_cfg -DPAHO_WITH_SSL=TRUE -DPAHO_BUILD_SAMPLES=TRUE -DPAHO_BUILD_TESTS=FALSE \
                   -DPAHO_BUILD_DOCUMENTATION=FALSE -DPAHO_BUILD_STATIC=FALSE -DPAHO_BUILD_SHARED=TRUE ;;
  fastdds)       cmake_cfg -DSECURITY=ON -DBUILD_DOCUMENTATION=OFF -DEPROSIMA_BUILD_TESTS=OFF -DCOMPILE_EXAMPLES=OFF \
                   -DCOMPILE_TOOLS=OFF -DFORCE_CXX=17 ;;
  grpc)          # the libraries Debian builds against (debian/rules), not the bundled copies
                 cmake_cfg -DgRPC_ABSL_PROVIDER=package -DgRPC_CARES_PROVIDER=package -DgRPC_PROTOBUF_PROVIDER=package \
                   -DgRPC_RE2_PROVIDER=package -DgRPC_SSL_PROVIDER=package -DgRPC_ZLIB_PROVIDER=package \
                   -DgRPC_BENCHMARK_PROVIDER=none -DgRPC_BUILD_TESTS=OFF -DgRPC_BACKWARDS_COMPATIBILITY_MODE=OFF ;;
  *) echo "fetch.sh: no recipe for $1" >&2; return 1 ;;
  esac
}

pkgs=("$@")
[ ${#pkgs[@]} -gt 0 ] || mapfile -t pkgs < <(awk -F'\t' 'NR>1 && $1 !~ /^#/ && $2 != "realcode" {print $1}' "$here/packages.tsv")
status=0
for p in "${pkgs[@]}"; do
  db=$W/db/$p
  if [ -s "$db/compile_commands.json" ] && [ -z "${FORCE:-}" ]; then echo "$p: done"; continue; fi
  row=$(awk -F'\t' -v p="$p" '$1 == p' "$here/packages.tsv")
  [ -n "$row" ] || { echo "$p: not in packages.tsv" >&2; status=1; continue; }
  tus=$(echo "$row" | cut -f3); keep=$(echo "$row" | cut -f4)
  log=$W/log/$p.log; : > "$log"
  echo "$p: fetching" >&2
  S=$("$DEBIAN_SOURCE" --dest "$W/src" --build-deps "$p" 2>>"$log" | tail -1) \
    || S=$("$DEBIAN_SOURCE" --dest "$W/src" "$p" 2>>"$log" | tail -1) \
    || { echo "$p: download failed (see $log)" >&2; status=1; continue; }
  B=$W/build/$p; rm -rf "$B"; mkdir -p "$B"
  start=$(date +%s)
  ( cd "$S" && recipe "$p" ) >>"$log" 2>&1
  echo "$p: configured in $(( $(date +%s) - start ))s" >&2
  [ -s "$S/.cc.json" ] || { echo "$p: no compile database (see $log)" >&2; status=1; continue; }
  mkdir -p "$db"
  python3 "$here/dbfilter.py" "$S" "$B" "$S/.cc.json" "$db/compile_commands.json" "$tus" "$keep" || status=1
done
exit $status
