//===--- ThreadLifetime.cpp - how long a thread's owner lives ------------===//

#include "ThreadLifetime.h"
#include "FunctionFacts.h"
#include "ThreadModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::leaklint {

using namespace thread_model;

namespace {
const CXXRecordDecl *recordOf(QualType T) {
  const CXXRecordDecl *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  return RD ? RD->getCanonicalDecl() : nullptr;
}

const Stmt *bodyOf(const FunctionDecl *F) {
  const FunctionDecl *Def = nullptr;
  return F && F->hasBody(Def) && Def ? Def->getBody() : nullptr;
}
} // namespace

//===-- Objects never destroyed ----------------------------------------------===//

void ImmortalClasses::addNew(const CXXNewExpr *NE) {
  if (const CXXRecordDecl *RD = recordOf(NE->getAllocatedType())) {
    News[RD].push_back(NE);
    if (const CXXConstructExpr *Init = NE->getConstructExpr())
      NewInits.insert(Init);
  }
}

void ImmortalClasses::addKeptNew(const CXXNewExpr *NE) { Kept.insert(NE); }

void ImmortalClasses::addDelete(const CXXDeleteExpr *DE) {
  if (const CXXRecordDecl *RD = recordOf(DE->getDestroyedType()))
    Deleted.insert(RD);
}

void ImmortalClasses::addConstruct(const CXXConstructExpr *CE) {
  if (const CXXRecordDecl *RD = recordOf(CE->getType()))
    if (!NewInits.count(CE))
      ++Constructs[RD];
}

void ImmortalClasses::clear() {
  News.clear();
  Kept.clear();
  NewInits.clear();
  Deleted.clear();
  Constructs.clear();
}

bool destructorAborts(const CXXDestructorDecl *D) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(bodyOf(D));
  if (!Body)
    return false;
  for (const Stmt *S : Body->body())
    if (const auto *CE = dyn_cast_or_null<CallExpr>(strip(dyn_cast<Expr>(S))))
      if (const FunctionDecl *Callee = CE->getDirectCallee(); Callee && Callee->isNoReturn())
        return true;
  return false;
}

bool ImmortalClasses::immortal(const CXXRecordDecl *RD, bool OnlyPrivateConstructors) const {
  RD = RD->getCanonicalDecl();
  if (const CXXRecordDecl *Def = RD->getDefinition())
    if (destructorAborts(Def->getDestructor()))
      return true;
  auto It = News.find(RD);
  if (It == News.end() || It->second.empty())
    return false;
  // Made anywhere else (a local, a member, a base, a copy), or by a `new`
  // whose result is not kept for good: it can be destroyed.
  if (Constructs.lookup(RD) > 0 ||
      llvm::any_of(It->second, [&](const CXXNewExpr *NE) { return !Kept.count(NE); }))
    return false;
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def || Deleted.count(RD))
    return false;
  bool DeletedAsBase = false;
  Def->forallBases([&](const CXXRecordDecl *Base) {
    DeletedAsBase |= Deleted.count(Base->getCanonicalDecl()) != 0;
    return true;
  });
  if (DeletedAsBase)
    return false;
  if (!OnlyPrivateConstructors)
    return true;
  if (Def->needsImplicitDefaultConstructor())
    return false;
  return llvm::none_of(Def->ctors(), [](const CXXConstructorDecl *C) {
    return !C->isDeleted() && C->getAccess() == AS_public && !C->isCopyOrMoveConstructor();
  });
}

//===-- Functions that start a thread into a parameter ----------------------===//

