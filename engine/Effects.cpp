//===--- Effects.cpp - what happens to a tracked value -------------------===//
//
// A value escapes (handed to code that keeps it), is released (with a
// mismatch report when the release does not fit the acquisition), is bound
// to a location (losing what the location held), or is lost when nothing
// refers to it any more: the leak, handed to the LeakReporter.
//
//===----------------------------------------------------------------------===//

#include "AstHelpers.h"
#include "FunctionAnalysis.h"
#include <climits>

namespace clang::tidy::leaklint::ownership::detail {

void FunctionAnalysis::escape(State &S, unsigned Id) {
  auto It = S.Vals.find(Id);
  if (It == S.Vals.end())
    return;
  if (std::optional<unsigned> Cell = cellOf(It->second)) {
    noteCellGone(S, *Cell, ParamEffect::Escapes);
    return;
  }
  if (It->second.St == Status::Param) {
    unsigned Idx = It->second.Acq;
    // What the caller's block holds, handed on, is not the block; of the
    // object (`listenHost(m_sock)`), it is not `this`, which has no slot.
    if (isPointeeValue(Id)) {
      if (Idx < Sum.PointeeEscapes.size())
        Sum.PointeeEscapes[Idx] = true;
      return;
    }
    if (Idx < Sum.Params.size())
      Sum.Params[Idx] = ParamEffect::Escapes;
    else
      Sum.This = ParamEffect::Escapes;
    noteParamGone(S, Idx);
    return;
  }
  if (It->second.St == Status::Owned) {
    It->second.St = Status::Escaped;
    Report.markReleased(Id / 4);
    // What the block holds goes with it, even where a local still points
    // at it: `job->buf = buf; return job;` hands `buf` to the caller.
    dropBlock(S, Id, /*EvenIfReferenced=*/true);
  }
}

void FunctionAnalysis::escapeContents(State &S, unsigned Id, bool ItselfToo) {
  llvm::SmallVector<unsigned, 4> Held;
  valuesUnder(S, Loc::heap(Id), Held);
  for (unsigned H : Held)
    if (H != Id)
      escape(S, H);
  if (ItselfToo && llvm::is_contained(Held, Id))
    escape(S, Id);
}

void FunctionAnalysis::escapeAllUnder(State &S, const Loc &L) {
  llvm::SmallVector<unsigned, 4> Held;
  valuesUnder(S, L, Held);
  for (unsigned V : Held)
    escape(S, V);
}

bool FunctionAnalysis::releasesByName(const Expr *At) {
  auto ByName = [](const Expr *E) {
    return isa<DeclRefExpr>(strip(E)->IgnoreParenCasts());
  };
  if (const auto *CE = dyn_cast_or_null<CallExpr>(At))
    return llvm::any_of(CE->arguments(), ByName);
  if (const auto *DE = dyn_cast_or_null<CXXDeleteExpr>(At))
    return ByName(DE->getArgument());
  return true;
}

void FunctionAnalysis::release(State &S, unsigned Id, unsigned Group,
                               const Expr *At, llvm::StringRef How,
                               const FunctionDecl *In) {
  auto It = S.Vals.find(Id);
  if (It == S.Vals.end())
    return;
  Value &V = It->second;
  if (std::optional<unsigned> Cell = cellOf(V)) {
    noteCellGone(S, *Cell, ParamEffect::Released);
    if (At && !CellRecords[*Cell].ReleasedAt)
      CellRecords[*Cell].ReleasedAt = At;
    return;
  }
  if (V.St == Status::Param) {
    unsigned Idx = V.Acq;
    ParamEffect &PE =
        Idx < Sum.Params.size() ? Sum.Params[Idx] : Sum.This;
    if (PE == ParamEffect::Read)
      PE = ParamEffect::Released;
    if (Idx < Sum.Params.size()) {
      // The release used, when every path that releases it uses one. A
      // release of what the parameter points to (`free(c->line)`) says
      // nothing of how the caller's object itself is released.
      if (ParamGroups.size() < Sum.Params.size())
        ParamGroups.resize(Sum.Params.size());
      int G = Group < ResourceModel::GFirstCustom && releasesByName(At)
                  ? static_cast<int>(Group)
                  : -1;
      std::optional<int> &Slot = ParamGroups[Idx];
      Slot = !Slot || *Slot == G ? G : -1;
    }
    noteParamGone(S, Idx);
    return;
  }
  if (V.St != Status::Owned)
    return;
  const Acquirer *A = Eng.acquirerAt(V.Acq);
  // A release of another family: of memory for memory, of another
  // resource for one (`fclose` of a pipe), or freeing what is no memory
  // (`free(dir)`).
  bool Memory = A->Kind == ResourceKind::Memory;
  bool FreesMemory = Group <= ResourceModel::GDeleteArray;
  if (Group != NoGroup && A->Group != Group && !SummaryMode &&
      Group < ResourceModel::GFirstCustom &&
      A->Group < ResourceModel::GFirstCustom &&
      (Memory == FreesMemory || (!Memory && FreesMemory && !Eng.isHookAcquirer(V.Acq)))) {
    unsigned Site = Id / 4;
    if (!Report.hasImmediate(Site)) {
      Finding F;
      F.Kind = Finding::Mismatch;
      F.Loc = At->getBeginLoc();
      F.Site = Sites[Site];
      F.Acq = A;
      F.Releaser = How.str();
      F.ReleasedIn = In;
      F.Via = Report.factory(Site);
      Report.addImmediate(Site, std::move(F));
    }
  }
  V.St = Status::Released;
  Report.markReleased(Id / 4);
  // Released by a callee or a destructor: so is what the block held, as far
  // as the engine can tell. A direct free() reported it first (freeBlock).
  dropBlock(S, Id, /*EvenIfReferenced=*/true);
}

bool FunctionAnalysis::endsBody(const Stmt *Ret) const {
  // Up to the body, each statement the last of its block or a branch of an
  // `if`: nothing of the function runs after it.
  const Stmt *Body = FD->getBody();
  if (!PM)
    return false;
  for (const Stmt *S = Ret; S && S != Body;) {
    const Stmt *Up = PM->getParent(S);
    if (const auto *CS = dyn_cast_or_null<CompoundStmt>(Up)) {
      if (CS->body_empty() || CS->body_back() != S)
        return false;
    } else if (const auto *If = dyn_cast_or_null<IfStmt>(Up)) {
      if (S != If->getThen() && S != If->getElse())
        return false;
    } else {
      return false;
    }
    S = Up;
  }
  return true;
}

void FunctionAnalysis::reportLost(State &S, unsigned Id, const Stmt *At,
                                  SourceLocation L, LeakCause Cause,
                                  const ValueDecl *Owner, HistPtr &H,
                                  llvm::StringRef OwnerText,
                                  llvm::StringRef HolderText) {
  auto It = S.Vals.find(Id);
  if (It == S.Vals.end())
    return;
  if (awaitsStatus(S, Id)) {
    handOffUntested(S, Id);
    return;
  }
  // What a cell held on entry stays: the exit records what became of it.
  if (cellOf(It->second))
    return;
  Value V = It->second;
  S.Vals.erase(It);
  // A lost block loses what it holds with it: one finding, for the block.
  dropBlock(S, Id, /*EvenIfReferenced=*/false);
  if (V.St != Status::Owned || V.Null == Nullness::Null || SummaryMode ||
      S.LostTrack)
    return;
  // An early return or a `throw` a macro writes on an undecided condition
  // of its own (`XMP_Validate(c, msg, e)`): an assertion.
  if ((Cause == LeakCause::EarlyReturn ||
       (Cause == LeakCause::Throw && isa_and_nonnull<CXXThrowExpr>(At))) &&
      isAssertionExit(At, H, SM))
    return;
  // A descriptor opened and not kept (`open("/dev/null", O_RDWR);` to fill
  // the standard descriptors) is kept by its number: the process means it.
  // (A `dup` whose copy is only tested: applyResult.)
  if (Cause == LeakCause::Discarded &&
      Eng.acquirerAt(V.Acq)->Kind == ResourceKind::Descriptor)
    return;
  // Lost on the path where a callee that keeps it ran out of memory: the
  // call whose result is ignored is what to mend.
  const LeakCause PathCause = Cause;
  SourceLocation LostHere;
  if (const Hist *F = failedHandOff(H, Id)) {
    LostHere = L;
    At = F->FailedHandOff;
    L = F->L;
    Cause = LeakCause::HandOffFailed;
  }
  unsigned Site = Id / 4;
  bool OutOfMemory = ranOutOfMemory(H);
  // This path's witness, and what the precision rule reads of it.
  auto Judge = [&](Candidate &C) {
    Witness W = witnessOf(H, Id, Eng.isHookAcquirer(V.Acq), Sites[Site], SM,
                          Eng.options().MaxNotes, Correlation);
    C.NaturalEnd = PathCause == LeakCause::ScopeEnd ||
                   PathCause == LeakCause::Return ||
                   PathCause == LeakCause::OwnerReleased ||
                   (PathCause == LeakCause::EarlyReturn && endsBody(At));
    C.CorrelatedBranches = W.CorrelatedBranches;
    C.ZeroTripLoop = W.ZeroTripLoop;
    C.ZeroSized = W.ZeroSized;
    C.OutOfMemory = OutOfMemory;
    return W;
  };
  // One finding per site: once one is settled, the next paths only add
  // the other places that lose the same acquisition, a few, each with a
  // witness the precision rule keeps.
  if (Report.hasSettledCandidate(Site, Cause, OutOfMemory)) {
    SourceLocation Place = SM.getFileLoc(L);
    if (isExitOfMain(FD, Eng.options(), Cause, L) ||
        !Report.wantsOtherLoss(Site, Place, SM))
      return;
    Candidate Other;
    Judge(Other);
    if (!Other.dependsOnUnseenInvariant())
      Report.addOtherLoss(Site, Place);
    return;
  }
  Candidate C;
  C.F.Kind = Finding::Leak;
  C.F.Cause = Cause;
  C.F.Loc = L;
  C.F.Site = Sites[Site];
  C.F.Acq = Eng.acquirerAt(V.Acq);
  C.F.Owner = Owner;
  C.F.LValue = OwnerText.str();
  C.F.Holder = HolderText.str();
  C.F.Via = Report.factory(Site);
  C.F.Notes = Judge(C).Notes;
  if (LostHere.isValid())
    C.F.Notes.push_back({LostHere, "and lost here"});
  C.F.LostAt = At;
  Report.addCandidate(Site, std::move(C), SM);
}

void FunctionAnalysis::lose(State &S, const Stmt *At, LeakCause Cause,
                            const ValueDecl *Owner, HistPtr &H) {
  // Every owned value nothing refers to any more has lost its last owner.
  llvm::SmallVector<unsigned, 4> Lost;
  for (const auto &[Id, V] : S.Vals)
    if (!referenced(S, Id))
      Lost.push_back(Id);
  SourceLocation L = At ? At->getBeginLoc() : FD->getEndLoc();
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(At))
    L = CS->getRBracLoc();
  for (unsigned Id : Lost)
    reportLost(S, Id, At, L, Cause, Owner, H);
}

