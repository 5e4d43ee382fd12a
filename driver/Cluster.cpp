//===--- Cluster.cpp - the per-file step on a Dask cluster ---------------===//

#include "Cluster.h"
#include "Shards.h"
#include "TempDir.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include <algorithm>
#include <optional>

namespace leaklint {

unsigned clusterTasks(size_t Files) {
  return static_cast<unsigned>(std::clamp<size_t>(Files, 1, 256));
}

namespace {

/// The client script: share/leaklint/cluster.py beside the bin/ directory
/// that holds leaklint (in the build tree and when installed).
std::string clientScript(const char *Argv0, void *MainAddr) {
  llvm::SmallString<256> P(llvm::sys::fs::getMainExecutable(Argv0, MainAddr));
  llvm::sys::path::remove_filename(P); // bin/
  llvm::sys::path::remove_filename(P);
  llvm::sys::path::append(P, "share", "leaklint", "cluster.py");
  return std::string(P);
}

/// The error the client printed ("leaklint: error: ..." without the
/// prefix), or its last line.
std::string clientError(llvm::StringRef Stderr, int Status) {
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  Stderr.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Line : Lines)
    if (Line.consume_front("leaklint: error: "))
      return Line.str();
  std::string Last = Lines.empty() ? "" : ": " + Lines.back().trim().str();
  return "the cluster client stopped with status " + std::to_string(Status) +
         Last;
}

} // namespace

std::string runOnCluster(const ClusterRequest &Request, const char *Argv0,
                         void *MainAddr, std::vector<UnitResult> &Results) {
  std::string Script = clientScript(Argv0, MainAddr);
  if (!llvm::sys::fs::exists(Script))
    return "--scheduler: the cluster client '" + Script + "' is missing "
           "(reinstall leaklint)";
  llvm::ErrorOr<std::string> Python = llvm::sys::findProgramByName("python3");
  if (!Python)
    return "--scheduler needs python3 with dask.distributed (Debian: apt "
           "install python3-distributed)";
  TempDir Out;
  if (std::error_code EC = Out.create("leaklint-cluster"))
    return "cannot create a temporary directory: " + EC.message();
  std::string StderrFile = Out.sub("client.stderr");
  std::string ShardsDir = Out.sub("shards");
  if (std::error_code EC = llvm::sys::fs::create_directory(ShardsDir))
    return "cannot create '" + ShardsDir + "': " + EC.message();

  std::vector<std::string> Args = {*Python,
                                   Script,
                                   "--scheduler",
                                   Request.Scheduler,
                                   "--out",
                                   ShardsDir,
                                   "--tasks",
                                   std::to_string(Request.Tasks),
                                   "--cwd",
                                   Request.WorkingDir,
                                   "--"};
  Args.insert(Args.end(), Request.Command.begin(), Request.Command.end());
  std::vector<llvm::StringRef> ArgRefs(Args.begin(), Args.end());
  // The client's stdout is Dask's and not part of the report.
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""),
                                                llvm::StringRef(""),
                                                llvm::StringRef(StderrFile)};
  std::string ExecError;
  int Status = llvm::sys::ExecuteAndWait(*Python, ArgRefs, std::nullopt,
                                         Redirects, 0, 0, &ExecError);
  if (Status < 0)
    return "cannot run the cluster client: " + ExecError;
  if (Status != 0) {
    auto Stderr = llvm::MemoryBuffer::getFile(StderrFile, /*IsText=*/true);
    return clientError(Stderr ? (*Stderr)->getBuffer() : "", Status);
  }
  return readShards({ShardsDir}, Results);
}

} // namespace leaklint
