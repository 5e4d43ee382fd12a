//===--- Cells.cpp - what the cells of globals hold across calls ---------===//
//
// A cell is a scalar part of a global whose every use names it
// (GlobalCells.h): `g_data`, `g_holder.res`, `g_slots[1]`. What is stored
// there is followed as a local's would be, except that it outlives the
// function: nothing is lost when the function returns, only when the cell is
// overwritten or emptied and nothing else holds it.
//
// Across calls, a callee's summary says what it does to each cell it touches
// (FunctionSummary::CellEffect): to the value the caller had there, and what
// it leaves there. In summary mode the value a cell holds on entry stands
// for the caller's, as a parameter's does. A call of code the engine cannot
// see forgets the cells that code may reach.
//
// Following members (OwnershipEngine::memberEffects), each field a method
// names on its object (`this->f`) is a cell too. A call of another method
// of the class on `this` does to them what that method's own member effects
// say (a `clear()` helper releases them). Other calls that may reach the
// object do not forget them: what a field holds after such a call, only
// the object's methods decide, and the class-level rule that asks (a member
// that owns a resource from the constructors to the destructor) holds only
// when every method leaves the field owning one.
//
//===----------------------------------------------------------------------===//

#include "FunctionAnalysis.h"

namespace clang::tidy::leaklint::ownership::detail {

namespace {
constexpr unsigned MaxCells = 32; ///< bits of State::CellsGone
} // namespace

const ParmVarDecl *FunctionAnalysis::paramCellOwner(const Loc &L) const {
  // `p->f`: one field of what a parameter points to; `*out`: the pointer
  // a `T **` parameter points to.
  const auto *P = dyn_cast_or_null<ParmVarDecl>(L.Base);
  if (!ParamCells || L.isHeap() || !P || L.Path.empty() ||
      L.Path.size() > 2 || L.Path[0] != DerefMark ||
      P->getFunctionScopeIndex() >= FD->getNumParams() ||
      FD->getParamDecl(P->getFunctionScopeIndex()) != P)
    return nullptr;
  // Pointers only: a number keeps its usual constraints.
  if (L.Path.size() == 1) {
    QualType T = P->getType();
    return T->isPointerType() && !T->getPointeeType().isConstQualified() &&
                   T->getPointeeType()->isPointerType()
               ? P
               : nullptr;
  }
  const FieldDecl *Field = fieldOfMark(L.Path[1]);
  return Field && Field->getType()->isPointerType() ? P : nullptr;
}

void FunctionAnalysis::noteParamCellsGone(State &S, unsigned Param) {
  for (unsigned I = 0; I < CellLocs.size(); ++I)
    if (const ParmVarDecl *P = paramCellOwner(CellLocs[I]);
        P && P->getFunctionScopeIndex() == Param &&
        S.Vals.count(cellValueId(I)))
      noteCellGone(S, I, ParamEffect::Escapes);
}

bool FunctionAnalysis::isMemberCell(const Loc &L) const {
  if (paramCellOwner(L))
    return true;
  if (!MemberCells || L.isHeap() || L.Base != FD || L.Path.empty())
    return false;
  // Fields only (union members share one).
  return llvm::all_of(L.Path,
                      [](uintptr_t E) { return (E & 7) == 0 || (E & 7) == 2; });
}

bool FunctionAnalysis::isCell(const Loc &L) const {
  if (isMemberCell(L))
    return true;
  const auto *VD = dyn_cast_or_null<VarDecl>(L.Base);
  if (L.isHeap() || !VD || VD->hasLocalStorage())
    return false;
  // Fields (union members share one) and constant indices only.
  for (uintptr_t E : L.Path)
    if ((E & 7) != 0 && (E & 7) != 2 && (E & 7) != 3)
      return false;
  return Eng.cellGlobal(VD) != OwnershipEngine::Cell::No;
}

std::optional<unsigned> FunctionAnalysis::cellOf(const Value &V) const {
  if (V.St != Status::Param || V.Acq < CellAcqBase)
    return std::nullopt;
  return V.Acq - CellAcqBase;
}

std::optional<unsigned> FunctionAnalysis::cellValue(State &S, const Loc &L) {
  if (!SummaryMode || !isCell(L))
    return std::nullopt;
  if (auto It = S.Store.find(L); It != S.Store.end())
    return It->second;
  auto [Idx, New] = CellIds.try_emplace(L, CellLocs.size());
  if (New) {
    CellLocs.push_back(L);
    CellRecords.emplace_back();
  }
  unsigned Id = cellValueId(Idx->second);
  // Created already: the path has changed the cell since.
  if (S.Vals.count(Id))
    return std::nullopt;
  S.Vals[Id] = {Id, CellAcqBase + Idx->second, Status::Param,
                Nullness::Unknown};
  S.Store[L] = Id;
  // After a call of code the engine cannot see, a cell that code reaches
  // may hold anything: not what the caller left there.
  const auto *Global = dyn_cast<VarDecl>(L.Base);
  if (S.CalledUnknown && Global &&
      Eng.cellGlobal(Global) == OwnershipEngine::Cell::Reachable)
    noteCellGone(S, Idx->second, ParamEffect::Escapes);
  // Likewise a field of an object the path has handed to such code.
  if (const ParmVarDecl *P = paramCellOwner(L);
      P && (S.ParamsGone & paramBit(P)))
    noteCellGone(S, Idx->second, ParamEffect::Escapes);
  return Id;
}

void FunctionAnalysis::noteCellGone(State &S, unsigned Cell, ParamEffect E) {
  if (Cell < MaxCells)
    S.CellsGone |= 1u << Cell;
  ParamEffect &Effect = CellRecords[Cell].Effect;
  if (E == ParamEffect::Escapes || Effect == ParamEffect::Read)
    Effect = E;
}

void FunctionAnalysis::shareCellValues(State &S,
                                       std::optional<unsigned> Returned) {
  // A value a cell keeps and the caller also gets (returned, delivered
  // through `*out`, or stored in what a parameter points to) has two
  // owners: neither the caller's alone nor the global's.
  llvm::SmallVector<unsigned, 2> Shared;
  for (const auto &Held : S.Store) {
    if (!isCell(Held.first))
      continue;
    unsigned V = Held.second;
    // A field of the object returned is lent, as a getter does: the object
    // still owns it.
    bool Elsewhere =
        (V == Returned && !heldByMember(S, V)) ||
        llvm::any_of(S.Store, [&](const auto &O) {
          return O.second == V && !isLocal(O.first) && !isCell(O.first);
        });
    if (Elsewhere)
      Shared.push_back(V);
  }
  for (unsigned V : Shared)
    escape(S, V);
}

void FunctionAnalysis::recordCells(const State &S) {
  CellsAtExit.push_back(CellLocs.size());
  for (unsigned I = 0; I < CellLocs.size(); ++I) {
    CellRecord &R = CellRecords[I];
    unsigned Id = cellValueId(I);
    if (!S.Vals.count(Id)) { // not touched on this path
      R.Kept = R.ExitUnchanged = true;
      continue;
    }
    bool Gone = I < MaxCells && (S.CellsGone >> I & 1);
    auto In = S.Store.find(CellLocs[I]);
    auto Now = In == S.Store.end() ? S.Vals.end() : S.Vals.find(In->second);
    if (isMemberCell(CellLocs[I])) {
      // Whether the field owns a resource on leaving: the one it held on
      // entry, or a fresh one.
      bool Owns = Now != S.Vals.end() &&
                  (Now->first == Id ? !Gone : Now->second.St == Status::Owned);
      R.LosesOwning |= !Owns;
    }
    if (In != S.Store.end() && In->second == Id) {
      R.Kept |= !Gone;
      R.ExitUnchanged = true;
      continue;
    }
    // Out of the cell and neither released nor handed off: still held
    // where the caller may find it (another cell, a block), or lost; a
    // path that knows it was null says nothing of it: there was nothing to
    // lose.
    auto Entry = S.Vals.find(Id);
    if (!Gone && Entry->second.Null != Nullness::Null) {
      bool Held = llvm::any_of(S.Store, [&](const auto &LV) {
        return LV.second == Id && !isLocal(LV.first);
      });
      if (Held)
        R.Effect = ParamEffect::Escapes;
      else
        R.Dropped = true;
    }
    if (Now != S.Vals.end() && Now->second.St == Status::Owned &&
        !Eng.isHookAcquirer(Now->second.Acq)) {
      R.Fresh.insert(Now->second.Acq);
      if (!R.FreshAt)
        R.FreshAt = siteOf(Now->first);
    } else {
      R.ExitOther = true;
    }
  }
}

void FunctionAnalysis::recordCellResults(const Expr *RV,
                                         std::optional<unsigned> V,
                                         State &S) {
  std::optional<int64_t> C = RV && !V ? evalInt(RV, S) : std::nullopt;
  CellResultsAtExit.push_back({CellLocs.size(), C});
  for (unsigned I = 0; I < CellLocs.size(); ++I) {
    if (CellLocs[I].Path.size() != 2 || !paramCellOwner(CellLocs[I]))
      continue;
    CellRecord &R = CellRecords[I];
    auto In = S.Store.find(CellLocs[I]);
    auto Now = In == S.Store.end() ? S.Vals.end() : S.Vals.find(In->second);
    bool Filled = Now != S.Vals.end() && Now->first != cellValueId(I) &&
                  Now->second.St == Status::Owned &&
                  Now->second.Null != Nullness::Null &&
                  !Eng.isHookAcquirer(Now->second.Acq);
    if (C)
      (Filled ? R.FilledResults : R.EmptyResults).insert(*C);
    else
      (Filled ? R.FilledOther : R.EmptyOther) = true;
  }
}

namespace {
/// What the result of a function says when it leaves no fresh resource in
/// a field of its parameter: nothing (one always is), "not 0" (0 with every
/// fresh one, `return -errno;` or a grown block's `return 0;` without), 0
/// (never with a fresh one), or -1 beside results that are never negative
/// (libpcap's fix_program: -1, or 0 and 1 with the copy delivered).
std::optional<FailureValue> fieldFailure(const std::set<int64_t> &Filled,
                                         bool FilledOther,
                                         const std::set<int64_t> &Empty,
                                         bool EmptyOther) {
  if (Empty.empty() && !EmptyOther)
    return FailureValue::None;
  if (FilledOther)
    return std::nullopt;
  if (Filled == std::set<int64_t>{0})
    return FailureValue::ErrorCode;
  if (!EmptyOther && Empty == std::set<int64_t>{0} && !Filled.count(0))
    return FailureValue::Null;
  if (!EmptyOther && Empty == std::set<int64_t>{-1} && !Filled.empty() &&
      *Filled.begin() >= 0)
    return FailureValue::MinusOne;
  return std::nullopt;
}
} // namespace

void FunctionAnalysis::summariseCells() {
  if (CellLocs.size() > MaxCells) {
    Sum.WritesUnknownGlobals = true;
    return;
  }
  using CE = FunctionSummary::CellEffect;
  // The exits taken before a cell was first touched (`if (!f) return -1;`
  // before `p->filter = f;`) left it as it was.
  for (unsigned I = 0; I < CellLocs.size(); ++I) {
    CellRecord &R = CellRecords[I];
    for (unsigned Known : CellsAtExit)
      if (I >= Known)
        R.Kept = R.ExitUnchanged = true;
    if (CellLocs[I].Path.size() == 2 && paramCellOwner(CellLocs[I]))
      for (const auto &[Known, C] : CellResultsAtExit)
        if (I >= Known) {
          if (C)
            R.EmptyResults.insert(*C);
          else
            R.EmptyOther = true;
        }
  }
  for (unsigned I = 0; I < CellLocs.size(); ++I) {
    const CellRecord &R = CellRecords[I];
    CE E;
    E.Var = dyn_cast<VarDecl>(CellLocs[I].Base);
    E.Path = CellLocs[I].Path;
    if (R.Effect == ParamEffect::Escapes)
      E.Entry = CE::HandedOff;
    else if (R.Dropped)
      // Dropped on some paths only: which one the caller takes is not
      // known here.
      E.Entry = R.Kept || R.Effect == ParamEffect::Released ? CE::HandedOff
                                                            : CE::Dropped;
    else if (R.Effect == ParamEffect::Released)
      E.Entry = CE::Released;
    if (R.ExitOther || (!R.Fresh.empty() && R.ExitUnchanged) ||
        R.Fresh.size() > 1)
      E.Exit = CE::Other;
    else if (!R.Fresh.empty()) {
      E.Exit = CE::Fresh;
      E.Acquirer = *R.Fresh.begin();
    }
    // Following members: what the class-level rule reports with.
    E.KeepsOwning = !R.LosesOwning;
    // Where a path overwrote the entry value, even when other paths keep
    // it (paramFieldEffects asks; memberEffects' rule wants Dropped too).
    E.OverwrittenAt = R.OverwrittenAt;
    if (E.Entry == CE::Released)
      E.ReleasedAt = R.ReleasedAt;
    if (E.Exit == CE::Fresh)
      E.FreshAt = R.FreshAt;
    if (!R.Fresh.empty()) {
      E.SomeExitFresh = *R.Fresh.begin();
      E.SomeExitFreshAt = R.FreshAt;
    }
    if (R.Fresh.size() == 1 && CellLocs[I].Path.size() == 2 &&
        paramCellOwner(CellLocs[I])) {
      E.Failure = fieldFailure(R.FilledResults, R.FilledOther,
                               R.EmptyResults, R.EmptyOther);
      E.Regrows = R.Kept && R.ExitUnchanged && !R.ExitOther && !R.Dropped &&
                  R.Effect == ParamEffect::Released;
      E.UnchangedOnFailure = R.ExitUnchanged && !R.ExitOther && E.Failure &&
                             *E.Failure != FailureValue::None;
    }
    Sum.Cells.push_back(std::move(E));
  }
}

void FunctionAnalysis::forgetCells(
    State &S, bool ReachableOnly,
    llvm::ArrayRef<FunctionSummary::CellEffect> Except) {
  auto Excepted = [&](const Loc &L) {
    return llvm::any_of(Except, [&](const FunctionSummary::CellEffect &E) {
      return E.Var == L.Base && E.Path == L.Path;
    });
  };
  llvm::SmallVector<unsigned, 4> Held;
  for (auto It = S.Store.begin(); It != S.Store.end();) {
    const auto *VD = dyn_cast_or_null<VarDecl>(It->first.Base);
    if (isCell(It->first) && !isMemberCell(It->first) &&
        (!ReachableOnly ||
         Eng.cellGlobal(VD) == OwnershipEngine::Cell::Reachable) &&
        !Excepted(It->first)) {
      Held.push_back(It->second);
      It = S.Store.erase(It);
    } else {
      ++It;
    }
  }
  for (unsigned V : Held)
    escape(S, V);
}

bool FunctionAnalysis::heldByMember(const State &S, unsigned V) const {
  return MemberCells && llvm::any_of(S.Store, [&](const auto &LV) {
           return LV.second == V && isMemberCell(LV.first);
         });
}

void FunctionAnalysis::noteMemberOverwrite(const State &S, const Value &Old,
                                           const Stmt *At) {
  std::optional<unsigned> Cell = cellOf(Old);
  if (!Cell || Old.Null == Nullness::Null ||
      (*Cell < MaxCells && (S.CellsGone >> *Cell & 1)))
    return;
  const Stmt *&First = CellRecords[*Cell].OverwrittenAt;
  if (!First || SM.isBeforeInTranslationUnit(At->getBeginLoc(),
                                             First->getBeginLoc()))
    First = At;
}

void FunctionAnalysis::applyCellEffects(const CallExpr *CE,
                                        const CallModel &C, State &S,
                                        HistPtr &H) {
  if (C.Acq || C.Rel || C.Reader || !Eng.hasCellGlobals())
    return;
  const FunctionDecl *F = C.Callee;
  if (!F) { // through a pointer: any function of the TU
    forgetCells(S, /*ReachableOnly=*/false);
    S.CalledUnknown = SummaryMode;
    return;
  }
  if (!Eng.hasUsableBody(F)) {
    // Library code does not write the program's globals; code of another
    // TU may write those it can reach.
    if (!Eng.isLibraryCode(F)) {
      forgetCells(S, /*ReachableOnly=*/true);
      S.CalledUnknown = SummaryMode;
    }
    return;
  }
  const FunctionSummary *Sum = C.Sum;
  if (!Sum || !Sum->Complete || Sum->WritesUnknownGlobals || C.MayOverride) {
    forgetCells(S, /*ReachableOnly=*/false);
    return;
  }
  if (Sum->CallsUnknownCode) {
    // What the callee did not touch itself, the code it called may have
    // changed: the cells its summary does not list.
    forgetCells(S, /*ReachableOnly=*/true, Sum->Cells);
    S.CalledUnknown = SummaryMode;
  }
  for (const FunctionSummary::CellEffect &E : Sum->Cells)
    if (!applyCellEffect(E, Loc{E.Var, E.Path}, CE, F, S, H)) {
      forgetCells(S, /*ReachableOnly=*/false);
      return;
    }
}

void FunctionAnalysis::applyMemberEffects(const CallExpr *CE,
                                          const CallModel &C, State &S,
                                          HistPtr &H) {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
  const auto *Own = dyn_cast<CXXMethodDecl>(FD);
  if (!MemberCells || !MC || !Own || !C.Method || C.MayOverride ||
      C.Method->getParent()->getCanonicalDecl() !=
          Own->getParent()->getCanonicalDecl() ||
      !isa<CXXThisExpr>(MC->getImplicitObjectArgument()->IgnoreParenImpCasts()))
    return;
  // Not known (the method is being followed already, or its analysis gave
  // up): the fields stay as they are.
  const auto &Effects = Eng.memberEffects(C.Method);
  if (!Effects)
    return;
  for (const FunctionSummary::CellEffect &E : *Effects)
    if (!applyCellEffect(E, Loc{FD, E.Path}, CE, C.Method, S, H))
      return;
}

bool FunctionAnalysis::applyCellEffect(const FunctionSummary::CellEffect &E,
                                       const Loc &L, const CallExpr *CE,
                                       const FunctionDecl *F, State &S,
                                       HistPtr &H) {
  using Effect = FunctionSummary::CellEffect;
  std::optional<unsigned> X;
  if (auto It = S.Store.find(L); It != S.Store.end())
    X = It->second;
  else
    X = cellValue(S, L);
  if (X) {
    switch (E.Entry) {
    case Effect::Kept:
      break;
    case Effect::Released:
      applyEffect(S, *X, ParamEffect::Released, CE);
      break;
    case Effect::HandedOff:
      escape(S, *X);
      break;
    case Effect::Dropped: {
      S.Store.erase(L);
      auto V = S.Vals.find(*X);
      if (V != S.Vals.end() && V->second.St == Status::Owned &&
          !referenced(S, *X))
        reportLost(S, *X, CE, CE->getBeginLoc(),
                   E.Exit == Effect::Fresh ? LeakCause::CalleeOverwrite
                                           : LeakCause::CalleeDrop,
                   E.Var, H);
      break;
    }
    }
  }
  switch (E.Exit) {
  case Effect::Unchanged:
    break;
  case Effect::Fresh: {
    std::optional<unsigned> V =
        createValue(S, Eng.acquirerAt(E.Acquirer), CE, Nullness::Unknown);
    if (!V)
      return false;
    H = withAcquisition(H, *V);
    Report.setFactory(*V / 4, F);
    bind(S, L, V, CE, H);
    break;
  }
  case Effect::Other:
    if (auto It = S.Store.find(L); It != S.Store.end()) {
      unsigned Old = It->second;
      S.Store.erase(It);
      if (!referenced(S, Old))
        escape(S, Old);
    }
    break;
  }
  return true;
}

} // namespace clang::tidy::leaklint::ownership::detail
