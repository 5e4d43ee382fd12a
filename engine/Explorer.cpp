//===--- Explorer.cpp - the worklist over blocks and states --------------===//
//
// Depth-first over (block, state) pairs, each pair once; a budget of block
// visits per function, and widening at blocks reached again and again.
//
//===----------------------------------------------------------------------===//

#include "AstHelpers.h"
#include "FunctionAnalysis.h"
#include "FunctionFacts.h"
#include "clang/AST/StmtCXX.h"
#include <set>
#include <unordered_set>

namespace clang::tidy::leaklint::ownership::detail {

bool FunctionAnalysis::prepare() {
  const Stmt *Body = FD->getBody();
  if (!Body)
    return false;
  if (!buildBodyCFG(FD, Ctx, /*ImplicitDtors=*/true, Cfg, PM, InitRoots))
    return false;
  Sum.Params.assign(FD->getNumParams(), ParamEffect::Read);
  Sum.PointeeEscapes.assign(FD->getNumParams(), false);
  TryDispatch = tryDispatchBlocks(*Cfg);
  AtomCount = conditionAtoms(*Cfg);
  TestedFields = conditionFields(*Cfg);
  Queries = repeatedQueries(*Cfg, Ctx);
  FnPtrTargets = singleTargetFunctionPointers(Body);
  Counters = countingVariables(Body);
  Loops = loopCounters(Body);
  Written = writtenVariables(Body);
  // A counter the loop counts up, tested in the loop, is asked on every
  // turn: what the turns learn of it is kept, as for a variable tested
  // twice.
  for (const auto &[Loop, LC] : Loops)
    for (const GrowingCounter &C : LC.Growing)
      if (auto It = AtomCount.find(C.Var); It != AtomCount.end())
        It->second = std::max(It->second, 2u);
  Live.emplace(*Cfg, FD);
  OpenLoops.resize(Cfg->getNumBlockIDs());
  LoopBodies = loopBodies(*Cfg);
  InteriorPointers = interiorPointers(Body);
  CopiedPointers = copiedPointers(Body);
  Counted = countedLoops(Body);
  prepareKeeps();
  prepareFlags();
  if (Ctx.getLangOpts().CPlusPlus) {
    findDrains(Body);
    AssertionThrows = assertionThrows(Body, SM);
  }
  return true;
}

bool FunctionAnalysis::run() {
  if (!prepare())
    return false;
  // The memo table: the states each block was entered with, by their
  // 64-bit hash alone. Keeping the states themselves cost a copy of each
  // per step and most of the analysis's memory; two different states of
  // one block share a hash with odds below 1 in 10^10 at the budget.
  std::vector<std::unordered_set<size_t>> Visited(Cfg->getNumBlockIDs());
  std::vector<WorkItem> Work;
  State Entry;
  // A summary for a call: the arguments the caller knows.
  if (Known)
    for (unsigned I = 0; I < Known->size() && I < FD->getNumParams(); ++I)
      if ((*Known)[I])
        Entry.Ints[FD->getParamDecl(I)] = *(*Known)[I];
  Work.push_back({&Cfg->getEntry(), std::move(Entry), nullptr});
  Steps = 0;
  unsigned Max = Eng.options().MaxSteps;
  const CFGBlock *Exit = &Cfg->getExit();
  // Widening: a block reached again and again (a loop whose counter or
  // line number is known on every turn: `lineno++` next to `if (lineno ==
  // 1)`) forgets what it knows of the variables that count, so that the
  // states of its turns meet instead of unrolling the loop until the budget
  // runs out. Flags set to constants are kept: they take few values, and a
  // flag that stops a second allocation must survive the turns. Only a
  // path that comes round the loop again forgets: one that enters it keeps
  // its `c = 0`. A block still reached after that forgets everything.
  constexpr unsigned WidenAfter = 32;
  // A loop whose condition the path could not decide (`i < n`, n unknown)
  // ends on no particular turn: unrolling it further decides nothing, and
  // each turn costs its body. It forgets its counters after a few turns, as
  // the Static Analyzer unrolls a loop 4 times.
  constexpr unsigned WidenOpenLoopAfter = 8;
  // Forgetting everything: on a loop's back edge after 4 * WidenAfter
  // visits; elsewhere (a block reached from many paths, a loop made with
  // goto, which has no back-edge block) only after 32 * WidenAfter, so that
  // a path entering a loop keeps its state.
  constexpr unsigned ForgetAllOnBackEdge = 4 * WidenAfter;
  constexpr unsigned ForgetAllElsewhere = 32 * WidenAfter;
  std::vector<unsigned> BlockVisits(Cfg->getNumBlockIDs(), 0);
  while (!Work.empty()) {
    WorkItem It = std::move(Work.back());
    Work.pop_back();
    unsigned Visits = ++BlockVisits[It.B->getBlockID()];
    if (Visits > (It.ViaBackEdge ? ForgetAllOnBackEdge : ForgetAllElsewhere))
      forgetCounters(It.S, It.ViaBackEdge, /*All=*/true);
    else if (It.ViaBackEdge &&
             Visits > (OpenLoops.test(It.B->getBlockID()) ? WidenOpenLoopAfter
                                                          : WidenAfter))
      forgetCounters(It.S, It.ViaBackEdge); // one entering it keeps `c = 0`
    forgetDead(It.B, It.S);
    leaveLoops(It.B, It.S);
    if (SummaryMode)
      forgetUnchangedPointees(It.S);
    if (!Visited[It.B->getBlockID()].insert(It.S.hash()).second)
      continue;
    if (++Steps > Max)
      return false;
    if (!walkBlock(It, Work) || It.B == Exit)
      continue;
    State &S = It.S;
    HistPtr &H = It.H;
    const Stmt *Term = It.B->getTerminatorStmt();
    llvm::SmallVector<const CFGBlock *, 2> Succs;
    for (const CFGBlock::AdjacentBlock &AB : It.B->succs())
      if (const CFGBlock *Succ = AB.getReachableBlock())
        Succs.push_back(Succ);
    if (Succs.size() == 1 && Succs[0] == Exit && !It.B->hasNoReturnElement() &&
        !isa_and_nonnull<CXXThrowExpr>(Term)) {
      // The return the block ends with (the ends of its locals' lifetimes
      // come after it).
      const ReturnStmt *Ret = nullptr;
      for (auto El = It.B->rbegin(); El != It.B->rend(); ++El)
        if (std::optional<CFGStmt> St = El->getAs<CFGStmt>()) {
          Ret = dyn_cast<ReturnStmt>(St->getStmt());
          break;
        }
      endParameters(S, H, Ret);
    }
    if (It.B->hasNoReturnElement())
      continue;
    const Expr *Cond = dyn_cast_or_null<Expr>(It.B->getTerminatorCondition());
    // The block that ends the if/while on `a && b` (or `||`) is reached
    // from both operands: where the left one already decided the branch (it
    // short-circuits in this state), it decides it again; otherwise the
    // right operand, evaluated last, decides it alone.
    if (Cond && !isa_and_nonnull<BinaryOperator>(Term))
      while (const auto *BO = dyn_cast<BinaryOperator>(Cond->IgnoreParens())) {
        if (!BO->isLogicalOp())
          break;
        Tri L = evalCond(BO->getLHS(), S);
        bool ShortCircuits = BO->getOpcode() == BO_LAnd ? L == Tri::False
                                                        : L == Tri::True;
        Cond = ShortCircuits ? BO->getLHS() : BO->getRHS();
      }
    if (const auto *SW = dyn_cast_or_null<SwitchStmt>(Term)) {
      followSwitch(It.B, SW, S, H, Work);
      continue;
    }
    if (Cond && It.B->succ_size() == 2 &&
        !isa_and_nonnull<CXXForRangeStmt>(Term)) {
      followBranch(It.B, Cond, Term, S, H, Work);
      continue;
    }
    // The state is copied to every successor but the last, which takes it.
    const Stmt *BackEdge = It.B->getLoopTarget();
    for (size_t I = Succs.size(); I-- > 1;)
      Work.push_back({Succs[I], S, H, BackEdge});
    if (!Succs.empty())
      Work.push_back({Succs[0], std::move(S), H, BackEdge});
  }
  return true;
}

void FunctionAnalysis::forgetCounters(State &S, const Stmt *Loop,
                                      bool All) const {
  // `state++` alone in the loop: a `switch (state)` whose `case 2:`
  // allocates runs that case once, however many turns follow.
  llvm::SmallVector<std::pair<const VarDecl *, int64_t>, 2> AtLeast;
  auto LC = Loops.find(Loop);
  // A bound past every constant the counter is compared with decides the
  // same as that ceiling: the turns meet there.
  auto KeepFloor = [&](const GrowingCounter &C) {
    if (auto I = S.Ints.find(C.Var); I != S.Ints.end())
      AtLeast.push_back({C.Var, std::min(I->second, C.Ceiling)});
    else if (Range R = rangeOf(S, Atom{C.Var}); !R.Empty && R.Lo > INT64_MIN)
      AtLeast.push_back({C.Var, std::min(R.Lo, C.Ceiling)});
  };
  if (LC != Loops.end())
    for (const GrowingCounter &C : LC->second.Growing)
      KeepFloor(C);
  // Forgetting all, an inner loop also keeps the floor of the counter an
  // outer loop counts up (and that it does not write): else the outer
  // loop's `i == 10` that allocated is asked again on a turn past it
  // (poppler's cvtSfnts: a loop over the glyphs inside a loop over the
  // tables).
  if (All)
    for (const auto &[Other, OLC] : Loops)
      if (Other != Loop)
        for (const GrowingCounter &C : OLC.Growing)
          if (LC == Loops.end() || !LC->second.Written.count(C.Var))
            KeepFloor(C);
  if (All) {
    // While the path owns something, a number or flag the loop (elsewhere:
    // the function) never writes keeps what is known of it: it holds on
    // every turn what it held when the path entered, so it does not keep
    // the turns apart; a flag that chose how a block was acquired must
    // still choose how it is released (`if (as_user) f = popen_as(..); else
    // f = popen(..); ..; if (as_user) pclose_as(f);`), and a count set once
    // (`if (cnt < 0) { cnt = list.count; groups = malloc(..); }`) must not
    // look unset again on the next turn of an outer loop. What is reached
    // through a variable goes, and pointers (a parameter tested for null
    // here and there would keep apart states that should meet), and all
    // goes where nothing is owned.
    bool Owns = hasLiveOwnedValue(S);
    const llvm::DenseSet<const VarDecl *> &Scope =
        LC != Loops.end() ? LC->second.Written : Written;
    auto Unwritten = [&](const Atom &A) {
      const auto *Var = dyn_cast_or_null<VarDecl>(A.Base);
      return Owns && Var && !A.isPart() && !Scope.count(Var) &&
             !Var->getType()->isPointerType();
    };
    for (auto It = S.Ints.begin(); It != S.Ints.end();)
      It = Unwritten(Atom{It->first}) ? std::next(It) : S.Ints.erase(It);
    for (auto It = S.Cons.begin(); It != S.Cons.end();)
      It = Unwritten(std::get<0>(It->first)) ? std::next(It)
                                             : S.Cons.erase(It);
  }
  // A local the loop never writes is the same on every turn.
  auto Forget = [&](const ValueDecl *VD) {
    const auto *Var = dyn_cast<VarDecl>(VD);
    return Counters.count(VD) &&
           (LC == Loops.end() || !Var || !Var->hasLocalStorage() ||
            LC->second.Written.count(Var));
  };
  for (auto It = S.Ints.begin(); It != S.Ints.end();)
    It = Forget(It->first) ? S.Ints.erase(It) : std::next(It);
  // A counter below or above the number it started from stays so on the
  // turns that move it the same way; a turn that does not says so then.
  auto Ordered = [](int Op) { return Op == BelowAtom || Op == AboveAtom; };
  for (auto It = S.Cons.begin(); It != S.Cons.end();)
    It = Forget(std::get<0>(It->first).Base) &&
                 !Ordered(std::get<1>(It->first))
             ? S.Cons.erase(It)
             : std::next(It);
  for (auto [VD, K] : AtLeast)
    if (Atom A{VD}; keepsConstraints(A))
      S.Cons[ConsKey{A, BO_LT, K}] = false;
}

void FunctionAnalysis::leaveLoops(const CFGBlock *B, State &S) const {
  // Leaving a loop (by its condition, `break` or `goto`): the path that
  // ran it and the one that skipped it meet again. The first is further
  // down the worklist's stack, so it is on its way (and the witness) when
  // the second arrives.
  for (auto It = S.EnteredLoops.begin(); It != S.EnteredLoops.end();) {
    auto Body = LoopBodies.find(*It);
    It = Body != LoopBodies.end() && !Body->second.test(B->getBlockID())
             ? S.EnteredLoops.erase(It)
             : std::next(It);
  }
}

void FunctionAnalysis::forgetDead(const CFGBlock *B, State &S) {
  if (Live->empty())
    return;
  // A dead local still naming a block that is gone (released, handed off)
  // or an acquisition that failed tells nothing: the next write would only
  // drop it. Nor does one naming what a parameter holds (`rp = lemp->rule`
  // in a summary): reading the parameter again gives the same. What it
  // still owns stays, to be reported where it is lost.
  auto Gone = [&](const Loc &L, unsigned Id) {
    auto V = S.Vals.find(Id);
    if (V == S.Vals.end() || S.ReallocOf.count(Id))
      return false;
    if (V->second.St == Status::Param)
      return !cellOf(V->second) && !isa<ParmVarDecl>(L.Base) && L.Base != FD;
    return V->second.St == Status::Released ||
           V->second.St == Status::Escaped ||
           (V->second.St == Status::Owned && V->second.Null == Nullness::Null);
  };
  dropBindings(S, [&](const Loc &L, unsigned Id) {
    return L.isWholeVariable() && !Live->mayRead(B, L.Base) && Gone(L, Id);
  });
  for (auto It = S.Ints.begin(); It != S.Ints.end();)
    It = Live->mayRead(B, It->first) ? std::next(It) : S.Ints.erase(It);
  bool Equalities = false;
  for (auto It = S.Cons.begin(); It != S.Cons.end();) {
    // A query's answer is kept: its variable may be given by address.
    const Atom &A = std::get<0>(It->first);
    Equalities |= isRelation(std::get<1>(It->first));
    It = A.Call || Live->mayRead(B, A.Base, A.Field) ? std::next(It)
                                                     : S.Cons.erase(It);
  }
  // An equality one side of which is gone (a loop's counter, dead after
  // it) says nothing: the paths that left the loop otherwise meet.
  if (Equalities)
    for (auto It = S.Cons.begin(); It != S.Cons.end();) {
      const auto &[A, Op, K] = It->first;
      bool Broken = isRelation(Op) &&
                    !S.Cons.count(ConsKey{RelAtoms[K], mirrorOf(Op),
                                          *relAtomOf(A)});
      It = Broken ? S.Cons.erase(It) : std::next(It);
    }
}

void FunctionAnalysis::forgetUnchangedPointees(State &S) {
  // What a parameter points to is read lazily (paramValue): a path that
  // read `c->state` holds an entry for it that another path, which did not,
  // would make on its first read, the same. Such entries, of a value the
  // path has done nothing with, are dropped, so that the paths meet.
  auto Untouched = [&](unsigned Id) {
    auto It = S.Vals.find(Id);
    return It != S.Vals.end() && It->second.St == Status::Param &&
           It->second.Null == Nullness::Unknown;
  };
  dropBindings(S, [&](const Loc &L, unsigned Id) {
    const auto *P = dyn_cast_or_null<ParmVarDecl>(L.Base);
    unsigned Idx = P ? P->getFunctionScopeIndex() : FD->getNumParams();
    return !L.isHeap() && (P || L.Base == FD) && L.hasDeref() &&
           !isMemberCell(L) && isParamEntryValue(Id, Idx) && Untouched(Id);
  });
}

void FunctionAnalysis::dropBindings(
    State &S, llvm::function_ref<bool(const Loc &, unsigned)> Drop) {
  llvm::SmallVector<unsigned, 4> Dropped;
  for (auto It = S.Store.begin(); It != S.Store.end();) {
    if (Drop(It->first, It->second)) {
      Dropped.push_back(It->second);
      It = S.Store.erase(It);
    } else {
      ++It;
    }
  }
  for (unsigned Id : Dropped)
    if (S.Vals.count(Id) && !referenced(S, Id) &&
        llvm::none_of(S.ReallocOf, [&](const auto &P) { return P.second == Id; }))
      S.Vals.erase(Id);
}

bool FunctionAnalysis::walkBlock(WorkItem &It, std::vector<WorkItem> &Work) {
  for (const CFGElement &El : *It.B) {
    bool Continues = handleElement(El, It.S, It.H);
    for (WorkItem &F : Forks)
      Work.push_back(std::move(F));
    Forks.clear();
    if (!Continues)
      return false;
  }
  return true;
}

void FunctionAnalysis::endParameters(State &S, HistPtr &H,
                                     const ReturnStmt *Ret) {
  if (SummaryMode) {
    shareCellValues(S, std::nullopt);
    if (FD->getReturnType()->isVoidType())
      recordDelivery(nullptr, std::nullopt, S);
    recordCells(S);
  }
  std::vector<Loc> Params;
  for (const auto &[L, V] : S.Store)
    if (isa_and_nonnull<ParmVarDecl>(L.Base) && isLocal(L))
      Params.push_back(L);
  for (const Loc &L : Params) {
    S.Store.erase(L);
    if (Ret)
      lose(S, Ret, scopeEndCause(Ret), L.Base, H);
    else
      lose(S, FD->getBody(), LeakCause::ScopeEnd, L.Base, H);
  }
}

// Whether the case label of \p Block matches the known value \p V.
static bool caseMatches(const CFGBlock *Block, int64_t V, ASTContext &Ctx) {
  const auto *CS = dyn_cast_or_null<CaseStmt>(Block->getLabel());
  if (!CS)
    return false;
  std::optional<int64_t> Lo = nullConstant(CS->getLHS(), Ctx);
  std::optional<int64_t> Hi = CS->getRHS() ? nullConstant(CS->getRHS(), Ctx) : Lo;
  return Lo && Hi && V >= *Lo && V <= *Hi;
}

namespace {
/// The value of a plain `case K:` label of \p Block (not a GNU range).
std::optional<int64_t> caseValue(const CFGBlock *Block, ASTContext &Ctx) {
  const auto *CS = dyn_cast_or_null<CaseStmt>(Block->getLabel());
  if (!CS || CS->getRHS())
    return std::nullopt;
  return nullConstant(CS->getLHS(), Ctx);
}
} // namespace

bool FunctionAnalysis::enumCovered(const SwitchStmt *SW, const Atom &A,
                                   llvm::ArrayRef<int64_t> Cases,
                                   const State &S) const {
  const auto *ET = SW->getCond()->IgnoreParenImpCasts()->getType()
                       ->getAs<EnumType>();
  const EnumDecl *ED = ET ? ET->getDecl()->getDefinition() : nullptr;
  if (!ED || ED->enumerators().empty())
    return false;
  return llvm::all_of(ED->enumerators(), [&](const EnumConstantDecl *E) {
    int64_t K = E->getInitVal().getExtValue();
    return llvm::is_contained(Cases, K) ||
           lookupCons(S, A, BO_EQ, K) == false;
  });
}

bool FunctionAnalysis::resultsCovered(const SwitchStmt *SW,
                                      llvm::ArrayRef<int64_t> Cases) {
  const auto *Call = dyn_cast<CallExpr>(SW->getCond()->IgnoreParenImpCasts());
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Eng.hasSummary(Callee))
    return false;
  const std::vector<int64_t> &Results = Eng.summary(Callee).ReturnsOneOf;
  return !Results.empty() && llvm::all_of(Results, [&](int64_t R) {
    return llvm::is_contained(Cases, R);
  });
}

