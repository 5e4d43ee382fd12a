//===--- OwnershipGraph.cpp - strong-ownership graph between records ------===//

#include "OwnershipGraph.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSwitch.h"
#include <optional>

namespace clang::tidy::leaklint {

namespace {

/// A specialization of a class template, seen the same way whether it is
/// instantiated (a ClassTemplateSpecializationDecl) or still dependent (a
/// TemplateSpecializationType inside a template).
struct TemplateView {
  const TemplateDecl *Template = nullptr;
  ArrayRef<TemplateArgument> Args;
};

TemplateView viewTemplate(QualType T) {
  T = T.getCanonicalType();
  if (const auto *RT = T->getAs<RecordType>()) {
    if (const auto *Spec =
            dyn_cast<ClassTemplateSpecializationDecl>(RT->getDecl()))
      return {Spec->getSpecializedTemplate(), Spec->getTemplateArgs().asArray()};
    return {};
  }
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    return {TST->getTemplateName().getAsTemplateDecl(),
            TST->template_arguments()};
  return {};
}

/// Type arguments, with packs (tuple<Ts...>) expanded.
void typeArgs(ArrayRef<TemplateArgument> Args, SmallVectorImpl<QualType> &Out) {
  for (const TemplateArgument &A : Args) {
    if (A.getKind() == TemplateArgument::Type)
      Out.push_back(A.getAsType());
    else if (A.getKind() == TemplateArgument::Pack)
      typeArgs(A.pack_elements(), Out);
  }
}

QualType typeArg(const TemplateView &V, unsigned I) {
  SmallVector<QualType, 4> Types;
  typeArgs(V.Args, Types);
  return I < Types.size() ? Types[I] : QualType();
}

/// Inside a class template, `Node<T>` (with the template's own parameters in
/// order) is the template itself: map it to the pattern. Other dependent
/// specializations (Node<T*>) are not followed: their cycles cannot be
/// decided without instantiating.
const CXXRecordDecl *patternOf(const TemplateView &V) {
  const auto *CTD = dyn_cast_or_null<ClassTemplateDecl>(V.Template);
  if (!CTD)
    return nullptr;
  const TemplateParameterList *Params = CTD->getTemplateParameters();
  if (Params->size() != V.Args.size())
    return nullptr;
  for (unsigned I = 0; I < V.Args.size(); ++I) {
    const TemplateArgument &A = V.Args[I];
    if (A.getKind() != TemplateArgument::Type)
      return nullptr;
    const auto *Parm = A.getAsType()->getAs<TemplateTypeParmType>();
    if (!Parm || Parm->getIndex() != I ||
        Parm->getDepth() != Params->getDepth())
      return nullptr;
  }
  return CTD->getTemplatedDecl();
}

void collect(QualType T, const RecordFilter &Filter, bool UnderPointer,
             bool Shared, bool ToMany, bool Plain, unsigned Depth,
             SmallVectorImpl<OwnedItem> &Out, TypeBindings Bound);

void addRecord(const CXXRecordDecl *RD, const RecordFilter &Filter,
               bool UnderPointer, bool Shared, bool ToMany, bool Plain,
               SmallVectorImpl<OwnedItem> &Out) {
  if (!RD || !Filter.isUserRecord(RD))
    return;
  OwnedItem Item;
  Item.K = UnderPointer ? OwnedItem::Held : OwnedItem::Embedded;
  Item.Record = RD;
  Item.Shared = Shared;
  Item.ToMany = ToMany;
  Item.Plain = Plain;
  Out.push_back(Item);
}

void collect(QualType T, const RecordFilter &Filter, bool UnderPointer,
             bool Shared, bool ToMany, bool Plain, unsigned Depth,
             SmallVectorImpl<OwnedItem> &Out, TypeBindings Bound) {
  // Nesting this deep is not written by hand; stop rather than recurse.
  if (T.isNull() || Depth > 16)
    return;
  T = T.getCanonicalType();
  // A parameter of a dependent base's template: the argument it is given.
  if (const auto *Parm = T->getAs<TemplateTypeParmType>()) {
    for (const TypeBinding &B : Bound)
      if (B.Depth == Parm->getDepth() && B.Index == Parm->getIndex())
        collect(B.Type, Filter, UnderPointer, Shared, ToMany, Plain, Depth + 1,
                Out, {});
    return;
  }
  // Raw pointers, references and member pointers never own.
  if (T->isPointerType() || T->isReferenceType() || T->isMemberPointerType())
    return;
  if (const auto *AT = T->getAsArrayTypeUnsafe()) {
    collect(AT->getElementType(), Filter, UnderPointer, Shared, true, false,
            Depth + 1, Out, Bound);
    return;
  }
  if (const auto *Injected = T->getAs<InjectedClassNameType>()) {
    addRecord(Injected->getDecl(), Filter, UnderPointer, Shared, ToMany, Plain,
              Out);
    return;
  }
  TemplateView V = viewTemplate(T);
  switch (classifyStdTemplate(T)) {
  case StdTemplate::SharedPtr:
    collect(typeArg(V, 0), Filter, true, true, ToMany, !UnderPointer && !ToMany,
            Depth + 1, Out, Bound);
    return;
  case StdTemplate::UniquePtr:
    collect(typeArg(V, 0), Filter, true, Shared, ToMany, false, Depth + 1, Out,
            Bound);
    return;
  case StdTemplate::WeakPtr:
    return;
  case StdTemplate::Function: {
    OwnedItem Item;
    Item.K = OwnedItem::Callback;
    Item.Shared = Shared;
    Item.ToMany = ToMany;
    Out.push_back(Item);
    return;
  }
  case StdTemplate::ToMany:
    collect(typeArg(V, 0), Filter, UnderPointer, Shared, true, false, Depth + 1,
            Out, Bound);
    return;
  case StdTemplate::MapLike:
    collect(typeArg(V, 0), Filter, UnderPointer, Shared, true, false, Depth + 1,
            Out, Bound);
    collect(typeArg(V, 1), Filter, UnderPointer, Shared, true, false, Depth + 1,
            Out, Bound);
    return;
  case StdTemplate::Wrapper: {
    SmallVector<QualType, 4> Types;
    typeArgs(V.Args, Types);
    for (QualType A : Types)
      collect(A, Filter, UnderPointer, Shared, ToMany, false, Depth + 1, Out,
              Bound);
    return;
  }
  case StdTemplate::None:
    break;
  }
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl()) {
    addRecord(RD, Filter, UnderPointer, Shared, ToMany, Plain, Out);
    return;
  }
  if (V.Template && T->isDependentType())
    addRecord(patternOf(V), Filter, UnderPointer, Shared, ToMany, Plain, Out);
}

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
    else if (const auto *SC = dyn_cast<CXXStaticCastExpr>(Next))
      Next = SC->getSubExpr();
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(Next);
             CE && CE->getNumArgs() == 1 && !isa<CXXTemporaryObjectExpr>(CE))
      Next = CE->getArg(0);
    else if (const auto *Call = dyn_cast<CallExpr>(Next);
             Call && Call->getNumArgs() == 1 && Call->isCallToStdMove())
      Next = Call->getArg(0);
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

} // namespace

