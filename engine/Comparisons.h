//===--- Comparisons.h - comparisons with a known value -------*- C++ -*-===//
//
// The tables the condition evaluator (Conditions.cpp) decides comparisons
// with: `x op C` when x is known exactly, known to be at least N, is an error
// code, or is the result of an acquisition that failed or succeeded.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_COMPARISONS_H
#define LEAKLINT_ENGINE_COMPARISONS_H

#include "ResourceModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace clang::tidy::leaklint::ownership::detail {

/// A truth value the engine may not know.
enum class Tri : unsigned char { False, True, Unknown };

/// The value a failed acquisition returns, as an integer; for the
/// comparisons `p == NULL`, `fd < 0`, `p == MAP_FAILED`.
int64_t failureInt(FailureValue F);
/// Whether `X op C` holds for a known X.
Tri compareExactly(BinaryOperatorKind Op, int64_t X, int64_t C);
/// Whether `X op C` holds for an unknown X known to be at least \p Min.
Tri compareAtLeast(BinaryOperatorKind Op, int64_t Min, int64_t C);
/// Whether `X op C` holds for an unknown X known to be at most \p Max.
Tri compareAtMost(BinaryOperatorKind Op, int64_t Max, int64_t C);
/// Whether `X op C` holds for an error code X: 0 on success, some positive
/// error number on failure.
Tri compareErrorCode(BinaryOperatorKind Op, int64_t C, bool Failed);
/// Whether `X op C` holds when X is the failure value \p F (\p Failed), or
/// a successful acquisition, or cannot be told.
Tri compareFailed(BinaryOperatorKind Op, int64_t F, int64_t C, bool Failed);
/// Whether `X op C` holds for what an acquisition failing with \p F
/// returned, when it failed (\p Failed) or not; \p DeliveryStatus: X is the
/// status of a call that delivers through `*out` or keeps what it is given
/// only when it succeeds, not the resource.
Tri compareOutcome(FailureValue F, bool DeliveryStatus, BinaryOperatorKind Op,
                   int64_t C, bool Failed);
/// The integers an acquisition failing with \p F may return when it failed
/// (\p Failed) or not, from first to second; empty where only null is
/// known (pointers). \p DeliveryStatus as for compareOutcome.
std::optional<std::pair<int64_t, int64_t>>
outcomeInterval(FailureValue F, bool DeliveryStatus, bool Failed);
/// \p E as an integer or null constant, if it is one.
std::optional<int64_t> nullConstant(const Expr *E, ASTContext &Ctx);

/// A comparison read with its constant on the right: `5 == x` as `x == 5`.
/// C is empty when neither side is an integer or null constant.
struct ConstComparison {
  const Expr *X;
  BinaryOperatorKind Op;
  std::optional<int64_t> C;
};
ConstComparison constComparison(const BinaryOperator *BO, ASTContext &Ctx);
/// Whether \p L \p Op \p R holds, for a comparison operator.
bool compareInts(BinaryOperatorKind Op, int64_t L, int64_t R);
/// A call of a predicate whose whole body is `return param op C;` (`static
/// inline bool socket_defined(int sd) { return sd != -1; }`), read as that
/// comparison of the call's argument. Empty for any other expression.
std::optional<ConstComparison> predicateCall(const Expr *E, ASTContext &Ctx);

/// A test of a string against a string constant: `proto == "tcp"`, `proto
/// != protocol_name::ipc` (a std::string and a constant array),
/// `strcmp(mode, "r") == 0`, `strcmp(mode, "r")` (true when they differ).
/// A string equals one text at most: having found it equal to "ipc", the
/// path knows it is not "tipc".
struct TextTest {
  const Expr *Str;     ///< the string tested
  bool PointsToText;   ///< Str is a `char *` (strcmp), not a string object
  bool TrueWhenEqual;  ///< what the test's truth says
  uint64_t Text;       ///< the constant's text, hashed
};
/// \p E as a TextTest, if it is one.
std::optional<TextTest> textTest(const Expr *E);

/// The note "assuming 'x' is < 5" for assuming `x op C` is \p Truth.
std::string relNote(const std::string &Name, BinaryOperatorKind Op,
                    bool Truth, int64_t C);
/// \p E quoted for a note ("'p'"), or empty.
std::string describe(const Expr *E, const ASTContext &Ctx);

} // namespace clang::tidy::leaklint::ownership::detail

#endif // LEAKLINT_ENGINE_COMPARISONS_H
