//===--- ObjectCycleTransfer.cpp - values, places, statements, calls ------===//
//
// What each statement does to the objects of a path: the value an
// expression evaluates to (the objects it refers to), the place an lvalue
// names (a member of an object, a local), and the transfer of declarations,
// assignments, returns, lambdas, constructions and calls: the standard
// library through the model's table, the functions of the TU through their
// summaries, anything else as code that may keep what it is given.
//
//===----------------------------------------------------------------------===//

#include "ObjectCycleWalk.h"
#include "OwnershipGraph.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::leaklint::cycles::detail {

namespace {

/// The argument of `std::move(x)` (or of a cast to an rvalue reference).
const Expr *movedFrom(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
    E = MTE->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && Call->isCallToStdMove() && Call->getNumArgs() == 1)
    return Call->getArg(0)->IgnoreParenImpCasts();
  if (const auto *Cast = dyn_cast<CXXStaticCastExpr>(E);
      Cast && Cast->isXValue())
    return Cast->getSubExpr()->IgnoreParenImpCasts();
  return nullptr;
}

/// The record a smart pointer, container of them, or pointer points to.
const CXXRecordDecl *pointeeRecord(QualType T) {
  for (int Depth = 0; Depth < 4 && !T.isNull(); ++Depth) {
    T = T.getNonReferenceType().getCanonicalType();
    if (T->isPointerType()) {
      T = T->getPointeeType();
      continue;
    }
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        T->getAsCXXRecordDecl());
    if (Spec && classifyStdTemplate(T) != StdTemplate::None &&
        Spec->getTemplateArgs().size() > 0 &&
        Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type) {
      T = Spec->getTemplateArgs()[0].getAsType();
      continue;
    }
    return T->getAsCXXRecordDecl();
  }
  return nullptr;
}

bool derivesFromSharedFromThis(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition())
    return false;
  return !RD->getDefinition()->forallBases([](const CXXRecordDecl *B) {
    return !(B->isInStdNamespace() && B->getIdentifier() &&
             B->getName() == "enable_shared_from_this");
  });
}

bool inSystemHeader(const Decl *D, const SourceManager &SM) {
  return SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation()));
}

} // namespace

// ---- values and places

Value FunctionWalk::valueOf(const Expr *E, State &S, unsigned Depth) {
  if (!E || Depth > 16)
    return Value::unknown();
  E = E->IgnoreParens();
  if (auto It = S.Env.find(E); It != S.Env.end())
    return It->second;
  if (const auto *C = dyn_cast<CastExpr>(E))
    return valueOf(C->getSubExpr(), S, Depth + 1);
  if (const auto *FE = dyn_cast<FullExpr>(E))
    return valueOf(FE->getSubExpr(), S, Depth + 1);
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
    return valueOf(MTE->getSubExpr(), S, Depth + 1);
  if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(E))
    return valueOf(BTE->getSubExpr(), S, Depth + 1);
  if (const auto *DA = dyn_cast<CXXDefaultArgExpr>(E))
    return valueOf(DA->getExpr(), S, Depth + 1);
  if (const auto *DI = dyn_cast<CXXDefaultInitExpr>(E))
    return valueOf(DI->getExpr(), S, Depth + 1);
  if (isa<CXXNullPtrLiteralExpr, GNUNullExpr, IntegerLiteral,
          CXXBoolLiteralExpr>(E))
    return Value();
  if (isa<CXXThisExpr>(E))
    return ThisObj ? Value::of(*ThisObj) : Value::unknown();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return Value();
    if (auto R = S.Refs.find(VD); R != S.Refs.end())
      return readKey(R->second, S);
    if (auto L = S.Locals.find(VD); L != S.Locals.end())
      return L->second;
    return Value::unknown();
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (!isa<FieldDecl>(ME->getMemberDecl()))
      return Value::unknown();
    return read(placeOf(ME, S, Depth + 1), S);
  }
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() == UO_Deref || U->getOpcode() == UO_AddrOf)
      return valueOf(U->getSubExpr(), S, Depth + 1);
    return Value::unknown();
  }
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E)) {
    Value T = valueOf(CO->getTrueExpr(), S, Depth + 1);
    Value F = valueOf(CO->getFalseExpr(), S, Depth + 1);
    if (T == F)
      return T;
    T.add(F);
    T.Unknown = true; // one of them: links to either are only possible
    return T;
  }
  if (const auto *IL = dyn_cast<InitListExpr>(E)) {
    Value V;
    for (const Expr *I : IL->inits())
      V.add(valueOf(I, S, Depth + 1));
    return V;
  }
  if (const auto *SIL = dyn_cast<CXXStdInitializerListExpr>(E))
    return valueOf(SIL->getSubExpr(), S, Depth + 1);
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    Value V;
    for (const Expr *Arg : CE->arguments())
      V.add(valueOf(Arg, S, Depth + 1));
    return V;
  }
  if (const auto *L = dyn_cast<LambdaExpr>(E))
    return closureOf(L, S);
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    // Calls are values once their element ran; one read before that (a
    // call the CFG did not list) is evaluated here if it only reads.
    CallOp Op = classifyCall(Call);
    if (Op == CallOp::Identity && Call->getNumArgs() >= 1)
      return valueOf(Call->getArg(0), S, Depth + 1);
    if (Op == CallOp::Deref) {
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
        return valueOf(MC->getImplicitObjectArgument(), S, Depth + 1);
      if (Call->getNumArgs() >= 1)
        return valueOf(Call->getArg(0), S, Depth + 1);
    }
    return Value::unknown();
  }
  return Value::unknown();
}