namespace {
/// The class a specialization is made from: its own definition once
/// instantiated, else the partial specialization or the template it comes
/// from.
const CXXRecordDecl *patternOf(const TemplateView &V, QualType T) {
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl())) {
    if (Spec->hasDefinition())
      return Spec->getDefinition();
    auto From = Spec->getSpecializedTemplateOrPartial();
    if (const auto *Partial =
            From.dyn_cast<ClassTemplatePartialSpecializationDecl *>())
      return Partial->getDefinition();
  }
  const auto *CTD = dyn_cast_or_null<ClassTemplateDecl>(V.Template);
  return CTD ? CTD->getTemplatedDecl()->getDefinition() : nullptr;
}

/// Whether a member initializer of \p Ctor names its parameter \p P
/// (`held_(new holder<F>(std::move(f)))`).
bool initializesMemberFrom(const CXXConstructorDecl *Ctor,
                           const ParmVarDecl *P) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const ParmVarDecl *P;
    bool Found = false;
    bool VisitDeclRefExpr(DeclRefExpr *E) {
      Found |= E->getDecl() == P;
      return !Found;
    }
  };
  for (const CXXCtorInitializer *Init : Ctor->inits()) {
    if (!Init->isMemberInitializer() || !Init->isWritten())
      continue;
    Finder F;
    F.P = P;
    F.TraverseStmt(Init->getInit());
    if (F.Found)
      return true;
  }
  return false;
}

