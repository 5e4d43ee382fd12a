//===--- TransferCalls.cpp - calls and constructions ---------------------===//
//
// What a call does to the values it is given and what it returns, decided in
// this order: the checks' hooks; `unique_ptr::release`; the resource model
// (acquirers, releasers, known readers); the callee's summary when the TU
// has its body; else its declaration (a `const T *` parameter only reads).
//
//===----------------------------------------------------------------------===//

#include "AllocatorAttributes.h"
#include "AstHelpers.h"
#include "ContainerModel.h"
#include "FunctionAnalysis.h"
#include "FunctionFacts.h"
#include "HookTargets.h"
#include "LibraryCalls.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::leaklint::ownership::detail {

namespace {
/// Whether objects of \p RD are nodes of a tree or a list of their own
/// kind: a constructor or a method takes a non-const pointer to \p RD
/// (`QObject(QObject *parent)`, `setParent(QObject *)`).
bool linksItsOwnKind(const CXXRecordDecl *RD) {
  for (const CXXMethodDecl *M : RD->methods())
    for (const ParmVarDecl *P : M->parameters()) {
      QualType T = P->getType();
      if (!T->isPointerType() || T->getPointeeType().isConstQualified())
        continue;
      if (const auto *PR = T->getPointeeType()->getAsCXXRecordDecl();
          PR && PR->getCanonicalDecl() == RD->getCanonicalDecl())
        return true;
    }
  return false;
}

/// Whether \p RD is \p Of, one of them derives from the other, or both
/// derive from a class whose objects link to each other (an `Entry` and a
/// `Group` both `QObject`s).
bool sameHierarchy(const CXXRecordDecl *RD, const CXXRecordDecl *Of) {
  RD = RD->getCanonicalDecl();
  Of = Of->getCanonicalDecl();
  if (RD == Of)
    return true;
  if (!RD->hasDefinition() || !Of->hasDefinition())
    return false;
  if (RD->isDerivedFrom(Of) || Of->isDerivedFrom(RD))
    return true;
  bool CommonNode = false;
  RD->forallBases([&](const CXXRecordDecl *Base) {
    if (Of->isDerivedFrom(Base) && linksItsOwnKind(Base))
      CommonNode = true;
    return !CommonNode;
  });
  return CommonNode;
}

/// Whether the member call \p MC gives \p M a non-null, non-const pointer
/// or reference to an object of its own class hierarchy: a parent, a list
/// or a tree node it may link itself to.
bool linksToRelatedObject(const CXXMemberCallExpr *MC, const CXXMethodDecl *M,
                          ASTContext &Ctx) {
  for (unsigned I = 0; I < MC->getNumArgs() && I < M->getNumParams(); ++I) {
    QualType PT = M->getParamDecl(I)->getType();
    if (!PT->isPointerType() && !PT->isReferenceType())
      continue;
    QualType Pointee = PT->getPointeeType();
    const auto *RD = Pointee->getAsCXXRecordDecl();
    if (!RD || Pointee.isConstQualified() || !sameHierarchy(RD, M->getParent()))
      continue;
    if (!isNullArgument(MC->getArg(I), Ctx))
      return true;
  }
  return false;
}
/// The prototype of what \p CE calls through a pointer; null if none.
const FunctionProtoType *pointerPrototype(const CallExpr *CE) {
  QualType T = CE->getCallee()->IgnoreParenImpCasts()->getType();
  if (const auto *P = T->getAs<PointerType>())
    T = P->getPointeeType();
  return T->getAs<FunctionProtoType>();
}

/// The declared type of parameter \p PI of the function \p CE calls: of
/// \p Callee, or for a call through a function pointer, of the pointer's
/// prototype (`o->show(s)` with `void (*show)(const char *)`).
std::optional<QualType> declaredParamType(const CallExpr *CE,
                                          const FunctionDecl *Callee,
                                          unsigned PI) {
  if (Callee)
    return PI < Callee->getNumParams()
               ? std::optional<QualType>(Callee->getParamDecl(PI)->getType())
               : std::nullopt;
  const FunctionProtoType *FPT = pointerPrototype(CE);
  if (!FPT || PI >= FPT->getNumParams())
    return std::nullopt;
  return FPT->getParamType(PI);
}

/// Whether \p CE calls, through a pointer, a comparator: `int (*)(const
/// void *, const void *)`, the type `qsort` and `bsearch` take and that
/// lists and trees keep to order their elements. It only reads what both
/// point to (a `const void *` elsewhere may be a key a registry keeps).
bool callsComparator(const CallExpr *CE, const FunctionDecl *Callee) {
  if (Callee)
    return false;
  const FunctionProtoType *FPT = pointerPrototype(CE);
  auto ConstVoidPointer = [](QualType Q) {
    return Q->isPointerType() && Q->getPointeeType()->isVoidType() &&
           Q->getPointeeType().isConstQualified();
  };
  return FPT && FPT->getReturnType()->isSpecificBuiltinType(BuiltinType::Int) &&
         FPT->getNumParams() == 2 && !FPT->isVariadic() &&
         ConstVoidPointer(FPT->getParamType(0)) &&
         ConstVoidPointer(FPT->getParamType(1));
}

} // namespace

