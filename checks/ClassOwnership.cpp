//===--- ClassOwnership.cpp - obligations of raw owning members -----------===//

#include "ClassOwnership.h"
#include "AstHelpers.h"
#include "ProgramState.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::leaklint::ownership {

bool isRawOwnerCandidate(const FieldDecl *F) {
  QualType T = F->getType();
  return T->isPointerType() && !T->isFunctionPointerType() &&
         !T->getPointeeType()->isFunctionType();
}

bool takesConstPointer(const FunctionDecl *FD, unsigned I) {
  if (I >= FD->getNumParams())
    return false;
  QualType T = FD->getParamDecl(I)->getType();
  return T->isPointerType() && T->getPointeeType().isConstQualified();
}

class ClassUseVisitor : public RecursiveASTVisitor<ClassUseVisitor> {
public:
  ClassUseVisitor(ClassOwnershipIndex &I, const SourceManager &SM)
      : I(I), SM(SM) {}
  bool TraverseDecl(Decl *D) {
    // Only the code of the project: system headers cannot release our members.
    if (D && !isa<TranslationUnitDecl>(D) &&
        SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      return true;
    const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
    if (!FD || !FD->doesThisDeclarationHaveABody())
      return RecursiveASTVisitor::TraverseDecl(D);
    const FunctionDecl *Outer = I.CurrentFunction;
    I.CurrentFunction = FD;
    bool Go = RecursiveASTVisitor::TraverseDecl(D);
    I.CurrentFunction = Outer;
    return Go;
  }
  bool shouldVisitTemplateInstantiations() const { return false; }
  // The statements being traversed: the parents of the current one, so that
  // no TU-wide parent map has to be built.
  bool dataTraverseStmtPre(Stmt *S) {
    Stack.push_back(S);
    return true;
  }
  bool dataTraverseStmtPost(Stmt *S) {
    Stack.pop_back();
    return true;
  }
  bool VisitMemberExpr(MemberExpr *ME) {
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!F)
      return true;
    llvm::ArrayRef<const Stmt *> Up(Stack);
    if (!Up.empty() && Up.back() == ME)
      Up = Up.drop_back();
    if (isRawOwnerCandidate(F))
      I.noteUse(F, ME, Up);
    else if (F->getType()->isIntegerType()) // a descriptor, perhaps
      I.Uses[F].ChangedElsewhere |= I.isForeignUse(ME, Up);
    return true;
  }
  bool VisitFieldDecl(FieldDecl *F) {
    if (isRawOwnerCandidate(F) && F->hasInClassInitializer())
      if (const Expr *Init = F->getInClassInitializer())
        I.noteAssign(F, Init);
    return true;
  }
  bool VisitCXXConstructorDecl(CXXConstructorDecl *C) {
    for (const CXXCtorInitializer *Init : C->inits())
      if (Init->isMemberInitializer() && Init->isWritten())
        if (const FieldDecl *F = Init->getMember())
          if (isRawOwnerCandidate(F))
            I.noteAssign(F, Init->getInit());
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (Ctor && Ctor->isCopyConstructor() && Ctor->isImplicit() &&
        !Ctor->isDeleted() && !returnsNamedObject(CE))
      I.FirstCopy.try_emplace(Ctor, CE);
    return true;
  }
  /// `return local;` of a variable the compiler constructs in the caller's
  /// slot (named return value optimisation, which Clang and GCC apply even
  /// at -O0): the copy it names is not made.
  bool returnsNamedObject(const CXXConstructExpr *CE) const {
    if (CE->getNumArgs() != 1 || Stack.size() < 2)
      return false;
    const auto *DR = dyn_cast<DeclRefExpr>(CE->getArg(0)->IgnoreImpCasts());
    const auto *VD = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
    if (!VD || !VD->isNRVOVariable())
      return false;
    for (auto It = Stack.rbegin() + 1; It != Stack.rend(); ++It) {
      if (isa<ReturnStmt>(*It))
        return true;
      if (!isa<ExprWithCleanups, ImplicitCastExpr, ParenExpr>(*It))
        return false;
    }
    return false;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *OC) {
    if (const auto *M = dyn_cast_or_null<CXXMethodDecl>(OC->getDirectCallee()))
      if (M->isCopyAssignmentOperator() && M->isImplicit() && !M->isDeleted())
        I.FirstCopy.try_emplace(M, OC);
    return true;
  }

private:
  ClassOwnershipIndex &I;
  const SourceManager &SM;
  std::vector<const Stmt *> Stack;
};

