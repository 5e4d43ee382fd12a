//===--- OwningPointerCheck.h - leaklint-owning-pointer ---------*- C++ -*-===//

#ifndef LEAKLINT_CHECKS_OWNING_POINTERCHECK_H
#define LEAKLINT_CHECKS_OWNING_POINTERCHECK_H

#include "ClassOwnership.h"
#include "OwnershipEngine.h"
#include "ResourceModel.h"
#include "Strictness.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>

namespace clang::tidy::leaklint {

/// Finds memory and resources (files, descriptors, directories, mappings)
/// that are still owned and unreleased when their last owner is lost on some
/// path: end of scope, return, throw, overwrite. Path-sensitive, with
/// summaries of the functions of the translation unit; also raw owning
/// members that no destructor releases, and copies of classes that delete a
/// raw member in their destructor.
///
/// Documentation: docs/checks/owning-pointer.md
class OwningPointerCheck : public ClangTidyCheck {
public:
  OwningPointerCheck(StringRef Name, ClangTidyContext *Context);
  ~OwningPointerCheck() override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return true; // C and C++
  }

private:
  void checkFunction(const FunctionDecl *FD, ASTContext &Ctx);
  void checkClass(const CXXRecordDecl *RD, ASTContext &Ctx);
  void checkStruct(const RecordDecl *RD, ASTContext &Ctx);
  void reportOverwrittenMember(const ownership::ClassFinding &CF,
                               ASTContext &Ctx);
  /// The notes of a finding on a member: where it was acquired (if the TU
  /// shows it) and where the destructor releases it.
  void noteAcquiredAndReleased(const ownership::ClassFinding &CF,
                               const SourceManager &SM);
  void reportRefilledField(const ownership::ClassFinding &CF,
                           ASTContext &Ctx);
  /// The TU's index of member uses (built on first use).
  ownership::ClassOwnershipIndex &classes(ASTContext &Ctx);
  /// The warning's text.
  std::string message(const ownership::Finding &F) const;
  /// Reports \p F, whose text is \p Msg, with a note at the acquisition of
  /// each of \p Alike: leaks of other acquisitions, lost at the same place
  /// in the same words.
  void report(const ownership::Finding &F, const std::string &Msg,
              const FunctionDecl *FD, ASTContext &Ctx,
              llvm::ArrayRef<const ownership::Finding *> Alike);

  const std::string AcquireRelease;
  const bool IgnoreLeaksInMain;
  const unsigned MaxSteps;
  const std::string ExportSummaries;
  /// Whole-program mode: the merged summaries of the other TUs.
  const std::string ImportSummaries;
  const bool DebugBudget;
  const Strictness Level;
  const ownership::ResourceModel Model;
  utils::IncludeInserter Inserter;
  std::optional<ownership::SummaryIndex> Imported; ///< read once
  std::unique_ptr<ownership::OwnershipEngine> Engine;
  std::unique_ptr<ownership::ClassOwnershipIndex> Classes;
  const ASTContext *EngineCtx = nullptr;
  /// Per TU: whether a function may acquire (see MayAcquire).
  llvm::DenseMap<const FunctionDecl *, bool> MayAcquireMemo;
};

} // namespace clang::tidy::leaklint

#endif // LEAKLINT_CHECKS_OWNING_POINTERCHECK_H
