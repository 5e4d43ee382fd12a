//===--- ObjectHeap.h - objects and links on one path -----------*- C++ -*-===//
//
// The abstract state of ObjectCycleAnalysis on one path: which objects are
// alive, which member of which object holds which other object (a link,
// sure or possible), what the locals hold, what is known of the branch
// conditions. A value type, ordered, so that equal states meet in the
// walk's memo table.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_CHECKS_OBJECTHEAP_H
#define LEAKLINT_CHECKS_OBJECTHEAP_H

#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace clang::tidy::leaklint::cycles::detail {

using ObjId = unsigned;
/// A path of members from an object: interned, 0 is the object itself.
using PathId = unsigned;

/// A held object: the target of a link.
struct Target {
  ObjId To = 0;
  bool Sure = true;                   ///< formed on this path for certain
  const Stmt *At = nullptr;           ///< where the link was formed
  const FunctionDecl *Via = nullptr;  ///< inside this callee
  const LambdaExpr *Lambda = nullptr; ///< the callable that owns To
  auto key() const { return std::tie(To, Sure, At, Via, Lambda); }
  bool operator<(const Target &O) const { return key() < O.key(); }
  bool operator==(const Target &O) const { return key() == O.key(); }
};

/// What an expression or a local holds: objects, and whether something the
/// analysis does not follow is among them.
struct Value {
  std::vector<ObjId> Objs; ///< sorted, unique
  bool Unknown = false;
  const LambdaExpr *Lambda = nullptr; ///< the callable this value is

  static Value unknown() {
    Value V;
    V.Unknown = true;
    return V;
  }
  static Value of(ObjId O) {
    Value V;
    V.Objs.push_back(O);
    return V;
  }
  void add(ObjId O) {
    auto It = llvm::lower_bound(Objs, O);
    if (It == Objs.end() || *It != O)
      Objs.insert(It, O);
  }
  void add(const Value &O) {
    for (ObjId X : O.Objs)
      add(X);
    Unknown |= O.Unknown;
    if (!Lambda)
      Lambda = O.Lambda;
  }
  bool empty() const { return Objs.empty() && !Unknown; }
  auto key() const { return std::tie(Objs, Unknown, Lambda); }
  bool operator<(const Value &O) const { return key() < O.key(); }
  bool operator==(const Value &O) const { return key() == O.key(); }
};

/// What a summary-mode walk did to a member of a caller's object.
enum TouchBits : unsigned char {
  TouchReplace = 1, ///< assigned (the old links are gone)
  TouchAdd = 2,     ///< inserted into
  TouchWeaken = 4,  ///< some element may be gone (erase)
};

/// A branch decision, for notes; shared between the paths that fork from it.
struct HistNode {
  std::shared_ptr<const HistNode> Prev;
  SourceLocation Loc;
  std::string Note;
};
using HistPtr = std::shared_ptr<const HistNode>;

using LinkKey = std::pair<ObjId, PathId>;

struct State {
  std::map<const VarDecl *, Value> Locals;
  /// Reference locals bound to a member: `auto &cb = conn->on_close;`.
  std::map<const VarDecl *, LinkKey> Refs;
  std::map<LinkKey, std::vector<Target>> Links;
  std::set<ObjId> Live;    ///< objects created on this path, still alive
  std::set<ObjId> Escaped; ///< reached code the analysis does not see
  /// Values of the calls, constructions and lambdas of the current full
  /// expression (the temporaries).
  std::map<const Expr *, Value> Env;
  /// Branch conditions on locals known on this path.
  std::map<const VarDecl *, bool> Facts;
  /// Summary mode: the members of the caller's objects written here.
  std::map<LinkKey, unsigned char> Touched;
  Value Ret; ///< summary mode: what the function returns
  /// Something lost a reference since the last leak check.
  bool Dropped = false;
  HistPtr Hist; ///< not part of the identity of the state

  auto key() const {
    return std::tie(Locals, Refs, Links, Live, Escaped, Env, Facts, Touched,
                    Ret);
  }
  bool operator<(const State &O) const { return key() < O.key(); }
};

} // namespace clang::tidy::leaklint::cycles::detail

#endif // LEAKLINT_CHECKS_OBJECTHEAP_H
