//===--- SummaryIndex.h - summaries of functions other TUs define -*- C++ -*-===//
//
// Whole-program mode: the summaries each translation unit exported
// (FunctionSummary::toJSON, keyed by the function's USR, the same key in
// every TU) merged into one index, read back when a TU calls a function it
// only declares. The engine then treats the call as if the body were in the
// TU: a wrapper of malloc in another file is a factory, a helper that frees
// its argument releases it.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_SUMMARYINDEX_H
#define LEAKLINT_ENGINE_SUMMARYINDEX_H

#include "FunctionSummaries.h"
#include "ResourceModel.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include <memory>
#include <optional>
#include <string>

namespace clang::tidy::leaklint::ownership {

/// The Unified Symbol Resolution of \p D: the same for every declaration of
/// one entity in every TU. Empty when Clang cannot make one.
std::string usrOf(const Decl *D);
/// In the lists of summaries a TU read (whole-program facts), an entry
/// with this prefix before the USR: only whether the function returns or
/// delivers a fresh resource was read, not the rest of its summary.
inline constexpr llvm::StringLiteral FactoryDependencyPrefix = "factory:";
/// A hook's line in the facts and the index (`"usr"`: this prefix before
/// the USR of a function-pointer global or field; `"hookTarget"`: the model
/// function a TU sets it to, ProgramHookPrefix and the USR of the function
/// of the program it sets a global to, or null when a TU sets it to
/// anything else), and the dependency of a result that read it.
inline constexpr llvm::StringLiteral HookPrefix = "hook:";
/// A hook's target that is a function of the program: this prefix before
/// its USR.
inline constexpr llvm::StringLiteral ProgramHookPrefix = "fn:";

/// Calls \p Fn on each line of \p Text (JSON lines) that is a JSON object;
/// other lines are skipped.
void forEachObjectLine(
    llvm::StringRef Text,
    llvm::function_ref<void(const llvm::json::Object &O, llvm::StringRef Line)>
        Fn);
/// Calls \p Fn on each line of \p Text (JSON lines of FunctionSummary::toJSON)
/// that is a JSON object with a non-empty "usr"; other lines are skipped.
void forEachSummaryLine(
    llvm::StringRef Text,
    llvm::function_ref<void(llvm::StringRef USR, const llvm::json::Object &O,
                            llvm::StringRef Line)>
        Fn);

class SummaryIndex {
public:
  /// Reads JSON lines written by FunctionSummary::toJSON (other lines, and
  /// summaries without a USR, are skipped). Acquirers are looked up by name
  /// in \p Model, which must outlive the index; a summary returning one
  /// \p Model does not know returns nothing owned.
  static llvm::Expected<SummaryIndex> load(llvm::StringRef Path,
                                           const ResourceModel &Model);
  /// The summary of the function with this USR, if one was read. A TU
  /// reads few of the summaries of a whole program, so each line is only
  /// parsed when its function is first asked for.
  const FunctionSummary *find(llvm::StringRef USR) const;
  /// The model function (`malloc`), or ProgramHookPrefix and the USR of the
  /// function of the program, that every TU setting the hook with this USR
  /// sets it to; empty if none does, or two disagree.
  llvm::StringRef hookTarget(llvm::StringRef USR) const {
    auto It = HookTargets.find(USR);
    return It == HookTargets.end() ? llvm::StringRef() : llvm::StringRef(It->second);
  }

private:
  const ResourceModel *Model = nullptr;
  std::unique_ptr<llvm::MemoryBuffer> Text;
  /// The lines of each USR, in the order of the file: the last one that
  /// parses is its summary.
  llvm::StringMap<llvm::SmallVector<llvm::StringRef, 1>> Lines;
  /// The summaries parsed so far (None: no line of the USR parses).
  mutable llvm::StringMap<std::optional<FunctionSummary>> Parsed;
  llvm::StringMap<std::string> HookTargets;
};

} // namespace clang::tidy::leaklint::ownership

#endif // LEAKLINT_ENGINE_SUMMARYINDEX_H