/// A class template of the program that stores any callable it is given
/// and calls it, as std::function does (a project's `movable_func<R()>`,
/// `unique_function`): it has an `operator()` and a constructor template
/// that takes one callable of its template parameter's type, by value or
/// by forwarding reference, and keeps it in a member.
bool isCallableHolder(const CXXRecordDecl *RD) {
  if (!RD)
    return false;
  bool Calls = llvm::any_of(RD->methods(), [](const CXXMethodDecl *M) {
    return M->getOverloadedOperator() == OO_Call;
  });
  if (!Calls)
    return false;
  for (const Decl *D : RD->decls()) {
    const auto *FT = dyn_cast<FunctionTemplateDecl>(D);
    const auto *Ctor =
        FT ? dyn_cast<CXXConstructorDecl>(FT->getTemplatedDecl()) : nullptr;
    if (!Ctor || Ctor->getNumParams() != 1)
      continue;
    QualType P = Ctor->getParamDecl(0)->getType();
    if (const auto *R = P->getAs<RValueReferenceType>())
      P = R->getPointeeType();
    const auto *Parm = P->getAs<TemplateTypeParmType>();
    if (!Parm || Parm->getDepth() != FT->getTemplateParameters()->getDepth())
      continue;
    // An instantiated class has the constructor template's declaration
    // only: its initializers are in the template it comes from.
    const FunctionTemplateDecl *Pattern = FT;
    while (const FunctionTemplateDecl *From =
               Pattern->getInstantiatedFromMemberTemplate())
      Pattern = From;
    const FunctionDecl *Def = nullptr;
    if (Pattern->getTemplatedDecl()->hasBody(Def) &&
        initializesMemberFrom(cast<CXXConstructorDecl>(Def),
                              Def->getParamDecl(0)))
      return true;
  }
  return false;
}
} // namespace

StdTemplate classifyStdTemplate(QualType T) {
  TemplateView V = viewTemplate(T);
  if (!V.Template || !V.Template->getIdentifier())
    return StdTemplate::None;
  if (!V.Template->isInStdNamespace())
    return isCallableHolder(patternOf(V, T)) ? StdTemplate::Function
                                             : StdTemplate::None;
  return llvm::StringSwitch<StdTemplate>(V.Template->getName())
      .Case("shared_ptr", StdTemplate::SharedPtr)
      .Cases("unique_ptr", "auto_ptr", StdTemplate::UniquePtr)
      .Case("weak_ptr", StdTemplate::WeakPtr)
      .Cases("function", "move_only_function", "copyable_function",
             StdTemplate::Function)
      .Cases("vector", "list", "forward_list", "deque", "array",
             StdTemplate::ToMany)
      .Cases("set", "multiset", "unordered_set", "unordered_multiset",
             StdTemplate::ToMany)
      .Cases("queue", "stack", "priority_queue", StdTemplate::ToMany)
      .Cases("map", "multimap", "unordered_map", "unordered_multimap",
             StdTemplate::MapLike)
      .Cases("optional", "pair", "tuple", "variant", StdTemplate::Wrapper)
      .Default(StdTemplate::None);
}

