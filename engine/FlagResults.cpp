//===--- FlagResults.cpp - results a flag out-parameter vouches for ------===//
//
// `entries = sort_items(objs, keys, &too_deep); if (too_deep) return err;`
// The factory sets `*too_deep = 1` and returns NULL when it fails, and
// returns its block with `*too_deep` left 0 otherwise: the caller tests the
// flag, not the result. Likewise `d = cellstring(gl, x, &allocated)`
// returns a fresh copy only when it sets `allocated`.
//
// In summary mode the walk keeps what each integer out-parameter was set
// to on the path (State::FlagsSet), and each exit records it beside what
// the exit returns. A parameter set alike by every exit that returns the
// fresh resource, alike by every other exit, and differently by the two,
// is the summary's FlagResult.
//
// A caller that gives the address of a local ties the call's result to
// the value the local then holds (State::FlagLinks). A branch that decides
// the local settles it: the "other" value says the result is not the
// caller's to release; the "fresh" value that it is.
//
//===----------------------------------------------------------------------===//

#include "AstHelpers.h"
#include "FunctionAnalysis.h"

namespace clang::tidy::leaklint::ownership::detail {

namespace {
/// Whether \p P may carry a flag: a pointer to a writable integer.
bool mayCarryFlag(const ParmVarDecl *P) {
  QualType T = P->getType();
  if (!T->isPointerType())
    return false;
  QualType Target = T->getPointeeType();
  return !Target.isConstQualified() && Target->isIntegerType();
}

const ParmVarDecl *flagParamOf(const Expr *E) {
  const auto *DR = dyn_cast<DeclRefExpr>(strip(E)->IgnoreParenImpCasts());
  return DR ? dyn_cast<ParmVarDecl>(DR->getDecl()) : nullptr;
}

/// The parameters of \p FD whose every use is `*p` (read or written), a
/// test of `p` itself, or an argument of a call: no alias of the caller's
/// integer escapes the engine's sight.
llvm::SmallVector<const ParmVarDecl *, 2> flagParams(const FunctionDecl *FD) {
  llvm::SmallVector<const ParmVarDecl *, 2> Candidates;
  for (const ParmVarDecl *P : FD->parameters())
    if (mayCarryFlag(P))
      Candidates.push_back(P);
  if (Candidates.empty())
    return Candidates;
  llvm::DenseMap<const ParmVarDecl *, int> Unexplained;
  forEachNode(FD->getBody(), [&](const Stmt *X) {
    if (const auto *DR = dyn_cast<DeclRefExpr>(X)) {
      if (const auto *P = dyn_cast<ParmVarDecl>(DR->getDecl()))
        ++Unexplained[P];
      return;
    }
    const Expr *Use = nullptr;
    if (const auto *UO = dyn_cast<UnaryOperator>(X);
        UO && UO->getOpcode() == UO_Deref)
      Use = UO->getSubExpr();
    else if (const auto *CE = dyn_cast<CallExpr>(X)) {
      for (const Expr *A : CE->arguments())
        if (const ParmVarDecl *P = flagParamOf(A))
          --Unexplained[P];
      return;
    } else if (const auto *BO = dyn_cast<BinaryOperator>(X);
               BO && BO->isEqualityOp()) {
      for (const Expr *Side : {BO->getLHS(), BO->getRHS()})
        if (const ParmVarDecl *P = flagParamOf(Side))
          --Unexplained[P];
      return;
    } else if (const auto *IC = dyn_cast<ImplicitCastExpr>(X);
               IC && IC->getCastKind() == CK_PointerToBoolean)
      Use = IC->getSubExpr();
    if (Use)
      if (const ParmVarDecl *P = flagParamOf(Use))
        --Unexplained[P];
  });
  llvm::erase_if(Candidates,
                 [&](const ParmVarDecl *P) { return Unexplained[P] != 0; });
  return Candidates;
}
} // namespace

void FunctionAnalysis::prepareFlags() {
  if (!SummaryMode || !FD->getReturnType()->isPointerType() ||
      FD->getNumParams() > 32)
    return;
  for (const ParmVarDecl *P : flagParams(FD))
    Flags.push_back({P->getFunctionScopeIndex(), {}, {}});
}

const FunctionAnalysis::FlagExits *
FunctionAnalysis::flagOf(const Expr *Ptr) const {
  const ParmVarDecl *P = flagParamOf(Ptr);
  for (const FlagExits &F : Flags)
    if (P && FD->getParamDecl(F.Param) == P)
      return &F;
  return nullptr;
}

const FunctionAnalysis::FlagExits *
FunctionAnalysis::flagWritten(const Expr *Target) const {
  if (Flags.empty())
    return nullptr;
  const auto *UO =
      dyn_cast<UnaryOperator>(strip(Target)->IgnoreParenImpCasts());
  if (!UO || UO->getOpcode() != UO_Deref)
    return nullptr;
  return flagOf(UO->getSubExpr());
}

void FunctionAnalysis::noteFlagWrite(const Expr *Target, const Expr *Value,
                                     State &S) {
  if (const FlagExits *F = flagWritten(Target))
    S.FlagsSet[F->Param] = Value ? evalInt(Value, S) : std::nullopt;
}

void FunctionAnalysis::noteFlagsPassed(const CallExpr *CE, State &S) {
  for (const Expr *A : CE->arguments())
    if (const FlagExits *F = flagOf(A))
      S.FlagsSet[F->Param] = std::nullopt; // the callee may set it
}

void FunctionAnalysis::recordFlags(std::optional<unsigned> V, State &S) {
  if (Flags.empty())
    return;
  auto It = V ? S.Vals.find(*V) : S.Vals.end();
  bool Fresh = It != S.Vals.end() && It->second.St == Status::Owned &&
               It->second.Null != Nullness::Null;
  for (FlagExits &F : Flags) {
    // Left alone on this path: what the caller had (None).
    std::optional<int64_t> Here;
    if (auto W = S.FlagsSet.find(F.Param); W != S.FlagsSet.end()) {
      if (!W->second) {
        F.Conflict = true;
        continue;
      }
      Here = W->second;
    }
    std::optional<std::optional<int64_t>> &Seen = Fresh ? F.Fresh : F.Other;
    if (Seen && *Seen != Here)
      F.Conflict = true;
    Seen = Here;
  }
}

void FunctionAnalysis::summariseFlags() {
  if (!Sum.ReturnsAcquirer)
    return;
  for (const FlagExits &F : Flags)
    if (!F.Conflict && F.Fresh && F.Other && *F.Fresh != *F.Other) {
      Sum.Flag = FunctionSummary::FlagResult{F.Param, *F.Fresh, *F.Other};
      return;
    }
}

void FunctionAnalysis::linkFlagResult(const CallExpr *CE, const CallModel &C,
                                      unsigned V, State &S) {
  const FunctionSummary::FlagResult &F = *C.Sum->Flag;
  unsigned ArgIdx = F.Param + C.FirstArg;
  if (ArgIdx >= CE->getNumArgs())
    return;
  const auto *UO =
      dyn_cast<UnaryOperator>(strip(CE->getArg(ArgIdx))->IgnoreParenImpCasts());
  if (!UO || UO->getOpcode() != UO_AddrOf)
    return;
  const auto *DR =
      dyn_cast<DeclRefExpr>(strip(UO->getSubExpr())->IgnoreParenImpCasts());
  const auto *Var = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
  if (!Var || !Var->hasLocalStorage() || !AtomCount.count(Var))
    return;
  // Left alone: what the local held before the call.
  auto Before = [&](std::optional<int64_t> Set) -> std::optional<int64_t> {
    if (Set)
      return Set;
    for (const auto &[I, Value] : C.IntsBefore)
      if (I == ArgIdx)
        return Value;
    return std::nullopt;
  };
  std::optional<int64_t> Fresh = Before(F.Fresh), Other = Before(F.Other);
  if (!Fresh || !Other || *Fresh == *Other)
    return;
  S.FlagLinks[V] = {Var, *Fresh, *Other};
}

void FunctionAnalysis::linkAdoptedDescriptor(const Expr *Fd, unsigned V,
                                             State &S) {
  const auto *DR = dyn_cast<DeclRefExpr>(strip(Fd)->IgnoreParenImpCasts());
  const auto *Var = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
  if (!Var || !Var->hasLocalStorage() || !AtomCount.count(Var) ||
      !Var->getType()->isIntegerType() || valueOf(DR, S))
    return;
  S.FlagLinks[V] = {Var, NeverFlagValue, NegativeFlagValue};
}

void FunctionAnalysis::linkTestFlag(const ValueDecl *Var, const Expr *Test,
                                    State &S) {
  const auto *Local = dyn_cast<VarDecl>(Var);
  if (!Local || !Local->hasLocalStorage() || !AtomCount.count(Local) ||
      !Local->getType()->isIntegerType() || !Test)
    return;
  // The resources the test reads whose failure the path has not decided.
  llvm::SmallVector<unsigned, 2> Open;
  llvm::SmallVector<const Stmt *, 8> Work{Test};
  while (!Work.empty() && Open.size() < 2) {
    const Stmt *X = Work.pop_back_val();
    if (!X || isa<CallExpr>(X))
      continue;
    if (const auto *DR = dyn_cast<DeclRefExpr>(X))
      if (std::optional<unsigned> V = valueOf(DR, S)) {
        auto It = S.Vals.find(*V);
        if (It != S.Vals.end() && It->second.St == Status::Owned &&
            It->second.Null == Nullness::Unknown &&
            !llvm::is_contained(Open, *V))
          Open.push_back(*V);
      }
    for (const Stmt *C : X->children())
      Work.push_back(C);
  }
  if (Open.size() != 1)
    return;
  unsigned V = Open.front();
  // What the test says of it either way, asked of copies of the state (the
  // answer goes nowhere: the notes and the last assumption are put back).
  const Expr *SavedAt = NoteAt;
  bool SavedTested = TestedAcquisition;
  auto NullnessIf = [&](bool Truth) -> Nullness {
    State Copy = S;
    std::string Note;
    bool Undecided = false;
    if (!assume(Test, Truth, Copy, Note, Undecided))
      return Nullness::Unknown;
    auto It = Copy.Vals.find(V);
    return It == Copy.Vals.end() ? Nullness::Unknown : It->second.Null;
  };
  Nullness IfTrue = NullnessIf(true), IfFalse = NullnessIf(false);
  NoteAt = SavedAt;
  TestedAcquisition = SavedTested;
  // The local holds 1 where the test is true, 0 where it is false.
  if (IfTrue == Nullness::Null && IfFalse == Nullness::NonNull)
    S.FlagLinks[V] = {Var, 0, 1};
  else if (IfTrue == Nullness::NonNull && IfFalse == Nullness::Null)
    S.FlagLinks[V] = {Var, 1, 0};
}

std::optional<bool> FunctionAnalysis::localEquals(const State &S,
                                                  const ValueDecl *Var,
                                                  int64_t K) const {
  if (auto I = S.Ints.find(Var); I != S.Ints.end())
    return I->second == K;
  return lookupCons(S, Atom{Var}, BO_EQ, K);
}

void FunctionAnalysis::settleFlags(State &S) {
  for (auto It = S.FlagLinks.begin(); It != S.FlagLinks.end();) {
    const auto &[Var, Fresh, Other] = It->second;
    auto Is = [&, Var = Var](int64_t K) -> std::optional<bool> {
      if (K != NegativeFlagValue)
        return localEquals(S, Var, K);
      if (auto I = S.Ints.find(Var); I != S.Ints.end())
        return I->second < 0;
      return lookupCons(S, Atom{Var}, BO_LT, 0);
    };
    std::optional<bool> IsFresh =
        Fresh == NeverFlagValue ? std::nullopt : Is(Fresh);
    std::optional<bool> IsOther = Is(Other);
    if (IsFresh == std::optional<bool>(false) ||
        IsOther == std::optional<bool>(true)) {
      // The callee's other exits: nothing of the caller's to release.
      unsigned V = It->first;
      It = S.FlagLinks.erase(It);
      escape(S, V);
    } else if (IsFresh == std::optional<bool>(true) ||
               IsOther == std::optional<bool>(false)) {
      It = S.FlagLinks.erase(It);
    } else {
      ++It;
    }
  }
}

void FunctionAnalysis::forgetFlagLinks(State &S, const ValueDecl *Var) {
  for (auto It = S.FlagLinks.begin(); It != S.FlagLinks.end();)
    It = std::get<0>(It->second) == Var ? S.FlagLinks.erase(It)
                                        : std::next(It);
}

} // namespace clang::tidy::leaklint::ownership::detail
