//===--- CArrayReleases.cpp - an array of owners released bare -----------===//
//
// A C struct's array of pointers (`char **headers`) whose elements own
// what they point to: where the TU tears it down properly it releases each
// element, then the array. A release of the array alone, on a path where
// nothing before it could have emptied the array (no element read or
// released, the array not given to a call, not freshly assigned), loses
// every element it still holds: curl's push-promise headers, dropped for
// being too many, kept the header strings.
//
//===----------------------------------------------------------------------===//

#include "ClassOwnership.h"
#include "AstHelpers.h"
#include "HookTargets.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::leaklint::ownership {

const FieldDecl *fieldNamed(const Expr *E) {
  const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParenCasts());
  return ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
}

std::optional<unsigned> releasedArgument(const CallExpr *CE,
                                         OwnershipEngine &Engine) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee)
    if (const ValueDecl *Hook = detail::hookCalledBy(CE))
      Callee = Engine.hookTarget(Hook);
  std::optional<Releaser> R = Callee ? Engine.releaserOf(Callee)
                                     : std::nullopt;
  if (!R || R->Arg >= CE->getNumArgs())
    return std::nullopt;
  return R->Arg;
}

namespace {

/// An array of pointers: a pointer to a data pointer.
bool isPointerArray(const FieldDecl *F) {
  QualType T = F->getType();
  return T->isPointerType() && T->getPointeeType()->isPointerType() &&
         !T->getPointeeType()->isFunctionPointerType();
}

/// The field whose element \p E is (`s->items[i]`, `*s->items`).
const FieldDecl *elementOf(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    return fieldNamed(AS->getBase());
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_Deref)
    return fieldNamed(UO->getSubExpr());
  return nullptr;
}

class ReleaseScan : public RecursiveASTVisitor<ReleaseScan> {
public:
  using Facts = ClassOwnershipIndex::ArrayReleaseFacts;
  ReleaseScan(Facts &Out, OwnershipEngine &Engine)
      : Out(Out), Engine(Engine) {}

  bool TraverseFunctionDecl(FunctionDecl *FD) {
    const FunctionDecl *Outer = Current;
    Current = FD->doesThisDeclarationHaveABody() ? FD : nullptr;
    bool Go = RecursiveASTVisitor::TraverseFunctionDecl(FD);
    Current = Outer;
    return Go;
  }
  bool VisitCallExpr(CallExpr *CE) {
    std::optional<unsigned> Released;
    if (Current)
      Released = releasedArgument(CE, Engine);
    if (!Released)
      return true;
    const Expr *Arg = CE->getArg(*Released);
    if (const FieldDecl *F = fieldNamed(Arg); F && isPointerArray(F))
      Out.Arrays[F].push_back({CE, Arg, Current});
    else if (const FieldDecl *F = elementOf(Arg); F && isPointerArray(F))
      Out.Elements[F].push_back({CE, Arg, Current});
    return true;
  }

private:
  Facts &Out;
  OwnershipEngine &Engine;
  const FunctionDecl *Current = nullptr;
};

/// Whether \p S, met on a path to the release \p Release of the array \p F
/// of \p Base, may have emptied the array or changed what it holds: an
/// assignment of the array, a read of an element, a call given the array,
/// one of its elements, or the object that holds it.
bool mayEmpty(const Stmt *S, const Stmt *Release, const FieldDecl *F,
              const ValueDecl *Base) {
  if (S == Release)
    return false;
  if (const auto *BO = dyn_cast<BinaryOperator>(S))
    return BO->isAssignmentOp() && fieldNamed(BO->getLHS()) == F;
  if (const auto *IC = dyn_cast<ImplicitCastExpr>(S))
    return IC->getCastKind() == CK_LValueToRValue &&
           elementOf(IC->getSubExpr()) == F;
  const auto *CE = dyn_cast<CallExpr>(S);
  if (!CE)
    return false;
  for (const Expr *Arg : CE->arguments()) {
    bool Gives = false;
    detail::forEachNode(Arg, [&](const Stmt *X) {
      if (const auto *ME = dyn_cast<MemberExpr>(X))
        Gives |= ME->getMemberDecl() == F;
      else if (Base && detail::namedLocal(X) == Base)
        Gives = true;
    });
    if (Gives)
      return true;
  }
  return false;
}

