//===--- ReleasedResults.h - calls whose result the caller frees -*- C++ -*-===//
//
// A function that frees what a call gave it says that the call hands over
// a block, even where the engine cannot see the callee: libxml2's shell
// reads each command with `cmdline = ctxt->input(prompt)` (a callback of
// the application) and ends the turn with `free(cmdline)`, as a program
// does with `line = readline(prompt)`. The scan takes such a call for an
// allocation of the malloc family when its result goes into a local
// pointer that the function gives to a release of that family where no
// condition but a test of the pointer decides (not `if (type != TIME)
// free(value)`: a callback that returns a static for one type), and that
// holds nothing else: every value stored in it is null or the result of a
// call of the same callee, and its address is never taken. A call given
// that pointer (`list = xreallocarray(list, n, size)`) may grow the block it
// holds rather than hand over another, and one also given an address
// (`get(key, &must_free)`) may say back whether the caller owns the
// result: both are left out.
//
// A block handed over through an address says so the same way: opensc
// selects a file with `rv = sc_select_file(card, &path, &file)`, a method
// of the card's driver, and releases it with `if (!rv) { .. sc_file_free
// (file); }`. How the caller tests the status says which results deliver
// nothing: a test of its sign (against a constant: `i < nr` counts the
// entries delivered), an error code below zero; a test against zero alone,
// any other than zero.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_RELEASEDRESULTS_H
#define LEAKLINT_ENGINE_RELEASEDRESULTS_H

#include "ResourceModel.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::leaklint::ownership::detail {

/// The calls of \p FD's body whose result \p FD frees, as above. \p Unknown
/// says which calls the engine knows nothing of (no body, no summary, no
/// model, not a hook it resolves); \p FreesMemory which calls release their
/// first argument as `free` does.
llvm::DenseSet<const CallExpr *>
resultsFreedBy(const FunctionDecl *FD, ASTContext &Ctx,
               llvm::function_ref<bool(const CallExpr *)> Unknown,
               llvm::function_ref<bool(const CallExpr *)> FreesMemory);

/// A call given the address of a local pointer that the caller frees
/// afterwards: the argument, and what its result is when it delivered
/// nothing, as the caller tests it.
struct FreedOutput {
  unsigned Arg;
  FailureValue Failure;
};

/// The calls of \p FD's body that hand over a block through an address
/// (`rv = get(card, &file); if (!rv) { .. release(file); }`), as above:
/// the one call given the address of a local pointer that holds nothing
/// else, not made in a loop (where it may grow what it is given, as
/// `getline` does), whose parameter is a `T **`, and that \p Unknown says
/// the engine knows nothing of through that argument; released by \p
/// FreesMemory where no condition but a test of the pointer or of the
/// call's status decides, and whose status the function tests, which
/// says what it is when the call failed.
llvm::DenseMap<const CallExpr *, FreedOutput>
outputsFreedBy(const FunctionDecl *FD, ASTContext &Ctx,
               llvm::function_ref<bool(const CallExpr *, unsigned)> Unknown,
               llvm::function_ref<bool(const CallExpr *)> FreesMemory);

/// What names the callee of \p CE for the scan: the function, or the
/// function-pointer field or global it calls through; null otherwise.
const Decl *calleeIdentity(const CallExpr *CE);

} // namespace clang::tidy::leaklint::ownership::detail

#endif // LEAKLINT_ENGINE_RELEASEDRESULTS_H