void FunctionAnalysis::handleCall(const CallExpr *CE, State &S, HistPtr &H) {
  CallModel C;
  // What a local given by address held (FlagResults.cpp).
  if (!S.Ints.empty())
    for (unsigned I = 0, N = CE->getNumArgs(); I < N; ++I)
      if (const auto *UO = dyn_cast<UnaryOperator>(
              strip(CE->getArg(I))->IgnoreParenImpCasts());
          UO && UO->getOpcode() == UO_AddrOf)
        if (const auto *DR = dyn_cast<DeclRefExpr>(
                strip(UO->getSubExpr())->IgnoreParenImpCasts()))
          if (auto It = S.Ints.find(DR->getDecl()); It != S.Ints.end())
            C.IntsBefore.push_back({I, It->second});
  forgetFieldsPassed(CE, S);
  if (!Flags.empty())
    noteFlagsPassed(CE, S);
  C.Callee = resolveCallee(CE);
  noteNonNullArguments(CE, C.Callee, S);
  C.Method = dyn_cast_or_null<CXXMethodDecl>(C.Callee);
  C.FirstArg = objectArguments(CE, C.Callee);

  // Hooks first: an extra obligation kind decides for itself.
  if (Eng.hooks() && applyHooks(CE, S, H))
    return;
  if (handleUniquePtrRelease(CE, S, H))
    return;
  if (handleContainerCall(CE, S) || passesThrough(CE, S))
    return;

  C.Rel = Eng.releaserOf(C.Callee);
  C.Acq = Eng.acquirerOf(C.Callee);
  if (!C.Acq && !C.Callee) // `return grid_news[type](w, h, desc);`
    C.Acq = Eng.tableAcquirer(CE);
  // `cmdline = ctxt->input(prompt); ... free(cmdline);`
  if (!C.Acq && !C.Rel)
    C.Acq = Eng.freedResultAcquirer(CE, FD);
  // `rv = sc_select_file(card, &path, &file); if (!rv) { .. }`
  if (!C.Acq && !C.Rel)
    C.Acq = Eng.freedOutputAcquirer(CE, FD);
  C.IsRealloc = C.Callee && Eng.isRealloc(C.Callee);
  // `realloc(p, 0)` frees `p` and allocates nothing worth keeping.
  if (C.IsRealloc && Model.isRealloc(C.Callee) && freesOnly(CE, S)) {
    C.IsRealloc = false;
    C.Acq = nullptr;
    C.Rel = Releaser{ResourceModel::GFree, 0};
  }
  C.Reader = C.Callee && Model.isKnownReader(C.Callee);
  // `getcwd(NULL, 0)` allocates, `getcwd(buf, n)` fills `buf`; `mmap(ptr,
  // n, .., MAP_FIXED | .., -1, 0)` remaps pages of `ptr`.
  if (C.Acq &&
      ((C.Acq->OnlyIfNullArg >= 0 &&
        (static_cast<unsigned>(C.Acq->OnlyIfNullArg) >= CE->getNumArgs() ||
         !isNullArgument(CE->getArg(C.Acq->OnlyIfNullArg), Ctx))) ||
       detail::mapsOverGivenPages(CE, C.Callee, Ctx))) {
    C.Acq = nullptr;
    C.Reader = true;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
    if (const CXXMethodDecl *Dyn = devirtualize(MC, S))
      C.Callee = C.Method = Dyn;
    else
      C.MayOverride = mayReachOverride(MC, S);
  }
  if (C.Callee && !C.Acq && !C.Rel && !C.Reader && Eng.hasSummary(C.Callee))
    C.Sum = &Eng.summary(C.Callee, knownArguments(CE, C, S));

  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
    applyToObject(MC, C, S);
  llvm::SmallVector<KeptIfSucceeds, 2> Conditional;
  applyToArguments(CE, C, S, H, Conditional);
  if (C.Sum)
    invalidateGlobalsOf(S, *C.Sum);
  applyCellEffects(CE, C, S, H);
  applyMemberEffects(CE, C, S, H);
  applyResult(CE, C, S, H);
  keepIfSucceeds(CE, Conditional, S, H);
}

void FunctionAnalysis::forgetFieldsPassed(const CallExpr *CE, State &S) {
  // A callee may write the fields of the objects it is given (not through
  // a pointer to const), and a method those of `this`. Calls that are given
  // neither keep them: as for globals, what the engine cannot see is taken
  // not to write the caller's state behind its back.
  if (S.Cons.empty() && S.Ints.empty())
    return;
  const FunctionDecl *Callee = CE->getDirectCallee();
  // The object of a method: `this`, or a field (`c->addr.reset()`).
  const Expr *Obj = nullptr;
  unsigned First = 0;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
    Obj = MC->getImplicitObjectArgument();
  else if (isa<CXXOperatorCallExpr>(CE) &&
           isa_and_nonnull<CXXMethodDecl>(Callee))
    Obj = CE->getArg(First++);
  if (const auto *M = dyn_cast_or_null<CXXMethodDecl>(Callee);
      Obj && M && !M->isConst()) {
    const Expr *O = strip(Obj)->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(O))
      forgetFieldsOf(S, FD, /*KeepConst=*/true);
    else if (const auto *DR = dyn_cast<DeclRefExpr>(O)) {
      forgetFieldsOf(S, DR->getDecl(), /*KeepConst=*/true);
      // An object's value itself (the text of a std::string).
      if (!O->getType()->isPointerType())
        if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl()))
          forgetAtom(S, Atom{VD});
    } else if (std::optional<Atom> Part = enclosingField(Obj))
      forgetField(S, *Part);
  }
  for (unsigned I = First, N = CE->getNumArgs(); I < N; ++I) {
    const Expr *Arg = strip(CE->getArg(I))->IgnoreParenImpCasts();
    // Given by address or bound to a reference: the variable itself may
    // be written (`parse(arg, &flag)`).
    bool Whole = false;
    if (const auto *UO = dyn_cast<UnaryOperator>(Arg);
        UO && UO->getOpcode() == UO_AddrOf) {
      Arg = strip(UO->getSubExpr())->IgnoreParenImpCasts();
      Whole = true;
    }
    unsigned PI = I - First;
    if (Callee && PI < Callee->getNumParams()) {
      QualType PT = Callee->getParamDecl(PI)->getType();
      if ((PT->isPointerType() || PT->isReferenceType()) &&
          PT->getPointeeType().isConstQualified())
        continue;
      Whole |= PT->isReferenceType();
    }
    const ValueDecl *Base = nullptr;
    if (isa<CXXThisExpr>(Arg))
      Base = FD;
    else if (const auto *DR = dyn_cast<DeclRefExpr>(Arg))
      Base = DR->getDecl();
    if (Base) {
      forgetFieldsOf(S, Base, /*KeepConst=*/true);
      if (Whole && !isa<FunctionDecl>(Base))
        writeVar(S, Base, std::nullopt);
    } else if (std::optional<Atom> Part = enclosingField(Arg);
               Part && (Whole || Arg->getType()->isArrayType())) {
      // A part of an object given by address (`getsockname(fd,
      // &c->addr.sa, &len)`), by reference, or an array field.
      forgetField(S, *Part);
    }
  }
}

CallContext FunctionAnalysis::knownArguments(const CallExpr *CE,
                                            const CallModel &C, State &S) {
  CallContext Known(C.Callee->getNumParams());
  for (unsigned I = C.FirstArg, N = CE->getNumArgs(); I < N; ++I) {
    unsigned PI = I - C.FirstArg;
    if (PI >= Known.size())
      break;
    const Expr *Arg = CE->getArg(I);
    QualType T = C.Callee->getParamDecl(PI)->getType();
    if (T->isIntegralOrEnumerationType())
      Known[PI] = evalInt(Arg, S);
    else if (T->isPointerType() && !valueOf(Arg, S))
      Known[PI] = nullConstant(Arg, Ctx) == std::optional<int64_t>(0)
                      ? std::optional<int64_t>(0)
                      : std::nullopt;
  }
  return Known;
}

const CXXRecordDecl *FunctionAnalysis::dynamicClassOf(const Expr *Obj,
                                                     State &S) {
  // The class of the `new` that made the object, or of the local object
  // itself.
  const CXXRecordDecl *Dyn = nullptr;
  if (std::optional<unsigned> V = valueOf(Obj, S)) {
    if (isParamValue(S, *V))
      return nullptr; // the caller's object: its type is the caller's
    if (const auto *NE = dyn_cast_or_null<CXXNewExpr>(siteOf(*V)))
      Dyn = NE->getAllocatedType()->getAsCXXRecordDecl();
  } else if (std::optional<Loc> L = locOf(Obj, S);
             L && isLocal(*L) && L->isWholeVariable()) {
    Dyn = cast<VarDecl>(L->Base)->getType()->getAsCXXRecordDecl();
  }
  return Dyn && Dyn->hasDefinition() ? Dyn : nullptr;
}

