//===--- ThreadModel.cpp - what leaklint knows about thread types --------===//

#include "ThreadModel.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::leaklint::thread_model {

namespace {
bool inTopNamespace(const Decl *D, llvm::StringRef Name) {
  const auto *NS = dyn_cast<NamespaceDecl>(D->getDeclContext()->getRedeclContext());
  while (NS && NS->isInline())
    NS = dyn_cast<NamespaceDecl>(NS->getDeclContext()->getRedeclContext());
  return NS && NS->getIdentifier() && NS->getName() == Name &&
         NS->getDeclContext()->getRedeclContext()->isTranslationUnit();
}
} // namespace

ThreadKind threadKind(QualType T) {
  if (T.isNull())
    return ThreadKind::None;
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier() || RD->getName() != "thread")
    return ThreadKind::None;
  if (inTopNamespace(RD, "std"))
    return ThreadKind::Std;
  if (inTopNamespace(RD, "boost"))
    return ThreadKind::Boost;
  return ThreadKind::None;
}

ThreadKind containerElementKind(QualType T) {
  if (T.isNull())
    return ThreadKind::None;
  T = T.getNonReferenceType();
  if (const auto *AT = T->getAsArrayTypeUnsafe())
    return threadKind(AT->getElementType());
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (!Spec || !Spec->getIdentifier() || !inTopNamespace(Spec, "std"))
    return ThreadKind::None;
  // Which template argument is the element: 0 for sequences and sets, 1 for
  // maps (the mapped type).
  int Arg = llvm::StringSwitch<int>(Spec->getName())
                .Cases("vector", "deque", "list", "forward_list", "array", 0)
                .Cases("map", "multimap", "unordered_map", "unordered_multimap", 1)
                .Default(-1);
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Arg < 0 || static_cast<unsigned>(Arg) >= Args.size() ||
      Args[Arg].getKind() != TemplateArgument::Type)
    return ThreadKind::None;
  return threadKind(Args[Arg].getAsType());
}

llvm::StringRef destructorConsequence(ThreadKind K) {
  return K == ThreadKind::Boost
             ? "its destructor detaches it and nothing waits for it to finish"
             : "its destructor calls std::terminate";
}

static llvm::StringRef methodName(const CXXMethodDecl *MD) {
  return MD && MD->getIdentifier() ? MD->getName() : llvm::StringRef();
}

// A pthread_t, or an array or standard container of them
// (`std::vector<pthread_t> ids(n)`, `std::map<int, pthread_t>`).
bool isPthreadT(QualType T) {
  if (T.isNull())
    return false;
  if (const auto *AT = T->getAsArrayTypeUnsafe())
    T = AT->getElementType();
  // The arguments as written: the specialization's own are canonical, and
  // pthread_t is only a typedef.
  if (const auto *TST = T->getAs<TemplateSpecializationType>();
      TST && T->getAsCXXRecordDecl() && T->getAsCXXRecordDecl()->isInStdNamespace())
    return llvm::any_of(TST->template_arguments(), [](const TemplateArgument &A) {
      return A.getKind() == TemplateArgument::Type && isPthreadT(A.getAsType());
    });
  while (const auto *TT = T->getAs<TypedefType>()) {
    if (llvm::is_contained({"pthread_t", "thrd_t", "uv_thread_t"},
                           TT->getDecl()->getName()))
      return true;
    QualType Next = TT->getDecl()->getUnderlyingType();
    if (Next == T)
      break;
    T = Next;
  }
  return false;
}

constexpr ThreadCreateApi ThreadCreateApis[] = {
    {"::pthread_create", 4, 2},
    {"::thrd_create", 3, 1},
    {"::uv_thread_create", 3, 1},
    {"::uv_thread_create_ex", 4, 2},
};

llvm::ArrayRef<ThreadCreateApi> threadCreateApis() { return ThreadCreateApis; }

const ThreadCreateApi *threadCreateCall(const CallExpr *CE) {
  for (const ThreadCreateApi &A : ThreadCreateApis)
    if (CE && CE->getNumArgs() == A.NumArgs &&
        isGlobalCall(CE, A.Name.drop_front(2)))
      return &A;
  return nullptr;
}

// Functions that take a pthread_t and neither join it nor detach it.
constexpr llvm::StringRef PthreadObservers[] = {
    "::pthread_create",        "::thrd_create",        "::uv_thread_create",
    "::uv_thread_create_ex",   "::thrd_equal",         "::uv_thread_equal",
    "::pthread_setname_np", "::pthread_getname_np",
    "::pthread_kill",          "::pthread_cancel",     "::pthread_setschedparam",
    "::pthread_getschedparam", "::pthread_setaffinity_np",
    "::pthread_getaffinity_np", "::pthread_equal",     "::pthread_getattr_np",
    "::pthread_setschedprio"};

llvm::ArrayRef<llvm::StringRef> pthreadObservers() { return PthreadObservers; }

bool isGlobalCall(const CallExpr *CE, llvm::StringRef Name) {
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  return FD && FD->getIdentifier() && FD->getName() == Name &&
         FD->getDeclContext()->getRedeclContext()->isTranslationUnit();
}

