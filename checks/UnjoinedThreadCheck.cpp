//===--- UnjoinedThreadCheck.cpp - leaklint-unjoined-thread ---------------------------------===//

#include "UnjoinedThreadCheck.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leaklint {

void UnjoinedThreadCheck::registerMatchers(MatchFinder *Finder) {}

void UnjoinedThreadCheck::check(const MatchFinder::MatchResult &Result) {}

} // namespace clang::tidy::leaklint