const CXXMethodDecl *FunctionAnalysis::devirtualize(const CXXMemberCallExpr *MC,
                                                    State &S) {
  const CXXMethodDecl *MD = MC->getMethodDecl();
  if (!MD || !MD->isVirtual() || MC->getImplicitObjectArgument() == nullptr)
    return nullptr;
  const CXXRecordDecl *Dyn = dynamicClassOf(MC->getImplicitObjectArgument(), S);
  if (!Dyn) {
    // `Base::f()` calls that very body, whatever overrides it.
    if (const auto *ME = dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens());
        ME && ME->hasQualifier())
      return nullptr;
    return Eng.onlyOverrider(MD);
  }
  const CXXMethodDecl *Final = MD->getCorrespondingMethodInClass(Dyn);
  return Final && Final != MD ? Final : nullptr;
}

bool FunctionAnalysis::mayReachOverride(const CXXMemberCallExpr *MC,
                                        State &S) {
  const CXXMethodDecl *MD = MC->getMethodDecl();
  const Expr *Obj = MC->getImplicitObjectArgument();
  if (!MD || !MD->isVirtual() || !Obj || MD->hasAttr<FinalAttr>() ||
      MD->getParent()->hasAttr<FinalAttr>())
    return false;
  if (const auto *ME = dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens());
      ME && ME->hasQualifier())
    return false; // `Base::f()` calls that very body
  QualType ObjType = Obj->IgnoreParenImpCasts()->getType();
  if (ObjType->isPointerType())
    ObjType = ObjType->getPointeeType();
  if (const auto *Static = ObjType->getAsCXXRecordDecl();
      Static && Static->hasAttr<FinalAttr>())
    return false; // nothing overrides it below a final class
  return dynamicClassOf(Obj, S) == nullptr;
}

bool FunctionAnalysis::passesThrough(const CallExpr *CE, State &S) {
  // `std::move(p)`, `std::make_pair(k, p)`, `std::bind(&C::done, this, p,
  // _1)`: the result is what it is given (a raw pointer is copied by a
  // move; the pair, the binder holds it): not a hand-off.
  const FunctionDecl *F = CE->getDirectCallee();
  if (!F || !F->isInStdNamespace() || !F->getIdentifier() ||
      !llvm::is_contained({"move", "forward", "make_pair", "make_tuple", "bind",
                           "bind_front", "bind_back"},
                          F->getName()))
    return false;
  std::optional<unsigned> Only;
  for (const Expr *Arg : CE->arguments())
    if (std::optional<unsigned> V = valueOf(Arg, S)) {
      if (Only && *Only != *V)
        return false; // two blocks in one pair: not followed
      Only = V;
    }
  if (!Only)
    return false;
  S.Pending[CE] = *Only;
  return true;
}

bool FunctionAnalysis::handleUniquePtrRelease(const CallExpr *CE, State &S,
                                              HistPtr &H) {
  // `p = u.release()`: the caller now owns what the unique_ptr owned (only
  // with the default deleter, whose release is delete or delete[]).
  const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
  const auto *M = MC ? dyn_cast_or_null<CXXMethodDecl>(resolveCallee(CE)) : nullptr;
  if (!M || !M->getIdentifier() || M->getName() != "release" ||
      M->getNumParams() != 0)
    return false;
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(M->getParent());
  if (!Spec || !Spec->isInStdNamespace() || Spec->getName() != "unique_ptr" ||
      Spec->getTemplateArgs().size() != 2)
    return false;
  QualType Del = Spec->getTemplateArgs()[1].getAsType();
  const auto *DelRD = Del.isNull() ? nullptr : Del->getAsCXXRecordDecl();
  if (!DelRD || DelRD->getName() != "default_delete")
    return false;
  // `u.release();` with the result dropped is how code says that the
  // pointer was handed over before (`add(u.get()); u.release();`, a
  // callback that captured it): it is reported only when strict.
  if (!Eng.options().Strict && isDiscarded(CE))
    return true;
  // `op.release()->Cancel()`: released only to call the object itself,
  // which disposes of itself when done (a cancelled operation the kernel
  // still uses); what the code says, as a dropped result does.
  if (!Eng.options().Strict && isObjectOfMemberCall(CE))
    return true;
  bool Array = Spec->getTemplateArgs()[0].getAsType()->isArrayType();
  if (auto V = createValue(S, &Model.newAcquirer(Array), CE, Nullness::Unknown)) {
    S.Pending[CE] = *V;
    H = withAcquisition(H, *V);
  }
  return true;
}

void FunctionAnalysis::noteNonNullArguments(const CallExpr *CE,
                                            const FunctionDecl *Callee,
                                            State &S) {
  // `memcpy(buf, ..)`: a parameter declared `nonnull` was not given null.
  if (!Callee || isa<CXXMemberCallExpr, CXXOperatorCallExpr>(CE))
    return;
  const auto *FnAttr = Callee->getAttr<NonNullAttr>();
  for (unsigned I = 0; I < CE->getNumArgs() && I < Callee->getNumParams(); ++I) {
    bool NonNull = Callee->getParamDecl(I)->hasAttr<NonNullAttr>() ||
                   (FnAttr && (FnAttr->args_size() == 0 || FnAttr->isNonNull(I)));
    if (NonNull && CE->getArg(I)->getType()->isPointerType())
      noteDereferenced(CE->getArg(I), S);
  }
}

bool FunctionAnalysis::isObjectOfMemberCall(const Expr *E) const {
  auto Parent = [&](const Stmt *S) {
    const Stmt *P = PM->getParent(S);
    while (isa_and_nonnull<ParenExpr, ImplicitCastExpr>(P))
      P = PM->getParent(P);
    return P;
  };
  const auto *ME = dyn_cast_or_null<MemberExpr>(Parent(E));
  if (!ME || !ME->isArrow())
    return false;
  const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(Parent(ME));
  return MC && MC->getCallee()->IgnoreParens() == ME;
}

bool FunctionAnalysis::isDiscarded(const Expr *E) const {
  const Stmt *Child = E;
  for (const Stmt *P = PM->getParent(E); P; Child = P, P = PM->getParent(P)) {
    if (isa<ParenExpr, ExprWithCleanups, MaterializeTemporaryExpr,
            CXXBindTemporaryExpr>(P))
      continue;
    if (const auto *Cast = dyn_cast<CastExpr>(P)) {
      if (Cast->getType()->isVoidType())
        return true;
      if (isa<ImplicitCastExpr>(Cast))
        continue;
      return false;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(P))
      return BO->getOpcode() == BO_Comma && BO->getLHS() == Child;
    // The body of an `if` or a loop, a `for`'s step, is a statement of its
    // own (`if (copy) list_add(l, copy);`); what they test is read.
    if (isa<IfStmt, WhileStmt, DoStmt, ForStmt, SwitchStmt>(P))
      return Child != branchCondition(P);
    return !isa<Expr>(P) && !isa<ReturnStmt, DeclStmt>(P);
  }
  return false;
}

