//===--- UnjoinedThreadCheck.cpp - leaklint-unjoined-thread ---------------------------------===//
//
// Six analyses share this check:
//   * local threads and local containers of threads: LocalThreadAnalysis
//     walks the CFG of every function that has one (joinable at a scope end
//     on some path);
//   * thread members and members holding threads: started by the class and
//     not joined or detached by what its destructor runs;
//   * local containers of threads: filled, and destroyed or cleared without
//     a loop that joins or detaches the elements;
//   * detached threads, and threads stored in members or globals, whose
//     callable refers to locals by reference, to stack memory, or to `this`;
//   * pthread_create whose pthread_t is never joined nor detached in the TU;
//   * internal-linkage globals and local statics owning threads that nothing
//     in the TU joins (destroyed at exit).
//
//===----------------------------------------------------------------------===//

#include "UnjoinedThreadCheck.h"
#include "AstHelpers.h"
#include "ThreadModel.h"
#include "TitledFix.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"
#include <functional>
#include <optional>

using namespace clang::ast_matchers;

namespace clang::tidy::leaklint {

using namespace thread_model;

namespace {

AST_MATCHER(FieldDecl, holdsThreads) {
  return threadKind(Node.getType()) != ThreadKind::None ||
         containerElementKind(Node.getType()) != ThreadKind::None;
}

AST_MATCHER(VarDecl, isLocalThreadOrContainer) {
  if (!Node.hasLocalStorage() || isa<ParmVarDecl>(Node) ||
      Node.getType()->isReferenceType())
    return false;
  return threadKind(Node.getType()) != ThreadKind::None ||
         containerElementKind(Node.getType()) != ThreadKind::None;
}

AST_MATCHER(VarDecl, isGlobalThreadOwner) {
  return threadKind(Node.getType()) != ThreadKind::None ||
         containerElementKind(Node.getType()) != ThreadKind::None;
}

AST_MATCHER(ValueDecl, hasPthreadType) { return isPthreadT(Node.getType()); }

// A class with a thread, a container of threads or a pthread_t as a member.
bool ownsThreads(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition())
    return false;
  return llvm::any_of(RD->getDefinition()->fields(), [](const FieldDecl *F) {
    return threadKind(F->getType()) != ThreadKind::None ||
           containerElementKind(F->getType()) != ThreadKind::None;
  });
}

AST_MATCHER(CXXNewExpr, allocatesThreadOwner) {
  return ownsThreads(Node.getAllocatedType()->getAsCXXRecordDecl());
}

AST_MATCHER(CXXConstructExpr, constructsThreadOwner) {
  return ownsThreads(Node.getConstructor()->getParent());
}

// A function of the TU with a `pthread_t *` parameter: it may start a
// thread into it (`int my_thread_create(pthread_t *t, ...)`).
AST_MATCHER(FunctionDecl, mayStartPthreadInto) {
  return Node.isDefined() && llvm::any_of(Node.parameters(), [](const ParmVarDecl *P) {
           return P->getType()->isPointerType() && isPthreadT(P->getType()->getPointeeType());
         });
}

const Stmt *bodyOf(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  return FD && FD->hasBody(Def) && Def ? Def->getBody() : nullptr;
}

/// Whether \p Body joins, detaches or hands away the thread(s) owned by
/// \p Owner (a thread or a container of threads), counting only what happens
/// before \p Before when it is valid. Hands away means: moved, passed by
/// non-const reference, returned, captured by reference, address taken.
bool releases(const Stmt *Body, const Decl *Owner, const SourceManager &SM,
              SourceLocation Before = SourceLocation(),
              const llvm::SmallPtrSetImpl<const Stmt *> *Starts = nullptr) {
  llvm::SmallPtrSet<const Decl *, 8> Derived;
  Derived.insert(Owner);
  bool Released = false;
  auto InTime = [&](const Stmt *S) {
    return Before.isInvalid() ||
           SM.isBeforeInTranslationUnit(S->getBeginLoc(), Before);
  };
  forEachStmt(Body, [&](const Stmt *S) {
    if (Released)
      return;
    // Names bound to the elements: loop variables, iterators, references.
    if (const auto *For = dyn_cast<CXXForRangeStmt>(S)) {
      if (mentions(For->getRangeInit(), Derived)) {
        const VarDecl *LV = For->getLoopVariable();
        Derived.insert(LV);
        if (const auto *DD = dyn_cast<DecompositionDecl>(LV))
          for (const BindingDecl *BD : DD->bindings())
            Derived.insert(BD);
      }
      return;
    }
    if (const auto *VD = dyn_cast_or_null<VarDecl>(
            isa<DeclStmt>(S) && cast<DeclStmt>(S)->isSingleDecl()
                ? cast<DeclStmt>(S)->getSingleDecl()
                : nullptr)) {
      if (VD->getInit() && mentions(VD->getInit(), Derived))
        Derived.insert(VD);
      return;
    }
    if (!InTime(S))
      return;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(S)) {
      if (isJoinOrDetach(MCE->getMethodDecl()) &&
          mentions(MCE->getImplicitObjectArgument(), Derived))
        Released = true;
    }
    if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
      Released |= Ret->getRetValue() && Derived.count(directDecl(Ret->getRetValue()));
      return;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
      Released |= UO->getOpcode() == UO_AddrOf &&
                  Derived.count(directDecl(UO->getSubExpr()));
      return;
    }
    if (const auto *LE = dyn_cast<LambdaExpr>(S)) {
      for (const LambdaCapture &C : LE->captures())
        Released |= C.capturesVariable() && C.getCaptureKind() == LCK_ByRef &&
                    Derived.count(C.getCapturedVar());
      return;
    }
    if (const auto *Ctor = dyn_cast<CXXConstructExpr>(S)) {
      for (const Expr *Arg : Ctor->arguments())
        if (const Expr *M = movedOperand(Arg))
          Released |= mentions(M, Derived);
      return;
    }
    const auto *CE = dyn_cast<CallExpr>(S);
    if (!CE || isa<CXXOperatorCallExpr>(CE) || (Starts && Starts->count(CE)))
      return;
    // std::for_each(v.begin(), v.end(), [](std::thread &t) { t.join(); })
    // and std::for_each(..., std::mem_fn(&std::thread::join)).
    bool ArgMentions = false, ArgJoins = false;
    for (const Expr *Arg : CE->arguments()) {
      ArgMentions |= mentions(Arg, Derived);
      ArgJoins |= containsJoinOrDetach(Arg);
    }
    if (ArgMentions && ArgJoins) {
      Released = true;
      return;
    }
    // Handed to a callee that may join it: by non-const reference, pointer
    // or move.
    const FunctionDecl *FD = CE->getDirectCallee();
    for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
      const Expr *Arg = CE->getArg(I);
      const Decl *D = directDecl(Arg);
      if (const Expr *M = movedOperand(Arg))
        D = directDecl(M);
      if (!D || !Derived.count(D))
        continue;
      QualType PT = FD && I < FD->getNumParams() ? FD->getParamDecl(I)->getType()
                                                 : QualType();
      if (PT.isNull() || !PT->isReferenceType() ||
          !PT.getNonReferenceType().isConstQualified())
        Released = true;
    }
  });
  return Released;
}

/// The member functions of \p RD with a body in the TU (definitions): its
/// methods, and the instantiations of its member function templates.
llvm::SmallVector<const FunctionDecl *, 16> definedMethods(const CXXRecordDecl *RD) {
  llvm::SmallVector<const FunctionDecl *, 16> Out;
  auto Add = [&](const FunctionDecl *FD) {
    const FunctionDecl *Def = nullptr;
    if (FD->hasBody(Def) && Def && !llvm::is_contained(Out, Def))
      Out.push_back(Def);
  };
  for (const Decl *D : RD->decls()) {
    if (const auto *MD = dyn_cast<CXXMethodDecl>(D))
      Add(MD);
    else if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(D))
      for (const FunctionDecl *Spec : FTD->specializations())
        Add(Spec);
  }
  return Out;
}

/// The calls in \p Body to functions of the TU that start a thread into
/// what \p Owner names (`spawn(t)`, `start_thread(&t, f)`).
llvm::SmallPtrSet<const Stmt *, 2> wrapperStarts(const Stmt *Body, const Decl *Owner) {
  llvm::SmallPtrSet<const Stmt *, 2> Out;
  forEachStmt(Body, [&](const Stmt *S) {
    const auto *CE = dyn_cast<CallExpr>(S);
    if (!CE || isa<CXXOperatorCallExpr>(CE) || !CE->getDirectCallee() ||
        threadCreateCall(CE))
      return;
    if (std::optional<unsigned> I = threadStartingParam(CE->getDirectCallee());
        I && *I < CE->getNumArgs() && rootDecl(CE->getArg(*I)) == Owner)
      Out.insert(CE);
  });
  return Out;
}

SourceLocation locOf(const Stmt *S) {
  if (const auto *E = dyn_cast_or_null<Expr>(S))
    return E->getExprLoc();
  return S ? S->getBeginLoc() : SourceLocation();
}

const Stmt *parentSkippingWrappers(const Stmt *S, const ParentMap &PM) {
  const Stmt *P = PM.getParent(S);
  while (P && isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr,
                  CXXBindTemporaryExpr, ExprWithCleanups, CXXFunctionalCastExpr>(P))
    P = PM.getParent(P);
  return P;
}

bool isAutomaticObject(const ValueDecl *D) {
  const auto *VD = dyn_cast_or_null<VarDecl>(D);
  return VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType();
}

bool isStdSmartPointer(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         (RD->getName() == "shared_ptr" || RD->getName() == "weak_ptr");
}

/// The automatic variable whose storage \p E points into (`&x`, `buf`, a
/// pointer variable initialised so), or null.
const VarDecl *pointedStackObject(const Expr *E, int Depth = 0) {
  if (!E || Depth > 2)
    return nullptr;
  const Expr *S = E->IgnoreParenCasts();
  // A local array passed by reference to a forwarding constructor reaches
  // the thread as a pointer to its first element.
  if (E->getType()->isArrayType()) {
    const auto *DRE = dyn_cast<DeclRefExpr>(S);
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    return VD && isAutomaticObject(VD) ? VD : nullptr;
  }
  if (!E->getType()->isPointerType())
    return nullptr;
  if (const auto *UO = dyn_cast<UnaryOperator>(S))
    if (UO->getOpcode() == UO_AddrOf) {
      const auto *VD = dyn_cast_or_null<VarDecl>(rootDecl(UO->getSubExpr()));
      return isAutomaticObject(VD) && !isa<MemberExpr>(strip(UO->getSubExpr()))
                 ? VD
                 : nullptr;
    }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return nullptr;
    if (VD->getType()->isArrayType())
      return isAutomaticObject(VD) ? VD : nullptr;
    if (VD->getType()->isPointerType() && VD->hasLocalStorage())
      return pointedStackObject(VD->getInit(), Depth + 1);
  }
  return nullptr;
}