void FunctionAnalysis::followSwitch(const CFGBlock *B, const SwitchStmt *SW,
                                    State &S, const HistPtr &H,
                                    std::vector<WorkItem> &Work) {
  std::optional<int64_t> V = evalInt(SW->getCond(), S);
  // A switch on a variable the path knows nothing of: the case it takes
  // says what the variable holds, for the next switch on it (one that
  // allocates in its `default:`, another that frees in the same arm).
  std::optional<Atom> A;
  // The values the cases name; a range is not followed.
  llvm::SmallVector<int64_t, 8> Cases;
  bool Ranges = false;
  for (const CFGBlock::AdjacentBlock &AB : B->succs())
    if (const CFGBlock *Succ = AB.getReachableBlock()) {
      if (std::optional<int64_t> K = caseValue(Succ, Ctx))
        Cases.push_back(*K);
      else if (isa_and_nonnull<CaseStmt>(Succ->getLabel()))
        Ranges = true;
    }
  if (!V) {
    A = atomOf(SW->getCond());
    if (A && (A->Call || A->Deref || !keepsConstraints(*A) || Ranges))
      A.reset();
    if (A)
      for (int64_t K : Cases)
        if (lookupCons(S, *A, BO_EQ, K) == true)
          V = K;
  }
  // An enum whose every enumerator this switch names, or an earlier one
  // ruled out, reaches the default only with a value outside the enum; a
  // call of a function of the TU whose every result this switch names
  // (`switch (fix_program(..)) { case -1: case 0: case 1: }`) never does.
  bool DefaultDead = !V && ((A && enumCovered(SW, *A, Cases, S)) ||
                            resultsCovered(SW, Cases));
  // A switch on the status of an acquisition (`switch (fix_program(h,
  // &code)) { case -1: .. }`): each case says whether it failed.
  bool OnStatus = false;
  if (!V)
    if (std::optional<unsigned> SV = valueOf(SW->getCond(), S))
      OnStatus = !isParamValue(S, *SV) && S.Vals.count(*SV);
  // With a known value, follow only the matching case (or the default).
  bool AnyCase = false;
  if (V)
    for (const CFGBlock::AdjacentBlock &AB : B->succs())
      if (const CFGBlock *Succ = AB.getReachableBlock())
        AnyCase |= caseMatches(Succ, *V, Ctx);
  for (const CFGBlock::AdjacentBlock &AB : B->succs()) {
    const CFGBlock *Succ = AB.getReachableBlock();
    if (!Succ)
      continue;
    if (V) {
      bool Match = isa_and_nonnull<CaseStmt>(Succ->getLabel())
                       ? caseMatches(Succ, *V, Ctx)
                       : !AnyCase; // default label, or past the switch
      if (!Match)
        continue;
    }
    if (DefaultDead && !V && !isa_and_nonnull<CaseStmt>(Succ->getLabel()))
      continue;
    State NS = S;
    if (OnStatus) {
      // The case taken, as `if (status == K)`; the default, as none of them.
      auto Holds = [&](int64_t K, bool Equal) {
        std::string Ignored;
        return assumeComparison({SW->getCond(), BO_EQ, K}, Equal, NS,
                                Ignored) != std::optional<bool>(false);
      };
      bool Feasible = true;
      if (std::optional<int64_t> K = caseValue(Succ, Ctx))
        Feasible = Holds(*K, true);
      else if (!isa_and_nonnull<CaseStmt>(Succ->getLabel()))
        for (int64_t K : Cases)
          Feasible &= Holds(K, false);
      if (!Feasible)
        continue;
    }
    if (A && !V) {
      if (std::optional<int64_t> K = caseValue(Succ, Ctx)) {
        if (lookupCons(S, *A, BO_EQ, *K) == false)
          continue; // ruled out by an earlier switch
        NS.Cons[ConsKey{*A, BO_EQ, *K}] = true;
      } else {
        for (int64_t K : Cases)
          NS.Cons[ConsKey{*A, BO_EQ, K}] = false;
      }
    }
    HistPtr NH = H;
    if (const ObligationHooks *Hooks = Eng.hooks();
        Hooks && !V && Succ->getLabel() && B->succ_size() > 1)
      if (std::string HN = Hooks->branchNote(Succ->getLabel(), true);
          !HN.empty())
        NH = std::make_shared<Hist>(Hist{H, false, 0,
                                         Succ->getLabel()->getBeginLoc(),
                                         std::move(HN), SW, true});
    Work.push_back({Succ, std::move(NS), NH});
  }
}

