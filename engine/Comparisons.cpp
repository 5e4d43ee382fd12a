//===--- Comparisons.cpp - comparisons with a known value ----------------===//

#include "Comparisons.h"
#include "AstHelpers.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/Support/xxhash.h"

namespace clang::tidy::leaklint::ownership::detail {

int64_t failureInt(FailureValue F) {
  return F == FailureValue::MinusOne || F == FailureValue::MapFailed ||
                 F == FailureValue::MinusOneElseZero ||
                 F == FailureValue::NegativeErrorCode
             ? -1
             : 0;
}

Tri compareExactly(BinaryOperatorKind Op, int64_t X, int64_t C) {
  auto Of = [](bool B) { return B ? Tri::True : Tri::False; };
  switch (Op) {
  case BO_EQ: return Of(X == C);
  case BO_NE: return Of(X != C);
  case BO_LT: return Of(X < C);
  case BO_LE: return Of(X <= C);
  case BO_GT: return Of(X > C);
  case BO_GE: return Of(X >= C);
  default: return Tri::Unknown;
  }
}

Tri compareAtLeast(BinaryOperatorKind Op, int64_t Min, int64_t C) {
  switch (Op) {
  case BO_EQ: return C < Min ? Tri::False : Tri::Unknown;
  case BO_NE: return C < Min ? Tri::True : Tri::Unknown;
  case BO_LT: return C <= Min ? Tri::False : Tri::Unknown;
  case BO_LE: return C < Min ? Tri::False : Tri::Unknown;
  case BO_GT: return C < Min ? Tri::True : Tri::Unknown;
  case BO_GE: return C <= Min ? Tri::True : Tri::Unknown;
  default: return Tri::Unknown;
  }
}

Tri compareErrorCode(BinaryOperatorKind Op, int64_t C, bool Failed) {
  return Failed ? compareAtLeast(Op, 1, C) : compareExactly(Op, 0, C);
}

Tri compareAtMost(BinaryOperatorKind Op, int64_t Max, int64_t C) {
  switch (Op) {
  case BO_EQ: return C > Max ? Tri::False : Tri::Unknown;
  case BO_NE: return C > Max ? Tri::True : Tri::Unknown;
  case BO_LT: return C > Max ? Tri::True : Tri::Unknown;
  case BO_LE: return C >= Max ? Tri::True : Tri::Unknown;
  case BO_GT: return C >= Max ? Tri::False : Tri::Unknown;
  case BO_GE: return C > Max ? Tri::False : Tri::Unknown;
  default: return Tri::Unknown;
  }
}

Tri compareOutcome(FailureValue F, bool DeliveryStatus, BinaryOperatorKind Op,
                   int64_t C, bool Failed) {
  if (F == FailureValue::ErrorCode)
    return compareErrorCode(Op, C, Failed);
  if (F == FailureValue::NegativeErrorCode)
    return Failed ? compareAtMost(Op, -1, C) : compareExactly(Op, 0, C);
  if (F == FailureValue::MinusOneElseZero)
    return compareExactly(Op, Failed ? -1 : 0, C);
  // The status of a call that delivers through `*out` (`pipe`, `asprintf`):
  // -1 when it failed, 0 or a count when it delivered; not a descriptor,
  // which is at least 3.
  if (F == FailureValue::MinusOne && DeliveryStatus && !Failed)
    return compareAtLeast(Op, 0, C);
  return compareFailed(Op, failureInt(F), C, Failed);
}

std::optional<std::pair<int64_t, int64_t>>
outcomeInterval(FailureValue F, bool DeliveryStatus, bool Failed) {
  // The same outcomes compareOutcome decides comparisons by.
  switch (F) {
  case FailureValue::ErrorCode:
    return Failed ? std::pair<int64_t, int64_t>{1, INT64_MAX}
                  : std::pair<int64_t, int64_t>{0, 0};
  case FailureValue::NegativeErrorCode:
    return Failed ? std::pair<int64_t, int64_t>{INT64_MIN, -1}
                  : std::pair<int64_t, int64_t>{0, 0};
  case FailureValue::MinusOneElseZero:
    return Failed ? std::pair<int64_t, int64_t>{-1, -1}
                  : std::pair<int64_t, int64_t>{0, 0};
  case FailureValue::MinusOne:
    if (Failed)
      return std::pair<int64_t, int64_t>{-1, -1};
    return std::pair<int64_t, int64_t>{DeliveryStatus ? 0 : 3, INT64_MAX};
  default:
    return std::nullopt;
  }
}

Tri compareFailed(BinaryOperatorKind Op, int64_t F, int64_t C,
                         bool Failed) {
  if (Failed)
    return compareExactly(Op, F, C);
  // Success: a non-null pointer, or a descriptor >= 0.
  if (F == 0) { // pointers: only equality with null is known
    if (C != 0)
      return Tri::Unknown;
    if (Op == BO_EQ) return Tri::False;
    if (Op == BO_NE) return Tri::True;
    return Tri::Unknown;
  }
  // Descriptors (F == -1): a successful open() never returns 0, 1 or 2
  // while the standard streams are open, which is what `fd > 2` tests.
  return compareAtLeast(Op, 3, C);
}

bool compareInts(BinaryOperatorKind Op, int64_t L, int64_t R) {
  switch (Op) {
  case BO_EQ: return L == R;
  case BO_NE: return L != R;
  case BO_LT: return L < R;
  case BO_LE: return L <= R;
  case BO_GT: return L > R;
  case BO_GE: return L >= R;
  default: return false;
  }
}

static BinaryOperatorKind swapOp(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_LT: return BO_GT;
  case BO_GT: return BO_LT;
  case BO_LE: return BO_GE;
  case BO_GE: return BO_LE;
  default: return Op;
  }
}