struct DangerousCapture {
  enum Kind { ByRef, Pointer, This } K;
  SourceLocation Loc;
  const ValueDecl *Var = nullptr;
};

void argumentDangers(const Expr *Arg, llvm::SmallVectorImpl<DangerousCapture> &Out) {
  const Expr *S = strip(Arg);
  if (const auto *CE = dyn_cast_or_null<CallExpr>(S))
    if (CE->getNumArgs() == 1 && isStdCall(CE, {"ref", "cref"})) {
      const auto *D = dyn_cast_or_null<ValueDecl>(directDecl(CE->getArg(0)));
      if (isAutomaticObject(D))
        Out.push_back({DangerousCapture::ByRef, Arg->getBeginLoc(), D});
      return;
    }
  if (isa_and_nonnull<CXXThisExpr>(S)) {
    Out.push_back({DangerousCapture::This, Arg->getBeginLoc(), nullptr});
    return;
  }
  if (const VarDecl *VD = pointedStackObject(Arg)) {
    Out.push_back({DangerousCapture::Pointer, Arg->getBeginLoc(), VD});
    return;
  }
  // A function object whose reference or pointer member was bound to a local
  // (`struct func { int &i; }; func f(local); std::thread t(f);`): the copy
  // the thread makes still refers to it.
  const Expr *Made = S;
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(S))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
        VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType())
      Made = VD->getInit() ? strip(VD->getInit()) : nullptr;
  auto Bound = [&](const FieldDecl *F, const Expr *Init) {
    if (F->getType()->isReferenceType()) {
      const auto *D = dyn_cast_or_null<ValueDecl>(directDecl(Init));
      if (isAutomaticObject(D))
        Out.push_back({DangerousCapture::ByRef, Arg->getBeginLoc(), D});
    } else if (F->getType()->isPointerType()) {
      if (const VarDecl *P = pointedStackObject(Init))
        Out.push_back({DangerousCapture::Pointer, Arg->getBeginLoc(), P});
    }
  };
  if (const auto *ILE = dyn_cast_or_null<InitListExpr>(Made)) {
    const auto *RD = ILE->getType()->getAsRecordDecl();
    if (!RD || RD->isUnion())
      return;
    unsigned I = 0;
    for (const FieldDecl *F : RD->fields())
      if (I < ILE->getNumInits())
        Bound(F, ILE->getInit(I++));
    return;
  }
  const auto *CE = dyn_cast_or_null<CXXConstructExpr>(Made);
  const FunctionDecl *Def = nullptr;
  if (!CE || !CE->getConstructor()->hasBody(Def) || !Def)
    return;
  for (const CXXCtorInitializer *Init : cast<CXXConstructorDecl>(Def)->inits()) {
    const FieldDecl *F = Init->getMember();
    const auto *PRef = F && Init->getInit()
                           ? dyn_cast<DeclRefExpr>(strip(Init->getInit())->IgnoreParenImpCasts())
                           : nullptr;
    const auto *P = PRef ? dyn_cast<ParmVarDecl>(PRef->getDecl()) : nullptr;
    if (P && P->getFunctionScopeIndex() < CE->getNumArgs() &&
        (P->getType()->isReferenceType() || P->getType()->isPointerType()))
      Bound(F, CE->getArg(P->getFunctionScopeIndex()));
  }
}

/// What the callable and arguments of a thread refer to that may die before
/// the thread: locals by reference, stack memory, `this`.
llvm::SmallVector<DangerousCapture, 4> dangersOf(llvm::ArrayRef<const Expr *> Args) {
  llvm::SmallVector<DangerousCapture, 4> Out;
  for (const Expr *Arg : Args) {
    const auto *LE = dyn_cast_or_null<LambdaExpr>(strip(Arg));
    if (!LE) {
      argumentDangers(Arg, Out);
      continue;
    }
    // A lambda that keeps its object alive through a shared_ptr/weak_ptr
    // copy (`self = shared_from_this()`) does not dangle on `this`.
    bool OwnsSelf = false;
    for (const LambdaCapture &C : LE->captures())
      if (C.capturesVariable() && C.getCaptureKind() == LCK_ByCopy)
        OwnsSelf |= isStdSmartPointer(C.getCapturedVar()->getType());
    for (const LambdaCapture &C : LE->captures()) {
      if (C.capturesThis()) {
        if (!OwnsSelf)
          Out.push_back({DangerousCapture::This, C.getLocation(), nullptr});
        continue;
      }
      if (!C.capturesVariable())
        continue;
      const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar());
      if (!VD)
        continue;
      if (VD->isInitCapture()) {
        // [&r = x], [p = &x], [b = buf], [r = std::ref(x)]
        const Expr *Init = VD->getInit();
        if (VD->getType()->isReferenceType()) {
          const auto *Target = dyn_cast_or_null<ValueDecl>(directDecl(Init));
          if (isAutomaticObject(Target))
            Out.push_back({DangerousCapture::ByRef, C.getLocation(), Target});
        } else if (const VarDecl *P = pointedStackObject(Init)) {
          Out.push_back({DangerousCapture::Pointer, C.getLocation(), P});
        } else if (Init) {
          llvm::SmallVector<DangerousCapture, 1> Inner;
          argumentDangers(Init, Inner);
          for (DangerousCapture &D : Inner)
            if (D.K == DangerousCapture::ByRef)
              Out.push_back({D.K, C.getLocation(), D.Var});
        }
        continue;
      }
      if (C.getCaptureKind() == LCK_ByRef) {
        if (isAutomaticObject(VD))
          Out.push_back({DangerousCapture::ByRef, C.getLocation(), VD});
      } else if (VD->getType()->isPointerType() && VD->hasLocalStorage()) {
        if (const VarDecl *P = pointedStackObject(VD->getInit()))
          Out.push_back({DangerousCapture::Pointer, C.getLocation(), P});
      }
    }
  }
  return Out;
}

bool jthreadDeclared(ASTContext &Ctx) {
  for (const NamedDecl *ND :
       Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get("std")))
    if (const auto *NS = dyn_cast<NamespaceDecl>(ND))
      if (!NS->lookup(&Ctx.Idents.get("jthread")).empty())
        return true;
  return false;
}

// Whether jthread's constructor would pass a std::stop_token to \p Callable:
// it does when the callable can take one first. Only callables whose first
// parameter is plainly not a stop_token are certain.
bool certainlyIgnoresStopToken(const Expr *Callable) {
  const Expr *S = strip(Callable);
  const FunctionDecl *FD = nullptr;
  if (const auto *LE = dyn_cast_or_null<LambdaExpr>(S)) {
    if (LE->isGenericLambda())
      return false;
    FD = LE->getCallOperator();
  } else {
    if (const auto *UO = dyn_cast_or_null<UnaryOperator>(S))
      if (UO->getOpcode() == UO_AddrOf)
        S = UO->getSubExpr()->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(S))
      FD = dyn_cast<FunctionDecl>(DRE->getDecl());
    if (!FD || FD->getTemplatedKind() != FunctionDecl::TK_NonTemplate)
      return false;
    if (isa<CXXMethodDecl>(FD) && !cast<CXXMethodDecl>(FD)->isStatic())
      return true; // invoke(&C::f, token, obj) is never valid
  }
  if (!FD || FD->getNumParams() == 0)
    return FD != nullptr;
  const auto *RD = FD->getParamDecl(0)->getType().getNonReferenceType()->getAsCXXRecordDecl();
  return !RD || RD->getName() != "stop_token";
}

/// The first assignment to \p Field in \p Body when nothing before it
/// joins or detaches the field or calls a member function of the object
/// (which may): `t_ = std::move(o.t_);` first thing.
const Stmt *overwriteBeforeRelease(const Stmt *Body, const FieldDecl *Field,
                                   const SourceManager &SM) {
  const Stmt *First = nullptr;
  forEachStmt(Body, [&](const Stmt *S) {
    const auto *OCE = dyn_cast<CXXOperatorCallExpr>(S);
    if (!First && OCE && OCE->getOperator() == OO_Equal &&
        OCE->getNumArgs() == 2 && rootDecl(OCE->getArg(0)) == Field)
      First = OCE;
  });
  if (!First || releases(Body, Field, SM, First->getBeginLoc()))
    return nullptr;
  bool Calls = false;
  forEachStmt(Body, [&](const Stmt *S) {
    const auto *MCE = dyn_cast<CXXMemberCallExpr>(S);
    Calls |= MCE && isCallOnThis(MCE) &&
             SM.isBeforeInTranslationUnit(MCE->getBeginLoc(),
                                          First->getBeginLoc());
  });
  return Calls ? nullptr : First;
}

/// What a destructor runs that we can see: its body and, transitively, the
/// member functions it calls on its own object (32 at most), with the call
/// that reaches each and the function that makes that call.
struct DestructorReach {
  llvm::SmallVector<const FunctionDecl *, 8> Functions;
  llvm::SmallVector<const CallExpr *, 8> CalledAt;
  llvm::SmallVector<unsigned, 8> CallerOf;
  /// Code it runs that we cannot see (a member function defined in another
  /// TU, `this` handed to a function), which may join.
  bool Unseen = false;
};

DestructorReach destructorReach(const FunctionDecl *Def) {
  DestructorReach R;
  R.Functions.push_back(Def);
  R.CalledAt.push_back(nullptr);
  R.CallerOf.push_back(0);
  for (size_t I = 0; I < R.Functions.size() && R.Functions.size() < 32; ++I)
    forEachStmt(R.Functions[I]->getBody(), [&](const Stmt *S) {
      const auto *CE = dyn_cast<CallExpr>(S);
      if (!CE)
        return;
      for (const Expr *Arg : CE->arguments()) {
        const Expr *A = Arg->IgnoreParenImpCasts();
        if (const auto *UO = dyn_cast<UnaryOperator>(A);
            UO && UO->getOpcode() == UO_Deref)
          A = UO->getSubExpr()->IgnoreParenImpCasts();
        R.Unseen |= isa<CXXThisExpr>(A);
      }
      const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE);
      if (!MCE || !isCallOnThis(MCE))
        return;
      const CXXMethodDecl *Callee = MCE->getMethodDecl();
      const FunctionDecl *CalleeDef = nullptr;
      if (!Callee || !Callee->hasBody(CalleeDef) || !CalleeDef) {
        R.Unseen = true;
        return;
      }
      // A virtual call in a destructor runs this class's version: the body
      // we see is the one that runs.
      if (!llvm::is_contained(R.Functions, CalleeDef)) {
        R.Functions.push_back(CalleeDef);
        R.CalledAt.push_back(MCE);
        R.CallerOf.push_back(static_cast<unsigned>(I));
      }
    });
  return R;
}

} // namespace

