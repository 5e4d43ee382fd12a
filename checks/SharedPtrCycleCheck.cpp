//===--- SharedPtrCycleCheck.cpp - leaklint-shared-ptr-cycle ---------------------------------===//

#include "SharedPtrCycleCheck.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leaklint {

void SharedPtrCycleCheck::registerMatchers(MatchFinder *Finder) {}

void SharedPtrCycleCheck::check(const MatchFinder::MatchResult &Result) {}

} // namespace clang::tidy::leaklint