namespace {
// The parameter \p E designates as an out-location: `p`, `*p`, `&*p`, `&p[0]`.
const ParmVarDecl *outParam(const Expr *E) {
  for (unsigned Steps = 0; E && Steps < 8; ++Steps) {
    E = E->IgnoreParenCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<ParmVarDecl>(DRE->getDecl());
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && (UO->getOpcode() == UO_Deref || UO->getOpcode() == UO_AddrOf)) {
      E = UO->getSubExpr();
      continue;
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
        OC && OC->getOperator() == OO_Star && OC->getNumArgs() == 1) {
      E = OC->getArg(0);
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

bool holdsThreadHandle(QualType T) {
  if (!T->isPointerType() && !T->isReferenceType())
    return false;
  QualType Pointee = T->getPointeeType();
  if (Pointee.isConstQualified())
    return false;
  return isPthreadT(Pointee) || threadKind(Pointee) != ThreadKind::None;
}
} // namespace

std::optional<unsigned> threadStartingParam(const FunctionDecl *F, unsigned Depth) {
  const Stmt *Body = bodyOf(F);
  if (!Body || Depth > 3 ||
      llvm::none_of(F->parameters(),
                    [](const ParmVarDecl *P) { return holdsThreadHandle(P->getType()); }))
    return std::nullopt;
  const FunctionDecl *Def = nullptr;
  F->hasBody(Def);
  llvm::SmallPtrSet<const ParmVarDecl *, 2> Starts, Ends;
  bool DetachedAttr = false;
  forEachStmt(Body, [&](const Stmt *S) {
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      // Created detached: nothing to join.
      if (isGlobalCall(CE, "pthread_attr_setdetachstate") && CE->getNumArgs() == 2) {
        const auto *DRE = dyn_cast<DeclRefExpr>(CE->getArg(1)->IgnoreParenImpCasts());
        DetachedAttr |= !DRE || DRE->getDecl()->getName() != "PTHREAD_CREATE_JOINABLE";
        return;
      }
      if (threadCreateCall(CE)) {
        if (const ParmVarDecl *P = outParam(CE->getArg(0)))
          Starts.insert(P);
        return;
      }
      if (joinsOrDetachesPthread(CE)) {
        if (const ParmVarDecl *P = outParam(CE->getArg(0)))
          Ends.insert(P);
        return;
      }
      if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE)) {
        if (isJoinOrDetach(MCE->getMethodDecl()))
          if (const ParmVarDecl *P = outParam(MCE->getImplicitObjectArgument()))
            Ends.insert(P);
        return;
      }
      if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE)) {
        // `out = std::thread(f)`, `*out = std::thread(f)`.
        if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2 &&
            threadKind(OC->getArg(0)->getType()) != ThreadKind::None)
          if (const auto *Made = dyn_cast<CXXConstructExpr>(strip(OC->getArg(1)));
              Made && startsThread(Made))
            if (const ParmVarDecl *P = outParam(OC->getArg(0)))
              Starts.insert(P);
        return;
      }
      // Passed on to another function that starts into it.
      const FunctionDecl *Callee = CE->getDirectCallee();
      if (!Callee || Callee == Def)
        return;
      if (std::optional<unsigned> I = threadStartingParam(Callee, Depth + 1);
          I && *I < CE->getNumArgs())
        if (const ParmVarDecl *P = outParam(CE->getArg(*I)))
          Starts.insert(P);
    }
  });
  if (DetachedAttr)
    return std::nullopt;
  for (const ParmVarDecl *P : Def->parameters())
    if (Starts.count(P) && !Ends.count(P) && holdsThreadHandle(P->getType()))
      return P->getFunctionScopeIndex();
  return std::nullopt;
}

//===-- Joins under a condition ----------------------------------------------===//

namespace {
struct Guard {
  const Expr *Cond;
  bool Value; ///< the join runs only if Cond evaluates to Value
};

bool containsReturn(const Stmt *S) {
  bool Found = false;
  forEachStmt(S, [&](const Stmt *X) { Found |= isa<ReturnStmt>(X); }, /*IntoLambdas=*/false);
  return Found;
}

bool endsInReturn(const Stmt *S) {
  if (isa_and_nonnull<ReturnStmt>(S))
    return true;
  const auto *CS = dyn_cast_or_null<CompoundStmt>(S);
  return CS && !CS->body_empty() && isa<ReturnStmt>(CS->body_back());
}

// The conditions under which \p S runs in its function: the ifs around it
// and the `if (c) return;` before it. False when other control flow (a
// loop, a switch, another early return) decides, which is not followed.
bool guardsOf(const Stmt *S, const ParentMap &PM, llvm::SmallVectorImpl<Guard> &Out) {
  const Stmt *Child = S;
  for (const Stmt *P = PM.getParent(S); P; Child = P, P = PM.getParent(P)) {
    if (const auto *If = dyn_cast<IfStmt>(P)) {
      if (Child == If->getThen())
        Out.push_back({If->getCond(), true});
      else if (Child == If->getElse())
        Out.push_back({If->getCond(), false});
      continue;
    }
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, SwitchStmt, ConditionalOperator,
            BinaryConditionalOperator, LambdaExpr>(P))
      return false;
    if (const auto *BO = dyn_cast<BinaryOperator>(P); BO && BO->isLogicalOp() &&
                                                      Child == BO->getRHS())
      return false;
    if (const auto *CS = dyn_cast<CompoundStmt>(P))
      for (const Stmt *Sib : CS->body()) {
        if (Sib == Child)
          break;
        if (const auto *If = dyn_cast<IfStmt>(Sib);
            If && !If->getElse() && endsInReturn(If->getThen()) &&
            !containsReturn(If->getCond())) {
          Out.push_back({If->getCond(), false});
          continue;
        }
        if (containsReturn(Sib))
          return false;
      }
  }
  return true;
}

