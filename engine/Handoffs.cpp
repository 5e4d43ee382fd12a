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
                     (mayReportFailure(FD->getReturnType()) || ParamCells);
  if (TracksParamsGone)
    Keeps.assign(FD->getNumParams(), KeepRecord());
}

void FunctionAnalysis::noteParamGone(State &S, unsigned Param) {
  if (TracksParamsGone && Param < FD->getNumParams())
    S.ParamsGone |= 1u << Param;
  if (ParamCells)
    noteParamCellsGone(S, Param);
}

namespace {
ExitResult constant(int64_t C) { return {ExitResult::Const, C}; }

/// What a call reporting \p F returned, when it failed or not.
ExitResult outcome(FailureValue F, bool Failed) {
  switch (F) {
  case FailureValue::Null:
    return Failed ? constant(0) : ExitResult{ExitResult::NonZero};
  case FailureValue::MinusOne:
    return Failed ? constant(-1) : ExitResult{ExitResult::NonNegative};
  case FailureValue::MinusOneElseZero:
    return constant(Failed ? -1 : 0);
  case FailureValue::NegativeErrorCode:
    return Failed ? ExitResult{ExitResult::Negative} : constant(0);
  case FailureValue::ErrorCode:
    return Failed ? ExitResult{ExitResult::Positive} : constant(0);
  default:
    return {};
  }
}

/// Whether \p R is what a function reporting \p F returns when it failed.
bool saysFailed(FailureValue F, const ExitResult &R) {
  bool Const = R.K == ExitResult::Const;
  switch (F) {
  case FailureValue::Null: return Const && R.C == 0;
  case FailureValue::MinusOne:
  case FailureValue::MinusOneElseZero: return Const && R.C == -1;
  case FailureValue::NegativeErrorCode:
    return (Const && R.C < 0) || R.K == ExitResult::Negative;
  case FailureValue::ErrorCode:
    return (Const && R.C > 0) || R.K == ExitResult::Positive;
  default: return false;
  }
}

/// Whether \p R is never what a function reporting \p F returns when it
/// failed.
bool saysSucceeded(FailureValue F, const ExitResult &R) {
  bool Const = R.K == ExitResult::Const;
  switch (F) {
  case FailureValue::Null: return (Const && R.C != 0) || R.K == ExitResult::NonZero;
  case FailureValue::MinusOne:
    return (Const && R.C >= 0) || R.K == ExitResult::NonNegative;
  case FailureValue::MinusOneElseZero:
  case FailureValue::NegativeErrorCode:
  case FailureValue::ErrorCode: return Const && R.C == 0;
  default: return false;
  }
}
} // namespace

ExitResult FunctionAnalysis::classifyResult(const Expr *RV,
                                            std::optional<unsigned> V,
                                            State &S) {
  if (!RV)
    return {};
  if (V) {
    auto It = S.Vals.find(*V);
    if (It == S.Vals.end() || It->second.St == Status::Param)
      return {};
    const Acquirer *A = Eng.acquirerAt(It->second.Acq);
    // The status of a call that kept what it was given only if it
    // succeeded, after a test (`if (r < 0) { ..; return r; }`).
    if (A->StatusOnly)
      return It->second.Null == Nullness::Unknown
                 ? ExitResult{}
                 : outcome(A->Failure, It->second.Null == Nullness::Null);
    if (A->isStatus())
      return {};
    // A block returned: a pointer known not to be null, or a failed
    // acquisition (`if (!p) return p;`).
    if (It->second.Null == Nullness::NonNull)
      return {ExitResult::NonZero};
    if (It->second.Null == Nullness::Null && RV->getType()->isPointerType())
      return constant(0);
    return {};
  }
  if (std::optional<int64_t> C = evalInt(RV, S))
    return constant(*C);
  // `if (ret < 0) return ret;`
  if (std::optional<Atom> A = atomOf(strip(RV)->IgnoreParenCasts()))
    if (lookupCons(S, *A, BO_LT, 0) == true)
      return {ExitResult::Negative};
  if (RV->getType()->isPointerType() && knownNonNull(RV, S))
    return {ExitResult::NonZero};
  return {};
}

