//===--- ObjectCycleWalk.cpp - the worklist, leak checks, summaries -------===//

#include "ObjectCycleWalk.h"
#include "AstHelpers.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include <algorithm>

namespace clang::tidy::leaklint::cycles::detail {

using ownership::detail::buildBodyCFG;

FunctionWalk::FunctionWalk(ObjectCycleAnalysis::Impl &A,
                           const FunctionDecl *FD, bool SummaryMode)
    : A(A), Ctx(A.Ctx), FD(FD), SummaryMode(SummaryMode) {}

bool FunctionWalk::prepare() {
  const Stmt *Body = FD->getBody();
  if (!Body || FD->isDependentContext())
    return false;
  return buildBodyCFG(FD, Ctx, /*ImplicitDtors=*/false, Cfg, PM, InitRoots);
}

bool FunctionWalk::run() {
  if (!prepare())
    return false;
  // The caller's objects: `this` and what the parameters refer to.
  State Init;
  if (const auto *M = dyn_cast<CXXMethodDecl>(FD); M && M->isInstance()) {
    ObjInfo I;
    I.K = ObjInfo::This;
    I.Type = M->getParent();
    ThisObj = object(FD, ~0u, I);
  }
  for (const ParmVarDecl *P : FD->parameters()) {
    QualType T = P->getType();
    if (!isOwningType(T.getNonReferenceType()) && !T->isPointerType() &&
        !T->isReferenceType())
      continue;
    ObjInfo I;
    I.K = ObjInfo::Param;
    I.ParamIndex = P->getFunctionScopeIndex();
    QualType Pointee = T->isPointerType() ? T->getPointeeType()
                                          : T.getNonReferenceType();
    I.Type = Pointee->getAsCXXRecordDecl();
    ObjId O = object(P, 0, I);
    ParamObjs[P] = O;
    Init.Locals[P] = Value::of(O);
  }

  std::set<std::pair<unsigned, State>> Visited;
  std::vector<WorkItem> Work;
  Work.push_back({&Cfg->getEntry(), std::move(Init)});
  unsigned Steps = 0;
  const CFGBlock *Exit = &Cfg->getExit();
  while (!Work.empty()) {
    WorkItem It = std::move(Work.back());
    Work.pop_back();
    HistPtr H = It.S.Hist;
    It.S.Hist = nullptr;
    if (!Visited.insert({It.B->getBlockID(), It.S}).second)
      continue;
    It.S.Hist = H;
    if (++Steps > A.Opts.MaxSteps) {
      OverBudget = true;
      return false;
    }
    if (!walkBlock(It))
      continue;
    if (It.B == Exit) {
      exitPath(It.S);
      continue;
    }
    if (It.B->hasNoReturnElement())
      continue;
    const Stmt *Term = It.B->getTerminatorStmt();
    // An exception leaving the function is not followed: a cycle is
    // reported on the normal paths only.
    if (isa_and_nonnull<CXXThrowExpr>(Term))
      continue;
    const Expr *Cond = dyn_cast_or_null<Expr>(It.B->getTerminatorCondition());
    if (Cond && It.B->succ_size() == 2 && !isa_and_nonnull<CXXForRangeStmt>(Term) &&
        !isa_and_nonnull<BinaryOperator>(Term)) {
      followBranch(It.B, Cond, Term, It.S, Work);
      continue;
    }
    SmallVector<const CFGBlock *, 2> Succs;
    for (const CFGBlock::AdjacentBlock &AB : It.B->succs())
      if (const CFGBlock *Succ = AB.getReachableBlock())
        Succs.push_back(Succ);
    for (auto Succ = Succs.rbegin(); Succ != Succs.rend(); ++Succ)
      Work.push_back({*Succ, It.S});
  }
  return true;
}

bool FunctionWalk::walkBlock(WorkItem &It) {
  State &S = It.S;
  for (const CFGElement &El : *It.B) {
    if (auto CS = El.getAs<CFGStmt>()) {
      const Stmt *St = CS->getStmt();
      transfer(St, S);
      if (isFullExprEnd(St)) {
        S.Env.clear();
        S.Dropped = true;
      }
      if (S.Dropped)
        checkLeaks(S, St, St->getBeginLoc(), nullptr);
      continue;
    }
    if (auto IE = El.getAs<CFGInitializer>()) {
      initializeMember(IE->getInitializer(), S);
      S.Env.clear();
      continue;
    }
    if (auto LE = El.getAs<CFGLifetimeEnds>()) {
      lifetimeEnds(LE->getVarDecl(), LE->getTriggerStmt(), S);
      continue;
    }
  }
  return true;
}

std::optional<std::pair<const VarDecl *, bool>>
FunctionWalk::conditionAtom(const Expr *C) {
  bool Truth = true;
  for (int Depth = 0; C && Depth < 8; ++Depth) {
    C = C->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(C); U && U->getOpcode() == UO_LNot) {
      Truth = !Truth;
      C = U->getSubExpr();
      continue;
    }
    if (const auto *Conv = dyn_cast<CXXMemberCallExpr>(C);
        Conv && isa_and_nonnull<CXXConversionDecl>(Conv->getMethodDecl())) {
      C = Conv->getImplicitObjectArgument();
      continue;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(C))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
          VD && VD->hasLocalStorage())
        return std::make_pair(VD, Truth);
    return std::nullopt;
  }
  return std::nullopt;
}