void FunctionAnalysis::applyToObject(const CXXMemberCallExpr *MC,
                                     const CallModel &C, State &S) {
  const Expr *Obj = MC->getImplicitObjectArgument();
  if (!Obj || !C.Method)
    return;
  llvm::SmallVector<unsigned, 2> Vs;
  if (auto V = valueOf(Obj, S))
    Vs.push_back(*V);
  else if (!Obj->getType()->isPointerType())
    argValues(Obj, S, Vs);
  if (Vs.empty())
    return;
  ParamEffect E = ParamEffect::Read;
  if (C.Sum)
    E = C.Sum->This;
  else if (!C.Method->isConst() && !isStdOrSystem(C.Method, SM)) {
    // No body: a method that hands the object over to itself
    // (ref-counting, deferred deletion) is an escape; others use it.
    static const char *const SelfReleasing[] = {
        "release", "Release", "destroy", "Destroy", "deleteLater",
        "unref",   "Unref",   "decRef",  "DecRef",  "deref",
        "dispose", "Dispose", "free",    "Free",    "close",
        "Close",   "drop",    "retire",  "kill",    "autorelease"};
    if (C.Method->getIdentifier() &&
        llvm::is_contained(SelfReleasing, C.Method->getName()))
      E = ParamEffect::Escapes;
    // A class whose destructor its users cannot call (`private: ~Regexp();
    // // use Decref()`) disposes of its objects itself, through a method.
    if (const CXXDestructorDecl *D = C.Method->getParent()->getDestructor();
        D && D->getAccess() != AS_public && !D->isDeleted())
      E = ParamEffect::Escapes;
  }
  // No body, given another object of its own hierarchy (`w->setParent(p)`,
  // `n->attachTo(list)`): it may link itself to it, which then owns it.
  if (!C.Sum && E == ParamEffect::Read && !C.Method->isConst() &&
      !C.Method->getParent()->isInStdNamespace() &&
      linksToRelatedObject(MC, C.Method, Ctx))
    E = ParamEffect::Escapes;
  // No body, and not public: the class's own machinery, which may do
  // anything with the object (`BoundMethodBase::activatePack(pack, true)`
  // deletes it when done). A public method is what owners call on what they
  // keep (`if (!l->Listen()) return false;` still owns `l`).
  if (!C.Sum && E == ParamEffect::Read && !C.Method->isConst() &&
      C.Method->getAccess() != AS_public && !isStdOrSystem(C.Method, SM))
    E = ParamEffect::Escapes;
  applyEffect(S, Vs, E, MC);
}

bool FunctionAnalysis::passesDestroyNotify(const CallExpr *CE) {
  for (const Expr *Arg : CE->arguments()) {
    const FunctionDecl *F = namedFunction(Arg);
    if (!F || F->getNumParams() == 0)
      continue;
    if (std::optional<Releaser> R = Eng.releaserOf(F); R && R->Arg == 0)
      return true;
    if (Eng.hasSummary(F)) {
      const FunctionSummary &Sum = Eng.summary(F);
      if (!Sum.Params.empty() && Sum.Params[0] == ParamEffect::Released)
        return true;
    }
  }
  return false;
}

std::optional<unsigned> FunctionAnalysis::blockGivenByReference(
    const Expr *Arg, const FunctionDecl *Callee, unsigned PI,
    const FunctionSummary *Sum, bool KeptWithoutSummary, State &S) {
  const Expr *Pointer = pointerToObject(Arg);
  if (!Pointer || PI >= Callee->getNumParams() ||
      !Callee->getParamDecl(PI)->getType()->isReferenceType())
    return std::nullopt;
  bool Kept = Sum ? PI < Sum->Params.size() &&
                        Sum->Params[PI] != ParamEffect::Read
                  : KeptWithoutSummary;
  return Kept ? valueOf(Pointer, S) : std::nullopt;
}

bool FunctionAnalysis::escapePointees(const Expr *Arg, bool AddressTaken,
                                      llvm::ArrayRef<unsigned> Vs,
                                      State &S) {
  if (AddressTaken ||
      !strip(Arg)->IgnoreParenCasts()->getType()->isPointerType())
    return false;
  for (unsigned V : Vs) {
    auto It = S.Vals.find(V);
    if (It == S.Vals.end())
      return false;
    if (It->second.St == Status::Param) {
      if (!cellOf(It->second) && It->second.Acq < Sum.PointeeEscapes.size())
        continue;
      return false;
    }
    if (Eng.acquirerAt(It->second.Acq)->Kind != ResourceKind::Memory)
      return false;
  }
  for (unsigned V : Vs) {
    const Value &X = S.Vals.find(V)->second;
    if (X.St == Status::Param) {
      Sum.PointeeEscapes[X.Acq] = true; // what the caller's block holds
      continue;
    }
    escapeContents(S, V, /*ItselfToo=*/true);
  }
  return true;
}