Places FunctionWalk::placeOf(const Expr *E, State &S, unsigned Depth) {
  Places P;
  if (!E || Depth > 16) {
    P.Unknown = true;
    return P;
  }
  E = E->IgnoreParenImpCasts();
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
    E = MTE->getSubExpr()->IgnoreParenImpCasts();
  auto Objects = [&](const Value &V) {
    for (ObjId O : V.Objs)
      P.Members.push_back({O, 0});
    P.Unknown |= V.Unknown || V.Objs.empty();
  };
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!F) {
      P.Unknown = true;
      return P;
    }
    Places Base;
    if (ME->isArrow()) {
      Value V = valueOf(ME->getBase(), S, Depth + 1);
      for (ObjId O : V.Objs)
        Base.Members.push_back({O, 0});
      Base.Unknown = V.Unknown || V.Objs.empty();
    } else {
      Base = placeOf(ME->getBase(), S, Depth + 1);
    }
    if (Base.Local) {
      // A member of a local held by value: the local holds it.
      P.Local = Base.Local;
      return P;
    }
    for (const LinkKey &K : Base.Members)
      P.Members.push_back({K.first, A.append(K.second, F)});
    P.Unknown = Base.Unknown;
    P.Field = F;
    return P;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD || !VD->hasLocalStorage()) {
      P.Unknown = true;
      return P;
    }
    if (auto R = S.Refs.find(VD); R != S.Refs.end()) {
      P.Members.push_back(R->second);
      return P;
    }
    if (VD->getType()->isReferenceType()) {
      // A reference to an object (`Node &n`): the object itself.
      if (!A.owning(VD->getType().getNonReferenceType())) {
        Objects(valueOf(DRE, S, Depth + 1));
        return P;
      }
      // A reference to a pointer the walk cannot name (an out-parameter,
      // a container's element): what is stored there is the caller's.
      P.Unknown = true;
      return P;
    }
    P.Local = VD;
    return P;
  }
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_Deref) {
    Objects(valueOf(U->getSubExpr(), S, Depth + 1));
    return P;
  }
  if (isa<CXXThisExpr>(E)) {
    Objects(valueOf(E, S, Depth + 1));
    return P;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    CallOp Op = classifyCall(Call);
    if (Op == CallOp::Deref) {
      // `*p`, `p.get()`: the object itself.
      Objects(valueOf(Call, S, Depth + 1));
      return P;
    }
    if (Op == CallOp::Read) {
      // `v[k]`, `v.at(k)`, `v.back()`: an element of the container.
      const Expr *Obj = nullptr;
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
        Obj = MC->getImplicitObjectArgument();
      else if (isa<CXXOperatorCallExpr>(Call) && Call->getNumArgs() >= 1)
        Obj = Call->getArg(0);
      if (Obj) {
        P = placeOf(Obj, S, Depth + 1);
        P.Element = true;
        return P;
      }
    }
  }
  P.Unknown = true;
  return P;
}

Value FunctionWalk::read(const Places &P, State &S) {
  Value V;
  if (P.Local) {
    auto It = S.Locals.find(P.Local);
    V.add(It != S.Locals.end() ? It->second : Value::unknown());
  }
  for (const LinkKey &K : P.Members)
    V.add(readKey(K, S));
  if (P.Unknown)
    V.Unknown = true;
  return V;
}

Value FunctionWalk::readKey(const LinkKey &K, State &S) {
  if (K.second == 0)
    return Value::of(K.first);
  if (auto It = S.Links.find(K); It != S.Links.end()) {
    Value V;
    for (const Target &T : It->second) {
      V.add(T.To);
      V.Unknown |= !T.Sure;
      if (!V.Lambda)
        V.Lambda = T.Lambda;
    }
    return V;
  }
  const ObjInfo &Holder = Objs[K.first];
  if (!Holder.isCallers())
    return Holder.KnownMembers ? Value() : Value::unknown();
  // What a member of the caller's object holds: the caller's object too,
  // named by the path that reaches it (for summaries).
  const FieldDecl *F = A.lastField(K.second);
  unsigned Depth = 0;
  for (ObjId X = K.first; Objs[X].K == ObjInfo::Deref; X = Objs[X].Parent)
    ++Depth;
  if (!F || Depth >= 3 || !A.owning(F->getType()))
    return Value::unknown();
  auto [It, New] = DerefObjs.try_emplace(K, Objs.size());
  if (New) {
    ObjInfo I;
    I.K = ObjInfo::Deref;
    I.Parent = K.first;
    I.Path = K.second;
    I.Type = pointeeRecord(F->getType());
    Objs.push_back(I);
  }
  return Value::of(It->second);
}

