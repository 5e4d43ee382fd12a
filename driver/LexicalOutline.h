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

/// The keys of an outline by name. An outline's keys are matched as they
/// are (a unit that calls a key waits for the unit that defines it), so the
/// prefixes say which kind of outline may match which:
/// - an AST outline defines `d:name` and calls `l:name` beside its USRs,
/// - a lexical outline defines `l:name` and calls `d:name` and `l:name`;
/// so a lexical outline meets every other outline by name, while two AST
/// outlines meet by USR only (a C++ method named `get` is not every `get`).
std::string astDefinesKey(llvm::StringRef Name);
std::string astCallsKey(llvm::StringRef Name);
/// Whether an outline's key is a name (not a USR).
bool isNameKey(llvm::StringRef Key);

/// The names of the functions that \p Source (a C or C++ main file) defines
/// with external linkage, and of those it calls in its function bodies or
/// takes the address of, as outline keys.
struct NameOutline {
  std::set<std::string> Defines, Calls;
};
NameOutline lexicalOutline(llvm::StringRef Source);

} // namespace leaklint

#endif // LEAKLINT_DRIVER_LEXICALOUTLINE_H
