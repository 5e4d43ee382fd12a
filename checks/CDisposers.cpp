//===--- CDisposers.cpp - a disposal callback that keeps the object -------===//
//
// A C container is given the function that disposes of each element
// (`gl_list_create_empty(..., listener_free, ...)`, `g_slist_free_full(l,
// item_free)`). When that function releases the fields of the struct but
// never the struct itself, while the TU allocates the struct on the heap
// and releases it nowhere, every element leaks its own block: gnutls's
// test server lost each listener this way.
//
//===----------------------------------------------------------------------===//

#include "ClassOwnership.h"
#include "AstHelpers.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::leaklint::ownership {

namespace {
/// The struct a pointer-typed expression points to, if any.
const RecordDecl *pointee(QualType T) {
  if (!T->isPointerType())
    return nullptr;
  const RecordDecl *RD = T->getPointeeType()->getAsRecordDecl();
  return RD ? cast<RecordDecl>(RD->getCanonicalDecl()) : nullptr;
}

class ObjectScan : public RecursiveASTVisitor<ObjectScan> {
public:
  ObjectScan(ClassOwnershipIndex::ObjectFacts &Out, OwnershipEngine &Engine)
      : Out(Out), Engine(Engine) {}

  bool VisitCallExpr(CallExpr *CE) {
    for (const Expr *Arg : CE->arguments())
      if (const FunctionDecl *F = detail::namedFunction(Arg))
        Out.GivenAt.try_emplace(F->getCanonicalDecl(), CE);
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee)
      return true;
    if (std::optional<Releaser> R = Engine.releaserOf(Callee);
        R && R->Arg < CE->getNumArgs())
      if (const RecordDecl *RD =
              pointee(CE->getArg(R->Arg)->IgnoreParenCasts()->getType()))
        Out.Released.insert(RD);
    return true;
  }
  bool VisitCastExpr(CastExpr *CE) {
    const RecordDecl *RD = pointee(CE->getType());
    const auto *Call = dyn_cast<CallExpr>(CE->getSubExpr()->IgnoreParens());
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!RD || !Callee)
      return true;
    if (const Acquirer *A = Engine.acquirerOf(Callee);
        A && A->Kind == ResourceKind::Memory && !A->isStatus())
      Out.HeapAllocated.try_emplace(RD, Call, A);
    return true;
  }

private:
  ClassOwnershipIndex::ObjectFacts &Out;
  OwnershipEngine &Engine;
};
} // namespace

const ClassOwnershipIndex::ObjectFacts &ClassOwnershipIndex::objectFacts() {
  if (!Objects) {
    Objects.emplace();
    ObjectScan Scan(*Objects, Engine);
    detail::forEachUserDecl(Ctx, [&](Decl *D) { Scan.TraverseDecl(D); });
  }
  return *Objects;
}

std::optional<ClassFinding>
ClassOwnershipIndex::disposerKeepsObject(const RecordDecl *RD,
                                         const FunctionDecl *Dtor) {
  if (Dtor->getNumParams() != 1)
    return std::nullopt;
  const ObjectFacts &Facts = objectFacts();
  RD = cast<RecordDecl>(RD->getCanonicalDecl());
  auto Given = Facts.GivenAt.find(Dtor->getCanonicalDecl());
  auto Heap = Facts.HeapAllocated.find(RD);
  if (Given == Facts.GivenAt.end() || Heap == Facts.HeapAllocated.end() ||
      Facts.Released.count(RD))
    return std::nullopt;
  ClassFinding CF;
  CF.Kind = ClassFinding::DisposerKeepsObject;
  CF.Destructor = Dtor;
  CF.Site = Heap->second.first;
  CF.Acq = Heap->second.second;
  CF.Acquired = Given->second;
  return CF;
}

} // namespace clang::tidy::leaklint::ownership
