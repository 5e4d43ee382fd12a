//===--- LambdaCaptureCheck.h - leaklint-lambda-capture -------------------------*- C++ -*-===//

#ifndef LEAKLINT_CHECKS_LAMBDA_CAPTURECHECK_H
#define LEAKLINT_CHECKS_LAMBDA_CAPTURECHECK_H

#include "LambdaCaptureAnalysis.h"
#include "Strictness.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::leaklint {

/// Finds lambdas that copy a large object (or one owning heap data) and are
/// stored somewhere long-lived, keeping the copy alive as long as they live.
///
/// Documentation: docs/checks/lambda-capture.md
class LambdaCaptureCheck : public ClangTidyCheck {
public:
  LambdaCaptureCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }

private:
  const unsigned SizeThreshold;
  const std::vector<std::string> HeapOwningTypes;
  const std::vector<std::string> StoringFunctions;
  const std::vector<std::string> OneShotFunctions;
  const std::vector<std::string> UnregisteringFunctions;
  const Strictness Level;
  utils::IncludeInserter Inserter;
  CaptureCostModel Costs;
  std::optional<CallableStoreFinder> Stores;
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::leaklint

#endif // LEAKLINT_CHECKS_LAMBDA_CAPTURECHECK_H
