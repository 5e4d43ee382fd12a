# -*- Python -*-
import os
import shutil
import subprocess
import lit.formats

config.name = "leaklint"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".c", ".test"]
# realcode/ and realdefects/ hold corpus recipes and reproducers, not tests.
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py", "realcode", "realdefects"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.leaklint_build_dir, "test")

tools = config.llvm_tools_dir
config.environment["PATH"] = os.pathsep.join(
    [os.path.join(config.leaklint_build_dir, "bin"), tools,
     config.environment.get("PATH", os.environ.get("PATH", ""))])
config.environment["LEAKLINT_SOURCE_DIR"] = config.leaklint_source_dir
# Tests see neither the user's terminal nor their colours.
config.environment["TERM"] = "dumb"

plugin = os.path.join(config.leaklint_build_dir, "lib", "libLeaklintTidyPlugin.so")
driver = os.path.join(config.leaklint_build_dir, "bin", "leaklint")
clangd = os.path.join(config.leaklint_build_dir, "bin", "leaklint-clangd")
python = config.python_executable

check = [python, os.path.join(config.test_source_root, "check_leaklint.py"),
         "--plugin", plugin, "--driver", driver, "--clangd", clangd,
         "--clang-tidy", config.clang_tidy, "--clangxx", config.clangxx,
         "--filecheck", os.path.join(tools, "FileCheck")]
config.substitutions.append(("%check_leaklint", " ".join(check)))
# Longer names first: lit substitutes in order, and %leaklint is a prefix.
config.substitutions.append(("%llvm_major", config.llvm_major))
config.available_features.add("llvm-" + config.llvm_major)
config.substitutions.append(("%leaklint_clangd", clangd))
config.substitutions.append(("%leaklint", driver))
config.substitutions.append(("%plugin", plugin))
config.substitutions.append(("%clang_tidy", config.clang_tidy))
config.substitutions.append(("%clangxx", config.clangxx))
config.substitutions.append(("%clang_c", os.path.join(tools, "clang")))
config.substitutions.append(("%python", python))
config.substitutions.append(("%system_python", "/usr/bin/python3"))
config.substitutions.append(("%expect_exit", " ".join(
    [python, os.path.join(config.test_source_root, "driver", "Inputs",
                          "expect_exit.py")])))
config.substitutions.append(("%S_src", config.test_source_root))
config.substitutions.append(("%srcroot", config.leaklint_source_dir))
config.substitutions.append(("%builddir", config.leaklint_build_dir))

if os.path.exists(clangd):
    config.available_features.add("clangd")
if shutil.which("cmake") and shutil.which("ninja"):
    config.available_features.add("cmake")
# --scheduler's tests start a local Dask cluster (Debian's python3-distributed).
if subprocess.call(["/usr/bin/python3", "-c", "import distributed"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0:
    config.available_features.add("dask")
# GLib's own headers, for the GLib models (GVariant references).
glib = subprocess.run(["pkg-config", "--cflags", "glib-2.0"], stdout=subprocess.PIPE,
                      stderr=subprocess.DEVNULL, text=True) if shutil.which("pkg-config") else None
if glib and glib.returncode == 0:
    config.available_features.add("glib")
    config.substitutions.append(("%glib_cflags", glib.stdout.strip()))
if os.path.exists("/usr/bin/pre-commit"):
    config.available_features.add("pre-commit")
