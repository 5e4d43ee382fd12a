//===--- ObjectCycleWalk.h - the cycle analysis on one function -*- C++ -*-===//
//
// FunctionWalk: a worklist over (CFG block, ObjectHeap state) pairs of one
// function body, each pair once, within a budget of block visits. Its parts:
//   ObjectCycleWalk.cpp      the worklist, branches, leak checks, findings,
//                            summaries of the exits
//   ObjectCycleTransfer.cpp  values and places of expressions, statements,
//                            calls (the model's table, summaries of callees)
// In summary mode the same walk records what the function does to the
// objects of its parameters and `this`, and reports nothing.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_CHECKS_OBJECTCYCLEWALK_H
#define LEAKLINT_CHECKS_OBJECTCYCLEWALK_H

#include "ObjectCycleAnalysis.h"
#include "ObjectCycleModel.h"
#include "ObjectHeap.h"
#include "clang/AST/ParentMap.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace clang::tidy::leaklint::cycles {

namespace detail {

/// An object the walk follows.
struct ObjInfo {
  enum Kind : unsigned char {
    Fresh, ///< created on the walked path (or by a callee on it)
    This,  ///< the object of the walked method: the caller's
    Param, ///< the object a parameter refers to: the caller's
    Deref, ///< what a member of a caller's object holds
  };
  Kind K = Fresh;
  const Stmt *Site = nullptr;           ///< Fresh: where it is created
  const CXXRecordDecl *Type = nullptr;
  unsigned ParamIndex = 0;              ///< Param
  ObjId Parent = 0;                     ///< Deref: the holder
  PathId Path = 0;                      ///< Deref: the member
  const FunctionDecl *Via = nullptr;    ///< Fresh: created inside this callee
  /// Fresh: its members start empty (a constructor the walk followed).
  bool KnownMembers = true;
  bool isCallers() const { return K != Fresh; }
};

/// What a function does to its caller's objects, merged over its paths.
struct Summary {
  struct Effect {
    enum Kind : unsigned char { Replace, Add, Weaken } K = Replace;
    bool Must = true; ///< on every path of the function
    struct To {
      ObjId Obj;
      bool Sure;
      const LambdaExpr *Lambda;
    };
    std::vector<To> Targets;
  };
  /// The objects the effects name, in the callee's numbering: a Deref
  /// always comes after its holder.
  std::vector<ObjInfo> Objs;
  std::map<LinkKey, Effect> Effects;
  std::set<ObjId> Escapes;
  /// Members broken on objects the callee could not name: links of these
  /// members anywhere may be gone.
  std::set<const FieldDecl *> HavocFields;
  Value Ret;
};

} // namespace detail

class ObjectCycleAnalysis::Impl {
public:
  Impl(ASTContext &Ctx, CycleOptions Opts) : Ctx(Ctx), Opts(Opts) {
    Paths.emplace_back(); // PathId 0: the object itself
  }
  std::vector<ObjectCycleFinding> analyze(const FunctionDecl *FD);
  bool isResolved(const Stmt *S) const;

  // Used by the walks.
  const detail::Summary *summary(const FunctionDecl *FD);
  detail::PathId intern(std::vector<const FieldDecl *> Path);
  detail::PathId append(detail::PathId Base, const FieldDecl *F);
  detail::PathId concat(detail::PathId Base, detail::PathId Tail);
  bool hasPrefix(detail::PathId P, detail::PathId Prefix) const;
  const FieldDecl *lastField(detail::PathId P) const;
  const std::vector<const FieldDecl *> &path(detail::PathId P) const {
    return Paths[P];
  }
  void noteStore(const Stmt *S, bool Resolved);
  /// isOwningType, memoized.
  bool owning(QualType T);

  ASTContext &Ctx;
  const CycleOptions Opts;

private:
  std::vector<std::vector<const FieldDecl *>> Paths;
  std::map<std::vector<const FieldDecl *>, detail::PathId> PathIds;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<detail::Summary>>
      Summaries;
  llvm::DenseSet<const FunctionDecl *> InProgress;
  llvm::DenseSet<const Stmt *> ResolvedStores, UnresolvedStores;
  llvm::DenseMap<const Type *, bool> OwningTypes;
};

namespace detail {

/// A member of an object, or a local, that an lvalue names.
struct Places {
  llvm::SmallVector<LinkKey, 1> Members;
  const VarDecl *Local = nullptr;
  bool Element = false; ///< an element of the container named (`v[k]`)
  bool Unknown = false; ///< (also) somewhere the walk does not follow
  const FieldDecl *Field = nullptr; ///< the member named, when Unknown
  bool single() const { return Members.size() == 1 && !Unknown && !Local; }
};

class FunctionWalk {
public:
  FunctionWalk(ObjectCycleAnalysis::Impl &A, const FunctionDecl *FD,
               bool SummaryMode);
  /// False if there is no body or the budget ran out.
  bool run();
  std::vector<ObjectCycleFinding> takeFindings() { return std::move(Findings); }
  std::unique_ptr<Summary> takeSummary();
  /// Tells the analysis which member stores and callables ended on
  /// objects whose fate the walk decided.
  void recordResolution();
  void markAllUnresolved();

private:
  struct WorkItem {
    const CFGBlock *B;
    State S;
  };