ClassOwnershipIndex::ClassOwnershipIndex(ASTContext &Ctx,
                                         const ResourceModel &Model,
                                         OwnershipEngine &Engine)
    : Ctx(Ctx), Model(Model), Engine(Engine) {}

void ClassOwnershipIndex::build() {
  if (Built)
    return;
  Built = true;
  ClassUseVisitor V(*this, Ctx.getSourceManager());
  V.TraverseDecl(Ctx.getTranslationUnitDecl());
}

const Acquirer *ClassOwnershipIndex::freshAcquirer(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *EW = dyn_cast<ExprWithCleanups>(E))
    E = EW->getSubExpr()->IgnoreParenCasts();
  if (const auto *NE = dyn_cast<CXXNewExpr>(E)) {
    if (detail::newForm(NE) == detail::NewForm::Placement)
      return nullptr;
    // An object that registers itself or gets a parent is not ours.
    if (const CXXConstructExpr *CE = NE->getConstructExpr())
      if (const CXXConstructorDecl *Ctor = CE->getConstructor())
        for (unsigned I = 0; I < Ctor->getNumParams(); ++I) {
          QualType PT = Ctor->getParamDecl(I)->getType();
          if ((PT->isPointerType() || PT->isReferenceType()) &&
              !PT->getPointeeType().isConstQualified() &&
              !PT->getPointeeType()->isArithmeticType())
            return nullptr;
        }
    return &Model.newAcquirer(NE->isArray());
  }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (const Acquirer *A = Model.acquirerFor(FD))
      return Model.isRealloc(FD) ? nullptr : A;
    if (FD && Engine.hasSummary(FD)) {
      const FunctionSummary &S = Engine.summary(FD);
      if (S.ReturnsAcquirer)
        return Engine.acquirerAt(*S.ReturnsAcquirer);
    }
  }
  return nullptr;
}

void ClassOwnershipIndex::noteAssign(const FieldDecl *F, const Expr *RHS) {
  FieldUses &U = Uses[F];
  if (const Acquirer *A = freshAcquirer(RHS)) {
    U.Allocs.push_back({RHS, A});
    U.AllocIn.push_back(CurrentFunction);
    return;
  }
  const Expr *R = RHS->IgnoreParenCasts();
  if (R->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) ||
      isa<ImplicitValueInitExpr>(R) || isa<InitListExpr>(R))
    return;
  // Given a pointer from elsewhere: whether it owns it is not ours to say.
  U.HandedOff = true;
}

namespace {
// Whether \p E is `this->F` (or plain `F` in a member function).
bool isThisMember(const Expr *E, const FieldDecl *F) {
  const auto *ME = E ? dyn_cast<MemberExpr>(E->IgnoreParenImpCasts()) : nullptr;
  return ME && ME->getMemberDecl() == F &&
         isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
}

// The left-hand side of the assignment right after \p S in block
// \p Parent, if \p Parent is a block and that statement an assignment.
const Expr *nextAssignedIn(const Stmt *Parent, const Stmt *S) {
  const auto *Block = dyn_cast<CompoundStmt>(Parent);
  if (!Block)
    return nullptr;
  const auto *It = llvm::find(Block->body(), S);
  if (It == Block->body_end() || std::next(It) == Block->body_end())
    return nullptr;
  const auto *Next = dyn_cast<BinaryOperator>(*std::next(It));
  return Next && Next->getOpcode() == BO_Assign ? Next->getLHS() : nullptr;
}
} // namespace

bool ClassOwnershipIndex::isForeignUse(
    const Expr *ME, llvm::ArrayRef<const Stmt *> Ancestors) const {
  const auto *M = dyn_cast<MemberExpr>(ME);
  return !M || !isa<CXXThisExpr>(M->getBase()->IgnoreParenImpCasts()) ||
         llvm::any_of(Ancestors,
                      [](const Stmt *S) { return isa<LambdaExpr>(S); });
}

