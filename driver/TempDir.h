//===--- TempDir.h - a directory of the run's own, removed with it -*- C++ -*-===//

#ifndef LEAKLINT_DRIVER_TEMPDIR_H
#define LEAKLINT_DRIVER_TEMPDIR_H

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <string>

namespace leaklint {

/// A fresh directory under the system's temporary directory; it and
/// whatever it holds are removed when the object goes away.
class TempDir {
public:
  TempDir() = default;
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  ~TempDir() {
    if (!Path.empty())
      llvm::sys::fs::remove_directories(Path);
  }

  /// Makes the directory, named after \p Prefix.
  std::error_code create(llvm::StringRef Prefix) {
    return llvm::sys::fs::createUniqueDirectory(Prefix, Path);
  }
  llvm::StringRef path() const { return Path; }
  std::string sub(const llvm::Twine &Name) const {
    llvm::SmallString<256> P(Path);
    llvm::sys::path::append(P, Name);
    return std::string(P);
  }

private:
  llvm::SmallString<256> Path;
};

} // namespace leaklint

#endif // LEAKLINT_DRIVER_TEMPDIR_H