Value FunctionWalk::closureOf(const LambdaExpr *L, State &S) {
  Value V;
  auto Init = L->capture_init_begin();
  for (const LambdaCapture &C : L->captures()) {
    const Expr *E = *Init++;
    if (!C.capturesVariable() || C.getCaptureKind() != LCK_ByCopy || !E)
      continue;
    if (!A.owning(E->getType()))
      continue;
    V.add(valueOf(E, S));
  }
  V.Lambda = L;
  return V;
}

void FunctionWalk::consume(const Expr *Arg, State &S) {
  const Expr *X = movedFrom(Arg);
  if (!X)
    return;
  QualType T = X->getType();
  StdTemplate K = classifyStdTemplate(T);
  if (K != StdTemplate::SharedPtr && K != StdTemplate::UniquePtr &&
      K != StdTemplate::Function && !isContainerType(T))
    return;
  Places P = placeOf(X, S);
  if (P.Local) {
    S.Locals[P.Local] = Value();
    return;
  }
  // Moving out of a member empties it: a break.
  clear(P, S, /*Must=*/true);
}

// ---- statements

void FunctionWalk::transfer(const Stmt *St, State &S) {
  if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        declare(VD, S);
    return;
  }
  if (const auto *CE = dyn_cast<CallExpr>(St)) {
    call(CE, S);
    return;
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(St)) {
    construct(CE, S);
    return;
  }
  if (const auto *NE = dyn_cast<CXXNewExpr>(St)) {
    allocate(NE, S);
    return;
  }
  if (const auto *L = dyn_cast<LambdaExpr>(St)) {
    Value V = closureOf(L, S);
    auto Init = L->capture_init_begin();
    for (const LambdaCapture &C : L->captures()) {
      const Expr *E = *Init++;
      if (C.capturesVariable() && C.getCaptureKind() == LCK_ByCopy && E)
        consume(E, S);
    }
    S.Env[L] = V;
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(St)) {
    if (!BO->isAssignmentOp())
      return;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
        S.Facts.erase(VD);
        if (VD->hasLocalStorage() && VD->getType()->isPointerType())
          S.Locals[VD] = valueOf(BO->getRHS(), S);
      }
    return;
  }
  if (const auto *U = dyn_cast<UnaryOperator>(St)) {
    if (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf)
      if (const auto *DRE = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenImpCasts()))
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
          S.Facts.erase(VD);
    return;
  }
  if (const auto *RS = dyn_cast<ReturnStmt>(St)) {
    const Expr *RV = RS->getRetValue();
    if (!RV)
      return;
    Value V = valueOf(RV, S);
    consume(RV, S);
    if (SummaryMode)
      S.Ret.add(V);
    else
      escape(S, V); // the caller decides what becomes of it
    S.Ret.add(V);
    return;
  }
}

void FunctionWalk::declare(const VarDecl *VD, State &S) {
  S.Facts.erase(VD);
  const Expr *Init = VD->getInit();
  if (!VD->hasLocalStorage()) {
    // A static local keeps what it is given for the rest of the program.
    if (Init)
      escape(S, valueOf(Init, S));
    return;
  }
  if (VD->getType()->isReferenceType()) {
    if (!Init)
      return;
    Places P = placeOf(Init, S);
    if (P.single() && !P.Element && P.Members[0].second != 0)
      S.Refs[VD] = P.Members[0];
    else
      S.Locals[VD] = valueOf(Init, S);
    return;
  }
  S.Locals[VD] = Init ? valueOf(Init, S) : Value();
}

void FunctionWalk::initializeMember(const CXXCtorInitializer *Init, State &S) {
  if (!ThisObj || !Init || !Init->isMemberInitializer() || !Init->getInit())
    return;
  Value V = valueOf(Init->getInit(), S);
  if (V.empty())
    return;
  Places P;
  P.Members.push_back({*ThisObj, A.append(0, Init->getMember())});
  assign(P, V, Init->getInit(), S);
}

void FunctionWalk::lifetimeEnds(const VarDecl *VD, const Stmt *Trigger,
                                State &S) {
  auto It = S.Locals.find(VD);
  bool Held = It != S.Locals.end() && !It->second.Objs.empty() &&
              A.owning(VD->getType());
  if (It != S.Locals.end())
    S.Locals.erase(It);
  S.Refs.erase(VD);
  S.Facts.erase(VD);
  if (!Held)
    return;
  SourceLocation Loc;
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(Trigger))
    Loc = CS->getRBracLoc();
  else if (Trigger)
    Loc = Trigger->getBeginLoc();
  else
    Loc = FD->getBody()->getEndLoc();
  S.Dropped = true;
  checkLeaks(S, Trigger, Loc, VD);
}

// ---- writes

void FunctionWalk::touch(State &S, const LinkKey &K, unsigned char Bits) {
  if (!SummaryMode || !Objs[K.first].isCallers())
    return;
  unsigned char &B = S.Touched[K];
  B = Bits == TouchReplace ? TouchReplace : (B | Bits);
}

