//===--- LexicalOutline.h - what a file defines and calls -------*- C++ -*-===//
//
// Whole-program mode orders its first round by what each unit defines and
// calls, so that a unit is analysed after the units whose functions it
// calls. The exact outline comes from the unit's AST (parseAhead). A unit
// that is not parsed ahead (the kept units fill their memory, or none are
// kept) gets this one instead: the main file's tokens, without
// preprocessing, read for function definitions and calls by name, and the
// macros of the project headers it includes for the calls behind them
// (aria2's `throw DL_ABORT_EX(...)`). It costs a few milliseconds where a
// parse costs a second; it misses what macros define, what the macros of
// system headers call and names pasted together (`name_##new`), and it
// mistakes functions of the same name for each other, which costs only
// order: what a unit reads is checked after each round (staleUnits),
// whatever the order.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_DRIVER_LEXICALOUTLINE_H
#define LEAKLINT_DRIVER_LEXICALOUTLINE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <map>
#include <set>
#include <string>
#include <vector>

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

/// What the macros of a unit call, by the macro's name: the names that
/// stand before `(` in its replacement (`#define DL_ABORT_EX(m)
/// DlAbortEx(__FILE__, __LINE__, m)` calls `DlAbortEx`).
using MacroCalls = std::map<std::string, std::set<std::string>>;

/// The macros of the files a unit reads by quoted `#include`, read once
/// per run: the project's headers, where calls behind macros are defined.
class HeaderMacros {
public:
  /// The macros \p MainFile and the headers it includes with quotes,
  /// transitively, define. A header is looked for beside the file that
  /// includes it, then in \p IncludeDirs (`-I`, `-iquote`); one not found
  /// is left out.
  MacroCalls of(llvm::StringRef MainFile,
                llvm::ArrayRef<std::string> IncludeDirs);
  /// The files \p File includes with quotes, as written.
  const std::vector<std::string> &includes(const std::string &File) {
    return read(File).Includes;
  }

private:
  struct FileMacros {
    MacroCalls Macros;
    std::vector<std::string> Includes; ///< quoted, as written
  };
  std::map<std::string, FileMacros> Files; ///< by path
  const FileMacros &read(const std::string &Path);
};

/// The outline of \p Source (a C or C++ main file) by its tokens: the
/// functions it defines with external linkage, and those it calls in its
/// function bodies or takes the address of, directly or through one of
/// \p Macros.
UnitOutline lexicalOutline(llvm::StringRef Source,
                           const MacroCalls &Macros = {});

} // namespace leaklint

#endif // LEAKLINT_DRIVER_LEXICALOUTLINE_H
