//===--- LocalThreadAnalysis.cpp - joinable local threads on some path ---===//

#include "LocalThreadAnalysis.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::leaklint {

using namespace thread_model;

// Threads as obligations of the ownership engine: what starts one, what
// joins or detaches it, what tests it, which containers hold them and which
// loops drain those, and how path notes read.
namespace {
// Whether the body of \p P's function joins or detaches elements of the
// container \p P (by reference) refers to.
bool joinsElementsOf(const ParmVarDecl *P) {
  const auto *FD = dyn_cast<FunctionDecl>(P->getDeclContext());
  const FunctionDecl *Def = nullptr;
  if (!FD || !P->getType()->isLValueReferenceType() ||
      P->getType().getNonReferenceType().isConstQualified() ||
      !FD->hasBody(Def) || !Def)
    return false;
  const ParmVarDecl *DP = Def->getParamDecl(P->getFunctionScopeIndex());
  llvm::SmallPtrSet<const ValueDecl *, 4> Elements{DP};
  bool Joins = false;
  forEachStmt(Def->getBody(), [&](const Stmt *S) {
    if (const auto *For = dyn_cast<CXXForRangeStmt>(S);
        For && Elements.count(rootDecl(For->getRangeInit())))
      Elements.insert(For->getLoopVariable());
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(S);
        MCE && isJoinOrDetach(MCE->getMethodDecl()) &&
        Elements.count(rootDecl(MCE->getImplicitObjectArgument())))
      Joins = true;
  });
  return Joins;
}
} // namespace

