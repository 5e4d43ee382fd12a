//===--- Deliveries.cpp - resources a function delivers through `*out` ---===//
//
// `int make_sock(int *out)` and the wrappers of asprintf hand their caller a
// resource through an out-parameter and say by their result whether they
// did. In summary mode the walk keeps what is stored into `*out` (instead of
// letting it escape), and every exit records whether `*out` then holds a
// fresh resource and what the function returns. The summary's delivery
// (FunctionSummary::Out) is the parameter, the acquirer, and the result that
// means "nothing delivered": the exits that deliver nothing must all say so
// alike (-1, 0, or an error code) and the others never.
//
//===----------------------------------------------------------------------===//

#include "AstHelpers.h"
#include "Comparisons.h"
#include "FunctionAnalysis.h"
#include "clang/AST/ParentMap.h"

namespace clang::tidy::leaklint::ownership::detail {

namespace {
/// Whether parameter \p P can deliver: a pointer to, or reference of, a
/// writable pointer or integer.
bool canDeliver(const ParmVarDecl *P) {
  QualType T = P->getType();
  QualType Target = T->isReferenceType() ? T.getNonReferenceType()
                    : T->isPointerType() ? T->getPointeeType()
                                         : QualType();
  return !Target.isNull() && !Target.isConstQualified() &&
         (Target->isPointerType() || Target->isIntegerType()) &&
         !Target->isBooleanType();
}

/// Whether \p E is `*P` (`P` parameter \p P).
bool isDerefOf(const Expr *E, const ParmVarDecl *P) {
  const auto *UO = dyn_cast<UnaryOperator>(E->IgnoreParenImpCasts());
  const auto *DR =
      UO && UO->getOpcode() == UO_Deref
          ? dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenImpCasts())
          : nullptr;
  return DR && DR->getDecl() == P;
}

/// Whether condition \p Cond, true, says `*P` is null: `!*P`, `*P == NULL`.
bool testsNull(const Expr *Cond, const ParmVarDecl *P, ASTContext &Ctx) {
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
      UO && UO->getOpcode() == UO_LNot)
    return isDerefOf(UO->getSubExpr(), P);
  const auto *BO = dyn_cast<BinaryOperator>(Cond);
  if (!BO || BO->getOpcode() != BO_EQ)
    return false;
  ConstComparison K = constComparison(BO, Ctx);
  return K.C == 0 && isDerefOf(K.X, P);
}
} // namespace

bool storesOnlyIntoNull(const FunctionDecl *FD, unsigned Param) {
  const ParmVarDecl *P = FD->getParamDecl(Param);
  if (!P->getType()->isPointerType() || !FD->getBody())
    return false;
  ParentMap PM(FD->getBody());
  ASTContext &Ctx = FD->getASTContext();
  bool Any = false, All = true;
  forEachNode(FD->getBody(), [&](const Stmt *X) {
    const auto *BO = dyn_cast<BinaryOperator>(X);
    if (!All || !BO || BO->getOpcode() != BO_Assign ||
        !isDerefOf(BO->getLHS(), P))
      return;
    Any = true;
    if (BO->getRHS()->IgnoreParenImpCasts()->isNullPointerConstant(
            Ctx, Expr::NPC_ValueDependentIsNotNull))
      return; // `*out = NULL` delivers nothing
    // Up to the `if` whose then-branch holds the store.
    const Stmt *Child = BO;
    for (const Stmt *Up = PM.getParent(BO); Up;
         Child = Up, Up = PM.getParent(Up))
      if (const auto *If = dyn_cast<IfStmt>(Up)) {
        if (If->getThen() == Child && testsNull(If->getCond(), P, Ctx))
          return;
      }
    All = false;
  });
  return Any && All;
}

std::optional<Loc> FunctionAnalysis::deliveryLoc(const Expr *Ptr) const {
  if (!SummaryMode || !Ptr)
    return std::nullopt;
  const auto *DR = dyn_cast<DeclRefExpr>(strip(Ptr)->IgnoreParenCasts());
  const auto *P = DR ? dyn_cast<ParmVarDecl>(DR->getDecl()) : nullptr;
  if (!P || !P->getType()->isPointerType())
    return std::nullopt;
  Loc L{P, {DerefMark}};
  return isDeliveryLoc(L) ? std::optional<Loc>(L) : std::nullopt;
}