void FunctionAnalysis::recordKept(const Expr *RV, std::optional<unsigned> V,
                                  State &S) {
  if (!TracksParamsGone)
    return;
  // An exit that keeps nothing because the path ran out of memory (or was
  // given a null pointer) is one a caller cannot rule out by what it
  // passes, as it can a duplicate key or an object of the wrong kind.
  auto Record = [&](uint32_t Gone, const ExitResult &R,
                    bool OutOfMemory = false) {
    for (unsigned I = 0; I < Keeps.size(); ++I) {
      KeepRecord &K = Keeps[I];
      if (Gone & (1u << I)) {
        K.Kept.insert(R);
        continue;
      }
      K.Dropped.insert(R);
      if (OutOfMemory)
        K.DroppedOutOfMemory = true;
      else if (!S.NullParams)
        K.DroppedOtherwise = true;
    }
  };
  // `return list_add(l, data);`: two exits, one where the callee kept what
  // it was given of the parameters, one where it failed and kept nothing.
  if (V && isStatusValue(S, *V)) {
    const Acquirer *A = Eng.acquirerAt(S.Vals[*V].Acq);
    FailureValue F = A->Failure;
    uint32_t Linked = 0;
    for (auto It = S.KeptIfOk.lower_bound({*V, 0});
         It != S.KeptIfOk.end() && It->first == *V; ++It)
      if (auto P = S.Vals.find(It->second);
          P != S.Vals.end() && P->second.St == Status::Param &&
          P->second.Acq < Keeps.size())
        Linked |= 1u << P->second.Acq;
    if (S.Vals[*V].Null == Nullness::Unknown) {
      Record(S.ParamsGone | Linked, outcome(F, false));
      Record(S.ParamsGone, outcome(F, true),
             S.AllocFailed || A->FailsOnlyOutOfMemory);
      return;
    }
  }
  Record(S.ParamsGone, classifyResult(RV, V, S), S.AllocFailed);
}

std::optional<FailureValue>
FunctionAnalysis::KeepRecord::failure() const {
  if (Kept.empty() || Dropped.empty())
    return std::nullopt;
  // The narrowest first: -1 or 0 is also -1 or a count.
  for (FailureValue F : {FailureValue::Null, FailureValue::MinusOneElseZero,
                         FailureValue::MinusOne, FailureValue::NegativeErrorCode,
                         FailureValue::ErrorCode})
    if (llvm::all_of(Dropped,
                     [&](const ExitResult &R) { return saysFailed(F, R); }) &&
        llvm::all_of(Kept,
                     [&](const ExitResult &R) { return saysSucceeded(F, R); }))
      return F;
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
      if (Keeps[I].DroppedOutOfMemory && !Keeps[I].DroppedOtherwise)
        Sum.KeptUnlessOutOfMemory |= 1u << I;
    }
  }
}

