//===--- CompileCommands.h - the compile commands leaklint runs -*- C++ -*-===//
//
// The compile commands of the files to analyse are read once, before the
// analysis, and made into commands that clang runs as the build meant them:
// checked (the directory exists, clang compiles the file), cleaned (the flags
// clang does not know, often gcc's, are dropped; warnings stay warnings) and
// anchored (relative paths become absolute, so that reports name absolute
// paths and the header filter sees them). Every problem is found here, once,
// rather than in each thread of the analysis.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_DRIVER_COMPILECOMMANDS_H
#define LEAKLINT_DRIVER_COMPILECOMMANDS_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include <memory>
#include <string>
#include <vector>

namespace leaklint {

struct PreparedCommands {
  /// The prepared commands of the files, and of no other file.
  std::unique_ptr<clang::tooling::CompilationDatabase> Database;
  /// What the user may want to know: a file's flags were inferred from a
  /// neighbour (one note per file), a flag was dropped (one note per flag).
  std::vector<std::string> Notes;
  /// Why a file cannot be analysed (no compile command, a directory that
  /// does not exist, not a file clang compiles); one line each.
  std::vector<std::string> Errors;
};

/// Prepares the compile commands of Files (absolute paths) from DB. A file
/// that DB does not list gets the flags of its nearest neighbour. ExtraArgs
/// (--extra-arg) are added to every command before it is cleaned.
PreparedCommands
prepareCommands(std::unique_ptr<clang::tooling::CompilationDatabase> DB,
                llvm::ArrayRef<std::string> Files,
                llvm::ArrayRef<std::string> ExtraArgs);

} // namespace leaklint

#endif // LEAKLINT_DRIVER_COMPILECOMMANDS_H
