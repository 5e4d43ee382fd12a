//===--- DispatchTables.cpp - calls through a table of functions ---------===//

#include "DispatchTables.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::leaklint::ownership::detail {

namespace {

/// `tbl[i]` read as a value: the table it reads from, if a variable.
const VarDecl *tableRead(const Expr *E) {
  const auto *AS = dyn_cast<ArraySubscriptExpr>(E->IgnoreParens());
  if (!AS)
    return nullptr;
  const auto *DR = dyn_cast<DeclRefExpr>(AS->getBase()->IgnoreParenImpCasts());
  return DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
}

/// Counts the references to one table, and those that read an element.
class TableUses : public RecursiveASTVisitor<TableUses> {
public:
  explicit TableUses(const VarDecl *Table) : Table(Table) {}
  bool VisitDeclRefExpr(DeclRefExpr *DR) {
    Refs += DR->getDecl()->getCanonicalDecl() == Table;
    return true;
  }
  bool VisitImplicitCastExpr(ImplicitCastExpr *IC) {
    const VarDecl *Read = tableRead(IC->getSubExpr());
    if (IC->getCastKind() == CK_LValueToRValue && Read &&
        Read->getCanonicalDecl() == Table)
      ++Reads;
    return true;
  }
  const VarDecl *Table;
  unsigned Refs = 0, Reads = 0;
};

} // namespace

const VarDecl *tableCalledBy(const CallExpr *CE) {
  const Expr *Fn = CE->getCallee()->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Fn); // `(*tbl[i])(..)`
      UO && UO->getOpcode() == UO_Deref)
    Fn = UO->getSubExpr()->IgnoreParenImpCasts();
  const VarDecl *VD = tableRead(Fn);
  if (!VD || VD->isExternallyVisible() || VD->hasLocalStorage() ||
      !VD->getType()->isArrayType() || !VD->getInit())
    return nullptr;
  return VD->getDefinition() ? VD->getDefinition() : VD;
}

llvm::SmallVector<const FunctionDecl *, 8> tableTargets(ASTContext &Ctx,
                                                        const VarDecl *Table) {
  llvm::SmallVector<const FunctionDecl *, 8> Targets;
  const auto *ILE = dyn_cast_or_null<InitListExpr>(
      Table->getInit() ? Table->getInit()->IgnoreParenImpCasts() : nullptr);
  if (!ILE)
    return Targets;
  for (const Expr *E : ILE->inits()) {
    E = E->IgnoreParenImpCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(E); // `&f`
        UO && UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenImpCasts();
    const auto *DR = dyn_cast<DeclRefExpr>(E);
    const auto *FD = DR ? dyn_cast<FunctionDecl>(DR->getDecl()) : nullptr;
    if (!FD)
      return {}; // a null entry, or something else
    Targets.push_back(FD);
  }
  TableUses Uses(Table->getCanonicalDecl());
  Uses.TraverseAST(Ctx);
  if (Uses.Refs != Uses.Reads)
    return {};
  return Targets;
}

} // namespace clang::tidy::leaklint::ownership::detail
