//===--- ObjectCycleModel.h - library calls the cycle analysis knows -*- C++ -*-===//
//
// What a call of the standard library does to the objects that shared_ptr,
// unique_ptr, std::function and the containers hold, as one table: making
// an object, breaking a link (reset, clear), adding one (push_back), reading
// one (front, operator->), or nothing that matters (size, use_count).
// Used by ObjectCycleAnalysis; it knows nothing about paths or reports.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_CHECKS_OBJECTCYCLEMODEL_H
#define LEAKLINT_CHECKS_OBJECTCYCLEMODEL_H

#include "clang/AST/ExprCXX.h"

namespace clang::tidy::leaklint::cycles {

/// What a modelled call does.
enum class CallOp : unsigned char {
  Unknown,        ///< not modelled: a function of the TU, or an unknown one
  Make,           ///< std::make_shared<T> / allocate_shared / make_unique
  SharedFromThis, ///< enable_shared_from_this::shared_from_this()
  NoOwner,        ///< weak_from_this(), weak_ptr construction: owns nothing
  Identity,       ///< std::move, std::forward, std::as_const: the argument
  Deref,          ///< operator->, operator*, get(), lock(): the pointee
  Reset,          ///< p.reset() (no argument) or p.reset(new T): replaces
  Clear,          ///< c.clear(): every element goes
  MaybeClear,     ///< c.erase(..), pop_back(), pop(): some element goes
  Insert,         ///< c.push_back(x), insert, emplace, push: one more
  Assign,         ///< c.assign(..): replaces the contents
  Read,           ///< c.front(), back(), at(), operator[], find(): an element
  Swap,           ///< a.swap(b), std::swap(a, b)
  Exchange,       ///< std::exchange(a, b): a takes b, the result a's value
  Bind,           ///< std::bind / bind_front: a callable owning its arguments
  Invoke,         ///< f(..) on a std::function: runs the stored callable
  Pure,           ///< reads only: size(), use_count(), operator bool, ==
  Keep,           ///< std::thread, std::async: keeps its arguments alive
};

/// Classifies a call (member, operator or free function of the standard
/// library) by the table of ObjectCycleModel.cpp.
CallOp classifyCall(const CallExpr *CE);

/// Classifies a construction of a standard library type: shared_ptr(new T),
/// shared_ptr(other), function(lambda), thread(f, args), weak_ptr(p).
CallOp classifyConstruct(const CXXConstructExpr *CE);

/// True for the types whose values keep objects alive: shared_ptr,
/// unique_ptr, std::function, containers and wrappers of those, lambdas
/// and records holding them by value.
bool isOwningType(QualType T);

/// True for a std::function (or a container of them, nested).
bool isCallbackType(QualType T);

/// True for a standard container type (vector, map, ...).
bool isContainerType(QualType T);

} // namespace clang::tidy::leaklint::cycles

#endif // LEAKLINT_CHECKS_OBJECTCYCLEMODEL_H