UnjoinedThreadCheck::UnjoinedThreadCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      SuggestJThread(Options.get("SuggestJThread", true)),
      Level(Options.get("Strictness", Strictness::Conservative)) {}

namespace {
/// Whether \p Body calls one of \p Stoppers on its own object.
bool callsStopper(const Stmt *Body,
                  const llvm::SmallPtrSetImpl<const FunctionDecl *> &Stoppers) {
  bool Calls = false;
  forEachStmt(Body, [&](const Stmt *S) {
    const auto *MCE = dyn_cast<CXXMemberCallExpr>(S);
    Calls |= MCE && MCE->getMethodDecl() &&
             isCallOnThis(MCE) &&
             Stoppers.count(MCE->getMethodDecl()->getCanonicalDecl());
  });
  return Calls;
}

/// Where \p Body first calls \p Starter (on any object of its class: a
/// static method starting every thread of a registry); invalid if nowhere.
SourceLocation firstCallOf(const Stmt *Body, const FunctionDecl *Starter,
                           const SourceManager &SM) {
  SourceLocation First;
  forEachStmt(Body, [&](const Stmt *S) {
    const auto *MCE = dyn_cast<CXXMemberCallExpr>(S);
    if (!MCE || !MCE->getMethodDecl() ||
        MCE->getMethodDecl()->getCanonicalDecl() != Starter->getCanonicalDecl())
      return;
    if (First.isInvalid() ||
        SM.isBeforeInTranslationUnit(MCE->getBeginLoc(), First))
      First = MCE->getBeginLoc();
  });
  return First;
}

/// Whether a lambda in one of \p Methods calls one of \p Stoppers on the
/// object it captured (`[this] { on_closed(); }`).
bool stoppedByCallback(const llvm::SmallPtrSetImpl<const FunctionDecl *> &Stoppers,
                       llvm::ArrayRef<const FunctionDecl *> Methods) {
  bool Found = false;
  for (const FunctionDecl *Def : Methods)
    forEachStmt(Def->getBody(), [&](const Stmt *S) {
      const auto *LE = dyn_cast<LambdaExpr>(S);
      Found = Found ||
              (LE &&
               llvm::any_of(LE->captures(),
                            [](const LambdaCapture &C) { return C.capturesThis(); }) &&
               callsStopper(LE->getBody(), Stoppers));
    });
  return Found;
}
} // namespace

void UnjoinedThreadCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "SuggestJThread", SuggestJThread);
  Options.store(Opts, "Strictness", Level);
}

void UnjoinedThreadCheck::registerMatchers(MatchFinder *Finder) {
  // Most of a TU is system headers: every matcher tests the cheap, selective
  // property first (a type, a callee) and the location last.
  auto User = unless(isExpansionInSystemHeader());
  // Local threads and local containers of threads.
  Finder->addMatcher(varDecl(isLocalThreadOrContainer(), User).bind("local"), this);
  // Members that own threads.
  Finder->addMatcher(fieldDecl(holdsThreads(), User).bind("field"), this);
  // Globals and statics that own threads (judged at the end of the TU).
  Finder->addMatcher(varDecl(hasStaticStorageDuration(), isGlobalThreadOwner(), User)
                         .bind("global"),
                     this);
  // Detached threads, and threads started straight into a member or a
  // global: judged per function body.
  Finder->addMatcher(functionDecl(isDefinition(), User).bind("function"), this);
  // pthread_create (and the other C APIs) and every other use of a pthread_t.
  std::vector<llvm::StringRef> ThreadCreateNames;
  for (const ThreadCreateApi &A : threadCreateApis())
    ThreadCreateNames.push_back(A.Name);
  Finder->addMatcher(
      callExpr(callee(functionDecl(hasAnyName(ThreadCreateNames))),
               hasArgument(0, expr()), User)
          .bind("pcreate"),
      this);
  Finder->addMatcher(
      callExpr(callee(functionDecl(hasName("::pthread_attr_setdetachstate"))),
               hasArgument(0, expr().bind("pattr")),
               // Setting PTHREAD_CREATE_JOINABLE (the default) detaches nothing.
               unless(hasArgument(1, ignoringParenImpCasts(declRefExpr(
                                         to(enumConstantDecl(hasName("PTHREAD_CREATE_JOINABLE"))))))),
               User),
      this);
  // Registered per node kind (not as expr(anyOf(...))) so that only
  // DeclRefExprs and MemberExprs are tried.
  Finder->addMatcher(declRefExpr(to(varDecl(hasPthreadType())), User).bind("puse"),
                     this);
  Finder->addMatcher(
      memberExpr(member(fieldDecl(hasPthreadType())), User).bind("puse"), this);
  auto PthreadRef = expr(anyOf(declRefExpr(to(varDecl(hasPthreadType()))),
                               memberExpr(member(fieldDecl(hasPthreadType())))));
  Finder->addMatcher(
      callExpr(callee(functionDecl(hasAnyName(pthreadObservers()))),
               User, forEachDescendant(PthreadRef.bind("pobserved"))),
      this);
  // Uses of a pthread_t that cannot join it: assigned to, compared, tested.
  auto Inert = ignoringParenImpCasts(PthreadRef.bind("pinert"));
  Finder->addMatcher(binaryOperator(isAssignmentOperator(), hasLHS(Inert), User), this);
  Finder->addMatcher(binaryOperator(isComparisonOperator(), hasLHS(Inert), User), this);
  Finder->addMatcher(binaryOperator(isComparisonOperator(), hasRHS(Inert), User), this);
  Finder->addMatcher(unaryOperator(hasOperatorName("!"), hasUnaryOperand(Inert), User), this);
  Finder->addMatcher(implicitCastExpr(anyOf(hasCastKind(CK_IntegralToBoolean),
                                            hasCastKind(CK_PointerToBoolean)),
                                      hasSourceExpression(Inert), User),
                     this);
  // ... or passed by value where it cannot be joined (printf's arguments).
  Finder->addMatcher(callExpr(User, unless(callee(functionDecl(hasAnyName(pthreadObservers())))),
                              hasAnyArgument(ignoringParenCasts(PthreadRef)))
                         .bind("pcallarg"),
                     this);
  // Functions of the TU that create a thread into a pthread_t they are
  // given, and their calls.
  Finder->addMatcher(
      callExpr(callee(functionDecl(mayStartPthreadInto(),
                                   unless(hasAnyName(ThreadCreateNames)))),
               User)
          .bind("pwrapper"),
      this);
  // What the TU makes and destroys of the classes that own threads (in
  // system headers too: std::make_unique's `new`, default_delete's delete).
  Finder->addMatcher(cxxNewExpr(allocatesThreadOwner()).bind("new"), this);
  Finder->addMatcher(cxxDeleteExpr().bind("delete"), this);
  Finder->addMatcher(cxxConstructExpr(constructsThreadOwner()).bind("construct"), this);
  // Kept for good: `static T *p = new T;`, `static T &r = *new T;`,
  // `instance_ = new T;` into a static.
  auto KeptNew = cxxNewExpr(allocatesThreadOwner()).bind("keptnew");
  Finder->addMatcher(
      varDecl(hasStaticStorageDuration(),
              hasInitializer(ignoringParenImpCasts(
                  anyOf(KeptNew, unaryOperator(hasOperatorName("*"),
                                               hasUnaryOperand(ignoringParenImpCasts(KeptNew))))))),
      this);
  Finder->addMatcher(
      binaryOperator(isAssignmentOperator(),
                     hasLHS(ignoringParenImpCasts(declRefExpr(to(varDecl(hasGlobalStorage()))))),
                     hasRHS(ignoringParenImpCasts(KeptNew))),
      this);
}

void UnjoinedThreadCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  if (const auto *NE = Result.Nodes.getNodeAs<CXXNewExpr>("keptnew")) {
    Lifetimes.addKeptNew(NE);
    return;
  }
  if (const auto *NE = Result.Nodes.getNodeAs<CXXNewExpr>("new")) {
    Lifetimes.addNew(NE);
    return;
  }
  if (const auto *DE = Result.Nodes.getNodeAs<CXXDeleteExpr>("delete")) {
    // A class that owns threads, or a base through which one may be deleted.
    QualType T = DE->getDestroyedType();
    const CXXRecordDecl *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
    if (RD && RD->hasDefinition() && (ownsThreads(RD) || RD->isPolymorphic()))
      Lifetimes.addDelete(DE);
    return;
  }
  if (const auto *CE = Result.Nodes.getNodeAs<CXXConstructExpr>("construct")) {
    Lifetimes.addConstruct(CE);
    return;
  }
  if (const auto *E = Result.Nodes.getNodeAs<Expr>("pinert")) {
    PthreadInertUses.insert(E);
    return;
  }
  if (const auto *CE = Result.Nodes.getNodeAs<CallExpr>("pcallarg")) {
    // A variadic argument (printf's) is read, never joined.
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (Callee && Callee->isVariadic())
      for (unsigned I = Callee->getNumParams(); I < CE->getNumArgs(); ++I)
        if (const auto *E = dyn_cast<Expr>(CE->getArg(I)->IgnoreParenCasts());
            E && isPthreadT(E->getType()) && isa<DeclRefExpr, MemberExpr>(E))
          PthreadInertUses.insert(E);
    return;
  }
  if (const auto *CE = Result.Nodes.getNodeAs<CallExpr>("pwrapper")) {
    // `my_thread_create(&t, ...)`: a thread created into `t`, as by
    // pthread_create.
    std::optional<unsigned> I = threadStartingParam(CE->getDirectCallee());
    if (!I || *I >= CE->getNumArgs())
      return;
    Context = &Ctx;
    if (const ValueDecl *Handle = rootDecl(CE->getArg(*I))) {
      PthreadCreates.push_back({CE, Handle});
      forEachStmt(CE->getArg(*I), [&](const Stmt *S) {
        if (isa<DeclRefExpr, MemberExpr>(S))
          PthreadObservedUses.insert(cast<Expr>(S));
      });
    }
    return;
  }
  if (const auto *VD = Result.Nodes.getNodeAs<VarDecl>("local")) {
    if (threadKind(VD->getType()) == ThreadKind::None)
      checkLocalContainer(VD, Ctx);
    else
      checkWrapperStart(VD, Ctx);
    if (const auto *FD = dyn_cast_or_null<FunctionDecl>(VD->getParentFunctionOrMethod()))
      checkLocalThreads(FD, Ctx);
    return;
  }
  if (const auto *FD = Result.Nodes.getNodeAs<FieldDecl>("field")) {
    Members.push_back(FD);
    Context = &Ctx;
    return;
  }
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function")) {
    if (!FD->isDependentContext() && FD->getBody())
      UserFunctions.push_back(FD);
    else if (FD->getBody())
      DependentFunctions.push_back(FD);
    return checkFunction(FD, Ctx);
  }
  if (const auto *VD = Result.Nodes.getNodeAs<VarDecl>("global")) {
    // Only objects all of whose users this TU sees: internal linkage or a
    // function-local static.
    if (VD->isThisDeclarationADefinition() &&
        (VD->isStaticLocal() || !VD->isExternallyVisible()))
      Globals.push_back(VD);
    SM = &Ctx.getSourceManager();
    return;
  }
  if (const auto *CE = Result.Nodes.getNodeAs<CallExpr>("pcreate")) {
    Context = &Ctx;
    if (const ValueDecl *Handle = rootDecl(CE->getArg(0)))
      PthreadCreates.push_back({CE, Handle});
    return;
  }
  if (const auto *E = Result.Nodes.getNodeAs<Expr>("pattr")) {
    if (const ValueDecl *Attr = rootDecl(E))
      DetachedAttrs.insert(Attr);
    return;
  }
  if (const auto *E = Result.Nodes.getNodeAs<Expr>("pobserved")) {
    PthreadObservedUses.insert(E);
    return;
  }
  if (const auto *E = Result.Nodes.getNodeAs<Expr>("puse"))
    PthreadUses.push_back(E);
}

//===-- Local threads -------------------------------------------------------===//

namespace {
std::optional<FixItHint> jthreadFix(const VarDecl *VD, const FunctionDecl *FD,
                                    ASTContext &Ctx) {
  const LangOptions &LO = Ctx.getLangOpts();
  if (!LO.CPlusPlus20 || threadKind(VD->getType()) != ThreadKind::Std ||
      !VD->getTypeSourceInfo())
    return std::nullopt;
  // Started right here, with a callable that cannot take a stop_token.
  const auto *Init = dyn_cast_or_null<CXXConstructExpr>(strip(VD->getInit()));
  if (!Init || !startsThread(Init) || !certainlyIgnoresStopToken(Init->getArg(0)))
    return std::nullopt;
  // Every use is join/joinable/get_id/native_handle: no detach, no move, no
  // assignment of a std::thread, no reference to a std::thread.
  bool Certain = true;
  const Stmt *Body = bodyOf(FD);
  if (!Body)
    return std::nullopt;
  ParentMap PM(const_cast<Stmt *>(Body));
  forEachStmt(Body, [&](const Stmt *S) {
    const auto *DRE = dyn_cast<DeclRefExpr>(S);
    if (!Certain || !DRE || DRE->getDecl() != VD)
      return;
    const Stmt *P = parentSkippingWrappers(DRE, PM);
    const auto *ME = dyn_cast_or_null<MemberExpr>(P);
    const auto *MD = ME ? dyn_cast<CXXMethodDecl>(ME->getMemberDecl()) : nullptr;
    llvm::StringRef N = MD && MD->getIdentifier() ? MD->getName() : "";
    Certain = N == "join" || N == "joinable" || N == "get_id" || N == "native_handle";
  });
  if (!Certain || !jthreadDeclared(Ctx))
    return std::nullopt;
  TypeLoc TL = VD->getTypeSourceInfo()->getTypeLoc();
  SourceLocation End = TL.getEndLoc();
  if (End.isInvalid() || End.isMacroID() || TL.getBeginLoc().isMacroID())
    return std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Tok = CharSourceRange::getTokenRange(End, End);
  if (Lexer::getSourceText(Tok, SM, LO) != "thread")
    return std::nullopt;
  return FixItHint::CreateReplacement(Tok, "jthread");
}
} // namespace

namespace {
/// A `v.clear()` of a local container of threads that comes after a thread
/// is added and before any loop joins them (in source order), or null.
const CXXMemberCallExpr *prematureClear(const VarDecl *VD, const FunctionDecl *FD,
                                        const SourceManager &SM) {
  const Stmt *Body = bodyOf(FD);
  const CXXMemberCallExpr *Found = nullptr;
  SourceLocation FirstAdd;
  forEachStmt(Body, [&](const Stmt *S) {
    const auto *MCE = dyn_cast<CXXMemberCallExpr>(S);
    const CXXMethodDecl *MD = MCE ? MCE->getMethodDecl() : nullptr;
    if (Found || !MD || !MD->getIdentifier() ||
        rootDecl(MCE->getImplicitObjectArgument()) != VD)
      return;
    if (isAdderName(MD->getName()) && FirstAdd.isInvalid())
      FirstAdd = MCE->getBeginLoc();
    else if (MD->getName() == "clear" && FirstAdd.isValid() &&
             SM.isBeforeInTranslationUnit(FirstAdd, MCE->getBeginLoc()) &&
             !releases(Body, VD, SM, MCE->getBeginLoc()))
      Found = MCE;
  });
  return Found;
}
} // namespace

void UnjoinedThreadCheck::checkLocalThreads(const FunctionDecl *FD, ASTContext &Ctx) {
  if (!AnalyzedFunctions.insert(FD).second)
    return;
  if (!Locals)
    Locals = std::make_unique<LocalThreadAnalysis>(Ctx);
  llvm::SmallVector<LocalThreadFinding, 2> Findings;
  Locals->analyze(FD, Findings);
  const SourceManager &SM = Ctx.getSourceManager();
  for (const LocalThreadFinding &F : Findings) {
    if (F.Loc.isInvalid())
      continue;
    if (F.Container) {
      // A container nothing drains, or one cleared too early, has its own
      // warning (checkLocalContainer); here: drained, but not on every path.
      if (!releases(bodyOf(FD), F.Var, SM) || prematureClear(F.Var, FD, SM))
        continue;
      StringRef Consequence =
          F.Thread == ThreadKind::Boost
              ? "destroying a joinable boost::thread detaches it and nothing waits for it"
              : "destroying a joinable std::thread calls std::terminate";
      if (F.K == LocalThreadFinding::Exception)
        diag(F.Loc, "threads in '%0' are still joinable when %select{this "
                    "exception|an exception thrown by '%2'}1 leaves its scope; %3")
            << F.Var->getName() << (F.Thrower != nullptr)
            << (F.Thrower ? F.Thrower->getNameAsString() : std::string()) << Consequence;
      else
        diag(F.Loc, "threads in '%0' are still joinable when it goes out of "
                    "scope on this path; %1")
            << F.Var->getName() << Consequence;
      diag(F.Start ? locOf(F.Start) : F.Var->getLocation(),
           "a thread is added to '%0' here", DiagnosticIDs::Note)
          << F.Var->getName();
      for (const auto &[Loc, Text] : F.PathNotes)
        diag(Loc, "%0", DiagnosticIDs::Note) << Text;
      continue;
    }
    if (F.Pthread) {
      reportPthreadPath(F, FD);
      continue;
    }
    StringRef Consequence = destructorConsequence(F.Thread);
    TitledFix Fix(areDiagsSelfContained(),
                  "make '" + F.Var->getName().str() + "' a std::jthread");
    if (SuggestJThread && F.K != LocalThreadFinding::Overwrite)
      if (std::optional<FixItHint> JThread = jthreadFix(F.Var, FD, Ctx))
        Fix.add(*JThread);
    {
      auto D = [&] {
        switch (F.K) {
        case LocalThreadFinding::ScopeEnd:
          return diag(F.Loc, "thread '%0' is still joinable when it goes out "
                             "of scope on this path; %1")
                 << F.Var->getName() << Consequence;
        case LocalThreadFinding::Exception:
          if (F.Thrower)
            return diag(F.Loc, "thread '%0' is still joinable when an exception "
                               "thrown by '%1' leaves its scope; %2")
                   << F.Var->getName() << F.Thrower->getNameAsString() << Consequence;
          return diag(F.Loc, "thread '%0' is still joinable when this exception "
                             "leaves its scope; %1")
                 << F.Var->getName() << Consequence;
        case LocalThreadFinding::Overwrite:
          break;
        }
        return diag(F.Loc, "thread '%0' is move-assigned over while still "
                           "joinable; %1")
               << F.Var->getName()
               << (F.Thread == ThreadKind::Boost
                       ? "the thread it held is detached and nothing waits for it"
                       : "its move assignment calls std::terminate");
      }();
      Fix.attachTo(D);
    }
    SourceLocation StartLoc = F.Start ? locOf(F.Start) : F.Var->getLocation();
    if (F.StartedAs && F.StartedAs != F.Var)
      diag(StartLoc, "the thread '%0' holds is started here, in '%1'",
           DiagnosticIDs::Note)
          << F.Var->getName() << F.StartedAs->getName();
    else
      diag(StartLoc, "thread '%0' is started here", DiagnosticIDs::Note)
          << F.Var->getName();
    for (const auto &[Loc, Text] : F.PathNotes)
      diag(Loc, "%0", DiagnosticIDs::Note) << Text;
    Fix.emitNote(*this, F.Loc);
  }
}

/// A local thread that a function of the TU starts (`spawn(t)`) and that
/// nothing joins, detaches or hands on afterwards.
void UnjoinedThreadCheck::checkWrapperStart(const VarDecl *VD, ASTContext &Ctx) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(VD->getParentFunctionOrMethod());
  const Stmt *Body = bodyOf(FD);
  if (!Body || VD->isStaticLocal())
    return;
  llvm::SmallPtrSet<const Stmt *, 2> Starts = wrapperStarts(Body, VD);
  if (Starts.empty() || releases(Body, VD, Ctx.getSourceManager(), SourceLocation(), &Starts))
    return;
  // The first start in the source.
  const auto *Start = cast<CallExpr>(*llvm::min_element(Starts, [&](const Stmt *A, const Stmt *B) {
    return Ctx.getSourceManager().isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
  }));
  ThreadKind Kind = threadKind(VD->getType());
  diag(Start->getBeginLoc(), "thread started into '%0' by '%1' is never joined or detached; %2")
      << VD->getName() << Start->getDirectCallee()->getName() << destructorConsequence(Kind);
  diag(VD->getLocation(), "'%0' is declared here", DiagnosticIDs::Note) << VD->getName();
}

