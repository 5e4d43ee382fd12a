//===--- LexicalOutline.h - what a file defines and calls -------*- C++ -*-===//
//
// Whole-program mode orders its first round by what each unit defines and
// calls, so that a unit is analysed after the units whose functions it
// calls. The exact outline comes from the unit's AST (parseAhead). A unit
// that is not parsed ahead (the kept units fill their memory, or none are
// kept) gets this one instead: the main file's tokens, without
// preprocessing, read for function definitions and calls by name. It costs
// a few milliseconds where a parse costs a second; it misses what macros
// define or call and mistakes functions of the same name for each other,
// which costs only order: what a unit reads is checked after each round
// (staleUnits), whatever the order.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_DRIVER_LEXICALOUTLINE_H
#define LEAKLINT_DRIVER_LEXICALOUTLINE_H

#include "llvm/ADT/StringRef.h"
#include <set>
#include <string>

namespace leaklint {

/// What a unit defines and calls, as keys: from its AST (parseAhead(), in
/// Analyzer.h), the USRs of the functions it defines and of those it
/// refers to without defining them (outside the system headers), with
/// their names; from its tokens (lexicalOutline()), names only.
struct UnitOutline {
  std::set<std::string> Defines, Calls;
};

/// The keys of an outline by name. An outline's keys are matched as they
/// are (a unit that calls a key waits for the unit that defines it), so the
/// prefix says which kind of outline defines the name:
/// - an AST outline defines astNameKey() and calls tokenNameKey(), beside
///   its USRs;
/// - a token outline defines tokenNameKey() and calls both;
/// so a token outline meets every other outline by name, while two AST
/// outlines meet by USR only (a C++ method named `get` is not every `get`).
std::string astNameKey(llvm::StringRef Name);
std::string tokenNameKey(llvm::StringRef Name);
/// Whether an outline's key is a name (not a USR).
bool isNameKey(llvm::StringRef Key);

/// The outline of \p Source (a C or C++ main file) by its tokens: the
/// functions it defines with external linkage, and those it calls in its
/// function bodies or takes the address of.
UnitOutline lexicalOutline(llvm::StringRef Source);

} // namespace leaklint

#endif // LEAKLINT_DRIVER_LEXICALOUTLINE_H
