//===--- CDestructors.cpp - C structs whose destructor skips a field ------===//
//
// C has no destructors, but its structs have one by convention: the function
// that releases their fields (`conf_free`, a GObject's finalize). When that
// function skips a field that the rest of the TU treats as owning (assigned
// fresh memory, released only to be assigned again), every object leaks
// what the field holds when it is destroyed.
//
//===----------------------------------------------------------------------===//

#include "ClassOwnership.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/Sequence.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::leaklint::ownership {

namespace {
/// Whether a value of type \p T gives access to the fields of \p RD: a
/// pointer to \p RD, or to a struct holding one (a GObject's `priv`).
bool reaches(QualType T, const RecordDecl *RD) {
  if (T->isPointerType())
    T = T->getPointeeType();
  const RecordDecl *R = T->getAsRecordDecl();
  if (!R)
    return false;
  if (R->getCanonicalDecl() == RD->getCanonicalDecl())
    return true;
  const RecordDecl *Def = R->getDefinition();
  if (!Def)
    return false;
  for (const FieldDecl *F : Def->fields()) {
    QualType FT = F->getType();
    if (FT->isPointerType())
      FT = FT->getPointeeType();
    if (const RecordDecl *Inner = FT->getAsRecordDecl();
        Inner && Inner->getCanonicalDecl() == RD->getCanonicalDecl())
      return true;
  }
  return false;
}

class CallsIn : public RecursiveASTVisitor<CallsIn> {
public:
  bool VisitCallExpr(CallExpr *CE) {
    Calls.push_back(CE);
    return true;
  }
  std::vector<const CallExpr *> Calls;
};
} // namespace

bool ClassOwnershipIndex::passesToUnseen(const FunctionDecl *Dtor,
                                         const RecordDecl *RD,
                                         unsigned Depth) {
  const FunctionDecl *Def = nullptr;
  if (!Dtor->hasBody(Def) || Depth > 3)
    return true;
  CallsIn V;
  V.TraverseStmt(Def->getBody());
  for (const CallExpr *CE : V.Calls) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    bool Gives = false;
    for (unsigned I = 0; I < CE->getNumArgs() && !Gives; ++I) {
      const Expr *A = CE->getArg(I)->IgnoreParenImpCasts();
      if (!reaches(A->getType(), RD))
        continue;
      // A release, or a library function that only reads.
      if (Callee && (Model.releaserFor(Callee) || Model.isKnownReader(Callee)))
        continue;
      if (Callee && takesConstPointer(Callee, I))
        continue;
      Gives = true;
    }
    if (!Gives)
      continue;
    // A function of the TU: its own uses of the fields are in the index;
    // what it passes on is checked the same way.
    if (!Callee || passesToUnseen(Callee, RD, Depth + 1))
      return true;
  }
  return false;
}

std::vector<ClassFinding>
ClassOwnershipIndex::analyzeCStruct(const RecordDecl *RD) {
  std::vector<ClassFinding> Out;
  if (!RD->isCompleteDefinition() || RD->isUnion())
    return Out;
  build();
  // What each function of the TU does to the fields of RD.
  struct Effects {
    llvm::SmallPtrSet<const FieldDecl *, 8> Released;
    const Stmt *LastRelease = nullptr;
    bool Allocates = false;
  };
  const SourceManager &SM = Ctx.getSourceManager();
  auto effects = [&] {
    llvm::MapVector<const FunctionDecl *, Effects> ByFunction;
    for (const FieldDecl *F : RD->fields()) {
      auto It = Uses.find(F);
      if (It == Uses.end())
        continue;
      const FieldUses &U = It->second;
      for (size_t I = 0; I < U.Releases.size(); ++I) {
        if (!U.ReleaseIn[I])
          continue;
        Effects &E = ByFunction[U.ReleaseIn[I]];
        E.Released.insert(F);
        if (!E.LastRelease ||
            SM.isBeforeInTranslationUnit(E.LastRelease->getBeginLoc(),
                                         U.Releases[I]->getBeginLoc()))
          E.LastRelease = U.Releases[I];
      }
      for (const FunctionDecl *In : U.AllocIn)
        if (In)
          ByFunction[In].Allocates = true;
    }
    return ByFunction;
  };
  llvm::MapVector<const FunctionDecl *, Effects> ByFunction = effects();
  // A destructor releases two fields at least, one of them directly: a
  // struct with none is left without asking any summary; otherwise the
  // calls that only a summary can classify are asked now.
  size_t MostDirect = 0;
  for (const auto &[Fn, E] : ByFunction)
    MostDirect = std::max<size_t>(MostDirect, E.Released.size());
  bool Pending = llvm::any_of(RD->fields(), [&](const FieldDecl *F) {
    auto It = Uses.find(F);
    return It != Uses.end() && !It->second.Pending.empty();
  });
  if (MostDirect + (Pending ? 1 : 0) < 2)
    return Out;
  if (Pending) {
    for (const FieldDecl *F : RD->fields())
      if (auto It = Uses.find(F); It != Uses.end())
        resolvePending(It->second);
    ByFunction = effects();
  }
  // The destructor releases the most fields (two at least) and allocates
  // none of them; a tie leaves it unknown.
  const FunctionDecl *Dtor = nullptr;
  size_t Most = 1;
  bool Tie = false;
  for (const auto &[Fn, E] : ByFunction) {
    if (E.Allocates)
      continue;
    if (E.Released.size() > Most) {
      Dtor = Fn;
      Most = E.Released.size();
      Tie = false;
    } else if (Dtor && E.Released.size() == Most) {
      Tie = true;
    }
  }
  if (!Dtor || Most < 2 || Tie || passesToUnseen(Dtor, RD))
    return Out;
  if (std::optional<ClassFinding> Keeps = disposerKeepsObject(RD, Dtor))
    Out.push_back(*Keeps);
  const Effects &D = ByFunction[Dtor];
  for (const FieldDecl *F : RD->fields()) {
    if (!isRawOwnerCandidate(F) || D.Released.count(F))
      continue;
    auto It = Uses.find(F);
    if (It == Uses.end())
      continue;
    const FieldUses &U = It->second;
    // Returned by a getter: lent if the TU releases it elsewhere (else the
    // release would free what a caller was given), else maybe handed over.
    if (U.Allocs.empty() || U.HandedOff || (U.Returned && U.Releases.empty()))
      continue;
    // Released only to be assigned again (`free(c->log); c->log =
    // strdup(arg);`): nothing ends its last value. A release with no
    // assignment after it in its function ends it (a `main` that frees
    // the field itself after calling the struct's destructor).
    auto ReassignedAfter = [&](size_t I) {
      for (size_t A = 0; A < U.Allocs.size(); ++A)
        if (U.ReleaseIn[I] && U.AllocIn[A] == U.ReleaseIn[I] &&
            SM.isBeforeInTranslationUnit(U.Releases[I]->getBeginLoc(),
                                         U.Allocs[A].first->getBeginLoc()))
          return true;
      return false;
    };
    if (!llvm::all_of(llvm::seq<size_t>(0, U.Releases.size()), ReassignedAfter))
      continue;
    if (!allocationFamily(U))
      continue;
    ClassFinding CF;
    CF.Kind = ClassFinding::DestructorSkipsField;
    CF.Field = F;
    CF.Site = U.Allocs.front().first;
    CF.Acq = U.Allocs.front().second;
    CF.Release = D.LastRelease;
    CF.Destructor = Dtor;
    Out.push_back(CF);
  }
  return Out;
}

} // namespace clang::tidy::leaklint::ownership
