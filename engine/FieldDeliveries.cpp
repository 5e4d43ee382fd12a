//===--- FieldDeliveries.cpp - what a callee leaves in a local's fields ---===//
//
// `if (buf_init(&b) < 0) return -1;` and `take_option(&options, &o)`: a
// function of the TU, given the address of a local struct, leaves a fresh
// resource in one of its fields (`b->data = malloc(n)`, a realloc that
// grows `options->data`). Its followed fields (OwnershipEngine::
// paramFieldEffects, FunctionSummary::CellEffect) say which field, and what
// its result says when nothing fresh is there. The caller then owns what
// the field holds, as it owns what `make_sock(&fd)` delivers into `fd`.
//
// A field the callee regrows (the exits that leave no fresh block leave the
// entry one, which only the others release) keeps owning what it owned: a
// block the caller's field held stays the caller's, and an empty field gets
// the fresh one. Anything else the field held (a parameter's, what the path
// does not know) is left to the callee's summary, as before.
//
// A field the callee writes on some path without delivering anything the
// engine follows no longer holds what the path knew it held (`take(&l,
// &item)` nulls `item.name` it took): unless the path owned that, the path
// forgets it.
//
//===----------------------------------------------------------------------===//

#include "AstHelpers.h"
#include "FunctionAnalysis.h"

namespace clang::tidy::leaklint::ownership::detail {

namespace {
/// The local struct \p Arg gives by address (`&b`); null otherwise.
const VarDecl *localStructGiven(const Expr *Arg) {
  const auto *UO = dyn_cast<UnaryOperator>(Arg->IgnoreParenImpCasts());
  if (!UO || UO->getOpcode() != UO_AddrOf)
    return nullptr;
  const auto *DR =
      dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenImpCasts());
  const auto *VD = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
  return VD && VD->hasLocalStorage() && VD->getType()->isRecordType()
             ? VD
             : nullptr;
}
} // namespace

const std::vector<FunctionSummary::CellEffect> *
FunctionAnalysis::localFieldEffects(const CallExpr *CE, const CallModel &C) {
  if (!C.Sum || C.Acq || C.Rel || C.Reader || C.MayOverride || !C.Callee ||
      !Eng.hasUsableBody(C.Callee))
    return nullptr;
  bool Given = false;
  for (unsigned I = C.FirstArg; I < CE->getNumArgs() && !Given; ++I)
    Given = localStructGiven(CE->getArg(I)) != nullptr;
  if (!Given)
    return nullptr;
  const auto &Effects = Eng.paramFieldEffects(C.Callee);
  return Effects ? &*Effects : nullptr;
}

std::optional<Loc>
FunctionAnalysis::localFieldOf(const CallExpr *CE, const CallModel &C,
                               const FunctionSummary::CellEffect &E) const {
  const auto *P = dyn_cast_or_null<ParmVarDecl>(E.Var);
  if (!P || E.Path.size() != 2 || E.Path[0] != DerefMark)
    return std::nullopt;
  unsigned I = P->getFunctionScopeIndex() + C.FirstArg;
  const VarDecl *Local =
      I < CE->getNumArgs() ? localStructGiven(CE->getArg(I)) : nullptr;
  if (!Local)
    return std::nullopt;
  return Loc{Local, {E.Path[1]}};
}

llvm::SmallVector<FunctionAnalysis::FieldDelivery, 2>
FunctionAnalysis::fieldDeliveries(
    const CallExpr *CE, const CallModel &C,
    const std::vector<FunctionSummary::CellEffect> *Effects) {
  llvm::SmallVector<FieldDelivery, 2> Out;
  if (!Effects)
    return Out;
  // The result can only be a status (localFieldEffects: a callee with a
  // summary).
  QualType R = C.Callee->getReturnType();
  if ((!R->isVoidType() && !R->isIntegerType()) || C.Sum->ReturnsAcquirer ||
      C.Sum->Out || C.Sum->ReturnsParam)
    return Out;
  for (const FunctionSummary::CellEffect &E : *Effects) {
    std::optional<Loc> Into = localFieldOf(CE, C, E);
    if (!Into || !E.Failure || !E.SomeExitFresh ||
        (E.Exit != FunctionSummary::CellEffect::Fresh && !E.Regrows &&
         !E.UnchangedOnFailure))
      continue;
    Out.push_back({*Into, cast<ParmVarDecl>(E.Var)->getFunctionScopeIndex(),
                   *E.SomeExitFresh, *E.Failure, E.Regrows});
  }
  // One result tells of one field.
  if (llvm::count_if(Out, [](const FieldDelivery &D) {
        return D.Failure != FailureValue::None;
      }) > 1)
    Out.clear();
  return Out;
}

void FunctionAnalysis::forgetRewrittenFields(
    const CallExpr *CE, const CallModel &C,
    llvm::ArrayRef<FunctionSummary::CellEffect> Effects,
    llvm::ArrayRef<FieldDelivery> Ds, State &S) {
  for (const FunctionSummary::CellEffect &E : Effects) {
    if (E.Exit == FunctionSummary::CellEffect::Unchanged)
      continue;
    std::optional<Loc> Into = localFieldOf(CE, C, E);
    if (!Into || llvm::any_of(Ds, [&](const FieldDelivery &D) {
          return D.Into == *Into;
        }))
      continue;
    auto It = S.Store.find(*Into);
    if (It == S.Store.end())
      continue;
    // What the field owned, the callee's summary said what became of it.
    auto V = S.Vals.find(It->second);
    if (V != S.Vals.end() && V->second.St == Status::Owned)
      continue;
    S.Store.erase(It);
  }
}

bool FunctionAnalysis::keepsField(llvm::ArrayRef<FieldDelivery> Ds,
                                  unsigned V, const State &S) const {
  return llvm::any_of(Ds, [&](const FieldDelivery &D) {
    auto It = S.Store.find(D.Into);
    return D.Regrows && It != S.Store.end() && It->second == V;
  });
}

void FunctionAnalysis::deliverFields(const CallExpr *CE, const CallModel &C,
                                     llvm::ArrayRef<FieldDelivery> Ds,
                                     State &S, HistPtr &H) {
  for (const FieldDelivery &D : Ds) {
    if (auto It = S.Store.find(D.Into); It != S.Store.end()) {
      auto V = S.Vals.find(It->second);
      // What the field owns, it still owns (Regrows), or the callee's
      // summary said what became of it.
      if (V != S.Vals.end() && V->second.St != Status::Released &&
          V->second.Null != Nullness::Null) {
        if (D.Regrows)
          S.Regrown.insert(CE);
        continue;
      }
    }
    S.Regrown.erase(CE);
    const Acquirer *A =
        Eng.deliveringAcquirer(*Eng.acquirerAt(D.Acquirer),
                               D.Param + C.FirstArg, D.Failure);
    if (auto V = acquire(CE, A, D.Into, S, H))
      Report.setFactory(*V / 4, C.Callee);
  }
}

} // namespace clang::tidy::leaklint::ownership::detail
