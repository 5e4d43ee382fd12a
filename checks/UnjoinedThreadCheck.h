//===--- UnjoinedThreadCheck.h - leaklint-unjoined-thread -------------------------*- C++ -*-===//

#ifndef LEAKLINT_CHECKS_UNJOINED_THREADCHECK_H
#define LEAKLINT_CHECKS_UNJOINED_THREADCHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::leaklint {

/// FIXME: not implemented yet.
///
/// Documentation: docs/checks/unjoined-thread.md
class UnjoinedThreadCheck : public ClangTidyCheck {
public:
  UnjoinedThreadCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
};

} // namespace clang::tidy::leaklint

#endif // LEAKLINT_CHECKS_UNJOINED_THREADCHECK_H
