//===--- LambdaCaptureCheck.cpp - leaklint-lambda-capture ---------------------------------===//

#include "LambdaCaptureCheck.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leaklint {

void LambdaCaptureCheck::registerMatchers(MatchFinder *Finder) {}

void LambdaCaptureCheck::check(const MatchFinder::MatchResult &Result) {}

} // namespace clang::tidy::leaklint