void FunctionAnalysis::followBranch(const CFGBlock *B, const Expr *Cond,
                                    const Stmt *Term, State &S,
                                    const HistPtr &H,
                                    std::vector<WorkItem> &Work) {
  const CFGBlock *Branches[2] = {nullptr, nullptr};
  unsigned Idx = 0;
  for (const CFGBlock::AdjacentBlock &AB : B->succs())
    Branches[Idx++] = AB.getReachableBlock();
  bool IsLoop = isa_and_nonnull<ForStmt>(Term) ||
                isa_and_nonnull<WhileStmt>(Term) || isa_and_nonnull<DoStmt>(Term);
  // Tied tests undecided here make two paths of each branch, one for each
  // value of the left test.
  const BinaryOperator *Tie = tiedTests(Cond);
  if (Tie && evalCond(Cond, S) != Tri::Unknown)
    Tie = nullptr;
  // Push the false branch first so that the true branch is explored first
  // (depth-first): its witness is the natural reading order. With tied
  // tests, each branch twice: the left test true, then false.
  for (int Turn = 3; Turn >= 0; --Turn) {
    int Br = Turn / 2;
    bool Left = Turn % 2;
    if (!Branches[Br] || (Left && !Tie))
      continue;
    State NS = Turn == 0 ? std::move(S) : S;
    std::string Note;
    bool Undecided = false;
    NoteAt = nullptr;
    TestedAcquisition = false;
    AssumedOutOfMemory = false;
    BranchBlock = B;
    if (Tie ? !assumeTied(Tie, Br == 0, Left, NS, Note, Undecided)
            : !assume(Cond, Br == 0, NS, Note, Undecided))
      continue;
    if (!NS.KeptIfOk.empty())
      settleKept(NS, Note);
    if (!NS.ReallocOf.empty())
      settleReallocs(NS);
    if (!NS.FlagLinks.empty())
      settleFlags(NS);
    // A counting loop left by its condition: the counter is the bound.
    if (Br == 1 && IsLoop)
      if (auto L = Counted.find(Term); L != Counted.end())
        if (std::optional<Atom> Bound = atomOf(L->second.Bound))
          relateEqual(NS, Atom{L->second.Counter}, *Bound);
    HistPtr NH = H;
    if (Undecided) {
      if (IsLoop) {
        OpenLoops.set(B->getBlockID());
        Note = Br == 0 ? "entering the loop body"
                       : "assuming the loop condition is false";
      }
      if (const ObligationHooks *Hooks = Eng.hooks())
        if (std::string HN = Hooks->branchNote(Cond, Br == 0); !HN.empty()) {
          Note = std::move(HN);
          NoteAt = Cond;
        }
      if (Note.empty())
        Note = "assuming the condition is " +
               std::string(Br == 0 ? "true" : "false");
      Hist Event{H, false, 0, (NoteAt ? NoteAt : Cond)->getBeginLoc(),
                 std::move(Note), Term, false, Cond, TestedAcquisition};
      Event.Taken = Br == 0;
      Event.OutOfMemory = AssumedOutOfMemory;
      if (IsLoop && !isa<DoStmt>(Term))
        Event.Loop = Br == 0 ? 1 : -1;
      if (Event.Loop > 0 && hasLiveOwnedValue(NS))
        NS.EnteredLoops.insert(Term);
      NH = std::make_shared<Hist>(std::move(Event));
    } else if (const ObligationHooks *Hooks = Eng.hooks();
               Hooks && Branches[0] && Branches[1]) {
      // Hook obligations: a branch the engine decided (a counter, a
      // variable written in between) explains the path too.
      if (std::string HN = Hooks->branchNote(Cond, Br == 0); !HN.empty())
        NH = std::make_shared<Hist>(Hist{H, false, 0, Cond->getBeginLoc(),
                                         std::move(HN), Term, true});
    }
    if (isa_and_nonnull<ConditionalOperator>(Term))
      NS.Arms[Term] = Br == 0;
    else
      NS.Arms.clear();
    Work.push_back({Branches[Br], std::move(NS), NH});
  }
}

