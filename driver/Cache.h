//===--- Cache.h - results of translation units kept between runs -*- C++ -*-===//
//
// A unit's result is stored under a key over what its analysis depends on
// and can be named before it runs: leaklint itself (a digest of the
// executable), the resolved configuration of the file, its compile command
// and working directory. The entry lists every file the analysis read (the
// main file and each header, system headers included) with a digest of its
// content; a lookup is a hit only when each of them still holds that
// content, so touching a header re-runs exactly the units that include it.
// A unit that failed (a parse error, a file that vanished) is not stored.
// Entries are written to a temporary file and renamed into place: runs that
// share the directory never see half an entry.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_DRIVER_CACHE_H
#define LEAKLINT_DRIVER_CACHE_H

#include "Analyzer.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace leaklint {

class ResultCache {
public:
  /// A cache in \p Dir (created if needed); \p Salt names the leaklint that
  /// writes it (see toolSalt). Empty and an explanation in \p Error when
  /// the directory cannot be made.
  static std::optional<ResultCache> open(llvm::StringRef Dir, std::string Salt,
                                         std::string &Error);

  /// The key of \p File's unit: its compile command, the configuration
  /// clang-tidy resolves for it, and the analysis options.
  /// \p Inputs names what else the result depends on (whole-program mode:
  /// the summaries the unit imports).
  std::string keyFor(const clang::tooling::CompilationDatabase &DB,
                     const std::string &File, const AnalysisOptions &Opts,
                     llvm::StringRef Inputs = "") const;
  /// The stored result, if every file it read is unchanged; \p Extra, when
  /// given, receives what was stored with it.
  std::optional<UnitResult> lookup(llvm::StringRef Key,
                                   llvm::json::Object *Extra = nullptr) const;
  /// Stores \p R, and \p Extra with it, unless the unit failed or read a
  /// file whose content changed while it ran.
  void store(llvm::StringRef Key, const UnitResult &R,
             llvm::json::Object Extra = {}) const;

private:
  ResultCache(std::string Dir, std::string Salt)
      : Dir(std::move(Dir)), Salt(std::move(Salt)) {}
  std::string pathOf(llvm::StringRef Key) const;
  /// The digest of what \p Path holds now; each file is read once a run
  /// (the units share most of their headers).
  std::optional<ContentDigest> currentDigest(llvm::StringRef Path) const;
  std::string Dir;
  std::string Salt;
  struct DigestMemo {
    std::mutex Lock;
    llvm::StringMap<std::optional<ContentDigest>> Of;
  };
  std::shared_ptr<DigestMemo> Digests = std::make_shared<DigestMemo>();
};

/// A 128-bit digest of \p Text in hex: cache keys, and what whole-program
/// mode keeps of the summaries an analysis read.
std::string hex128(llvm::StringRef Text);

/// What identifies this leaklint: its version and a digest of its
/// executable (a rebuilt binary does not reuse an older one's results).
std::string toolSalt(const char *Argv0, void *MainAddr);

} // namespace leaklint

#endif // LEAKLINT_DRIVER_CACHE_H
