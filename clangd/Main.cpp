//===--- Main.cpp - leaklint-clangd: clangd with the leaklint checks ------===//
//
// This is clangd 19 itself (clangdMain() from Debian's libclangdMain.a); the
// leaklint checks are linked in beside it and register in clang-tidy's module
// registry, where clangd finds them like its built-in checks.
//
// The one thing added is the resource directory (the builtin headers). clangd
// looks for it next to its executable (<bin>/../lib/clang/<major>), which is
// right for an LLVM installation but not for a build tree or for
// /usr/local/bin. Unless the user chose one, or there is one next to the
// executable, the LLVM installation's resource directory found at build time
// is passed on.
//
//===----------------------------------------------------------------------===//

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>
#include <string>
#include <vector>

namespace clang::clangd {
// Defined in libclangdMain.a; its header (clangd/tool/ClangdMain.h) is not
// installed.
int clangdMain(int Argc, char *Argv[]);
} // namespace clang::clangd

namespace {

bool namesResourceDir(llvm::StringRef Arg) {
  Arg = Arg.ltrim('-');
  return Arg == "resource-dir" || Arg.starts_with("resource-dir=");
}

// True if the user passed --resource-dir on the command line or in
// CLANGD_FLAGS (clangd reads both; the option may only be given once).
bool userChoseResourceDir(int Argc, char **Argv) {
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg == "--")
      break;
    if (namesResourceDir(Arg))
      return true;
  }
  if (const char *Env = std::getenv("CLANGD_FLAGS")) {
    llvm::SmallVector<llvm::StringRef, 8> Words;
    llvm::StringRef(Env).split(Words, ' ', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef Word : Words)
      if (namesResourceDir(Word.trim("\"'")))
        return true;
  }
  return false;
}

bool hasBuiltinHeaders(llvm::StringRef Dir) {
  if (Dir.empty()) // would probe the working directory
    return false;
  llvm::SmallString<256> Probe(Dir);
  llvm::sys::path::append(Probe, "include", "stddef.h");
  return llvm::sys::fs::exists(Probe);
}

// The directory clangd itself would use: <bin>/../lib/clang/<major>.
std::string besideExecutable(const char *Argv0) {
  // Any address inside the executable will do, where /proc/self/exe is missing.
  void *InExecutable = reinterpret_cast<void *>(&besideExecutable);
  std::string Exe = llvm::sys::fs::getMainExecutable(Argv0, InExecutable);
  if (Exe.empty())
    return {};
  llvm::SmallString<256> Dir(llvm::sys::path::parent_path(Exe));
  llvm::sys::path::append(Dir, "..", "lib", "clang", LEAKLINT_CLANG_MAJOR);
  return std::string(Dir);
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc < 1) { // execve() with an empty argv: nothing to pass on to clangd
    llvm::errs() << "leaklint-clangd: started without a program name (argv[0])\n";
    return 1;
  }
  std::vector<char *> Args(Argv, Argv + Argc);
  std::string ResourceDirArg;
  if (!userChoseResourceDir(Argc, Argv) &&
      !hasBuiltinHeaders(besideExecutable(Argv[0])) &&
      hasBuiltinHeaders(LEAKLINT_CLANG_RESOURCE_DIR)) {
    ResourceDirArg = "--resource-dir=" LEAKLINT_CLANG_RESOURCE_DIR;
    Args.insert(Args.begin() + 1, ResourceDirArg.data());
  }
  Args.push_back(nullptr);
  return clang::clangd::clangdMain(static_cast<int>(Args.size() - 1), Args.data());
}