// `t_`, `this->t_`.
bool namesMember(const Expr *E, const FieldDecl *F) {
  const auto *ME = dyn_cast_or_null<MemberExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  return ME && ME->getMemberDecl() == F &&
         isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
}

bool isBoolFlag(const FieldDecl *F) {
  QualType T = F->getType();
  if (T->isBooleanType())
    return true;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  return Spec && Spec->isInStdNamespace() && Spec->getName() == "atomic" &&
         Spec->getTemplateArgs().size() == 1 &&
         Spec->getTemplateArgs()[0].getAsType()->isBooleanType();
}

// The bool member \p E reads: `running_`, `running_.load()`, `running_`
// converted from std::atomic<bool>.
const FieldDecl *flagRead(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *MD = MCE->getMethodDecl();
    if (!MD || MCE->getNumArgs() > 1 ||
        !(isa<CXXConversionDecl>(MD) || (MD->getIdentifier() && MD->getName() == "load")))
      return nullptr;
    E = MCE->getImplicitObjectArgument()->IgnoreParenImpCasts();
  }
  const auto *ME = dyn_cast<MemberExpr>(E);
  const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  return F && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()) && isBoolFlag(F) ? F
                                                                                     : nullptr;
}

std::optional<bool> boolLiteral(const Expr *E) {
  if (const auto *B = dyn_cast_or_null<CXXBoolLiteralExpr>(E ? E->IgnoreParenImpCasts() : nullptr))
    return B->getValue();
  return std::nullopt;
}

// `running_ = v`, `running_.store(v)`, `running_.exchange(v)`: the flag and
// the value when it is a literal.
std::optional<std::pair<const FieldDecl *, std::optional<bool>>> flagWrite(const Stmt *S) {
  const Expr *LHS = nullptr, *RHS = nullptr;
  if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->getOpcode() == BO_Assign) {
    LHS = BO->getLHS();
    RHS = BO->getRHS();
  } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S);
             OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2) {
    LHS = OC->getArg(0);
    RHS = OC->getArg(1);
  } else if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(S)) {
    const CXXMethodDecl *MD = MCE->getMethodDecl();
    if (MD && MD->getIdentifier() && (MD->getName() == "store" || MD->getName() == "exchange") &&
        MCE->getNumArgs() >= 1) {
      LHS = MCE->getImplicitObjectArgument();
      RHS = MCE->getArg(0);
    }
  }
  const auto *ME = dyn_cast_or_null<MemberExpr>(LHS ? LHS->IgnoreParenImpCasts() : nullptr);
  const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  if (!F || !isBoolFlag(F) || !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return std::nullopt;
  return std::make_pair(F, boolLiteral(RHS));
}

