//===--- Finding.h - what one analysis run reports ------------*- C++ -*-===//
//
// The driver's own model of a finding, decoupled from clang's diagnostics so
// that the text, JSON and SARIF writers and the fix applier share one shape.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_DRIVER_FINDING_H
#define LEAKLINT_DRIVER_FINDING_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/xxhash.h"
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace leaklint {

/// A place in a file. Line and column are 1-based; column counts bytes, as
/// clang does.
struct Location {
  std::string File;
  unsigned Offset = 0;
  unsigned Line = 0;
  unsigned Column = 0;
};

/// One replacement of a byte range, as clang-apply-replacements reads it.
/// Begin and End are where the replaced range starts and ends (End is one
/// past its last byte), for reports that want lines and columns.
struct Edit {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;
  Location Begin;
  Location End;

  friend bool operator<(const Edit &L, const Edit &R) {
    return std::tie(L.File, L.Offset, L.Length, L.Text) <
           std::tie(R.File, R.Offset, R.Length, R.Text);
  }
  friend bool operator==(const Edit &L, const Edit &R) {
    return !(L < R) && !(R < L);
  }
};

struct Note {
  Location Where;
  std::string Message;
};

enum class Severity { Warning, Error };

/// A check's finding, or a compiler error that stopped the analysis of a file
/// (Check is then "clang-diagnostic-error"). An error without a place (a bad
/// compiler flag) is attached to the file being analysed, at line 0.
struct Finding {
  std::string Check;
  Severity Level = Severity::Warning;
  Location Where;
  std::string Message;
  std::vector<Note> Notes;
  std::vector<Edit> Fix;
  /// Stable across edits elsewhere (assignFingerprints, Report.h).
  std::string Fingerprint;
  /// With --baseline: whether the baseline had it ("unchanged") or not
  /// ("new"); empty without one.
  std::string BaselineState;

  bool isToolError() const { return Level == Severity::Error; }

  /// Findings sort by place, then check, then text; equal findings from two
  /// translation units that include the same header are one finding.
  friend bool operator<(const Finding &L, const Finding &R) {
    return std::tie(L.Where.File, L.Where.Offset, L.Check, L.Message) <
           std::tie(R.Where.File, R.Where.Offset, R.Check, R.Message);
  }
};

/// What a file held when it was analysed. A fix is byte offsets into that
/// text, so --fix applies it to that text only.
struct ContentDigest {
  uint64_t Size = 0;
  uint64_t Low = 0, High = 0;

  static ContentDigest of(llvm::StringRef Text) {
    llvm::XXH128_hash_t H = llvm::xxh3_128bits(
        llvm::ArrayRef(Text.bytes_begin(), Text.size()));
    return {Text.size(), H.low64, H.high64};
  }
  friend bool operator==(const ContentDigest &L, const ContentDigest &R) {
    return std::tie(L.Size, L.Low, L.High) == std::tie(R.Size, R.Low, R.High);
  }
  friend bool operator!=(const ContentDigest &L, const ContentDigest &R) {
    return !(L == R);
  }
};

/// The analysed text of every file of the run, by the path findings give
/// it. A file that two units saw with different texts (it changed during
/// the run) has no digest (std::nullopt).
using AnalysedContents = std::map<std::string, std::optional<ContentDigest>>;

/// Adds what one unit saw to what the run saw.
inline void mergeAnalysed(AnalysedContents &Into,
                          const AnalysedContents &From) {
  for (const auto &[File, Digest] : From) {
    auto [It, New] = Into.emplace(File, Digest);
    if (!New && It->second != Digest)
      It->second = std::nullopt;
  }
}

} // namespace leaklint

#endif // LEAKLINT_DRIVER_FINDING_H