void FunctionAnalysis::collectGarbage(State &S) {
  if (!S.EnteredLoops.empty() && !hasLiveOwnedValue(S))
    S.EnteredLoops.clear();
  dropDeadLinks(S);
  for (auto It = S.Vals.begin(); It != S.Vals.end();) {
    if (It->second.St != Status::Owned && It->second.St != Status::Param &&
        !referenced(S, It->first))
      It = S.Vals.erase(It);
    else
      ++It;
  }
}

void FunctionAnalysis::dropBlock(State &S, unsigned Id,
                                 bool EvenIfReferenced) {
  Loc Block = Loc::heap(Id);
  llvm::SmallVector<unsigned, 4> Held;
  for (auto It = S.Store.lower_bound(Block);
       It != S.Store.end() && It->first.sameRoot(Block);) {
    Held.push_back(It->second);
    It = S.Store.erase(It);
  }
  for (unsigned V : Held)
    if (EvenIfReferenced || !referenced(S, V))
      escape(S, V);
}

void FunctionAnalysis::moveBlock(State &S, unsigned From, unsigned To) {
  Loc Block = Loc::heap(From);
  llvm::SmallVector<std::pair<Loc, unsigned>, 4> Held;
  for (auto It = S.Store.lower_bound(Block);
       It != S.Store.end() && It->first.sameRoot(Block);) {
    Loc L = It->first;
    L.Heap = Loc::heap(To).Heap;
    Held.push_back({std::move(L), It->second});
    It = S.Store.erase(It);
  }
  for (auto &[L, V] : Held)
    S.Store[L] = V;
}