// The flag's value before any member function runs: its default member
// initializer, or what every constructor's initializer list sets.
std::optional<bool> initialValue(const FieldDecl *F, const CXXRecordDecl *RD) {
  std::optional<bool> V;
  if (const Expr *Init = F->getInClassInitializer()) {
    const Expr *E = strip(Init);
    if (const auto *IL = dyn_cast<InitListExpr>(E); IL && IL->getNumInits() == 1)
      E = IL->getInit(0);
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E); CE && CE->getNumArgs() == 1)
      E = CE->getArg(0);
    V = boolLiteral(E);
  }
  for (const CXXConstructorDecl *Ctor : RD->ctors()) {
    const FunctionDecl *Def = nullptr;
    if (!Ctor->hasBody(Def) || !Def)
      continue;
    for (const CXXCtorInitializer *CI : cast<CXXConstructorDecl>(Def)->inits())
      if (CI->isWritten() && CI->getMember() == F) {
        const Expr *E = strip(CI->getInit());
        if (const auto *IL = dyn_cast<InitListExpr>(E); IL && IL->getNumInits() == 1)
          E = IL->getInit(0);
        if (const auto *CE = dyn_cast<CXXConstructExpr>(E); CE && CE->getNumArgs() == 1)
          E = CE->getArg(0);
        std::optional<bool> B = boolLiteral(E);
        if (!B || (V && *V != *B))
          return std::nullopt; // differs between constructors
        V = B;
      }
  }
  return V;
}

enum class GuardKind { Safe, Flag, Other };
struct ClassifiedGuard {
  GuardKind K;
  const Expr *Cond;
  bool Value;
  const FieldDecl *Flag = nullptr;
};

// `t_.joinable()`, `t_.get_id() != std::thread::id()`: true exactly while
// the thread must still be joined.
bool testsJoinable(const Expr *E, const FieldDecl *Thread, bool &Positive) {
  E = E->IgnoreParenImpCasts();
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *MD = MCE->getMethodDecl();
    Positive = true;
    return MD && MD->getIdentifier() && MD->getName() == "joinable" &&
           namesMember(MCE->getImplicitObjectArgument(), Thread);
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
      OC && OC->getNumArgs() == 2 &&
      (OC->getOperator() == OO_ExclaimEqual || OC->getOperator() == OO_EqualEqual)) {
    for (const Expr *Side : {OC->getArg(0), OC->getArg(1)})
      if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(Side->IgnoreParenImpCasts())) {
        const CXXMethodDecl *MD = MCE->getMethodDecl();
        if (MD && MD->getIdentifier() && MD->getName() == "get_id" &&
            namesMember(MCE->getImplicitObjectArgument(), Thread)) {
          Positive = OC->getOperator() == OO_ExclaimEqual;
          return true;
        }
      }
  }
  return false;
}

void classify(const Expr *Cond, bool Value, const FieldDecl *Thread,
              llvm::SmallVectorImpl<ClassifiedGuard> &Out) {
  const Expr *E = Cond->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_LNot)
    return classify(UO->getSubExpr(), !Value, Thread, Out);
  if (const auto *BO = dyn_cast<BinaryOperator>(E); BO && BO->isLogicalOp()) {
    bool And = BO->getOpcode() == BO_LAnd;
    // Both parts must hold (`a && b` true, `a || b` false): each is a guard.
    if (And == Value) {
      classify(BO->getLHS(), Value, Thread, Out);
      classify(BO->getRHS(), Value, Thread, Out);
      return;
    }
    // Either part suffices: one that is true whenever the thread must be
    // joined makes the whole guard safe.
    llvm::SmallVector<ClassifiedGuard, 2> L, R;
    classify(BO->getLHS(), Value, Thread, L);
    classify(BO->getRHS(), Value, Thread, R);
    auto AllSafe = [](llvm::ArrayRef<ClassifiedGuard> G) {
      return llvm::all_of(G, [](const ClassifiedGuard &C) { return C.K == GuardKind::Safe; });
    };
    if (AllSafe(L) || AllSafe(R))
      return;
    Out.push_back({GuardKind::Other, Cond, Value});
    return;
  }
  bool Positive = true;
  if (testsJoinable(E, Thread, Positive)) {
    Out.push_back({Positive == Value ? GuardKind::Safe : GuardKind::Other, Cond, Value});
    return;
  }
  // `flag == true`, `flag != false`.
  if (const auto *BO = dyn_cast<BinaryOperator>(E); BO && BO->isEqualityOp())
    if (std::optional<bool> Lit = boolLiteral(BO->getRHS()))
      if (const FieldDecl *F = flagRead(BO->getLHS())) {
        bool Eq = BO->getOpcode() == BO_EQ;
        Out.push_back({GuardKind::Flag, Cond, (*Lit == Eq) == Value, F});
        return;
      }
  if (const FieldDecl *F = flagRead(E)) {
    Out.push_back({GuardKind::Flag, Cond, Value, F});
    return;
  }
  Out.push_back({GuardKind::Other, Cond, Value});
}