class ThreadObligations : public ownership::ObligationHooks {
public:
  explicit ThreadObligations(const ASTContext &Ctx) : Ctx(&Ctx) {}
  ownership::Acquirer Thread{"std::thread", ownership::ResourceKind::Thread,
                             ownership::ResourceModel::GJoin,
                             ownership::FailureValue::None};
  /// `pthread_create(&t, ...)` into a local handle: the thread is t's to
  /// join or detach when the call returns 0.
  ownership::Acquirer PThread{"pthread_create", ownership::ResourceKind::Thread,
                              ownership::ResourceModel::GJoin,
                              ownership::FailureValue::ErrorCode};
  const Expr *acquiresThrough(const Expr *E) const override {
    const auto *CE = dyn_cast<CallExpr>(E);
    return threadCreateCall(CE) ? CE->getArg(0) : nullptr;
  }
  const ownership::Acquirer *acquires(const Expr *E) const override {
    if (const Expr *Out = acquiresThrough(E)) {
      // Into a local handle only (`&t`); arrays, members and pointers are
      // judged without paths (UnjoinedThreadCheck).
      const auto *UO = dyn_cast<UnaryOperator>(strip(Out)->IgnoreParenCasts());
      const auto *DRE = UO && UO->getOpcode() == UO_AddrOf
                            ? dyn_cast<DeclRefExpr>(strip(UO->getSubExpr()))
                            : nullptr;
      const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      return VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType() &&
                     isPthreadT(VD->getType()) && !VD->getType()->isArrayType()
                 ? &PThread
                 : nullptr;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
      if (threadKind(CE->getType()) != ThreadKind::None && startsThread(CE))
        return &Thread;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *MD = MCE->getMethodDecl();
      if (MD && MD->getIdentifier() && isEmplaceName(MD->getName()) &&
          MCE->getNumArgs() > 0 && !movedOperand(MCE->getArg(0)))
        return &Thread;
      return nullptr;
    }
    // A call that returns a thread by value (not a reference to one it
    // keeps) hands over a thread that may be running. The engine asks only
    // about callees whose bodies it does not read.
    if (const auto *CE = dyn_cast<CallExpr>(E))
      return CE->isPRValue() && !movedOperand(CE) &&
                     threadKind(CE->getType()) != ThreadKind::None
                 ? &Thread
                 : nullptr;
    return nullptr;
  }
  const Expr *discharges(const Expr *E) const override {
    if (const auto *CE = dyn_cast<CallExpr>(E); joinsOrDetachesPthread(CE)) {
      // `uv_thread_join(&t)` joins `t`.
      const Expr *H = CE->getArg(0)->IgnoreParenCasts();
      if (const auto *UO = dyn_cast<UnaryOperator>(H); UO && UO->getOpcode() == UO_AddrOf)
        return UO->getSubExpr();
      return CE->getArg(0);
    }
    const auto *MCE = dyn_cast<CXXMemberCallExpr>(E);
    if (!MCE)
      return nullptr;
    const CXXMethodDecl *MD = MCE->getMethodDecl();
    const Expr *Obj = MCE->getImplicitObjectArgument();
    if (isJoinOrDetach(MD))
      return Obj;
    // `t.swap(u)` hands t's thread to u (and u's to t): neither is followed
    // further; u's goes as an argument the library may keep.
    if (MD && MD->getIdentifier() && MD->getName() == "swap" && Obj &&
        threadKind(Obj->getType()) != ThreadKind::None)
      return Obj;
    return nullptr;
  }
  /// The pthread_t argument a call the engine cannot follow takes over (a
  /// container's push_back, a function defined elsewhere); observers
  /// (pthread_kill, pthread_setname_np...) only read it.
  const Expr *handsOver(const CallExpr *CE) const override {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (isa<CXXOperatorCallExpr>(CE) ||
        (Callee && Callee->getIdentifier() &&
         Callee->getDeclContext()->getRedeclContext()->isTranslationUnit() &&
         llvm::is_contained(pthreadObservers(), ("::" + Callee->getName()).str())))
      return nullptr;
    for (const Expr *Arg : CE->arguments())
      if (Arg->getType()->isIntegralOrEnumerationType() || Arg->getType()->isPointerType())
        if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(Arg)->IgnoreParenCasts()))
          if (isPthreadT(DRE->getDecl()->getType()) &&
              !DRE->getDecl()->getType()->isArrayType())
            return Arg;
    return nullptr;
  }
  const ASTContext *Ctx;
  llvm::DenseMap<const Decl *, const VarDecl *> ElementOf; // name -> container
  llvm::DenseMap<const Stmt *, const VarDecl *> DrainAt;
  const VarDecl *containerOf(const Expr *E) const {
    // `e.second` of a map's element `e` is part of the element.
    E = strip(E);
    while (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
        break;
      E = strip(ME->getBase());
    }
    const ValueDecl *D = rootDecl(E);
    return D ? ElementOf.lookup(D) : nullptr;
  }
  void prepare(const Stmt *Body) {
    ElementOf.clear();
    DrainAt.clear();
    forEachStmt(Body, [&](const Stmt *S) {
      if (const auto *DS = dyn_cast<DeclStmt>(S))
        for (const Decl *D : DS->decls())
          if (const auto *VD = dyn_cast<VarDecl>(D);
              VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType() &&
              threadKind(VD->getType()) == ThreadKind::None &&
              containerElementKind(VD->getType()) != ThreadKind::None)
            ElementOf[VD] = VD;
    }, false);
    if (ElementOf.empty())
      return;
    forEachStmt(Body, [&](const Stmt *S) {
      if (const auto *For = dyn_cast<CXXForRangeStmt>(S)) {
        const VarDecl *C = containerOf(For->getRangeInit());
        if (!C)
          return;
        const VarDecl *LV = For->getLoopVariable();
        ElementOf[LV] = C;
        if (const auto *DD = dyn_cast<DecompositionDecl>(LV))
          for (const BindingDecl *BD : DD->bindings())
            ElementOf[BD] = C;
      } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
        for (const Decl *D : DS->decls())
          if (const auto *VD = dyn_cast<VarDecl>(D);
              VD && VD->getInit() && !ElementOf.count(VD))
            if (const VarDecl *C = containerOf(VD->getInit()))
              ElementOf[VD] = C;
      }
    }, false);
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
        const VarDecl *C = nullptr;
        bool Joins = false;
        const FunctionDecl *Callee = CE->getDirectCallee();
        for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
          const VarDecl *Passed = containerOf(CE->getArg(I));
          C = C ? C : Passed;
          Joins |= containsJoinOrDetach(CE->getArg(I));
          // `join_all(threads)`: a function of the TU that joins the
          // elements of the container it is given.
          Joins |= Passed && Callee && I < Callee->getNumParams() &&
                   joinsElementsOf(Callee->getParamDecl(I));
        }
        if (C && Joins)
          DrainAt[CE] = C;
        return;
      }
      if (!LoopBody || !Entry)
        return;
      forEachStmt(LoopBody, [&](const Stmt *X) {
        const auto *MCE = dyn_cast<CXXMemberCallExpr>(X);
        if (!MCE || !isJoinOrDetach(MCE->getMethodDecl()))
          return;
        if (const VarDecl *C = containerOf(MCE->getImplicitObjectArgument());
            C && !DrainAt.count(Entry))
          DrainAt[Entry] = C;
      });
    }, false);
  }
  const VarDecl *acquiresInto(const Expr *E) const override {
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *MD = MCE->getMethodDecl();
      const auto *DRE = dyn_cast<DeclRefExpr>(strip(MCE->getImplicitObjectArgument()));
      if (MD && MD->getIdentifier() && isAdderName(MD->getName()) && DRE)
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
            VD && ElementOf.lookup(VD) == VD)
          return VD;
      return nullptr;
    }
    if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(E))
      if (OCE->getOperator() == OO_Equal && OCE->getNumArgs() == 2 &&
          threadKind(OCE->getArg(0)->getType()) != ThreadKind::None) {
        const auto *RHS = dyn_cast<CXXConstructExpr>(strip(OCE->getArg(1)));
        if (RHS && RHS->getNumArgs() == 0)
          return nullptr;
        return containerOf(OCE->getArg(0));
      }
    return nullptr;
  }
  const VarDecl *drains(const Stmt *S) const override {
    if (const VarDecl *C = DrainAt.lookup(S))
      return C;
    // Joining or detaching one element counts as draining (optimistic: a
    // false alarm costs more than a miss).
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(S);
        MCE && isJoinOrDetach(MCE->getMethodDecl()))
      return containerOf(MCE->getImplicitObjectArgument());
    return nullptr;
  }
  std::string branchNote(const Stmt *Cond, bool Taken) const override {
    if (isa<DefaultStmt>(Cond))
      return "taking the default case";
    if (isa<CaseStmt>(Cond))
      return "taking this case";
    CharSourceRange R = CharSourceRange::getTokenRange(Cond->getSourceRange());
    std::string T = Lexer::getSourceText(R, Ctx->getSourceManager(),
                                         Ctx->getLangOpts()).str();
    if (T.empty() || T.size() > 40 || T.find('\n') != std::string::npos)
      return std::string("assuming the condition is ") + (Taken ? "true" : "false");
    return "assuming '" + T + "' is " + (Taken ? "true" : "false");
  }
  const Expr *testsLive(const Expr *C) const override {
    C = C->IgnoreParenImpCasts();
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(C))
      if (const CXXMethodDecl *MD = MCE->getMethodDecl();
          MD && MD->getIdentifier() && MD->getName() == "joinable" &&
          threadKind(MCE->getImplicitObjectArgument()->getType()) != ThreadKind::None)
        return MCE->getImplicitObjectArgument();
    return nullptr;
  }
};

