//===--- LambdaCaptureAnalysis.h - where does a callable end up? -*- C++ -*-===//
//
// Helpers of leaklint-lambda-capture: which captured types are expensive to
// keep alive (CaptureCostModel), and where the value of a callable expression
// is stored (CallableStoreFinder).
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_CHECKS_LAMBDACAPTUREANALYSIS_H
#define LEAKLINT_CHECKS_LAMBDACAPTUREANALYSIS_H

#include "CallableLifetime.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::leaklint {

/// True when \p Name matches one entry of \p Names: "name" matches the
/// unqualified name, "ns::name" a qualified suffix and "::ns::name" the whole
/// qualified name (inline namespaces such as std::__cxx11 are skipped).
bool matchesAnyListedName(const NamedDecl *D, llvm::ArrayRef<std::string> Names);

/// The references to \p V in \p Fn (body and constructor initializers).
llvm::SmallVector<const DeclRefExpr *, 8> findUses(const FunctionDecl *Fn, const ValueDecl *V,
                                                   ASTContext &Ctx);
/// The lambdas written in \p Fn.
llvm::SmallVector<const LambdaExpr *, 8> findLambdas(const FunctionDecl *Fn, ASTContext &Ctx);

/// How expensive it is to keep a copy of a type alive.
class CaptureCostModel {
public:
  CaptureCostModel(unsigned SizeThreshold, llvm::ArrayRef<std::string> HeapOwningTypes)
      : SizeThreshold(SizeThreshold), HeapOwningTypes(HeapOwningTypes) {}

  struct Cost {
    bool Expensive = false;
    bool OwnsHeap = false; ///< Holds heap data whose size is not known.
    uint64_t Bytes = 0;    ///< sizeof
  };
  Cost costOf(QualType T, const ASTContext &Ctx);
  bool ownsHeap(QualType T, const ASTContext &Ctx, unsigned Depth = 0);
  void reset() { HeapCache.clear(); }

private:
  const unsigned SizeThreshold;
  llvm::ArrayRef<std::string> HeapOwningTypes;
  llvm::DenseMap<const Type *, bool> HeapCache;
};

/// Where a callable value ends up.
struct CallableStore {
  enum Kind {
    None,      ///< Not stored anywhere known to outlive the scope.
    LongLived, ///< A global, a static, a member of an object that outlives us.
    IntoThis,  ///< A member of the implicit object of the analysed function.
    IntoParam, ///< Into (a member of) what parameter Param refers to.
  };
  Kind K = None;
  unsigned Param = 0;
  bool ViaMember = false;
  /// The data member that holds the callable, when known.
  const FieldDecl *Member = nullptr;
  /// What reads that member is not in the translation unit (StoreFate::Unknown).
  bool FateUnknown = false;
  /// Member runs each callable once and then drops it (StoreFate::RunOnce;
  /// reported only when strict).
  bool RunOnce = false;
  /// The outermost call the value was passed to (its result may be a
  /// registration token).
  const CallExpr *Via = nullptr;
  std::string Where; ///< "data member 'handlers_'", "global 'g_bus'", ...
  llvm::SmallVector<std::pair<SourceLocation, std::string>, 4> Notes;

  bool stored() const { return K != None; }
};

/// Follows the value of a callable expression upwards through conversions,
/// std::function wrappers, aggregates, local variables and the bodies of the
/// functions it is passed to, until it reaches a store (or gives up, which
/// means "not stored": misses are preferred over false positives).
class CallableStoreFinder {
public:
  struct Options {
    /// Keep a callable beyond the call (when their bodies do not say).
    llvm::ArrayRef<std::string> StoringFunctions;
    /// Run a callable once and drop it (when their bodies do not say).
    llvm::ArrayRef<std::string> OneShotFunctions;
    /// Undo a registration given its token or connection.
    llvm::ArrayRef<std::string> UnregisteringFunctions;
    /// Report what is only probably short-lived too: stores that run a
    /// callable once, registrations in functions whose visible callers all
    /// pass locals but that other translation units may call.
    bool Strict = false;
  };
  CallableStoreFinder(ASTContext &Ctx, Options Opts)
      : Ctx(Ctx), Opts(Opts), Lifetime(Ctx, Opts.UnregisteringFunctions) {}

  /// Where the value of the lambda \p L ends up, seen from the function that
  /// contains it: IntoThis and IntoParam are resolved to LongLived or None.
  CallableStore find(const LambdaExpr *L);

  /// What directly contains \p E, a statement of function \p Fn (null:
  /// not in a function): a statement, the variable it initializes, the
  /// constructor initializer or default member initializer it is.
  struct Parent {
    const Stmt *S = nullptr;
    const VarDecl *Var = nullptr;
    const CXXCtorInitializer *Init = nullptr;
    const FieldDecl *Field = nullptr;
  };
  Parent parentOf(const Stmt *E, const FunctionDecl *Fn);

  /// The function whose body contains the lambda, if any.
  static const FunctionDecl *enclosingFunction(const LambdaExpr *L);

private:
  CallableStore followValue(const Expr *E, const FunctionDecl *Fn, unsigned Depth);
  CallableStore followVar(const VarDecl *V, unsigned Depth);
  CallableStore followVarUses(const VarDecl *V, unsigned Depth);
  CallableStore storeInto(const Expr *Obj, bool ViaMember, SourceLocation Loc, unsigned Depth);
  CallableStore passedToCall(const FunctionDecl *FD, unsigned ParamIdx, const Expr *ObjectArg,
                             llvm::ArrayRef<const Expr *> Args, SourceLocation Loc, unsigned Depth);
  CallableStore summarize(const FunctionDecl *FD, unsigned ParamIdx, unsigned Depth);
  bool onlyCalled(const FunctionDecl *FD, unsigned ParamIdx);
  CallableStore resolveCalleeStore(CallableStore Sum, const std::string &Callee,
                                   const Expr *ObjectArg, llvm::ArrayRef<const Expr *> Args,
                                   SourceLocation Loc, unsigned Depth);
  CallableStore throughCallers(CallableStore S, const FunctionDecl *Fn, unsigned Depth);

  ASTContext &Ctx;
  Options Opts;
  CallableLifetime Lifetime;
  // The calls of a function in the translation unit, found on demand.
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const CallExpr *, 4>> Callers;
  // Where the value of a local or parameter goes, per variable.
  llvm::DenseMap<const VarDecl *, CallableStore> VarStores;
  bool HitDepthLimit = false;
  // Parents within one function, built on demand: the AST-wide parent map
  // would cost a traversal of every header for a handful of lambdas.
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<ParentMap>> ParentMaps;
  // Outside functions: the variable or member whose initializer holds the
  // lambda looked for, and the parents within such initializers.
  const Decl *InitOwner = nullptr;
  llvm::DenseMap<const Decl *, std::unique_ptr<ParentMap>> InitParentMaps;
  static const Expr *initializerOf(const Decl *D);
  const Decl *initOwner(const LambdaExpr *L) const;
};

} // namespace clang::tidy::leaklint

#endif // LEAKLINT_CHECKS_LAMBDACAPTUREANALYSIS_H