/// A pthread_t handle that some path joins or detaches and this one does
/// not. A handle that no path joins is reported once, as never joined
/// (onEndOfTranslationUnit).
void UnjoinedThreadCheck::reportPthreadPath(const LocalThreadFinding &F,
                                            const FunctionDecl *FD) {
  bool Joined = false;
  forEachStmt(bodyOf(FD), [&](const Stmt *S) {
    const auto *CE = dyn_cast<CallExpr>(S);
    if (joinsOrDetachesPthread(CE) && rootDecl(CE->getArg(0)) == F.Var)
      Joined = true;
  });
  if (!Joined)
    return;
  static constexpr llvm::StringLiteral Consequence =
      "its stack and thread descriptor are never reclaimed";
  switch (F.K) {
  case LocalThreadFinding::ScopeEnd:
    diag(F.Loc, "thread created into '%0' is neither joined nor detached when "
                "it goes out of scope on this path; %1")
        << F.Var->getName() << Consequence;
    break;
  case LocalThreadFinding::Exception:
    diag(F.Loc, "thread created into '%0' is neither joined nor detached when "
                "%select{this exception|an exception thrown by '%2'}1 leaves "
                "its scope; %3")
        << F.Var->getName() << (F.Thrower != nullptr)
        << (F.Thrower ? F.Thrower->getNameAsString() : std::string()) << Consequence;
    break;
  case LocalThreadFinding::Overwrite:
    diag(F.Loc, "'%0' is overwritten while the thread created into it is "
                "neither joined nor detached; %1")
        << F.Var->getName() << Consequence;
    break;
  }
  if (F.Start)
    diag(locOf(F.Start), "thread is created into '%0' here", DiagnosticIDs::Note)
        << F.Var->getName();
  for (const auto &[Loc, Text] : F.PathNotes)
    diag(Loc, "%0", DiagnosticIDs::Note) << Text;
}

//===-- Members -------------------------------------------------------------===//

void UnjoinedThreadCheck::checkMember(const FieldDecl *Field, ASTContext &Ctx) {
  const auto *RD = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!RD || RD->isDependentContext() || RD->isUnion() || !RD->hasDefinition())
    return;
  ThreadKind Kind = threadKind(Field->getType());
  bool Container = Kind == ThreadKind::None;
  if (Container)
    Kind = containerElementKind(Field->getType());
  if (ReportedMembers.count(Field->getLocation()))
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  const bool Strict = Level == Strictness::Strict;
  if (Kind == ThreadKind::Std)
    checkMovedOver(Field, RD, Container, SM);
  // Its member functions, member function templates' instantiations included.
  const llvm::SmallVector<const FunctionDecl *, 16> Methods = definedMethods(RD);

  // Where the class starts (or takes in) a thread it then owns: a member
  // initializer, an assignment, an insertion into the container, a call
  // to a function of the TU that starts one into it. A function that also
  // joins or detaches it does not leave it running.
  const Stmt *Start = nullptr;
  auto ConsiderStart = [&](const Stmt *S, const Stmt *Body,
                           const llvm::SmallPtrSetImpl<const Stmt *> *Starts = nullptr) {
    if (!Start && !releases(Body, Field, SM, SourceLocation(), Starts))
      Start = S;
  };
  // What a member initializer puts in: a thread started or taken in; for a
  // container, threads started in it or a container taken from elsewhere,
  // not the default-constructed threads of `ts_(n)`.
  auto Fills = [&](const Expr *Init) {
    if (!Container) {
      const auto *CE = dyn_cast<CXXConstructExpr>(strip(Init));
      return !CE || (CE->getNumArgs() > 0 && !isa<CXXDefaultArgExpr>(CE->getArg(0)));
    }
    bool Started = false;
    forEachStmt(Init, [&](const Stmt *S) {
      if (const auto *CE = dyn_cast<CXXConstructExpr>(S);
          CE && threadKind(CE->getType()) != ThreadKind::None && startsThread(CE))
        Started = true;
    });
    if (Started)
      return true;
    for (const Expr *E = strip(Init); E;) {
      const auto *CE = dyn_cast<CXXConstructExpr>(E);
      if (!CE)
        return true; // a call's result, a variable: threads taken in
      const Expr *From = nullptr;
      for (const Expr *Arg : CE->arguments())
        if (containerElementKind(Arg->getType()) != ThreadKind::None)
          From = strip(Arg);
      E = From; // a container made from another one: look at that one
    }
    return false;
  };
  if (const Expr *Init = Field->getInClassInitializer(); Init && Fills(Init))
    Start = Init;
  const FunctionDecl *StartFn = nullptr; ///< the member function that starts it
  for (const FunctionDecl *Def : Methods) {
    if (Start)
      break; // found (nothing below changes it)
    StartFn = Def;
    const auto *MD = cast<CXXMethodDecl>(Def);
    if (MD->isCopyAssignmentOperator() || MD->isMoveAssignmentOperator())
      continue;
    const Stmt *Body = Def->getBody();
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def)) {
      if (Ctor->isCopyOrMoveConstructor())
        continue;
      for (const CXXCtorInitializer *CI : Ctor->inits()) {
        if (CI->getMember() != Field || !CI->isWritten())
          continue;
        if (Fills(CI->getInit()))
          ConsiderStart(CI->getInit(), Body);
      }
    }
    // `for (auto &t : threads_) t = std::thread(...)` fills the container.
    llvm::SmallPtrSet<const ValueDecl *, 4> Slots{Field};
    if (Container)
      forEachStmt(Body, [&](const Stmt *S) {
        if (const auto *For = dyn_cast<CXXForRangeStmt>(S);
            For && rootDecl(For->getRangeInit()) == Field)
          Slots.insert(For->getLoopVariable());
      });
    forEachStmt(Body, [&](const Stmt *S) {
      if (Start)
        return;
      if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(S)) {
        if (OCE->getOperator() != OO_Equal || OCE->getNumArgs() != 2 ||
            !Slots.count(rootDecl(OCE->getArg(0))))
          return;
        const auto *RHS = dyn_cast<CXXConstructExpr>(strip(OCE->getArg(1)));
        if (RHS && RHS->getNumArgs() == 0)
          return; // `t = std::thread();`
        if (threadKind(OCE->getArg(0)->getType()) != ThreadKind::None || Container)
          ConsiderStart(OCE, Body);
      } else if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(S)) {
        const CXXMethodDecl *Callee = MCE->getMethodDecl();
        if (!Callee || !Callee->getIdentifier() ||
            rootDecl(MCE->getImplicitObjectArgument()) != Field)
          return;
        if ((Container && isAdderName(Callee->getName())) ||
            (!Container && Callee->getName() == "swap"))
          ConsiderStart(MCE, Body);
      }
    });
    if (!Start && !Container) {
      llvm::SmallPtrSet<const Stmt *, 2> Wrapped = wrapperStarts(Body, Field);
      if (!Wrapped.empty())
        ConsiderStart(*Wrapped.begin(), Body, &Wrapped);
    }
  }
  if (!Start)
    return;

  // Never destroyed (a singleton made by `new` and kept for good), or its
  // destructor ends the process: no thread is destroyed joinable.
  if (Lifetimes.immortal(RD, Strict))
    return;

  // What the destructor runs: its body and the member functions it calls.
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  if (Dtor && (Dtor->isDeleted() || Dtor->getAccess() == AS_private))
    return; // never destroyed (or only by the class itself: not visible here)
  DestructorReach R;
  const llvm::SmallVector<const FunctionDecl *, 8> &Reach = R.Functions;
  if (Dtor && Dtor->isUserProvided()) {
    const FunctionDecl *Def = nullptr;
    if (!Dtor->hasBody(Def) || !Def)
      return; // defined in another TU: we cannot see it
    // Code the destructor runs that we cannot see may join: silence.
    R = destructorReach(Def);
    if (R.Unseen)
      return;
    for (const FunctionDecl *F : Reach)
      if (releases(F->getBody(), Field, SM)) {
        // Joined, but maybe only under a condition that can fail while the
        // thread runs (`if (running_) t_.join();`).
        if (!Container)
          if (std::optional<JoinGuardFinding> G =
                  unsafeJoinGuard(Field, RD, Reach, R.CalledAt, R.CallerOf,
                                  Methods, Strict, Ctx))
            reportGuardedJoin(Field, RD, *G);
        return;
      }
  }

  // The member functions that would do the job, if only the destructor
  // called them: those that join or detach it, and those that call them.
  llvm::SmallPtrSet<const FunctionDecl *, 4> Stoppers;
  const FunctionDecl *Stop = nullptr;
  for (const FunctionDecl *Def : Methods) {
    if (isa<CXXConstructorDecl, CXXDestructorDecl>(Def) || !Def->getIdentifier() ||
        llvm::is_contained(Reach, Def))
      continue;
    llvm::SmallPtrSet<const Stmt *, 2> Wrapped = wrapperStarts(Def->getBody(), Field);
    if (releases(Def->getBody(), Field, SM, SourceLocation(), &Wrapped)) {
      Stoppers.insert(Def->getCanonicalDecl());
      Stop = Stop ? Stop : Def;
    }
  }
  for (bool Grew = !Stoppers.empty(); Grew;) {
    Grew = false;
    for (const FunctionDecl *Def : Methods) {
      if (isa<CXXConstructorDecl, CXXDestructorDecl>(Def) ||
          Stoppers.count(Def->getCanonicalDecl()))
        continue;
      if (callsStopper(Def->getBody(), Stoppers)) {
        Stoppers.insert(Def->getCanonicalDecl());
        Grew = true;
      }
    }
  }
  // A start/stop protocol that the code owning the object keeps (its owner's
  // destructor, a framework shutting its services down, main()).
  if (!Stoppers.empty() && calledByOwner(Stoppers, RD))
    return;
  // A method that starts the threads and waits for them: every join it
  // makes comes after the first start (`runThreads()` starting each
  // thread of a registry, then joining them all). Not a `restart()` that
  // joins the old thread before starting the new one.
  if (StartFn && !isa<CXXConstructorDecl>(StartFn))
    for (const FunctionDecl *Def : Methods) {
      if (!Stoppers.count(Def->getCanonicalDecl()) || Def == StartFn)
        continue;
      SourceLocation Started = firstCallOf(Def->getBody(), StartFn, SM);
      if (Started.isValid() && releases(Def->getBody(), Field, SM) &&
          !releases(Def->getBody(), Field, SM, Started))
        return;
    }
  // A stopper the object registers as a callback (`on_close([this] {
  // on_closed(); })`, which joins): the thread ends on that event, which
  // the destructor may well wait for. Reported only when strict.
  if (!Strict && !Stoppers.empty() && stoppedByCallback(Stoppers, Methods))
    return;
  // A start/stop protocol the class leaves to its users, `start()` and
  // `wait()` both public, that no code of this TU runs on an object: its
  // users are in other translation units, which stop what they start or
  // not. Reported only when strict.
  if (!Strict && StartFn && !isa<CXXConstructorDecl>(StartFn) && StartFn->getAccess() == AS_public &&
      llvm::any_of(Stoppers,
                   [](const FunctionDecl *F) { return F->getAccess() == AS_public; })) {
    llvm::SmallPtrSet<const FunctionDecl *, 1> Starter{StartFn->getCanonicalDecl()};
    if (!calledByOwner(Starter, RD))
      return;
  }

  ReportedMembers.insert(Field->getLocation());
  const char *Who = !Dtor || Dtor->isImplicit() ? "the implicit destructor of '%1'"
                    : Dtor->isUserProvided()       ? "the destructor of '%1'"
                                                   : "the defaulted destructor of '%1'";
  if (Container)
    diag(Field->getLocation(),
         std::string("threads in '%0' are started but ") + Who +
             " does not join or detach them; %2")
        << Field->getName() << RD->getName()
        << (Kind == ThreadKind::Boost
                ? "destroying a joinable boost::thread detaches it and nothing waits for it"
                : "destroying a joinable std::thread calls std::terminate");
  else
    diag(Field->getLocation(),
         std::string("thread member '%0' is started but ") + Who +
             " does not join or detach it; %2")
        << Field->getName() << RD->getName() << destructorConsequence(Kind);
  diag(locOf(Start), Container ? "a thread is added to '%0' here"
                               : "'%0' is started here",
       DiagnosticIDs::Note)
      << Field->getName();
  if (Dtor && Dtor->isUserProvided())
    diag(Dtor->getLocation(), "destructor of '%0' is here", DiagnosticIDs::Note)
        << RD->getName();
  if (Stop)
    diag(Stop->getLocation(),
         "'%0' joins or detaches '%1', but the destructor does not call it",
         DiagnosticIDs::Note)
        << Stop->getName() << Field->getName();
}