void FunctionWalk::followBranch(const CFGBlock *B, const Expr *Cond,
                                const Stmt *Term, const State &S,
                                std::vector<WorkItem> &Work) {
  const CFGBlock *Branches[2] = {nullptr, nullptr};
  unsigned Idx = 0;
  for (const CFGBlock::AdjacentBlock &AB : B->succs())
    Branches[Idx++] = AB.getReachableBlock();
  auto Atom = conditionAtom(Cond);
  // What the path already knows of the condition: a fact assumed before, or
  // a smart pointer local known to hold an object (or to be empty).
  std::optional<bool> Known;
  if (Atom) {
    auto F = S.Facts.find(Atom->first);
    if (F != S.Facts.end())
      Known = F->second == Atom->second;
    else if (isOwningType(Atom->first->getType())) {
      auto L = S.Locals.find(Atom->first);
      if (L != S.Locals.end() && !L->second.Unknown)
        Known = L->second.Objs.empty() != Atom->second;
    }
  }
  bool IsLoop = isa_and_nonnull<ForStmt, WhileStmt, DoStmt>(Term);
  for (int Br = 1; Br >= 0; --Br) {
    if (!Branches[Br])
      continue;
    bool Taken = Br == 0;
    if (Known && *Known != Taken)
      continue;
    State NS = S;
    if (Atom)
      NS.Facts[Atom->first] = Atom->second == Taken;
    if (!Known && Branches[0] && Branches[1]) {
      std::string Note;
      if (IsLoop)
        Note = Taken ? "entering the loop body" : "leaving the loop";
      else {
        CharSourceRange R = CharSourceRange::getTokenRange(Cond->getSourceRange());
        StringRef Text = Lexer::getSourceText(R, Ctx.getSourceManager(),
                                              Ctx.getLangOpts());
        if (!Text.empty() && Text.size() <= 40 && !Text.contains('\n') &&
            !Cond->getBeginLoc().isMacroID())
          Note = ("assuming '" + Text + "' is " + (Taken ? "true" : "false")).str();
        else
          Note = std::string("assuming the condition is ") +
                 (Taken ? "true" : "false");
      }
      NS.Hist = std::make_shared<HistNode>(
          HistNode{S.Hist, Cond->getBeginLoc(), std::move(Note)});
    }
    Work.push_back({Branches[Br], std::move(NS)});
  }
}

bool FunctionWalk::isFullExprEnd(const Stmt *St) const {
  if (!InitRoots.empty()) {
    const Stmt *Root = St;
    while (const Stmt *Up = PM->getParent(Root))
      Root = Up;
    if (InitRoots.count(Root))
      return false;
  }
  const Stmt *P = PM->getParent(St);
  while (P && (isa<ParenExpr>(P) || isa<FullExpr>(P) ||
               isa<MaterializeTemporaryExpr>(P) || isa<CXXBindTemporaryExpr>(P)))
    P = PM->getParent(P);
  if (!P)
    return true;
  return !isa<Expr>(P) && !isa<DeclStmt>(P) && !isa<ReturnStmt>(P) &&
         !isa<CXXForRangeStmt>(P);
}

// ---- objects

ObjId FunctionWalk::object(const void *Key, unsigned Sub, const ObjInfo &Info) {
  auto [It, New] = ObjIndex.try_emplace({Key, Sub}, Objs.size());
  if (New)
    Objs.push_back(Info);
  return It->second;
}

