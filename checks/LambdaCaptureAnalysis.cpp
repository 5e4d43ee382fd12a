//===--- LambdaCaptureAnalysis.cpp - where does a callable end up? --------===//

#include "LambdaCaptureAnalysis.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leaklint {

namespace {

// Deep enough for "local -> helper -> helper -> member", shallow enough to
// keep the cost bounded on large call chains.
constexpr unsigned MaxDepth = 6;

// Declared in namespace std (or nested in it, or a member of a std class).
bool isInStd(const Decl *D) {
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (DC->isStdNamespace())
      return true;
  return false;
}

// Standard member functions that put their argument into the container they
// are called on.
bool isContainerInsert(StringRef Name) {
  static constexpr llvm::StringLiteral Names[] = {
      "push_back",    "push_front",    "emplace_back",     "emplace_front", "emplace",
      "emplace_hint", "insert",        "insert_or_assign", "try_emplace",   "push",
      "assign",       "emplace_after", "insert_after"};
  return llvm::is_contained(Names, Name);
}

// Standard types whose constructor keeps (a copy of) its argument in the
// constructed object: the callable lives as long as the object.
bool isStdHolder(const CXXRecordDecl *RD) {
  static constexpr llvm::StringLiteral Names[] = {
      "function", "move_only_function", "copyable_function", "pair", "tuple", "optional",
      "any",      "packaged_task"};
  return RD && isInStd(RD) && RD->getIdentifier() && llvm::is_contained(Names, RD->getName());
}

// Whether the elements of a standard container keep a callable they are
// built from: std::function, a closure, a Task, a unique_ptr to a widget...;
// not std::thread, which drops it when it is done.
bool elementKeepsCallable(const CXXRecordDecl *Container) {
  QualType Element;
  for (StringRef Name : {"mapped_type", "value_type"}) {
    for (const NamedDecl *ND : Container->lookup(&Container->getASTContext().Idents.get(Name)))
      if (const auto *TD = dyn_cast<TypedefNameDecl>(ND)) {
        Element = TD->getUnderlyingType();
        break;
      }
    if (!Element.isNull())
      break;
  }
  if (Element.isNull())
    return true;
  // A pointer to an object keeps the object (`pending_.push_back(msg)` of
  // a message holding the callable); integers and other pointers do not.
  if (Element->isPointerType())
    Element = Element->getPointeeType();
  const CXXRecordDecl *RD = Element.getCanonicalType()->getAsCXXRecordDecl();
  if (!RD)
    return false;
  return !(isInStd(RD) && RD->getIdentifier() &&
           llvm::is_contained({"thread", "jthread"}, RD->getName()));
}

// std::move / std::forward / std::as_const pass the same object on.
bool isStdPassThrough(const CallExpr *Call) {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
  if (!FD || !isInStd(FD) || !FD->getIdentifier() || Call->getNumArgs() != 1)
    return false;
  StringRef Name = FD->getName();
  return Name == "move" || Name == "forward" || Name == "as_const";
}

std::string describeVar(const VarDecl *V) {
  if (V->isStaticDataMember())
    return "static data member '" + V->getQualifiedNameAsString() + "'";
  if (V->isStaticLocal())
    return "static local '" + V->getNameAsString() + "'";
  return "global '" + V->getNameAsString() + "'";
}

// `Signal::connect`, not `Signal<const std::basic_string<char> &>::connect`.
std::string functionName(const FunctionDecl *FD) {
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
    return MD->getParent()->getNameAsString() + "::" + FD->getNameAsString();
  return FD->getQualifiedNameAsString();
}

std::string memberName(const NamedDecl *D) { return "data member '" + D->getNameAsString() + "'"; }

int argIndex(llvm::ArrayRef<const Expr *> Args, const Expr *E) {
  for (unsigned I = 0; I < Args.size(); ++I)
    if (Args[I] == E)
      return static_cast<int>(I);
  return -1;
}

// The object an lvalue expression designates, described by what it is
// rooted in.
struct Root {
  enum Kind { Unknown, This, Global, Local, Param, External, Temporary } K = Unknown;
  const VarDecl *Var = nullptr;
  const NamedDecl *Member = nullptr; ///< The data member nearest to the store.
  bool ViaMember = false;
};

// A function that returns (a reference or pointer to) one static variable,
// the usual "registry()" singleton accessor.
const VarDecl *returnedStatic(const FunctionDecl *FD, ASTContext &Ctx) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def)
    return nullptr;
  const VarDecl *Found = nullptr;
  for (const BoundNodes &N : match(findAll(returnStmt().bind("r")), *Def->getBody(), Ctx)) {
    const Expr *RV = N.getNodeAs<ReturnStmt>("r")->getRetValue();
    if (!RV)
      return nullptr;
    RV = RV->IgnoreParenImpCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(RV); UO && UO->getOpcode() == UO_AddrOf)
      RV = UO->getSubExpr()->IgnoreParenImpCasts();
    const auto *DRE = dyn_cast<DeclRefExpr>(RV);
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (!V || !V->hasGlobalStorage() || (Found && Found != V))
      return nullptr;
    Found = V;
  }
  return Found;
}

