#!/usr/bin/env bash
# fetch.sh: download, configure and build the compile databases of the real-code corpus.
#
#   test/realcode/fetch.sh WORKDIR [PACKAGE...]     (no PACKAGE: every package of packages.tsv)
#
# For each package (the names of the first column of packages.tsv):
#   WORKDIR/src/<source>-<version>/   the Debian source, patches applied (debian-source)
#   WORKDIR/build/<package>/          out-of-tree build directory (CMake, meson); autotools and
#                                     plain Makefiles build in the source tree
#   WORKDIR/db/<package>/compile_commands.json
#                                     the database leaklint reads: only the package's own
#                                     translation units, the directories of packages.tsv, one
#                                     entry per file (libtool compiles some files twice)
#   WORKDIR/db/<package>/root         the package's source root (one line)
#   WORKDIR/log/<package>.log         what the configure and build printed
#
# Idempotent: a package whose WORKDIR/db/<package>/compile_commands.json exists is skipped
# (FORCE=1 redoes it). The build deps are installed with apt (Debian 12). Everything is compiled
# with clang-19 at -O0 (fast; the analysis only needs the commands and the generated headers),
# with -j2, one package at a time. Build failures past the point where the generated headers
# exist do not matter: builds run with -k, and the database keeps what was compiled or
# configured. DEBIAN_SOURCE may name the debian-source tool (default: the one in shared/tools
# next to the repository, found upward from this script).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
W=$(mkdir -p "$1" && cd "$1" && pwd); shift
# shellcheck source=fetch-lib.sh
. "$here/fetch-lib.sh"