void FunctionAnalysis::freeBlock(State &S, unsigned Id, const Expr *Ptr,
                                 const Stmt *At, HistPtr &H) {
  Loc Block = Loc::heap(Id);
  llvm::SmallVector<std::pair<unsigned, std::string>, 4> Held;
  std::string Name = quotedText(Ptr);
  for (auto It = S.Store.lower_bound(Block);
       It != S.Store.end() && It->first.sameRoot(Block);) {
    Held.push_back({It->second, pathText(Ptr, It->first.Path)});
    It = S.Store.erase(It);
  }
  for (auto &[V, Text] : Held) {
    auto VIt = S.Vals.find(V);
    if (VIt != S.Vals.end() && VIt->second.St == Status::Owned &&
        !referenced(S, V))
      reportLost(S, V, At, At->getBeginLoc(), LeakCause::OwnerReleased,
                 nullptr, H, Text, Name);
  }
}

void FunctionAnalysis::bind(State &S, const Loc &L, std::optional<unsigned> V,
                            const Stmt *At, HistPtr &H) {
  std::optional<unsigned> Old;
  auto It = S.Store.find(L);
  if (It != S.Store.end())
    Old = It->second;
  if (Old == V)
    return;
  if (V)
    S.Store[L] = *V;
  else if (It != S.Store.end())
    S.Store.erase(It);
  if (Old && !referenced(S, *Old)) {
    auto VIt = S.Vals.find(*Old);
    if (VIt != S.Vals.end() && VIt->second.St == Status::Owned) {
      const auto *Assign = dyn_cast<BinaryOperator>(At);
      // A part of a block or of a global is named as written (`'s->buf'`,
      // `'g_holder.res'`).
      bool Part = L.isHeap() || (!L.Path.empty() && isCell(L));
      std::string Text =
          Part && Assign ? quotedText(Assign->getLHS()) : std::string();
      reportLost(S, *Old, At, At->getBeginLoc(), LeakCause::Overwrite,
                 Part ? nullptr : L.Base, H, Text);
    }
    if (VIt != S.Vals.end() && isMemberCell(L))
      noteMemberOverwrite(S, VIt->second, At);
  }
}

