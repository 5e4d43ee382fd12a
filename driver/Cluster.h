//===--- Cluster.h - the per-file step on a Dask cluster ---------*- C++ -*-===//
//
// `--scheduler ADDR` runs the files' analyses as tasks on the workers of a
// Dask distributed scheduler. The files are split into shards as `--shard`
// splits them; each task runs one shard with the leaklint command on a
// worker (which sees the same source tree and toolchain, at the same paths)
// and returns its results, and the run reports them as `--merge` would: the
// report is the local run's. Dask re-runs the tasks of a worker that dies.
// The Dask client is driver/cluster.py, run with Python.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_DRIVER_CLUSTER_H
#define LEAKLINT_DRIVER_CLUSTER_H

#include "Analyzer.h"
#include <string>
#include <vector>

namespace leaklint {

struct ClusterRequest {
  /// The scheduler's address, such as tcp://10.0.0.5:8786.
  std::string Scheduler;
  /// The leaklint command a worker runs for a shard (executable first),
  /// without --shard and --shard-dir.
  std::vector<std::string> Command;
  /// The directory the command runs in, on every worker.
  std::string WorkingDir;
  /// How many shards (tasks).
  unsigned Tasks = 1;
};

/// The shard count for \p Files: small enough that each task does some
/// work, large enough to share it among the workers and to lose little when
/// one dies.
unsigned clusterTasks(size_t Files);

/// Runs \p Request's shards on the cluster and appends their results to
/// \p Results. \p Argv0 and \p MainAddr locate leaklint's installation (and
/// the client script in it). Returns an error message, or empty.
std::string runOnCluster(const ClusterRequest &Request, const char *Argv0,
                         void *MainAddr, std::vector<UnitResult> &Results);

} // namespace leaklint

#endif // LEAKLINT_DRIVER_CLUSTER_H