void FunctionWalk::setLinks(State &S, const LinkKey &K, const Value &V,
                            const Stmt *At, bool Sure, bool Replace,
                            const FunctionDecl *Via) {
  if (Replace) {
    for (auto It = S.Links.lower_bound({K.first, 0});
         It != S.Links.end() && It->first.first == K.first;) {
      if (A.hasPrefix(It->first.second, K.second))
        It = S.Links.erase(It);
      else
        ++It;
    }
    S.Dropped = true;
  }
  if (!V.Objs.empty()) {
    std::vector<Target> &L = S.Links[K];
    for (ObjId O : V.Objs) {
      Target T{O, Sure && !V.Unknown, At, Via, V.Lambda};
      auto Same = llvm::find_if(L, [&](const Target &X) { return X.To == O; });
      if (Same != L.end()) {
        if (T.Sure && !Same->Sure)
          *Same = T;
        continue;
      }
      L.push_back(T);
    }
    llvm::sort(L);
  }
  touch(S, K, Replace ? TouchReplace : TouchAdd);
  // Which stores and callables end on objects whose fate this walk
  // decides.
  if (Objs[K.first].isCallers()) {
    A.noteStore(At, false);
    A.noteStore(V.Lambda, false);
  } else {
    Stores.push_back({At, K.first});
    if (V.Lambda)
      Stores.push_back({V.Lambda, K.first});
  }
}

void FunctionWalk::weaken(State &S, const LinkKey &K) {
  for (auto It = S.Links.lower_bound({K.first, 0});
       It != S.Links.end() && It->first.first == K.first; ++It) {
    if (!A.hasPrefix(It->first.second, K.second))
      continue;
    for (Target &T : It->second)
      T.Sure = false;
    llvm::sort(It->second);
  }
  touch(S, K, TouchWeaken);
}

void FunctionWalk::havocField(State &S, const FieldDecl *F) {
  if (!F)
    return;
  HavocFields.insert(F);
  for (auto &[K, L] : S.Links) {
    if (K.second == 0 || !llvm::is_contained(A.path(K.second), F))
      continue;
    for (Target &T : L)
      T.Sure = false;
    llvm::sort(L);
  }
}

bool FunctionWalk::holdsObjects(const LinkKey &K) const {
  // A weak_ptr or raw pointer member refers to an object without keeping
  // it alive: no link.
  const FieldDecl *F = A.lastField(K.second);
  return !F || A.owning(F->getType());
}

void FunctionWalk::assign(const Places &P, const Value &V, const Stmt *At,
                          State &S) {
  if (P.Element) {
    insert(P, V, At, S);
    return;
  }
  if (P.Local) {
    Value &Old = S.Locals[P.Local];
    if (!Old.Objs.empty())
      S.Dropped = true;
    Old = V;
    S.Facts.erase(P.Local);
    return;
  }
  if (P.Unknown) {
    escape(S, V);
    A.noteStore(V.Lambda, false);
    if (V.Objs.empty())
      havocField(S, P.Field);
  }
  bool Single = P.single();
  for (const LinkKey &K : P.Members) {
    if (!holdsObjects(K))
      continue;
    if (K.second == 0) {
      // `*p = other`: the whole object is assigned; its links may change.
      weaken(S, K);
      escape(S, V);
      continue;
    }
    if (!Single)
      weaken(S, K);
    setLinks(S, K, V, At, Single, Single, nullptr);
  }
}

void FunctionWalk::insert(const Places &P, const Value &V, const Stmt *At,
                          State &S) {
  if (P.Local) {
    S.Locals[P.Local].add(V);
    return;
  }
  if (P.Unknown) {
    escape(S, V);
    A.noteStore(V.Lambda, false);
  }
  for (const LinkKey &K : P.Members) {
    if (!holdsObjects(K))
      continue;
    if (K.second == 0) {
      escape(S, V);
      continue;
    }
    setLinks(S, K, V, At, P.single(), /*Replace=*/false, nullptr);
  }
}

void FunctionWalk::clear(const Places &P, State &S, bool Must) {
  if (P.Local) {
    auto It = S.Locals.find(P.Local);
    if (It != S.Locals.end() && !It->second.Objs.empty()) {
      if (Must)
        It->second = Value();
      else
        It->second.Unknown = true;
      S.Dropped = true;
    }
    return;
  }
  if (P.Unknown)
    havocField(S, P.Field);
  for (const LinkKey &K : P.Members) {
    if (K.second == 0)
      continue;
    if (Must && P.single())
      setLinks(S, K, Value(), nullptr, true, /*Replace=*/true, nullptr);
    else
      weaken(S, K);
  }
}

// ---- calls

const FunctionDecl *FunctionWalk::followedCallee(const CallExpr *CE) const {
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee)
    return nullptr;
  const FunctionDecl *Def = Callee->getDefinition();
  if (!Def || !Def->hasBody() ||
      inSystemHeader(Def, Ctx.getSourceManager()))
    return nullptr;
  if (const auto *M = dyn_cast<CXXMethodDecl>(Def); M && M->isVirtual()) {
    // A virtual call runs this body only when nothing overrides it.
    const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
    const auto *ME =
        MC ? dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens()) : nullptr;
    bool Qualified = ME && ME->hasQualifier();
    if (!Qualified && !M->hasAttr<FinalAttr>() &&
        !M->getParent()->hasAttr<FinalAttr>())
      return nullptr;
  }
  return Def;
}

