//===--- ConstantTables.cpp - entries of constant tables tested by text ---===//

#include "ConstantTables.h"
#include "clang/AST/Expr.h"
#include "llvm/Support/xxhash.h"

namespace clang::tidy::leaklint::ownership::detail {
namespace {

/// The initializer of a global whose value this TU decides: const, or not
/// visible to other translation units.
const InitListExpr *fixedInitializer(const ValueDecl *D) {
  const auto *VD = dyn_cast_or_null<VarDecl>(D);
  if (!VD || !VD->hasGlobalStorage())
    return nullptr;
  const VarDecl *Def = nullptr;
  const Expr *Init = VD->getAnyInitializer(Def);
  if (!Init ||
      (!Def->getType().isConstQualified() && Def->isExternallyVisible()))
    return nullptr;
  return dyn_cast<InitListExpr>(Init->IgnoreParenImpCasts());
}

/// The object whose field \p E reads with `.` (not `->`, not a union's),
/// and the field.
const Expr *fieldOf(const Expr *E, const FieldDecl *&F) {
  const auto *ME = dyn_cast<MemberExpr>(E);
  F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  if (!F || ME->isArrow() || F->getParent()->isUnion())
    return nullptr;
  return ME->getBase();
}

/// The initializer of the array \p E names: `table`, or `blk.table` where
/// `blk`'s initializer gives `table` to that field.
const InitListExpr *tableInitializer(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *DR = dyn_cast<DeclRefExpr>(E)) {
    const InitListExpr *Init = fixedInitializer(DR->getDecl());
    return Init && DR->getType()->isConstantArrayType() ? Init : nullptr;
  }
  const FieldDecl *F = nullptr;
  const Expr *Base = fieldOf(E, F);
  const auto *Blk =
      Base ? dyn_cast<DeclRefExpr>(Base->IgnoreParenImpCasts()) : nullptr;
  if (!Blk)
    return nullptr;
  const InitListExpr *BlkInit = fixedInitializer(Blk->getDecl());
  if (!BlkInit || F->getFieldIndex() >= BlkInit->getNumInits())
    return nullptr;
  const auto *Arr = dyn_cast<DeclRefExpr>(
      BlkInit->getInit(F->getFieldIndex())->IgnoreParenImpCasts());
  return Arr ? tableInitializer(Arr) : nullptr;
}

} // namespace

std::optional<TableTextTest> tableTextTest(const TextTest &T) {
  if (!T.PointsToText)
    return std::nullopt;
  const FieldDecl *F = nullptr;
  const Expr *Base = fieldOf(T.Str->IgnoreParenImpCasts(), F);
  const auto *Entry =
      Base ? dyn_cast<ArraySubscriptExpr>(Base->IgnoreParens()) : nullptr;
  if (!Entry)
    return std::nullopt;
  const auto *Idx =
      dyn_cast<DeclRefExpr>(Entry->getIdx()->IgnoreParenImpCasts());
  const auto *Index = Idx ? dyn_cast<VarDecl>(Idx->getDecl()) : nullptr;
  if (!Index || !Index->hasLocalStorage() || !Index->getType()->isIntegerType())
    return std::nullopt;
  const InitListExpr *Table = tableInitializer(Entry->getBase());
  if (!Table)
    return std::nullopt;
  // Entries past the initializer's are zero: a null name, which no text
  // equals.
  TableTextTest R;
  R.Index = Index;
  for (unsigned I = 0, N = Table->getNumInits(); I != N; ++I) {
    const auto *Row =
        dyn_cast<InitListExpr>(Table->getInit(I)->IgnoreParenImpCasts());
    if (!Row || Row->getType().getCanonicalType().getUnqualifiedType() !=
                    Base->getType().getCanonicalType().getUnqualifiedType())
      return std::nullopt;
    if (F->getFieldIndex() >= Row->getNumInits())
      continue;
    const Expr *Name = Row->getInit(F->getFieldIndex())->IgnoreParenCasts();
    if (isa<ImplicitValueInitExpr>(Name) ||
        Name->isNullPointerConstant(F->getASTContext(),
                                    Expr::NPC_ValueDependentIsNotNull))
      continue;
    const auto *SL = dyn_cast<StringLiteral>(Name);
    if (!SL || SL->getCharByteWidth() != 1)
      return std::nullopt;
    if (llvm::xxh3_64bits(SL->getString()) == T.Text)
      R.Matches.push_back(I);
  }
  return R;
}

} // namespace clang::tidy::leaklint::ownership::detail