Root classifyRoot(const Expr *E, ASTContext &Ctx) {
  Root R;
  bool ViaPointer = false;
  for (unsigned Steps = 0; E && Steps < 32; ++Steps) {
    E = E->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (const auto *VD = dyn_cast<VarDecl>(ME->getMemberDecl())) {
        R.K = Root::Global;
        R.Var = VD;
        return R;
      }
      if (!R.Member)
        R.Member = ME->getMemberDecl();
      R.ViaMember = true;
      ViaPointer |= ME->isArrow();
      E = ME->getBase();
      continue;
    }
    if (isa<CXXThisExpr>(E)) {
      R.K = Root::This;
      R.ViaMember = true; // the object itself is what `this` refers to
      return R;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      if (!VD)
        return R;
      R.Var = VD;
      if (VD->hasGlobalStorage()) {
        R.K = Root::Global;
        return R;
      }
      // The iterator of a range-for (`for (auto &w : widgets_)`) is rooted
      // in the range.
      if (VD->isImplicit() && VD->getInit()) {
        const Expr *Init = VD->getInit()->IgnoreImplicit();
        if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Init))
          E = MC->getImplicitObjectArgument();
        else if (const auto *Call = dyn_cast<CallExpr>(Init); Call && Call->getNumArgs() == 1)
          E = Call->getArg(0);
        else
          E = Init;
        continue;
      }
      QualType T = VD->getType();
      bool Alias = T->isReferenceType() || (ViaPointer && T->isPointerType());
      if (isa<ParmVarDecl>(VD)) {
        // A by-value parameter is a local object of this function.
        R.K = Alias ? Root::Param : Root::Local;
        return R;
      }
      if (!Alias) {
        R.K = Root::Local;
        return R;
      }
      // A local reference or pointer: look through `auto &x = y;` and
      // `T *p = &y;`, otherwise the object lives elsewhere.
      if (const Expr *Init = VD->getInit()) {
        Init = Init->IgnoreParenImpCasts();
        if (const auto *UO = dyn_cast<UnaryOperator>(Init);
            UO && UO->getOpcode() == UO_AddrOf && T->isPointerType()) {
          E = UO->getSubExpr();
          continue;
        }
        if (T->isReferenceType()) {
          E = Init;
          continue;
        }
        // `auto *msg = new Msg;`: an object this function makes, kept as
        // long as whatever the pointer is given to keeps it (a message
        // written to a worker's pipe, run once and deleted).
        if (isa<CXXNewExpr>(Init) && T->isPointerType()) {
          R.K = Root::Local;
          return R;
        }
      }
      R.K = Root::External;
      return R;
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
      OverloadedOperatorKind Op = OC->getOperator();
      if ((Op == OO_Subscript || Op == OO_Star || Op == OO_Arrow) && OC->getNumArgs() >= 1) {
        E = OC->getArg(0);
        continue;
      }
      return R;
    }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      // An accessor returning a reference or pointer into the object
      // (`at`, `front`, `get`, `lookup(name)`) is rooted in that object.
      QualType RT = MC->getCallReturnType(Ctx);
      if ((RT->isReferenceType() || RT->isPointerType()) && MC->getImplicitObjectArgument()) {
        E = MC->getImplicitObjectArgument();
        continue;
      }
      R.K = Root::Temporary;
      return R;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      QualType RT = Call->getCallReturnType(Ctx);
      if (!RT->isReferenceType() && !RT->isPointerType()) {
        R.K = Root::Temporary;
        return R;
      }
      if (const VarDecl *S = returnedStatic(Call->getDirectCallee(), Ctx)) {
        R.K = Root::Global;
        R.Var = S;
        return R;
      }
      R.K = Root::External;
      return R;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_Deref) {
      ViaPointer = true;
      E = UO->getSubExpr();
      continue;
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      E = AS->getBase();
      continue;
    }
    if (E->isPRValue() || isa<MaterializeTemporaryExpr>(E))
      R.K = Root::Temporary;
    return R;
  }
  return R;
}

CallableStore strongest(CallableStore A, CallableStore B) {
  auto Rank = [](const CallableStore &S) {
    switch (S.K) {
    case CallableStore::LongLived:
      return 3;
    case CallableStore::IntoThis:
      return 2;
    case CallableStore::IntoParam:
      return S.ViaMember ? 1 : 0;
    case CallableStore::None:
      break;
    }
    return -1;
  };
  return Rank(B) > Rank(A) ? std::move(B) : std::move(A);
}

void prependNote(CallableStore &S, SourceLocation Loc, std::string Text) {
  if (S.stored() && Loc.isValid())
    S.Notes.insert(S.Notes.begin(), {Loc, std::move(Text)});
}

} // namespace

// Matching from a FunctionDecl root finds nothing, so the body and the
// constructor initializers are searched one by one.
template <typename NodeT, typename MatcherT>
static llvm::SmallVector<const NodeT *, 8> findInFunction(const FunctionDecl *Fn, MatcherT M,
                                                          ASTContext &Ctx) {
  llvm::SmallVector<const NodeT *, 8> Out;
  auto Collect = [&](const Stmt *Root) {
    if (!Root)
      return;
    for (const BoundNodes &N : match(findAll(M.bind("n")), *Root, Ctx))
      Out.push_back(N.getNodeAs<NodeT>("n"));
  };
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Fn))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten())
        Collect(Init->getInit());
  Collect(Fn->getBody());
  return Out;
}

