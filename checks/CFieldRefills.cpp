//===--- CFieldRefills.cpp - a field refilled on every call of a loop -----===//
//
// In C, a function that fills a field of the struct it is given
// (`ctx->title = g_try_malloc(n)`) without looking at what the field held
// loses that block when it is called again on the same object: a parser's
// chunk handler called in `while (load_chunk(ctx))` leaks the first title
// when a second title chunk comes. Evidence that it is called again: a
// loop of the TU calls it on one object, and nothing else in the loop
// touches the field. Evidence that the field owns what it holds: the TU
// releases it somewhere (the struct's destructor).
//
//===----------------------------------------------------------------------===//

#include "ClassOwnership.h"
#include "AstHelpers.h"
#include "ProgramState.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::leaklint::ownership {

namespace {
/// Every call made inside a loop, with its innermost loop.
class LoopCallVisitor : public RecursiveASTVisitor<LoopCallVisitor> {
public:
  using LoopCall = ClassOwnershipIndex::LoopCall;
  explicit LoopCallVisitor(std::vector<LoopCall> &Out) : Out(Out) {}

  bool TraverseWhileStmt(WhileStmt *S) {
    return inLoop(S, [&] { return RecursiveASTVisitor::TraverseWhileStmt(S); });
  }
  bool TraverseDoStmt(DoStmt *S) {
    return inLoop(S, [&] { return RecursiveASTVisitor::TraverseDoStmt(S); });
  }
  bool TraverseForStmt(ForStmt *S) {
    return inLoop(S, [&] { return RecursiveASTVisitor::TraverseForStmt(S); });
  }
  bool VisitCallExpr(CallExpr *CE) {
    if (!Loops.empty())
      Out.push_back({CE, Loops.back()});
    return true;
  }

private:
  template <typename Fn> bool inLoop(const Stmt *Loop, Fn Traverse) {
    Loops.push_back(Loop);
    bool Go = Traverse();
    Loops.pop_back();
    return Go;
  }
  std::vector<LoopCall> &Out;
  std::vector<const Stmt *> Loops;
};

/// The variable \p E names, as `v` or `&v`.
const VarDecl *variableGiven(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf)
    E = UO->getSubExpr()->IgnoreParenImpCasts();
  const auto *DR = dyn_cast<DeclRefExpr>(E);
  return DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
}

/// What a loop does to a variable and to one field: whether it assigns the
/// variable, names the field, and the calls it gives the variable to.
class LoopUses : public RecursiveASTVisitor<LoopUses> {
public:
  LoopUses(const VarDecl *V, const FieldDecl *F) : V(V), F(F) {}

  bool VisitMemberExpr(MemberExpr *ME) {
    NamesField |= ME->getMemberDecl() == F;
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    Assigns |= BO->isAssignmentOp() && names(BO->getLHS());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    Assigns |= UO->isIncrementDecrementOp() && names(UO->getSubExpr());
    return true;
  }
  bool VisitCallExpr(CallExpr *CE) {
    for (unsigned I = 0; I < CE->getNumArgs(); ++I)
      if (variableGiven(CE->getArg(I)) == V)
        Given.push_back({CE, I});
    return true;
  }

  const VarDecl *V;
  const FieldDecl *F;
  bool NamesField = false, Assigns = false;
  std::vector<std::pair<const CallExpr *, unsigned>> Given;

private:
  bool names(const Expr *E) const {
    const auto *DR = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return DR && DR->getDecl() == V;
  }
};
} // namespace

bool ClassOwnershipIndex::onlyReads(const CallExpr *CE, unsigned Arg) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee)
    return false;
  if (Model.isKnownReader(Callee) || takesConstPointer(Callee, Arg))
    return true;
  if (!Engine.hasSummary(Callee))
    return false;
  const FunctionSummary &S = Engine.summary(Callee);
  return S.Complete && Arg < S.Params.size() &&
         S.Params[Arg] == ParamEffect::Read &&
         !(Arg < S.PointeeEscapes.size() && S.PointeeEscapes[Arg]);
}

void ClassOwnershipIndex::buildLoopCalls() {
  if (LoopCallsBuilt)
    return;
  LoopCallsBuilt = true;
  LoopCallVisitor(LoopCalls).TraverseDecl(Ctx.getTranslationUnitDecl());
}

bool ClassOwnershipIndex::releasesArgument(const CallExpr *CE, unsigned Arg) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee)
    return false;
  if (std::optional<Releaser> R = Model.releaserFor(Callee))
    return R->Arg == Arg;
  if (!Engine.hasSummary(Callee))
    return false;
  const FunctionSummary &S = Engine.summary(Callee);
  return Arg < S.Params.size() && S.Params[Arg] == ParamEffect::Released;
}

bool ClassOwnershipIndex::loopLeavesField(const LoopCall &LC, unsigned Arg,
                                          const FieldDecl *F) {
  const VarDecl *V = variableGiven(LC.Call->getArg(Arg));
  if (!V)
    return false;
  LoopUses L(V, F);
  L.TraverseStmt(const_cast<Stmt *>(LC.Loop));
  return !L.NamesField && !L.Assigns &&
         llvm::all_of(L.Given, [&](const auto &G) {
           return G.first == LC.Call || onlyReads(G.first, G.second);
         });
}