void ClassOwnershipIndex::noteUse(const FieldDecl *F, const Expr *ME,
                                  llvm::ArrayRef<const Stmt *> Ancestors) {
  // A use through another object than `this` (`other->m`), or in a lambda,
  // which may run at any time: only reading the member of a const object
  // leaves the object's own methods in charge of it.
  if (!isForeignUse(ME, Ancestors)) {
    classifyUse(F, ME, Ancestors);
    return;
  }
  const auto *M = cast<MemberExpr>(ME);
  const Expr *Base = M->getBase()->IgnoreParenImpCasts();
  QualType Object = Base->getType();
  if (M->isArrow() && Object->isPointerType())
    Object = Object->getPointeeType();
  FieldUses &U = Uses[F];
  bool WasHandedOff = U.HandedOff;
  size_t Releases = U.Releases.size(), Allocs = U.Allocs.size();
  U.HandedOff = false;
  classifyUse(F, ME, Ancestors);
  if (!Object.isConstQualified() || U.HandedOff ||
      U.Releases.size() != Releases || U.Allocs.size() != Allocs)
    U.ChangedElsewhere = true;
  U.HandedOff |= WasHandedOff;
}

void ClassOwnershipIndex::classifyUse(const FieldDecl *F, const Expr *ME,
                                      llvm::ArrayRef<const Stmt *> Ancestors) {
  // Uses are recorded after a hand-off too: the member is still released by
  // the class (a getter does not make `delete m_data` right for new[]).
  FieldUses &U = Uses[F];
  // Climb over parens, implicit casts and C casts from one pointer type to
  // another (`(guchar *)p->title`: the same block).
  const Expr *Use = ME;
  const Stmt *P = nullptr;
  const ImplicitCastExpr *Cast = nullptr;
  auto PointerCast = [](const Stmt *S) {
    const auto *CC = dyn_cast<CStyleCastExpr>(S);
    return CC && CC->getType()->isPointerType() &&
           CC->getSubExpr()->getType()->isPointerType();
  };
  while (!Ancestors.empty()) {
    P = Ancestors.back();
    Ancestors = Ancestors.drop_back();
    if (isa<ParenExpr>(P) || isa<ImplicitCastExpr>(P) || PointerCast(P)) {
      if (const auto *IC = dyn_cast<ImplicitCastExpr>(P))
        Cast = IC;
      Use = cast<Expr>(P);
      P = nullptr;
      continue;
    }
    break;
  }
  if (!P) {
    U.HandedOff = true;
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
    if (BO->getOpcode() == BO_Assign && BO->getLHS() == Use) {
      // A dead store: the next statement assigns the member again
      // (`data = dataCopy; data = new char[100];`).
      if (!Ancestors.empty() && isThisMember(Use, F) &&
          isThisMember(nextAssignedIn(Ancestors.back(), BO), F))
        return;
      noteAssign(F, BO->getRHS());
      return;
    }
    if (BO->isComparisonOp() || BO->isLogicalOp())
      return;
    if (BO->isAdditiveOp() && BO->getType()->isPointerType()) {
      U.HandedOff = true; // pointer arithmetic: tracked elsewhere
      return;
    }
  }
  if (const auto *M = dyn_cast<MemberExpr>(P); M && M->isArrow() && M->getBase() == Use)
    return;
  if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
    if (UO->getOpcode() == UO_Deref || UO->getOpcode() == UO_LNot)
      return;
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(P); AS && AS->getBase() == Use)
    return;
  if (Cast && Cast->getCastKind() == CK_PointerToBoolean)
    return;
  if (isa<IfStmt>(P) || isa<WhileStmt>(P) || isa<ForStmt>(P) ||
      isa<DoStmt>(P) || isa<ConditionalOperator>(P))
    return;
  // C: a getter that returns a `const T *` lends it (`return p->name;`);
  // one that returns a `T *` lends it when the TU also releases the member
  // (analyzeCStruct), else it may be handing it over.
  if (isa<ReturnStmt>(P) && !Ctx.getLangOpts().CPlusPlus && CurrentFunction) {
    QualType R = CurrentFunction->getReturnType();
    if (!R->isPointerType() || !R->getPointeeType().isConstQualified())
      U.Returned = true;
    return;
  }
  if (const auto *DE = dyn_cast<CXXDeleteExpr>(P)) {
    noteRelease(U, DE);
    return;
  }
  if (const auto *CE = dyn_cast<CallExpr>(P)) {
    const FunctionDecl *FD = CE->getDirectCallee();
    unsigned Idx = 0;
    for (; Idx < CE->getNumArgs(); ++Idx)
      if (CE->getArg(Idx) == Use)
        break;
    if (isa<CXXOperatorCallExpr>(CE) && FD && isa<CXXMethodDecl>(FD)) {
      if (Idx == 0)
        return; // operator called on the object it points to
      --Idx;
    }
    if (FD && Idx < CE->getNumArgs()) {
      if (auto R = Model.releaserFor(FD); R && R->Arg == Idx) {
        noteRelease(U, CE);
        return;
      }
      if (Model.isKnownReader(FD))
        return;
      // C: what a function does with the member is asked only for the
      // structs that have a destructor (analyzeCStruct), so that the
      // summaries of the TU's functions are not computed for nothing.
      if (!Ctx.getLangOpts().CPlusPlus) {
        U.Pending.push_back({CE, FD, Idx, CurrentFunction});
        return;
      }
      classifyCall(U, CE, FD, Idx);
      return;
    }
  }
  U.HandedOff = true;
}

