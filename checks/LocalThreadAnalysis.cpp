//===--- LocalThreadAnalysis.cpp - joinable local threads on some path ---===//

#include "LocalThreadAnalysis.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <functional>
#include <tuple>

namespace clang::tidy::leaklint {

using namespace thread_model;

namespace {

// The state of one local thread on one path.
enum ThreadState : uint8_t {
  Out = 0,         // not constructed yet, or destroyed
  NotJoinable = 1, // default-constructed, joined, detached or moved from
  Joinable = 2,    // owns a running thread
  Gone = 3,        // moved away or escaped: somebody else's obligation
};

// Assumption bytes for the conditions a path has tested.
enum Assumption : uint8_t { Unknown = 0, AssumedTrue = 1, AssumedFalse = 2 };


// Turns the branch decisions of a path into notes, from the start of the
// thread on.
std::vector<std::pair<SourceLocation, std::string>>
pathNotes(const PathSteps &Path, SourceLocation StartLoc, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  auto sourceText = [&](const Stmt *S) {
    CharSourceRange R = CharSourceRange::getTokenRange(S->getSourceRange());
    return Lexer::getSourceText(R, SM, Ctx.getLangOpts()).str();
  };
  std::vector<std::pair<SourceLocation, std::string>> Notes;
  for (const PathStep &Step : Path) {
    if (Step.Exceptional) {
      if (Step.At && SM.isBeforeInTranslationUnit(StartLoc, Step.At->getBeginLoc()))
        Notes.push_back({Step.At->getBeginLoc(),
                         "assuming an exception is thrown here"});
      continue;
    }
    const CFGBlock *B = Step.Block;
    unsigned Reachable = 0;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs())
      Reachable += Succ.getReachableBlock() != nullptr;
    const Stmt *T = B->getTerminatorStmt();
    if (Reachable < 2 || !T)
      continue;
    bool True = Step.SuccIndex == 0;
    std::string Text;
    SourceLocation Loc;
    if (isa<CXXForRangeStmt>(T)) {
      Loc = T->getBeginLoc();
      Text = True ? "entering the loop" : "leaving the loop";
    } else if (isa<SwitchStmt>(T)) {
      const CFGBlock *Target = (B->succ_begin() + Step.SuccIndex)->getReachableBlock();
      const Stmt *Label = Target ? Target->getLabel() : nullptr;
      if (!Label)
        continue;
      Loc = Label->getBeginLoc();
      Text = isa<DefaultStmt>(Label) ? "taking the default case"
                                     : "taking this case";
    } else if (const auto *Cond = dyn_cast_or_null<Expr>(B->getTerminatorCondition())) {
      Loc = Cond->getBeginLoc();
      std::string CondText = sourceText(Cond);
      if (CondText.empty() || CondText.size() > 40 ||
          CondText.find('\n') != std::string::npos)
        Text = std::string("assuming the condition is ") + (True ? "true" : "false");
      else
        Text = "assuming '" + CondText + "' is " + (True ? "true" : "false");
    } else {
      continue;
    }
    // Decisions after the start, and the ones that led into it (the
    // branch or loop whose body starts the thread).
    SourceRange TR = T->getSourceRange();
    bool LeadsToStart = TR.isValid() && SM.isBeforeInTranslationUnit(TR.getBegin(), StartLoc) &&
                        SM.isBeforeInTranslationUnit(StartLoc, TR.getEnd());
    if (Loc.isInvalid() ||
        (!SM.isBeforeInTranslationUnit(StartLoc, Loc) && !LeadsToStart))
      continue;
    if (!Notes.empty() && Notes.back().first == Loc && Notes.back().second == Text)
      continue;
    Notes.push_back({Loc, std::move(Text)});
  }
  // Long loops repeat themselves: the last decisions are the useful ones.
  if (Notes.size() > 6)
    Notes.erase(Notes.begin(), Notes.end() - 6);
  return Notes;
}

class ThreadPathClient : public CFGPathClient {
public:
  ThreadPathClient(LocalThreadAnalysis &Analysis, const CFG &Graph,
                   const Stmt *Body,
                   llvm::SmallVectorImpl<LocalThreadFinding> &Findings)
      : Analysis(Analysis), PM(const_cast<Stmt *>(Body)), Findings(Findings) {
    collect(Graph, Body);
  }