bool RecordFilter::isUserRecord(const CXXRecordDecl *RD) const {
  if (!RD || RD->isLambda() || RD->isUnion() || RD->isInStdNamespace())
    return false;
  return !SM.isInSystemHeader(SM.getExpansionLoc(RD->getLocation()));
}

void collectOwned(QualType T, const RecordFilter &Filter,
                  SmallVectorImpl<OwnedItem> &Out, TypeBindings Bound) {
  collect(T, Filter, /*UnderPointer=*/false, /*Shared=*/false,
          /*ToMany=*/false, /*Plain=*/false, 0, Out, Bound);
}

bool isSharedFromThis(const Expr *E) {
  E = strip(E);
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD || !VD->isLocalVarDecl() || !VD->getInit())
      return false;
    E = strip(VD->getInit());
  }
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(E);
  if (!Call || !Call->getMethodDecl() ||
      !Call->getMethodDecl()->getIdentifier() ||
      Call->getMethodDecl()->getName() != "shared_from_this")
    return false;
  const Expr *Obj = Call->getImplicitObjectArgument();
  return Obj && isa<CXXThisExpr>(Obj->IgnoreParenImpCasts());
}

static bool isSharedFromThisCapture(const VarDecl *V) {
  if (V->isInitCapture())
    return V->getInit() && isSharedFromThis(V->getInit());
  if (V->isLocalVarDecl() && !isa<ParmVarDecl>(V) && V->getInit())
    return isSharedFromThis(V->getInit());
  return false;
}

static bool isStdBind(const Expr *E) {
  const auto *Call = dyn_cast_or_null<CallExpr>(E);
  const FunctionDecl *Fn = Call ? Call->getDirectCallee() : nullptr;
  return Fn && Fn->isInStdNamespace() && Fn->getIdentifier() &&
         (Fn->getName() == "bind" || Fn->getName() == "bind_front");
}

const Expr *storedCallable(const Expr *E) {
  E = strip(E);
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E)) {
    // `auto l = [..]{..}; cb = l;`
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (VD && VD->isLocalVarDecl() && !isa<ParmVarDecl>(VD) && VD->getInit())
      E = strip(VD->getInit());
  }
  if (isa_and_nonnull<LambdaExpr>(E) || isStdBind(E))
    return E;
  return nullptr;
}

