//===--- ClassOwnership.h - obligations of raw owning members ---*- C++ -*-===//
//
// Class-level obligations for leaklint-owning-pointer:
//   * a raw pointer member that a constructor or method of its class assigns
//     fresh memory (or a file, ...) and that nothing in the TU ever releases
//     or hands off: the destructor forgets it;
//   * the rule of three: a class whose destructor deletes a raw member and
//     whose implicit copy constructor or copy assignment is used: both
//     copies delete the same memory;
//   * a method that overwrites a member that owns a resource from the
//     constructors to the destructor (the engine's memberEffects), without
//     releasing it first;
//   * in C, a struct's destructor (the function that releases its fields)
//     that skips one the TU treats as owning (CDestructors.cpp).
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
#include "llvm/ADT/DenseSet.h"
#include <optional>
#include <vector>

namespace clang::tidy::leaklint::ownership {

struct ClassFinding {
  enum KindT : unsigned char {
    MemberNeverReleased,
    CopiedOwner,
    MemberMismatch,
    DestructorSkipsField,
    MemberOverwritten,
    AssignmentDropsMember,
    FieldRefilledInLoop,
    PointerRefilledInLoop,
    ArrayReleasedBare,
    DisposerKeepsObject,
    StructReleasedWithOwner
  } Kind;
  const FieldDecl *Field = nullptr;
  const Stmt *Site = nullptr;          ///< the allocation / the copy /
                                       ///< MemberOverwritten (and
                                       ///< AssignmentDropsMember): the
                                       ///< overwrite
  const Stmt *Acquired = nullptr;      ///< MemberOverwritten: a constructor's
                                       ///< acquisition, if the TU shows it;
                                       ///< FieldRefilledInLoop: the call in
                                       ///< the loop; DisposerKeepsObject:
                                       ///< the call given the destructor;
                                       ///< StructReleasedWithOwner: the
                                       ///< transfer into the field
  const Acquirer *Acq = nullptr;
  const Stmt *Release = nullptr;       ///< CopiedOwner, MemberOverwritten:
                                       ///< the destructor's release;
                                       ///< MemberMismatch: the wrong release;
                                       ///< DestructorSkipsField: the
                                       ///< destructor's last release of a field;
                                       ///< ArrayReleasedBare: the teardown's
                                       ///< release of an element;
                                       ///< StructReleasedWithOwner: the
                                       ///< field nulled after a take
  const FunctionDecl *Destructor = nullptr; ///< DestructorSkipsField,
                                            ///< DisposerKeepsObject
  const FunctionDecl *Method = nullptr;     ///< MemberOverwritten (and
                                            ///< AssignmentDropsMember): the
                                            ///< method
                                            ///< whose Site overwrites Field;
                                            ///< FieldRefilledInLoop: the
                                            ///< function
  const VarDecl *Var = nullptr;        ///< PointerRefilledInLoop: the
                                       ///< caller's pointer given by address;
                                       ///< StructReleasedWithOwner: the
                                       ///< object released
  std::string Releaser;                ///< MemberMismatch: what releases it
  bool Assignment = false;             ///< CopiedOwner: a copy assignment
};

/// A member that can own what it points to: a data pointer.
bool isRawOwnerCandidate(const FieldDecl *F);
/// Whether \p FD's parameter \p I is a pointer to const (`const T *`): what
/// it is given, it only reads.
bool takesConstPointer(const FunctionDecl *FD, unsigned I);
/// The field \p E names (`s->items`, `s.items`), through parentheses and
/// casts.
const FieldDecl *fieldNamed(const Expr *E);
/// The argument call \p CE releases, directly or through a hook set to a
/// release (`Curl_cfree`, set to `free`), if any.
std::optional<unsigned> releasedArgument(const CallExpr *CE,
                                         OwnershipEngine &Engine);

class ClassOwnershipIndex {
public:
  ClassOwnershipIndex(ASTContext &Ctx, const ResourceModel &Model,
                      OwnershipEngine &Engine);
  std::vector<ClassFinding> analyze(const CXXRecordDecl *RD);
  /// C: the function that releases most fields of \p RD and allocates none
  /// (its destructor: `conf_free`, a GObject's finalize), and each field it
  /// skips that the TU assigns fresh memory and releases only to assign it
  /// again (a setter's `g_free(p->name); p->name = g_strdup(name);`).
  std::vector<ClassFinding> analyzeCStruct(const RecordDecl *RD);
  /// C: a field of \p RD that the TU releases, and that a function
  /// overwrites through its parameter without looking at what it held,
  /// while a loop of the TU calls that function again and again on one
  /// object and touches the field nowhere else (CFieldRefills.cpp).
  std::vector<ClassFinding> refilledInLoops(const RecordDecl *RD);
  /// C: a pointer variable of \p Caller that it releases, given by address
  /// (`&buf`) to a function that a loop of \p Caller calls again and again,
  /// and that overwrites `*param` without looking at what it held, while
  /// some of its paths leave a fresh block there (CFieldRefills.cpp).
  std::vector<ClassFinding> refilledThroughPointers(const FunctionDecl *Caller);
  /// C: a release of an array of pointers \p RD holds that skips its
  /// elements, where the TU's teardown releases each element and then the
  /// array, and no path to it may have emptied the array
  /// (CArrayReleases.cpp).
  std::vector<ClassFinding> arraysReleasedBare(const RecordDecl *RD);
  /// The releases of arrays of pointers held by struct fields, and of
  /// their elements, with the functions they are in.
  struct ArrayReleaseFacts {
    struct Release {
      const CallExpr *Call;
      const Expr *Arg; ///< what it releases
      const FunctionDecl *In;
    };
    llvm::DenseMap<const FieldDecl *, std::vector<Release>> Arrays, Elements;
  };
  /// C: a release of an object of \p RD, by a function that takes it
  /// apart (reads its other fields) and never looks at a field the TU
  /// hands ownership through: moved into (`e->key = v->str; v->str =
  /// NULL;`) and taken out of with the field nulled after
  /// (CStructReleases.cpp).
  std::vector<ClassFinding> structsReleasedWithOwners(const RecordDecl *RD);
  /// The transfers of the TU, into fields and out of them, and the
  /// releases of whole objects held by variables.
  struct TransferFacts {
    llvm::DenseMap<const FieldDecl *, const Stmt *> MovedIn, TakenOut;
    struct Release {
      const CallExpr *Call;
      const VarDecl *Object;
      const FunctionDecl *In;
    };
    llvm::DenseMap<const RecordDecl *, std::vector<Release>> Releases;
  };
  /// What the TU does with whole objects (CDisposers.cpp): the first call
  /// each function is given to as an argument (a callback), the first heap
  /// allocation of each struct, and the structs it releases.
  struct ObjectFacts {
    llvm::DenseMap<const FunctionDecl *, const CallExpr *> GivenAt;
    llvm::DenseMap<const RecordDecl *, std::pair<const Stmt *, const Acquirer *>>
        HeapAllocated;
    llvm::DenseSet<const RecordDecl *> Released;
  };
  /// A call made inside a loop, and its innermost loop.
  struct LoopCall {
    const CallExpr *Call;
    const Stmt *Loop;
  };

private:
  enum class Use : unsigned char { Benign, Alloc, Release, HandOff };
  struct FieldUses {
    std::vector<std::pair<const Stmt *, const Acquirer *>> Allocs;
    std::vector<const Stmt *> Releases;
    /// The functions the allocations and releases are in (parallel).
    std::vector<const FunctionDecl *> AllocIn, ReleaseIn;
    bool HandedOff = false;
    /// Written, released or handed off other than through `this` in a
    /// method (`other->m = ...`, in a lambda): the class's methods do not
    /// say all that happens to it.
    bool ChangedElsewhere = false;
    /// C: returned as a `T *` by a function of the TU (a getter's loan, or
    /// the member handed over).
    bool Returned = false;
    /// C: calls given the member that only a summary can classify, asked
    /// when needed (resolvePending).
    struct PendingCall {
      const CallExpr *Call;
      const FunctionDecl *Callee;
      unsigned Arg;
      const FunctionDecl *In;
    };
    std::vector<PendingCall> Pending;
  };
  using PendingCall = FieldUses::PendingCall;
  /// The release group of every allocation the member is given, when they
  /// are all of one family (all `new[]`, all `malloc`).
  static std::optional<unsigned> allocationFamily(const FieldUses &U);
  /// What the call \p CE does with the member it is given as argument \p
  /// Idx, by \p FD's summary or prototype: a release, a read, or a hand-off.
  void classifyCall(FieldUses &U, const CallExpr *CE, const FunctionDecl *FD,
                    unsigned Idx);
  void resolvePending(FieldUses &U);
  void noteRelease(FieldUses &U, const Stmt *Release) {
    U.Releases.push_back(Release);
    U.ReleaseIn.push_back(CurrentFunction);
  }
  /// Whether \p Dtor (or a function of the TU it calls) gives an object
  /// that holds \p RD to a function the TU cannot see, which may release
  /// any of its fields.
  bool passesToUnseen(const FunctionDecl *Dtor, const RecordDecl *RD,
                      unsigned Depth = 0);
  /// C: \p Dtor, the destructor of \p RD, given to a call as the callback
  /// that disposes of objects, while the TU allocates \p RD on the heap and
  /// releases it nowhere (CDisposers.cpp).
  std::optional<ClassFinding> disposerKeepsObject(const RecordDecl *RD,
                                                  const FunctionDecl *Dtor);
  const ObjectFacts &objectFacts();
  const ArrayReleaseFacts &arrayReleases();
  const TransferFacts &transfers();
  std::optional<TransferFacts> Transfers;
  std::optional<ArrayReleaseFacts> ArrayReleases;
  std::optional<ObjectFacts> Objects;
  /// Whether call \p CE only reads through its argument \p Arg (a known
  /// reader, a `const T *` parameter, a summary that says so).
  bool onlyReads(const CallExpr *CE, unsigned Arg);
  void build();
  void noteUse(const FieldDecl *F, const Expr *ME,
               llvm::ArrayRef<const Stmt *> Ancestors);
  /// A use of a member other than through `this` in a method of its class:
  /// through another object, or in a lambda, which may run at any time.
  bool isForeignUse(const Expr *ME,
                    llvm::ArrayRef<const Stmt *> Ancestors) const;
  void classifyUse(const FieldDecl *F, const Expr *ME,
                   llvm::ArrayRef<const Stmt *> Ancestors);
  /// What \p M does to the member at \p Path below its object (a field,
  /// or a union field's shared slot): null when it does not name it, none
  /// when the engine cannot say.
  std::optional<const FunctionSummary::CellEffect *>
  memberEffect(const CXXMethodDecl *M, llvm::ArrayRef<uintptr_t> Path);
  /// The user-written destructor's effect on the member at \p Path when
  /// it releases what the member holds (on some path); null otherwise.
  const FunctionSummary::CellEffect *
  destructorRelease(const CXXRecordDecl *RD, llvm::ArrayRef<uintptr_t> Path);
  /// A method that overwrites \p F, which owns a resource from the
  /// constructors to the destructor, without releasing it first.
  std::optional<ClassFinding> overwrittenOwner(const CXXRecordDecl *RD,
                                               const FieldDecl *F);
  /// Each copy or move assignment operator that overwrites \p F, which
  /// the class fills and the destructor releases, on a path that did not
  /// release what it held: the object being assigned to may own one.
  void assignmentsDropOwner(const CXXRecordDecl *RD, const FieldDecl *F,
                            std::vector<ClassFinding> &Out);
  void noteAssign(const FieldDecl *F, const Expr *RHS);
  const Acquirer *freshAcquirer(const Expr *E);
  /// The release group of \p Release and its name (`delete`, `free`), if
  /// the model knows it.
  std::optional<std::pair<unsigned, std::string>> groupOf(const Stmt *Release) const;

  ASTContext &Ctx;
  const ResourceModel &Model;
  OwnershipEngine &Engine;
  bool Built = false;
  const FunctionDecl *CurrentFunction = nullptr; ///< while building
  llvm::DenseMap<const FieldDecl *, FieldUses> Uses;
  llvm::DenseMap<const CXXMethodDecl *, const Stmt *> FirstCopy;
  /// Every call inside a loop, with its innermost loop (refilledInLoops).
  std::vector<LoopCall> LoopCalls;
  bool LoopCallsBuilt = false;
  /// Whether \p LC gives its argument \p Arg, the same object on every turn
  /// of its loop, to a function that may fill \p F, while nothing else in
  /// the loop may touch \p F.
  bool loopLeavesField(const LoopCall &LC, unsigned Arg, const FieldDecl *F);
  void buildLoopCalls();
  /// Whether call \p CE releases its argument \p Arg (a release of the
  /// model, or a function whose summary says so).
  bool releasesArgument(const CallExpr *CE, unsigned Arg);
  friend class ClassUseVisitor;
};

} // namespace clang::tidy::leaklint::ownership

#endif // LEAKLINT_CHECKS_CLASSOWNERSHIP_H