  bool empty() const { return Vars.empty(); }
  PathState initial() const { return PathState(2 * Vars.size() + NumKeys, 0); }

  void visitElement(const CFGBlock &B, const CFGElement &E, PathState &S,
                    llvm::function_ref<PathSteps()> Path,
                    llvm::SmallVectorImpl<PathFork> &Forks) override;
  bool takeEdge(const CFGBlock &B, unsigned SuccIndex, PathState &S) override;

private:
  struct Var {
    const VarDecl *VD;
    const DeclStmt *Decl;
    ThreadKind Kind;
    bool Container; // a container of threads rather than a thread
  };

  void collectElements(const Stmt *Body);
  // The container whose element \p E is (`v[i]`, a loop variable over `v`,
  // an iterator into it), or -1.
  int containerOf(const Expr *E) const {
    const ValueDecl *D = rootDecl(E);
    auto It = D ? ElementOf.find(D) : ElementOf.end();
    return It == ElementOf.end() ? -1 : static_cast<int>(It->second);
  }

  void collect(const CFG &Graph, const Stmt *Body);
  int varIndex(const Expr *E) const {
    const auto *DRE = dyn_cast_or_null<DeclRefExpr>(strip(E));
    if (!DRE)
      return -1;
    auto It = VarIndex.find(DRE->getDecl());
    return It == VarIndex.end() ? -1 : static_cast<int>(It->second);
  }
  int keyIndex(const Expr *E) const;
  // Forgets what the path assumed about conditions that read \p Written.
  void forget(const Expr *Written, PathState &S) const;
  uint8_t &state(PathState &S, unsigned I) const { return S[I]; }
  uint8_t &start(PathState &S, unsigned I) const { return S[Vars.size() + I]; }
  uint8_t &assumption(PathState &S, unsigned K) const {
    return S[2 * Vars.size() + K];
  }
  const uint8_t &assumption(const PathState &S, unsigned K) const {
    return S[2 * Vars.size() + K];
  }
  uint8_t startIndex(const Expr *E, unsigned I) {
    if (Starts.size() >= 255)
      return 0;
    Starts.push_back({E, Vars[I].VD});
    return static_cast<uint8_t>(Starts.size() - 1);
  }

  void assignFrom(unsigned I, const Expr *Init, PathState &S);
  void initContainer(unsigned I, const Expr *Init, PathState &S);
  void useOf(const DeclRefExpr *DRE, unsigned I, PathState &S);
  bool consumedByTrackedTarget(const Expr *MoveExpr) const;
  const CXXTryStmt *enclosingTry(const Stmt *S) const;
  bool declaredInside(const Var &V, const Stmt *Scope) const;
  // Ends the scope of every local an exception thrown at At destroys.
  // Returns the try statement whose handlers catch it, or null.
  const CXXTryStmt *unwind(const Stmt *At, const FunctionDecl *Thrower,
                           PathState &S, llvm::function_ref<PathSteps()> Path);
  void report(LocalThreadFinding::Kind K, unsigned I, SourceLocation Loc,
              const PathState &S, llvm::function_ref<PathSteps()> Path,
              const FunctionDecl *Thrower = nullptr);
  const Stmt *parentSkippingWrappers(const Stmt *S) const;
  // The truth value of a constant (`true`, `0`, `nullptr`), else Unknown.
  uint8_t constantTruth(const Expr *E) const {
    bool Value = false;
    if (!E || E->isValueDependent() ||
        !E->EvaluateAsBooleanCondition(Value, Analysis.context()))
      return Unknown;
    return Value ? AssumedTrue : AssumedFalse;
  }