void ClassOwnershipIndex::classifyCall(FieldUses &U, const CallExpr *CE,
                                       const FunctionDecl *FD, unsigned Idx) {
  if (Engine.hasSummary(FD)) {
    const FunctionSummary &S = Engine.summary(FD);
    ParamEffect E = Idx < S.Params.size() ? S.Params[Idx] : ParamEffect::Escapes;
    if (E == ParamEffect::Read)
      return;
    if (E == ParamEffect::Released) {
      noteRelease(U, CE);
      return;
    }
  } else if (takesConstPointer(FD, Idx)) {
    return;
  }
  U.HandedOff = true;
}

void ClassOwnershipIndex::resolvePending(FieldUses &U) {
  std::vector<PendingCall> Calls = std::move(U.Pending);
  U.Pending.clear();
  for (const PendingCall &C : Calls) {
    const FunctionDecl *Outer = CurrentFunction;
    CurrentFunction = C.In;
    classifyCall(U, C.Call, C.Callee, C.Arg);
    CurrentFunction = Outer;
  }
}

std::optional<unsigned>
ClassOwnershipIndex::allocationFamily(const FieldUses &U) {
  if (U.Allocs.empty())
    return std::nullopt;
  unsigned Group = U.Allocs.front().second->Group;
  if (llvm::any_of(U.Allocs, [&](const auto &A) { return A.second->Group != Group; }))
    return std::nullopt;
  return Group;
}

std::optional<std::pair<unsigned, std::string>>
ClassOwnershipIndex::groupOf(const Stmt *Release) const {
  if (const auto *DE = dyn_cast<CXXDeleteExpr>(Release))
    return DE->isArrayForm()
               ? std::make_pair(unsigned(ResourceModel::GDeleteArray), std::string("delete[]"))
               : std::make_pair(unsigned(ResourceModel::GDelete), std::string("delete"));
  if (const auto *CE = dyn_cast<CallExpr>(Release))
    if (auto R = Model.releaserFor(CE->getDirectCallee()))
      return std::make_pair(R->Group, ResourceModel::tableName(CE->getDirectCallee()).str());
  return std::nullopt; // a function of the TU that releases it: its own kind
}