const VarDecl *objectVariable(const Expr *E) {
  for (int Depth = 0; E && Depth < 4; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<VarDecl>(DRE->getDecl());
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && Op->getNumArgs() == 1 &&
        (Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star)) {
      E = Op->getArg(0);
      continue;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && U->getOpcode() == UO_Deref) {
      E = U->getSubExpr();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

const ParmVarDecl *forwardedParam(const Expr *E) {
  E = strip(E);
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
    return dyn_cast<ParmVarDecl>(DRE->getDecl());
  return nullptr;
}

const CXXRecordDecl *dependentBasePattern(QualType T,
                                          SmallVectorImpl<TypeBinding> &Bound) {
  if (T.isNull() || !T->isDependentType())
    return nullptr;
  TemplateView V = viewTemplate(T);
  const auto *CTD = dyn_cast_or_null<ClassTemplateDecl>(V.Template);
  if (!CTD || !CTD->getTemplatedDecl()->hasDefinition())
    return nullptr;
  const TemplateParameterList *Params = CTD->getTemplateParameters();
  for (unsigned I = 0; I < Params->size() && I < V.Args.size(); ++I)
    if (V.Args[I].getKind() == TemplateArgument::Type)
      Bound.push_back({Params->getDepth(), I, V.Args[I].getAsType()});
  return CTD->getTemplatedDecl()->getDefinition();
}

namespace {

/// The record a dependent type names: the class itself, a nested class of
/// the template, or the pattern of `Tmpl<T>` written with the template's
/// own parameters.
const CXXRecordDecl *namedRecord(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getCanonicalType();
  if (const auto *Injected = T->getAs<InjectedClassNameType>())
    return Injected->getDecl();
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
    return RD;
  return patternOf(viewTemplate(T));
}

/// `T` of a dependent `std::make_shared<T>(..)` (make_unique,
/// allocate_shared).
QualType madeType(const Expr *Init) {
  const auto *Call = dyn_cast<CallExpr>(Init->IgnoreImplicit());
  const auto *ULE = Call ? dyn_cast<UnresolvedLookupExpr>(
                               Call->getCallee()->IgnoreImplicit())
                         : nullptr;
  if (!ULE || ULE->getNumTemplateArgs() < 1 || !ULE->getName().isIdentifier())
    return QualType();
  StringRef Name = ULE->getName().getAsIdentifierInfo()->getName();
  const TemplateArgument &A = ULE->template_arguments()[0].getArgument();
  if ((Name != "make_shared" && Name != "make_unique" &&
       Name != "allocate_shared") ||
      A.getKind() != TemplateArgument::Type)
    return QualType();
  return A.getAsType();
}

/// What a dependent object expression `x` of `x->f` or `x.f` points at.
QualType objectType(const Expr *Base, bool Arrow) {
  Base = Base->IgnoreParenImpCasts();
  QualType T = Base->getType();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Base))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
      T = VD->getType();
      // `auto n = std::make_shared<Node>()`: the type it is made with.
      if (T->getContainedAutoType() && VD->getInit())
        if (QualType Made = madeType(VD->getInit()); !Made.isNull())
          return Made;
    }
  if (T.isNull())
    return T;
  T = T.getNonReferenceType();
  if (!Arrow)
    return T;
  if (const auto *PT = T->getAs<PointerType>())
    return PT->getPointeeType();
  StdTemplate K = classifyStdTemplate(T);
  if (K == StdTemplate::SharedPtr || K == StdTemplate::UniquePtr)
    return typeArg(viewTemplate(T.getCanonicalType()), 0);
  return QualType();
}

/// The field named \p Name of \p RD or of one of its bases.
const FieldDecl *findField(const CXXRecordDecl *RD, DeclarationName Name,
                           unsigned Depth = 0) {
  if (!RD || !RD->hasDefinition() || Depth > 8)
    return nullptr;
  RD = RD->getDefinition();
  for (const FieldDecl *F : RD->fields())
    if (F->getDeclName() == Name)
      return F;
  for (const CXXBaseSpecifier &B : RD->bases()) {
    SmallVector<TypeBinding, 2> Unused;
    const CXXRecordDecl *Base = B.getType()->getAsCXXRecordDecl();
    if (!Base)
      Base = dependentBasePattern(B.getType(), Unused);
    if (const FieldDecl *F = findField(Base, Name, Depth + 1))
      return F;
  }
  return nullptr;
}

} // namespace

const FieldDecl *dependentMember(const CXXDependentScopeMemberExpr *E) {
  if (!E || E->isImplicitAccess() || !E->getMember().isIdentifier())
    return nullptr;
  const CXXRecordDecl *RD = namedRecord(objectType(E->getBase(), E->isArrow()));
  return findField(RD, E->getMember());
}

namespace {

/// The edge from \p RD to what its member \p F (declared by RD, or by the
/// base \p Via leads to) holds.
Edge heldEdge(const CXXRecordDecl *RD, const FieldDecl *F,
              const OwnedItem &Item, std::optional<Hop> Via) {
  Edge E;
  E.From = RD;
  E.To = Item.Record;
  E.Shared = Item.Shared;
  E.ToMany = Item.ToMany;
  E.Plain = Item.Plain;
  E.Holder = F;
  if (Via)
    E.Chain.push_back(*Via);
  E.Chain.push_back(Hop{Hop::Field, F, cast<CXXRecordDecl>(F->getParent()),
                        F->getLocation()});
  return E;
}

} // namespace