llvm::SmallVector<const DeclRefExpr *, 8> findUses(const FunctionDecl *Fn, const ValueDecl *V,
                                                   ASTContext &Ctx) {
  return findInFunction<DeclRefExpr>(Fn, declRefExpr(to(valueDecl(equalsNode(V)))), Ctx);
}

llvm::SmallVector<const LambdaExpr *, 8> findLambdas(const FunctionDecl *Fn, ASTContext &Ctx) {
  return findInFunction<LambdaExpr>(Fn, lambdaExpr(), Ctx);
}

//===----------------------------------------------------------------------===//
// Names and costs
//===----------------------------------------------------------------------===//

static std::string normalizedQualifiedName(const NamedDecl *D) {
  llvm::SmallVector<std::string, 4> Scopes;
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (!NS->isInline() && !NS->isAnonymousNamespace())
        Scopes.push_back(NS->getName().str());
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      Scopes.push_back(RD->getName().str());
    }
  }
  std::string Out;
  for (auto It = Scopes.rbegin(); It != Scopes.rend(); ++It)
    Out += "::" + *It;
  return Out + "::" + D->getName().str();
}

// Whether the parser skipped the body of \p FD (or of the template it is
// instantiated from), as clangd does for the headers of its preamble.
static bool bodyWasSkipped(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (FD->isDefined(Def) && Def->hasSkippedBody())
    return true;
  const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern(false);
  return Pattern && Pattern != FD && Pattern->isDefined(Def) && Def->hasSkippedBody();
}

bool matchesAnyListedName(const NamedDecl *D, llvm::ArrayRef<std::string> Names) {
  if (!D || !D->getIdentifier())
    return false;
  StringRef Name = D->getName();
  std::string Qualified;
  for (StringRef Entry : Names) {
    if (Entry.empty() || !Entry.ends_with(Name))
      continue;
    if (Entry == Name)
      return true;
    if (!Entry.contains("::"))
      continue;
    if (Qualified.empty())
      Qualified = normalizedQualifiedName(D);
    if (Entry.starts_with("::") ? Qualified == Entry
                                : StringRef(Qualified).ends_with(("::" + Entry).str()))
      return true;
  }
  return false;
}

CaptureCostModel::Cost CaptureCostModel::costOf(QualType T, const ASTContext &Ctx) {
  Cost C;
  T = T.getNonReferenceType();
  if (T.isNull() || T->isDependentType() || T->isIncompleteType() || T->isSizelessType())
    return C;
  C.Bytes = static_cast<uint64_t>(Ctx.getTypeSizeInChars(T).getQuantity());
  C.OwnsHeap = ownsHeap(T, Ctx);
  C.Expensive = C.OwnsHeap || C.Bytes > SizeThreshold;
  return C;
}

bool CaptureCostModel::ownsHeap(QualType T, const ASTContext &Ctx, unsigned Depth) {
  T = T.getCanonicalType();
  if (const ArrayType *AT = Ctx.getAsArrayType(T))
    return ownsHeap(AT->getElementType(), Ctx, Depth + 1);
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !(RD = RD->getDefinition()))
    return false;
  auto It = HeapCache.find(T.getTypePtr());
  if (It != HeapCache.end())
    return It->second;
  HeapCache[T.getTypePtr()] = false; // guards against recursion
  bool Result = matchesAnyListedName(RD, HeapOwningTypes);
  // A struct owns heap data when one of its parts does; pointers and
  // shared_ptr/string_view/span (pointer fields) are handles, not owners.
  if (!Result && Depth < 8 && !RD->isDependentType()) {
    for (const CXXBaseSpecifier &B : RD->bases())
      if ((Result = ownsHeap(B.getType(), Ctx, Depth + 1)))
        break;
    if (!Result)
      for (const FieldDecl *F : RD->fields())
        if ((Result = ownsHeap(F->getType(), Ctx, Depth + 1)))
          break;
  }
  HeapCache[T.getTypePtr()] = Result;
  return Result;
}

//===----------------------------------------------------------------------===//
// Where a callable ends up
//===----------------------------------------------------------------------===//

const FunctionDecl *CallableStoreFinder::enclosingFunction(const LambdaExpr *L) {
  const DeclContext *DC = L->getLambdaClass()->getDeclContext();
  if (const auto *FD = dyn_cast<FunctionDecl>(DC))
    return FD;
  // A lambda in a constructor's member initializer belongs to the class:
  // find the constructor by where it is written.
  if (const auto *RD = dyn_cast<CXXRecordDecl>(DC))
    for (const CXXConstructorDecl *Ctor : RD->ctors()) {
      const FunctionDecl *Def = nullptr;
      if (!Ctor->hasBody(Def))
        continue;
      for (const CXXCtorInitializer *Init : cast<CXXConstructorDecl>(Def)->inits())
        if (Init->isWritten() && Init->getSourceRange().fullyContains(L->getSourceRange()))
          return Def;
    }
  return nullptr;
}