void FunctionAnalysis::keepIfSucceeds(const CallExpr *CE,
                                      llvm::ArrayRef<KeptIfSucceeds> Vs,
                                      State &S, HistPtr &H) {
  if (Vs.empty())
    return;
  bool Discarded = isDiscarded(CE);
  // `xmlListPushFront(l, p);`: a callee that keeps nothing only when it
  // runs out of memory, whose result nobody reads. The caller still owns
  // what it gave on the path where the callee failed, the one path where
  // what becomes of it matters: where it loses its last owner, it leaks.
  // A summary says what the callee keeps when it succeeds: a wrapper that
  // drops the result keeps its parameter, for its callers.
  bool OutOfMemory = llvm::all_of(
      Vs, [](const KeptIfSucceeds &K) { return K.OnlyOutOfMemory; });
  if (Discarded && !SummaryMode && OutOfMemory) {
    std::string Callee = "the call";
    if (const FunctionDecl *F = resolveCallee(CE))
      Callee = "'" + F->getNameAsString() + "'";
    for (const KeptIfSucceeds &K : Vs) {
      Hist Event{H, false, K.Value, CE->getBeginLoc(),
                 "assuming " + Callee + " runs out of memory and keeps nothing",
                 nullptr, false, nullptr, /*TestsAcquisition=*/true};
      Event.FailedHandOff = CE;
      H = std::make_shared<Hist>(std::move(Event));
    }
    return;
  }
  // A result nobody reads, or one the call's value already stands for (a
  // returned argument), says nothing the engine will see: handed off.
  bool SameFailure = llvm::all_of(Vs, [&](const KeptIfSucceeds &K) {
    return K.Failure == Vs.front().Failure;
  });
  std::optional<unsigned> St;
  if (SameFailure && !Discarded && !S.Pending.count(CE))
    St = createValue(S, Eng.statusAcquirer(Vs.front().Failure, OutOfMemory),
                     CE, Nullness::Unknown);
  if (!St) {
    for (const KeptIfSucceeds &K : Vs)
      escape(S, K.Value);
    return;
  }
  S.Vals[*St].St = Status::Escaped; // a status owns nothing
  S.Pending[CE] = *St;
  for (const KeptIfSucceeds &K : Vs)
    S.KeptIfOk.insert({*St, K.Value});
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

void FunctionAnalysis::settleReallocs(State &S) {
  for (auto It = S.ReallocOf.begin(); It != S.ReallocOf.end();) {
    auto New = S.Vals.find(It->first);
    if (New != S.Vals.end() && New->second.Null == Nullness::Unknown &&
        New->second.St == Status::Owned) {
      ++It;
      continue;
    }
    unsigned OldId = It->second, NewId = It->first;
    It = S.ReallocOf.erase(It);
    if (New == S.Vals.end() || New->second.Null != Nullness::Null)
      continue;
    // Failed: the old block was never moved. Where nothing refers to it any
    // more (`p = realloc(p, n)`), its loss was reported at the call.
    auto Old = S.Vals.find(OldId);
    if (Old == S.Vals.end() || Old->second.St != Status::Released ||
        !referenced(S, OldId))
      continue;
    // Unless the size was 0: `realloc(p, 0)` frees `p` and returns null
    // (`if ((m = realloc(p, len))) p = m; else if (!len) p = NULL;`). A
    // size the path knows nothing of yet says so when it is tested.
    const auto *Call = dyn_cast_or_null<CallExpr>(Sites[NewId / 4]);
    const auto *Size = Call && Call->getNumArgs() == 2
                           ? dyn_cast<DeclRefExpr>(
                                 strip(Call->getArg(1))->IgnoreParenImpCasts())
                           : nullptr;
    const auto *SizeVar = Size ? dyn_cast<VarDecl>(Size->getDecl()) : nullptr;
    std::optional<bool> Zero;
    if (SizeVar && (S.Ints.count(SizeVar) || keepsConstraints(Atom{SizeVar})))
      Zero = localEquals(S, SizeVar, 0);
    if (Zero == std::optional<bool>(true))
      continue;
    Old->second.St = Status::Owned;
    if (SizeVar && !Zero && AtomCount.count(SizeVar))
      S.FlagLinks[OldId] = {SizeVar, NeverFlagValue, 0};
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
  for (auto It = S.ReallocOf.begin(); It != S.ReallocOf.end();) {
    auto V = S.Vals.find(It->first);
    if (V == S.Vals.end() || V->second.St != Status::Owned)
      It = S.ReallocOf.erase(It);
    else
      ++It;
  }
  for (auto It = S.FlagLinks.begin(); It != S.FlagLinks.end();) {
    auto V = S.Vals.find(It->first);
    It = V == S.Vals.end() || V->second.St != Status::Owned
             ? S.FlagLinks.erase(It)
             : std::next(It);
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
