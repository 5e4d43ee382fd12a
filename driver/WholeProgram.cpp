//===--- WholeProgram.cpp - summaries shared between translation units ----===//

#include "WholeProgram.h"
#include "SummaryIndex.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

namespace leaklint {

namespace ownership = clang::tidy::leaklint::ownership;

std::string mergeSummaries(llvm::ArrayRef<std::string> Inputs) {
  std::map<std::string, std::string> ByUSR; // sorted: a stable index
  for (const std::string &In : Inputs) {
    auto Buf = llvm::MemoryBuffer::getFile(In, /*IsText=*/true);
    if (!Buf)
      continue; // a unit that failed wrote nothing
    ownership::forEachSummaryLine(
        (*Buf)->getBuffer(),
        [&](llvm::StringRef USR, const llvm::json::Object &, llvm::StringRef Line) {
          ByUSR.try_emplace(USR.str(), Line.str());
        });
  }
  std::string Out;
  for (const auto &[USR, Line] : ByUSR)
    Out += Line + "\n";
  return Out;
}

namespace {

bool writeFile(llvm::StringRef Path, llvm::StringRef Text) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_Text);
  if (EC)
    return false;
  OS << Text;
  OS.close();
  return !OS.has_error();
}

/// Removes the directory tree of the run, whatever it holds.
class TempDir {
public:
  std::error_code create() {
    return llvm::sys::fs::createUniqueDirectory("leaklint-whole-program", Path);
  }
  ~TempDir() {
    if (!Path.empty())
      llvm::sys::fs::remove_directories(Path);
  }
  std::string sub(const llvm::Twine &Name) const {
    llvm::SmallString<256> P(Path);
    llvm::sys::path::append(P, Name);
    return std::string(P);
  }

private:
  llvm::SmallString<256> Path;
};

} // namespace

WholeProgramRun
analyzeWholeProgram(const clang::tooling::CompilationDatabase &DB,
                    llvm::ArrayRef<std::string> Files, AnalysisOptions Opts,
                    unsigned Jobs, unsigned MaxRounds,
                    llvm::function_ref<void(const std::string &File)> Progress) {
  WholeProgramRun Run;
  TempDir Dir;
  if (std::error_code EC = Dir.create()) {
    Run.Error = "cannot create a directory for the summaries: " + EC.message();
    return Run;
  }
  std::string Previous; // the index the last round read
  for (unsigned Round = 1; Round <= std::max(MaxRounds, 2u); ++Round) {
    std::string Facts = Dir.sub("round" + llvm::Twine(Round));
    if (std::error_code EC = llvm::sys::fs::create_directory(Facts)) {
      Run.Error = "cannot create a directory for the summaries: " + EC.message();
      return Run;
    }
    Opts.SummariesDir = Facts;
    Run.Results = analyze(DB, Files, Opts, Jobs, Progress);
    Run.Rounds = Round;
    std::vector<std::string> Inputs;
    for (size_t I = 0; I < Files.size(); ++I)
      Inputs.push_back(Dir.sub("round" + llvm::Twine(Round) + "/" +
                               llvm::Twine(I) + ".jsonl"));
    std::string Index = mergeSummaries(Inputs);
    Run.Summaries = llvm::count(Index, '\n');
    // The findings of this round were made with the index `Previous`: when
    // the summaries they produced are the same, another round would find
    // the same.
    if (Round > 1 && Index == Previous)
      break;
    if (Round == std::max(MaxRounds, 2u))
      break;
    std::string IndexFile = Dir.sub("index" + llvm::Twine(Round) + ".jsonl");
    if (!writeFile(IndexFile, Index)) {
      Run.Error = "cannot write the merged summaries to '" + IndexFile + "'";
      return Run;
    }
    Opts.ImportSummaries = IndexFile;
    Previous = std::move(Index);
  }
  return Run;
}

} // namespace leaklint