  LocalThreadAnalysis &Analysis;
  ParentMap PM;
  llvm::SmallVectorImpl<LocalThreadFinding> &Findings;
  std::vector<Var> Vars;
  llvm::DenseMap<const ValueDecl *, unsigned> VarIndex;
  // Containers: names bound to their elements, and the statements where a
  // loop (or std::for_each) that joins every element begins.
  llvm::DenseMap<const Decl *, unsigned> ElementOf;
  llvm::DenseMap<const Stmt *, unsigned> DrainAt;
  llvm::DenseMap<const ValueDecl *, unsigned> Keys; // simple keys: a variable
  llvm::DenseMap<unsigned, unsigned> ProfileKeys;   // other conditions
  llvm::DenseMap<const Expr *, unsigned> CondKeys;
  llvm::DenseMap<const Decl *, llvm::SmallVector<unsigned, 2>> KeysReading;
  unsigned NumKeys = 0;
  llvm::DenseMap<const CXXTryStmt *, const CFGBlock *> Dispatch;
  std::vector<std::pair<const Expr *, const VarDecl *>> Starts{{nullptr, nullptr}};
  llvm::SmallPtrSet<const VarDecl *, 4> Reported;
};

void ThreadPathClient::collect(const CFG &Graph, const Stmt *Body) {
  forEachStmt(Body, [&](const Stmt *S) {
    const auto *DS = dyn_cast<DeclStmt>(S);
    if (!DS)
      return;
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || !VD->hasLocalStorage() || VD->getType()->isReferenceType())
        continue;
      ThreadKind K = threadKind(VD->getType());
      bool Container = false;
      if (K == ThreadKind::None) {
        K = containerElementKind(VD->getType());
        Container = true;
      }
      if (K == ThreadKind::None)
        continue;
      VarIndex[VD] = Vars.size();
      Vars.push_back({VD, DS, K, Container});
    }
  }, /*IntoLambdas=*/false);
  if (Vars.empty())
    return;
  collectElements(Body);
  for (const CFGBlock *B : Graph) {
    if (const auto *Try = dyn_cast_or_null<CXXTryStmt>(B->getTerminatorStmt()))
      Dispatch[Try] = B;
    // The conditions of if, ?:, && and || become keys whose value a path
    // remembers, so that `if (c) start; ...; if (c) join;` is not read as
    // a path that starts and does not join. Loop conditions are not keys:
    // their value changes from one iteration to the next.
    const Stmt *T = B->getTerminatorStmt();
    if (!T || B->succ_size() != 2 || isa<WhileStmt, ForStmt, DoStmt>(T))
      continue;
    const auto *Cond = dyn_cast_or_null<Expr>(B->getTerminatorCondition());
    while (Cond) {
      Cond = Cond->IgnoreParenImpCasts();
      const auto *UO = dyn_cast<UnaryOperator>(Cond);
      if (!UO || UO->getOpcode() != UO_LNot)
        break;
      Cond = UO->getSubExpr();
    }
    const ValueDecl *Key = nullptr;
    if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(Cond))
      Key = dyn_cast<VarDecl>(DRE->getDecl());
    else if (const auto *ME = dyn_cast_or_null<MemberExpr>(Cond))
      if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
        Key = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (NumKeys >= 64 || !Cond)
      continue;
    if (Key) {
      if (!VarIndex.count(Key) && Keys.try_emplace(Key, NumKeys).second)
        ++NumKeys;
      continue;
    }
    // Any other condition without side effects (`n > 0`, `opts.async`,
    // `cfg.enabled()`) is a key too, by its structure: the same test twice
    // is assumed to give the same answer until something it reads changes.
    // Wrong guesses can only hide paths, never invent them.
    if (Cond->HasSideEffects(Analysis.context(), /*IncludePossibleEffects=*/false))
      continue;
    llvm::SmallVector<const Decl *, 4> Reads;
    bool ReadsThread = false;
    forEachStmt(Cond, [&](const Stmt *X) {
      const Decl *D = nullptr;
      if (const auto *DRE = dyn_cast<DeclRefExpr>(X))
        D = DRE->getDecl();
      else if (const auto *ME = dyn_cast<MemberExpr>(X))
        D = ME->getMemberDecl();
      if (!D)
        return;
      ReadsThread |= VarIndex.count(cast<ValueDecl>(D)) != 0;
      Reads.push_back(D);
    });
    if (ReadsThread)
      continue;
    llvm::FoldingSetNodeID ID;
    Cond->Profile(ID, Analysis.context(), /*Canonical=*/true);
    auto [It, New] = ProfileKeys.try_emplace(ID.ComputeHash(), NumKeys);
    if (New) {
      ++NumKeys;
      for (const Decl *D : Reads)
        KeysReading[D].push_back(It->second);
    }
    CondKeys[Cond] = It->second;
  }
}

void ThreadPathClient::forget(const Expr *Written, PathState &S) const {
  int K = keyIndex(Written);
  if (K >= 0)
    assumption(S, K) = Unknown;
  const ValueDecl *D = rootDecl(Written);
  auto It = D ? KeysReading.find(D) : KeysReading.end();
  if (It != KeysReading.end())
    for (unsigned Key : It->second)
      assumption(S, Key) = Unknown;
}