bool joinsOrDetachesPthread(const CallExpr *CE) {
  return CE && CE->getNumArgs() > 0 &&
         (isGlobalCall(CE, "pthread_join") || isGlobalCall(CE, "pthread_detach") ||
          isGlobalCall(CE, "thrd_join") || isGlobalCall(CE, "thrd_detach") ||
          isGlobalCall(CE, "uv_thread_join") || isGlobalCall(CE, "uv_thread_detach"));
}

bool isJoinOrDetach(const CXXMethodDecl *MD) {
  llvm::StringRef N = methodName(MD);
  return N == "join" || N == "detach";
}

bool isDetach(const CXXMethodDecl *MD) { return methodName(MD) == "detach"; }

const Expr *strip(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(Next))
      Next = EWC->getSubExpr();
    else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = MTE->getSubExpr();
    else if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = BTE->getSubExpr();
    else if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(Next))
      Next = FC->getSubExpr();
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

bool isStdCall(const CallExpr *CE, llvm::ArrayRef<llvm::StringRef> Names) {
  const auto *FD = CE ? CE->getDirectCallee() : nullptr;
  if (!FD || !FD->getIdentifier() || !FD->isInStdNamespace())
    return false;
  return llvm::is_contained(Names, FD->getName());
}

const Expr *movedOperand(const Expr *E) {
  E = strip(E);
  if (const auto *CE = dyn_cast_or_null<CallExpr>(E))
    if (CE->getNumArgs() == 1 && isStdCall(CE, {"move", "forward"}))
      return strip(CE->getArg(0));
  if (const auto *SC = dyn_cast_or_null<CXXStaticCastExpr>(E))
    if (SC->getType()->isRValueReferenceType() || SC->isXValue())
      return strip(SC->getSubExpr());
  return nullptr;
}

bool startsThread(const CXXConstructExpr *CE) {
  if (!CE || CE->getNumArgs() == 0)
    return false;
  const Expr *First = CE->getArg(0);
  // A move from another thread transfers; it does not start anything.
  return threadKind(First->getType()) == ThreadKind::None &&
         !isa<CXXDefaultArgExpr>(First);
}

bool isCallOnThis(const CXXMemberCallExpr *MCE) {
  return isa<CXXThisExpr>(
      MCE->getImplicitObjectArgument()->IgnoreParenImpCasts());
}

const ValueDecl *rootDecl(const Expr *E) {
  while (E) {
    E = strip(E);
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return DRE->getDecl();
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (isa<FieldDecl>(ME->getMemberDecl()))
        return ME->getMemberDecl();
      E = ME->getBase();
    } else if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
      E = ASE->getBase();
    } else if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(E)) {
      if (OCE->getNumArgs() == 0)
        return nullptr;
      E = OCE->getArg(0);
    } else if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E)) {
      E = MCE->getImplicitObjectArgument();
    } else if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      E = UO->getSubExpr();
    } else if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      if (!BO->isAdditiveOp())
        return nullptr;
      E = BO->getLHS()->getType()->isPointerType() ? BO->getLHS() : BO->getRHS();
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

bool mentions(const Stmt *S, const llvm::SmallPtrSetImpl<const Decl *> &Decls) {
  bool Found = false;
  forEachStmt(S, [&](const Stmt *X) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(X))
      Found |= Decls.count(DRE->getDecl()) != 0;
    else if (const auto *ME = dyn_cast<MemberExpr>(X))
      Found |= Decls.count(ME->getMemberDecl()) != 0;
  });
  return Found;
}

const Decl *directDecl(const Expr *E) {
  E = strip(E);
  // `return v;` moves through an implicit copy or move constructor.
  if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(E))
    if (CE->getNumArgs() == 1 && CE->getConstructor()->isCopyOrMoveConstructor())
      E = strip(CE->getArg(0));
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
    return DRE->getDecl();
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(E))
    return ME->getMemberDecl();
  return nullptr;
}

bool containsJoinOrDetach(const Stmt *S) {
  bool Found = false;
  forEachStmt(S, [&](const Stmt *X) {
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(X))
      Found |= isJoinOrDetach(MCE->getMethodDecl()) &&
               threadKind(MCE->getImplicitObjectArgument()->getType()) !=
                   ThreadKind::None;
    else if (const auto *DRE = dyn_cast<DeclRefExpr>(X))
      Found |= isJoinOrDetach(dyn_cast<CXXMethodDecl>(DRE->getDecl()));
  });
  return Found;
}

bool isAdderName(llvm::StringRef N) {
  return llvm::StringSwitch<bool>(N)
      .Cases("push_back", "emplace_back", "push_front", "emplace_front", true)
      .Cases("emplace", "insert", "try_emplace", "emplace_hint", true)
      .Case("insert_or_assign", true)
      .Default(false);
}

bool isEmplaceName(llvm::StringRef N) {
  return llvm::StringSwitch<bool>(N)
      .Cases("emplace_back", "emplace_front", "emplace", "try_emplace", true)
      .Case("emplace_hint", true)
      .Default(false);
}

} // namespace clang::tidy::leaklint::thread_model
