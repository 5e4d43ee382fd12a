//===--- CStructReleases.cpp - a struct released with an owner inside ----===//
//
// A field that the TU hands ownership through, by the transfer idiom of C
// (`e->key = v->str; v->str = NULL;` into it, `key = e->key; e->key =
// NULL;` out of it), owns what it points to whenever it is not null. A
// function that takes such an object apart (reads its other fields) and
// releases it without a look at that field loses what the field holds:
// yajl's `context_pop` freed the stack element and kept its pending key
// (CVE-2023-33460).
//
//===----------------------------------------------------------------------===//

#include "ClassOwnership.h"
#include "AstHelpers.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/FoldingSet.h"

namespace clang::tidy::leaklint::ownership {

namespace {
bool sameExpr(const Expr *A, const Expr *B, const ASTContext &Ctx) {
  llvm::FoldingSetNodeID IA, IB;
  A->IgnoreParenImpCasts()->Profile(IA, Ctx, /*Canonical=*/true);
  B->IgnoreParenImpCasts()->Profile(IB, Ctx, /*Canonical=*/true);
  return IA == IB;
}

/// The record a pointer of type \p T points to, if any.
const RecordDecl *pointee(QualType T) {
  if (!T->isPointerType())
    return nullptr;
  const RecordDecl *RD = T->getPointeeType()->getAsRecordDecl();
  return RD ? cast<RecordDecl>(RD->getCanonicalDecl()) : nullptr;
}

class TransferScan : public RecursiveASTVisitor<TransferScan> {
public:
  using Facts = ClassOwnershipIndex::TransferFacts;
  TransferScan(Facts &Out, OwnershipEngine &Engine, ASTContext &Ctx)
      : Out(Out), Engine(Engine), Ctx(Ctx) {}

  bool TraverseFunctionDecl(FunctionDecl *FD) {
    const FunctionDecl *Outer = Current;
    Current = FD->doesThisDeclarationHaveABody() ? FD : nullptr;
    bool Go = RecursiveASTVisitor::TraverseFunctionDecl(FD);
    Current = Outer;
    return Go;
  }
  // `dst = src; src = NULL;`, two statements in a row.
  bool VisitCompoundStmt(CompoundStmt *CS) {
    const Stmt *Prev = nullptr;
    for (const Stmt *S : CS->body()) {
      if (Prev)
        transfer(Prev, S);
      Prev = S;
    }
    return true;
  }
  bool VisitCallExpr(CallExpr *CE) {
    std::optional<unsigned> Released;
    if (Current)
      Released = releasedArgument(CE, Engine);
    if (!Released)
      return true;
    const Expr *Arg = CE->getArg(*Released)->IgnoreParenCasts();
    if (const VarDecl *V = detail::namedLocal(Arg))
      if (const RecordDecl *RD = pointee(V->getType()))
        Out.Releases[RD].push_back({CE, V, Current});
    return true;
  }

private:
  void transfer(const Stmt *First, const Stmt *Second) {
    const auto *Null = dyn_cast<BinaryOperator>(Second);
    if (!Null || Null->getOpcode() != BO_Assign ||
        !Null->getRHS()->IgnoreParenCasts()->isNullPointerConstant(
            Ctx, Expr::NPC_ValueDependentIsNotNull))
      return;
    const Expr *From = nullptr, *To = nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(First);
        BO && BO->getOpcode() == BO_Assign) {
      From = BO->getRHS();
      To = BO->getLHS();
    } else if (const auto *DS = dyn_cast<DeclStmt>(First);
               DS && DS->isSingleDecl()) {
      if (const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl()))
        From = VD->getInit();
    }
    if (!From || !From->getType()->isPointerType() ||
        !sameExpr(From, Null->getLHS(), Ctx))
      return;
    if (const FieldDecl *F = fieldNamed(From))
      Out.TakenOut.try_emplace(F, Second);
    if (const FieldDecl *F = To ? fieldNamed(To) : nullptr)
      Out.MovedIn.try_emplace(F, First);
  }

  Facts &Out;
  OwnershipEngine &Engine;
  ASTContext &Ctx;
  const FunctionDecl *Current = nullptr;
};

/// What \p FD does with \p Obj: whether it reads one of \p RD's fields
/// through it, names \p F anywhere, or gives it to a call other than \p
/// Release.
struct TakenApart {
  bool ReadsOther = false, NamesField = false, GivenAway = false;
};
TakenApart takenApart(const FunctionDecl *FD, const VarDecl *Obj,
                      const FieldDecl *F, const CallExpr *Release) {
  TakenApart T;
  detail::forEachNode(FD->getBody(), [&](const Stmt *X) {
    if (const auto *ME = dyn_cast<MemberExpr>(X)) {
      if (ME->getMemberDecl() == F)
        T.NamesField = true;
      else if (detail::namedLocal(ME->getBase()->IgnoreParenCasts()) == Obj)
        T.ReadsOther = true;
    } else if (const auto *CE = dyn_cast<CallExpr>(X); CE && CE != Release) {
      for (const Expr *Arg : CE->arguments())
        detail::forEachNode(Arg, [&](const Stmt *Y) {
          T.GivenAway |= detail::namedLocal(Y) == Obj;
        });
    }
  });
  return T;
}
} // namespace

const ClassOwnershipIndex::TransferFacts &ClassOwnershipIndex::transfers() {
  if (!Transfers) {
    Transfers.emplace();
    TransferScan(*Transfers, Engine, Ctx)
        .TraverseDecl(Ctx.getTranslationUnitDecl());
  }
  return *Transfers;
}

std::vector<ClassFinding>
ClassOwnershipIndex::structsReleasedWithOwners(const RecordDecl *RD) {
  std::vector<ClassFinding> Out;
  if (!RD->isCompleteDefinition() || RD->isUnion())
    return Out;
  const TransferFacts &Facts = transfers();
  auto Releases =
      Facts.Releases.find(cast<RecordDecl>(RD->getCanonicalDecl()));
  if (Releases == Facts.Releases.end())
    return Out;
  for (const FieldDecl *F : RD->fields()) {
    auto In = Facts.MovedIn.find(F);
    auto Taken = Facts.TakenOut.find(F);
    if (!isRawOwnerCandidate(F) || In == Facts.MovedIn.end() ||
        Taken == Facts.TakenOut.end())
      continue;
    for (const TransferFacts::Release &R : Releases->second) {
      TakenApart T = takenApart(R.In, R.Object, F, R.Call);
      if (!T.ReadsOther || T.NamesField || T.GivenAway)
        continue;
      ClassFinding CF{ClassFinding::StructReleasedWithOwner};
      CF.Field = F;
      CF.Site = R.Call;
      CF.Var = R.Object;
      CF.Method = R.In;
      CF.Acquired = In->second;
      CF.Release = Taken->second;
      Out.push_back(CF);
      break; // one finding per field
    }
  }
  return Out;
}

} // namespace clang::tidy::leaklint::ownership