void ThreadPathClient::collectElements(const Stmt *Body) {
  for (unsigned I = 0; I < Vars.size(); ++I)
    if (Vars[I].Container)
      ElementOf[Vars[I].VD] = I;
  if (ElementOf.empty())
    return;

  // First the names bound to elements (loop variables, iterators,
  // references), then the loops that drain the containers through them.
  forEachStmt(Body, [&](const Stmt *S) {
    if (const auto *For = dyn_cast<CXXForRangeStmt>(S)) {
      int C = containerOf(For->getRangeInit());
      if (C < 0)
        return;
      const VarDecl *LV = For->getLoopVariable();
      ElementOf[LV] = C;
      if (const auto *DD = dyn_cast<DecompositionDecl>(LV))
        for (const BindingDecl *BD : DD->bindings())
          ElementOf[BD] = C;
    } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D);
            VD && VD->getInit() && !VarIndex.count(VD)) {
          int C = containerOf(VD->getInit());
          if (C >= 0)
            ElementOf[VD] = C;
        }
    }
  }, /*IntoLambdas=*/false);
  // A loop that joins elements drains the container however many elements
  // it has: judge it where the loop begins (its range, its init, its
  // condition), not per iteration.
  forEachStmt(Body, [&](const Stmt *S) {
    const Stmt *LoopBody = nullptr, *Entry = nullptr;
    if (const auto *For = dyn_cast<CXXForRangeStmt>(S)) {
      LoopBody = For->getBody();
      Entry = For->getRangeStmt();
    } else if (const auto *For = dyn_cast<ForStmt>(S)) {
      LoopBody = For->getBody();
      Entry = For->getInit() ? For->getInit() : For->getCond();
    } else if (const auto *While = dyn_cast<WhileStmt>(S)) {
      LoopBody = While->getBody();
      Entry = While->getCond();
    } else if (const auto *CE = dyn_cast<CallExpr>(S);
               CE && !isa<CXXMemberCallExpr, CXXOperatorCallExpr>(CE)) {
      // std::for_each(v.begin(), v.end(), <something that joins>)
      int C = -1;
      bool Joins = false;
      for (const Expr *Arg : CE->arguments()) {
        if (C < 0)
          C = containerOf(Arg);
        Joins |= containsJoinOrDetach(Arg);
      }
      if (C >= 0 && Joins)
        DrainAt[CE] = C;
      return;
    }
    if (!LoopBody || !Entry)
      return;
    forEachStmt(LoopBody, [&](const Stmt *X) {
      const auto *MCE = dyn_cast<CXXMemberCallExpr>(X);
      if (!MCE || !isJoinOrDetach(MCE->getMethodDecl()))
        return;
      int C = containerOf(MCE->getImplicitObjectArgument());
      if (C >= 0 && !DrainAt.count(Entry))
        DrainAt[Entry] = C;
    });
  }, /*IntoLambdas=*/false);
}

int ThreadPathClient::keyIndex(const Expr *E) const {
  if (!E)
    return -1;
  E = E->IgnoreParenImpCasts();
  const ValueDecl *D = nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    D = DRE->getDecl();
  else if (const auto *ME = dyn_cast<MemberExpr>(E))
    D = ME->getMemberDecl();
  auto It = D ? Keys.find(D) : Keys.end();
  return It == Keys.end() ? -1 : static_cast<int>(It->second);
}

const Stmt *ThreadPathClient::parentSkippingWrappers(const Stmt *S) const {
  const Stmt *P = PM.getParent(S);
  while (P && (isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr,
                   CXXBindTemporaryExpr, ExprWithCleanups>(P)))
    P = PM.getParent(P);
  return P;
}

bool ThreadPathClient::consumedByTrackedTarget(const Expr *MoveExpr) const {
  const Stmt *P = parentSkippingWrappers(MoveExpr);
  // `std::thread t2(std::move(t))` or `= std::move(t)` in a declaration.
  if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(P))
    P = parentSkippingWrappers(CE);
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(P))
    return DS->isSingleDecl() && VarIndex.count(
                                     dyn_cast<ValueDecl>(DS->getSingleDecl()));
  if (const auto *OCE = dyn_cast_or_null<CXXOperatorCallExpr>(P))
    return OCE->getOperator() == OO_Equal && OCE->getNumArgs() == 2 &&
           varIndex(OCE->getArg(0)) >= 0;
  return false;
}