  // ---- the walk (ObjectCycleWalk.cpp)
  bool prepare();
  bool walkBlock(WorkItem &It);
  void followBranch(const CFGBlock *B, const Expr *Cond, const Stmt *Term,
                    const State &S, std::vector<WorkItem> &Work);
  /// The local and the truth a condition tests (`ok`, `!ok`, `p`), if any.
  std::optional<std::pair<const VarDecl *, bool>> conditionAtom(const Expr *C);
  void exitPath(State &S);
  /// Objects no longer reachable from outside: the cycles among them are
  /// reported at \p At, and all of them are forgotten.
  void checkLeaks(State &S, const Stmt *At, SourceLocation Loc,
                  const VarDecl *Dying);
  void report(const State &S, const std::vector<ObjId> &Cycle,
              SourceLocation Loc, const VarDecl *Dying);
  std::set<ObjId> reachableFromRoots(const State &S) const;
  bool isFullExprEnd(const Stmt *St) const;

  // ---- objects (ObjectCycleWalk.cpp)
  ObjId object(const void *Key, unsigned Sub, const ObjInfo &Info);
  ObjId fresh(State &S, const Stmt *Site, unsigned Sub,
              const CXXRecordDecl *Type, const FunctionDecl *Via);
  void makeOpaque(State &S, ObjId O);
  void escape(State &S, const Value &V);
  void escapeObject(State &S, ObjId O);

  // ---- expressions and statements (ObjectCycleTransfer.cpp)
  Value valueOf(const Expr *E, State &S, unsigned Depth = 0);
  Places placeOf(const Expr *E, State &S, unsigned Depth = 0);
  Value read(const Places &P, State &S);
  Value readKey(const LinkKey &K, State &S);
  void transfer(const Stmt *St, State &S);
  void declare(const VarDecl *VD, State &S);
  void initializeMember(const CXXCtorInitializer *Init, State &S);
  void lifetimeEnds(const VarDecl *VD, const Stmt *Trigger, State &S);
  Value closureOf(const LambdaExpr *L, State &S);
  /// `x` of a `std::move(x)` that is moved from: a local or member emptied.
  void consume(const Expr *Arg, State &S);

  // ---- writes
  void assign(const Places &P, const Value &V, const Stmt *At, State &S);
  void insert(const Places &P, const Value &V, const Stmt *At, State &S);
  void clear(const Places &P, State &S, bool Must);
  void setLinks(State &S, const LinkKey &K, const Value &V, const Stmt *At,
                bool Sure, bool Replace, const FunctionDecl *Via);
  void weaken(State &S, const LinkKey &K);
  /// A write to a member the walk cannot name: links of that member
  /// anywhere may be gone.
  void havocField(State &S, const FieldDecl *F);
  void touch(State &S, const LinkKey &K, unsigned char Bits);
  bool holdsObjects(const LinkKey &K) const;

  // ---- calls
  void call(const CallExpr *CE, State &S);
  void construct(const CXXConstructExpr *CE, State &S);
  void allocate(const CXXNewExpr *NE, State &S);
  /// `make_shared<T>(args)`, `new T(args)`: the object and its constructor.
  ObjId make(const Expr *Site, const CXXRecordDecl *RD,
             const CXXConstructorDecl *Ctor, ArrayRef<const Expr *> Args,
             State &S);
  void unknownCall(const FunctionDecl *Callee, const Expr *Object,
                   ArrayRef<const Expr *> Args, State &S);
  void applySummary(const Summary &Sum, const FunctionDecl *Callee,
                    const Expr *Call, const Expr *Object,
                    std::optional<LinkKey> ObjectKey,
                    ArrayRef<const Expr *> Args, State &S);
  const FunctionDecl *followedCallee(const CallExpr *CE) const;
  bool canRetain(QualType ParamType) const;

  ObjectCycleAnalysis::Impl &A;
  ASTContext &Ctx;
  const FunctionDecl *FD;
  const bool SummaryMode;
  std::unique_ptr<CFG> Cfg;
  std::unique_ptr<ParentMap> PM;
  llvm::DenseSet<const Stmt *> InitRoots;

  std::vector<ObjInfo> Objs;
  std::map<std::pair<const void *, unsigned>, ObjId> ObjIndex;
  std::optional<ObjId> ThisObj;
  std::map<LinkKey, ObjId> DerefObjs;
  std::set<const FieldDecl *> HavocFields;
  llvm::DenseMap<const ParmVarDecl *, ObjId> ParamObjs;

  /// Stores and callables applied to fresh objects: resolved unless the
  /// object escaped on some path.
  std::vector<std::pair<const Stmt *, ObjId>> Stores;
  std::set<ObjId> EverAnchored;

  std::vector<ObjectCycleFinding> Findings;
  std::set<std::vector<const Stmt *>> ReportedCycles;
  std::vector<State> Exits;
  bool OverBudget = false;
};

} // namespace detail
} // namespace clang::tidy::leaklint::cycles

#endif // LEAKLINT_CHECKS_OBJECTCYCLEWALK_H