ObjId FunctionWalk::fresh(State &S, const Stmt *Site, unsigned Sub,
                          const CXXRecordDecl *Type, const FunctionDecl *Via) {
  ObjInfo I;
  I.K = ObjInfo::Fresh;
  I.Site = Site;
  I.Type = Type;
  I.Via = Via;
  ObjId O = object(Site, Sub, I);
  // The same site again (a loop): the object of the last turn is no longer
  // told apart from the new one; it becomes something the walk does not
  // follow, and what it holds is kept alive by it.
  if (S.Live.count(O))
    makeOpaque(S, O);
  S.Live.insert(O);
  return O;
}

void FunctionWalk::makeOpaque(State &S, ObjId O) {
  std::vector<ObjId> Held;
  for (auto It = S.Links.begin(); It != S.Links.end();) {
    if (It->first.first == O) {
      for (const Target &T : It->second)
        Held.push_back(T.To);
      It = S.Links.erase(It);
      continue;
    }
    llvm::erase_if(It->second, [&](const Target &T) { return T.To == O; });
    ++It;
  }
  for (ObjId H : Held)
    if (H != O)
      escapeObject(S, H);
  auto Forget = [&](Value &V) {
    auto It = llvm::find(V.Objs, O);
    if (It != V.Objs.end()) {
      V.Objs.erase(It);
      V.Unknown = true;
    }
  };
  for (auto &[VD, V] : S.Locals)
    Forget(V);
  for (auto &[E, V] : S.Env)
    Forget(V);
  Forget(S.Ret);
  S.Live.erase(O);
  S.Escaped.erase(O);
  EverAnchored.insert(O);
}

void FunctionWalk::escapeObject(State &S, ObjId O) {
  if (Objs[O].isCallers() || !S.Escaped.insert(O).second)
    return;
  EverAnchored.insert(O);
}

void FunctionWalk::escape(State &S, const Value &V) {
  for (ObjId O : V.Objs)
    escapeObject(S, O);
}

// ---- leaks

std::set<ObjId> FunctionWalk::reachableFromRoots(const State &S) const {
  std::vector<ObjId> Work;
  for (const auto &[VD, V] : S.Locals)
    if (A.owning(VD->getType()))
      llvm::append_range(Work, V.Objs);
  for (const auto &[E, V] : S.Env)
    if (A.owning(E->getType()))
      llvm::append_range(Work, V.Objs);
  llvm::append_range(Work, S.Escaped);
  llvm::append_range(Work, S.Ret.Objs);
  for (ObjId O = 0; O < Objs.size(); ++O)
    if (Objs[O].isCallers())
      Work.push_back(O);
  std::set<ObjId> Seen;
  while (!Work.empty()) {
    ObjId O = Work.back();
    Work.pop_back();
    if (!Seen.insert(O).second)
      continue;
    for (auto It = S.Links.lower_bound({O, 0});
         It != S.Links.end() && It->first.first == O; ++It)
      for (const Target &T : It->second)
        Work.push_back(T.To);
  }
  return Seen;
}

void FunctionWalk::checkLeaks(State &S, const Stmt *At, SourceLocation Loc,
                              const VarDecl *Dying) {
  S.Dropped = false;
  std::set<ObjId> Reach = reachableFromRoots(S);
  std::vector<ObjId> Dead;
  for (ObjId O : S.Live)
    if (!Reach.count(O))
      Dead.push_back(O);
  if (Dead.empty())
    return;
  std::set<ObjId> DeadSet(Dead.begin(), Dead.end());
  // The links that close a cycle: sure ones (and possible ones on request).
  std::map<ObjId, std::vector<ObjId>> Next;
  for (ObjId O : Dead)
    for (auto It = S.Links.lower_bound({O, 0});
         It != S.Links.end() && It->first.first == O; ++It)
      for (const Target &T : It->second)
        if ((T.Sure || A.Opts.ReportPossible) && DeadSet.count(T.To))
          Next[O].push_back(T.To);
  auto ReachFrom = [&](ObjId Start) {
    std::set<ObjId> Seen;
    std::vector<ObjId> W(Next[Start].begin(), Next[Start].end());
    while (!W.empty()) {
      ObjId X = W.back();
      W.pop_back();
      if (Seen.insert(X).second)
        llvm::append_range(W, Next[X]);
    }
    return Seen;
  };
  if (!SummaryMode) {
    std::set<ObjId> Done;
    for (ObjId O : Dead) {
      if (Done.count(O))
        continue;
      std::set<ObjId> From = ReachFrom(O);
      if (!From.count(O))
        continue;
      std::vector<ObjId> Component;
      for (ObjId X : From)
        if (ReachFrom(X).count(O))
          Component.push_back(X);
      Done.insert(Component.begin(), Component.end());
      report(S, Component, Loc, Dying);
    }
  }
  // Everything dead is freed (or leaked, and reported): forget it.
  for (ObjId O : Dead) {
    S.Live.erase(O);
    for (auto It = S.Links.lower_bound({O, 0});
         It != S.Links.end() && It->first.first == O;)
      It = S.Links.erase(It);
  }
  (void)At;
}

