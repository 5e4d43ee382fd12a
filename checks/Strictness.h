//===--- Strictness.h - the confidence level a check reports at -*- C++ -*-===//
//
// The `Strictness` option of the checks whose findings depend on how long
// something lives: `conservative` (the default) reports only what the
// translation unit shows; `strict` also reports what is only probably
// fine (each check's docs page lists what that adds).
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_CHECKS_STRICTNESS_H
#define LEAKLINT_CHECKS_STRICTNESS_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy {
namespace leaklint {
enum class Strictness { Conservative, Strict };
} // namespace leaklint

template <> struct OptionEnumMapping<leaklint::Strictness> {
  static llvm::ArrayRef<std::pair<leaklint::Strictness, StringRef>> getEnumMapping() {
    static constexpr std::pair<leaklint::Strictness, StringRef> Mapping[] = {
        {leaklint::Strictness::Conservative, "conservative"},
        {leaklint::Strictness::Strict, "strict"}};
    return Mapping;
  }
};
} // namespace clang::tidy

#endif // LEAKLINT_CHECKS_STRICTNESS_H