bool releasesThread(const FunctionDecl *F, const FieldDecl *Thread, unsigned Depth = 0) {
  const Stmt *Body = bodyOf(F);
  if (!Body || Depth > 3)
    return false;
  bool Found = false;
  forEachStmt(Body, [&](const Stmt *S) {
    const auto *MCE = dyn_cast<CXXMemberCallExpr>(S);
    if (Found || !MCE)
      return;
    if (isJoinOrDetach(MCE->getMethodDecl()) && namesMember(MCE->getImplicitObjectArgument(), Thread))
      Found = true;
    else if (isCallOnThis(MCE))
      Found = releasesThread(MCE->getMethodDecl(), Thread, Depth + 1);
  });
  return Found;
}

// A member function that other code cannot call, and that the class calls
// only from functions that join or detach \p Thread themselves (a helper
// of stop()): what it clears is cleared with the join.
bool onlyCalledByJoiners(const FunctionDecl *M, llvm::ArrayRef<const FunctionDecl *> Methods,
                         const FieldDecl *Thread) {
  if (M->getAccess() == AS_public)
    return false;
  const FunctionDecl *Canon = M->getCanonicalDecl();
  unsigned Calls = 0;
  bool Other = false;
  for (const FunctionDecl *Caller : Methods) {
    if (Caller->getCanonicalDecl() == Canon)
      continue;
    const bool Joins = releasesThread(Caller, Thread);
    forEachStmt(Caller->getBody(), [&](const Stmt *S) {
      if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(S)) {
        if (MCE->getMethodDecl() && MCE->getMethodDecl()->getCanonicalDecl() == Canon) {
          if (Joins && isCallOnThis(MCE))
            ++Calls;
          else
            Other = true;
        }
        return;
      }
      // Named other than as the callee of a call (`&C::m`, a thread's
      // entry point): run by code not followed here.
      if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
        Other |= DRE->getDecl()->getCanonicalDecl() == Canon;
    });
  }
  // The callee of a member call is a MemberExpr, never a DeclRefExpr;
  // `&C::m` is a DeclRefExpr, and a bound `this->m` outside a call cannot
  // be written.
  return Calls > 0 && !Other;
}

bool startsIn(const FunctionDecl *F, const FieldDecl *Thread, const Stmt *&Where) {
  const Stmt *Body = bodyOf(F);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(F)) {
    const FunctionDecl *Def = nullptr;
    if (Ctor->hasBody(Def) && Def)
      for (const CXXCtorInitializer *CI : cast<CXXConstructorDecl>(Def)->inits())
        if (CI->getMember() == Thread && CI->isWritten())
          if (const auto *CE = dyn_cast<CXXConstructExpr>(strip(CI->getInit()));
              CE && startsThread(CE)) {
            Where = CI->getInit();
            return true;
          }
  }
  bool Found = false;
  forEachStmt(Body, [&](const Stmt *S) {
    const auto *OC = dyn_cast<CXXOperatorCallExpr>(S);
    if (Found || !OC || OC->getOperator() != OO_Equal || OC->getNumArgs() != 2 ||
        !namesMember(OC->getArg(0), Thread))
      return;
    const auto *CE = dyn_cast<CXXConstructExpr>(strip(OC->getArg(1)));
    if (!CE || CE->getNumArgs() > 0) {
      Found = true;
      Where = OC;
    }
  });
  return Found;
}

std::string conditionText(const Expr *Cond, const ASTContext &Ctx) {
  CharSourceRange R = CharSourceRange::getTokenRange(Cond->getSourceRange());
  std::string T =
      Lexer::getSourceText(R, Ctx.getSourceManager(), Ctx.getLangOpts()).str();
  if (T.empty() || T.size() > 40 || T.find('\n') != std::string::npos)
    return "";
  return T;
}
} // namespace