std::vector<ClassFinding>
ClassOwnershipIndex::refilledInLoops(const RecordDecl *RD) {
  std::vector<ClassFinding> Out;
  if (!RD->isCompleteDefinition() || RD->isUnion())
    return Out;
  build();
  buildLoopCalls();
  // The overwrite of \p F through parameter \p P that some path of \p Fill
  // makes while nothing else holds what the field held.
  auto OverwriteOf = [&](const FunctionDecl *Fill, const ParmVarDecl *P,
                         const FieldDecl *F) -> const Stmt * {
    const auto &Effects = Engine.paramFieldEffects(Fill);
    if (!Effects)
      return nullptr;
    for (const FunctionSummary::CellEffect &E : *Effects)
      if (E.Var == P && E.Path.size() == 2 &&
          E.Path[1] == detail::fieldMark(F) && E.OverwrittenAt)
        return E.OverwrittenAt;
    return nullptr;
  };
  for (const FieldDecl *F : RD->fields()) {
    if (!isRawOwnerCandidate(F))
      continue;
    auto It = Uses.find(F);
    if (It == Uses.end() || It->second.Allocs.empty())
      continue;
    FieldUses &U = It->second;
    resolvePending(U);
    // Owned: the TU releases it, never gives it away, and fills it from
    // one family.
    if (U.Releases.empty() || U.HandedOff || !allocationFamily(U))
      continue;
    std::optional<ClassFinding> Found;
    for (const LoopCall &LC : LoopCalls) {
      const FunctionDecl *Fill = LC.Call->getDirectCallee();
      const FunctionDecl *Def = nullptr;
      if (!Fill || !Fill->hasBody(Def) || !llvm::is_contained(U.AllocIn, Def))
        continue;
      unsigned Args = std::min(LC.Call->getNumArgs(), Def->getNumParams());
      for (unsigned I = 0; I < Args && !Found; ++I) {
        if (!loopLeavesField(LC, I, F))
          continue;
        const Stmt *At = OverwriteOf(Def, Def->getParamDecl(I), F);
        if (!At)
          continue;
        Found.emplace();
        Found->Kind = ClassFinding::FieldRefilledInLoop;
        Found->Field = F;
        Found->Site = At;
        Found->Method = Def;
        Found->Acquired = LC.Call;
        Found->Release = U.Releases.front();
        for (size_t K = 0; K < U.Allocs.size() && !Found->Acq; ++K)
          if (U.AllocIn[K] == Def)
            Found->Acq = U.Allocs[K].second;
      }
      if (Found)
        break;
    }
    if (Found)
      Out.push_back(*Found);
  }
  return Out;
}

std::vector<ClassFinding>
ClassOwnershipIndex::refilledThroughPointers(const FunctionDecl *Caller) {
  std::vector<ClassFinding> Out;
  const Stmt *Body = Caller->getBody();
  if (!Body)
    return Out;
  buildLoopCalls();
  const SourceManager &SM = Ctx.getSourceManager();
  auto Within = [&](SourceLocation L, const Stmt *S) {
    return L.isValid() &&
           SM.isPointWithin(SM.getExpansionLoc(L),
                            SM.getExpansionLoc(S->getBeginLoc()),
                            SM.getExpansionLoc(S->getEndLoc()));
  };
  // The call of \p Caller that releases \p V, if any.
  auto ReleaseOf = [&](const VarDecl *V) {
    const Stmt *Found = nullptr;
    detail::forEachNode(Body, [&](const Stmt *S) {
      const auto *CE = dyn_cast<CallExpr>(S);
      for (unsigned I = 0; CE && !Found && I < CE->getNumArgs(); ++I)
        if (detail::namedLocal(CE->getArg(I)->IgnoreParenCasts()) == V &&
            releasesArgument(CE, I))
          Found = CE;
    });
    return Found;
  };
  llvm::SmallPtrSet<const VarDecl *, 4> Done;
  for (const LoopCall &LC : LoopCalls) {
    if (!Within(LC.Loop->getBeginLoc(), Body))
      continue;
    const FunctionDecl *Fill = LC.Call->getDirectCallee();
    const FunctionDecl *Def = nullptr;
    if (!Fill || !Fill->hasBody(Def))
      continue;
    unsigned Args = std::min(LC.Call->getNumArgs(), Def->getNumParams());
    for (unsigned I = 0; I < Args; ++I) {
      // `fill(&buf)`, a pointer of the caller's declared before the loop.
      const auto *UO =
          dyn_cast<UnaryOperator>(LC.Call->getArg(I)->IgnoreParenImpCasts());
      if (!UO || UO->getOpcode() != UO_AddrOf)
        continue;
      const VarDecl *V = variableGiven(UO);
      if (!V || !V->hasLocalStorage() || !V->getType()->isPointerType() ||
          Within(V->getLocation(), LC.Loop) || Done.count(V) ||
          !loopLeavesField(LC, I, nullptr))
        continue;
      const Stmt *Release = ReleaseOf(V);
      if (!Release)
        continue;
      const auto &Effects = Engine.paramFieldEffects(Def);
      if (!Effects)
        break;
      for (const FunctionSummary::CellEffect &E : *Effects) {
        if (E.Var != Def->getParamDecl(I) || E.Path.size() != 1 ||
            !E.OverwrittenAt || !E.SomeExitFresh)
          continue;
        ClassFinding F{ClassFinding::PointerRefilledInLoop};
        F.Var = V;
        F.Site = E.OverwrittenAt;
        F.Method = Def;
        F.Acquired = LC.Call;
        F.Release = Release;
        F.Acq = Engine.acquirerAt(*E.SomeExitFresh);
        Out.push_back(F);
        Done.insert(V);
        break;
      }
    }
  }
  return Out;
}

} // namespace clang::tidy::leaklint::ownership