void FunctionAnalysis::writeVar(State &S, const ValueDecl *VD,
                                std::optional<int64_t> V) {
  if (!S.FlagLinks.empty())
    forgetFlagLinks(S, VD);
  S.NullParams &= ~paramBit(VD);
  // The variable and the fields of what it pointed to.
  for (auto It = S.Cons.begin(); It != S.Cons.end();)
    if (std::get<0>(It->first).Base == VD)
      It = S.Cons.erase(It);
    else
      ++It;
  // A number written to a local, or to a static that only this TU names
  // (`static int init_done;` in the function, or at file scope), until a
  // call of the TU that writes it.
  const auto *Var = dyn_cast<VarDecl>(VD);
  if (V && Var &&
      (Var->hasLocalStorage() || Var->isStaticLocal() ||
       (Var->hasGlobalStorage() && !Var->isExternallyVisible())) &&
      AtomCount.count(VD))
    S.Ints[VD] = *V;
  else
    S.Ints.erase(VD);
}

void FunctionAnalysis::forgetAtom(State &S, const Atom &A) {
  for (auto It = S.Cons.lower_bound(ConsKey{A, INT_MIN, INT64_MIN});
       It != S.Cons.end() && std::get<0>(It->first) == A;)
    It = S.Cons.erase(It);
}

unsigned FunctionAnalysis::constraintsOn(const State &S, const Atom &A) {
  unsigned N = 0;
  for (auto It = S.Cons.lower_bound(ConsKey{A, INT_MIN, INT64_MIN});
       It != S.Cons.end() && std::get<0>(It->first) == A; ++It)
    ++N;
  return N;
}

namespace {
/// Whether \p A is a member declared `const` (Poppler's `const bool
/// profileCommands;`), or a member of one: set by the constructor, no
/// call changes it.
bool isConstMember(const Atom &A) {
  if (A.Call || A.Deref)
    return false;
  for (const ValueDecl *D : {A.Field, A.Sub})
    if (const auto *F = dyn_cast_or_null<FieldDecl>(D);
        F && F->getType().isConstQualified())
      return true;
  return false;
}
} // namespace

void FunctionAnalysis::forgetFieldsOf(State &S, const ValueDecl *Base,
                                      bool KeepConst) {
  for (auto It = S.Cons.begin(); It != S.Cons.end();) {
    const Atom &A = std::get<0>(It->first);
    if (A.Base == Base && A.isPart() && !(KeepConst && isConstMember(A)))
      It = S.Cons.erase(It);
    else
      ++It;
  }
}

void FunctionAnalysis::forgetField(State &S, const Atom &Part) {
  // The fields of a union share their bytes: writing one changes all.
  const auto *F = cast<FieldDecl>(Part.Field);
  const auto *Sub = dyn_cast_or_null<FieldDecl>(Part.Sub);
  if (F->getParent()->isUnion() || (Sub && Sub->getParent()->isUnion()))
    return forgetFieldsOf(S, Part.Base);
  if (Sub)
    return forgetAtom(S, Part);
  for (auto It = S.Cons.begin(); It != S.Cons.end();) {
    const Atom &A = std::get<0>(It->first);
    It = A.Base == Part.Base && A.Field == Part.Field && !isConstMember(A)
             ? S.Cons.erase(It)
             : std::next(It);
  }
}