std::vector<Finding> FunctionAnalysis::findings() {
  return Report.takeFindings(FD, Eng.options(), SM);
}

FunctionSummary FunctionAnalysis::takeSummary() {
  if (SawReturn && !RetConstsVary && RetConsts.size() == 1)
    Sum.ReturnsConstant = *RetConsts.begin();
  if (SawReturn && !RetConstsVary && RetConsts.size() <= 8 && Sum.Complete)
    Sum.ReturnsOneOf.assign(RetConsts.begin(), RetConsts.end());
  if (SawReturn && !RetParamVaries)
    Sum.ReturnsParam = RetParam;
  // One of two arguments given back (`append(first, rest)` returns `rest`
  // when `first` is empty): the caller cannot tell which it holds, so
  // each goes with the result.
  if (!Sum.ReturnsParam && llvm::popcount(ReturnedParams) >= 2)
    for (unsigned I = 0; I < Sum.Params.size() && I < 32; ++I)
      if ((ReturnedParams >> I & 1) && Sum.Params[I] == ParamEffect::Read)
        Sum.Params[I] = ParamEffect::Escapes;
  Sum.ReturnsNonNull = SawReturn && !ReturnsMaybeNull &&
                       FD->getReturnType()->isPointerType();
  if (ReturnsMaybeNull && NullOnNullExits && NullOnNullExits != ~0u &&
      FD->getReturnType()->isPointerType())
    Sum.NullOnlyIfNull = llvm::countr_zero(NullOnNullExits);
  for (unsigned I = 0; I < NonNullExitResult.size() && Sum.Complete; ++I)
    if ((NullExitsSeen >> I & 1) && !(NonNullExitsVary >> I & 1) &&
        NonNullExitResult[I] && !Sum.ReturnsConstant) {
      Sum.ResultUnlessNull = {I, *NonNullExitResult[I]};
      break;
    }
  if (ReturnsOther) {
    Sum.ReturnsAcquirer.reset();
    Sum.AcquiredSite = nullptr;
  }
  if (Sum.ReturnsAcquirer && NullOnFreshExits &&
      NullOnFreshExits != ~0u)
    Sum.FreshOnlyIfNull = llvm::countr_zero(NullOnFreshExits);
  summariseDeliveries();
  summariseFlags();
  summariseKept();
  summariseCells();
  Sum.BytesKnown = true;
  Sum.CopiesBytes.resize(Sum.Params.size(), false);
  if (llvm::any_of(ParamGroups, [](std::optional<int> G) { return G && *G >= 0; }))
    for (std::optional<int> G : ParamGroups)
      Sum.ReleasedWith.push_back(G.value_or(-1));
  if (Sum.ReturnsAcquirer)
    Sum.ReturnsAcquirerName = Eng.acquirerAt(*Sum.ReturnsAcquirer)->Name;
  return std::move(Sum);
}

} // namespace clang::tidy::leaklint::ownership::detail