bool FunctionAnalysis::isDeliveryLoc(const Loc &L) const {
  if (!SummaryMode || L.isHeap() || L.Path.size() != 1 || L.Path[0] != DerefMark)
    return false;
  const auto *P = dyn_cast_or_null<ParmVarDecl>(L.Base);
  return P && P->getFunctionScopeIndex() < FD->getNumParams() &&
         FD->getParamDecl(P->getFunctionScopeIndex()) == P && canDeliver(P);
}

void FunctionAnalysis::noteNulledOut(const Loc &L, bool Null, State &S) {
  unsigned I = cast<ParmVarDecl>(L.Base)->getFunctionScopeIndex();
  if (I >= 32)
    return;
  S.NulledOut = Null ? S.NulledOut | (1u << I) : S.NulledOut & ~(1u << I);
}

void FunctionAnalysis::recordDelivery(const Expr *RV, std::optional<unsigned> V,
                                      State &S) {
  if (ParamCells)
    recordCellResults(RV, V, S);
  DeliveryRecord &D = Delivered;
  // What each delivering parameter holds at this exit.
  std::optional<std::pair<unsigned, unsigned>> Here;
  std::optional<unsigned> HereValue;
  for (const ParmVarDecl *P : FD->parameters()) {
    Loc L{P, {DerefMark}};
    if (!isDeliveryLoc(L))
      continue;
    auto It = S.Store.find(L);
    if (It == S.Store.end())
      continue;
    auto VIt = S.Vals.find(It->second);
    if (VIt == S.Vals.end() || VIt->second.St != Status::Owned ||
        VIt->second.Null == Nullness::Null || Eng.isHookAcquirer(VIt->second.Acq))
      continue;
    // What the block holds is the caller's block's now (`item->sock =
    // sock; *list = item;`): kept, as in a block returned.
    escapeContents(S, It->second);
    if (Here) {
      D.Conflict = true; // two parameters deliver
      continue;
    }
    Here = {P->getFunctionScopeIndex(), VIt->second.Acq};
    HereValue = It->second;
  }
  if (Here) {
    if (D.Into && (D.Into->first != Here->first ||
                   Eng.acquirerAt(D.Into->second)->Group !=
                       Eng.acquirerAt(Here->second)->Group))
      D.Conflict = true;
    else if (!D.Into)
      D.Into = Here;
    D.SomeExitFilled = true;
  } else {
    D.SomeExitEmpty = true;
  }
  // What the result says.
  std::optional<int64_t> C = RV && !V ? evalInt(RV, S) : std::nullopt;
  const Value *Status = nullptr;
  if (V)
    if (auto It = S.Vals.find(*V); It != S.Vals.end() &&
                                   It->second.St != Status::Param &&
                                   Eng.acquirerAt(It->second.Acq)->OutArg >= 0)
      Status = &It->second; // the result of an acquisition through `*out`
  // `node = add_to_list(root, ..); return node;`: the pointer a callee
  // delivered (and returned) is the block itself, not that call's status.
  if (Status && V == HereValue && RV && RV->getType()->isPointerType())
    Status = nullptr;
  if (Here) {
    if (C)
      D.FilledResults.insert(*C);
    else if (Status && V == HereValue)
      D.FilledStatus = Eng.acquirerAt(Status->Acq)->Failure;
    else
      D.FilledOther = true;
    if (V && V == HereValue && !Status)
      D.ReturnsDelivered = true;
    return;
  }
  if (C && S.NulledOut) {
    // `*out = NULL; return 0;`: a success that delivered a null pointer,
    // or a failure that cleared `*out` first (summariseDeliveries).
    D.NulledResults.insert(*C);
    return;
  }
  if (C) {
    D.EmptyResults.insert(*C);
    return;
  }
  if (Status && Status->Null == Nullness::Null) {
    FailureValue F = Eng.acquirerAt(Status->Acq)->Failure;
    if (F == FailureValue::ErrorCode)
      D.EmptyErrorCode = true;
    else if (F == FailureValue::Null)
      D.EmptyResults.insert(0);
    else if (F == FailureValue::MinusOne || F == FailureValue::MinusOneElseZero)
      D.EmptyResults.insert(-1);
    else
      D.EmptyOther = true;
    return;
  }
  D.EmptyOther = true;
}