std::vector<ClassFinding> ClassOwnershipIndex::analyze(const CXXRecordDecl *RD) {
  std::vector<ClassFinding> Out;
  if (!RD->hasDefinition() || RD->isDependentContext() || RD->isUnion() ||
      RD->isLambda() || RD->isImplicit())
    return Out;
  // Every member function must be visible: one defined elsewhere may
  // release the member.
  for (const CXXMethodDecl *M : RD->methods())
    if (!M->isImplicit() && !M->isDefaulted() && !M->isDeleted() &&
        !M->isPureVirtual() && !M->hasBody())
      return Out;
  bool HasFriends = RD->friend_begin() != RD->friend_end();
  build();
  for (const FieldDecl *F : RD->fields()) {
    if (!isRawOwnerCandidate(F))
      continue;
    auto It = Uses.find(F);
    if (It == Uses.end())
      continue;
    const FieldUses &U = It->second;
    if (!U.Allocs.empty() && U.Releases.empty() && !U.HandedOff && !HasFriends &&
        F->getAccess() != AS_public) {
      ClassFinding CF;
      CF.Kind = ClassFinding::MemberNeverReleased;
      CF.Field = F;
      CF.Site = U.Allocs.front().first;
      CF.Acq = U.Allocs.front().second;
      Out.push_back(CF);
    }
  }
  // Every allocation of a member comes from one family and a release of it
  // belongs to another (`m = new char[n]` everywhere, `delete m`).
  for (const FieldDecl *F : RD->fields()) {
    auto It = Uses.find(F);
    if (It == Uses.end() || It->second.Allocs.empty() || !isRawOwnerCandidate(F))
      continue;
    const FieldUses &U = It->second;
    std::optional<unsigned> Group = allocationFamily(U);
    // An allocator an attribute names releases with what the attributes
    // name, if any: another release is no proof of a mismatch.
    if (!Group || OwnershipEngine::isModuleGroup(*Group))
      continue;
    for (const Stmt *R : U.Releases) {
      auto RG = groupOf(R);
      if (!RG || RG->first == *Group)
        continue;
      ClassFinding CF;
      CF.Kind = ClassFinding::MemberMismatch;
      CF.Field = F;
      CF.Site = U.Allocs.front().first;
      CF.Acq = U.Allocs.front().second;
      CF.Release = R;
      CF.Releaser = RG->second;
      Out.push_back(CF);
      break;
    }
  }
  // What a friend may do to a member, the rule that every method keeps it
  // owning cannot rule out; an assignment that loses what the destructor
  // would release leaks whoever else writes it.
  for (const FieldDecl *F : RD->fields()) {
    std::optional<ClassFinding> CF;
    if (!HasFriends)
      CF = overwrittenOwner(RD, F);
    if (CF)
      Out.push_back(*CF);
    else
      assignmentsDropOwner(RD, F, Out);
  }
  // Rule of three: the destructor deletes a raw member and an implicit copy
  // is used.
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  if (!Dtor || Dtor->isImplicit() || !Dtor->hasBody())
    return Out;
  for (const FieldDecl *F : RD->fields()) {
    auto It = Uses.find(F);
    if (It == Uses.end() || It->second.Allocs.empty())
      continue;
    const Stmt *InDtor = nullptr;
    for (const Stmt *R : It->second.Releases) {
      SourceRange B = Dtor->getBody()->getSourceRange();
      if (Ctx.getSourceManager().isPointWithin(R->getBeginLoc(), B.getBegin(),
                                               B.getEnd()))
        InDtor = R;
    }
    if (!InDtor)
      continue;
    for (const CXXConstructorDecl *C : RD->ctors()) {
      auto CIt = FirstCopy.find(C);
      if (C->isCopyConstructor() && CIt != FirstCopy.end()) {
        ClassFinding CF;
        CF.Kind = ClassFinding::CopiedOwner;
        CF.Field = F;
        CF.Site = CIt->second;
        CF.Release = InDtor;
        CF.Acq = It->second.Allocs.front().second;
        Out.push_back(CF);
      }
    }
    for (const CXXMethodDecl *M : RD->methods()) {
      auto CIt = FirstCopy.find(M);
      if (M->isCopyAssignmentOperator() && CIt != FirstCopy.end()) {
        ClassFinding CF;
        CF.Kind = ClassFinding::CopiedOwner;
        CF.Field = F;
        CF.Site = CIt->second;
        CF.Release = InDtor;
        CF.Assignment = true;
        CF.Acq = It->second.Allocs.front().second;
        Out.push_back(CF);
      }
    }
    break; // one rule-of-three report per class
  }
  return Out;
}

