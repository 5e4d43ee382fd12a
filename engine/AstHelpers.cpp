//===--- AstHelpers.cpp - small questions the engine asks of the AST -----===//

#include "AstHelpers.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::leaklint::ownership::detail {

const Expr *strip(const Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    if (const auto *FE = dyn_cast<FullExpr>(E)) {
      E = FE->getSubExpr();
      continue;
    }
    if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = MT->getSubExpr();
      continue;
    }
    if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = BT->getSubExpr();
      continue;
    }
    return E;
  }
}

const Expr *assignedTo(const Expr *E) {
  const auto *BO = dyn_cast<BinaryOperator>(strip(E)->IgnoreParenImpCasts());
  return BO && BO->getOpcode() == BO_Assign ? BO->getLHS() : E;
}

const Expr *castToReferenceOf(const Expr *E) {
  E = strip(E);
  if (!E->isGLValue())
    return nullptr;
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    const auto *F = dyn_cast_or_null<FunctionDecl>(CE->getCalleeDecl());
    if (CE->getNumArgs() == 1 && F && F->isInStdNamespace() &&
        F->getIdentifier() &&
        (F->getName() == "move" || F->getName() == "forward") &&
        F->getReturnType()->isReferenceType())
      return CE->getArg(0);
    return nullptr;
  }
  if (const auto *XC = dyn_cast<ExplicitCastExpr>(E);
      XC && XC->getCastKind() == CK_NoOp &&
      XC->getTypeAsWritten()->isReferenceType())
    return XC->getSubExpr();
  return nullptr;
}

// Casts that keep the identity of the value (an alias of the same object).
bool keepsIdentity(CastKind K) {
  switch (K) {
  case CK_LValueToRValue:
  case CK_NoOp:
  case CK_BitCast:
  case CK_IntegralCast:
  case CK_PointerToIntegral:
  case CK_IntegralToPointer:
  case CK_DerivedToBase:
  case CK_UncheckedDerivedToBase:
  case CK_BaseToDerived:
  case CK_Dynamic:
  case CK_AddressSpaceConversion:
  case CK_ConstructorConversion:
  case CK_UserDefinedConversion:
    return true;
  default:
    return false;
  }
}

bool isStdOrSystem(const Decl *D, const SourceManager &SM) {
  if (D->isInStdNamespace())
    return true;
  if (const auto *M = dyn_cast<CXXMethodDecl>(D))
    if (M->getParent()->isInStdNamespace())
      return true;
  return SM.isInSystemHeader(D->getLocation());
}

unsigned objectArguments(const CallExpr *CE, const FunctionDecl *Callee) {
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(Callee);
  return isa<CXXOperatorCallExpr>(CE) && M && !M->isStatic() ? 1 : 0;
}

const Expr *testedCondition(const Expr *E) {
  while (true) {
    const Expr *X = strip(E)->IgnoreParenImpCasts();
    // `x != 0` of a truth value is `x` itself: haproxy's `unlikely(x)` is
    // `__builtin_expect((x) != 0, 0)`, and a project may define `if(x)` as
    // `if ((x) != 0)` (discount's config.h).
    if (const auto *NE = dyn_cast<BinaryOperator>(X);
        NE && NE->getOpcode() == BO_NE)
      if (const auto *Zero =
              dyn_cast<IntegerLiteral>(NE->getRHS()->IgnoreParenImpCasts());
          Zero && Zero->getValue() == 0) {
        const Expr *Truth = NE->getLHS()->IgnoreParenImpCasts();
        const auto *UO = dyn_cast<UnaryOperator>(Truth);
        const auto *BO = dyn_cast<BinaryOperator>(Truth);
        if ((UO && UO->getOpcode() == UO_LNot) ||
            (BO && (BO->isComparisonOp() || BO->isLogicalOp()))) {
          E = Truth;
          continue;
        }
      }
    const auto *CE = dyn_cast<CallExpr>(X);
    unsigned B = CE ? CE->getBuiltinCallee() : 0;
    if ((B != Builtin::BI__builtin_expect &&
         B != Builtin::BI__builtin_expect_with_probability) ||
        CE->getNumArgs() < 1)
      return E;
    E = CE->getArg(0)->IgnoreParenImpCasts();
  }
}

const VarDecl *namedLocal(const Stmt *S) {
  const auto *DR = dyn_cast_or_null<DeclRefExpr>(S);
  const auto *V = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
  return V && V->hasLocalStorage() ? V : nullptr;
}

bool mentionsLocal(const Stmt *S, const VarDecl *V) {
  bool Found = false;
  forEachNode(S, [&](const Stmt *X) { Found = Found || namedLocal(X) == V; });
  return Found;
}