void FunctionAnalysis::applyToArguments(
    const CallExpr *CE, const CallModel &C, State &S, HistPtr &H,
    llvm::SmallVectorImpl<KeptIfSucceeds> &Conditional) {
  // What the callee does to the fields of a local it is given by address.
  const auto *FieldEffects = localFieldEffects(CE, C);
  llvm::SmallVector<FieldDelivery, 2> Fields =
      fieldDeliveries(CE, C, FieldEffects);
  // A function the TU cannot see, given a destroy notification with the
  // data: it keeps the data, and releases it when it is done.
  // (Asked only when the call is given something the path owns: the
  // question may summarise the functions it is given.)
  std::optional<bool> TakesOver;
  auto takesOver = [&] {
    if (!TakesOver)
      TakesOver = !C.Sum && !C.Acq && !C.Rel && !C.Reader && C.Callee &&
                  passesDestroyNotify(CE);
    return *TakesOver;
  };
  // The class of the object a method is called on (the container's own,
  // not the base that declares the method), for linksObjectsOf.
  const CXXRecordDecl *Container = nullptr;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
      MC && MC->getImplicitObjectArgument()) {
    QualType T =
        MC->getImplicitObjectArgument()->IgnoreParenBaseCasts()->getType();
    Container =
        (T->isPointerType() ? T->getPointeeType() : T)->getAsCXXRecordDecl();
  }
  for (unsigned I = C.FirstArg, N = CE->getNumArgs(); I < N; ++I) {
    const Expr *Arg = CE->getArg(I);
    unsigned PI = I - C.FirstArg;
    if (C.Rel && PI == C.Rel->Arg) {
      if (auto V = valueOf(Arg, S)) {
        freeBlock(S, *V, Arg, CE, H);
        release(S, *V, C.Rel->Group, CE, ResourceModel::tableName(C.Callee));
      }
      continue;
    }
    if ((C.IsRealloc && PI == 0) ||
        (C.Acq && C.Acq->OutArg == static_cast<int>(PI)))
      continue;
    // `memcpy(out, items, n)`: the pointers the copied bytes hold are now
    // in two places, one the engine does not follow.
    if (C.Reader && Model.copiedArgument(C.Callee) == PI) {
      if (copyPointerVariable(CE, Arg, S, H))
        continue; // a copy the engine follows, not a hand-off
      escapeCopiedContents(Arg, S);
    }
    llvm::SmallVector<unsigned, 4> Vs;
    bool AddressTaken = argValues(Arg, S, Vs);
    if (const auto *UO =
            dyn_cast<UnaryOperator>(strip(Arg)->IgnoreParenCasts());
        UO && UO->getOpcode() == UO_AddrOf && SummaryMode)
      paramBlockOf(UO->getSubExpr(), S, Vs);
    // `list.push_back(*item)` of an intrusive container of such objects
    // (Boost.Intrusive, a project's own), `master->PushElement(*element)`
    // of an object tree: it links the object itself.
    bool Linked = false;
    const Expr *Pointer = C.Method ? pointerToObject(Arg) : nullptr;
    if (Pointer && PI < C.Method->getNumParams() &&
        linksObjectsOf(Container, C.Method,
                       C.Method->getParamDecl(PI)->getType()))
      if (std::optional<unsigned> V = valueOf(Pointer, S)) {
        Vs.push_back(*V);
        Linked = true;
      }
    // `assign(fd, *cs)` to a reference whose address the callee keeps or
    // releases (`curl_multi_assign(m, fd, &cs)`): the block itself.
    if (!Linked && C.Callee)
      if (std::optional<unsigned> V = blockGivenByReference(
              Arg, C.Callee, PI, C.Sum, /*KeptWithoutSummary=*/false, S))
        Vs.push_back(*V);
    if (!Fields.empty())
      llvm::erase_if(Vs, [&](unsigned V) { return keepsField(Fields, V, S); });
    if (Vs.empty())
      continue;
    ParamEffect E = ParamEffect::Escapes;
    if (Linked)
      ; // kept by the container, whatever its body shows
    else if (C.Acq)
      E = ParamEffect::Read; // mmap's and accept's descriptor, getline's stream
    else if (C.Reader && Model.streamBufferArgument(C.Callee) == PI)
      // The stream uses the buffer until it is closed: one this function
      // opened lends it; `stdout`, or the caller's stream, keeps it.
      E = ownedHere(CE->getArg(0), S) ? ParamEffect::Read
                                             : ParamEffect::Escapes;
    else if (C.Reader)
      E = AddressTaken && !strip(Arg)->IgnoreParenCasts()->getType()->isArrayType() &&
                  isa<UnaryOperator>(strip(Arg)->IgnoreParenCasts())
              ? ParamEffect::Escapes
              : ParamEffect::Read;
    else if (C.Sum) {
      // A summary names the declared parameters; of the variadic arguments,
      // those a format consumes are printed, as in a callee without one.
      if (PI < C.Sum->Params.size())
        E = C.Sum->Params[PI];
      else if (isFormattedArgument(CE, C.Callee, I))
        E = ParamEffect::Read;
      // The body seen may not be the one that runs: an override may keep
      // what the base's body only reads (`virtual void on_opened(Info *) {}`).
      if (C.MayOverride && E == ParamEffect::Read)
        E = ParamEffect::Escapes;
      if (E != ParamEffect::Escapes && C.Sum->pointeeEscapes(PI) &&
          !escapePointees(Arg, AddressTaken, Vs, S))
        E = ParamEffect::Escapes;
      // A struct given as `void *` is bytes to the callee, which may copy
      // them, pointers and all, into what it keeps (`sblist_add(list,
      // &header)` memcpy's the header into the list): reading the pointer is
      // not reading what the struct holds.
      // So is a struct given by address to a callee that copies its bytes
      // (rsyslog's `memcpy(&entry->sender, iAllow, sizeof(struct NetAddr))`
      // into the list entry it links): the pointers go with the copy.
      if (E == ParamEffect::Read && AddressTaken && C.Callee &&
          PI < C.Callee->getNumParams() &&
          C.Callee->getParamDecl(PI)->getType()->isPointerType() &&
          C.Sum->copiesBytes(PI))
        E = ParamEffect::Escapes;
      // What this function was given, given on to a callee that copies
      // its bytes.
      if (SummaryMode && C.Sum->copiesBytes(PI))
        for (unsigned V : Vs)
          noteBytesCopied(S, V);
    } else if (attributeHolds(C.Callee, PI) || isSmartPointerReset(C.Callee))
      E = ParamEffect::Escapes; // `ownership_holds`, `u.reset(p)`: kept
    else if (isFormattedArgument(CE, C.Callee, I) ||
             (C.Callee && Model.borrowsArgument(C.Callee, PI)) ||
             isStdBufferParam(C.Callee, PI))
      E = ParamEffect::Read;
    else if (std::optional<QualType> PT = declaredParamType(CE, C.Callee, PI);
             PT &&
             (isReadOnlyParamType(*PT) || callsComparator(CE, C.Callee)) &&
             !(AddressTaken &&
               isa<UnaryOperator>(strip(Arg)->IgnoreParenCasts())) &&
             // `commands.insert(key, ..)` of a class that keeps such
             // pointers (a map keyed by `const char *`) may keep it.
             !(C.Method && !C.Method->isConst() && !C.Method->isStatic() &&
               keepsPointersOf(C.Method->getParent(), *PT))) {
      E = ParamEffect::Read;
      // A block whose owner the caller declared read-only (`const char
      // *tag = strdup(..)`, which `free` takes only with a cast), given to
      // a function of the program that the TU cannot see (lldpd's
      // `commands_new(node, tag, ..)`, which keeps the token in its
      // command tree): the caller meant it to be kept.
      if (C.Callee && !SM.isInSystemHeader(C.Callee->getLocation()) &&
          declaredReadOnly(Arg))
        E = ParamEffect::Escapes;
      // A struct given as `const S *` to a function of the program that
      // the TU cannot see may be copied whole, pointers and all (`knot`'s
      // `kasp_zone_append(zone, key)` memcpy's the key into the zone): what
      // the struct holds goes with it.
      if (C.Callee && !SM.isInSystemHeader(C.Callee->getLocation()) &&
          PT->getTypePtr()->isPointerType() &&
          PT->getTypePtr()->getPointeeType()->isRecordType())
        for (unsigned V : Vs)
          escapeContents(S, V);
    }
    if (E != ParamEffect::Escapes && takesOver())
      E = ParamEffect::Escapes;
    // Kept only if the call succeeds: the caller's test of its result
    // decides (an argument whose address is taken is not what is kept).
    if (E == ParamEffect::Escapes && C.Sum && !C.MayOverride && !AddressTaken)
      if (FailureValue F = C.Sum->keptUnless(PI); F != FailureValue::None) {
        for (unsigned V : Vs)
          Conditional.push_back({V, F, C.Sum->keptUnlessOutOfMemory(PI)});
        continue;
      }
    applyEffect(S, Vs, E, CE, C.Callee, C.Sum ? C.Sum->releasedWith(PI) : -1);
  }
  if (!Fields.empty())
    deliverFields(CE, C, Fields, S, H);
  if (FieldEffects)
    forgetRewrittenFields(CE, C, *FieldEffects, Fields, S);
}

