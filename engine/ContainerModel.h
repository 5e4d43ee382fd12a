//===--- ContainerModel.h - the standard containers the engine follows -*- C++ -*-===//
//
// Which types are standard containers of pointers (vector, deque, list,
// forward_list, set and map kinds, array), and what their member functions
// do to the elements: add one, give access to one, or do something the
// engine does not model (erase, swap, ...), after which it stops following
// the elements.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_CONTAINERMODEL_H
#define LEAKLINT_ENGINE_CONTAINERMODEL_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Type.h"

namespace clang::tidy::leaklint::ownership {

enum class ContainerShape : unsigned char {
  None,
  Sequence, ///< vector, deque, list, forward_list, array: elements in order
  Set,      ///< set, multiset, unordered_set, unordered_multiset
  Map,      ///< map, multimap, unordered_map, unordered_multimap: by key
};

/// The shape of \p T (through references and typedefs) if it is a standard
/// container whose elements (mapped values, for maps) are raw pointers or
/// integers (descriptors).
ContainerShape containerShape(QualType T);

/// What a member function of a container does to its elements.
enum class ContainerOp : unsigned char {
  Other,  ///< not modelled: the elements are no longer followed
  Add,    ///< push_back, emplace_back, insert, emplace, push_front, ...
  Access, ///< operator[], at, front, back: one element, by reference
  Read,   ///< size, empty, count, find, begin, end, ...: no change
};

ContainerOp containerOp(const CXXMethodDecl *MD);

/// The call of a named method of the object that \p E is, or copies (an
/// iterator: `v.begin()`, `auto it = v.begin()` passed by value).
const CXXMemberCallExpr *iteratorCall(const Expr *E);

} // namespace clang::tidy::leaklint::ownership

#endif // LEAKLINT_ENGINE_CONTAINERMODEL_H