# ---- recipes: configure/build so that $S/.cc.json exists; TUS names the directories kept ----
# (TUS: space-separated directories, relative to the source root, whose files are kept; EXCL:
#  an extended regex of paths relative to the root to drop, e.g. tests)
recipe() {
  TUS=.; EXCL='(^|/)(tests?|testing|unittests?|regress|testsuite|gtest|googletest|third_party|3rdparty|vendor|deps|contrib)(/|$)'
  case $1 in
  # ------------------------------------------------------------------ C
  memcached)   configure && bear_make ;;
  libevent)    cmake_cfg -DEVENT__DISABLE_TESTS=ON -DEVENT__DISABLE_BENCHMARK=ON -DEVENT__DISABLE_MBEDTLS=ON ;;
  lighttpd)    meson_cfg; TUS=src; EXCL='(^|/)t/' ;;
  dnsmasq)     bear_make CC=clang-19 COPTS="-O0 -g0"; TUS=src ;;
  tmux)        configure && bear_make ;;
  libzstd)     cmake_cfg build/cmake -DZSTD_BUILD_TESTS=OFF -DZSTD_BUILD_CONTRIB=OFF; TUS="lib programs" ;;
  socat)       configure && bear_make ;;
  tinyproxy)   configure && bear_make; TUS=src ;;
  libmicrohttpd) configure --disable-doc && bear_make; TUS="src/microhttpd src/lib src/examples"; EXCL='(^|/)test_[^/]*\.c$' ;;
  mosquitto)   cmake_cfg -DWITH_TESTS=OFF -DDOCUMENTATION=OFF; TUS="src lib client apps plugins" ;;
  jq)          configure --disable-docs --disable-maintainer-mode && bear_make; TUS=src ;;
  libyaml)     configure && bear_make; TUS=src ;;
  htop)        configure && bear_make ;;
  c-ares)      cmake_cfg -DCARES_BUILD_TESTS=OFF -DCARES_BUILD_TOOLS=ON; TUS="src" ;;
  fio)         ./configure --cc=clang-19 --disable-optimizations && bear_make ;;
  libgit2)     cmake_cfg -DBUILD_TESTS=OFF -DBUILD_CLI=ON -DUSE_HTTPS=mbedTLS -DUSE_HTTP_PARSER=system -DUSE_NTLMCLIENT=OFF -DREGEX_BACKEND=pcre2 -DUSE_SSH=ON; TUS="src" ;;  # +ds: no bundled deps
  rsync)       configure --disable-md2man --disable-debug && bear_make; EXCL='(^|/)(zlib|popt|testsuite)/|(^|/)t_|tls\.c$|wildtest\.c$|trimslash\.c$|getgroups\.c$' ;;
  libarchive)  cmake_cfg -DENABLE_TEST=OFF; TUS="libarchive tar cpio cat unzip"; EXCL='(^|/)test(_utils)?(/|$)' ;;
  xz-utils)    configure --disable-doc --disable-nls && bear_make; TUS="src" ;;
  openvpn)     configure --disable-plugin-auth-pam --disable-dco && bear_make; TUS=src ;;
  libwebsockets) cmake_cfg -DLWS_WITH_MINIMAL_EXAMPLES=OFF -DLWS_WITHOUT_TESTAPPS=ON -DLWS_WITH_LIBUV=OFF -DLWS_WITH_LIBEVENT=ON; TUS=lib ;;
  stunnel4)    configure --disable-systemd && bear_make; TUS=src ;;
  civetweb)    cmake_cfg -DCIVETWEB_BUILD_TESTING=OFF -DCIVETWEB_ENABLE_SERVER_EXECUTABLE=ON; TUS=src ;;
  libcoap3)    configure --disable-documentation --disable-tests --disable-examples && bear_make; TUS=src ;;
  weechat)     cmake_cfg -DENABLE_DOC=OFF -DENABLE_MAN=OFF -DENABLE_TESTS=OFF -DENABLE_PYTHON=OFF -DENABLE_PERL=OFF \
                 -DENABLE_RUBY=OFF -DENABLE_LUA=OFF -DENABLE_TCL=OFF -DENABLE_GUILE=OFF -DENABLE_JAVASCRIPT=OFF \
                 -DENABLE_PHP=OFF -DENABLE_SPELL=OFF; TUS=src ;;
  redis)       bear_make MALLOC=libc BUILD_TLS=no USE_SYSTEMD=no \
                 && python3 -c 'import json; d = json.load(open(".cc.json")); json.dump([e for e in d if "-cc1" not in e["arguments"]], open(".cc.json", "w"), indent=1)'
               TUS=src ;;  # the clang -cc1 runs of its 'cc -MM *.c' (Makefile.dep) came first in the database: dropped
  haproxy)     bear_make TARGET=linux-glibc CC=clang-19; TUS="src" ;;
  hexchat)     meson_cfg -Dwith-lua=false -Dwith-perl=false -Dwith-python=false -Dtext-frontend=false -Dtheme-manager=false && meson_build; TUS=src ;;
  hiredis)     bear_make USE_SSL=0; EXCL='(^|/)(test\.c|examples?/)' ;;
  libmodbus)   configure --disable-tests && bear_make; TUS=src ;;
  nghttp2)     cmake_cfg -DENABLE_LIB_ONLY=ON -DENABLE_DOC=OFF; TUS=lib ;;
  libev)       configure && bear_make ;;
  libssh2)     cmake_cfg -DBUILD_TESTING=OFF -DBUILD_EXAMPLES=ON; TUS="src example" ;;
  dropbear)    configure --disable-zlib && bear_make; EXCL='(^|/)(libtommath|libtomcrypt|fuzz|test)' ;;
  unbound)     configure --disable-flto && bear_make; EXCL='(^|/)(testcode|testdata|contrib|pythonmod|libunbound/python)/' ;;
  libzip)      cmake_cfg -DBUILD_REGRESS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_DOC=OFF -DBUILD_OSSFUZZ=OFF; TUS="lib src" ;;
  msgpack-c)   cmake_cfg -DMSGPACK_BUILD_TESTS=OFF -DMSGPACK_BUILD_EXAMPLES=OFF; TUS=src ;;
  ldns)        configure --disable-dane-ta-usage && bear_make; EXCL='(^|/)(test|contrib|python)/' ;;
  libconfig)   configure --disable-examples && bear_make; TUS=lib ;;
  czmq)        cmake_cfg -DENABLE_DRAFTS=OFF -DCZMQ_WITH_LIBCURL=OFF -DCZMQ_WITH_LIBMICROHTTPD=OFF; TUS=src; EXCL='selftest|(^|/)test_' ;;
  cmark)       cmake_cfg -DCMARK_TESTS=OFF; TUS=src ;;
  libmaxminddb) cmake_cfg -DBUILD_TESTING=OFF; TUS="src bin" ;;
  lmdb)        bear_make -C libraries/liblmdb CC=clang-19 OPT="-O0 -g0"; TUS=libraries/liblmdb; EXCL='(^|/)mtest' ;;
  lua5.4)      { command -v libtool >/dev/null || apt-get install -y -qq libtool-bin; } && bear_make linux CC=clang-19 MYCFLAGS="-O0 -g0" LIBTOOL="libtool --quiet"; TUS=src ;;
  libnl3)      configure --disable-cli && bear_make; TUS=lib ;;
  tcpdump)     configure && bear_make; EXCL='(^|/)(tests|missing)/' ;;
  libpcap)     configure && bear_make; EXCL='(^|/)(testprogs|tests|missing)/' ;;
  chrony)      ./configure --disable-sechash --without-seccomp && bear_make ;;
  discount)    ./configure.sh --shared && bear_make CC=clang-19 ;;
  libsrtp2)    configure && bear_make; TUS="srtp crypto"; EXCL='(^|/)(test)/' ;;
  nginx)       ./configure --with-http_ssl_module --with-stream && bear_make; TUS=src ;;
  protobuf-c)  configure && bear_make; TUS="protobuf-c protoc-c" ;;
  nng)         cmake_cfg -DNNG_TESTS=OFF -DNNG_TOOLS=ON -DNNG_ENABLE_TLS=ON; TUS=src; EXCL='_test\.c$|(^|/)(testing|windows)/' ;;
  mxml)        configure && bear_make; EXCL='(^|/)testmxml\.c$|(^|/)(test|vcnet|xcode|doc)/' ;;
  expat)       cd expat && configure --without-docbook --without-tests --without-examples && bear_make; TUS="expat/lib expat/xmlwf" ;;  # its CMake config.h breaks a Debian patch's #if XML_DTD == 1
  lz4)         bear_make lib lz4 MOREFLAGS=; TUS="lib programs" ;;
  liburcu)     configure && bear_make; TUS=src ;;
  fcgiwrap)    configure --without-systemd && bear_make ;;
  libfcgi)     configure && bear_make; TUS="libfcgi cgi-fcgi" ;;
  libusb-1.0)  configure --disable-examples-build --disable-tests-build && bear_make; TUS=libusb ;;
  avahi)       autoreconf -fi && configure --with-distro=debian --disable-qt3 --disable-qt4 --disable-qt5 --disable-gtk --disable-gtk3 --disable-mono --disable-monodoc --disable-python --disable-pygobject --disable-doxygen-doc \
                 --disable-manpages --disable-xmltoman --disable-libevent && bear_make
                 TUS="avahi-common avahi-core avahi-daemon avahi-client avahi-utils avahi-autoipd avahi-dnsconfd" ;;
  mongo-c-driver) cmake_cfg -DBUILD_VERSION="$(dpkg-parsechangelog -SVersion | sed 's/-[^-]*$//')" -DENABLE_TESTS=OFF -DENABLE_EXAMPLES=OFF -DENABLE_STATIC=OFF -DENABLE_MAN_PAGES=OFF -DENABLE_HTML_DOCS=OFF \
                 -DENABLE_CLIENT_SIDE_ENCRYPTION=OFF -DENABLE_ZLIB=SYSTEM; TUS="src/libbson/src src/libmongoc/src"; EXCL='(^|/)jsonsl/' ;;
  h2o)         cmake_cfg -DWITH_MRUBY=OFF -DWITH_BUNDLED_SSL=OFF -DBUILD_SHARED_LIBS=ON; TUS="lib src" ;;
  yajl)        cmake_cfg; TUS="src reformatter verify" ;;
  libestr)     configure && bear_make; TUS=src ;;
  libcsv)      configure && bear_make ;;
  dhcpcd5)     ./configure --privsepuser=dhcpcd && bear_make; TUS=src ;;
  vpnc)        bear_make CC=clang-19; EXCL='(^|/)test-crypto\.c$' ;;
  ppp)         ./configure --prefix=/usr && bear_make_real CC=clang-19 COPTS='-O0 -g0' USE_EAPTLS=; TUS=pppd ;;  # real compiles: the top Makefile stops at the first failed link; eap-tls.c has GCC nested functions
  ethtool)     configure && bear_make ;;
  bird2)       configure --with-protocols=all && bear_make; EXCL='(^|/)(test|doc)/|^obj/conf/' ;;  # obj/conf: bison and flex output
  opendkim)    autoreconf -fi && ./configure --disable-live-testing --enable-vbr --enable-rbl --enable-atps --enable-replace_rules --enable-query_cache --with-db --with-lua --with-unbound && bear_make
                 TUS="libopendkim opendkim libvbr librbl" ;;  # no configure cache: its bsd/string.h 'no' is stale
  libpsl)      meson_cfg -Druntime=libidn2 -Dpsl_file=/usr/share/publicsuffix/public_suffix_list.dat -Dpsl_testfile=/usr/share/doc/publicsuffix/examples/test_psl.txt && meson_build; TUS="src tools" ;;
  nghttp3)     cmake_cfg -DENABLE_LIB_ONLY=ON; TUS=lib ;;
  ngtcp2)      cmake_cfg -DENABLE_GNUTLS=ON -DENABLE_OPENSSL=OFF -DENABLE_STATIC_LIB=OFF; TUS="lib crypto examples"; EXCL='(^|/)tests?/|_test\.cc$|examplestest\.cc$' ;;  # Debian's crypto backend; examples: the C++ client and server
  giflib)      bear_make CC=clang-19 OFLAGS='-O0 -g0' libgif.so libutil.so gif2rgb gifbuild giffix giftext giftool gifclrmp; EXCL='(^|/)(tests|doc|pic)/|openbsd-reallocarray\.c$' ;;  # the installed tools, not the test utilities
  libspng)     meson_cfg -Dstatic_zlib=false -Dbuild_examples=false -Ddev_build=false; EXCL='(^|/)(tests|examples|fuzz|benchmarks?)/' ;;
  brotli)      cmake_cfg -DBROTLI_DISABLE_TESTS=ON; TUS=c; EXCL='(^|/)(tests?|fuzz)/' ;;
  cyrus-sasl2) configure --disable-gssapi --disable-sql --disable-ldapdb --without-ldap --disable-macos-framework && bear_make
                 TUS="lib common plugins sasldb saslauthd utils"; EXCL='(^|/)testsaslauthd\.c$' ;;
  dbus)        cmake_cfg -DDBUS_BUILD_TESTS=OFF -DDBUS_ENABLE_DOXYGEN_DOCS=OFF -DDBUS_ENABLE_XML_DOCS=OFF -DDBUS_ENABLE_QTHELP_DOCS=OFF -DDBUS_BUILD_X11=OFF; TUS="dbus bus"; EXCL='^bus/test\.c$' ;;
  knot)        configure --disable-documentation --disable-fastparser --enable-xdp=no --enable-quic=no --with-module-dnstap=no && bear_make; TUS=src; EXCL='(^|/)tests/|^src/contrib/[^/]+/' ;;  # contrib subdirectories: bundled code
  tgt)         bear_make -C usr; TUS=usr ;;
  miniupnpd)   ./configure --igd2 --ipv6 --vendorcfg --pcp-peer --portinuse --leasefile --firewall=iptables && bear_make -f Makefile.linux miniupnpd miniupnpdctl; EXCL='(^|/)test[^/]*\.c$|^(bsd|ipf|ipfw|mac|pf|solaris|netfilter_nft)/' ;;
  rsyslog)     configure --enable-imfile --enable-omprog --enable-omuxsock --enable-openssl --disable-generate-man-pages && bear_make
               TUS="runtime tools grammar plugins/imtcp plugins/imudp plugins/imuxsock plugins/imfile plugins/imklog plugins/omprog"; EXCL='^grammar/(grammar|lexer)\.c$' ;;  # bison/flex output left out
  libsodium)   configure && bear_make; TUS=src/libsodium ;;
  libwebp)     cmake_cfg -DWEBP_BUILD_ANIM_UTILS=OFF -DWEBP_BUILD_GIF2WEBP=OFF -DWEBP_BUILD_IMG2WEBP=OFF -DWEBP_BUILD_VWEBP=OFF -DWEBP_BUILD_EXTRAS=OFF
               TUS="src/dec src/enc src/utils src/mux src/demux examples imageio" ;;  # the SIMD dsp code left out
  flac)        cmake_cfg -DBUILD_TESTING=OFF -DBUILD_EXAMPLES=OFF -DBUILD_DOCS=OFF -DINSTALL_MANPAGES=OFF -DBUILD_CXXLIBS=OFF; TUS="src/libFLAC src/flac src/metaflac src/share" ;;
  libsndfile)  cmake_cfg -DBUILD_TESTING=OFF -DBUILD_EXAMPLES=OFF -DBUILD_REGTEST=OFF -DENABLE_EXTERNAL_LIBS=ON; TUS="src programs"; EXCL='^src/(GSM610|G72x)/|(^|/)test_[^/]*\.c$' ;;  # the GSM and G.72x codecs left out
  iproute2)    ./configure && bear_make CC=clang-19; TUS="ip lib" ;;
  libidn2)     configure --disable-doc && bear_make; TUS="lib src" ;;
  icecast2)    configure && bear_make; TUS=src ;;
  pgbouncer)   configure --with-cares=yes --with-pam --without-systemd && bear_make; TUS=src ;;  # lib/usual: the bundled libusual, left out
  openssh)     autoreconf -fi && configure --with-pam --with-libedit --with-kerberos5=/usr --with-ssl-engine --with-audit=linux --with-security-key-builtin \
                 --with-4in6 --with-privsep-path=/run/sshd && bear_make
               EXCL='^(openbsd-compat|regress|contrib)/|^(chacha|poly1305|rijndael|ed25519|smult_curve25519_ref|sntrup761|umac|umac128|hash|xmss_[a-z_]+|cipher-aesctr|logintest)\.c$|^(sandbox-(capsicum|darwin|pledge|solaris|systrace)|auth-(bsdauth|sia)|audit-bsm)\.c$' ;;  # crypto primitives, other OSes' code, compat layer left out
  bluez)       configure --enable-library --enable-threads --disable-manpages --disable-cups --disable-obex --disable-systemd --disable-midi && bear_make
               TUS="src lib gdbus" ;;  # bluetoothd's core, the shared (mainloop/GATT/MGMT) code, libbluetooth, its D-Bus helper; plugins, profiles, tools left out
  opus)        configure --enable-custom-modes --disable-doc && bear_make
               TUS="src celt silk"; EXCL='^(celt|silk)/(x86|arm|mips|fixed|float|tests)/|(^|/)(opus_compare|test_[^/]*)\.c$' ;;  # SIMD and fixed/float-specific DSP, tests left out
  proftpd-dfsg) ./configure --enable-sendfile --enable-ctrls --enable-openssl --enable-ipv6 --disable-nls --enable-dso --enable-pcre2 --enable-facl --disable-strip && bear_make
               TUS=src ;;  # the server core; modules, lib, contrib, utils, tests left out
  bitlbee)     ./configure --events=glib --ssl=gnutls --otr=0 --purple=0 --jabber=1 --twitter=1 --debug=0 --systemdsystemunitdir=no && bear_make
               EXCL='(^|/)(tests|doc|utils)/' ;;  # the IRC gateway, its lib, the Jabber and Twitter protocols
  zlib)        ./configure && bear_make; EXCL='(^|/)(test|contrib|examples|amiga|msdos|nintendods|old|os400|qnx|watcom|win32)/' ;;  # the library and its minigzip/example tests left out
  alsa-lib)    configure --disable-python && bear_make; TUS="src aserver" ;;  # the library and the shm server; modules, utils, tests left out
  postfix)     bear_make_real makefiles CC=clang-19 OPT=-O0 DEBUG=-g0 AUXLIBS="-lssl -lcrypto -lsasl2 -lpthread" AUXLIBS_CDB=-lcdb AUXLIBS_LDAP="-lldap -llber" \
                 AUXLIBS_LMDB=-llmdb AUXLIBS_MYSQL=-lmysqlclient AUXLIBS_PCRE="$(pcre2-config --libs8)" AUXLIBS_PGSQL=-lpq AUXLIBS_SQLITE=-lsqlite3 \
                 CCARGS="-DDEBIAN -DHAS_PCRE=2 -DHAS_LDAP -DUSE_LDAP_SASL -DHAS_SQLITE -DMYORIGIN_FROM_FILE -DHAS_CDB -DHAS_LMDB -DHAS_MYSQL -I/usr/include/mysql \
                 -DHAS_PGSQL -I$(pg_config --includedir) -DHAS_SSL -DUSE_SASL_AUTH -I/usr/include/sasl -DUSE_CYRUS_SASL -DUSE_TLS" && bear_make_real
               TUS=src; EXCL='^src/(fsstone|smtpstone)/' ;;  # real compiles: its top Makefile stops at the first failed link; Debian's CCARGS, without its shared/dynamicmaps; the benchmark tools left out
  openldap)    configure --enable-slapd --enable-dynamic --enable-syslog --enable-ipv6 --enable-local --enable-dynacl --enable-aci --enable-crypt --enable-spasswd --enable-rlookups \
                 --enable-modules=no --enable-backends=no --enable-mdb=yes --enable-monitor=yes --enable-overlays=no --disable-balancer --with-cyrus-sasl --with-tls=gnutls \
                 --with-threads --without-systemd CFLAGS="-O0 -g0 -Wno-error=implicit-int -Wno-error=implicit-function-declaration -Wno-error=int-conversion -Wno-error=incompatible-pointer-types" && bear_make_real
               TUS="libraries/liblber libraries/libldap libraries/liblutil libraries/librewrite servers/slapd clients/tools"; EXCL='(^|/)tests?/|^servers/slapd/(overlays|slapi)/|(^|/)(nt_svc|ntservice|version)\.c$|^libraries/libldap/(apitest|dntest|ftest|test|testavl|testtavl|urltest)\.c$|^libraries/liblber/(dtest|etest|idtest)\.c$|^libraries/librewrite/(rewrite|parse)\.c$'
               ;;  # real compiles: its Makefiles stop at the first failed link; old configure tests; slapd with back-mdb/ldif/monitor; the bundled liblmdb, other backends, overlays, lloadd, test programs, generated version.c left out
  exim4)       rm -rf build-Linux-* && mkdir -p Local && patch -s -o Local/Makefile src/EDITME debian/EDITME.exim4-light.diff && bear_make_real CC=clang-19 EXIM_MONITOR= FULLECHO= \
                 && python3 -c 'import json; d = json.load(open(".cc.json")); import os; k = [e for e in d if "-DMACRO_PREDEF" not in e["arguments"] and not any(a.startswith("util-") for a in e["arguments"])]; [e["arguments"].insert(1, "-I" + (e["directory"] if os.path.basename(e["directory"]).startswith("build-") else os.path.dirname(e["directory"]))) for e in k]; json.dump(k, open(".cc.json", "w"), indent=1)'
               TUS=src; EXCL='^src/(buildconfig|macro_predef)\.c$' ;;  # real compiles: the build runs a program it compiles (macro_predef), a clean build directory (a rebuild skips up-to-date tools); Debian's exim4-daemon-light configuration, without eximon; files compiled
                 # through build-Linux-*/ symlinks (the database names the files in src/, so the build directory, where os.h and config.h are made, is added to the include path); the -DMACRO_PREDEF and utility (util-*.o) compiles of the daemon's files, which came first in the database, dropped; the build-time generators left out
  libxml2)     configure --with-history --with-icu --without-python && bear_make
               EXCL='(^|/)(test[A-Za-z0-9]*|runtest|runsuite|runxmlconf)\.c$|(^|/)(fuzz|example|python|doc)/' ;;  # the library, xmllint, xmlcatalog; the test programs make builds left out
  curl)        cmake_cfg -DCURL_USE_OPENSSL=ON -DUSE_NGHTTP2=ON -DCURL_USE_LIBSSH2=ON -DCURL_USE_GSSAPI=ON -DCURL_USE_OPENLDAP=ON -DCURL_BROTLI=ON -DCURL_ZSTD=ON \
                 -DENABLE_THREADED_RESOLVER=ON -DENABLE_MANUAL=OFF -DBUILD_TESTING=OFF; TUS="lib src" ;;  # Debian's OpenSSL flavour; CMake, not its autotools: the patched
                 # tree's Makefile.am files are the NSS flavour's (Debian takes the last two patches off for the OpenSSL build)
  tor)         configure --disable-asciidoc --disable-manpage --disable-html-manual --disable-unittests --enable-gpl --disable-systemd && bear_make
               TUS="src/app src/core src/feature src/lib src/tools" ;;  # the daemon and its libraries, the tools; the bundled src/ext, the trunnel-generated src/trunnel, tests left out
  lldpd)       configure --with-snmp --with-xml --without-embedded-libevent && bear_make; TUS=src ;;  # Debian's flags; the system libevent (the bundled libevent/ left out), tests left out; the mirror here
                 # lacks lldpd_1.0.16.orig.tar.gz.asc (debian-source fails): the tree was unpacked by hand (orig + debian tars, debian/patches applied)
  # ------------------------------------------------------------------ C++
  yaml-cpp)    cmake_cfg -DYAML_CPP_BUILD_TESTS=OFF -DYAML_CPP_BUILD_TOOLS=ON; TUS="src util" ;;
  zeromq3)     cmake_cfg -DBUILD_TESTS=OFF -DWITH_DOCS=OFF -DWITH_PERF_TOOL=OFF; TUS=src ;;
  znc)         cmake_cfg -DWANT_PERL=OFF -DWANT_PYTHON=OFF -DWANT_TCL=OFF && cmake_build include/znc/Csocket.h src/Csocket.cpp src/version; TUS="src modules" ;;
  aria2)       configure --disable-nls --without-libnettle --without-libgcrypt && bear_make; TUS=src ;;
  mosh)        configure && bear_make; TUS=src ;;
  ninja-build) cmake_cfg -DBUILD_TESTING=OFF; TUS=src; EXCL='_test\.cc$|_perftest\.cc$|(^|/)(browse|hash_collision_bench|manifest_parser_perftest)' ;;
  libpqxx)     cmake_cfg -DSKIP_BUILD_TEST=ON -DBUILD_DOC=OFF; TUS="src include" ;;
  poco)        cmake_cfg -DENABLE_ENCODINGS=OFF -DENABLE_XML=OFF -DENABLE_JSON=ON -DENABLE_MONGODB=OFF \
                 -DENABLE_DATA=OFF -DENABLE_DATA_SQLITE=OFF -DENABLE_DATA_MYSQL=OFF -DENABLE_DATA_POSTGRESQL=OFF \
                 -DENABLE_DATA_ODBC=OFF -DENABLE_REDIS=OFF -DENABLE_PDF=OFF -DENABLE_UTIL=ON -DENABLE_NET=ON \
                 -DENABLE_NETSSL=OFF -DENABLE_CRYPTO=OFF -DENABLE_JWT=OFF -DENABLE_SEVENZIP=OFF -DENABLE_ZIP=OFF \
                 -DENABLE_APACHECONNECTOR=OFF -DENABLE_CPPPARSER=OFF -DENABLE_POCODOC=OFF -DENABLE_PAGECOMPILER=OFF \
                 -DENABLE_PAGECOMPILER_FILE2PAGE=OFF -DENABLE_ACTIVERECORD=OFF -DENABLE_ACTIVERECORD_COMPILER=OFF \
                 -DENABLE_PROMETHEUS=OFF -DENABLE_TESTS=OFF -DPOCO_UNBUNDLED=ON
               TUS="Foundation/src Net/src Util/src"; EXCL='\.c$' ;;
  libtorrent)  configure --disable-debug && bear_make; TUS=src ;;
  libcamera)   meson_cfg -Dpipelines=uvcvideo,vimc -Dipas=vimc -Dcam=disabled -Dqcam=disabled -Dgstreamer=disabled \
                 -Dv4l2=false -Dlc-compliance=disabled -Dtest=false -Ddocumentation=disabled -Dtracing=disabled && meson_build
               TUS="src/libcamera" ;;
  rtorrent)    configure && bear_make; TUS=src ;;
  fish)        cmake_cfg -DBUILD_DOCS=OFF; TUS=src; EXCL='(^|/)fish_tests\.cpp$' ;;
  qpdf)        cmake_cfg -DBUILD_DOC=OFF -DREQUIRE_CRYPTO_NATIVE=ON -DUSE_IMPLICIT_CRYPTO=OFF; TUS="libqpdf qpdf" ;;
  mpd)         meson_cfg -Ddocumentation=disabled -Dtest=false; TUS=src ;;
  cpprest)     cmake_cfg -DBUILD_TESTS=OFF -DBUILD_SAMPLES=OFF -DCPPREST_EXCLUDE_WEBSOCKETS=OFF -DWERROR=OFF; TUS=Release/src ;;
  pbzip2)      bear_make CXX=clang++-19 CXXFLAGS="-O0 -g0 -Wno-reserved-user-defined-literal" ;;
  iperf)       configure && bear_make; TUS="src compat" ;;
  fcitx5)      cmake_cfg -DENABLE_TEST=OFF -DENABLE_COVERAGE=OFF -DENABLE_ENCHANT=OFF -DENABLE_WAYLAND=OFF -DENABLE_DOC=OFF -DUSE_SYSTEMD=OFF; TUS="src/lib src/modules src/server src/frontend src/im" ;;
  libfilezilla) configure --disable-doxygen-doc && bear_make; TUS=lib ;;
  libixion)    configure --disable-python && bear_make; TUS="src/libixion src/include" ;;
  liborcus)    configure --disable-python --disable-spreadsheet-model && bear_make; TUS="src/liborcus src/parser" ;;
  keepassxc)   cmake_cfg -DWITH_TESTS=OFF -DWITH_GUI_TESTS=OFF -DWITH_XC_ALL=OFF -DWITH_XC_UPDATECHECK=OFF && cmake_build keepassx_core_autogen
               TUS="src/core src/format src/keys src/crypto src/gui"; EXCL='(^|/)(tests?|thirdparty)(/|$)' ;;
  smartmontools) configure --without-systemdsystemunitdir && bear_make ;;
  cppcheck)    cmake_cfg -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON -DBUILD_GUI=OFF -DBUILD_TESTS=OFF -DUSE_MATCHCOMPILER=Off; TUS="lib cli" ;;
  libjsoncpp)  cmake_cfg -DJSONCPP_WITH_TESTS=OFF -DJSONCPP_WITH_POST_BUILD_UNITTEST=OFF; TUS="src/lib_json" ;;
  pugixml)     cmake_cfg -DPUGIXML_BUILD_TESTS=OFF; TUS=src ;;
  google-glog) cmake_cfg -DWITH_GTEST=OFF -DBUILD_TESTING=OFF; TUS=src; EXCL='_unittest\.cc$|(^|/)(googletest|windows)/' ;;
  exiv2)       cmake_cfg -DEXIV2_BUILD_SAMPLES=OFF -DEXIV2_BUILD_UNIT_TESTS=OFF -DEXIV2_ENABLE_NLS=OFF -DEXIV2_BUILD_DOC=OFF; TUS="src app" ;;
  snappy)      cmake_cfg -DSNAPPY_BUILD_TESTS=OFF -DSNAPPY_BUILD_BENCHMARKS=OFF; EXCL='_unittest\.cc$|_benchmark\.cc$|test' ;;
  kyotocabinet) configure --disable-zlib && bear_make; EXCL='test\.cc$|(^|/)(example|doc|lab)/' ;;
  log4cplus)   cmake_cfg -DLOG4CPLUS_BUILD_TESTING=OFF -DWITH_UNIT_TESTS=OFF -DLOG4CPLUS_ENABLE_DECORATED_LIBRARY_NAME=OFF; TUS=src ;;
  taglib)      cmake_cfg -DBUILD_TESTS=OFF -DBUILD_EXAMPLES=OFF; TUS=taglib ;;
  rtaudio)     cmake_cfg -DRTAUDIO_BUILD_TESTING=OFF -DRTAUDIO_API_JACK=OFF -DRTAUDIO_API_PULSE=OFF; EXCL='(^|/)tests/' ;;
  rtmidi)      cmake_cfg -DRTMIDI_BUILD_TESTING=OFF -DRTMIDI_API_JACK=OFF; EXCL='(^|/)tests/' ;;
  muparser)    cmake_cfg -DENABLE_SAMPLES=OFF -DENABLE_OPENMP=OFF; TUS=src ;;
  libebml)     cmake_cfg; TUS=src ;;
  tinyxml)     bear_make CXX=clang++-19 LD=clang++-19; EXCL='(^|/)xmltest\.cpp$' ;;
  sqlitecpp)   cmake_cfg -DSQLITECPP_INTERNAL_SQLITE=OFF -DSQLITECPP_RUN_CPPLINT=OFF -DSQLITECPP_RUN_CPPCHECK=OFF; TUS=src ;;
  i2pd)        cmake_cfg build -DWITH_UPNP=OFF; TUS="libi2pd libi2pd_client daemon" ;;
  soci)        cmake_cfg -DSOCI_TESTS=OFF -DWITH_ORACLE=OFF -DWITH_DB2=OFF -DWITH_FIREBIRD=OFF; TUS=src ;;
  oscpack)     cmake_cfg; TUS="osc ip" ;;
  libde265)    cmake_cfg -DENABLE_SDL=OFF; TUS=libde265 ;;
  libheif)     cmake_cfg -DWITH_EXAMPLES=OFF; TUS=libheif ;;
  libraw)      configure --disable-examples && bear_make; TUS="src" ;;
  re2)         perl re2/make_perl_groups.pl > re2/perl_groups.cc && python3 re2/make_unicode_casefold.py > re2/unicode_casefold.cc \
                 && python3 re2/make_unicode_groups.py > re2/unicode_groups.cc && cmake_cfg -DRE2_BUILD_TESTING=OFF; TUS=re2; EXCL='(^|/)testing/' ;;
  exempi)      configure --enable-unittest=no && bear_make; TUS="XMPCore XMPFiles exempi source" ;;
  woff2)       cmake_cfg; TUS=src ;;
  cpputest)    cmake_cfg -DTESTS=OFF; TUS=src ;;
  libkml)      cmake_cfg -DWITH_SWIG=OFF -DBUILD_TESTING=OFF; TUS=src ;;
  fmtlib)      cmake_cfg -DFMT_TEST=OFF -DFMT_DOC=OFF; TUS=src ;;
  onetbb)      cmake_cfg -DTBB_TEST=OFF -DTBB_EXAMPLES=OFF -DTBB_STRICT=OFF; TUS="src/tbb src/tbbmalloc" ;;
  capnproto)   cmake_cfg -DBUILD_TESTING=OFF -DWITH_OPENSSL=OFF -DWITH_ZLIB=OFF; TUS="src/kj src/capnp"; EXCL='-test\.c\+\+$|(^|/)(test|testing)[-_.]|(^|/)(win32|windows)' ;;
  libcds)      cmake_cfg -DWITH_TESTS=OFF; TUS=src ;;
  tinyobjloader) cmake_cfg -DTINYOBJLOADER_BUILD_TEST_LOADER=OFF; EXCL='(^|/)(tests|python|examples|experimental)/' ;;
  qbittorrent) cmake_cfg -DGUI=ON -DWEBUI=OFF -DSTACKTRACE=OFF && cmake_build qbt_base_autogen qbt_gui_autogen; TUS="src/base src/app" ;;
  simdjson)    cmake_cfg -DSIMDJSON_DEVELOPER_MODE=OFF -DBUILD_SHARED_LIBS=ON; TUS=src ;;
  jsonnet)     cmake_cfg -DBUILD_TESTS=OFF -DUSE_SYSTEM_GTEST=ON -DBUILD_JSONNET=ON && cmake_build stdlib; TUS="core cmd"; EXCL='_test\.cpp$' ;;
  double-conversion) cmake_cfg -DBUILD_TESTING=OFF; TUS=double-conversion ;;
  pdns-recursor) configure --disable-silent-rules --without-net-snmp --disable-dnstap --without-libcap && bear_make; EXCL='(^|/)(ext|test)/|(^|/)test-[^/]*\.cc$|testrunner\.cc$' ;;
  benchmark)   cmake_cfg -DGIT_VERSION="$(dpkg-parsechangelog -SVersion | sed 's/-[^-]*$//')" -DBENCHMARK_ENABLE_TESTING=OFF -DBENCHMARK_ENABLE_GTEST_TESTS=OFF -DBENCHMARK_ENABLE_WERROR=OFF -DBENCHMARK_ENABLE_DOXYGEN=OFF; TUS=src ;;
  gflags)      cmake_cfg -DBUILD_TESTING=OFF -DBUILD_SHARED_LIBS=ON -DBUILD_STATIC_LIBS=OFF; TUS=src; EXCL='(^|/)windows_port\.cc$' ;;
  box2d)       cmake_cfg -DBOX2D_BUILD_UNIT_TESTS=OFF -DBOX2D_BUILD_TESTBED=OFF -DBOX2D_BUILD_DOCS=OFF -DBUILD_SHARED_LIBS=ON; TUS=src ;;
  libmediainfo) cd Project/GNU/Library && configure --enable-shared --with-libcurl --with-libmms --with-libtinyxml2 --without-libmd5 && bear_make
                 TUS=Source/MediaInfo; EXCL='^Source/MediaInfo/(Multiple|Audio|Video)/' ;;  # the container, audio and video parsers: 137 more files
  xapian-core) configure --disable-documentation && bear_make; TUS="api common net matcher" ;;  # the library core and its remote protocol; backends, queryparser, bin left out
  assimp)      cmake_cfg -DASSIMP_BUILD_TESTS=OFF -DASSIMP_BUILD_ASSIMP_TOOLS=OFF -DASSIMP_BUILD_SAMPLES=OFF -DASSIMP_BUILD_DOCS=OFF -DASSIMP_BUILD_ZLIB=OFF -DASSIMP_WARNINGS_AS_ERRORS=OFF
               TUS="code/Common code/AssetLib/Obj code/AssetLib/3DS code/AssetLib/Collada code/AssetLib/Ply code/PostProcessing" ;;  # the core, five formats, the post-processing steps
  abseil)      cmake_cfg -DCMAKE_CXX_STANDARD=17 -DBUILD_SHARED_LIBS=ON -DBUILD_TESTING=OFF -DABSL_BUILD_TESTING=OFF; TUS="absl/synchronization absl/base absl/strings"
               EXCL='_test\.cc$|_benchmark\.cc$|(^|/)[^/]*test_?util[^/]*$|(^|/)(testing|internal/[^/]*mock)' ;;
  protobuf)    cmake_cfg -Dprotobuf_BUILD_TESTS=OFF -Dprotobuf_BUILD_PROTOC_BINARIES=OFF -Dprotobuf_BUILD_LIBPROTOC=OFF -Dprotobuf_BUILD_SHARED_LIBS=ON
               TUS="src/google/protobuf/io src/google/protobuf/stubs $(sed -n 's|.*{protobuf_SOURCE_DIR}/\(src/google/protobuf/[^/]*\.cc\)$|\1|p' cmake/libprotobuf-lite.cmake)"; EXCL='(^|/)io_win32\.cc$' ;;  # the lite runtime's top-level files
  thrift)      cmake_cfg -DBUILD_COMPILER=OFF -DBUILD_TESTING=OFF -DBUILD_TUTORIALS=OFF -DWITH_AS3=OFF -DWITH_C_GLIB=OFF -DWITH_JAVA=OFF \
                 -DWITH_JAVASCRIPT=OFF -DWITH_NODEJS=OFF -DWITH_PYTHON=OFF -DWITH_QT5=OFF; TUS=lib/cpp/src; EXCL='(^|/)(qt|windows)/' ;;  # the C++ library only
  ndppd)       bear_make ndppd; TUS=src ;;
  dnsdist)     configure --disable-silent-rules --enable-dnscrypt --enable-dns-over-tls --enable-dns-over-https --with-libssl --with-gnutls=no \
                 --with-libsodium --with-lua --with-nghttp2 --with-re2 --without-net-snmp --disable-systemd && bear_make; EXCL='(^|/)(ext|test)/|(^|/)test-[^/]*\.cc$|testrunner\.cc$' ;;
  libtorrent-rasterbar) cmake_cfg -Ddht=OFF -Dbuild_tests=OFF -Dbuild_examples=OFF -Dbuild_tools=OFF -Dpython-bindings=OFF; TUS=src; EXCL='(^|/)kademlia/' ;;  # the DHT left out (size)
  cppunit)     configure --disable-doxygen --disable-html-docs && bear_make; TUS="src/cppunit src/DllPlugInTester" ;;
  hunspell)    configure --disable-nls && bear_make; TUS=src ;;
  openexr)     cmake_cfg -DBUILD_TESTING=OFF -DOPENEXR_BUILD_TOOLS=OFF -DOPENEXR_INSTALL_EXAMPLES=OFF -DBUILD_WEBSITE=OFF; TUS="src/lib/IlmThread src/lib/Iex src/lib/OpenEXR" ;;  # the C++ library and its thread pool; the C core, util lib, tools left out
  apt)         cmake_cfg -DWITH_DOC=OFF -DWITH_TESTS=OFF -DUSE_NLS=OFF; TUS="apt-pkg methods"; EXCL= ;;  # apt-pkg/contrib is its own code (files, strings, sockets)
  squid)       configure --with-openssl --disable-arch-native --disable-strict-error-checking --without-systemd --disable-translation && bear_make
               TUS="src/base src/comm src/ipc src/mem src/sbuf src/DiskIO src/dns src/servers src/clients src/http src/mgr" ;;  # the event/comm core, IPC, disk I/O threads, HTTP, cache manager
  libphonenumber) cmake_cfg cpp -DBUILD_GEOCODER=OFF -DUSE_BOOST=OFF -DUSE_STDMUTEX=ON -DREGENERATE_METADATA=OFF && cmake_build "$S/cpp/src/phonenumbers/phonemetadata.pb.h" "$S/cpp/src/phonenumbers/phonenumber.pb.h"
                 TUS=cpp/src; EXCL='\.pb\.cc$|(^|/)(test|geocoding)/|(^|/)(metadata|short_metadata|alternate_format|test_metadata)\.cc$' ;;  # protoc output, metadata tables left out
  cli11)       cmake_cfg -DCLI11_BUILD_TESTS=OFF -DCLI11_BUILD_EXAMPLES=ON -DCLI11_BUILD_DOCS=OFF; TUS=examples ;;  # header-only: its examples are the TUs
  libvmime)    cmake_cfg -DVMIME_BUILD_SAMPLES=OFF -DVMIME_BUILD_TESTS=OFF -DVMIME_BUILD_DOCUMENTATION=OFF -DVMIME_TLS_SUPPORT_LIB=gnutls \
                 && sed -i 's/ -stdlib=libc++//' .cc.json  # its CMake asks for libc++ with clang: Debian builds it with libstdc++
               TUS="src/vmime/net src/vmime/utility src/vmime/platforms/posix"; EXCL='(^|/)(windows|openssl)/' ;;  # the messaging (IMAP, POP3, SMTP, maildir, TLS) and utility layers; MIME parsing left out
  x265)        cmake_cfg source -DENABLE_ASSEMBLY=OFF -DENABLE_CLI=ON -DENABLE_SHARED=ON -DENABLE_HDR10_PLUS=OFF
               TUS="source/common source/encoder source/input source/output source/x265.cpp source/x265cli.cpp source/abrEncApp.cpp"; EXCL='^source/common/(aarch64|arm|ppc|vec|x86)/' ;;
  pdns)        configure --disable-silent-rules --with-modules= --with-dynmodules= --enable-lua-records --without-libcap --disable-systemd \
                 && bear_make -C pdns bind-dnssec.schema.sqlite3.sql.h bindparser.h dnslabeltext.cc apidocfiles.h pdns_server
               TUS=pdns; EXCL='(^|/)(ext|test)/|(^|/)test-[^/]*\.cc$|testrunner\.cc$|^pdns/(bindlexer\.c|bindparser\.cc|dnslabeltext\.cc)$' ;;  # pdns_server's files; flex, bison, ragel output left out
  botan)       python3 configure.py --cc=clang --cc-bin=clang++-19 --no-optimizations --without-documentation --with-boost --with-sqlite3 --with-zlib --with-bzip2 --with-lzma \
                 --build-targets=shared && bear_make libs
               TUS="src/lib/utils src/lib/tls" ;;  # the utilities (allocators, threads, sockets, files) and TLS; the algorithms left out
  jpeg-xl)     cmake_cfg -DBUILD_TESTING=OFF -DJPEGXL_ENABLE_BENCHMARK=OFF -DJPEGXL_ENABLE_DEVTOOLS=OFF -DJPEGXL_ENABLE_EXAMPLES=OFF -DJPEGXL_ENABLE_TOOLS=OFF \
                 -DJPEGXL_ENABLE_PLUGINS=OFF -DJPEGXL_ENABLE_SJPEG=OFF -DJPEGXL_ENABLE_SKCMS=OFF -DJPEGXL_BUNDLE_SKCMS=OFF -DJPEGXL_ENABLE_MANPAGES=OFF \
                 -DJPEGXL_ENABLE_DOXYGEN=OFF -DJPEGXL_ENABLE_JNI=OFF -DJPEGXL_ENABLE_OPENEXR=OFF -DJPEGXL_FORCE_SYSTEM_BROTLI=ON -DJPEGXL_FORCE_SYSTEM_HWY=ON -DJPEGXL_FORCE_SYSTEM_LCMS2=ON
               TUS="lib/jxl lib/threads"; EXCL='_(test|gbench|fuzzer)\.cc$|(^|/)test_(utils|image)' ;;  # the codec library and its thread pool; extras, tools, tests left out
  rocksdb)     cmake_cfg -DWITH_TESTS=OFF -DWITH_BENCHMARK_TOOLS=OFF -DWITH_CORE_TOOLS=OFF -DWITH_TOOLS=OFF -DWITH_GFLAGS=OFF -DPORTABLE=ON -DFAIL_ON_WARNINGS=OFF \
                 -DWITH_BZ2=ON -DWITH_LZ4=ON -DWITH_ZLIB=ON -DWITH_ZSTD=ON -DWITH_SNAPPY=ON -DROCKSDB_BUILD_SHARED=ON
               TUS="db util cache env"; EXCL='_test[0-9]*\.cc$|(^|/)[^/]*(test_?util|_bench|mock)[^/]*$' ;;  # the DB core, utilities (thread pool), caches, Env; table formats, utilities/ (contrib), tools left out
  nullmailer)  touch ChangeLog && configure && bear_make; TUS="lib src protocols" ;;  # automake wants a ChangeLog (its autogen.sh makes one)
  hyperscan)   cmake_cfg -DFAT_RUNTIME=OFF -DBUILD_STATIC_AND_SHARED=OFF -DBUILD_SHARED_LIBS=ON; TUS=src ;;  # the library (runtime and compiler); one runtime, not Debian's per-CPU fat runtime; tools, unit tests, examples, chimera left out
  highway)     cmake_cfg -DBUILD_TESTING=OFF -DHWY_ENABLE_TESTS=OFF -DHWY_ENABLE_EXAMPLES=OFF -DHWY_ENABLE_CONTRIB=ON -DBUILD_SHARED_LIBS=ON -DHWY_WARNINGS_ARE_ERRORS=OFF
               TUS=hwy; EXCL='_test\.cc$|(^|/)(tests|examples)/|(^|/)(bench_[^/]*|print_network)\.cc$' ;;  # hwy/contrib (image, vqsort) is its own code; tests, benchmarks, examples left out
  mkvtoolnix)  configure --disable-gui --disable-precompiled-headers --disable-optimization --disable-update-check && fakecc \
                 && { PATH=$W/fakecc:$PATH bear --output "$S/.cc.json" -- rake -j2 src/mpegparser/libmpegparser.a src/common/libmtxcommon.a src/input/libmtxinput.a \
                        src/output/libmtxoutput.a src/merge/libmtxmerge.a src/extract/libmtxextract.a src/propedit/libmtxpropedit.a \
                        src/merge/mkvmerge.o src/extract/mkvextract.o src/propedit/propedit.o $(ls src/info/*.cpp | sed 's/cpp$/o/'); true; }
               TUS="src/common src/mpegparser src/input src/output src/merge src/extract src/propedit src/info" ;;  # rake with the recording compiler: the static libraries and the tools' main objects, no links (rake stops at the first failure); the GUI, bundled lib/, tests left out
  poppler)     cmake_cfg -DENABLE_QT5=OFF -DENABLE_QT6=OFF -DENABLE_GOBJECT_INTROSPECTION=OFF -DENABLE_GTK_DOC=OFF -DBUILD_GTK_TESTS=OFF -DBUILD_CPP_TESTS=OFF \
                 -DBUILD_MANUAL_TESTS=OFF -DENABLE_UNSTABLE_API_ABI_HEADERS=ON -DENABLE_CMS=lcms2 -DENABLE_LIBOPENJPEG=openjpeg2 -DRUN_GPERF_IF_PRESENT=OFF \
                 && ninja -C "$B" -t commands glib/poppler-enums.h | tail -1 | sh
               TUS="poppler goo fofi splash utils cpp glib"; EXCL='(^|/)(tests?|demo)/' ;;  # the core, Splash, the utils, the C++ and GLib wrappers; the Qt wrappers (moc) left out; the glib-mkenums
                 # command alone (ninja would build libpoppler first)
  nmap)        configure --with-liblua --with-liblinear --without-zenmap --without-ndiff --enable-ipv6 && bear_make \
                 && python3 -c 'import json; d = json.load(open(".cc.json")); json.dump([e for e in d if "-cc1" not in e["arguments"]], open(".cc.json", "w"), indent=1)'
               EXCL='(^|/)(tests?|libdnet-stripped)/' ;;  # nmap, nping, libnetutil (C++), nbase, nsock, ncat (C); the bundled libdnet left out; the clang -cc1 runs of 'cc -MM' (makefile.dep) dropped, as for redis
  fluxbox)     configure --enable-xft --enable-shape --enable-fribidi --enable-xinerama --enable-nls CXXFLAGS="-O0 -g0 -Wno-register" && bear_make
               TUS="src util" ;;  # the window manager, its FbTk toolkit, the utils; fbsetroot.cc has a 'register' variable (an error in C++17 for clang); the flag goes to
                 # configure, which adds the Xft/freetype flags to CXXFLAGS (a make-line CXXFLAGS would drop them), so the shared configure cache is not used
  xerces-c)    cmake_cfg -Dnetwork-accessor=curl -Dsse2=OFF; TUS=src ;;  # the library (Debian's curl net accessor); samples, tests left out
  tesseract)   cmake_cfg -DCMAKE_BUILD_TYPE=None -DBUILD_TESTS=OFF -DBUILD_TRAINING_TOOLS=ON -DUSE_SYSTEM_ICU=ON -DOPENMP_BUILD=OFF -DENABLE_OPENCL=OFF; TUS=src ;;  # the OCR engine, the API, the CLI, the training tools; unittest/ left out; build type None: its CMake sets Release (-O3 -DNDEBUG) when none is given
  *) echo "fetch.sh: no recipe for $1" >&2; return 1 ;;
  esac
}

# source package name for apt, when it differs from the corpus name
srcname() { echo "$1"; }

pkgs=("$@")
[ ${#pkgs[@]} -gt 0 ] || mapfile -t pkgs < <(awk -F'\t' 'NR>1 && $1 !~ /^#/ {print $1}' "$here/packages.tsv")
status=0
for p in "${pkgs[@]}"; do
  db=$W/db/$p
  if [ -s "$db/compile_commands.json" ] && [ -z "${FORCE:-}" ]; then echo "$p: done"; continue; fi
  log=$W/log/$p.log; : > "$log"
  echo "$p: fetching" >&2
  S=$("$DEBIAN_SOURCE" --dest "$W/src" --build-deps "$(srcname "$p")" 2>>"$log" | tail -1) \
    || S=$("$DEBIAN_SOURCE" --dest "$W/src" "$(srcname "$p")" 2>>"$log" | tail -1) \
    || { echo "$p: download failed (see $log)" >&2; status=1; continue; }
  B=$W/build/$p; rm -rf "$B"; mkdir -p "$B"
  echo "$p: building in $S" >&2
  start=$(date +%s)
  ( cd "$S" && recipe "$p"; declare -p TUS EXCL > "$B/.filter" ) >>"$log" 2>&1
  echo "$p: build took $(( $(date +%s) - start ))s" >&2
  [ -s "$S/.cc.json" ] || { echo "$p: no compile database (see $log)" >&2; status=1; continue; }
  # shellcheck disable=SC1090
  . "$B/.filter"
  mkdir -p "$db"
  python3 "$here/dbfilter.py" "$S" "$B" "$S/.cc.json" "$db/compile_commands.json" "$TUS" "$EXCL" || status=1
done
exit $status