CallableStoreFinder::Parent CallableStoreFinder::parentOf(const Stmt *E, const FunctionDecl *Fn) {
  Parent P;
  if (Fn && Fn->getBody()) {
    std::unique_ptr<ParentMap> &PM = ParentMaps[Fn];
    if (!PM) {
      PM = std::make_unique<ParentMap>(const_cast<Stmt *>(Fn->getBody()));
      if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Fn))
        for (const CXXCtorInitializer *Init : Ctor->inits())
          if (Init->getInit())
            PM->addStmt(Init->getInit());
    }
    const Stmt *S = PM->getParent(E);
    if (const auto *DS = dyn_cast_or_null<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit() == E)
          P.Var = VD;
      return P;
    }
    if (S) {
      P.S = S;
      return P;
    }
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Fn))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->getInit() == E)
          P.Init = Init;
    return P;
  }
  // Outside functions (namespace-scope variables, default member
  // initializers): the map of the initializer that holds the lambda looked
  // for, else the AST-wide map (which costs a traversal of every header).
  if (InitOwner) {
    const Expr *Root = initializerOf(InitOwner);
    std::unique_ptr<ParentMap> &PM = InitParentMaps[InitOwner];
    if (!PM)
      PM = std::make_unique<ParentMap>(const_cast<Expr *>(Root));
    if (E == Root) {
      P.Var = dyn_cast<VarDecl>(InitOwner);
      P.Field = dyn_cast<FieldDecl>(InitOwner);
      return P;
    }
    if (PM->hasParent(E)) {
      P.S = PM->getParent(E);
      return P;
    }
  }
  DynTypedNodeList Parents = Ctx.getParents(*E);
  if (Parents.empty())
    return P;
  P.S = Parents[0].get<Stmt>();
  P.Var = Parents[0].get<VarDecl>();
  P.Field = Parents[0].get<FieldDecl>();
  return P;
}

const Expr *CallableStoreFinder::initializerOf(const Decl *D) {
  if (const auto *VD = dyn_cast<VarDecl>(D))
    return VD->getInit();
  if (const auto *FD = dyn_cast<FieldDecl>(D))
    return FD->getInClassInitializer();
  return nullptr;
}

const Decl *CallableStoreFinder::initOwner(const LambdaExpr *L) const {
  const SourceManager &SM = Ctx.getSourceManager();
  auto Holds = [&](const Decl *D) {
    const Expr *Init = initializerOf(D);
    if (!Init)
      return false;
    SourceRange R = Init->getSourceRange();
    return R.isValid() &&
           !SM.isBeforeInTranslationUnit(L->getBeginLoc(), R.getBegin()) &&
           !SM.isBeforeInTranslationUnit(R.getEnd(), L->getEndLoc());
  };
  const CXXRecordDecl *Closure = L->getLambdaClass();
  if (const Decl *D = Closure->getLambdaContextDecl(); D && Holds(D))
    return D;
  for (const Decl *D : Closure->getDeclContext()->decls())
    if (isa<VarDecl, FieldDecl>(D) && Holds(D))
      return D;
  return nullptr;
}

CallableStore CallableStoreFinder::find(const LambdaExpr *L) {
  const FunctionDecl *Fn = enclosingFunction(L);
  const Decl *OuterOwner = InitOwner;
  InitOwner = Fn ? nullptr : initOwner(L);
  CallableStore S = followValue(L, Fn, 0);
  InitOwner = OuterOwner;
  // Seen from the function that creates the lambda: the implicit object is
  // not known to be short-lived; an object reached through a parameter is
  // what the callers pass (a container passed in by reference may be the
  // caller's local, so it alone is not evidence).
  if (S.K == CallableStore::IntoThis)
    S.K = CallableStore::LongLived;
  else if (S.K == CallableStore::IntoParam)
    S = S.ViaMember ? throughCallers(std::move(S), Fn, 0) : CallableStore();
  // A registration undone before the function returns.
  if (S.stored() && S.Via && Fn && Fn->getBody() &&
      Fn->getBody()->getSourceRange().fullyContains(S.Via->getSourceRange()) &&
      Lifetime.undoneInScope(S.Via, Fn, S.Member))
    return {};
  return S;
}

