//===--- Handoffs.cpp - hand-offs that hold only when the callee succeeds -===//
//
// `if (!(e = malloc(sizeof *e))) return -1; e->data = data; return 0;`
// keeps `data` only when it returns 0: a caller that sees -1 still owns
// what it passed (`if (list_add(l, p) < 0) return -1;` leaks `p`).
//
// In summary mode each path records the parameters it released or handed
// off (State::ParamsGone), and each exit what it returns; a parameter kept
// on the exits that report success and on no exit that reports failure
// gets FunctionSummary::KeptUnless, the result that means "kept nothing".
//
// A caller ties what it passes there to the call's status (a value of
// Acquirer::StatusOnly, State::KeptIfOk). A branch that tests the status
// settles it: on failure the caller still owns the value, on success it
// was handed off. A status never tested (dropped, returned, overwritten)
// hands the value off, as any call the engine knows nothing of does.
//
//===----------------------------------------------------------------------===//

#include "AstHelpers.h"
#include "FunctionAnalysis.h"

namespace clang::tidy::leaklint::ownership::detail {

namespace {
/// Whether a function returning \p T can say by its result that it failed.
bool mayReportFailure(QualType T) {
  return T->isPointerType() || T->isIntegralOrEnumerationType();
}
} // namespace

void FunctionAnalysis::prepareKeeps() {
  TracksParamsGone = SummaryMode && FD->getNumParams() > 0 &&
                     FD->getNumParams() <= 32 &&
                     mayReportFailure(FD->getReturnType());
  if (TracksParamsGone)
    Keeps.assign(FD->getNumParams(), KeepRecord());
}

void FunctionAnalysis::noteParamGone(State &S, unsigned Param) {
  if (TracksParamsGone && Param < FD->getNumParams())
    S.ParamsGone |= 1u << Param;
}

FunctionAnalysis::ExitResult
FunctionAnalysis::classifyResult(const Expr *RV, std::optional<unsigned> V,
                                 State &S) {
  ExitResult R;
  if (!RV)
    return R;
  if (V) {
    auto It = S.Vals.find(*V);
    if (It == S.Vals.end() || It->second.St == Status::Param ||
        Eng.acquirerAt(It->second.Acq)->isStatus())
      return R;
    // A block returned: a pointer known not to be null, or a failed
    // acquisition (`if (!p) return p;`).
    if (It->second.Null == Nullness::NonNull)
      R.NonNull = true;
    else if (It->second.Null == Nullness::Null &&
             RV->getType()->isPointerType())
      R.Const = 0;
    return R;
  }
  if ((R.Const = evalInt(RV, S)))
    return R;
  // `if (ret < 0) return ret;`
  const Expr *X = strip(RV)->IgnoreParenCasts();
  if (std::optional<Atom> A = atomOf(X))
    if (lookupCons(S, *A, BO_LT, 0) == true)
      R.Negative = true;
  if (!R.Negative && RV->getType()->isPointerType() && knownNonNull(RV, S))
    R.NonNull = true;
  return R;
}

void FunctionAnalysis::recordKept(const Expr *RV, std::optional<unsigned> V,
                                  State &S) {
  if (!TracksParamsGone)
    return;
  ExitResult R = classifyResult(RV, V, S);
  for (unsigned I = 0; I < Keeps.size(); ++I) {
    KeepRecord &K = Keeps[I];
    bool Gone = S.ParamsGone & (1u << I);
    std::set<int64_t> &Consts = Gone ? K.KeptConsts : K.DroppedConsts;
    (Gone ? K.SomeKept : K.SomeDropped) = true;
    if (R.Const)
      Consts.insert(*R.Const);
    else if (R.NonNull && Gone)
      K.KeptNonNull = true;
    else if (R.Negative && !Gone)
      K.DroppedNegative = true;
    else
      (Gone ? K.KeptOther : K.DroppedOther) = true;
  }
}

std::optional<FailureValue>
FunctionAnalysis::KeepRecord::failure() const {
  if (!SomeKept || !SomeDropped || KeptOther || DroppedOther)
    return std::nullopt;
  auto All = [](const std::set<int64_t> &Cs, auto Pred) {
    return llvm::all_of(Cs, Pred);
  };
  // Null (or 0) when it kept nothing, anything else when it kept.
  if (!DroppedNegative && DroppedConsts == std::set<int64_t>{0} &&
      !KeptConsts.count(0))
    return FailureValue::Null;
  if (KeptNonNull)
    return std::nullopt;
  // -1 when it kept nothing, 0 or a count when it kept.
  if (!DroppedNegative && DroppedConsts == std::set<int64_t>{-1} &&
      All(KeptConsts, [](int64_t C) { return C >= 0; }))
    return FailureValue::MinusOne;
  if (KeptConsts != std::set<int64_t>{0})
    return std::nullopt;
  // 0 when it kept, a negative error code when not ...
  if (All(DroppedConsts, [](int64_t C) { return C < 0; }))
    return FailureValue::NegativeErrorCode;
  // ... or a positive one.
  if (!DroppedNegative && All(DroppedConsts, [](int64_t C) { return C > 0; }))
    return FailureValue::ErrorCode;
  return std::nullopt;
}

void FunctionAnalysis::summariseKept() {
  if (!TracksParamsGone)
    return;
  for (unsigned I = 0; I < Keeps.size(); ++I) {
    if (Sum.Params[I] != ParamEffect::Escapes)
      continue;
    if (std::optional<FailureValue> F = Keeps[I].failure()) {
      Sum.KeptUnless.resize(Keeps.size(), FailureValue::None);
      Sum.KeptUnless[I] = *F;
    }
  }
}

void FunctionAnalysis::keepIfSucceeds(
    const CallExpr *CE, llvm::ArrayRef<std::pair<unsigned, FailureValue>> Vs,
    State &S) {
  if (Vs.empty())
    return;
  // A result nobody reads, or one the call's value already stands for (a
  // returned argument), says nothing the engine will see: handed off.
  bool SameFailure = llvm::all_of(
      Vs, [&](const auto &P) { return P.second == Vs.front().second; });
  std::optional<unsigned> St;
  if (SameFailure && !isDiscarded(CE) && !S.Pending.count(CE))
    St = createValue(S, Eng.statusAcquirer(Vs.front().second), CE,
                     Nullness::Unknown);
  if (!St) {
    for (const auto &P : Vs)
      escape(S, P.first);
    return;
  }
  S.Vals[*St].St = Status::Escaped; // a status owns nothing
  S.Pending[CE] = *St;
  for (const auto &P : Vs)
    S.KeptIfOk.insert({*St, P.first});
}

std::optional<unsigned> FunctionAnalysis::statusOf(const CallExpr *Call,
                                                   const State &S) const {
  auto Site = SiteIds.find(Call);
  if (Site == SiteIds.end() || S.KeptIfOk.empty())
    return std::nullopt;
  std::optional<unsigned> Found;
  for (const auto &[St, V] : S.KeptIfOk) {
    if (St / 4 != Site->second || (Found && *Found != St))
      continue;
    if (Found)
      return std::nullopt; // two turns of a loop: which one is tested?
    Found = St;
  }
  return Found;
}

bool FunctionAnalysis::isStatusValue(const State &S, unsigned Id) const {
  auto It = S.KeptIfOk.lower_bound({Id, 0});
  return It != S.KeptIfOk.end() && It->first == Id;
}

bool FunctionAnalysis::awaitsStatus(const State &S, unsigned Id) const {
  return llvm::any_of(S.KeptIfOk,
                      [&](const auto &P) { return P.second == Id; });
}

void FunctionAnalysis::settleKept(State &S, std::string &Note) {
  for (auto It = S.KeptIfOk.begin(); It != S.KeptIfOk.end();) {
    auto St = S.Vals.find(It->first);
    Nullness N = St == S.Vals.end() ? Nullness::NonNull : St->second.Null;
    if (N == Nullness::Unknown) {
      ++It;
      continue;
    }
    unsigned V = It->second;
    It = S.KeptIfOk.erase(It);
    if (N == Nullness::NonNull) {
      escape(S, V);
      continue;
    }
    // Failed: the value is the caller's again.
    if (const auto *Call = dyn_cast_or_null<CallExpr>(siteOf(St->first)))
      if (const FunctionDecl *Callee = resolveCallee(Call);
          Callee && !Note.empty() && Note.find(" kept nothing") == std::string::npos)
        Note += ": " + Callee->getNameAsString() + "() kept nothing";
  }
}

void FunctionAnalysis::dropDeadLinks(State &S) {
  for (auto It = S.KeptIfOk.begin(); It != S.KeptIfOk.end();) {
    auto V = S.Vals.find(It->second);
    if (V == S.Vals.end() ||
        (V->second.St != Status::Owned && V->second.St != Status::Param))
      It = S.KeptIfOk.erase(It);
    else
      ++It;
  }
}

void FunctionAnalysis::handOffUntested(State &S, unsigned Id) {
  for (auto It = S.KeptIfOk.begin(); It != S.KeptIfOk.end();) {
    if (It->second == Id)
      It = S.KeptIfOk.erase(It);
    else
      ++It;
  }
  escape(S, Id);
}

} // namespace clang::tidy::leaklint::ownership::detail