bool FunctionWalk::canRetain(QualType PT) const {
  if (PT.isNull())
    return true;
  if (PT->isReferenceType() || PT->isPointerType()) {
    QualType Pointee = PT->getPointeeType();
    if (!Pointee.isConstQualified())
      return true;
    if (A.owning(Pointee))
      return true; // a copy of a const shared_ptr& owns
    return derivesFromSharedFromThis(Pointee->getAsCXXRecordDecl());
  }
  return A.owning(PT);
}

void FunctionWalk::unknownCall(const FunctionDecl *Callee, const Expr *Object,
                               ArrayRef<const Expr *> Args, State &S) {
  for (unsigned I = 0; I < Args.size(); ++I) {
    QualType PT = Callee && I < Callee->getNumParams()
                      ? Callee->getParamDecl(I)->getType()
                      : Args[I]->getType();
    if (!canRetain(PT))
      continue;
    escape(S, valueOf(Args[I], S));
    if (const LambdaExpr *L = valueOf(Args[I], S).Lambda)
      A.noteStore(L, false);
    // A member or local passed by non-const reference may be reset there.
    bool Mutable = (PT->isReferenceType() || PT->isPointerType()) &&
                   !PT->getPointeeType().isConstQualified();
    if (!Mutable)
      continue;
    const Expr *Arg = Args[I]->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(Arg); U && U->getOpcode() == UO_AddrOf)
      Arg = U->getSubExpr();
    Places P = placeOf(Arg, S);
    if (P.Local) {
      S.Facts.erase(P.Local);
      if (A.owning(P.Local->getType()))
        S.Locals[P.Local].Unknown = true;
    } else {
      clear(P, S, /*Must=*/false);
    }
  }
  if (!Object)
    return;
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (M && M->isConst())
    return;
  // A method the walk cannot read: the object may keep itself alive
  // (shared_from_this()), break its own links, or hand them on.
  if (Object->getType()->isPointerType()) {
    Value V = valueOf(Object, S);
    escape(S, V);
    for (ObjId O : V.Objs)
      weaken(S, {O, 0});
    return;
  }
  Places P = placeOf(Object, S);
  if (P.Local) {
    auto It = S.Locals.find(P.Local);
    if (It != S.Locals.end())
      escape(S, It->second);
    return;
  }
  for (const LinkKey &K : P.Members) {
    weaken(S, K);
    if (K.second == 0)
      escapeObject(S, K.first);
  }
}