void ThreadPathClient::assignFrom(unsigned I, const Expr *Init, PathState &S) {
  const Expr *E = strip(Init);
  if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(E)) {
    if (CE->getNumArgs() == 0 || isa<CXXDefaultArgExpr>(CE->getArg(0))) {
      state(S, I) = NotJoinable;
      return;
    }
    if (startsThread(CE)) {
      state(S, I) = Joinable;
      start(S, I) = startIndex(CE, I);
      return;
    }
    E = strip(CE->getArg(0)); // a move or copy-elided temporary
    if (const auto *Inner = dyn_cast<CXXConstructExpr>(E))
      return assignFrom(I, Inner, S);
  }
  if (!E) {
    state(S, I) = NotJoinable;
    return;
  }
  if (const Expr *From = movedOperand(E)) {
    int W = varIndex(From);
    if (W >= 0) {
      uint8_t Other = state(S, W);
      state(S, I) = Other == Out ? NotJoinable : Other;
      start(S, I) = start(S, W);
      if (Other == Joinable)
        state(S, W) = NotJoinable;
      return;
    }
  }
  // A thread returned by a call or moved from something we do not track:
  // treat it as running; `if (t.joinable()) t.join();` handles the rest.
  state(S, I) = Joinable;
  start(S, I) = startIndex(E, I);
}

void ThreadPathClient::initContainer(unsigned I, const Expr *Init, PathState &S) {
  state(S, I) = NotJoinable;
  const Expr *E = strip(Init);
  if (const auto *ILE = dyn_cast_or_null<InitListExpr>(E)) {
    for (const Expr *Elt : ILE->inits())
      if (const auto *CE = dyn_cast<CXXConstructExpr>(strip(Elt));
          CE && startsThread(CE)) {
        state(S, I) = Joinable;
        start(S, I) = startIndex(Elt, I);
        return;
      }
  } else if (isa_and_nonnull<CallExpr>(E)) {
    state(S, I) = Joinable; // `auto threads = spawn(n);`
    start(S, I) = startIndex(E, I);
  }
}

void ThreadPathClient::useOf(const DeclRefExpr *DRE, unsigned I, PathState &S) {
  if (state(S, I) == Out || state(S, I) == Gone)
    return;
  const Stmt *P = parentSkippingWrappers(DRE);
  if (Vars[I].Container) {
    // Member calls, subscripts, range-for and iterators: the element
    // transitions do the work. Anything else hands the container away,
    // except a read through a const reference.
    if (isa_and_nonnull<MemberExpr, ArraySubscriptExpr, DeclStmt>(P))
      return;
    if (const auto *OCE = dyn_cast_or_null<CXXOperatorCallExpr>(P))
      if (OCE->getNumArgs() > 0 && strip(OCE->getArg(0)) == DRE)
        return;
    if (const auto *CE = dyn_cast_or_null<CallExpr>(P)) {
      const FunctionDecl *FD = CE->getDirectCallee();
      for (unsigned A = 0; A < CE->getNumArgs() && FD; ++A)
        if (strip(CE->getArg(A)) == DRE && A < FD->getNumParams()) {
          QualType T = FD->getParamDecl(A)->getType();
          if (T->isReferenceType() && T.getNonReferenceType().isConstQualified())
            return;
        }
    }
    state(S, I) = Gone;
    return;
  }
  // `t.join()` and friends: the call element does the transition.
  if (isa_and_nonnull<MemberExpr>(P))
    return;
  if (const auto *OCE = dyn_cast_or_null<CXXOperatorCallExpr>(P))
    if (OCE->getOperator() == OO_Equal && strip(OCE->getArg(0)) == DRE)
      return;
  if (const auto *CE = dyn_cast_or_null<CallExpr>(P)) {
    if (movedOperand(CE) == DRE) {
      if (!consumedByTrackedTarget(CE))
        state(S, I) = Gone; // moved to a callee, a member, a container, ...
      return;
    }
    // Passed by const reference: the callee can neither join nor take it.
    for (unsigned A = 0; A < CE->getNumArgs(); ++A) {
      if (strip(CE->getArg(A)) != DRE)
        continue;
      const FunctionDecl *FD = CE->getDirectCallee();
      unsigned Param = A;
      if (isa<CXXOperatorCallExpr>(CE) && isa_and_nonnull<CXXMethodDecl>(FD)) {
        if (A == 0)
          continue;
        Param = A - 1;
      }
      if (FD && Param < FD->getNumParams()) {
        QualType T = FD->getParamDecl(Param)->getType();
        if (T->isReferenceType() && T.getNonReferenceType().isConstQualified())
          return;
      }
    }
  }
  if (const auto *SC = dyn_cast_or_null<CXXStaticCastExpr>(P))
    if (movedOperand(SC) == DRE) {
      if (!consumedByTrackedTarget(SC))
        state(S, I) = Gone;
      return;
    }
  // Returned, passed by reference or pointer, bound to a reference: from
  // here on somebody else may join it.
  state(S, I) = Gone;
}

