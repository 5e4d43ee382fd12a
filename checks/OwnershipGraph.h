//===--- OwnershipGraph.h - strong-ownership graph between records -*- C++ -*-===//
//
// What a type keeps alive (shared_ptr, unique_ptr, standard containers and
// wrappers, by-value members, bases, callbacks) and the graph of strong
// ownership edges between the records of a translation unit. Used by
// leaklint-shared-ptr-cycle; it knows nothing about diagnostics.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_CHECKS_OWNERSHIPGRAPH_H
#define LEAKLINT_CHECKS_OWNERSHIPGRAPH_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <vector>

namespace clang::tidy::leaklint {

/// The standard library templates whose ownership semantics are modelled.
enum class StdTemplate {
  None,      // not a modelled standard template
  SharedPtr, // std::shared_ptr<T>
  UniquePtr, // std::unique_ptr<T> (and auto_ptr)
  WeakPtr,   // std::weak_ptr<T>: never owns
  Function,  // std::function and friends: owns what the stored callable owns
  ToMany,    // containers: own their elements (type argument 0)
  MapLike,   // maps: own keys and values (type arguments 0 and 1)
  Wrapper,   // optional, pair, tuple, variant: own every type argument
};

/// Classifies a canonical type that names a specialization of a standard
/// template (dependent or not), or of a class template of the program that
/// holds any callable as std::function does (Function).
StdTemplate classifyStdTemplate(QualType T);

/// One thing a type keeps alive.
struct OwnedItem {
  enum Kind : unsigned char {
    Held,     // a separate object reached through shared_ptr / unique_ptr
    Embedded, // a record stored by value: what it owns is owned here
    Callback, // a std::function slot: owns what the callables stored in it own
  };
  Kind K;
  const CXXRecordDecl *Record = nullptr; // Held, Embedded
  bool Shared = false;                   // Held: reached through a shared_ptr
  bool ToMany = false;                   // inside a container / array
  bool Plain = false; // Held: the type is exactly shared_ptr<Record>
};

/// Decides which records are part of the analysed program (user code, not
/// the system headers) and maps dependent template types to their pattern.
class RecordFilter {
public:
  explicit RecordFilter(const SourceManager &SM) : SM(SM) {}
  bool isUserRecord(const CXXRecordDecl *RD) const;

private:
  const SourceManager &SM;
};

/// A parameter of a class template bound to an argument: what a dependent
/// base `Node<Derived>` means by its parameter `D` in its members.
struct TypeBinding {
  unsigned Depth;
  unsigned Index;
  QualType Type;
};
using TypeBindings = ArrayRef<TypeBinding>;

/// Whether \p Impl is \p Owner's private implementation, created by it
/// alone: a class nested in \p Owner and not public, or one whose
/// constructors are not public and that names \p Owner its friend
/// (qpdf's `class Members { friend class JSONHandler; Members() = default;
/// ... }` held by `std::shared_ptr<Members> m`). Holding one is containing
/// it.
bool isPrivateImplementation(const CXXRecordDecl *Impl,
                             const CXXRecordDecl *Owner);

/// Appends to Out what a value of type T keeps alive (a template parameter
/// in T is read as what \p Bound binds it to).
void collectOwned(QualType T, const RecordFilter &Filter,
                  SmallVectorImpl<OwnedItem> &Out, TypeBindings Bound = {});

/// The pattern of a dependent base `Node<Derived>` of a class template's
/// member class, with its parameters bound to the arguments in \p Bound.
const CXXRecordDecl *dependentBasePattern(QualType T,
                                          SmallVectorImpl<TypeBinding> &Bound);

/// The member that a dependent `x->f` (`x.f`) of a template's code names,
/// when the type of `x` says which class it is: a pointer, a shared_ptr or
/// unique_ptr to a class of the template, a variable made by
/// `std::make_shared<Node>()`. Null where only an instantiation would say.
const FieldDecl *dependentMember(const CXXDependentScopeMemberExpr *E);

/// One step along an ownership edge, for notes.
struct Hop {
  enum Kind : unsigned char {
    Field,   // D is the FieldDecl, Owner the record that declares it
    Base,    // D is the base class, Owner the derived record
    Capture, // D is the captured VarDecl, Loc the capture
    Bound,   // D is null, Loc the argument that std::bind copies
    Convert, // D is the derived record stored as its base, Loc the conversion
  };
  Kind K;
  const Decl *D;
  const CXXRecordDecl *Owner;
  SourceLocation Loc;
};

/// A strong-ownership edge From -> To.
struct Edge {
  const CXXRecordDecl *From = nullptr;
  const CXXRecordDecl *To = nullptr;
  bool Shared = false;      // some shared_ptr on the way
  bool ToMany = false;      // through a container
  bool Callback = false;    // through a callback's capture
  bool SelfCapture = false; // a callback of this very object captures
                            // shared_from_this()
  bool Plain = false;       // the holding field is exactly shared_ptr<To>
  const FieldDecl *Holder = nullptr; // the member that holds To
  const Expr *Flow = nullptr;        // Callback: the callable stored
  SmallVector<Hop, 3> Chain;
};

/// A callable stored into a callback member: a LambdaExpr, or a call to
/// std::bind / std::bind_front (which stores copies of its arguments).
struct CallbackFlow {
  const Expr *Callable = nullptr;
  /// The member belongs to the object whose method stores the lambda
  /// (`this->cb = ...`, `cb = ...`): ThisClass is that object's class.
  const CXXRecordDecl *ThisClass = nullptr;
  /// The members from ThisClass down to the record that declares the
  /// callback member (`this->response.cb`: response). Not empty: the flow
  /// belongs to the ThisClass object that stored it, not to every object
  /// of the member's record.
  SmallVector<const FieldDecl *, 1> ThisPath;
  /// The class whose objects ThisPath starts from.
  const CXXRecordDecl *PathOwner = nullptr;
  /// The variable the member's object was reached through (`x->cb = ..`,
  /// `x->setCb(..)`): a capture of that variable owns the object itself.
  const VarDecl *OwnerVar = nullptr;
};

/// Computes the flattened strong edges of each record once (memoized):
/// bases and by-value members contribute what they own, callback members
/// what their stored lambdas capture.
class OwnershipGraph {
public:
  OwnershipGraph(const RecordFilter &Filter,
                 const llvm::DenseMap<const FieldDecl *,
                                      SmallVector<CallbackFlow, 1>> &Flows)
      : Filter(Filter), Flows(Flows) {
    for (const auto &[F, List] : Flows)
      for (const CallbackFlow &Flow : List)
        if (!Flow.ThisPath.empty() && Flow.PathOwner)
          Nested[Flow.PathOwner].push_back({F, &Flow});
  }

