//===--- WholeProgram.h - summaries shared between translation units -*- C++ -*-===//
//
// `leaklint --whole-program`: a map/reduce over the units, in rounds.
//   map     every unit is analysed and writes the summaries of the functions
//           it defines (keyed by USR) to a facts file of its own;
//   reduce  the facts files are merged into one index, the first summary of
//           each USR in the order of the units winning (a function defined in
//           several units, an inline one, is the same function);
//   re-check the units are analysed again with the index, so that a call of
//           a function another unit defines is what that function does (a
//           malloc wrapper in a.c is a factory in b.c).
// A unit is analysed again only when a summary it asked for (the functions
// it calls and only declares) changed in the last round, callees first, so
// that it reads what their new analyses say: a chain of wrappers across
// files settles in one round unless the files call each other. A unit
// starts as soon as the units it reads from are done. Each unit's last
// analysis is the report.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_DRIVER_WHOLEPROGRAM_H
#define LEAKLINT_DRIVER_WHOLEPROGRAM_H

#include "Analyzer.h"

namespace leaklint {

class ResultCache;

struct WholeProgramRun {
  std::vector<UnitResult> Results; ///< each unit's last analysis
  unsigned Rounds = 0;
  /// The summaries still changed after MaxRounds (a chain of calls across
  /// more files than rounds): some findings may be missing.
  bool Unsettled = false;
  size_t Summaries = 0; ///< functions in the merged index
  std::vector<size_t> UnitsPerRound; ///< how many units each round analysed
  size_t Reused = 0; ///< analyses the cache answered
  size_t Unparsed = 0; ///< analyses of a unit kept from an earlier round
  size_t KeptUnits = 0, KeptBytes = 0; ///< the units kept, their estimate
  std::string Error;    ///< set when the run could not be made
};

/// Rounds of analyses (analyzeOne()): all of Files, then only the units
/// that asked for a summary the last round changed, callees first, until
/// none did (at most \p MaxRounds); in a round each unit starts once the
/// units it reads from are done, on up to \p Jobs threads.
/// Facts files live in a temporary directory, removed at the end. With
/// \p Cache, a unit's analysis is kept with the summaries it read of the
/// other units, and reused while its files and those summaries are
/// unchanged. The units parsed are kept in memory for the next rounds while
/// they fit in \p KeepBytes (KeptUnits.h).
WholeProgramRun
analyzeWholeProgram(const clang::tooling::CompilationDatabase &DB,
                    llvm::ArrayRef<std::string> Files, AnalysisOptions Opts,
                    unsigned Jobs, unsigned MaxRounds, size_t KeepBytes,
                    llvm::function_ref<void(const std::string &File)> Progress,
                    const ResultCache *Cache = nullptr);

} // namespace leaklint

#endif // LEAKLINT_DRIVER_WHOLEPROGRAM_H