std::optional<JoinGuardFinding>
unsafeJoinGuard(const FieldDecl *Thread, const CXXRecordDecl *RD,
                llvm::ArrayRef<const FunctionDecl *> Reach,
                llvm::ArrayRef<const CallExpr *> CalledAt, llvm::ArrayRef<unsigned> CallerOf,
                llvm::ArrayRef<const FunctionDecl *> Methods, bool Strict, ASTContext &Ctx) {
  // The one place the destructor's code joins or detaches the thread.
  const Stmt *Release = nullptr;
  unsigned In = 0;
  for (unsigned I = 0; I < Reach.size(); ++I)
    forEachStmt(Reach[I]->getBody(), [&](const Stmt *S) {
      const auto *MCE = dyn_cast<CXXMemberCallExpr>(S);
      if (MCE && isJoinOrDetach(MCE->getMethodDecl()) &&
          namesMember(MCE->getImplicitObjectArgument(), Thread)) {
        if (Release)
          In = ~0u; // several: the paths are not followed
        else {
          Release = MCE;
          In = I;
        }
      }
    });
  if (!Release || In == ~0u)
    return std::nullopt;
  // Its guards, up to the destructor through the calls that reach it.
  llvm::SmallVector<Guard, 4> Guards;
  // CalledAt[I], the call that runs Reach[I], is a statement of
  // Reach[CallerOf[I]].
  const Stmt *At = Release;
  for (unsigned I = In;;) {
    ParentMap PM(const_cast<Stmt *>(Reach[I]->getBody()));
    if (!guardsOf(At, PM, Guards))
      return std::nullopt;
    if (I == 0)
      break;
    At = CalledAt[I];
    I = CallerOf[I];
  }
  llvm::SmallVector<ClassifiedGuard, 4> Classified;
  for (const Guard &G : Guards)
    classify(G.Cond, G.Value, Thread, Classified);
  for (const ClassifiedGuard &G : Classified) {
    if (G.K == GuardKind::Safe)
      continue;
    JoinGuardFinding F;
    F.Cond = G.Cond;
    F.Value = G.Value;
    if (G.K == GuardKind::Other) {
      if (!Strict)
        continue; // cannot tell: silent
      F.Text = conditionText(G.Cond, Ctx);
      return F;
    }
    F.Text = G.Flag->getNameAsString();
    // Code of the class that makes the flag fail while the thread may run:
    // a member function that clears it without joining (not a constructor:
    // the thread is not running yet).
    bool SetsValue = false, Unknown = false, ClearsWithJoinOnly = true;
    for (const FunctionDecl *M : Methods) {
      if (isa<CXXDestructorDecl>(M))
        continue;
      bool Ctor = isa<CXXConstructorDecl>(M);
      forEachStmt(M->getBody(), [&](const Stmt *S) {
        auto W = flagWrite(S);
        if (!W || W->first != G.Flag)
          return;
        if (!W->second) {
          Unknown = true;
          return;
        }
        if (*W->second == G.Value) {
          SetsValue = true;
          return;
        }
        if (Ctor || releasesThread(M, Thread) || onlyCalledByJoiners(M, Methods, Thread))
          return;
        ClearsWithJoinOnly = false;
        if (!F.Evidence) {
          F.Evidence = S;
          F.EvidenceIn = M;
          F.Why = JoinGuardFinding::ClearedWithoutJoin;
        }
      });
    }
    if (F.Evidence)
      return F;
    // Nothing ever sets it, and it starts out failing: the join never runs.
    std::optional<bool> Init = initialValue(G.Flag, RD);
    if (!SetsValue && !Unknown && Init && *Init != G.Value) {
      for (const FunctionDecl *M : Methods)
        if (const Stmt *Where = nullptr; startsIn(M, Thread, Where)) {
          F.Evidence = Where;
          F.EvidenceIn = M;
          F.Why = JoinGuardFinding::NeverSet;
          return F;
        }
    }
    // Strict: unless every start sets the flag and every clear joins.
    if (Strict) {
      bool Proven = ClearsWithJoinOnly && !Unknown;
      for (const FunctionDecl *M : Methods) {
        const Stmt *Where = nullptr;
        if (!startsIn(M, Thread, Where))
          continue;
        bool Sets = false;
        forEachStmt(M->getBody(), [&](const Stmt *S) {
          if (auto W = flagWrite(S); W && W->first == G.Flag && W->second == G.Value)
            Sets = true;
        });
        // Started in a constructor, the flag may hold from the start.
        Proven &= Sets || (isa<CXXConstructorDecl>(M) && Init && *Init == G.Value);
      }
      if (!Proven)
        return F;
    }
  }
  return std::nullopt;
}