void FunctionWalk::report(const State &S, const std::vector<ObjId> &Component,
                          SourceLocation Loc, const VarDecl *Dying) {
  // Walk one cycle through the component, from the object created first.
  ObjId Start = *llvm::min_element(Component, [&](ObjId X, ObjId Y) {
    return X < Y;
  });
  std::set<ObjId> In(Component.begin(), Component.end());
  // Breadth-first from Start back to Start over the cycle's links.
  struct Step {
    ObjId Prev;
    LinkKey Key;
    const Target *T;
  };
  std::map<ObjId, Step> Parent;
  std::vector<ObjId> Queue{Start};
  const Target *Closing = nullptr;
  LinkKey ClosingKey{0, 0};
  ObjId ClosingFrom = Start;
  for (size_t I = 0; I < Queue.size() && !Closing; ++I) {
    ObjId O = Queue[I];
    for (auto It = S.Links.lower_bound({O, 0});
         It != S.Links.end() && It->first.first == O && !Closing; ++It)
      for (const Target &T : It->second) {
        if (!(T.Sure || A.Opts.ReportPossible) || !In.count(T.To))
          continue;
        if (T.To == Start) {
          Closing = &T;
          ClosingKey = It->first;
          ClosingFrom = O;
          break;
        }
        if (Parent.count(T.To))
          continue;
        Parent[T.To] = Step{O, It->first, &T};
        Queue.push_back(T.To);
      }
  }
  if (!Closing)
    return;
  std::vector<std::pair<LinkKey, const Target *>> Cycle;
  Cycle.push_back({ClosingKey, Closing});
  for (ObjId O = ClosingFrom; O != Start;) {
    const Step &St = Parent[O];
    Cycle.push_back({St.Key, St.T});
    O = St.Prev;
  }
  std::reverse(Cycle.begin(), Cycle.end());

  std::vector<const Stmt *> Key;
  for (const auto &[K, T] : Cycle)
    Key.push_back(Objs[K.first].Site);
  llvm::sort(Key);
  if (!ReportedCycles.insert(Key).second)
    return;

  ObjectCycleFinding F;
  F.Loc = Loc;
  F.Dying = Dying;
  for (const auto &[K, T] : Cycle) {
    CycleLink L;
    L.Member = A.lastField(K.second);
    L.From = L.Member ? dyn_cast<CXXRecordDecl>(L.Member->getParent())
                      : Objs[K.first].Type;
    L.To = Objs[T->To].Type;
    L.Callback = L.Member && isCallbackType(L.Member->getType());
    L.Loc = T->At ? T->At->getBeginLoc() : SourceLocation();
    L.Via = T->Via;
    L.Lambda = T->Lambda;
    F.Links.push_back(L);
    const ObjInfo &Info = Objs[K.first];
    F.Objects.push_back(
        {Info.Site ? Info.Site->getBeginLoc() : SourceLocation(), Info.Type});
  }
  std::vector<std::pair<SourceLocation, std::string>> Notes;
  for (const HistNode *H = S.Hist.get(); H; H = H->Prev.get())
    Notes.push_back({H->Loc, H->Note});
  if (Notes.size() > A.Opts.MaxPathNotes)
    Notes.resize(A.Opts.MaxPathNotes);
  std::reverse(Notes.begin(), Notes.end());
  F.PathNotes = std::move(Notes);
  Findings.push_back(std::move(F));
}

// ---- exits and summaries

void FunctionWalk::exitPath(State &S) {
  // The parameters' and locals' references end with the function (their
  // lifetime ends were seen on the way for locals; parameters end here).
  for (const ParmVarDecl *P : FD->parameters())
    S.Locals.erase(P);
  S.Dropped = true;
  checkLeaks(S, nullptr, FD->getBody()->getEndLoc(), nullptr);
  // What stays reachable from the caller's side: not decided here.
  std::vector<ObjId> Work(S.Escaped.begin(), S.Escaped.end());
  llvm::append_range(Work, S.Ret.Objs);
  for (ObjId O = 0; O < Objs.size(); ++O)
    if (Objs[O].isCallers())
      Work.push_back(O);
  std::set<ObjId> Seen;
  while (!Work.empty()) {
    ObjId O = Work.back();
    Work.pop_back();
    if (!Seen.insert(O).second)
      continue;
    EverAnchored.insert(O);
    for (auto It = S.Links.lower_bound({O, 0});
         It != S.Links.end() && It->first.first == O; ++It)
      for (const Target &T : It->second)
        Work.push_back(T.To);
  }
  if (SummaryMode && Exits.size() < 64)
    Exits.push_back(S);
}

