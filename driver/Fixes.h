//===--- Fixes.h - apply and export fix-its -------------------*- C++ -*-===//

#ifndef LEAKLINT_DRIVER_FIXES_H
#define LEAKLINT_DRIVER_FIXES_H

#include "Finding.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace leaklint {

/// What applyFixes did: findings with a fix, fixes applied (a fix repeated
/// by several translation units counts once), files rewritten.
struct FixSummary {
  unsigned Proposed = 0;
  unsigned Applied = 0;
  unsigned Files = 0;
};

/// Applies the fix-its of Findings, to files that still hold the text that
/// was analysed (Analysed), whole or not at all: each file is locked against
/// other leaklint runs, checked, and its new text written to a temporary
/// file beside it, with its mode and owner; only when every file is ready
/// are they renamed over the originals. Edits repeated by several
/// translation units are applied once; a finding whose edits conflict with
/// an earlier finding's is skipped and reported on Errs. If a file cannot be
/// fixed (it changed, it is read-only, it cannot be read or written), no
/// file is written. Returns false on any error.
bool applyFixes(llvm::ArrayRef<Finding> Findings,
                const AnalysedContents &Analysed, FixSummary &Summary,
                llvm::raw_ostream &Errs);

/// Writes the YAML that clang-apply-replacements reads.
bool exportFixes(llvm::ArrayRef<Finding> Findings, llvm::StringRef Path,
                 llvm::raw_ostream &Errs);

} // namespace leaklint

#endif // LEAKLINT_DRIVER_FIXES_H
