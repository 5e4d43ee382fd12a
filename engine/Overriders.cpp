//===--- Overriders.cpp - the overriders a virtual call may reach --------===//

#include "Overriders.h"
#include "AstHelpers.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::leaklint::ownership::detail {

namespace {
class ClassScan : public RecursiveASTVisitor<ClassScan> {
public:
  explicit ClassScan(std::vector<const CXXRecordDecl *> &Out) : Out(Out) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool VisitCXXRecordDecl(CXXRecordDecl *RD) {
    if (!RD->isThisDeclarationADefinition() || RD->getNumBases() == 0)
      return true;
    if (!RD->isDependentContext())
      Out.push_back(RD);
    return true;
  }

private:
  std::vector<const CXXRecordDecl *> &Out;
};
} // namespace

const CXXMethodDecl *Overriders::onlyOverrider(const CXXMethodDecl *MD) {
  const CXXRecordDecl *Static = MD->getParent();
  const SourceManager &SM = Ctx.getSourceManager();
  if (!MD->isVirtual() || !Static->hasDefinition() ||
      !SM.isInMainFile(SM.getExpansionLoc(Static->getDefinition()->getLocation())))
    return nullptr;
  if (!Scanned) {
    // A class derived from one of the main file comes after it: in the
    // user's code, not in a system header or clangd's preamble.
    ClassScan Scan(Derived);
    forEachUserDecl(Ctx, [&](Decl *D) { Scan.TraverseDecl(D); });
    Scanned = true;
  }
  const CXXMethodDecl *Only = nullptr;
  auto Consider = [&](const CXXRecordDecl *RD) {
    if (RD->isAbstract())
      return true;
    const CXXMethodDecl *M = MD->getCorrespondingMethodInClass(RD);
    if (!M || (Only && Only->getCanonicalDecl() != M->getCanonicalDecl()))
      return false;
    Only = M;
    return true;
  };
  if (!Consider(Static->getDefinition()))
    return nullptr;
  for (const CXXRecordDecl *RD : Derived)
    if (RD->isDerivedFrom(Static) && !Consider(RD))
      return nullptr;
  // Its own body is the only one: what the Static Analyzer and the engine
  // already take for a class with no override in view, with the caution
  // that another file may still add one (a class of a header, pasted).
  return Only != MD ? Only : nullptr;
}

} // namespace clang::tidy::leaklint::ownership::detail