/// A destructor that joins or detaches a thread member says that an object
/// may hold it running; a move assignment then must not move over it: a
/// defaulted one does, and so does one written out that assigns the member
/// before anything joins it. std::thread's move assignment (or the
/// destruction of the old threads of a container) calls std::terminate on
/// a joinable thread. Where the class starts the thread does not matter: a
/// constructor template that no code of the TU instantiates starts it just
/// as well.
void UnjoinedThreadCheck::checkMovedOver(const FieldDecl *Field,
                                         const CXXRecordDecl *RD,
                                         bool Container,
                                         const SourceManager &SM) {
  const FunctionDecl *Assign = nullptr; ///< where it is defaulted
  const Stmt *Overwrite = nullptr;      ///< or where it assigns the member
  for (const CXXMethodDecl *MD : RD->methods()) {
    if (!MD->isMoveAssignmentOperator() || MD->isImplicit() ||
        MD->isDeleted())
      continue;
    const FunctionDecl *Def = nullptr;
    if (MD->isExplicitlyDefaulted())
      Assign = MD;
    else if (MD->isDefined(Def) && Def->isExplicitlyDefaulted())
      Assign = Def;
    else if (Def && Def->getBody())
      Overwrite = overwriteBeforeRelease(Def->getBody(), Field, SM);
  }
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  const FunctionDecl *DtorDef = nullptr;
  if ((!Assign && !Overwrite) || !Dtor || !Dtor->isUserProvided() ||
      !Dtor->hasBody(DtorDef) || !DtorDef)
    return;
  // The destructor, or a member function it calls on its own object.
  if (llvm::none_of(destructorReach(DtorDef).Functions,
                    [&](const FunctionDecl *F) {
                      return releases(F->getBody(), Field, SM);
                    }))
    return;
  diag(Assign ? Assign->getLocation() : locOf(Overwrite),
       "the %select{defaulted |}0move assignment of '%1' moves over "
       "%select{thread member|the threads in}2 '%3' while %select{it|they}2 "
       "may still run; %select{a joinable std::thread's move "
       "assignment|destroying a joinable std::thread}2 calls std::terminate")
      << !Assign << RD->getName() << Container << Field->getName();
  diag(Dtor->getLocation(),
       "the destructor of '%0' joins or detaches '%1': an object may hold "
       "%select{it|them}2 running",
       DiagnosticIDs::Note)
      << RD->getName() << Field->getName() << Container;
}

void UnjoinedThreadCheck::reportGuardedJoin(const FieldDecl *Field, const CXXRecordDecl *RD,
                                            const JoinGuardFinding &G) {
  ReportedMembers.insert(Field->getLocation());
  if (G.Text.empty())
    diag(Field->getLocation(), "thread member '%0' is joined by the destructor of '%1' only "
                               "under a condition; %2")
        << Field->getName() << RD->getName() << destructorConsequence(threadKind(Field->getType()));
  else
    diag(Field->getLocation(), "thread member '%0' is joined by the destructor of '%1' only "
                               "if '%2' is %select{false|true}3; %4")
        << Field->getName() << RD->getName() << G.Text << G.Value
        << destructorConsequence(threadKind(Field->getType()));
  diag(G.Cond->getBeginLoc(), "'%0' is joined only if this is %select{false|true}1",
       DiagnosticIDs::Note)
      << Field->getName() << G.Value;
  switch (G.Why) {
  case JoinGuardFinding::ClearedWithoutJoin:
    diag(G.Evidence->getBeginLoc(), "'%0' sets '%1' to %select{false|true}2 without joining or "
                            "detaching '%3'",
         DiagnosticIDs::Note)
        << G.EvidenceIn->getName() << G.Text << !G.Value << Field->getName();
    break;
  case JoinGuardFinding::NeverSet:
    diag(locOf(G.Evidence), "'%0' is started here, and nothing sets '%1' to %select{false|true}2",
         DiagnosticIDs::Note)
        << Field->getName() << G.Text << G.Value;
    break;
  case JoinGuardFinding::Unproven:
    diag(G.Cond->getBeginLoc(),
         "nothing shows that this holds whenever '%0' runs (reported because 'Strictness' is "
         "'strict')",
         DiagnosticIDs::Note)
        << Field->getName();
    break;
  }
}

bool UnjoinedThreadCheck::calledByOwner(
    const llvm::SmallPtrSetImpl<const FunctionDecl *> &Methods, const CXXRecordDecl *RD) const {
  // The methods they override: a framework calls them through its base
  // class (`for (auto &s : services_) s->shutdown();`).
  llvm::SmallPtrSet<const CXXMethodDecl *, 8> Targets;
  llvm::SmallVector<const CXXMethodDecl *, 8> Work;
  llvm::StringSet<> Names;
  for (const FunctionDecl *F : Methods) {
    Work.push_back(cast<CXXMethodDecl>(F));
    if (F->getIdentifier())
      Names.insert(F->getName());
  }
  while (!Work.empty()) {
    const CXXMethodDecl *MD = Work.pop_back_val();
    if (Targets.insert(MD->getCanonicalDecl()).second)
      for (const CXXMethodDecl *O : MD->overridden_methods())
        Work.push_back(O);
  }
  // Strict: only destructors (of other classes) count, and what they call.
  const bool Strict = Level == Strictness::Strict;
  llvm::SmallVector<const FunctionDecl *, 16> Owners;
  for (const std::vector<const FunctionDecl *> *List : {&UserFunctions, &DependentFunctions})
    for (const FunctionDecl *F : *List)
      if (!Strict || (isa<CXXDestructorDecl>(F) && cast<CXXDestructorDecl>(F)->getParent()
                                                           ->getCanonicalDecl() !=
                                                       RD->getCanonicalDecl()))
        Owners.push_back(F);
  // Strict follows what destructors call on their own object, at most 64
  // functions more; every function of the TU is read.
  const size_t MaxOwners = Owners.size() + 64;
  for (size_t I = 0; I < Owners.size(); ++I) {
    bool Calls = false;
    forEachStmt(Owners[I]->getBody(), [&](const Stmt *S) {
      if (Calls)
        return;
      if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(S)) {
        const CXXMethodDecl *MD = MCE->getMethodDecl();
        if (!MD)
          return;
        bool OnThis = isCallOnThis(MCE);
        if (!OnThis && Targets.count(MD->getCanonicalDecl()))
          Calls = true;
        // What a destructor calls on its own object runs as it dies.
        const FunctionDecl *Def = nullptr;
        if (Strict && OnThis && MD->hasBody(Def) && Def && Owners.size() < MaxOwners &&
            !llvm::is_contained(Owners, Def))
          Owners.push_back(Def);
        return;
      }
      // In a template, a call that may resolve to a stopper.
      if (Strict)
        return;
      if (const auto *DME = dyn_cast<CXXDependentScopeMemberExpr>(S))
        Calls = !DME->isImplicitAccess() && DME->getMember().isIdentifier() &&
                Names.contains(DME->getMember().getAsIdentifierInfo()->getName());
    });
    if (Calls)
      return true;
  }
  return false;
}

//===-- Local containers ----------------------------------------------------===//

