//===--- OwningPointerCheck.cpp - leaklint-owning-pointer ---------------------------------===//

#include "OwningPointerCheck.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leaklint {

void OwningPointerCheck::registerMatchers(MatchFinder *Finder) {}

void OwningPointerCheck::check(const MatchFinder::MatchResult &Result) {}

} // namespace clang::tidy::leaklint