bool isPrivateImplementation(const CXXRecordDecl *Impl,
                             const CXXRecordDecl *Owner) {
  if (!Impl || !Owner || Impl == Owner || !Impl->hasDefinition())
    return false;
  Impl = Impl->getDefinition();
  // A class nested out of the users' reach, `class Members` under
  // `private:` ...
  if (Impl->getDeclContext() == Owner && Impl->getAccess() != AS_public)
    return true;
  // ... or one that only its owner, a friend, can construct.
  bool OwnerIsFriend = llvm::any_of(Impl->friends(), [&](const FriendDecl *FD) {
    if (const TypeSourceInfo *TSI = FD->getFriendType())
      return TSI->getType()->getAsCXXRecordDecl() == Owner;
    return false;
  });
  if (!OwnerIsFriend)
    return false;
  bool AnyCtor = false;
  for (const CXXConstructorDecl *C : Impl->ctors()) {
    if (C->isDeleted() || C->isCopyOrMoveConstructor())
      continue;
    AnyCtor = true;
    if (C->getAccess() == AS_public)
      return false;
  }
  return AnyCtor;
}

const std::vector<Edge> &OwnershipGraph::edgesOf(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition())
    return Empty;
  RD = RD->getDefinition();
  auto It = Memo.find(RD);
  if (It != Memo.end())
    return It->second ? *It->second : Empty;
  // A null entry marks the record as in progress: a record cannot contain
  // itself by value, so this only guards against invalid code.
  Memo[RD] = nullptr;
  auto Result = std::make_unique<std::vector<Edge>>();
  std::vector<Edge> &Out = *Result;

  // A derived class owns what its bases own.
  for (const CXXBaseSpecifier &B : RD->bases()) {
    SmallVector<OwnedItem, 2> Items;
    collectOwned(B.getType(), Filter, Items);
    for (const OwnedItem &Item : Items)
      if (Item.K == OwnedItem::Embedded)
        addEmbedded(RD, Item.Record,
                    Hop{Hop::Base, Item.Record, RD, B.getBaseTypeLoc()},
                    false, false, Out);
    if (Items.empty())
      addDependentBase(RD, B, Out);
  }
  for (const FieldDecl *F : RD->fields()) {
    SmallVector<OwnedItem, 2> Items;
    collectOwned(F->getType(), Filter, Items);
    for (const OwnedItem &Item : Items) {
      switch (Item.K) {
      case OwnedItem::Held:
        // A private implementation (`std::shared_ptr<Members> m`) is part
        // of its owner, as a member by value would be.
        if (!Item.ToMany && isPrivateImplementation(Item.Record, RD)) {
          addEmbedded(RD, Item.Record, Hop{Hop::Field, F, RD, F->getLocation()},
                      false, false, Out);
          break;
        }
        Out.push_back(heldEdge(RD, F, Item, {}));
        break;
      case OwnedItem::Embedded:
        addEmbedded(RD, Item.Record, Hop{Hop::Field, F, RD, F->getLocation()},
                    Item.ToMany, false, Out);
        break;
      case OwnedItem::Callback:
        addCallbackEdges(RD, F, Item, Out);
        break;
      }
    }
  }
  addNestedFlows(RD, Out);
  const std::vector<Edge> &Ref = *Result;
  Memo[RD] = std::move(Result);
  return Ref;
}

