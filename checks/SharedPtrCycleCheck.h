//===--- SharedPtrCycleCheck.h - leaklint-shared-ptr-cycle -------*- C++ -*-===//

#ifndef LEAKLINT_CHECKS_SHARED_PTR_CYCLECHECK_H
#define LEAKLINT_CHECKS_SHARED_PTR_CYCLECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::leaklint {

/// Finds class types that keep each other alive through std::shared_ptr
/// (directly, in containers, by-value members, bases or callbacks), so that
/// objects linked both ways are never freed. Reports each cycle once, at the
/// member that closes it, and offers std::weak_ptr for that member where the
/// change is certain to compile.
///
/// Documentation: docs/checks/shared-ptr-cycle.md
class SharedPtrCycleCheck : public ClangTidyCheck {
public:
  SharedPtrCycleCheck(StringRef Name, ClangTidyContext *Context);
  ~SharedPtrCycleCheck() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }

  /// What the matchers collect during the one walk over the TU.
  struct Collected;

private:
  const std::string RawBackEdgeNames;
  const std::vector<std::string> BackEdgeNames;
  const bool ReportPossibleCycles;
  std::unique_ptr<Collected> TU;
};

} // namespace clang::tidy::leaklint

#endif // LEAKLINT_CHECKS_SHARED_PTR_CYCLECHECK_H