void FunctionWalk::applySummary(const Summary &Sum, const FunctionDecl *Callee,
                                const Expr *Call, const Expr *Object,
                                std::optional<LinkKey> ObjectKey,
                                ArrayRef<const Expr *> Args, State &S) {
  // Which of the callee's objects matter here.
  std::vector<bool> Needed(Sum.Objs.size(), false);
  for (const auto &[K, E] : Sum.Effects) {
    Needed[K.first] = true;
    for (const auto &T : E.Targets)
      Needed[T.Obj] = true;
  }
  for (ObjId O : Sum.Escapes)
    Needed[O] = true;
  for (ObjId O : Sum.Ret.Objs)
    Needed[O] = true;
  for (ObjId O = Sum.Objs.size(); O-- > 0;)
    if (Needed[O] && Sum.Objs[O].K == ObjInfo::Deref)
      Needed[Sum.Objs[O].Parent] = true;

  struct Mapped {
    SmallVector<LinkKey, 1> Keys;
    bool Unknown = false;
    const LambdaExpr *Lambda = nullptr;
  };
  std::vector<Mapped> M(Sum.Objs.size());
  auto FromValue = [&](Mapped &Out, const Value &V) {
    for (ObjId O : V.Objs)
      Out.Keys.push_back({O, 0});
    Out.Unknown |= V.Unknown;
    Out.Lambda = V.Lambda;
  };
  for (ObjId I = 0; I < Sum.Objs.size(); ++I) {
    if (!Needed[I])
      continue;
    const ObjInfo &Info = Sum.Objs[I];
    Mapped &Out = M[I];
    switch (Info.K) {
    case ObjInfo::This:
      if (ObjectKey) {
        Out.Keys.push_back(*ObjectKey);
      } else if (Object && Object->getType()->isPointerType()) {
        Value V = valueOf(Object, S);
        FromValue(Out, V);
        Out.Unknown |= V.Objs.empty();
      } else if (Object) {
        Places P = placeOf(Object, S);
        Out.Keys = P.Members;
        Out.Unknown = P.Unknown || P.Local;
      } else {
        Out.Unknown = true;
      }
      break;
    case ObjInfo::Param: {
      if (Info.ParamIndex >= Args.size()) {
        Out.Unknown = true;
        break;
      }
      const Expr *Arg = Args[Info.ParamIndex];
      QualType PT = Info.ParamIndex < Callee->getNumParams()
                        ? Callee->getParamDecl(Info.ParamIndex)->getType()
                        : QualType();
      if (!PT.isNull() && PT->isReferenceType() &&
          !A.owning(PT.getNonReferenceType())) {
        Places P = placeOf(Arg, S);
        Out.Keys = P.Members;
        Out.Unknown = P.Unknown || P.Local;
      } else {
        FromValue(Out, valueOf(Arg, S));
      }
      break;
    }
    case ObjInfo::Deref:
      Out.Unknown = M[Info.Parent].Unknown;
      for (const LinkKey &K : M[Info.Parent].Keys) {
        Value V = readKey({K.first, A.concat(K.second, Info.Path)}, S);
        FromValue(Out, V);
      }
      break;
    case ObjInfo::Fresh: {
      ObjId O = fresh(S, Call, I, Info.Type, Callee);
      Objs[O].KnownMembers = true;
      Out.Keys.push_back({O, 0});
      break;
    }
    }
  }

  for (const auto &[K, E] : Sum.Effects) {
    const Mapped &Holder = M[K.first];
    bool SureHolder = E.Must && Holder.Keys.size() == 1 && !Holder.Unknown;
    for (const auto &T : E.Targets) {
      const Mapped &To = M[T.Obj];
      Value V;
      for (const LinkKey &TK : To.Keys)
        if (TK.second == 0)
          V.add(TK.first);
      V.Unknown = To.Unknown;
      V.Lambda = T.Lambda ? T.Lambda : To.Lambda;
      bool Sure = SureHolder && T.Sure && To.Keys.size() == 1;
      if (Holder.Unknown) {
        escape(S, V);
        A.noteStore(V.Lambda, false);
      }
      for (const LinkKey &HK : Holder.Keys) {
        LinkKey Key{HK.first, A.concat(HK.second, K.second)};
        if (Key.second == 0) {
          setLinks(S, Key, V, Call, false, false, Callee);
          continue;
        }
        setLinks(S, Key, V, Call, Sure, /*Replace=*/false, Callee);
      }
    }
    // What the callee's assignment or erase did to the old links.
    if (E.K == Summary::Effect::Add)
      continue;
    for (const LinkKey &HK : Holder.Keys) {
      LinkKey Key{HK.first, A.concat(HK.second, K.second)};
      if (Key.second == 0)
        continue;
      if (E.K == Summary::Effect::Replace && SureHolder) {
        // Keep the new targets just set, drop every other link.
        auto It = S.Links.find(Key);
        std::vector<Target> Keep;
        if (It != S.Links.end())
          for (const Target &T : It->second)
            if (T.At == Call)
              Keep.push_back(T);
        for (auto L = S.Links.lower_bound({Key.first, 0});
             L != S.Links.end() && L->first.first == Key.first;) {
          if (A.hasPrefix(L->first.second, Key.second))
            L = S.Links.erase(L);
          else
            ++L;
        }
        if (!Keep.empty())
          S.Links[Key] = std::move(Keep);
        touch(S, Key, TouchReplace);
        S.Dropped = true;
      } else {
        auto It = S.Links.find(Key);
        if (It != S.Links.end())
          for (Target &T : It->second)
            if (T.At != Call)
              T.Sure = false;
        if (It != S.Links.end())
          llvm::sort(It->second);
        touch(S, Key, TouchWeaken);
      }
    }
    if (Holder.Unknown && E.Targets.empty())
      havocField(S, A.lastField(K.second));
  }
  for (const FieldDecl *F : Sum.HavocFields)
    havocField(S, F);
  for (ObjId O : Sum.Escapes)
    for (const LinkKey &K : M[O].Keys)
      escapeObject(S, K.first);
  Value R;
  for (ObjId O : Sum.Ret.Objs) {
    for (const LinkKey &K : M[O].Keys)
      if (K.second == 0)
        R.add(K.first);
    R.Unknown |= M[O].Unknown;
  }
  R.Unknown |= Sum.Ret.Unknown;
  S.Env[Call] = R;
}

ObjId FunctionWalk::make(const Expr *Site, const CXXRecordDecl *RD,
                         const CXXConstructorDecl *Ctor,
                         ArrayRef<const Expr *> Args, State &S) {
  ObjId O = fresh(S, Site, 0, RD, nullptr);
  if (!RD || !RD->hasDefinition()) {
    Objs[O].KnownMembers = false;
    for (const Expr *Arg : Args)
      escape(S, valueOf(Arg, S));
    return O;
  }
  RD = RD->getDefinition();
  if (!Ctor) {
    // make_shared<T>(args): the constructor is chosen inside the library;
    // one taking that many arguments (not a copy) is the one.
    const CXXConstructorDecl *Only = nullptr;
    unsigned Count = 0;
    for (const CXXConstructorDecl *C : RD->ctors()) {
      if (C->isDeleted() || C->getMinRequiredArguments() > Args.size() ||
          C->getNumParams() < Args.size())
        continue;
      if (C->isCopyOrMoveConstructor() && Args.size() != 1)
        continue;
      Only = C;
      ++Count;
    }
    if (Count == 1)
      Ctor = Only;
  }
  bool Trivial = Ctor ? (Ctor->isImplicit() || Ctor->isDefaulted())
                      : Args.empty() || RD->isAggregate();
  if (Trivial && RD->isAggregate() && !Args.empty() && !Ctor) {
    // Parenthesized aggregate initialization: the fields in order.
    unsigned I = 0;
    for (const FieldDecl *F : RD->fields()) {
      if (I >= Args.size())
        break;
      Value V = valueOf(Args[I++], S);
      if (!V.Objs.empty()) {
        Places P;
        P.Members.push_back({O, A.append(0, F)});
        assign(P, V, Site, S);
      }
    }
    return O;
  }
  if (Trivial && (!Ctor || Ctor->isDefaultConstructor()))
    return O;
  if (Ctor && !Ctor->isCopyOrMoveConstructor())
    if (const FunctionDecl *Def = Ctor->getDefinition();
        Def && Def->hasBody() && !inSystemHeader(Def, Ctx.getSourceManager()))
      if (const Summary *Sum = A.summary(Def)) {
        applySummary(*Sum, Def, Site, nullptr, LinkKey{O, 0}, Args, S);
        return O;
      }
  // A constructor the walk cannot read: the object may hold what it is
  // given, somewhere.
  Objs[O].KnownMembers = false;
  for (const Expr *Arg : Args) {
    Value V = valueOf(Arg, S);
    if (!V.Objs.empty())
      setLinks(S, {O, 0}, V, Site, false, false, nullptr);
  }
  return O;
}