std::optional<Atom> FunctionAnalysis::enclosingField(const Expr *E) const {
  // Down to the member access: `&c->addr`, `c->buf[i]`, `c->tab[i].n`.
  const auto *ME = dyn_cast<MemberExpr>(partOf(E));
  while (ME) {
    if (const ValueDecl *Root = fieldRoot(ME))
      return Atom{Root, ME->getMemberDecl()};
    if (ME->isArrow()) // a field of another object
      return std::nullopt;
    ME = dyn_cast<MemberExpr>(partOf(ME->getBase()));
  }
  return std::nullopt;
}

const Expr *FunctionAnalysis::partOf(const Expr *E) {
  for (E = strip(E)->IgnoreParenImpCasts();;) {
    const auto *UO = dyn_cast<UnaryOperator>(E);
    const auto *AS = dyn_cast<ArraySubscriptExpr>(E);
    if (UO && UO->getOpcode() == UO_AddrOf)
      E = strip(UO->getSubExpr())->IgnoreParenImpCasts();
    else if (AS && AS->getBase()->IgnoreParenImpCasts()->getType()
                       ->isArrayType())
      E = strip(AS->getBase())->IgnoreParenImpCasts();
    else
      return E;
  }
}

const ValueDecl *FunctionAnalysis::objectRoot(const Expr *E) const {
  // `obj`, `*p`, `p[i]`, `*this`.
  E = strip(E)->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_Deref)
    E = strip(UO->getSubExpr())->IgnoreParenImpCasts();
  else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    E = strip(AS->getBase())->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(E))
    return FD;
  if (const auto *DR = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<VarDecl>(DR->getDecl());
  return nullptr;
}

void FunctionAnalysis::forgetWritten(const Expr *LHS, State &S) {
  // The field, or what the pointer points to, that is written; a struct
  // written whole takes its fields' facts along (`addr->sa = *from;`,
  // `*opts = defaults;`).
  std::optional<Atom> A = atomOf(LHS);
  if (A && A->Field)
    forgetField(S, *A);
  else if (A && A->isPart())
    forgetAtom(S, *A);
  else if (std::optional<Atom> F = enclosingField(LHS))
    forgetField(S, *F);
  else if (LHS->getType()->isRecordType())
    if (const ValueDecl *Root = objectRoot(LHS))
      forgetFieldsOf(S, Root);
  // A store through a pointer (`*p = 0`, `p[i] = c`, `p->n = 1`) may
  // change what any pointer points to.
  const Expr *E = strip(LHS)->IgnoreParenImpCasts();
  bool Through = isa<ArraySubscriptExpr>(E);
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    Through = UO->getOpcode() == UO_Deref;
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    Through = ME->isArrow();
  if (!Through)
    return;
  for (auto It = S.Cons.begin(); It != S.Cons.end();)
    if (std::get<0>(It->first).Deref)
      It = S.Cons.erase(It);
    else
      ++It;
}

void FunctionAnalysis::applyEffect(State &S, llvm::ArrayRef<unsigned> Vs,
                                   ParamEffect E, const Expr *At,
                                   const FunctionDecl *Callee, int Group) {
  for (unsigned V : Vs) {
    if (E == ParamEffect::Escapes)
      escape(S, V);
    else if (E == ParamEffect::Released) {
      if (!S.Vals.count(V))
        continue;
      // The callee's release, when its summary knows which.
      if (Group >= 0)
        release(S, V, static_cast<unsigned>(Group), At,
                Model.groupName(static_cast<unsigned>(Group)), Callee);
      else
        release(S, V, NoGroup, At, "");
    }
  }
}

void FunctionAnalysis::invalidateGlobalsOf(State &S,
                                           const FunctionSummary &Callee) {
  auto Written = [&](const ValueDecl *D) {
    const auto *VD = dyn_cast_or_null<VarDecl>(D);
    return VD && !VD->hasLocalStorage() &&
           (Callee.WritesUnknownGlobals || Callee.writes(VD));
  };
  for (auto It = S.Cons.begin(); It != S.Cons.end();)
    It = Written(std::get<0>(It->first).Base) ? S.Cons.erase(It)
                                               : std::next(It);
  for (auto It = S.Ints.begin(); It != S.Ints.end();)
    It = Written(It->first) ? S.Ints.erase(It) : std::next(It);
}

} // namespace clang::tidy::leaklint::ownership::detail