// A callable stored into a member of what parameter S.Param refers to: the
// callers of \p Fn in the translation unit say what that is. With none, the
// object is assumed to outlive the call; when every one passes an object
// that dies with the caller's scope, nothing is kept.
CallableStore CallableStoreFinder::throughCallers(CallableStore S, const FunctionDecl *Fn,
                                                  unsigned Depth) {
  S.K = CallableStore::LongLived;
  if (!Fn || Depth > 2 ||
      (isa<CXXMethodDecl>(Fn) && cast<CXXMethodDecl>(Fn)->getParent()->isLambda()))
    return S;
  const FunctionDecl *Canon = Fn->getCanonicalDecl();
  auto It = Callers.find(Canon);
  if (It == Callers.end()) {
    llvm::SmallVector<const CallExpr *, 4> Found;
    for (const BoundNodes &N :
         match(findAll(callExpr(callee(functionDecl(equalsNode(Fn)))).bind("c")), Ctx))
      Found.push_back(N.getNodeAs<CallExpr>("c"));
    It = Callers.try_emplace(Canon, std::move(Found)).first;
  }
  // Another translation unit may call a function with external linkage.
  if (It->second.empty() || (Opts.Strict && Fn->isExternallyVisible()))
    return S;
  for (const CallExpr *Call : It->second) {
    llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
    if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Fn))
      Args = Args.drop_front();
    if (S.Param >= Args.size())
      return S;
    CallableStore C = storeInto(Args[S.Param], S.ViaMember, Call->getBeginLoc(), 1);
    // The caller's own parameter: its callers decide in turn.
    if (C.K == CallableStore::IntoParam) {
      Root R = classifyRoot(Args[S.Param], Ctx);
      const auto *Caller = R.Var ? dyn_cast<FunctionDecl>(R.Var->getDeclContext()) : nullptr;
      C = C.ViaMember ? throughCallers(std::move(C), Caller, Depth + 1) : CallableStore();
    }
    if (C.stored())
      return S;
  }
  return {};
}

// Whether the value of \p E is (a wrapper of) the value of \p L, looking down
// through the nodes followValue() looks up through.
static bool holdsValueOf(const Expr *E, const Expr *L) {
  if (!E)
    return false;
  if (E == L)
    return true;
  E = E->IgnoreImplicit()->IgnoreParens();
  if (E == L)
    return true;
  auto AnyOf = [L](auto Range) {
    return llvm::any_of(Range, [L](const Expr *Sub) { return holdsValueOf(Sub, L); });
  };
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
    return (CE->getConstructor()->isCopyOrMoveConstructor() ||
            isStdHolder(CE->getConstructor()->getParent())) &&
           AnyOf(CE->arguments());
  if (const auto *IL = dyn_cast<InitListExpr>(E))
    return AnyOf(IL->inits());
  if (const auto *PL = dyn_cast<CXXParenListInitExpr>(E))
    return AnyOf(PL->getInitExprs());
  if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E))
    return holdsValueOf(FC->getSubExpr(), L);
  if (const auto *Call = dyn_cast<CallExpr>(E); Call && isStdPassThrough(Call))
    return holdsValueOf(Call->getArg(0), L);
  return false;
}

// The value of \p E initializes the member of \p Init: the constructed
// object keeps it.
static CallableStore memberInitStore(const CXXCtorInitializer *Init, const Expr *E) {
  CallableStore S;
  // A reference member keeps nothing alive.
  if (!Init->isAnyMemberInitializer() || Init->getAnyMember()->getType()->isReferenceType() ||
      !holdsValueOf(Init->getInit(), E))
    return S;
  S.K = CallableStore::IntoThis;
  S.ViaMember = true;
  S.Where = "stored in " + memberName(Init->getAnyMember());
  S.Notes.push_back({Init->getMemberLocation(), "the lambda is " + S.Where + " here"});
  return S;
}

CallableStore CallableStoreFinder::storeInto(const Expr *Obj, bool ViaMember, SourceLocation Loc,
                                             unsigned Depth) {
  Root R = classifyRoot(Obj, Ctx);
  ViaMember |= R.ViaMember;
  std::string Member = R.Member ? memberName(R.Member) : "";
  CallableStore S;
  switch (R.K) {
  case Root::Global:
    S.K = CallableStore::LongLived;
    S.Where =
        "stored in " + (Member.empty() ? describeVar(R.Var) : Member + " of " + describeVar(R.Var));
    break;
  case Root::This:
    S.K = CallableStore::IntoThis;
    S.ViaMember = true;
    S.Where = "stored in " + (Member.empty() ? std::string("'*this'") : Member);
    break;
  case Root::Param: {
    const auto *P = cast<ParmVarDecl>(R.Var);
    S.K = CallableStore::IntoParam;
    S.Param = P->getFunctionScopeIndex();
    S.ViaMember = ViaMember;
    std::string Param = "parameter '" + P->getNameAsString() + "'";
    S.Where = "stored in " + (Member.empty() ? Param : Member + " of " + Param);
    break;
  }
  case Root::External:
    // A member of an object that lives elsewhere (a pointer, a reference, an
    // accessor's result): the object outlives this function.
    if (!ViaMember)
      return {};
    S.K = CallableStore::LongLived;
    S.Where =
        "stored in " + (Member.empty() ? std::string("an object outside this function") : Member);
    break;
  case Root::Local: {
    // The object that holds the callable is a local: it dies at the end of
    // the scope unless it is itself moved or copied somewhere long-lived.
    S = followVar(R.Var, Depth + 1);
    prependNote(S, Loc, "the lambda is kept by local '" + R.Var->getNameAsString() + "' here");
    return S;
  }
  case Root::Temporary:
  case Root::Unknown:
    return {};
  }
  S.Notes.push_back({Loc, "the lambda is " + S.Where + " here"});
  // A member its class runs each callable of once and then drops (a task
  // queue, a completion handler) does not keep it.
  // So does a global only this TU names, whose code takes each callable
  // out where it runs it or empties it after (a queue of work for startup).
  const auto *F = dyn_cast_or_null<FieldDecl>(R.Member);
  if (F || (R.K == Root::Global && !R.Member)) {
    S.Member = F;
    StoreFate Fate = F ? Lifetime.fateOf(F) : Lifetime.fateOf(R.Var);
    // Bodies the parser skipped (clangd's preamble): unknown, not guessed.
    if (Fate == StoreFate::Unseen)
      return {};
    if (Fate == StoreFate::RunOnce) {
      if (!Opts.Strict)
        return {};
      S.RunOnce = true;
    }
    S.FateUnknown = Fate == StoreFate::Unknown;
  }
  return S;
}