std::optional<int64_t> nullConstant(const Expr *E, ASTContext &Ctx) {
  E = E->IgnoreParenCasts();
  if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return 0;
  // A constant null pointer with a name (`static const FolderRef
  // noFolderRef = 0;`, a `DIR *const`).
  if (const auto *DR = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
        VD && !isa<ParmVarDecl>(VD) && VD->getType()->isPointerType() &&
        VD->getType().isConstQualified())
      if (const Expr *Init = VD->getAnyInitializer();
          Init && !Init->isValueDependent() &&
          Init->IgnoreParenCasts()->isNullPointerConstant(
              Ctx, Expr::NPC_ValueDependentIsNotNull))
        return 0;
  Expr::EvalResult R;
  if (!E->isValueDependent() && E->EvaluateAsInt(R, Ctx) && R.Val.isInt())
    return R.Val.getInt().tryExtValue(); // none past INT64_MAX
  return std::nullopt;
}

ConstComparison constComparison(const BinaryOperator *BO,
                                       ASTContext &Ctx) {
  if (std::optional<int64_t> C = nullConstant(BO->getRHS(), Ctx))
    return {BO->getLHS(), BO->getOpcode(), C};
  return {BO->getRHS(), swapOp(BO->getOpcode()), nullConstant(BO->getLHS(), Ctx)};
}

std::optional<ConstComparison> predicateCall(const Expr *E, ASTContext &Ctx) {
  const auto *CE = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  const FunctionDecl *Def = nullptr;
  if (!FD || isa<CXXMethodDecl>(FD) || !FD->hasBody(Def) ||
      Def->getNumParams() != CE->getNumArgs())
    return std::nullopt;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  if (!Body || Body->size() != 1)
    return std::nullopt;
  const auto *RS = dyn_cast<ReturnStmt>(Body->body_front());
  const Expr *RV = RS && RS->getRetValue() ? RS->getRetValue() : nullptr;
  const auto *BO =
      RV ? dyn_cast<BinaryOperator>(RV->IgnoreParenImpCasts()) : nullptr;
  if (!BO || !BO->isComparisonOp())
    return std::nullopt;
  ConstComparison Cmp = constComparison(BO, Ctx);
  const auto *DR =
      Cmp.C ? dyn_cast<DeclRefExpr>(Cmp.X->IgnoreParenImpCasts()) : nullptr;
  const auto *P = DR ? dyn_cast<ParmVarDecl>(DR->getDecl()) : nullptr;
  if (!P || P->getType()->isReferenceType() ||
      P->getFunctionScopeIndex() >= CE->getNumArgs())
    return std::nullopt;
  return ConstComparison{CE->getArg(P->getFunctionScopeIndex()), Cmp.Op,
                         Cmp.C};
}