const Expr *branchCondition(const Stmt *Branch) {
  if (const auto *If = dyn_cast<IfStmt>(Branch))
    return If->getCond();
  if (const auto *W = dyn_cast<WhileStmt>(Branch))
    return W->getCond();
  if (const auto *D = dyn_cast<DoStmt>(Branch))
    return D->getCond();
  if (const auto *F = dyn_cast<ForStmt>(Branch))
    return F->getCond();
  if (const auto *S = dyn_cast<SwitchStmt>(Branch))
    return S->getCond();
  return nullptr;
}

const FunctionDecl *namedFunction(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf)
    E = UO->getSubExpr()->IgnoreParenCasts();
  const auto *DR = dyn_cast<DeclRefExpr>(E);
  return DR ? dyn_cast<FunctionDecl>(DR->getDecl()) : nullptr;
}

bool isNullArgument(const Expr *Arg, ASTContext &Ctx) {
  if (const auto *DA = dyn_cast<CXXDefaultArgExpr>(Arg))
    Arg = DA->getExpr();
  return Arg->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull);
}

const ValueDecl *namedDecl(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberDecl();
  if (const auto *DR = dyn_cast<DeclRefExpr>(E))
    return DR->getDecl();
  return nullptr;
}

bool isCharPointer(QualType T) {
  T = T.getNonReferenceType();
  if (!T->isPointerType())
    return false;
  // Text: `char`, `wchar_t`, `char8_t`, `char16_t`, `char32_t`; not the
  // bytes of a buffer (`unsigned char`, `signed char`).
  QualType C = T->getPointeeType();
  return C->isSpecificBuiltinType(BuiltinType::Char_S) ||
         C->isSpecificBuiltinType(BuiltinType::Char_U) ||
         C->isWideCharType() || C->isChar8Type() || C->isChar16Type() ||
         C->isChar32Type();
}

bool isReadOnlyParamType(QualType T) {
  T = T.getNonReferenceType();
  // A `const void *` cannot be read through: it is an identity (a key of a
  // registry, a handle): treat it as kept.
  if (T->isPointerType() && T->getPointeeType()->isVoidType())
    return false;
  if (T->isPointerType() || T->isArrayType())
    return T->getPointeeOrArrayElementType() &&
           (T->isPointerType() ? T->getPointeeType().isConstQualified()
                               : T.isConstQualified());
  return false;
}

bool declaredReadOnly(const Expr *E) {
  const auto *DR = dyn_cast<DeclRefExpr>(strip(E)->IgnoreParenImpCasts());
  const auto *VD = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
  if (!VD || isa<ParmVarDecl>(VD) || !VD->hasLocalStorage())
    return false;
  QualType T = VD->getType();
  return T->isPointerType() && T->getPointeeType().isConstQualified() &&
         !T->getPointeeType()->isVoidType();
}

std::string exprName(const Expr *E, const ASTContext &Ctx) {
  E = strip(E)->IgnoreParenImpCasts();
  // The expression as written, when it is short and not from a macro.
  SourceRange R = E->getSourceRange();
  if (R.isValid() && !R.getBegin().isMacroID() && !R.getEnd().isMacroID()) {
    llvm::StringRef Text = Lexer::getSourceText(
        CharSourceRange::getTokenRange(R), Ctx.getSourceManager(),
        Ctx.getLangOpts());
    if (!Text.empty() && Text.size() <= 32 && !Text.contains('\n'))
      return Text.str();
  }
  if (const auto *DR = dyn_cast<DeclRefExpr>(E))
    return DR->getDecl()->getNameAsString();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberDecl()->getNameAsString();
  if (const auto *CE = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *FD = CE->getDirectCallee())
      return FD->getNameAsString() + "()";
  return "";
}
const CFGBlock *blockOf(const CFG &G, const Stmt *S) {
  for (const CFGBlock *B : G)
    for (const CFGElement &E : *B)
      if (auto CS = E.getAs<CFGStmt>(); CS && CS->getStmt() == S)
        return B;
  return nullptr;
}

bool buildBodyCFG(const FunctionDecl *FD, ASTContext &Ctx, bool ImplicitDtors,
                  std::unique_ptr<CFG> &Cfg, std::unique_ptr<ParentMap> &PM,
                  llvm::DenseSet<const Stmt *> &InitRoots) {
  Stmt *Body = FD->getBody();
  if (!Body)
    return false;
  CFG::BuildOptions BO;
  BO.AddImplicitDtors = ImplicitDtors;
  BO.AddTemporaryDtors = ImplicitDtors;
  BO.AddLifetime = true;
  BO.AddInitializers = true;
  BO.setAllAlwaysAdd();
  Cfg = CFG::buildCFG(FD, Body, &Ctx, BO);
  if (!Cfg)
    return false;
  PM = std::make_unique<ParentMap>(Body);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Expr *IE = Init->getInit()) {
        PM->addStmt(IE);
        InitRoots.insert(IE);
      }
  return true;
}

