//===--- LambdaCaptureCheck.h - leaklint-lambda-capture -------------------------*- C++ -*-===//

#ifndef LEAKLINT_CHECKS_LAMBDA_CAPTURECHECK_H
#define LEAKLINT_CHECKS_LAMBDA_CAPTURECHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::leaklint {

/// FIXME: not implemented yet.
///
/// Documentation: docs/checks/lambda-capture.md
class LambdaCaptureCheck : public ClangTidyCheck {
public:
  LambdaCaptureCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
};

} // namespace clang::tidy::leaklint

#endif // LEAKLINT_CHECKS_LAMBDA_CAPTURECHECK_H