void FunctionWalk::allocate(const CXXNewExpr *NE, State &S) {
  const CXXRecordDecl *RD = NE->getAllocatedType()->getAsCXXRecordDecl();
  if (!RD || NE->isArray()) {
    S.Env[NE] = Value::unknown();
    return;
  }
  SmallVector<const Expr *, 4> Args;
  const CXXConstructorDecl *Ctor = nullptr;
  if (const CXXConstructExpr *CE = NE->getConstructExpr()) {
    Ctor = CE->getConstructor();
    for (const Expr *Arg : CE->arguments())
      Args.push_back(Arg);
  }
  ObjId O = make(NE, RD, Ctor, Args, S);
  S.Env[NE] = Value::of(O);
  // An object a smart pointer does not take at once is managed by hand.
  const Stmt *P = PM->getParentIgnoreParenImpCasts(const_cast<CXXNewExpr *>(NE));
  bool Owned = false;
  if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(P))
    Owned = classifyConstruct(CE) == CallOp::Identity;
  else if (const auto *MC = dyn_cast_or_null<CallExpr>(P))
    Owned = classifyCall(MC) == CallOp::Reset;
  if (!Owned)
    escapeObject(S, O);
}

void FunctionWalk::construct(const CXXConstructExpr *CE, State &S) {
  if (isa_and_nonnull<CXXNewExpr>(
          PM->getParentIgnoreParenImpCasts(const_cast<CXXConstructExpr *>(CE))))
    return;
  SmallVector<const Expr *, 4> Args(CE->arguments());
  switch (classifyConstruct(CE)) {
  case CallOp::Identity: {
    Value V;
    for (const Expr *Arg : Args) {
      V.add(valueOf(Arg, S));
      consume(Arg, S);
    }
    S.Env[CE] = V;
    return;
  }
  case CallOp::Keep:
    for (const Expr *Arg : Args) {
      Value V = valueOf(Arg, S);
      escape(S, V);
      A.noteStore(V.Lambda, false);
    }
    S.Env[CE] = Value();
    return;
  default:
    break;
  }
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  if (Ctor && Ctor->isCopyOrMoveConstructor() && Args.size() >= 1) {
    S.Env[CE] = valueOf(Args[0], S);
    consume(Args[0], S);
    return;
  }
  // An object held by value (a local, a temporary): it holds what it is
  // given, as far as the walk can tell; a constructor that is not visible
  // may hand it anywhere.
  Value V;
  bool Visible = Ctor && Ctor->getDefinition() && Ctor->getDefinition()->hasBody();
  for (unsigned I = 0; I < Args.size(); ++I) {
    Value A1 = valueOf(Args[I], S);
    QualType PT = Ctor && I < Ctor->getNumParams()
                      ? Ctor->getParamDecl(I)->getType()
                      : Args[I]->getType();
    if (!Visible && canRetain(PT)) {
      escape(S, A1);
      A.noteStore(A1.Lambda, false);
    }
    V.add(A1);
  }
  S.Env[CE] = V;
}