bool FunctionAnalysis::ownedHere(const Expr *E, State &S) {
  std::optional<unsigned> V = valueOf(E, S);
  auto It = V ? S.Vals.find(*V) : S.Vals.end();
  return It != S.Vals.end() && It->second.St == Status::Owned;
}

void FunctionAnalysis::noteBytesCopied(const State &S, unsigned V) {
  std::optional<unsigned> P = callerParam(S, V);
  if (!P)
    return;
  Sum.CopiesBytes.resize(FD->getNumParams(), false);
  Sum.CopiesBytes[*P] = true;
}

bool FunctionAnalysis::copyPointerVariable(const CallExpr *CE, const Expr *Src,
                                            State &S, HistPtr &H) {
  if (CE->getNumArgs() < 3 || CE->getArg(0) == Src)
    return false;
  auto Variable = [&](const Expr *E) -> std::optional<Loc> {
    const auto *UO = dyn_cast<UnaryOperator>(strip(E)->IgnoreParenCasts());
    if (!UO || UO->getOpcode() != UO_AddrOf ||
        !UO->getSubExpr()->getType()->isPointerType())
      return std::nullopt;
    std::optional<Loc> L = locOf(UO->getSubExpr(), S);
    return L && isLocal(*L) && L->isWholeVariable() ? L : std::nullopt;
  };
  std::optional<Loc> To = Variable(CE->getArg(0)), From = Variable(Src);
  std::optional<int64_t> Size = evalInt(CE->getArg(2), S);
  if (!To || !From ||
      !Ctx.hasSameType(cast<VarDecl>(To->Base)->getType(),
                       cast<VarDecl>(From->Base)->getType()) ||
      Size != static_cast<int64_t>(
                  Ctx.getTypeSizeInChars(cast<VarDecl>(To->Base)->getType())
                      .getQuantity()))
    return false;
  std::optional<unsigned> V;
  if (auto It = S.Store.find(*From); It != S.Store.end())
    V = It->second;
  bind(S, *To, V, CE, H);
  return true;
}

void FunctionAnalysis::escapeCopiedContents(const Expr *Src, State &S) {
  if (SummaryMode)
    if (std::optional<unsigned> V = valueOf(Src, S))
      noteBytesCopied(S, *V);
  llvm::SmallVector<unsigned, 4> Held;
  const Expr *E = strip(Src)->IgnoreParenCasts();
  // Through the conversion to `const void *`, down to the array.
  const Expr *Decayed = strip(Src);
  while (const auto *IC = dyn_cast<ImplicitCastExpr>(Decayed)) {
    if (IC->getCastKind() == CK_ArrayToPointerDecay)
      break;
    Decayed = IC->getSubExpr()->IgnoreParens();
  }
  if (const auto *IC = dyn_cast<ImplicitCastExpr>(Decayed);
      IC && IC->getCastKind() == CK_ArrayToPointerDecay) {
    if (std::optional<Loc> L = locOf(IC->getSubExpr(), S))
      valuesUnder(S, *L, Held); // the elements of a local array
  } else if (const auto *UO = dyn_cast<UnaryOperator>(E);
             UO && UO->getOpcode() == UO_AddrOf) {
    if (std::optional<Loc> L = locOf(UO->getSubExpr(), S))
      valuesUnder(S, *L, Held); // a struct's fields, a pointer variable
  } else if (std::optional<unsigned> V = valueOf(Src, S)) {
    valuesUnder(S, Loc::heap(*V), Held); // what a block holds, not the block
  }
  for (unsigned X : Held)
    escape(S, X);
}

void FunctionAnalysis::applyResult(const CallExpr *CE, const CallModel &C,
                                   State &S, HistPtr &H) {
  if (C.Acq) {
    // `(void) dup(fd);`, `int out = dup(fd); assert(out);` put a copy in the
    // lowest free slot: a daemon filling descriptors 1 and 2 from the 0 it
    // opened on /dev/null after closing them all. The copy and what it
    // copies are kept by their numbers.
    if (C.Acq->Name == "dup" && CE->getNumArgs() == 1 &&
        resultOnlyTested(CE, FD->getBody())) {
      if (std::optional<unsigned> Copied = valueOf(CE->getArg(0), S))
        escape(S, *Copied);
      return;
    }
    // So is a descriptor compared with a standard descriptor's number, or
    // kept in a local only cast to void.
    if (C.Acq->Kind == ResourceKind::Descriptor && C.Acq->OutArg < 0) {
      auto [Memo, New] = KeptByNumber.try_emplace(CE, false);
      if (New)
        Memo->second = keptByNumber(CE, FD->getBody());
      if (Memo->second)
        return;
    }
    std::optional<unsigned> Moved;
    if (C.IsRealloc && CE->getNumArgs() > 0) {
      // On success the old block moves into the new one.
      if (auto Old = valueOf(CE->getArg(0), S)) {
        auto It = S.Vals.find(*Old);
        if (It != S.Vals.end() && It->second.St == Status::Owned) {
          It->second.St = Status::Released;
          Moved = Old;
        } else if (It != S.Vals.end() && It->second.St == Status::Param)
          release(S, *Old, ResourceModel::GFree, CE, "realloc");
      }
    }
    if (C.Acq->OutArg >= 0)
      acquireThrough(CE, C.Acq, S, H);
    else if (auto New = acquire(CE, C.Acq, std::nullopt, S, H); New && Moved) {
      moveBlock(S, *Moved, *New); // and what it held with it
      if (keepsBlockOnFailure(CE, S))
        S.ReallocOf[*New] = *Moved;
    } else if (New && C.Rel && C.Rel->Group == ResourceModel::GClose &&
               C.Rel->Arg < CE->getNumArgs()) {
      // fdopen: a FILE only for a descriptor that is one.
      linkAdoptedDescriptor(CE->getArg(C.Rel->Arg), *New, S);
    }
    return;
  }
  if (C.Callee && C.Reader && Model.returnsFirstArgument(C.Callee) &&
      CE->getNumArgs() > 0) {
    if (auto V = valueOf(CE->getArg(0), S))
      S.Pending[CE] = *V;
    return;
  }
  const FunctionSummary *Sum = C.Sum;
  if (Sum && Sum->Out && !Sum->ReturnsAcquirer &&
      Sum->Out->Param < C.Callee->getNumParams()) {
    // `add_header(&list)` of a callee that stores into `*list` only when
    // it is null, and else appends: the list the caller holds gets the
    // new element, the caller nothing new.
    if (Sum->Out->OnlyIfEmpty &&
        Sum->Out->Param + C.FirstArg < CE->getNumArgs())
      if (const auto *UO = dyn_cast<UnaryOperator>(
              strip(CE->getArg(Sum->Out->Param + C.FirstArg))
                  ->IgnoreParenCasts());
          UO && UO->getOpcode() == UO_AddrOf)
        if (std::optional<Loc> L = locOf(UO->getSubExpr(), S))
          if (auto It = S.Store.find(*L); It != S.Store.end())
            if (auto V = S.Vals.find(It->second);
                V != S.Vals.end() && V->second.St == Status::Owned &&
                V->second.Null != Nullness::Null)
              return;
    // `make_sock(&fd)`: the callee delivers a resource into `fd`.
    const Acquirer *A = Eng.deliveringAcquirer(
        *Eng.acquirerAt(Sum->Out->Acquirer), Sum->Out->Param + C.FirstArg,
        Sum->Out->Failure);
    bool ByReference =
        C.Callee->getParamDecl(Sum->Out->Param)->getType()->isReferenceType();
    if (auto V = acquireThrough(CE, A, S, H, ByReference))
      Report.setFactory(*V / 4, C.Callee);
    return;
  }
  if (Sum && Sum->ReturnsAcquirer) {
    // The argument given for parameter P, if any.
    auto ArgFor = [&](std::optional<unsigned> P) -> const Expr * {
      return P && *P + C.FirstArg < CE->getNumArgs()
                 ? CE->getArg(*P + C.FirstArg)
                 : nullptr;
    };
    // A function that returns a fresh resource only when given no arena
    // (`string_alloc(s, &gc)`) returns what the arena owns when the caller
    // gives one, or may give one.
    if (Sum->FreshOnlyIfNull) {
      const Expr *Arena = ArgFor(Sum->FreshOnlyIfNull);
      if (!Arena || !knownNull(Arena, S))
        return;
    }
    const Acquirer *A = Eng.returningAcquirer(
        *Eng.acquirerAt(*Sum->ReturnsAcquirer),
        CE->getType()->isPointerType());
    if (auto V = acquire(CE, A, std::nullopt, S, H)) {
      Report.setFactory(*V / 4, C.Callee);
      if (Sum->ReturnsSelfLinkedAt) {
        Loc Itself = Loc::heap(*V);
        Itself.Path = *Sum->ReturnsSelfLinkedAt;
        S.Store[Itself] = *V;
      }
      // `my_alloc(.., __FILE__, ..)` fails only for callers that give no
      // file name.
      if (const Expr *Name = ArgFor(Sum->NullOnlyIfNull);
          Name && knownNonNull(Name, S))
        if (auto It = S.Vals.find(*V); It != S.Vals.end())
          It->second.Null = Nullness::NonNull;
      if (Sum->Flag)
        linkFlagResult(CE, C, *V, S);
    }
    return;
  }
  if (const Expr *Arg = Sum ? Sum->returnedArgument(CE, C.Callee) : nullptr)
    if (auto V = valueOf(Arg, S))
      S.Pending[CE] = *V;
}

