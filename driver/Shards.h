//===--- Shards.h - one run split across the jobs of a CI matrix -*- C++ -*-===//
//
// `--shard K/N` analyses a stable part of the files (by a digest of each
// path, relative to the current directory: the same in every job of a
// matrix that checks the code out alike) and writes its units' results to
// `<dir>/shard-K-of-N.json`; `--merge <dir>...` reads the N files back and
// reports them as one run over all the files would.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_DRIVER_SHARDS_H
#define LEAKLINT_DRIVER_SHARDS_H

#include "Analyzer.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace leaklint {

/// "K/N" with 1 <= K <= N.
std::optional<std::pair<unsigned, unsigned>> parseShard(llvm::StringRef Text);
/// The files of shard \p K of \p N, in their order.
std::vector<std::string> shardOf(llvm::ArrayRef<std::string> Files, unsigned K,
                                 unsigned N);
/// Writes the results of shard \p K of \p N into \p Dir (created if needed),
/// whole or not at all. Returns an error message, or empty.
std::string writeShard(llvm::StringRef Dir, unsigned K, unsigned N,
                       llvm::ArrayRef<UnitResult> Results);
/// Reads every shard file in \p Dirs into \p Results; an error message when
/// one is unreadable, or the shards do not make one whole run (missing,
/// repeated, or of different N).
std::string readShards(llvm::ArrayRef<std::string> Dirs,
                       std::vector<UnitResult> &Results);

} // namespace leaklint

#endif // LEAKLINT_DRIVER_SHARDS_H
