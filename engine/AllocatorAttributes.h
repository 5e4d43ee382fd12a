//===--- AllocatorAttributes.h - allocators a declaration says it is -*- C++ -*-===//
//
// Functions the model's tables do not name but whose declarations say what
// they do: `__attribute__((malloc))` (GLib's G_GNUC_MALLOC, gnulib's
// _GL_ATTRIBUTE_MALLOC) returns fresh memory, Clang's
// `ownership_returns(module)` returns a resource of that module,
// `ownership_takes(module, i)` releases argument i, `ownership_holds(module,
// i)` keeps it. The module `malloc` is malloc's family (released by free);
// each other module is a family of its own, and a plain `malloc` attribute
// names no release, so any release discharges it and none is a mismatch.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_ALLOCATORATTRIBUTES_H
#define LEAKLINT_ENGINE_ALLOCATORATTRIBUTES_H

#include "ResourceModel.h"
#include "clang/AST/Decl.h"
#include <optional>
#include <string>

namespace clang::tidy::leaklint::ownership::detail {

/// What the attributes of \p FD (any of its declarations) say it acquires:
/// the module whose family it allocates ("malloc", a user module, or "" for
/// the plain `malloc` attribute), and the kind of resource its result type
/// suggests. None if no attribute says so.
struct AttributeAcquisition {
  std::string Module;
  ResourceKind Kind;
  /// `ownership_returns` allocates as malloc does, null on failure; the
  /// program's own `malloc`-attributed allocators are taken not to fail
  /// (xmalloc-style wrappers abort instead; a null test after them is dead).
  FailureValue Failure;
};
std::optional<AttributeAcquisition> attributeAcquisition(const FunctionDecl *FD);

/// Whether \p FD, an allocator by its attributes, is realloc's kind: its
/// first parameter is a non-const pointer to the same type as its result
/// (`void *ResizeQuantumMemory(void *, size_t, size_t)
/// __attribute__((malloc))`): it takes that block over, and moves it into
/// the one it returns.
bool takesBlockOver(const FunctionDecl *FD);

/// What `ownership_takes` says \p FD releases: the module and the argument.
struct AttributeRelease {
  std::string Module;
  unsigned Arg;
};
std::optional<AttributeRelease> attributeRelease(const FunctionDecl *FD);

/// Whether `ownership_holds` says \p FD keeps its argument \p Arg.
bool attributeHolds(const FunctionDecl *FD, unsigned Arg);

} // namespace clang::tidy::leaklint::ownership::detail

#endif // LEAKLINT_ENGINE_ALLOCATORATTRIBUTES_H