std::optional<unsigned>
FunctionAnalysis::acquireThrough(const CallExpr *CE, const Acquirer *Acq,
                                 State &S, HistPtr &H, bool ByReference) {
  const Expr *Out = static_cast<unsigned>(Acq->OutArg) < CE->getNumArgs()
                        ? CE->getArg(Acq->OutArg)
                        : nullptr;
  std::optional<Loc> Into = !Out         ? std::nullopt
                             : ByReference ? locOf(Out, S)
                                           : pointeeLoc(Out, S);
  // `asprintf(strp, ...)` of the caller's `char **strp`: delivered to it.
  if (!Into && Out && !ByReference)
    Into = deliveryLoc(Out);
  if (!Into || !(isTracked(*Into) || isDeliveryLoc(*Into))) {
    // Delivered where the engine does not follow (a caller's pointer, a
    // member): what was there is handed over too.
    llvm::SmallVector<unsigned, 2> Vs;
    if (Out)
      argValues(Out, S, Vs);
    for (unsigned X : Vs)
      escape(S, X);
    return std::nullopt;
  }
  if (Acq->Regrows)
    if (auto Old = S.Store.find(*Into); Old != S.Store.end()) {
      // `getline(&line, ...)` grows the block `line` holds: it moves on.
      auto It = S.Vals.find(Old->second);
      if (It != S.Vals.end() && It->second.St == Status::Owned)
        It->second.St = Status::Released;
      else if (It != S.Vals.end() && It->second.St == Status::Param)
        release(S, Old->second, Acq->Group, CE, Acq->Name);
    }
  return acquire(CE, Acq, Into, S, H);
}

std::optional<unsigned> FunctionAnalysis::acquire(const Expr *Site,
                                                  const Acquirer *A,
                                                  std::optional<Loc> Into,
                                                  State &S, HistPtr &H) {
  Nullness N = A->Failure == FailureValue::None ? Nullness::NonNull
                                                : Nullness::Unknown;
  std::optional<unsigned> V = createValue(S, A, Site, N);
  if (!V)
    return V;
  H = withAcquisition(H, *V);
  if (Into && A->OutArg >= 0)
    DeliveredInto.try_emplace(*V, *Into);
  if (Into)
    bind(S, *Into, *V, Site, H);
  // The result is the resource, or tells whether acquiring it failed
  // (`if (pthread_create(...))`, asprintf's -1).
  if (!Into || A->Failure != FailureValue::None)
    S.Pending[Site] = *V;
  return V;
}

bool FunctionAnalysis::isHookValue(const State &S,
                                   std::optional<unsigned> V) const {
  if (!V)
    return false;
  auto It = S.Vals.find(*V);
  return It != S.Vals.end() && It->second.St != Status::Param &&
         Eng.isHookAcquirer(It->second.Acq);
}