/// The variable that holds the object whose array \p Arg names (`stream`
/// of `stream->items`); null if none.
const ValueDecl *baseVariable(const Expr *Arg) {
  const auto *ME = dyn_cast<MemberExpr>(Arg->IgnoreParenCasts());
  return ME ? detail::namedLocal(ME->getBase()->IgnoreParenCasts()) : nullptr;
}

/// Whether a path of \p FD reaches \p Release, a release of the array \p
/// F, after a statement that may have emptied it (mayEmpty). Unknown (no
/// CFG, the release not in it): true.
bool mayBeEmptied(const FunctionDecl *FD, const CallExpr *Release,
                  const FieldDecl *F, const Expr *Arg, ASTContext &Ctx) {
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd(); // every expression an element
  std::unique_ptr<CFG> G = CFG::buildCFG(FD, FD->getBody(), &Ctx, Options);
  if (!G)
    return true;
  const CFGBlock *At = detail::blockOf(*G, Release);
  if (!At)
    return true;
  const ValueDecl *Base = baseVariable(Arg);
  auto Empties = [&](const CFGBlock *B, bool UpToRelease) {
    for (const CFGElement &E : *B) {
      auto CS = E.getAs<CFGStmt>();
      if (!CS)
        continue;
      if (UpToRelease && CS->getStmt() == Release)
        return false;
      if (mayEmpty(CS->getStmt(), Release, F, Base))
        return true;
    }
    return false;
  };
  if (Empties(At, /*UpToRelease=*/true))
    return true;
  // Every block from which the release's block is reached.
  llvm::SmallPtrSet<const CFGBlock *, 32> Seen;
  llvm::SmallVector<const CFGBlock *, 16> Work;
  for (const CFGBlock *P : At->preds())
    if (P && Seen.insert(P).second)
      Work.push_back(P);
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    if (Empties(B, /*UpToRelease=*/false))
      return true;
    for (const CFGBlock *P : B->preds())
      if (P && Seen.insert(P).second)
        Work.push_back(P);
  }
  return false;
}
} // namespace

const ClassOwnershipIndex::ArrayReleaseFacts &
ClassOwnershipIndex::arrayReleases() {
  if (!ArrayReleases) {
    ArrayReleases.emplace();
    ReleaseScan(*ArrayReleases, Engine)
        .TraverseDecl(Ctx.getTranslationUnitDecl());
  }
  return *ArrayReleases;
}

std::vector<ClassFinding>
ClassOwnershipIndex::arraysReleasedBare(const RecordDecl *RD) {
  std::vector<ClassFinding> Out;
  if (!RD->isCompleteDefinition() || RD->isUnion())
    return Out;
  const ArrayReleaseFacts &Facts = arrayReleases();
  for (const FieldDecl *F : RD->fields()) {
    auto Elements = Facts.Elements.find(F);
    auto Arrays = Facts.Arrays.find(F);
    if (Elements == Facts.Elements.end() || Arrays == Facts.Arrays.end())
      continue;
    // The teardown that shows the elements own: it releases each element
    // and the array.
    using Release = ArrayReleaseFacts::Release;
    auto ReleasesIn = [](const std::vector<Release> &Rs,
                         const FunctionDecl *In) {
      return llvm::any_of(Rs, [&](const Release &R) { return R.In == In; });
    };
    const Stmt *Teardown = nullptr;
    for (const Release &Element : Elements->second)
      if (ReleasesIn(Arrays->second, Element.In))
        Teardown = Element.Call;
    if (!Teardown)
      continue;
    for (const Release &Array : Arrays->second) {
      if (ReleasesIn(Elements->second, Array.In) ||
          mayBeEmptied(Array.In, Array.Call, F, Array.Arg, Ctx))
        continue;
      ClassFinding CF{ClassFinding::ArrayReleasedBare};
      CF.Field = F;
      CF.Site = Array.Call;
      CF.Method = Array.In;
      CF.Release = Teardown;
      Out.push_back(CF);
      break; // one finding per array
    }
  }
  return Out;
}

} // namespace clang::tidy::leaklint::ownership