CallableStore CallableStoreFinder::followVar(const VarDecl *V, unsigned Depth) {
  if (Depth > MaxDepth) {
    HitDepthLimit = true;
    return {};
  }
  // Where a variable's value goes does not depend on who asks: remember it,
  // and let a cycle (`a = b; b = a;`) find "not stored".
  auto It = VarStores.find(V);
  if (It != VarStores.end())
    return It->second;
  VarStores[V] = CallableStore();
  bool OuterHitDepthLimit = HitDepthLimit;
  HitDepthLimit = false;
  CallableStore Best = followVarUses(V, Depth);
  // A result cut short by the depth limit depends on who asked: not kept.
  if (HitDepthLimit)
    VarStores.erase(V);
  else
    VarStores[V] = Best;
  HitDepthLimit |= OuterHitDepthLimit;
  return Best;
}

CallableStore CallableStoreFinder::followVarUses(const VarDecl *V, unsigned Depth) {
  const auto *Fn = dyn_cast_or_null<FunctionDecl>(V->getParentFunctionOrMethod());
  if (!Fn || !Fn->getBody())
    return {};
  CallableStore Best;
  // Every read of the variable: `handlers_.push_back(std::move(cb))`.
  for (const DeclRefExpr *Use : findUses(Fn, V, Ctx)) {
    Best = strongest(std::move(Best), followValue(Use, Fn, Depth + 1));
    if (Best.K == CallableStore::LongLived)
      return Best;
  }
  // Copies captured by another lambda: `[cb] { ... }` keeps a copy of it.
  for (const LambdaExpr *L : findLambdas(Fn, Ctx)) {
    for (const LambdaCapture &C : L->captures())
      if (C.capturesVariable() && C.getCapturedVar() == V && C.getCaptureKind() == LCK_ByCopy) {
        Best = strongest(std::move(Best), followValue(L, Fn, Depth + 1));
        break;
      }
    if (Best.K == CallableStore::LongLived)
      return Best;
  }
  return Best;
}

CallableStore CallableStoreFinder::summarize(const FunctionDecl *FD, unsigned ParamIdx,
                                             unsigned Depth) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def || ParamIdx >= Def->getNumParams())
    return {};
  // Remembered per parameter by followVar(), recursion included.
  return followVar(Def->getParamDecl(ParamIdx), Depth);
}

bool CallableStoreFinder::onlyCalled(const FunctionDecl *FD, unsigned ParamIdx) {
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !Def || ParamIdx >= Def->getNumParams())
    return false;
  const ParmVarDecl *P = Def->getParamDecl(ParamIdx);
  for (const DeclRefExpr *Use : findUses(Def, P, Ctx)) {
    const Stmt *Cur = Use;
    for (;;) {
      const Stmt *Up = parentOf(Cur, Def).S;
      const auto *Call = dyn_cast_or_null<CallExpr>(Up);
      if (isa_and_nonnull<ImplicitCastExpr, ParenExpr>(Up) || (Call && isStdPassThrough(Call))) {
        Cur = Up;
        continue;
      }
      // `if (f)`, `f.target_type()`: a const member of std::function.
      if (const auto *ME = dyn_cast_or_null<MemberExpr>(Up)) {
        const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
        if (MD && MD->isConst() && isInStd(MD))
          break;
        return false;
      }
      // `f(...)` through a function pointer, or `f(...)` as `operator()`.
      const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(Up);
      if ((OC && OC->getOperator() == OO_Call && OC->getArg(0) == Cur) ||
          (Call && !OC && Call->getCallee() == Cur))
        break;
      return false;
    }
  }
  return true;
}