const CXXTryStmt *ThreadPathClient::enclosingTry(const Stmt *S) const {
  const Stmt *Prev = S;
  for (const Stmt *P = PM.getParent(S); P; Prev = P, P = PM.getParent(P))
    if (const auto *Try = dyn_cast<CXXTryStmt>(P))
      if (Prev == Try->getTryBlock() && Dispatch.count(Try))
        return Try;
  return nullptr;
}

bool ThreadPathClient::declaredInside(const Var &V, const Stmt *Scope) const {
  for (const Stmt *P = V.Decl; P; P = PM.getParent(P))
    if (P == Scope)
      return true;
  return false;
}

const CXXTryStmt *
ThreadPathClient::unwind(const Stmt *At, const FunctionDecl *Thrower,
                         PathState &S, llvm::function_ref<PathSteps()> Path) {
  const CXXTryStmt *Try = enclosingTry(At);
  for (unsigned I = 0; I < Vars.size(); ++I) {
    if (state(S, I) == Out || (Try && !declaredInside(Vars[I], Try->getTryBlock())))
      continue;
    if (state(S, I) == Joinable)
      report(LocalThreadFinding::Exception, I, At->getBeginLoc(), S, Path, Thrower);
    state(S, I) = Out;
  }
  return Try;
}

void ThreadPathClient::report(LocalThreadFinding::Kind K, unsigned I,
                              SourceLocation Loc, const PathState &S,
                              llvm::function_ref<PathSteps()> Path,
                              const FunctionDecl *Thrower) {
  if (!Reported.insert(Vars[I].VD).second)
    return;
  LocalThreadFinding F;
  F.K = K;
  F.Var = Vars[I].VD;
  F.Thread = Vars[I].Kind;
  F.Container = Vars[I].Container;
  F.Loc = Loc;
  F.Thrower = Thrower;
  std::tie(F.Start, F.StartedAs) = Starts[S[Vars.size() + I]];
  SourceLocation StartLoc = F.Start ? F.Start->getExprLoc() : F.Var->getLocation();
  F.PathNotes = pathNotes(Path(), StartLoc, Analysis.context());
  Findings.push_back(std::move(F));
}

SourceLocation scopeEndLoc(const Stmt *Trigger) {
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(Trigger))
    return CS->getRBracLoc();
  if (isa_and_nonnull<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt>(Trigger))
    return Trigger->getBeginLoc();
  return Trigger ? Trigger->getEndLoc() : SourceLocation();
}