  const std::vector<Edge> &edgesOf(const CXXRecordDecl *RD);

private:
  void addCallbackEdges(const CXXRecordDecl *RD, const FieldDecl *F,
                        const OwnedItem &Slot, std::vector<Edge> &Out);
  void addFlowEdges(const CXXRecordDecl *RD, const FieldDecl *F,
                    const OwnedItem &Slot, const CallbackFlow &Flow,
                    ArrayRef<Hop> Prefix, const CXXRecordDecl *Root,
                    std::vector<Edge> &Out);
  void addNestedFlows(const CXXRecordDecl *RD, std::vector<Edge> &Out);
  void addBoundEdges(const CXXRecordDecl *RD, const FieldDecl *F,
                     const OwnedItem &Slot, const CallbackFlow &Flow,
                     const CallExpr *Bind, std::vector<Edge> &Out);
  void addDependentBase(const CXXRecordDecl *RD, const CXXBaseSpecifier &Base,
                        std::vector<Edge> &Out);
  void addEmbedded(const CXXRecordDecl *RD, const CXXRecordDecl *Inner,
                   const Hop &Via, bool ToMany, bool CallbackPath,
                   std::vector<Edge> &Out);

  const RecordFilter &Filter;
  const llvm::DenseMap<const FieldDecl *, SmallVector<CallbackFlow, 1>> &Flows;
  /// Flows stored through a member path of `this`, by the storing class.
  llvm::DenseMap<const CXXRecordDecl *,
                 SmallVector<std::pair<const FieldDecl *, const CallbackFlow *>, 1>>
      Nested;
  llvm::DenseMap<const CXXRecordDecl *, std::unique_ptr<std::vector<Edge>>>
      Memo;
  std::vector<Edge> Empty;
};

/// True if E (a capture's initializer) is `shared_from_this()` called on
/// `this`, possibly through a local variable initialized with it.
bool isSharedFromThis(const Expr *E);

/// The variable an object expression names: `x` of `x->`, `x.`, `*x`.
const VarDecl *objectVariable(const Expr *E);

/// The callable stored by an expression such as `[..]{}`,
/// `std::function<..>([..]{})`, `std::move(l)`, a local `l` initialized
/// with a lambda, or `std::bind(..)`: a LambdaExpr or the std::bind call;
/// null otherwise.
const Expr *storedCallable(const Expr *E);

/// The parameter an expression forwards (`f`, `std::move(f)`), or null.
const ParmVarDecl *forwardedParam(const Expr *E);

} // namespace clang::tidy::leaklint

#endif // LEAKLINT_CHECKS_OWNERSHIPGRAPH_H
