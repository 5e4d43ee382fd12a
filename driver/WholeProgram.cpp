//===--- WholeProgram.cpp - summaries shared between translation units ----===//

#include "WholeProgram.h"
#include "Cache.h"
#include "SummaryIndex.h"
#include "TempDir.h"
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

/// What one unit's analysis wrote: the summary line of each function it
/// defines, by USR, and the USRs of the summaries it asked to import.
struct UnitFacts {
  std::map<std::string, std::string> Summaries;
  std::set<std::string> Imports;
};

/// The facts of one unit's analysis, as it wrote them.
UnitFacts parseFacts(llvm::StringRef Text) {
  UnitFacts F;
  ownership::forEachObjectLine(
      Text, [&](const llvm::json::Object &O, llvm::StringRef Line) {
        if (std::optional<llvm::StringRef> USR = O.getString("usr");
            USR && !USR->empty())
          F.Summaries.try_emplace(USR->str(), Line.str());
        else if (const llvm::json::Array *A = O.getArray("imports"))
          for (const llvm::json::Value &U : *A)
            if (std::optional<llvm::StringRef> S = U.getAsString())
              F.Imports.insert(S->str());
      });
  return F;
}

/// Reads a facts file once; a unit that failed wrote none (empty text).
std::string readFactsText(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  return Buf ? (*Buf)->getBuffer().str() : std::string();
}

/// What \p Index says of the functions \p Imports names (a summary line,
/// or none): all that a unit's analysis read of the other units.
std::string importView(const std::set<std::string> &Imports,
                       const std::map<std::string, std::string> &Index) {
  std::string View;
  for (const std::string &USR : Imports) {
    auto It = Index.find(USR);
    View += USR;
    View += '\0';
    View += It == Index.end() ? "-" : It->second;
    View += '\0';
  }
  return View;
}

/// A digest of importView(), kept with a cached analysis.
std::string viewDigest(const std::set<std::string> &Imports,
                       const std::map<std::string, std::string> &Index) {
  return hex128(importView(Imports, Index));
}

/// The index of summaries: by USR, the first unit's (in the order of the
/// files) winning where several define a function (inline, templates).
std::map<std::string, std::string> mergeFacts(llvm::ArrayRef<UnitFacts> Units) {
  std::map<std::string, std::string> Index;
  for (const UnitFacts &U : Units)
    for (const auto &[USR, Line] : U.Summaries)
      Index.try_emplace(USR, Line);
  return Index;
}

/// The USRs whose summary line differs between two indexes.
std::set<std::string> changedSummaries(const std::map<std::string, std::string> &Before,
                                       const std::map<std::string, std::string> &After) {
  std::set<std::string> Changed;
  for (const auto &[USR, Line] : After) {
    auto It = Before.find(USR);
    if (It == Before.end() || It->second != Line)
      Changed.insert(USR);
  }
  return Changed;
}

} // namespace

WholeProgramRun
analyzeWholeProgram(const clang::tooling::CompilationDatabase &DB,
                    llvm::ArrayRef<std::string> Files, AnalysisOptions Opts,
                    unsigned Jobs, unsigned MaxRounds,
                    llvm::function_ref<void(const std::string &File)> Progress,
                    const ResultCache *Cache) {
  WholeProgramRun Run;
  TempDir Dir;
  if (std::error_code EC = Dir.create("leaklint-whole-program")) {
    Run.Error = "cannot create a directory for the summaries: " + EC.message();
    return Run;
  }
  Run.Results.resize(Files.size());
  std::vector<UnitFacts> Facts(Files.size()); // each unit's latest
  std::vector<size_t> Todo(Files.size());     // the units to (re)analyse
  for (size_t I = 0; I < Files.size(); ++I)
    Todo[I] = I;
  std::map<std::string, std::string> Index; // what the last round read
  // The cache keys of the units leave out where this run keeps its facts.
  AnalysisOptions KeyOpts = Opts;
  KeyOpts.SummariesDir.clear();
  KeyOpts.ImportSummaries.clear();
  for (unsigned Round = 1; !Todo.empty() && Round <= MaxRounds; ++Round) {
    std::string RoundDir = Dir.sub("round" + llvm::Twine(Round));
    if (std::error_code EC = llvm::sys::fs::create_directory(RoundDir)) {
      Run.Error = "cannot create a directory for the summaries: " + EC.message();
      return Run;
    }
    // Units whose last analysis with the same view of the other units is
    // in the cache are not analysed again; the others are, by analyze(),
    // which numbers their facts files by the position in the list given.
    std::vector<std::string> Keys(Files.size());
    std::vector<size_t> Misses;
    for (size_t I : Todo) {
      if (!Cache) {
        Misses.push_back(I);
        continue;
      }
      // The key names what the unit read of the others last time; the
      // entry is good while what it read this time is unchanged.
      Keys[I] = Cache->keyFor(DB, Files[I], KeyOpts,
                              "whole-program:" +
                                  importView(Facts[I].Imports, Index));
      llvm::json::Object Extra;
      std::optional<UnitResult> Kept = Cache->lookup(Keys[I], &Extra);
      std::optional<llvm::StringRef> FactsText = Extra.getString("facts");
      std::optional<llvm::StringRef> Read = Extra.getString("read");
      if (Kept && FactsText && Read) {
        UnitFacts F = parseFacts(*FactsText);
        if (viewDigest(F.Imports, Index) == *Read) {
          Run.Results[I] = std::move(*Kept);
          Facts[I] = std::move(F);
          ++Run.Reused;
          Progress(Files[I]);
          continue;
        }
      }
      Misses.push_back(I);
    }
    std::vector<std::string> Some;
    for (size_t I : Misses)
      Some.push_back(Files[I]);
    Opts.SummariesDir = RoundDir;
    Run.UnitsPerRound.push_back(Todo.size());
    std::vector<UnitResult> Results = analyze(DB, Some, Opts, Jobs, Progress);
    for (size_t K = 0; K < Misses.size(); ++K) {
      size_t I = Misses[K];
      std::string Text = readFactsText(Dir.sub("round" + llvm::Twine(Round) +
                                               "/" + llvm::Twine(K) + ".jsonl"));
      Facts[I] = parseFacts(Text);
      if (Cache)
        Cache->store(Keys[I], Results[K],
                     llvm::json::Object{
                         {"facts", std::move(Text)},
                         {"read", viewDigest(Facts[I].Imports, Index)}});
      Run.Results[I] = std::move(Results[K]);
    }
    Run.Rounds = Round;
    std::map<std::string, std::string> Next = mergeFacts(Facts);
    Run.Summaries = Next.size();
    // Only the units that asked for a summary that changed can find
    // something else with the new index.
    std::set<std::string> Changed = changedSummaries(Index, Next);
    Todo.clear();
    if (!Changed.empty())
      for (size_t I = 0; I < Files.size(); ++I)
        if (llvm::any_of(Facts[I].Imports, [&](const std::string &U) {
              return Changed.count(U) != 0;
            }))
          Todo.push_back(I);
    if (Todo.empty())
      break;
    if (Round == MaxRounds) {
      Run.Unsettled = true;
      break;
    }
    std::string IndexFile = Dir.sub("index" + llvm::Twine(Round) + ".jsonl");
    std::string Text;
    for (const auto &[USR, Line] : Next)
      Text += Line + "\n";
    if (!writeFile(IndexFile, Text)) {
      Run.Error = "cannot write the merged summaries to '" + IndexFile + "'";
      return Run;
    }
    Opts.ImportSummaries = IndexFile;
    Index = std::move(Next);
  }
  return Run;
}

} // namespace leaklint