namespace {
bool functionRunsForever(const FunctionDecl *F, ASTContext &Ctx,
                         unsigned Depth) {
  const FunctionDecl *Def = nullptr;
  if (!F || Depth > 3 || !F->hasBody(Def) || !Def->getBody())
    return false;
  return ownership::detail::bodyNeverReturns(Def, Ctx, [&](const CallExpr *CE) {
    return functionRunsForever(CE->getDirectCallee(), Ctx, Depth + 1);
  });
}
} // namespace

namespace {
/// The function a thread started with \p Callable runs: a lambda's call
/// operator, `&C::run`, a function.
const FunctionDecl *threadFunction(const Expr *Callable) {
  const Expr *E =
      Callable ? thread_model::strip(Callable)->IgnoreParenImpCasts() : nullptr;
  if (const auto *LE = dyn_cast_or_null<LambdaExpr>(E))
    return LE->getCallOperator();
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf)
    E = UO->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
    return dyn_cast<FunctionDecl>(DRE->getDecl());
  return nullptr;
}

/// \p F and the member functions it calls on its own object, a few levels
/// deep: the code that runs when \p F does.
llvm::SmallVector<const FunctionDecl *, 8>
withCallsOnThis(const FunctionDecl *F) {
  llvm::SmallVector<const FunctionDecl *, 8> Reach;
  const FunctionDecl *Def = nullptr;
  if (F && F->hasBody(Def) && Def->getBody())
    Reach.push_back(Def);
  for (size_t I = 0; I < Reach.size() && Reach.size() < 8; ++I)
    forEachStmt(Reach[I]->getBody(), [&](const Stmt *S) {
      const auto *MCE = dyn_cast<CXXMemberCallExpr>(S);
      const CXXMethodDecl *Callee = MCE ? MCE->getMethodDecl() : nullptr;
      const FunctionDecl *CalleeDef = nullptr;
      if (Callee && isCallOnThis(MCE) && Callee->hasBody(CalleeDef) &&
          CalleeDef && !llvm::is_contained(Reach, CalleeDef))
        Reach.push_back(CalleeDef);
    });
  return Reach;
}
} // namespace

bool destructorAwaitsFlagOf(const CXXRecordDecl *RD, const Expr *Callable) {
  const CXXRecordDecl *Def = RD ? RD->getDefinition() : nullptr;
  const CXXDestructorDecl *Dtor = Def ? Def->getDestructor() : nullptr;
  if (!Dtor || !Dtor->isUserProvided())
    return false;
  // The flags of the object the thread sets (to any value).
  llvm::SmallPtrSet<const FieldDecl *, 4> Set;
  for (const FunctionDecl *F : withCallsOnThis(threadFunction(Callable)))
    forEachStmt(F->getBody(), [&](const Stmt *S) {
      if (auto W = flagWrite(S); W && W->first->getParent() == Def)
        Set.insert(W->first);
    });
  if (Set.empty())
    return false;
  // A loop of the destructor (or of what it calls on its object) that
  // tests one of them: `while (!ended_) Update();`.
  bool Awaits = false;
  for (const FunctionDecl *F : withCallsOnThis(Dtor))
    forEachStmt(F->getBody(), [&](const Stmt *S) {
      const Expr *Cond = nullptr;
      if (const auto *W = dyn_cast<WhileStmt>(S))
        Cond = W->getCond();
      else if (const auto *D = dyn_cast<DoStmt>(S))
        Cond = D->getCond();
      else if (const auto *For = dyn_cast<ForStmt>(S))
        Cond = For->getCond();
      if (!Cond || Awaits)
        return;
      forEachStmt(Cond, [&](const Stmt *X) {
        if (const auto *E = dyn_cast<Expr>(X))
          if (const FieldDecl *Flag = flagRead(E); Flag && Set.count(Flag))
            Awaits = true;
      });
    });
  return Awaits;
}

bool runsForever(const Expr *Callable, ASTContext &Ctx) {
  return functionRunsForever(threadFunction(Callable), Ctx, 0);
}

} // namespace clang::tidy::leaklint