namespace {
/// The text of a string literal, or of a constant array or pointer
/// initialised with one (`static const char ipc[] = "ipc";`).
std::optional<StringRef> constantText(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *DR = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
    QualType T = VD ? VD->getType() : QualType();
    bool Constant =
        VD && (T.isConstQualified() ||
               (T->isArrayType() &&
                T->getAsArrayTypeUnsafe()->getElementType().isConstQualified()));
    if (!Constant || !VD->getInit())
      return std::nullopt;
    E = VD->getInit()->IgnoreParenImpCasts();
  }
  const auto *SL = dyn_cast<StringLiteral>(E);
  if (!SL || SL->getCharByteWidth() != 1)
    return std::nullopt;
  return SL->getString();
}

bool isStdString(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         (RD->getName() == "basic_string" ||
          RD->getName() == "basic_string_view");
}

/// `strcmp(a, b)`, the library's.
const CallExpr *strcmpCall(const Expr *E) {
  const auto *CE = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  if (!FD || CE->getNumArgs() != 2 || !FD->getIdentifier() ||
      FD->getName() != "strcmp" ||
      !(FD->isExternC() || FD->isInStdNamespace()))
    return nullptr;
  return CE;
}

/// The operand of \p A and \p B that is not a constant text, with the
/// other's text: (str, text).
std::optional<std::pair<const Expr *, StringRef>> againstText(const Expr *A,
                                                             const Expr *B) {
  if (std::optional<StringRef> T = constantText(B))
    return std::make_pair(A, *T);
  if (std::optional<StringRef> T = constantText(A))
    return std::make_pair(B, *T);
  return std::nullopt;
}
} // namespace

std::optional<TextTest> textTest(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  auto Make = [](std::pair<const Expr *, StringRef> P, bool Ptr, bool Eq) {
    return TextTest{P.first, Ptr, Eq, llvm::xxh3_64bits(P.second)};
  };
  if (const CallExpr *CE = strcmpCall(E)) // true when they differ
    if (auto P = againstText(CE->getArg(0), CE->getArg(1)))
      return Make(*P, true, false);
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE)) {
    const Expr *Call = BO->getLHS(), *Zero = BO->getRHS();
    if (!strcmpCall(Call))
      std::swap(Call, Zero);
    const auto *Lit = dyn_cast<IntegerLiteral>(Zero->IgnoreParenImpCasts());
    if (const CallExpr *CE = strcmpCall(Call); CE && Lit && Lit->getValue() == 0)
      if (auto P = againstText(CE->getArg(0), CE->getArg(1)))
        return Make(*P, true, BO->getOpcode() == BO_EQ);
    return std::nullopt;
  }
  const auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
  if (!OC || OC->getNumArgs() != 2 ||
      (OC->getOperator() != OO_EqualEqual &&
       OC->getOperator() != OO_ExclaimEqual))
    return std::nullopt;
  auto P = againstText(OC->getArg(0), OC->getArg(1));
  if (!P || !isStdString(P->first->getType()))
    return std::nullopt;
  return Make(*P, false, OC->getOperator() == OO_EqualEqual);
}

std::string relNote(const std::string &Name, BinaryOperatorKind Op,
                           bool Truth, int64_t C) {
  if (!Truth)
    Op = BinaryOperator::negateComparisonOp(Op);
  return "assuming " + Name + " is " +
         BinaryOperator::getOpcodeStr(Op).str() + " " + std::to_string(C);
}

std::string describe(const Expr *E, const ASTContext &Ctx) {
  std::string N = exprName(E, Ctx);
  return N.empty() ? std::string() : "'" + N + "'";
}

} // namespace clang::tidy::leaklint::ownership::detail