void FunctionWalk::recordResolution() {
  for (const auto &[St, O] : Stores)
    A.noteStore(St, !Objs[O].isCallers() && !EverAnchored.count(O));
}

void FunctionWalk::markAllUnresolved() {
  for (const auto &[St, O] : Stores)
    A.noteStore(St, false);
}

std::unique_ptr<Summary> FunctionWalk::takeSummary() {
  auto Sum = std::make_unique<Summary>();
  Sum->Objs = Objs;
  Sum->HavocFields = HavocFields;
  if (Exits.empty())
    return Sum; // never returns: no effect to apply
  // One effect map per exit, then merged: an effect on every exit is a
  // must, a target sure on every exit is sure.
  using EffectMap = std::map<LinkKey, Summary::Effect>;
  std::vector<EffectMap> PerExit;
  for (State &S : Exits) {
    EffectMap M;
    // The caller's objects: the members this function wrote.
    for (const auto &[K, Bits] : S.Touched) {
      Summary::Effect E;
      E.K = Bits & TouchReplace ? Summary::Effect::Replace
            : Bits & TouchAdd   ? Summary::Effect::Add
                                : Summary::Effect::Weaken;
      auto L = S.Links.find(K);
      if (L != S.Links.end())
        for (const Target &T : L->second)
          E.Targets.push_back({T.To, T.Sure, T.Lambda});
      M[K] = std::move(E);
    }
    // Objects created here that the caller can reach: all their links.
    std::vector<ObjId> Work(S.Ret.Objs.begin(), S.Ret.Objs.end());
    for (const auto &[K, E] : M)
      for (const auto &T : E.Targets)
        Work.push_back(T.Obj);
    std::set<ObjId> Seen;
    while (!Work.empty()) {
      ObjId O = Work.back();
      Work.pop_back();
      if (Objs[O].isCallers() || !Seen.insert(O).second)
        continue;
      for (auto It = S.Links.lower_bound({O, 0});
           It != S.Links.end() && It->first.first == O; ++It) {
        Summary::Effect E;
        for (const Target &T : It->second) {
          E.Targets.push_back({T.To, T.Sure, T.Lambda});
          Work.push_back(T.To);
        }
        M[It->first] = std::move(E);
      }
    }
    for (ObjId O : S.Escaped)
      Sum->Escapes.insert(O);
    Sum->Ret.add(S.Ret);
    PerExit.push_back(std::move(M));
  }
  std::set<LinkKey> Keys;
  for (const EffectMap &M : PerExit)
    for (const auto &[K, E] : M)
      Keys.insert(K);
  for (const LinkKey &K : Keys) {
    Summary::Effect Merged;
    bool First = true;
    for (const EffectMap &M : PerExit) {
      auto It = M.find(K);
      if (It == M.end()) {
        Merged.Must = false;
        continue;
      }
      const Summary::Effect &E = It->second;
      if (First) {
        Merged.K = E.K;
        Merged.Targets = E.Targets;
        First = false;
        continue;
      }
      if (E.K != Merged.K)
        Merged.Must = false;
      // A target sure here and there stays sure; one missing somewhere is
      // only possible.
      for (auto &T : Merged.Targets)
        T.Sure = T.Sure && llvm::any_of(E.Targets, [&](const auto &X) {
                   return X.Obj == T.Obj && X.Sure;
                 });
      for (const auto &T : E.Targets)
        if (llvm::none_of(Merged.Targets,
                          [&](const auto &X) { return X.Obj == T.Obj; }))
          Merged.Targets.push_back({T.Obj, false, T.Lambda});
    }
    if (Merged.K == Summary::Effect::Replace && !Merged.Must) {
      // Replaced on some paths: the caller's old links may be gone, the
      // new ones may be there.
      for (auto &T : Merged.Targets)
        T.Sure = false;
    }
    Sum->Effects[K] = std::move(Merged);
  }
  return Sum;
}

} // namespace clang::tidy::leaklint::cycles::detail