void FunctionAnalysis::summariseDeliveries() {
  DeliveryRecord &D = Delivered;
  if (!D.Into || D.Conflict || !D.SomeExitFilled)
    return;
  // An exit that stored null into `*out` and returns what every
  // delivering exit returns (retropt_string's option without a value:
  // `*result = NULL; return 0;` beside `*result = strdup(..); return 0;`)
  // leaves the caller a null pointer, nothing to release. Otherwise it
  // says that nothing was delivered.
  bool OneFilledResult = D.FilledResults.size() == 1 && !D.FilledOther &&
                         !D.FilledStatus;
  for (int64_t R : D.NulledResults)
    if (!OneFilledResult || !D.FilledResults.count(R)) {
      D.EmptyResults.insert(R);
      D.SomeExitEmpty = true;
    }
  std::optional<FailureValue> F;
  if (!D.SomeExitEmpty && D.FilledStatus && !D.FilledOther &&
      D.FilledResults.empty()) {
    // Every exit returns the status of the call that delivered (`return
    // asprintf(strp, ..);`): the callee's own says when nothing was.
    F = *D.FilledStatus;
  } else if (!D.SomeExitEmpty) {
    F = FailureValue::None;
  } else if (FD->getReturnType()->isVoidType()) {
    // Nothing to test but the pointer itself: null when not delivered.
    const ParmVarDecl *P = FD->getParamDecl(D.Into->first);
    QualType T = P->getType();
    QualType Target = T->isReferenceType() ? T.getNonReferenceType()
                                           : T->getPointeeType();
    if (Target->isPointerType())
      F = FailureValue::Null;
  } else if (!D.EmptyOther && !D.EmptyErrorCode &&
             D.EmptyResults.size() == 1 &&
             (*D.EmptyResults.begin() == -1 || *D.EmptyResults.begin() == 0)) {
    // One result says "nothing": -1 or 0, never returned with a delivery.
    int64_t Fail = *D.EmptyResults.begin();
    F = Fail == -1 ? FailureValue::MinusOne : FailureValue::Null;
    if (D.FilledResults.count(Fail) || (D.FilledStatus && *D.FilledStatus != *F))
      F.reset();
    // Every delivering exit returns 0: the status is -1 or 0, nothing else.
    else if (Fail == -1 && !D.FilledStatus && !D.FilledOther &&
             D.FilledResults == std::set<int64_t>{0})
      F = FailureValue::MinusOneElseZero;
  } else if (!D.EmptyResults.count(0) && !D.FilledOther &&
             llvm::all_of(D.FilledResults, [](int64_t R) { return R == 0; }) &&
             (!D.FilledStatus || *D.FilledStatus == FailureValue::ErrorCode) &&
             // `return errno;`: a computed error code, beside `return 0;`
             (!D.EmptyOther || (!D.FilledResults.empty() && !D.FilledStatus))) {
    F = FailureValue::ErrorCode; // 0 when delivered, an error code if not
  }
  if (!F)
    return;
  Sum.Out = FunctionSummary::Delivery{D.Into->first, D.Into->second, *F,
                                      storesOnlyIntoNull(FD, D.Into->first)};
  Sum.OutAcquirerName = Eng.acquirerAt(D.Into->second)->Name;
  // `ck_realloc(&list, n)` returning the block it stored into `*list`: the
  // caller owns it through `list`, the result is no second owner.
  if (D.ReturnsDelivered) {
    Sum.ReturnsAcquirer.reset();
    Sum.AcquiredSite = nullptr;
  }
}

} // namespace clang::tidy::leaklint::ownership::detail
