//===--- Analyzer.h - run the leaklint checks over translation units -*- C++ -*-===//

#ifndef LEAKLINT_DRIVER_ANALYZER_H
#define LEAKLINT_DRIVER_ANALYZER_H

#include "Finding.h"
#include "LexicalOutline.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace leaklint {

/// How the checks are configured, in clang-tidy's terms.
struct AnalysisOptions {
  /// --checks: clang-tidy globs, applied after every configuration file.
  std::optional<std::string> Checks;
  /// --config-file / --config: YAML used instead of the .clang-tidy files.
  std::optional<std::string> ConfigYAML;
  /// Diagnostics in headers are reported when the header matches this.
  std::string HeaderFilterRegex;
  /// Whether HeaderFilterRegex came from --header-filter (then it beats
  /// .clang-tidy) or is the default (headers under the current directory).
  bool HeaderFilterGiven = false;
  /// Keep fix-its (only needed for --fix and --export-fixes and the
  /// structured formats).
  bool WantFixes = true;
  /// Whole-program mode (WholeProgram.h): each unit writes the summaries of
  /// the functions it defines to <SummariesDir>/<its index>.jsonl ...
  std::string SummariesDir;
  /// ... and reads those of the other units from this file.
  std::string ImportSummaries;
};

/// Everything one translation unit produced.
struct UnitResult {
  std::string File;
  std::vector<Finding> Findings;
  /// Set when the unit could not be analysed at all (the file vanished);
  /// parse errors are findings of level Error. A crash ends the run (see
  /// exitAfterCrash in Analyzer.cpp).
  std::string Failure;
  /// What each file of the unit held when clang read it, for --fix (by the
  /// paths of the report) ...
  AnalysedContents Analysed;
  /// ... and for the cache, by the paths that opened them.
  AnalysedContents Read;
};

/// Validates the configuration once, before any file is analysed: a
/// malformed --config-file or .clang-tidy (for ProbeFile and Files), a
/// --checks glob that matches no check, or an empty check set is a usage
/// error. The enabled checks are those for ProbeFile; keys of a .clang-tidy
/// that this clang-tidy does not know, left out, go to Warnings. Returns the
/// error text, or empty.
std::string validateOptions(const AnalysisOptions &Opts,
                            llvm::StringRef ProbeFile,
                            llvm::ArrayRef<std::string> Files,
                            std::vector<std::string> &EnabledChecks,
                            std::vector<std::string> &Warnings);

class ResultCache;
class KeptUnits;

/// The configuration clang-tidy resolves for \p File under \p Opts, as YAML.
std::string resolvedConfiguration(const AnalysisOptions &Opts,
                                  llvm::StringRef File);

/// Analyses Files with up to Jobs threads. Progress, when set, is told about
/// each finished unit. With \p Cache, a unit whose stored result still holds
/// is not analysed again (\p Reused counts them), and each new result that
/// can be kept is stored. With \p Keep, a unit kept there is analysed
/// without parsing it again, and each unit parsed is offered to it.
std::vector<UnitResult>
analyze(const clang::tooling::CompilationDatabase &DB,
        llvm::ArrayRef<std::string> Files, const AnalysisOptions &Opts,
        unsigned Jobs,
        llvm::function_ref<void(const std::string &File)> Progress,
        const ResultCache *Cache = nullptr, size_t *Reused = nullptr,
        KeptUnits *Keep = nullptr);

/// Analyses one file as analyze() does each of its files: \p Unit numbers
/// its facts file in Opts.SummariesDir, and with \p Keep a unit kept there
/// is analysed without parsing it again.
UnitResult analyzeOne(const clang::tooling::CompilationDatabase &DB,
                      const std::string &File, const AnalysisOptions &Opts,
                      size_t Unit, KeptUnits *Keep);

/// Parses Files with up to Jobs threads, without analysing them, while
/// \p Keep has room: each unit without errors goes into it. Returns the
/// outline of each unit parsed (empty for the others).
std::vector<UnitOutline>
parseAhead(const clang::tooling::CompilationDatabase &DB,
           llvm::ArrayRef<std::string> Files, unsigned Jobs, KeptUnits &Keep);

} // namespace leaklint

#endif // LEAKLINT_DRIVER_ANALYZER_H
