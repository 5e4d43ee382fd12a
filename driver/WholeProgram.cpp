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
#include <set>

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

/// The USRs the facts file of a unit says it asked to import.
std::set<std::string> importsOf(llvm::StringRef FactsFile) {
  std::set<std::string> Asked;
  auto Buf = llvm::MemoryBuffer::getFile(FactsFile, /*IsText=*/true);
  if (!Buf)
    return Asked;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  (*Buf)->getBuffer().split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Line : llvm::reverse(Lines)) { // written last
    llvm::Expected<llvm::json::Value> V = llvm::json::parse(Line);
    if (!V) {
      llvm::consumeError(V.takeError());
      continue;
    }
    const llvm::json::Object *O = V->getAsObject();
    if (const llvm::json::Array *A = O ? O->getArray("imports") : nullptr) {
      for (const llvm::json::Value &U : *A)
        if (std::optional<llvm::StringRef> S = U.getAsString())
          Asked.insert(S->str());
      break;
    }
  }
  return Asked;
}

/// The USRs whose summary line differs between two merged indexes.
std::set<std::string> changedSummaries(llvm::StringRef Before,
                                       llvm::StringRef After) {
  std::map<std::string, std::string> Old;
  ownership::forEachSummaryLine(
      Before, [&](llvm::StringRef USR, const llvm::json::Object &,
                  llvm::StringRef Line) { Old[USR.str()] = Line.str(); });
  std::set<std::string> Changed;
  ownership::forEachSummaryLine(
      After, [&](llvm::StringRef USR, const llvm::json::Object &,
                 llvm::StringRef Line) {
        auto It = Old.find(USR.str());
        if (It == Old.end() || It->second != Line)
          Changed.insert(USR.str());
      });
  return Changed;
}

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
  Run.Results.resize(Files.size());
  std::vector<std::string> Facts(Files.size()); // each unit's latest
  std::vector<size_t> Todo(Files.size());       // the units to (re)analyse
  for (size_t I = 0; I < Files.size(); ++I)
    Todo[I] = I;
  std::string Index; // the merged summaries the last round read
  for (unsigned Round = 1; !Todo.empty() && Round <= MaxRounds; ++Round) {
    std::string RoundDir = Dir.sub("round" + llvm::Twine(Round));
    if (std::error_code EC = llvm::sys::fs::create_directory(RoundDir)) {
      Run.Error = "cannot create a directory for the summaries: " + EC.message();
      return Run;
    }
    // analyze() numbers its facts files by the position in the list given.
    std::vector<std::string> Some;
    for (size_t I : Todo)
      Some.push_back(Files[I]);
    Opts.SummariesDir = RoundDir;
    Run.UnitsPerRound.push_back(Todo.size());
    std::vector<UnitResult> Results = analyze(DB, Some, Opts, Jobs, Progress);
    for (size_t K = 0; K < Todo.size(); ++K) {
      Run.Results[Todo[K]] = std::move(Results[K]);
      Facts[Todo[K]] = Dir.sub("round" + llvm::Twine(Round) + "/" +
                               llvm::Twine(K) + ".jsonl");
    }
    Run.Rounds = Round;
    std::string Next = mergeSummaries(Facts);
    Run.Summaries = llvm::count(Next, '\n');
    // Only the units that asked for a summary that changed can find
    // something else with the new index.
    std::set<std::string> Changed = changedSummaries(Index, Next);
    Todo.clear();
    if (!Changed.empty())
      for (size_t I = 0; I < Files.size(); ++I) {
        std::set<std::string> Asked = importsOf(Facts[I]);
        if (llvm::any_of(Asked, [&](const std::string &U) {
              return Changed.count(U) != 0;
            }))
          Todo.push_back(I);
      }
    if (Todo.empty())
      break;
    if (Round == MaxRounds) {
      Run.Unsettled = true;
      break;
    }
    std::string IndexFile = Dir.sub("index" + llvm::Twine(Round) + ".jsonl");
    if (!writeFile(IndexFile, Next)) {
      Run.Error = "cannot write the merged summaries to '" + IndexFile + "'";
      return Run;
    }
    Opts.ImportSummaries = IndexFile;
    Index = std::move(Next);
  }
  return Run;
}

} // namespace leaklint