void UnjoinedThreadCheck::checkLocalContainer(const VarDecl *VD, ASTContext &Ctx) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(VD->getParentFunctionOrMethod());
  const Stmt *Body = bodyOf(FD);
  if (!Body || VD->isStaticLocal())
    return;
  ThreadKind Kind = containerElementKind(VD->getType());
  const SourceManager &SM = Ctx.getSourceManager();
  const Stmt *Added = nullptr;
  if (const auto *ILE = dyn_cast_or_null<InitListExpr>(strip(VD->getInit())))
    for (const Expr *E : ILE->inits())
      if (const auto *CE = dyn_cast<CXXConstructExpr>(strip(E)); CE && startsThread(CE))
        Added = Added ? Added : E;
  // `for (auto &t : ts) t = std::thread(...)` fills `ts` too.
  llvm::SmallPtrSet<const Decl *, 4> Elements;
  Elements.insert(VD);
  forEachStmt(Body, [&](const Stmt *S) {
    if (const auto *For = dyn_cast<CXXForRangeStmt>(S)) {
      if (mentions(For->getRangeInit(), Elements))
        Elements.insert(For->getLoopVariable());
    } else if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(S)) {
      const CXXMethodDecl *MD = MCE->getMethodDecl();
      if (!MD || !MD->getIdentifier() ||
          rootDecl(MCE->getImplicitObjectArgument()) != VD)
        return;
      if (isAdderName(MD->getName()) && !Added)
        Added = MCE;
    } else if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(S)) {
      if (OCE->getOperator() == OO_Equal && OCE->getNumArgs() == 2 && !Added &&
          Elements.count(rootDecl(OCE->getArg(0))) &&
          threadKind(OCE->getArg(0)->getType()) != ThreadKind::None)
        Added = OCE;
    }
  });
  if (!Added)
    return;
  StringRef Consequence =
      Kind == ThreadKind::Boost
          ? "destroying a joinable boost::thread detaches it and nothing waits for it"
          : "destroying a joinable std::thread calls std::terminate";
  // Cleared before any loop joins the elements.
  if (const CXXMemberCallExpr *Clear = prematureClear(VD, FD, SM)) {
    diag(Clear->getExprLoc(), "'%0' is cleared while its threads may still be "
                              "joinable; %1")
        << VD->getName() << Consequence;
    diag(locOf(Added), "a thread is added to '%0' here", DiagnosticIDs::Note)
        << VD->getName();
    return;
  }
  if (releases(Body, VD, SM))
    return;
  diag(VD->getLocation(), "threads added to '%0' are never joined or detached "
                          "before it is destroyed; %1")
      << VD->getName() << Consequence;
  diag(locOf(Added), "a thread is added to '%0' here", DiagnosticIDs::Note)
      << VD->getName();
}

//===-- Detached and long-lived threads and their captures --------------------===//

namespace {
llvm::SmallVector<const Expr *, 4> callableAndArgs(const Expr *Creation) {
  llvm::SmallVector<const Expr *, 4> Args;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Creation))
    Args.append(CE->arg_begin(), CE->arg_end());
  else if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(Creation))
    Args.append(MCE->arg_begin(), MCE->arg_end());
  return Args;
}
} // namespace

namespace {
/// Whether some path from \p At leads to a return of \p FD (not to an
/// endless loop or a noreturn call such as exit()).
bool returnsAfter(const Stmt *At, const FunctionDecl *FD, ASTContext &Ctx) {
  Stmt *Body = FD ? FD->getBody() : nullptr;
  if (!Body)
    return true;
  CFG::BuildOptions Options;
  Options.PruneTriviallyFalseEdges = true;
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph = CFG::buildCFG(FD, Body, &Ctx, Options);
  if (!Graph)
    return true;
  const CFGBlock *Start = ownership::detail::blockOf(*Graph, At);
  if (!Start)
    return true;
  llvm::SmallVector<const CFGBlock *, 16> Work{Start};
  llvm::SmallPtrSet<const CFGBlock *, 16> Seen{Start};
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    if (B == &Graph->getExit())
      return !B->hasNoReturnElement();
    // A block ending in a noreturn call goes to the exit without returning.
    if (B->hasNoReturnElement())
      continue;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs())
      if (const CFGBlock *Next = Succ.getReachableBlock())
        if (Seen.insert(Next).second)
          Work.push_back(Next);
  }
  return false;
}
} // namespace

void UnjoinedThreadCheck::checkFunction(const FunctionDecl *FD, ASTContext &Ctx) {
  const Stmt *Body = FD->getBody();
  if (!Body || FD->isDependentContext())
    return;
  // Each lambda is its own function: what it starts is judged against its
  // own body.
  std::function<void(const Stmt *, const FunctionDecl *)> Walk =
      [&](const Stmt *S, const FunctionDecl *Fn) {
        if (!S)
          return;
        if (const auto *LE = dyn_cast<LambdaExpr>(S)) {
          for (const Expr *Init : LE->capture_inits())
            Walk(Init, Fn);
          Walk(LE->getBody(), LE->getCallOperator());
          return;
        }
        if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(S)) {
          const CXXMethodDecl *MD = MCE->getMethodDecl();
          QualType ObjType = MCE->getImplicitObjectArgument()->getType();
          if (isDetach(MD) && threadKind(ObjType) != ThreadKind::None)
            checkDetach(MCE, Fn, Ctx);
          else if (MD && MD->getIdentifier() && isAdderName(MD->getName()) &&
                   containerElementKind(ObjType) != ThreadKind::None)
            checkStored(MCE, Fn, Ctx);
        } else if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(S)) {
          if (OCE->getOperator() == OO_Equal && OCE->getNumArgs() == 2 &&
              threadKind(OCE->getArg(0)->getType()) != ThreadKind::None)
            checkStored(OCE, Fn, Ctx);
        }
        for (const Stmt *Child : S->children())
          Walk(Child, Fn);
      };
  Walk(Body, FD);
}

/// Whether the destructor of \p RD blocks until something signals it: it
/// (or a member function it calls on its own object) waits on a condition
/// variable, a latch, a barrier or a future, or polls in a loop that sleeps
/// or yields. Detached workers that use the object are what it waits for.
static bool destructorWaits(const CXXRecordDecl *RD) {
  const CXXRecordDecl *Def = RD ? RD->getDefinition() : nullptr;
  const CXXDestructorDecl *Dtor = Def ? Def->getDestructor() : nullptr;
  if (!Dtor || !Dtor->isUserProvided())
    return false;
  llvm::SmallVector<const FunctionDecl *, 4> Reach;
  if (bodyOf(Dtor))
    Reach.push_back(Dtor);
  bool Waits = false;
  for (size_t I = 0; I < Reach.size() && I < 8 && !Waits; ++I)
    forEachStmt(bodyOf(Reach[I]), [&](const Stmt *S) {
      if (Waits)
        return;
      if (isa<WhileStmt, DoStmt, ForStmt>(S)) {
        forEachStmt(S, [&](const Stmt *X) {
          const auto *CE = dyn_cast<CallExpr>(X);
          const FunctionDecl *F = CE ? CE->getDirectCallee() : nullptr;
          if (!F || !F->getIdentifier())
            return;
          const auto *NS = dyn_cast<NamespaceDecl>(F->getDeclContext());
          Waits |= NS && NS->getIdentifier() && NS->getName() == "this_thread" &&
                   NS->isInStdNamespace() &&
                   llvm::is_contained({llvm::StringRef("sleep_for"),
                                       llvm::StringRef("sleep_until"), llvm::StringRef("yield")},
                                      F->getName());
        });
        return;
      }
      const auto *MCE = dyn_cast<CXXMemberCallExpr>(S);
      const CXXMethodDecl *Callee = MCE ? MCE->getMethodDecl() : nullptr;
      if (!Callee || !Callee->getIdentifier())
        return;
      if (llvm::is_contained({llvm::StringRef("wait"), llvm::StringRef("wait_for"),
                              llvm::StringRef("wait_until"), llvm::StringRef("arrive_and_wait")},
                             Callee->getName())) {
        Waits = true;
        return;
      }
      const FunctionDecl *CalleeDef = nullptr;
      if (isCallOnThis(MCE) &&
          Callee->hasBody(CalleeDef) && CalleeDef && !llvm::is_contained(Reach, CalleeDef))
        Reach.push_back(CalleeDef);
    });
  return Waits;
}

void UnjoinedThreadCheck::checkDetach(const CXXMemberCallExpr *Detach,
                                      const FunctionDecl *FD, ASTContext &Ctx) {
  const Expr *Obj = strip(Detach->getImplicitObjectArgument());
  llvm::SmallVector<const Expr *, 2> Creations;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Obj)) {
    if (startsThread(CE))
      Creations.push_back(CE);
  } else if (const Decl *D = directDecl(Obj)) {
    // The starts of this variable or member in the same function.
    if (const auto *VD = dyn_cast<VarDecl>(D))
      if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(strip(VD->getInit())))
        if (startsThread(CE))
          Creations.push_back(CE);
    forEachStmt(bodyOf(FD), [&](const Stmt *S) {
      const auto *OCE = dyn_cast<CXXOperatorCallExpr>(S);
      if (!OCE || OCE->getOperator() != OO_Equal || OCE->getNumArgs() != 2 ||
          directDecl(OCE->getArg(0)) != D)
        return;
      if (const auto *CE = dyn_cast<CXXConstructExpr>(strip(OCE->getArg(1))))
        if (startsThread(CE))
          Creations.push_back(CE);
    });
  }
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  llvm::SmallVector<DangerousCapture, 4> Dangers;
  for (const Expr *Creation : Creations) {
    llvm::SmallVector<const Expr *, 4> Args = callableAndArgs(Creation);
    // A thread that never returns (a server's main loop on `this`) is run
    // only by an object meant to live as long as the process; one whose
    // end the destructor waits for (a flag the thread sets) ends first.
    bool OutlivesNothing =
        !Args.empty() &&
        (runsForever(Args.front(), Ctx) ||
         (MD && destructorAwaitsFlagOf(MD->getParent(), Args.front())));
    for (const DangerousCapture &C : dangersOf(Args))
      if (C.K != DangerousCapture::This || !OutlivesNothing)
        Dangers.push_back(C);
  }
  // A function that never returns after the detach (a server's main loop)
  // keeps its locals alive for as long as the process runs.
  if (Dangers.empty() || !returnsAfter(Detach, FD, Ctx))
    return;
  // A class whose destructor waits for its detached workers to finish.
  const bool OwnerWaits = MD && destructorWaits(MD->getParent());
  for (const DangerousCapture &C : Dangers) {
      if (C.K == DangerousCapture::This && OwnerWaits)
        continue;
      if (!ReportedCaptures.insert(C.Loc).second)
        continue;
      switch (C.K) {
      case DangerousCapture::ByRef:
        diag(C.Loc, "detached thread captures local variable '%0' by reference; "
                    "the thread may outlive it")
            << C.Var->getName();
        break;
      case DangerousCapture::Pointer:
        diag(C.Loc, "detached thread receives a pointer to local variable '%0'; "
                    "the thread may outlive it")
            << C.Var->getName();
        break;
      case DangerousCapture::This:
        diag(C.Loc, "detached thread captures 'this'; the object may be "
                    "destroyed while the thread still runs");
        break;
      }
      diag(Detach->getExprLoc(), "the thread is detached here", DiagnosticIDs::Note);
    }
}