void OwnershipGraph::addDependentBase(const CXXRecordDecl *RD,
                                      const CXXBaseSpecifier &Base,
                                      std::vector<Edge> &Out) {
  SmallVector<TypeBinding, 2> Bound;
  const CXXRecordDecl *Pattern = dependentBasePattern(Base.getType(), Bound);
  if (!Pattern || !Filter.isUserRecord(Pattern))
    return;
  // The held members of the base's pattern, read with its parameters bound:
  // `shared_ptr<D> left` of `Node<D>` is a `shared_ptr<Derived>` in
  // `Derived : Node<Derived>`. What the base embeds or keeps in callbacks
  // is left to its instantiations.
  Hop Via{Hop::Base, Pattern, RD, Base.getBaseTypeLoc()};
  for (const FieldDecl *F : Pattern->fields()) {
    SmallVector<OwnedItem, 2> Items;
    collectOwned(F->getType(), Filter, Items, Bound);
    for (const OwnedItem &Item : Items) {
      if (Item.K == OwnedItem::Held)
        Out.push_back(heldEdge(RD, F, Item, Via));
    }
  }
}

void OwnershipGraph::addEmbedded(const CXXRecordDecl *RD,
                                 const CXXRecordDecl *Inner, const Hop &Via,
                                 bool ToMany, bool CallbackPath,
                                 std::vector<Edge> &Out) {
  // Copy: edgesOf may grow the memo table.
  std::vector<Edge> InnerEdges = edgesOf(Inner);
  for (Edge E : InnerEdges) {
    E.From = RD;
    E.ToMany |= ToMany;
    E.Callback |= CallbackPath;
    E.Plain &= !ToMany && !CallbackPath;
    E.Chain.insert(E.Chain.begin(), Via);
    Out.push_back(std::move(E));
  }
}

namespace {

/// The edge that callback member F of RD gets for one item its stored
/// callable keeps: to that item's class, or back to RD's own class when the
/// callable holds the object's shared_from_this(). Via is the capture or the
/// bound argument that keeps it.
Edge callbackEdge(const CXXRecordDecl *RD, const FieldDecl *F,
                  const OwnedItem &Slot, const CallbackFlow &Flow,
                  const OwnedItem &Item, bool Self, Hop Via) {
  Edge E;
  E.From = RD;
  E.To = Self ? Flow.ThisClass : Item.Record;
  E.Shared = Item.Shared || Slot.Shared;
  E.ToMany = Item.ToMany || Slot.ToMany;
  E.Callback = true;
  E.SelfCapture = Self;
  E.Holder = F;
  E.Chain.push_back(Hop{Hop::Field, F, RD, F->getLocation()});
  E.Chain.push_back(Via);
  return E;
}

} // namespace

void OwnershipGraph::addCallbackEdges(const CXXRecordDecl *RD,
                                      const FieldDecl *F,
                                      const OwnedItem &Slot,
                                      std::vector<Edge> &Out) {
  auto It = Flows.find(F);
  if (It == Flows.end())
    return;
  for (const CallbackFlow &Flow : It->second)
    // A flow stored through `this->member.cb` belongs to the object that
    // stored it (addNestedFlows), not to every object of this record.
    if (Flow.ThisPath.empty())
      addFlowEdges(RD, F, Slot, Flow, {}, RD, Out);
}

void OwnershipGraph::addNestedFlows(const CXXRecordDecl *RD,
                                    std::vector<Edge> &Out) {
  auto It = Nested.find(RD);
  if (It == Nested.end())
    return;
  for (const auto &[F, Flow] : It->second) {
    SmallVector<OwnedItem, 2> Items;
    collectOwned(F->getType(), Filter, Items);
    const OwnedItem *Slot = llvm::find_if(
        Items, [](const OwnedItem &I) { return I.K == OwnedItem::Callback; });
    if (Slot == Items.end())
      continue;
    SmallVector<Hop, 2> Prefix;
    const CXXRecordDecl *Owner = RD;
    for (const FieldDecl *Step : Flow->ThisPath) {
      Prefix.push_back(Hop{Hop::Field, Step, Owner, Step->getLocation()});
      Owner = Step->getType()->getAsCXXRecordDecl();
      if (!Owner)
        break;
    }
    if (!Owner)
      continue;
    std::vector<Edge> Inner;
    addFlowEdges(Owner, F, *Slot, *Flow, Prefix, RD, Inner);
    for (Edge &E : Inner) {
      E.From = RD;
      if (E.SelfCapture)
        E.To = RD;
      Out.push_back(std::move(E));
    }
  }
}