CallableStore CallableStoreFinder::passedToCall(const FunctionDecl *FD, unsigned ParamIdx,
                                                const Expr *ObjectArg,
                                                llvm::ArrayRef<const Expr *> Args,
                                                SourceLocation Loc, unsigned Depth) {
  if (isInStd(FD)) {
    // Algorithms, std::thread, std::invoke... use the callable and drop it;
    // only the insertions into a container keep it.
    if (ObjectArg && isa<CXXMethodDecl>(FD) && FD->getIdentifier() &&
        isContainerInsert(FD->getName()) &&
        elementKeepsCallable(cast<CXXMethodDecl>(FD)->getParent()))
      return storeInto(ObjectArg, false, Loc, Depth);
    return {};
  }
  // A body that only calls the callable (`void post(F f) { f(); }`) keeps
  // nothing, whatever its name says.
  if (onlyCalled(FD, ParamIdx))
    return {};
  // clangd parses the headers of its preamble without function bodies: a
  // body it skipped is unknown, not absent. Guessing from the name there
  // would warn in the editor where the other doors read the body and stay
  // silent.
  if (bodyWasSkipped(FD))
    return {};
  std::string Callee = "'" + functionName(FD) + "'";
  bool OneShot = matchesAnyListedName(FD, Opts.OneShotFunctions);
  // Decide from the body, when the translation unit has it; where the code
  // that reads the store is not in the TU, the name of a one-shot API says
  // the callable is run once and dropped.
  CallableStore Sum = summarize(FD, ParamIdx, Depth + 1);
  if (Sum.stored() && !(OneShot && Sum.FateUnknown && !Opts.Strict))
    return resolveCalleeStore(std::move(Sum), Callee, ObjectArg, Args, Loc, Depth);
  if (Sum.stored() || (OneShot && !Opts.Strict))
    return {};
  if (!OneShot && !matchesAnyListedName(FD, Opts.StoringFunctions))
    return {};
  // A listed API keeps the callable. Called on a local object (a local
  // signal, a local bus), it keeps it only as long as that object lives.
  CallableStore S;
  if (ObjectArg && !cast<CXXMethodDecl>(FD)->isStatic()) {
    S = storeInto(ObjectArg, true, Loc, Depth);
    if (!S.stored())
      return {};
    // storeInto's own note says where the object is; the listed name is
    // what keeps the callable.
    if (!S.Notes.empty() && S.Notes.back().first == Loc)
      S.Notes.pop_back();
  } else {
    S.K = CallableStore::LongLived;
  }
  S.Where = "passed to " + Callee;
  S.Notes.insert(S.Notes.begin(),
                 {Loc, OneShot ? Callee + " is assumed to run the callable once and then drop it "
                                          "(option 'OneShotFunctions'; reported because "
                                          "'Strictness' is 'strict')"
                               : Callee + " is assumed to keep the callable beyond the "
                                          "call (option 'StoringFunctions')"});
  return S;
}

CallableStore CallableStoreFinder::resolveCalleeStore(CallableStore Sum, const std::string &Callee,
                                                      const Expr *ObjectArg,
                                                      llvm::ArrayRef<const Expr *> Args,
                                                      SourceLocation Loc, unsigned Depth) {
  std::string CallNote = "the lambda is passed to " + Callee + " here";
  if (Sum.K == CallableStore::LongLived) {
    prependNote(Sum, Loc, CallNote);
    return Sum;
  }
  // Stored into the callee's object or into what one of its parameters
  // refers to: the caller's argument decides whether that is long-lived.
  const Expr *Target = nullptr;
  if (Sum.K == CallableStore::IntoThis)
    Target = ObjectArg;
  else if (Sum.Param < Args.size())
    Target = Args[Sum.Param];
  if (!Target)
    return {};
  CallableStore S = storeInto(Target, Sum.ViaMember, Loc, Depth);
  if (!S.stored())
    return {};
  // What holds the callable is the callee's store, not the caller's object.
  S.Member = Sum.Member;
  S.FateUnknown = Sum.FateUnknown;
  S.RunOnce = Sum.RunOnce;
  bool Direct = !S.Notes.empty() && S.Notes.back().first == Loc && S.Notes.size() == 1;
  if (Direct) {
    // The callee's store is the one to show; the destination is named from
    // the caller's side when it is the caller's argument.
    if (Sum.K == CallableStore::IntoThis)
      S.Where = Sum.Where;
    S.Notes = Sum.Notes;
  } else if (!Sum.Notes.empty()) {
    S.Notes.insert(S.Notes.begin(), Sum.Notes.begin(), Sum.Notes.end());
  }
  prependNote(S, Loc, CallNote);
  return S;
}