void ThreadPathClient::visitElement(const CFGBlock &, const CFGElement &E,
                                    PathState &S,
                                    llvm::function_ref<PathSteps()> Path,
                                    llvm::SmallVectorImpl<PathFork> &Forks) {
  if (auto Dtor = E.getAs<CFGAutomaticObjDtor>()) {
    auto It = VarIndex.find(Dtor->getVarDecl());
    if (It == VarIndex.end())
      return;
    if (state(S, It->second) == Joinable)
      report(LocalThreadFinding::ScopeEnd, It->second,
             scopeEndLoc(Dtor->getTriggerStmt()), S, Path);
    state(S, It->second) = Out;
    return;
  }
  auto CS = E.getAs<CFGStmt>();
  if (!CS)
    return;
  const Stmt *St = CS->getStmt();
  if (auto Drain = DrainAt.find(St); Drain != DrainAt.end())
    if (state(S, Drain->second) == Joinable)
      state(S, Drain->second) = NotJoinable;

  if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    if (DS->isSingleDecl())
      if (const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl())) {
        auto It = VarIndex.find(VD);
        if (It != VarIndex.end()) {
          if (Vars[It->second].Container)
            initContainer(It->second, VD->getInit(), S);
          else
            assignFrom(It->second, VD->getInit(), S);
        }
        // `bool joined = false;`: a flag the path now knows.
        auto Key = Keys.find(VD);
        if (Key != Keys.end())
          assumption(S, Key->second) = constantTruth(VD->getInit());
      }
    return;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(St)) {
    int I = varIndex(DRE);
    if (I >= 0)
      useOf(DRE, I, S);
    return;
  }
  if (const auto *LE = dyn_cast<LambdaExpr>(St)) {
    // Captured by reference: the lambda may join, detach or move it.
    for (const LambdaCapture &C : LE->captures())
      if (C.capturesVariable() && C.getCaptureKind() == LCK_ByRef) {
        auto It = VarIndex.find(C.getCapturedVar());
        if (It != VarIndex.end() && state(S, It->second) != Out)
          state(S, It->second) = Gone;
      }
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(St)) {
    if (BO->isAssignmentOp()) {
      forget(BO->getLHS(), S);
      int K = keyIndex(BO->getLHS());
      if (K >= 0 && BO->getOpcode() == BO_Assign)
        assumption(S, K) = constantTruth(BO->getRHS());
    }
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(St)) {
    if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
      forget(UO->getSubExpr(), S);
    return;
  }
  if (isa<CXXThrowExpr>(St)) {
    // The CFG already sends the block to the handlers or the exit; here the
    // locals the exception destroys end their scope.
    unwind(St, nullptr, S, Path);
    return;
  }

  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(St)) {
    // `q.push(x)` changes what `q.empty()` answers.
    if (const CXXMethodDecl *MD = MCE->getMethodDecl(); MD && !MD->isConst())
      forget(MCE->getImplicitObjectArgument(), S);
    int I = varIndex(MCE->getImplicitObjectArgument());
    if (I >= 0 && Vars[I].Container) {
      // `v.emplace_back(f)`: the container now holds a running thread.
      const CXXMethodDecl *MD = MCE->getMethodDecl();
      if (MD && MD->getIdentifier() && isAdderName(MD->getName()) &&
          state(S, I) != Out && state(S, I) != Gone) {
        if (state(S, I) != Joinable)
          start(S, I) = startIndex(MCE, I);
        state(S, I) = Joinable;
      }
      I = -1;
    } else if (int C = containerOf(MCE->getImplicitObjectArgument());
               C >= 0 && isJoinOrDetach(MCE->getMethodDecl()) &&
               state(S, C) == Joinable) {
      // Joining one element of a drain loop counts as draining (optimistic).
      state(S, C) = NotJoinable;
    }
    if (I >= 0 && state(S, I) != Out && state(S, I) != Gone) {
      const CXXMethodDecl *MD = MCE->getMethodDecl();
      if (isJoinOrDetach(MD))
        state(S, I) = NotJoinable;
      else if (!isObserver(MD))
        state(S, I) = Gone; // swap() and the like
    }
  } else if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(St)) {
    if (OCE->getOperator() == OO_Equal && OCE->getNumArgs() == 2) {
      int I = varIndex(OCE->getArg(0));
      if (I >= 0 && Vars[I].Container) {
        state(S, I) = Gone; // the whole container replaced: not followed
        I = -1;
      }
      // `v[i] = std::thread(f)`, `for (auto &t : v) t = std::thread(f)`.
      int C = I < 0 ? containerOf(OCE->getArg(0)) : -1;
      if (C >= 0 && threadKind(OCE->getArg(0)->getType()) != ThreadKind::None &&
          state(S, C) != Out && state(S, C) != Gone) {
        const auto *RHS = dyn_cast<CXXConstructExpr>(strip(OCE->getArg(1)));
        if (!RHS || RHS->getNumArgs() > 0) {
          if (state(S, C) != Joinable)
            start(S, C) = startIndex(OCE, C);
          state(S, C) = Joinable;
        }
      }
      if (I >= 0) {
        if (state(S, I) == Joinable)
          report(LocalThreadFinding::Overwrite, I, OCE->getOperatorLoc(), S, Path);
        assignFrom(I, OCE->getArg(1), S);
      }
    }
  }

  // A call into a function of this TU that throws out of itself: the
  // exception path is a path too.
  const FunctionDecl *Callee = nullptr;
  if (const auto *CE = dyn_cast<CallExpr>(St))
    Callee = CE->getDirectCallee();
  else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(St))
    Callee = Ctor->getConstructor();
  if (!Callee)
    return;
  bool AnyJoinable = false;
  for (unsigned I = 0; I < Vars.size(); ++I)
    AnyJoinable |= state(S, I) == Joinable;
  if (!AnyJoinable || !Analysis.mayThrowOut(Callee))
    return;
  PathState Thrown = S;
  if (const CXXTryStmt *Try = unwind(St, Callee, Thrown, Path))
    Forks.push_back({Dispatch.lookup(Try), std::move(Thrown), St});
}