LocalThreadAnalysis::LocalThreadAnalysis(ASTContext &Ctx)
    : Ctx(Ctx), Hooks(std::make_unique<ThreadObligations>(Ctx)) {
  ownership::EngineOptions Opts;
  Opts.IgnoreLeaksInMain = false; // std::terminate in main is no exit path
  Opts.MaxNotes = 6;
  Engine = std::make_unique<ownership::OwnershipEngine>(Ctx, Model, Opts,
                                                        Hooks.get());
}

LocalThreadAnalysis::~LocalThreadAnalysis() = default;

namespace {
// Whether \p Body declares a local thread or container of threads: other
// functions are not worth a path walk.
bool hasLocalThreads(const Stmt *Body) {
  bool Found = false;
  forEachStmt(Body, [&](const Stmt *S) {
    const auto *DS = dyn_cast<DeclStmt>(S);
    if (Found || !DS)
      return;
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D);
          VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType() &&
          (threadKind(VD->getType()) != ThreadKind::None ||
           containerElementKind(VD->getType()) != ThreadKind::None ||
           (isPthreadT(VD->getType()) && !VD->getType()->isArrayType())))
        Found = true;
  }, /*IntoLambdas=*/false);
  return Found;
}
} // namespace

bool LocalThreadAnalysis::analyze(
    const FunctionDecl *FD, llvm::SmallVectorImpl<LocalThreadFinding> &Findings) {
  Stmt *Body = FD ? FD->getBody() : nullptr;
  if (!Body || FD->isDependentContext() || !hasLocalThreads(Body))
    return true;
  Hooks->prepare(Body);
  std::vector<ownership::Finding> Found = Engine->analyze(FD);
  if (Engine->lastRunOverBudget())
    return false;
  std::unique_ptr<ParentMap> PM;
  llvm::SmallPtrSet<const VarDecl *, 4> Reported;
  for (const ownership::Finding &F : Found) {
    if ((F.Acq != &Hooks->Thread && F.Acq != &Hooks->PThread) ||
        F.Kind != ownership::Finding::Leak)
      continue;
    LocalThreadFinding L;
    using LC = ownership::LeakCause;
    L.K = F.Cause == LC::Throw       ? LocalThreadFinding::Exception
          : F.Cause == LC::Overwrite ? LocalThreadFinding::Overwrite
                                     : LocalThreadFinding::ScopeEnd;
    L.Var = dyn_cast_or_null<VarDecl>(F.Owner);
    if (!L.Var || !Reported.insert(L.Var).second)
      continue;
    L.Thread = threadKind(L.Var->getType());
    L.Pthread = F.Acq == &Hooks->PThread;
    if (L.Thread == ThreadKind::None && !L.Pthread) {
      L.Thread = containerElementKind(L.Var->getType());
      L.Container = true;
    }
    L.Loc = F.Loc;
    if (const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(F.LostAt);
        OC && L.K == LocalThreadFinding::Overwrite)
      L.Loc = OC->getOperatorLoc();
    if (L.K == LocalThreadFinding::Exception) {
      if (const auto *CE = dyn_cast_or_null<CallExpr>(F.LostAt))
        L.Thrower = CE->getDirectCallee();
      else if (const auto *CC = dyn_cast_or_null<CXXConstructExpr>(F.LostAt))
        L.Thrower = CC->getConstructor();
    }
    L.Start = dyn_cast_or_null<Expr>(F.Site);
    // The variable the thread was started into: the declaration or the
    // assignment the start is part of.
    L.StartedAs = L.Var;
    if (!PM)
      PM = std::make_unique<ParentMap>(Body);
    for (const Stmt *P = F.Site; P; P = PM->getParent(P)) {
      if (const auto *DS = dyn_cast<DeclStmt>(P)) {
        if (DS->isSingleDecl())
          if (const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl()))
            L.StartedAs = VD;
        break;
      }
      if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P)) {
        if (OC->getOperator() == OO_Equal)
          if (const auto *DR = dyn_cast<DeclRefExpr>(strip(OC->getArg(0))))
            if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl()))
              L.StartedAs = VD;
        break;
      }
    }
    // The throwing call is where the warning already points.
    for (const ownership::PathNote &N : F.Notes)
      if (N.Loc != L.Loc)
        L.PathNotes.push_back({N.Loc, N.Message});
    Findings.push_back(std::move(L));
  }
  return true;
}

} // namespace clang::tidy::leaklint
