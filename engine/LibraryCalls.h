//===--- LibraryCalls.h - arguments a call only reads, by its shape -*- C++ -*-===//
//
// Calls to functions without a body whose arguments are only read (or
// written into) and never kept, told by the declaration and the call rather
// than by a table of names: the arguments a format string consumes, and the
// character or number buffers the standard library fills.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_LIBRARYCALLS_H
#define LEAKLINT_ENGINE_LIBRARYCALLS_H

#include "clang/AST/Expr.h"

namespace clang::tidy::leaklint::ownership::detail {

/// Whether argument \p Arg of \p CE (a call of \p Callee, counted as the
/// call counts its arguments) is consumed by a format string: the callee
/// has a `format` attribute, or is variadic with a string literal in its
/// last declared parameter whose conversions take exactly the variadic
/// arguments (`debug(LOG_ERR, "connect failed on %d", sock)`). A
/// formatting function prints what it is given; it does not keep it.
bool isFormattedArgument(const CallExpr *CE, const FunctionDecl *Callee,
                         unsigned Arg);

/// Whether parameter \p Param of \p Callee is a buffer of characters or
/// numbers that a standard stream, stream buffer, string or `char_traits`
/// reads or fills (`std::istream::read(char *, n)`, `std::string::copy`):
/// they never keep or free it. Not a smart pointer's `reset(p)`, nor a
/// constructor (a `std::string_view` refers to it).
bool isStdBufferParam(const FunctionDecl *Callee, unsigned Param);

/// Whether \p Callee is a standard smart pointer's `reset(p)`, which adopts
/// \p p even as a `const T *` (`std::unique_ptr<const T>`).
bool isSmartPointerReset(const FunctionDecl *Callee);

/// Whether \p CE, a call of `mmap` given \p Callee, maps over pages the
/// caller already holds: its flags name `MAP_FIXED` (not
/// `MAP_FIXED_NOREPLACE`), so it returns the address it was given
/// (`mmap(ptr, len, PROT_NONE, MAP_FIXED | ..)` to discard or populate
/// part of a reserved range). It maps nothing new of its own.
bool mapsOverGivenPages(const CallExpr *CE, const FunctionDecl *Callee,
                        const ASTContext &Ctx);

/// Whether \p CE, a call of \p Callee, is the C library's `error(status,
/// errnum, format, ..)` or `error_at_line(..)` with a status that is a
/// constant other than 0: it prints and exits (glibc declares it
/// `noreturn` only where it can see the constant, when optimising).
bool exitsWithStatus(const CallExpr *CE, const FunctionDecl *Callee);

} // namespace clang::tidy::leaklint::ownership::detail

#endif // LEAKLINT_ENGINE_LIBRARYCALLS_H