bool ThreadPathClient::takeEdge(const CFGBlock &B, unsigned SuccIndex,
                                PathState &S) {
  if (B.succ_size() != 2)
    return true;
  const Stmt *T = B.getTerminatorStmt();
  const auto *Cond = dyn_cast_or_null<Expr>(B.getTerminatorCondition());
  if (!T || !Cond)
    return true;
  bool Want = SuccIndex == 0;
  while (true) {
    Cond = Cond->IgnoreParenImpCasts();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(Cond)) {
      Cond = EWC->getSubExpr();
      continue;
    }
    const auto *UO = dyn_cast<UnaryOperator>(Cond);
    if (!UO || UO->getOpcode() != UO_LNot)
      break;
    Want = !Want;
    Cond = UO->getSubExpr();
  }
  // `t.joinable()` on a thread whose state the path knows.
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(Cond)) {
    const CXXMethodDecl *MD = MCE->getMethodDecl();
    int I = varIndex(MCE->getImplicitObjectArgument());
    if (I >= 0 && MD && MD->getIdentifier() && MD->getName() == "joinable") {
      uint8_t St = state(S, I);
      if (St == Gone)
        return true;
      return (St == Joinable) == Want;
    }
    return true;
  }
  if (isa<WhileStmt, ForStmt, DoStmt>(T))
    return true;
  int K = keyIndex(Cond);
  if (K < 0) {
    auto It = CondKeys.find(Cond);
    if (It == CondKeys.end())
      return true;
    K = It->second;
  }
  uint8_t &A = assumption(S, K);
  if (A != Unknown)
    return (A == AssumedTrue) == Want;
  A = Want ? AssumedTrue : AssumedFalse;
  return true;
}

} // namespace

bool LocalThreadAnalysis::mayThrowOut(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def)
    return false;
  // Library functions are assumed not to throw (see the docs: keeping
  // false alarms down matters more than the rare library throw).
  if (Ctx.getSourceManager().isInSystemHeader(Def->getLocation()))
    return false;
  // A noexcept function terminates instead of throwing out.
  if (const auto *FPT = Def->getType()->getAs<FunctionProtoType>())
    if (FPT->isNothrow())
      return false;
  auto [It, Inserted] = ThrowCache.try_emplace(Def, false);
  if (!Inserted)
    return It->second;
  bool Throws = false;
  // A throw inside a try block of the callee may be caught there: only
  // throws outside every try block count.
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Throws)
      return;
    if (isa<CXXThrowExpr>(S)) {
      Throws = true;
      return;
    }
    if (isa<LambdaExpr>(S))
      return;
    if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
      for (unsigned H = 0; H < Try->getNumHandlers(); ++H)
        Walk(Try->getHandler(H));
      return;
    }
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(Def->getBody());
  ThrowCache[Def] = Throws;
  return Throws;
}

bool LocalThreadAnalysis::analyze(
    const FunctionDecl *FD, llvm::SmallVectorImpl<LocalThreadFinding> &Findings) {
  Stmt *Body = FD ? FD->getBody() : nullptr;
  if (!Body || FD->isDependentContext())
    return true;
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddTemporaryDtors = false;
  Options.PruneTriviallyFalseEdges = true;
  // Every sub-expression becomes an element: uses of a thread (`t` in
  // `return t;`, `std::move(t)`) are transitions.
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph = CFG::buildCFG(FD, Body, &Ctx, Options);
  if (!Graph)
    return true;
  ThreadPathClient Client(*this, *Graph, Body, Findings);
  if (Client.empty())
    return true;
  CFGPathWalker Walker(*Graph);
  return Walker.run(Client, Client.initial());
}

} // namespace clang::tidy::leaklint