NewForm newForm(const CXXNewExpr *NE) {
  NewForm Form = NewForm::Plain;
  for (const Expr *PA : NE->placement_arguments()) {
    const auto *RD = PA->getType()->getAsCXXRecordDecl();
    if (!RD || !RD->getIdentifier() || RD->getName() != "nothrow_t")
      return NewForm::Placement;
    Form = NewForm::Nothrow;
  }
  return Form;
}

const Expr *objectOfFirstMember(const Expr *E, const ASTContext &Ctx) {
  const auto *ME = dyn_cast<MemberExpr>(strip(E)->IgnoreParenImpCasts());
  if (!ME)
    return nullptr;
  while (true) {
    const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
    const RecordDecl *RD = F ? F->getParent() : nullptr;
    if (!RD || RD->isInvalidDecl() || !RD->getDefinition() ||
        RD->isDependentType() || Ctx.getFieldOffset(F) != 0)
      return nullptr;
    if (ME->isArrow())
      return ME->getBase();
    ME = dyn_cast<MemberExpr>(ME->getBase()->IgnoreParenImpCasts());
    if (!ME)
      return nullptr;
  }
}

namespace {
bool holdsPointersOf(QualType Held, QualType T) {
  Held = Held.getCanonicalType();
  if (Held->isPointerType())
    return Held.getUnqualifiedType() == T;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Held->getAsCXXRecordDecl());
  if (!Spec || !Spec->isInStdNamespace())
    return false;
  for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
    if (A.getKind() == TemplateArgument::Type &&
        holdsPointersOf(A.getAsType(), T))
      return true;
  return false;
}
} // namespace

bool keepsPointersOf(const CXXRecordDecl *RD, QualType T) {
  T = T.getCanonicalType().getUnqualifiedType();
  for (unsigned Depth = 0; RD && RD->hasDefinition() && Depth < 8; ++Depth) {
    RD = RD->getDefinition();
    for (const FieldDecl *F : RD->fields())
      if (holdsPointersOf(F->getType(), T))
        return true;
    const CXXRecordDecl *Next = nullptr;
    for (const CXXBaseSpecifier &B : RD->bases()) {
      if (holdsPointersOf(B.getType(), T))
        return true;
      if (const CXXRecordDecl *Base = B.getType()->getAsCXXRecordDecl();
          Base && !Base->isInStdNamespace())
        Next = Base; // one line of bases is followed
    }
    RD = Next;
  }
  return false;
}

namespace {
/// Whether an object of class \p RD is one of class \p Base.
bool isA(const CXXRecordDecl *RD, const CXXRecordDecl *Base) {
  if (!RD || !Base || !RD->hasDefinition() || !Base->hasDefinition())
    return false;
  RD = RD->getDefinition();
  Base = Base->getDefinition();
  return RD == Base || RD->isDerivedFrom(Base);
}
} // namespace

const Expr *pointerToObject(const Expr *E) {
  for (unsigned Depth = 0; Depth < 8; ++Depth) {
    E = strip(E)->IgnoreParenCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(E))
      return UO->getOpcode() == UO_Deref ? UO->getSubExpr() : nullptr;
    const auto *MC = dyn_cast<CXXMemberCallExpr>(E);
    const CXXMethodDecl *M = MC ? MC->getMethodDecl() : nullptr;
    if (!M || M->isStatic() || !M->getReturnType()->isLValueReferenceType() ||
        !isA(MC->getRecordDecl(),
             M->getReturnType().getNonReferenceType()->getAsCXXRecordDecl()))
      return nullptr;
    const Expr *Object = MC->getImplicitObjectArgument();
    if (Object->getType()->isPointerType())
      return Object;
    E = Object;
  }
  return nullptr;
}

bool linksObjectsOf(const CXXRecordDecl *Container, const CXXMethodDecl *M,
                    QualType ParamType) {
  if (!M || M->isConst() || M->isStatic() || !ParamType->isLValueReferenceType())
    return false;
  QualType Obj = ParamType.getNonReferenceType();
  const CXXRecordDecl *ObjClass = Obj->getAsCXXRecordDecl();
  if (Obj.isConstQualified() || !ObjClass)
    return false;
  if (Container && !Container->isInStdNamespace() &&
      !M->isOverloadedOperator() && isA(Container, ObjClass) &&
      ObjClass->getDefinition()->isPolymorphic())
    return true;
  Obj = Obj.getCanonicalType().getUnqualifiedType();
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(Container);
  if (!Spec || Spec->isInStdNamespace())
    return false;
  for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
    if (A.getKind() == TemplateArgument::Type &&
        A.getAsType().getCanonicalType().getUnqualifiedType() == Obj)
      return true;
  return false;
}

} // namespace clang::tidy::leaklint::ownership::detail
