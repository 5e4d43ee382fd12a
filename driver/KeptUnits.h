//===--- KeptUnits.h - parsed units kept between analyses -------*- C++ -*-===//
//
// Whole-program mode analyses a unit again when the summaries it read of
// the other units change. Parsing is most of a unit's cost, so its AST is
// kept after the first analysis, while the kept units fit in a memory
// budget, and the checks run again over it.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_DRIVER_KEPTUNITS_H
#define LEAKLINT_DRIVER_KEPTUNITS_H

#include "Finding.h"
#include "clang/Basic/FileEntry.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Lex/Token.h"
#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/ADT/StringMap.h"
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace clang {
class ASTContext;
class CompilerInstance;
class CompilerInvocation;
class DiagnosticConsumer;
class DiagnosticsEngine;
class FileManager;
class PPCallbacks;
class Preprocessor;
class SourceManager;
class TargetInfo;
namespace tidy {
class ClangTidyASTConsumerFactory;
} // namespace tidy
} // namespace clang

namespace leaklint {

/// An `#include` as the preprocessor reported it. The checks' fix-its
/// read them (IncludeInserter: is `<memory>` already included?), and a
/// kept unit is not preprocessed again, so they are replayed.
struct IncludeDirective {
  clang::SourceLocation HashLoc;
  clang::Token IncludeTok;
  std::string FileName;
  bool IsAngled = false;
  clang::CharSourceRange FilenameRange;
  clang::OptionalFileEntryRef File;
  std::string SearchPath, RelativePath;
  unsigned FileType = 0; ///< a SrcMgr::CharacteristicKind
};

/// A preprocessor callback that records the include directives into
/// \p Into.
std::unique_ptr<clang::PPCallbacks>
recordIncludes(std::vector<IncludeDirective> &Into);

/// One parsed unit: its AST and what the AST refers to (source manager,
/// preprocessor, target), taken from the compiler that parsed it.
class KeptUnit {
public:
  /// Takes what \p CI parsed; call before the compiler's action ends the
  /// source file (EndSourceFileAction), when nothing is released yet.
  KeptUnit(clang::CompilerInstance &CI, std::vector<IncludeDirective> Includes);
  ~KeptUnit();
  KeptUnit(const KeptUnit &) = delete;
  KeptUnit &operator=(const KeptUnit &) = delete;

  /// Runs the checks that \p Factory makes over the AST, as if the unit
  /// had just been parsed: they see the include directives again.
  void analyse(clang::tidy::ClangTidyASTConsumerFactory &Factory,
               llvm::StringRef File);

  /// Diagnostics of the kept source manager go nowhere from now on: the
  /// consumer of the analysis that parsed the unit is gone after it.
  void silenceDiagnostics();

  /// An estimate of the memory the unit holds, in bytes.
  size_t bytes() const;

  /// What the files of the unit held when they were read (UnitResult).
  AnalysedContents Analysed, Read;

private:
  std::shared_ptr<clang::CompilerInvocation> Invocation;
  llvm::IntrusiveRefCntPtr<clang::DiagnosticsEngine> Diags;
  std::unique_ptr<clang::DiagnosticConsumer> Silent;
  llvm::IntrusiveRefCntPtr<clang::FileManager> Files;
  llvm::IntrusiveRefCntPtr<clang::SourceManager> Sources;
  llvm::IntrusiveRefCntPtr<clang::TargetInfo> Target;
  std::shared_ptr<clang::Preprocessor> PP;
  llvm::IntrusiveRefCntPtr<clang::ASTContext> Ctx; // released first
  std::vector<IncludeDirective> Includes;
};

/// The units kept, by file, while their estimated memory stays within a
/// budget. Safe to use from several threads; a unit is analysed by one
/// thread at a time (take, analyse, put back).
class KeptUnits {
public:
  explicit KeptUnits(size_t BudgetBytes) : Budget(BudgetBytes) {}
  ~KeptUnits();

  /// Whether a parsed unit may be offered at all (a budget of 0: never).
  bool enabled() const { return Budget > 0; }
  /// Whether the units kept so far leave some of the budget, and none was
  /// refused for want of it.
  bool hasRoom();
  /// The unit of \p File, taken out of the store; null if none is kept.
  std::unique_ptr<KeptUnit> take(llvm::StringRef File);
  /// Keeps \p Unit for \p File if it fits in what is left of the budget
  /// (a unit taken and given back always does); otherwise frees it. A new
  /// unit's diagnostics go nowhere from then on.
  void put(llvm::StringRef File, std::unique_ptr<KeptUnit> Unit);
  /// How many units were taken to be analysed again.
  size_t reused();
  /// How many units are kept, and their estimated bytes.
  std::pair<size_t, size_t> kept();

private:
  std::mutex Mutex;
  size_t Budget;
  size_t Used = 0;
  size_t Taken = 0;
  bool Refused = false;
  /// Each unit kept, null while it is taken.
  llvm::StringMap<std::unique_ptr<KeptUnit>> Units;
};

} // namespace leaklint

#endif // LEAKLINT_DRIVER_KEPTUNITS_H