bool FunctionAnalysis::applyHooks(const Expr *E, State &S, HistPtr &H) {
  const ObligationHooks *Hooks = Eng.hooks();
  if (!Hooks)
    return false;
  // A call whose body the engine reads is summarised instead: asking the
  // hooks what it hands over or acquires would count it twice.
  const auto *Call = dyn_cast<CallExpr>(E);
  bool Summarised = Call && Eng.hasSummary(resolveCallee(Call));
  const Expr *Op = Hooks->discharges(E);
  if (!Op && Call && !Summarised)
    Op = Hooks->handsOver(Call);
  if (Op) {
    if (auto V = valueOf(Op, S)) {
      auto It = S.Vals.find(*V);
      if (It != S.Vals.end() && It->second.St != Status::Param)
        release(S, *V, Eng.acquirerAt(It->second.Acq)->Group, E, "");
      else
        release(S, *V, NoGroup, E, "");
    }
    // A call goes on to its arguments (`t.swap(u)` hands `u` over too).
    return !isa<CallExpr>(E);
  }
  if (const VarDecl *C = Hooks->acquiresInto(E)) {
    // Into a container: one obligation stands for all its elements.
    const auto *CE = dyn_cast<CallExpr>(E);
    std::optional<unsigned> V;
    if (CE && CE->getNumArgs() > 0)
      V = valueOf(CE->getArg(CE->getNumArgs() - 1), S);
    if (!isHookValue(S, V)) {
      V.reset();
      if (const Acquirer *A = Hooks->acquires(E)) {
        V = createValue(S, A, E, Nullness::NonNull);
        if (V)
          H = withAcquisition(H, *V);
      }
    }
    if (!V)
      return true;
    if (CE && CE->getNumArgs() > 0)
      if (std::optional<Loc> From = locOf(CE->getArg(CE->getNumArgs() - 1), S))
        S.Store.erase(*From);
    Loc Holder{C, {}};
    auto Old = S.Store.find(Holder);
    if (Old != S.Store.end() && isHookValue(S, Old->second) &&
        S.Vals.find(Old->second)->second.St == Status::Owned) {
      // Already holds a live one: the new element joins it.
      auto It = S.Vals.find(*V);
      if (It != S.Vals.end() && It->second.St == Status::Owned)
        It->second.St = Status::Escaped;
    } else {
      S.Store[Holder] = *V;
    }
    return true;
  }
  if (const Acquirer *A = Summarised ? nullptr : Hooks->acquires(E)) {
    const Expr *Out = Hooks->acquiresThrough(E);
    std::optional<Loc> Into = Out ? pointeeLoc(Out, S) : std::nullopt;
    if (Out && !(Into && isLocal(*Into)))
      return false; // delivered somewhere the engine does not follow
    acquire(E, A, Into, S, H);
    return true;
  }
  // The objects that hold hook obligations move with std::move and
  // move-assignment (plain pointers keep their own rules).
  const auto *CE = dyn_cast<CallExpr>(E);
  if (!CE)
    return false;
  const FunctionDecl *Callee = resolveCallee(CE);
  if (castToReferenceOf(CE)) { // std::move, std::forward
    std::optional<unsigned> V = valueOf(CE->getArg(0), S);
    if (!isHookValue(S, V))
      return false;
    if (std::optional<Loc> L = locOf(CE->getArg(0), S))
      S.Store.erase(*L); // moved from: holds nothing any more
    S.Pending[CE] = *V;
    return true;
  }
  const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(CE);
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (OpCall && OpCall->getOperator() == OO_Equal && M &&
      M->isCopyAssignmentOperator() != M->isMoveAssignmentOperator() &&
      CE->getNumArgs() == 2 &&
      (isHookValue(S, valueOf(CE->getArg(0), S)) ||
       isHookValue(S, valueOf(CE->getArg(1), S)))) {
    handleAssign(CE->getArg(0), CE->getArg(1), CE, S, H);
    if (auto V = valueOf(CE->getArg(0), S))
      S.Pending[CE] = *V;
    return true;
  }
  return false;
}

void FunctionAnalysis::handleConstruct(const CXXConstructExpr *CE, State &S) {
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  if (!Ctor)
    return;
  // Moving or copying a tracked object moves the obligation with it.
  if ((Ctor->isMoveConstructor() || Ctor->isCopyConstructor()) &&
      CE->getNumArgs() == 1) {
    if (auto V = valueOf(CE->getArg(0), S)) {
      if (Ctor->isMoveConstructor())
        if (std::optional<Loc> L = locOf(CE->getArg(0), S))
          S.Store.erase(*L);
      S.Pending[CE] = *V;
      return;
    }
  }
  // Trivial copies of aggregates and copies of containers: whoever receives
  // the copy decides.
  if (Ctor->isCopyOrMoveConstructor() &&
      (Ctor->isTrivial() ||
       containerShape(CE->getType()) != ContainerShape::None))
    return;
  if (holdsPassedValue(CE, S))
    return;
  const FunctionSummary *Sum =
      Eng.hasSummary(Ctor) ? &Eng.summary(Ctor) : nullptr;
  for (unsigned I = 0, N = CE->getNumArgs(); I < N; ++I) {
    llvm::SmallVector<unsigned, 4> Vs;
    argValues(CE->getArg(I), S, Vs);
    // `Array(p, n, *disposer)` to a reference whose address the constructor
    // keeps (`disposer(&d)`): the block itself, as for a call. So may a
    // library's own (kj's headers are system headers); the standard
    // library's copy what they are given.
    if (std::optional<unsigned> V = blockGivenByReference(
            CE->getArg(I), Ctor, I, Sum,
            /*KeptWithoutSummary=*/!Ctor->getParent()->isInStdNamespace(), S))
      Vs.push_back(*V);
    if (Vs.empty())
      continue;
    ParamEffect E = ParamEffect::Escapes;
    if (Sum)
      E = I < Sum->Params.size() ? Sum->Params[I] : ParamEffect::Escapes;
    else if (I < Ctor->getNumParams() &&
             isReadOnlyParamType(Ctor->getParamDecl(I)->getType()) &&
             !(isStdOrSystem(Ctor, SM) && !isCharPointer(Ctor->getParamDecl(I)->getType())))
      // Library constructors keep the pointers they get (smart pointers
      // adopt even `const T *`), except character strings, which they copy.
      E = ParamEffect::Read;
    applyEffect(S, Vs, E, CE, Ctor, Sum ? Sum->releasedWith(I) : -1);
  }
}

bool FunctionAnalysis::holdsPassedValue(const CXXConstructExpr *CE, State &S) {
  // A std::pair (`m.insert({k, p})`) holds the one block it is given, for
  // whoever receives the pair to decide.
  const CXXRecordDecl *RD = CE->getType()->getAsCXXRecordDecl();
  if (!RD || !RD->isInStdNamespace() || !RD->getIdentifier() ||
      RD->getName() != "pair")
    return false;
  std::optional<unsigned> Only;
  for (const Expr *Arg : CE->arguments())
    if (std::optional<unsigned> V = valueOf(Arg, S)) {
      if (Only && *Only != *V)
        return false;
      Only = V;
    }
  if (!Only)
    return false;
  S.Pending[CE] = *Only;
  return true;
}

const FunctionDecl *FunctionAnalysis::resolveCallee(const CallExpr *CE) {
  // `sink(p)` of a local std::function that holds one lambda.
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE);
      OC && OC->getOperator() == OO_Call && OC->getNumArgs() > 0)
    if (const auto *DR =
            dyn_cast<DeclRefExpr>(OC->getArg(0)->IgnoreParenImpCasts()))
      if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
          VD && isStdFunction(VD->getType()))
        if (const FunctionDecl *Lambda = FnPtrTargets.lookup(VD))
          return Lambda;
  if (const FunctionDecl *F = CE->getDirectCallee())
    return F;
  const Expr *C = CE->getCallee()->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(C); UO && UO->getOpcode() == UO_Deref)
    C = UO->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *DR = dyn_cast<DeclRefExpr>(C))
    if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
        VD && VD->hasLocalStorage())
      return FnPtrTargets.lookup(VD);
  // `hooks->allocate(n)`, `xmlMalloc(n)`: a hook set to malloc.
  if (const ValueDecl *Hook = hookCalledBy(CE))
    return Eng.hookTarget(Hook);
  return nullptr;
}

} // namespace clang::tidy::leaklint::ownership::detail