namespace {
/// Whether private method \p M of \p RD is a part of construction: called,
/// and only directly in the body of a constructor of its class (a
/// `build_buffer(d)` helper), where the members hold nothing yet.
bool constructsOnly(const CXXRecordDecl *RD, const CXXMethodDecl *M) {
  struct Calls : RecursiveASTVisitor<Calls> {
    const CXXMethodDecl *M;
    bool InCtor = false, Called = false, Elsewhere = false;
    bool VisitCXXMemberCallExpr(CXXMemberCallExpr *CE) {
      if (const CXXMethodDecl *C = CE->getMethodDecl();
          C && C->getCanonicalDecl() == M) {
        Called = true;
        Elsewhere |= !InCtor;
      }
      return true;
    }
    // What a lambda calls, it calls whenever it runs.
    bool TraverseLambdaExpr(LambdaExpr *LE) {
      bool Was = InCtor;
      InCtor = false;
      bool Go = RecursiveASTVisitor::TraverseLambdaExpr(LE);
      InCtor = Was;
      return Go;
    }
  } V;
  V.M = M->getCanonicalDecl();
  if (M->getAccess() != AS_private)
    return false;
  for (const CXXMethodDecl *Other : RD->methods()) {
    const FunctionDecl *Def = nullptr;
    if (!Other->hasBody(Def))
      continue;
    V.InCtor = isa<CXXConstructorDecl>(Other);
    V.TraverseStmt(Def->getBody());
    if (const auto *C = dyn_cast<CXXConstructorDecl>(Def))
      for (const CXXCtorInitializer *Init : C->inits())
        V.TraverseStmt(Init->getInit());
  }
  return V.Called && !V.Elsewhere;
}
} // namespace

std::optional<const FunctionSummary::CellEffect *>
ClassOwnershipIndex::memberEffect(const CXXMethodDecl *M,
                                  llvm::ArrayRef<uintptr_t> Path) {
  const auto &Effects = Engine.memberEffects(M);
  if (!Effects)
    return std::nullopt;
  for (const FunctionSummary::CellEffect &E : *Effects)
    if (llvm::ArrayRef(E.Path) == Path)
      return &E;
  return static_cast<const FunctionSummary::CellEffect *>(nullptr);
}

const FunctionSummary::CellEffect *
ClassOwnershipIndex::destructorRelease(const CXXRecordDecl *RD,
                                       llvm::ArrayRef<uintptr_t> Path) {
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  if (!Dtor || !Dtor->isUserProvided() || !Dtor->hasBody())
    return nullptr;
  auto InDtor = memberEffect(Dtor, Path);
  if (!InDtor || !*InDtor ||
      (*InDtor)->Entry != FunctionSummary::CellEffect::Released)
    return nullptr;
  return *InDtor;
}

