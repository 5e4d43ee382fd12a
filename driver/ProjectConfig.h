//===--- ProjectConfig.h - a project's .clang-tidy, read as we can -*- C++ -*-===//
//
// A project's .clang-tidy is written for the clang-tidy its developers run,
// often another version than the one leaklint embeds: clang-tidy 18 dropped
// `AnalyzeTemporaryDtors`, later versions added keys this one does not know.
// clang-tidy drops the whole file then (it prints a parse error for every
// file and runs with defaults). leaklint leaves out only the top-level keys
// that another clang-tidy version reads and this one does not, says so
// once, and reads the rest: the file's `Checks` and `CheckOptions` still
// hold. Any other unknown key is a mistake (`Chekcs`), and an error.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_DRIVER_PROJECTCONFIG_H
#define LEAKLINT_DRIVER_PROJECTCONFIG_H

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/Support/MemoryBufferRef.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <optional>
#include <string>
#include <vector>

namespace leaklint {

/// Parses a clang-tidy configuration without printing anything: the first
/// problem, with its line and column, goes to \p Why.
std::optional<clang::tidy::ClangTidyOptions>
parseConfig(llvm::MemoryBufferRef Text, std::string &Why);

/// \p Text without the top-level keys of other clang-tidy versions that
/// this one does not know (each
/// key's line and the lines of its value, made comments, so that line
/// numbers stay); their names go to \p Ignored. \p Text itself when it has
/// none, or when a problem other than an unknown top-level key remains.
std::string withoutUnknownKeys(llvm::StringRef Text,
                               std::vector<std::string> &Ignored);

/// The real file system, except that a `.clang-tidy` reads as
/// withoutUnknownKeys() makes it: what clang-tidy's FileOptionsProvider
/// reads the project's configuration through.
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> projectConfigFileSystem();

} // namespace leaklint

#endif // LEAKLINT_DRIVER_PROJECTCONFIG_H
