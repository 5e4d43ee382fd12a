//===--- Fixes.cpp - apply and export fix-its -----------------------------===//

#include "Fixes.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <map>
#include <set>

using namespace llvm;
namespace tooling = clang::tooling;

namespace leaklint {
namespace {

/// Writes Text to Path atomically: a temporary file in the same directory,
/// then a rename, so a reader never sees half a file.
std::error_code writeAtomically(StringRef Path, StringRef Text) {
  SmallString<256> Temp;
  int FD;
  SmallString<256> Model(Path);
  Model += ".leaklint-%%%%%%";
  if (std::error_code EC = sys::fs::createUniqueFile(Model, FD, Temp))
    return EC;
  {
    raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      std::error_code EC = OS.error();
      OS.clear_error();
      sys::fs::remove(Temp);
      return EC;
    }
  }
  // Keep the original file's permissions.
  if (auto Perms = sys::fs::getPermissions(Path))
    sys::fs::setPermissions(Temp, *Perms);
  if (std::error_code EC = sys::fs::rename(Temp, Path)) {
    sys::fs::remove(Temp);
    return EC;
  }
  return {};
}

} // namespace

bool applyFixes(ArrayRef<Finding> Findings, raw_ostream &Errs) {
  // Per file, the replacements of every finding that fits with the ones
  // accepted before it. The same edit proposed by two translation units (a
  // finding in a shared header) is accepted once.
  std::map<std::string, tooling::Replacements> PerFile;
  std::set<Edit> Seen;
  for (const Finding &F : Findings) {
    if (F.Fix.empty())
      continue;
    std::map<std::string, tooling::Replacements> Trial = PerFile;
    bool Fits = true;
    for (const Edit &E : F.Fix) {
      if (!Seen.insert(E).second)
        continue;
      if (auto Err = Trial[E.File].add(
              tooling::Replacement(E.File, E.Offset, E.Length, E.Text))) {
        consumeError(std::move(Err));
        Fits = false;
        break;
      }
    }
    if (Fits)
      PerFile = std::move(Trial);
    else
      Errs << "leaklint: note: the fix for " << F.Where.File << ":"
           << F.Where.Line << ":" << F.Where.Column
           << " overlaps another fix and was not applied\n";
  }

  bool OK = true;
  for (const auto &[File, Replacements] : PerFile) {
    auto Buffer = MemoryBuffer::getFile(File);
    if (!Buffer) {
      Errs << "leaklint: error: cannot read '" << File
           << "': " << Buffer.getError().message() << "\n";
      OK = false;
      continue;
    }
    Expected<std::string> Fixed =
        tooling::applyAllReplacements((*Buffer)->getBuffer(), Replacements);
    if (!Fixed) {
      Errs << "leaklint: error: cannot apply the fixes to '" << File
           << "': " << toString(Fixed.takeError()) << "\n";
      OK = false;
      continue;
    }
    if (std::error_code EC = writeAtomically(File, *Fixed)) {
      Errs << "leaklint: error: cannot write '" << File
           << "': " << EC.message() << "\n";
      OK = false;
    }
  }
  return OK;
}

bool exportFixes(ArrayRef<Finding> Findings, StringRef Path, raw_ostream &Errs) {
  // FIXME: implemented in the driver reports change.
  return true;
}

} // namespace leaklint
