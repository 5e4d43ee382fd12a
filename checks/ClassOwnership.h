//===--- ClassOwnership.h - obligations of raw owning members ---*- C++ -*-===//
//
// Class-level obligations for leaklint-owning-pointer:
//   * a raw pointer member that a constructor or method of its class assigns
//     fresh memory (or a file, ...) and that nothing in the TU ever releases
//     or hands off: the destructor forgets it;
//   * the rule of three: a class whose destructor deletes a raw member and
//     whose implicit copy constructor or copy assignment is used: both
//     copies delete the same memory.
// One syntactic index of member uses per TU (ClassOwnershipIndex), queried
// per class.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_CHECKS_CLASSOWNERSHIP_H
#define LEAKLINT_CHECKS_CLASSOWNERSHIP_H

#include "OwnershipEngine.h"
#include "ResourceModel.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

namespace clang::tidy::leaklint::ownership {

struct ClassFinding {
  enum KindT : unsigned char { MemberNeverReleased, CopiedOwner, MemberMismatch } Kind;
  const FieldDecl *Field = nullptr;
  const Stmt *Site = nullptr;          ///< the allocation / the copy
  const Acquirer *Acq = nullptr;
  const Stmt *Release = nullptr;       ///< CopiedOwner: the destructor's delete;
                                       ///< MemberMismatch: the wrong release
  std::string Releaser;                ///< MemberMismatch: what releases it
  bool Assignment = false;             ///< CopiedOwner: a copy assignment
};

class ClassOwnershipIndex {
public:
  ClassOwnershipIndex(ASTContext &Ctx, const ResourceModel &Model,
                      OwnershipEngine &Engine);
  std::vector<ClassFinding> analyze(const CXXRecordDecl *RD);

private:
  enum class Use : unsigned char { Benign, Alloc, Release, HandOff };
  struct FieldUses {
    std::vector<std::pair<const Stmt *, const Acquirer *>> Allocs;
    std::vector<const Stmt *> Releases;
    bool HandedOff = false;
  };
  void build();
  void noteUse(const FieldDecl *F, const Expr *ME,
               llvm::ArrayRef<const Stmt *> Ancestors);
  void noteAssign(const FieldDecl *F, const Expr *RHS);
  const Acquirer *freshAcquirer(const Expr *E);
  /// The release group of \p Release and its name (`delete`, `free`), if
  /// the model knows it.
  std::optional<std::pair<unsigned, std::string>> groupOf(const Stmt *Release) const;

  ASTContext &Ctx;
  const ResourceModel &Model;
  OwnershipEngine &Engine;
  bool Built = false;
  llvm::DenseMap<const FieldDecl *, FieldUses> Uses;
  llvm::DenseMap<const CXXMethodDecl *, const Stmt *> FirstCopy;
  friend class ClassUseVisitor;
};

} // namespace clang::tidy::leaklint::ownership

#endif // LEAKLINT_CHECKS_CLASSOWNERSHIP_H