void UnjoinedThreadCheck::checkStored(const Expr *Store, const FunctionDecl *FD,
                                      ASTContext &Ctx) {
  // Where does the new thread go? Only members and globals outlive the
  // function that starts it; locals are judged by the other analyses.
  const Decl *Dest = nullptr;
  llvm::SmallVector<const Expr *, 4> Args;
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(Store)) {
    Dest = rootDecl(MCE->getImplicitObjectArgument());
    if (isEmplaceName(MCE->getMethodDecl()->getName()))
      Args = callableAndArgs(MCE);
    else
      for (const Expr *Arg : MCE->arguments())
        if (const auto *CE = dyn_cast<CXXConstructExpr>(strip(Arg));
            CE && startsThread(CE) && threadKind(CE->getType()) != ThreadKind::None)
          Args = callableAndArgs(CE);
  } else if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(Store)) {
    Dest = rootDecl(OCE->getArg(0));
    if (const auto *CE = dyn_cast<CXXConstructExpr>(strip(OCE->getArg(1)));
        CE && startsThread(CE))
      Args = callableAndArgs(CE);
  }
  const auto *VD = dyn_cast_or_null<VarDecl>(Dest);
  if (Args.empty() || !Dest ||
      !(isa<FieldDecl>(Dest) || (VD && VD->hasGlobalStorage())))
    return;
  // Joined before the function returns: it does not outlive the locals.
  if (releases(bodyOf(FD), Dest, Ctx.getSourceManager()))
    return;
  const Expr *Creation = Store;
  StringRef Name = cast<NamedDecl>(Dest)->getName();
  const bool Forever = runsForever(Args.front(), Ctx);
  for (const DangerousCapture &C : dangersOf(Args)) {
    // In a member, the object owns the thread: `this` lives as long as it.
    // A global outlives the object, unless the object is meant to live as
    // long as the process (its thread never returns).
    if ((C.K == DangerousCapture::This && (isa<FieldDecl>(Dest) || Forever)) ||
        !ReportedCaptures.insert(C.Loc).second)
      continue;
    if (C.K == DangerousCapture::This)
      diag(C.Loc, "thread stored in '%0' captures 'this'; the object may be "
                  "destroyed while the thread still runs")
          << Name;
    else if (C.K == DangerousCapture::ByRef)
      diag(C.Loc, "thread stored in '%0' captures local variable '%1' by "
                  "reference; the thread may outlive it")
          << Name << C.Var->getName();
    else
      diag(C.Loc, "thread stored in '%0' receives a pointer to local variable "
                  "'%1'; the thread may outlive it")
          << Name << C.Var->getName();
    diag(Creation->getExprLoc(), "the thread is stored in '%0' here",
         DiagnosticIDs::Note)
        << Name;
  }
}

//===-- pthreads ------------------------------------------------------------===//

void UnjoinedThreadCheck::checkGlobals() {
  for (const VarDecl *VD : Globals) {
    ThreadKind Kind = threadKind(VD->getType());
    bool Container = Kind == ThreadKind::None;
    if (Container)
      Kind = containerElementKind(VD->getType());
    const Stmt *Start = nullptr;
    if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(strip(VD->getInit()));
        CE && !Container && startsThread(CE))
      Start = CE;
    bool Released = false;
    for (const FunctionDecl *FD : UserFunctions) {
      const Stmt *Body = FD->getBody();
      if (releases(Body, VD, *SM)) {
        Released = true;
        break;
      }
      if (Start)
        continue;
      forEachStmt(Body, [&](const Stmt *S) {
        if (Start)
          return;
        if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(S)) {
          if (OCE->getOperator() != OO_Equal || OCE->getNumArgs() != 2 ||
              rootDecl(OCE->getArg(0)) != VD ||
              threadKind(OCE->getArg(0)->getType()) == ThreadKind::None)
            return;
          const auto *RHS = dyn_cast<CXXConstructExpr>(strip(OCE->getArg(1)));
          if (!RHS || RHS->getNumArgs() > 0)
            Start = OCE;
        } else if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(S)) {
          const CXXMethodDecl *MD = MCE->getMethodDecl();
          if (Container && MD && MD->getIdentifier() && isAdderName(MD->getName()) &&
              rootDecl(MCE->getImplicitObjectArgument()) == VD)
            Start = MCE;
        }
      });
    }
    if (!Start || Released)
      continue;
    if (Container)
      diag(VD->getLocation(), "threads in '%0' are started but nothing joins or "
                              "detaches them before it is destroyed at exit; %1")
          << VD->getName()
          << (Kind == ThreadKind::Boost
                  ? "destroying a joinable boost::thread detaches it and nothing waits for it"
                  : "destroying a joinable std::thread calls std::terminate");
    else
      diag(VD->getLocation(), "thread '%0' is started but nothing joins or "
                              "detaches it before it is destroyed at exit; %1")
          << VD->getName() << destructorConsequence(Kind);
    diag(locOf(Start), Container ? "a thread is added to '%0' here"
                                 : "'%0' is started here",
         DiagnosticIDs::Note)
        << VD->getName();
  }
}

void UnjoinedThreadCheck::onEndOfTranslationUnit() {
  for (const FieldDecl *FD : Members)
    checkMember(FD, *Context);
  // The paths of local pthread_t handles: the functions that create into
  // them (found by place: asking the AST for parents would build the parent
  // map of the whole translation unit).
  if (Context)
    for (const PthreadCreate &PC : PthreadCreates)
      for (const FunctionDecl *FD : UserFunctions)
        if (const Stmt *Body = FD->getBody();
            Body && Context->getSourceManager().isPointWithin(
                        PC.Call->getBeginLoc(), Body->getBeginLoc(), Body->getEndLoc()))
          checkLocalThreads(FD, *Context);
  Members.clear();
  Context = nullptr;
  if (SM)
    checkGlobals();
  Globals.clear();
  UserFunctions.clear();
  SM = nullptr;
  llvm::SmallPtrSet<const ValueDecl *, 8> Reported;
  llvm::DenseSet<const Decl *> PthreadOtherUses;
  for (const Expr *E : PthreadUses)
    if (!PthreadObservedUses.count(E) && !PthreadInertUses.count(E))
      PthreadOtherUses.insert(directDecl(E));
  for (const PthreadCreate &PC : PthreadCreates) {
    // Created through a pointer or a reference: an out-parameter (the
    // caller's handle; the calls of a function that does so are creations
    // of their own), or an alias of storage that other names reach
    // (`pthread_t *ts = new pthread_t[n]` joined as `ts[i]`, `for (auto &t :
    // ts)` joined by value in another loop). Which name joins it is not
    // followed: silent.
    if (PC.Handle->getType()->isPointerType() || PC.Handle->getType()->isReferenceType())
      continue;
    if (PthreadOtherUses.count(PC.Handle) || !Reported.insert(PC.Handle).second)
      continue;
    // A global that other translation units name (stunnel's `cron_thread_id`,
    // joined by the shutdown code of another file): who joins it is not in
    // view.
    if (const auto *VD = dyn_cast<VarDecl>(PC.Handle);
        VD && VD->hasGlobalStorage() && !VD->isStaticLocal() &&
        VD->isExternallyVisible())
      continue;
    // The same for a field of a struct a header declares (unbound's
    // `ctx->bg_tid`, joined by `ub_ctx_delete` in another file).
    if (const auto *FD = dyn_cast<FieldDecl>(PC.Handle)) {
      const SourceManager &FSM = FD->getASTContext().getSourceManager();
      if (!FSM.isInMainFile(FSM.getExpansionLoc(FD->getLocation())))
        continue;
    }
    // Created detached through its attributes.
    if (PC.Call->getNumArgs() > 1)
      if (const ValueDecl *Attr = rootDecl(PC.Call->getArg(1)))
        if (DetachedAttrs.count(Attr))
          continue;
    // A start routine that detaches itself, or one we cannot see: the third
    // argument of pthread_create, the function a wrapper is given.
    const ThreadCreateApi *Api = threadCreateCall(PC.Call);
    bool Direct = Api != nullptr;
    const FunctionDecl *Routine = nullptr;
    for (unsigned I = Direct ? Api->RoutineArg : 0; I < PC.Call->getNumArgs() && !Routine;
         ++I) {
      // `leaf`, `&leaf`, `&Cls::entry`.
      const Expr *RoutineRef = PC.Call->getArg(I)->IgnoreParenCasts();
      if (const auto *UO = dyn_cast<UnaryOperator>(RoutineRef);
          UO && UO->getOpcode() == UO_AddrOf)
        RoutineRef = UO->getSubExpr()->IgnoreParenCasts();
      Routine = dyn_cast_or_null<FunctionDecl>(directDecl(RoutineRef));
      if (Direct)
        break;
    }
    if (PC.Call->getNumArgs() > (Direct ? Api->RoutineArg : 0) || !Direct) {
      const Stmt *Body = bodyOf(Routine);
      bool SelfDetaches = !Body;
      forEachStmt(Body, [&](const Stmt *S) {
        if (const auto *CE = dyn_cast<CallExpr>(S))
          if (const FunctionDecl *Callee = CE->getDirectCallee())
            SelfDetaches |= Callee->getIdentifier() &&
                            (Callee->getName() == "pthread_detach" ||
                             Callee->getName() == "thrd_detach");
      });
      if (SelfDetaches)
        continue;
    }
    if (Direct)
      diag(PC.Call->getBeginLoc(),
           "thread created into '%0' is never joined or detached; its stack and "
           "thread descriptor are never reclaimed")
          << PC.Handle->getName();
    else
      diag(PC.Call->getBeginLoc(),
           "thread created into '%0' by '%1' is never joined or detached; its stack and "
           "thread descriptor are never reclaimed")
          << PC.Handle->getName() << PC.Call->getDirectCallee()->getName();
  }
  PthreadCreates.clear();
  PthreadUses.clear();
  PthreadObservedUses.clear();
  PthreadInertUses.clear();
  DetachedAttrs.clear();
  DependentFunctions.clear();
  Lifetimes.clear();
  AnalyzedFunctions.clear();
  ReportedMembers.clear();
  ReportedCaptures.clear();
  Locals.reset();
}

} // namespace clang::tidy::leaklint