void FunctionWalk::call(const CallExpr *CE, State &S) {
  const Expr *Object = nullptr;
  SmallVector<const Expr *, 4> Args;
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
    Object = MC->getImplicitObjectArgument();
    Args.append(CE->arg_begin(), CE->arg_end());
  } else if (isa<CXXOperatorCallExpr>(CE) && isa_and_nonnull<CXXMethodDecl>(Callee) &&
             CE->getNumArgs() >= 1) {
    Object = CE->getArg(0);
    Args.append(CE->arg_begin() + 1, CE->arg_end());
  } else {
    Args.append(CE->arg_begin(), CE->arg_end());
  }

  // Assignment to a smart pointer, callback or container.
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(CE);
      Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
      (A.owning(Op->getArg(0)->getType()) ||
       classifyStdTemplate(Op->getArg(0)->getType()) == StdTemplate::WeakPtr)) {
    Places P = placeOf(Op->getArg(0), S);
    Value V = valueOf(Op->getArg(1), S);
    consume(Op->getArg(1), S);
    assign(P, V, CE, S);
    S.Env[CE] = V;
    return;
  }

  CallOp Op = classifyCall(CE);
  auto ObjectPlace = [&]() {
    return Object ? placeOf(Object, S) : Places{{}, nullptr, false, true, nullptr};
  };
  switch (Op) {
  case CallOp::Make: {
    const CXXRecordDecl *RD = nullptr;
    if (const TemplateArgumentList *TA = Callee->getTemplateSpecializationArgs())
      if (TA->size() >= 1 && TA->get(0).getKind() == TemplateArgument::Type)
        RD = TA->get(0).getAsType()->getAsCXXRecordDecl();
    if (Callee->getName() == "allocate_shared" && !Args.empty())
      Args.erase(Args.begin());
    S.Env[CE] = Value::of(make(CE, RD, nullptr, Args, S));
    for (const Expr *Arg : Args)
      consume(Arg, S);
    return;
  }
  case CallOp::SharedFromThis:
  case CallOp::NoOwner:
    S.Env[CE] = Object ? valueOf(Object, S) : Value::unknown();
    return;
  case CallOp::Identity: {
    Value V;
    for (const Expr *Arg : Args)
      V.add(valueOf(Arg, S));
    S.Env[CE] = V;
    return;
  }
  case CallOp::Deref:
    S.Env[CE] = Object ? valueOf(Object, S)
                       : (Args.empty() ? Value::unknown() : valueOf(Args[0], S));
    return;
  case CallOp::Reset:
    if (Args.empty())
      clear(ObjectPlace(), S, /*Must=*/true);
    else
      assign(ObjectPlace(), valueOf(Args[0], S), CE, S);
    S.Env[CE] = Value();
    return;
  case CallOp::Clear:
    clear(ObjectPlace(), S, /*Must=*/true);
    return;
  case CallOp::MaybeClear:
    clear(ObjectPlace(), S, /*Must=*/false);
    S.Env[CE] = Value::unknown();
    return;
  case CallOp::Insert:
  case CallOp::Assign: {
    Value V;
    for (const Expr *Arg : Args) {
      if (A.owning(Arg->getType()) || Arg->getType()->isPointerType())
        V.add(valueOf(Arg, S));
      consume(Arg, S);
    }
    Places P = ObjectPlace();
    if (Op == CallOp::Assign && !P.Element)
      assign(P, V, CE, S);
    else
      insert(P, V, CE, S);
    S.Env[CE] = Value::unknown();
    return;
  }
  case CallOp::Read:
    S.Env[CE] = read(ObjectPlace(), S);
    return;
  case CallOp::Swap:
  case CallOp::Exchange: {
    const Expr *L = Object ? Object : (Args.size() >= 1 ? Args[0] : nullptr);
    const Expr *R = Object ? (Args.size() >= 1 ? Args[0] : nullptr)
                           : (Args.size() >= 2 ? Args[1] : nullptr);
    if (!L || !R)
      return;
    Places PL = placeOf(L, S), PR = placeOf(R, S);
    Value VL = read(PL, S), VR = valueOf(R, S);
    assign(PL, VR, CE, S);
    if (Op == CallOp::Swap)
      assign(PR, VL, CE, S);
    else
      consume(R, S);
    S.Env[CE] = Op == CallOp::Exchange ? VL : Value();
    return;
  }
  case CallOp::Bind: {
    Value V;
    for (const Expr *Arg : Args)
      if (A.owning(Arg->getType().getNonReferenceType()))
        V.add(valueOf(Arg, S));
    S.Env[CE] = V;
    return;
  }
  case CallOp::Invoke: {
    // The stored callable runs: what it owns reaches its body, which may
    // do anything with it.
    if (Object) {
      Value V = valueOf(Object, S);
      escape(S, V);
    }
    for (const Expr *Arg : Args)
      escape(S, valueOf(Arg, S));
    S.Env[CE] = Value::unknown();
    return;
  }
  case CallOp::Pure:
    S.Env[CE] = Value();
    return;
  case CallOp::Keep: {
    if (Object)
      escape(S, valueOf(Object, S));
    for (const Expr *Arg : Args) {
      Value V = valueOf(Arg, S);
      escape(S, V);
      A.noteStore(V.Lambda, false);
    }
    S.Env[CE] = Value::unknown();
    return;
  }
  case CallOp::Unknown:
    break;
  }

  // Conditions on locals passed by non-const reference are no longer known.
  for (unsigned I = 0; I < Args.size(); ++I) {
    const Expr *Arg = Args[I]->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(Arg); U && U->getOpcode() == UO_AddrOf)
      Arg = U->getSubExpr()->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Arg))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (Args[I]->isLValue() || isa<UnaryOperator>(Args[I]->IgnoreParenImpCasts()))
          S.Facts.erase(VD);
  }
  if (const FunctionDecl *Def = followedCallee(CE))
    if (const Summary *Sum = A.summary(Def)) {
      applySummary(*Sum, Def, CE, Object, std::nullopt, Args, S);
      for (unsigned I = 0; I < Args.size() && I < Def->getNumParams(); ++I)
        if (!Def->getParamDecl(I)->getType()->isReferenceType())
          consume(Args[I], S);
      return;
    }
  unknownCall(Callee, Object, Args, S);
  S.Env[CE] = Value::unknown();
}

} // namespace clang::tidy::leaklint::cycles::detail