std::optional<ClassFinding>
ClassOwnershipIndex::overwrittenOwner(const CXXRecordDecl *RD,
                                      const FieldDecl *F) {
  // Only the class's own methods may change a private member, and each of
  // them must be seen to, through `this`.
  if (!(isRawOwnerCandidate(F) || F->getType()->isIntegerType()) ||
      F->getAccess() != AS_private)
    return std::nullopt;
  auto UIt = Uses.find(F);
  if (UIt == Uses.end() || UIt->second.ChangedElsewhere)
    return std::nullopt;
  using Effect = FunctionSummary::CellEffect;
  const uintptr_t Path[] = {detail::fieldMark(F)};
  // The destructor releases it...
  const Effect *InDtor = destructorRelease(RD, Path);
  if (!InDtor)
    return std::nullopt;
  // ... every constructor leaves a fresh resource in it ...
  const Acquirer *Acq = nullptr;
  const Stmt *FirstFresh = nullptr;
  for (const CXXConstructorDecl *C : RD->ctors()) {
    if (C->isDeleted())
      continue;
    if (!C->isUserProvided())
      return std::nullopt; // an implicit constructor: nothing, or a copy
    auto InCtor = memberEffect(C, Path);
    if (!InCtor || !*InCtor || (*InCtor)->Exit != Effect::Fresh)
      return std::nullopt;
    const Acquirer *A = Engine.acquirerAt((*InCtor)->Acquirer);
    if (Acq && A->Group != Acq->Group)
      return std::nullopt;
    const Stmt *At = (*InCtor)->FreshAt;
    if (At && (!FirstFresh || Ctx.getSourceManager().isBeforeInTranslationUnit(
                                  At->getBeginLoc(), FirstFresh->getBeginLoc())))
      FirstFresh = At;
    Acq = A;
  }
  if (!Acq)
    return std::nullopt;
  // ... and every other method leaves it owning one: so it owns one
  // whenever a method is called, and a method that overwrites it without
  // releasing it first loses what it held.
  std::optional<ClassFinding> Found;
  for (const CXXMethodDecl *M : RD->methods()) {
    if (isa<CXXConstructorDecl, CXXDestructorDecl>(M) || M->isStatic() ||
        M->isDeleted() || M->isPureVirtual() || constructsOnly(RD, M))
      continue;
    if (M->isImplicit())
      return std::nullopt; // an implicit assignment copies the pointer
    auto E = memberEffect(M, Path);
    if (!E)
      return std::nullopt;
    if (!*E)
      continue;
    const Effect &X = **E;
    if (!X.KeepsOwning)
      return std::nullopt;
    if (X.Entry == Effect::Dropped && X.OverwrittenAt && !Found) {
      Found.emplace();
      Found->Kind = ClassFinding::MemberOverwritten;
      Found->Field = F;
      Found->Site = X.OverwrittenAt;
      Found->Method = M;
      Found->Acq = Acq;
    }
  }
  if (!Found)
    return std::nullopt;
  // Where a constructor acquires it, and where the destructor releases it.
  Found->Acquired = FirstFresh;
  Found->Release = InDtor->ReleasedAt;
  return Found;
}

void ClassOwnershipIndex::assignmentsDropOwner(const CXXRecordDecl *RD,
                                               const FieldDecl *F,
                                               std::vector<ClassFinding> &Out) {
  // A raw owner, or a union of them read by a type tag (`Value.List`,
  // `Value.Map`: one cell).
  llvm::SmallVector<const FieldDecl *, 4> Owners;
  std::vector<uintptr_t> Path{detail::fieldMark(F)};
  if (isRawOwnerCandidate(F)) {
    Owners.push_back(F);
  } else if (const RecordDecl *U = F->getType()->getAsRecordDecl();
             U && U->isUnion()) {
    for (const FieldDecl *M : U->fields())
      if (isRawOwnerCandidate(M))
        Owners.push_back(M);
    Path.push_back(reinterpret_cast<uintptr_t>(U) | 2);
  }
  // The class fills it: the object assigned to may own a resource there.
  const Acquirer *Acq = nullptr;
  const Stmt *Acquired = nullptr;
  for (const FieldDecl *O : Owners)
    if (auto It = Uses.find(O); It != Uses.end() && !It->second.Allocs.empty()) {
      Acquired = It->second.Allocs.front().first;
      Acq = It->second.Allocs.front().second;
      break;
    }
  if (!Acq)
    return;
  // The destructor releases it: the class owns what it holds.
  const FunctionSummary::CellEffect *InDtor = destructorRelease(RD, Path);
  if (!InDtor)
    return;
  for (const CXXMethodDecl *M : RD->methods()) {
    if (!(M->isCopyAssignmentOperator() || M->isMoveAssignmentOperator()) ||
        !M->isUserProvided() || !M->hasBody())
      continue;
    // A path that overwrote the value the member held on entry, neither
    // released nor kept elsewhere, nor known to be null.
    auto E = memberEffect(M, Path);
    if (!E || !*E || !(*E)->OverwrittenAt)
      continue;
    ClassFinding CF;
    CF.Kind = ClassFinding::AssignmentDropsMember;
    CF.Field = F;
    CF.Site = (*E)->OverwrittenAt;
    CF.Method = M;
    CF.Acq = Acq;
    CF.Acquired = Acquired;
    CF.Release = InDtor->ReleasedAt;
    Out.push_back(CF);
  }
}

} // namespace clang::tidy::leaklint::ownership