void OwnershipGraph::addFlowEdges(const CXXRecordDecl *RD, const FieldDecl *F,
                                  const OwnedItem &Slot,
                                  const CallbackFlow &Flow,
                                  ArrayRef<Hop> Prefix,
                                  const CXXRecordDecl *Root,
                                  std::vector<Edge> &Out) {
  size_t First = Out.size();
  if (const auto *Bind = dyn_cast<CallExpr>(Flow.Callable)) {
    addBoundEdges(RD, F, Slot, Flow, Bind, Out);
  } else {
    const auto *Lambda = cast<LambdaExpr>(Flow.Callable);
    for (const LambdaCapture &C : Lambda->captures()) {
      // `this` and by-reference captures do not own anything.
      if (!C.capturesVariable() || C.getCaptureKind() != LCK_ByCopy)
        continue;
      const auto *V = dyn_cast<VarDecl>(C.getCapturedVar());
      if (!V)
        continue;
      // The object's own shared_from_this(), or the very variable through
      // which the callback was stored (`x->setCb([x] {..})`).
      bool Self = (Flow.ThisClass && isSharedFromThisCapture(V)) ||
                  (Flow.OwnerVar && V == Flow.OwnerVar);
      SmallVector<OwnedItem, 2> Items;
      collectOwned(V->getType(), Filter, Items);
      for (const OwnedItem &Item : Items) {
        Hop FieldHop{Hop::Field, F, RD, F->getLocation()};
        Hop CaptureHop{Hop::Capture, V, RD, C.getLocation()};
        if (Item.K == OwnedItem::Held) {
          Edge E = callbackEdge(RD, F, Slot, Flow, Item,
                                Self && Flow.ThisClass, CaptureHop);
          if (Self && !Flow.ThisClass) {
            E.To = Item.Record;
            E.SelfCapture = Item.Record == Root;
          }
          Out.push_back(std::move(E));
        } else if (Item.K == OwnedItem::Embedded) {
          // A captured struct owns what its members own.
          std::vector<Edge> Inner;
          addEmbedded(RD, Item.Record, CaptureHop, Slot.ToMany, true, Inner);
          for (Edge &E : Inner) {
            E.Holder = F;
            E.Chain.insert(E.Chain.begin(), FieldHop);
            Out.push_back(std::move(E));
          }
        }
      }
    }
  }
  for (size_t I = First; I < Out.size(); ++I) {
    Out[I].Flow = Flow.Callable;
    Out[I].Chain.insert(Out[I].Chain.begin(), Prefix.begin(), Prefix.end());
  }
}

void OwnershipGraph::addBoundEdges(const CXXRecordDecl *RD, const FieldDecl *F,
                                   const OwnedItem &Slot,
                                   const CallbackFlow &Flow,
                                   const CallExpr *Bind,
                                   std::vector<Edge> &Out) {
  // std::bind stores a decayed copy of each argument (the callable too).
  for (const Expr *Arg : Bind->arguments()) {
    bool Self = Flow.ThisClass && isSharedFromThis(Arg);
    SmallVector<OwnedItem, 2> Items;
    collectOwned(Arg->getType().getNonReferenceType(), Filter, Items);
    for (const OwnedItem &Item : Items) {
      if (Item.K != OwnedItem::Held)
        continue;
      Out.push_back(callbackEdge(RD, F, Slot, Flow, Item, Self,
                                 Hop{Hop::Bound, nullptr, RD, Arg->getBeginLoc()}));
    }
  }
}

} // namespace clang::tidy::leaklint