CallableStore CallableStoreFinder::followValue(const Expr *E, const FunctionDecl *Fn,
                                               unsigned Depth) {
  if (Depth > MaxDepth) {
    HitDepthLimit = true;
    return {};
  }
  // Notes for the hops taken on the way (a constructor that keeps the
  // callable in the object it builds).
  llvm::SmallVector<std::pair<SourceLocation, std::string>, 2> Hops;
  auto Finish = [&Hops](CallableStore S) {
    // Never insert an empty range: SmallVector would self-move the elements.
    if (S.stored() && !Hops.empty())
      S.Notes.insert(S.Notes.begin(), Hops.begin(), Hops.end());
    return S;
  };
  const Expr *Cur = E;
  for (unsigned Steps = 0; Steps < 64; ++Steps) {
    Parent P = parentOf(Cur, Fn);
    if (const auto *PE = dyn_cast_or_null<Expr>(P.S)) {
      // Conversions, temporaries, braces and parentheses pass the value on.
      if (isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
              ExprWithCleanups, CXXFunctionalCastExpr, CXXStaticCastExpr, ConstantExpr,
              InitListExpr, CXXParenListInitExpr, CXXStdInitializerListExpr, DesignatedInitExpr>(
              PE)) {
        Cur = PE;
        continue;
      }
      if (const auto *CO = dyn_cast<ConditionalOperator>(PE)) {
        if (CO->getCond() == Cur)
          return {};
        Cur = PE;
        continue;
      }
      if (const auto *BO = dyn_cast<BinaryOperator>(PE)) {
        if (BO->getOpcode() == BO_Assign && BO->getRHS() == Cur)
          return Finish(storeInto(BO->getLHS(), false, BO->getLHS()->getBeginLoc(), Depth));
        return {};
      }
      if (const auto *L = dyn_cast<LambdaExpr>(PE)) {
        // Copied into another closure (an init-capture): that closure holds it.
        if (Cur == L->getBody())
          return {};
        Cur = PE;
        continue;
      }
      if (const auto *CE = dyn_cast<CXXConstructExpr>(PE)) {
        const CXXConstructorDecl *Ctor = CE->getConstructor();
        const CXXRecordDecl *RD = Ctor->getParent();
        // Copies, std::function and friends, and containers built from an
        // initializer list keep the value.
        if (Ctor->isCopyOrMoveConstructor() || isStdHolder(RD) ||
            isa<CXXStdInitializerListExpr>(Cur)) {
          Cur = PE;
          continue;
        }
        if (isInStd(RD))
          return {}; // std::thread and the like drop it when done
        int Idx = argIndex(llvm::ArrayRef(CE->getArgs(), CE->getNumArgs()), Cur);
        if (Idx < 0)
          return {};
        CallableStore Sum = summarize(Ctor, Idx, Depth + 1);
        if (Sum.K == CallableStore::IntoThis) {
          // The constructed object keeps the callable: follow the object.
          Hops.push_back({CE->getBeginLoc(), "the lambda is kept by the '" + RD->getNameAsString() +
                                                 "' constructed here"});
          Cur = PE;
          continue;
        }
        if (Sum.K == CallableStore::LongLived) {
          prependNote(Sum, CE->getBeginLoc(),
                      "the lambda is passed to '" + functionName(Ctor) + "' here");
          return Finish(std::move(Sum));
        }
        return {};
      }
      if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(PE)) {
        if (OC->getOperator() == OO_Equal) {
          if (OC->getNumArgs() == 2 && OC->getArg(1) == Cur)
            return Finish(storeInto(OC->getArg(0), false, OC->getArg(0)->getBeginLoc(), Depth));
          return {};
        }
      }
      if (const auto *Call = dyn_cast<CallExpr>(PE)) {
        if (isStdPassThrough(Call)) {
          Cur = PE;
          continue;
        }
        const FunctionDecl *FD = Call->getDirectCallee();
        if (!FD || Call->getCallee() == Cur)
          return {}; // called right away, or through an unknown function
        llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
        int Idx = argIndex(Args, Cur);
        if (Idx < 0)
          return {};
        const Expr *ObjectArg = nullptr;
        SourceLocation Loc = Call->getBeginLoc();
        if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
          ObjectArg = MC->getImplicitObjectArgument();
          if (const auto *ME = dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens()))
            Loc = ME->getMemberLoc();
        } else if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(FD)) {
          if (Idx == 0)
            return {}; // the callable is the object: `cb()`, `cb += ...`
          ObjectArg = Args[0];
          Args = Args.drop_front();
          --Idx;
          Loc = cast<CXXOperatorCallExpr>(Call)->getOperatorLoc();
        } else if (const auto *DRE =
                       dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts())) {
          Loc = DRE->getLocation();
        }
        if (static_cast<unsigned>(Idx) >= FD->getNumParams())
          return {};
        CallableStore S = passedToCall(FD, Idx, ObjectArg, Args, Loc, Depth);
        if (S.stored())
          S.Via = Call;
        return Finish(std::move(S));
      }
      return {};
    }
    if (const VarDecl *VD = P.Var) {
      if (VD->hasGlobalStorage()) {
        CallableStore S;
        S.K = CallableStore::LongLived;
        S.Where = "stored in " + describeVar(VD);
        S.Notes.push_back({VD->getLocation(), "the lambda is " + S.Where + " here"});
        return Finish(std::move(S));
      }
      if (isa<ParmVarDecl>(VD) || VD->isInitCapture())
        return {}; // a default argument; init-captures are seen from their lambda
      CallableStore S = followVar(VD, Depth + 1);
      prependNote(S, VD->getLocation(),
                  "the lambda is held by local '" + VD->getNameAsString() + "'");
      return Finish(std::move(S));
    }
    if (P.Init)
      return Finish(memberInitStore(P.Init, Cur));
    if (const FieldDecl *Field = P.Field) {
      // A default member initializer.
      CallableStore S;
      S.K = CallableStore::IntoThis;
      S.ViaMember = true;
      S.Where = "stored in " + memberName(Field);
      S.Notes.push_back({Field->getLocation(), "the lambda is " + S.Where + " here"});
      return Finish(std::move(S));
    }
    return {};
  }
  return {};
}

} // namespace clang::tidy::leaklint
