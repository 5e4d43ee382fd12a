//===--- WholeProgram.cpp - summaries shared between translation units ----===//

#include "WholeProgram.h"
#include "Cache.h"
#include "KeptUnits.h"
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
#include <tuple>

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
/// defines, by USR, and the USRs of the summaries it read of the other
/// units: for its findings, and for each summary of its own.
struct UnitFacts {
  std::map<std::string, std::string> Summaries;
  std::map<std::string, std::set<std::string>> SummaryImports;
  std::set<std::string> Imports; ///< what its findings read
  std::set<std::string> Read;    ///< all it read
};

std::set<std::string> usrSet(const llvm::json::Array &A) {
  std::set<std::string> USRs;
  for (const llvm::json::Value &U : A)
    if (std::optional<llvm::StringRef> S = U.getAsString())
      USRs.insert(S->str());
  return USRs;
}

/// The facts of one unit's analysis, as it wrote them.
UnitFacts parseFacts(llvm::StringRef Text) {
  UnitFacts F;
  ownership::forEachObjectLine(
      Text, [&](const llvm::json::Object &O, llvm::StringRef Line) {
        if (std::optional<llvm::StringRef> USR = O.getString("usr");
            USR && !USR->empty()) {
          F.Summaries.try_emplace(USR->str(), Line.str());
          return;
        }
        const llvm::json::Array *A = O.getArray("imports");
        if (!A)
          return;
        std::set<std::string> USRs = usrSet(*A);
        F.Read.insert(USRs.begin(), USRs.end());
        if (std::optional<llvm::StringRef> Of = O.getString("summary-of"))
          F.SummaryImports[Of->str()] = std::move(USRs);
        else
          F.Imports.insert(USRs.begin(), USRs.end());
      });
  return F;
}

/// An outline (what a unit defines and calls, as the first round orders
/// units by) as kept with a cached analysis ...
llvm::json::Object outlineToJSON(const UnitFacts &Outline) {
  llvm::json::Array Defines, Calls;
  for (const auto &[USR, Line] : Outline.Summaries)
    Defines.push_back(USR);
  for (const std::string &USR : Outline.Read)
    Calls.push_back(USR);
  return llvm::json::Object{{"defines", std::move(Defines)},
                           {"calls", std::move(Calls)}};
}

/// ... and as read back (none: an empty one).
UnitFacts outlineFromJSON(const llvm::json::Object *O) {
  UnitFacts Outline;
  if (!O)
    return Outline;
  if (const llvm::json::Array *Defines = O->getArray("defines"))
    for (const std::string &USR : usrSet(*Defines))
      Outline.Summaries[USR];
  if (const llvm::json::Array *Calls = O->getArray("calls"))
    Outline.Read = usrSet(*Calls);
  return Outline;
}

/// Reads a facts file once; a unit that failed wrote none (empty text).
std::string readFactsText(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  return Buf ? (*Buf)->getBuffer().str() : std::string();
}

/// Whether a summary line says that its function returns or delivers a
/// fresh resource.
bool isFactory(llvm::StringRef Line) {
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Line);
  if (!V) {
    llvm::consumeError(V.takeError());
    return false;
  }
  const llvm::json::Object *O = V->getAsObject();
  return O && (O->get("returnsAcquirer") || O->get("delivers"));
}

/// The function a hook's line says the hook stands for; empty if none.
std::string hookTargetOf(llvm::StringRef Line) {
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Line);
  if (!V) {
    llvm::consumeError(V.takeError());
    return {};
  }
  const llvm::json::Object *O = V->getAsObject();
  std::optional<llvm::StringRef> T = O ? O->getString("hookTarget") : std::nullopt;
  return T ? T->str() : std::string();
}

/// What \p Index says of what \p Read names: the summary line of a USR
/// ("-": none), for a factory dependency whether it is one ("1", "0"), for
/// a hook the function it stands for (empty: none, whether no unit sets it
/// or one sets it to a function of the program).
std::string viewOf(llvm::StringRef Read,
                   const std::map<std::string, std::string> &Index) {
  bool Factory = Read.consume_front(ownership::FactoryDependencyPrefix);
  auto It = Index.find(Read.str());
  if (Read.starts_with(ownership::HookPrefix))
    return It == Index.end() ? std::string() : hookTargetOf(It->second);
  if (Factory)
    return It != Index.end() && isFactory(It->second) ? "1" : "0";
  return It == Index.end() ? "-" : It->second;
}

/// What \p Index says of everything \p Imports names: all that a unit's
/// analysis read of the other units.
std::string importView(const std::set<std::string> &Imports,
                       const std::map<std::string, std::string> &Index) {
  std::string View;
  for (const std::string &USR : Imports) {
    View += USR;
    View += '\0';
    View += viewOf(USR, Index);
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
/// files) winning where several define a function (inline, templates). A
/// hook's line stands where every unit that sets the hook says the same;
/// where two disagree (one sets it to `malloc`, another to a function of
/// the program), the hook stands for nothing.
std::map<std::string, std::string> mergeFacts(llvm::ArrayRef<UnitFacts> Units) {
  std::map<std::string, std::string> Index;
  for (const UnitFacts &U : Units)
    for (const auto &[USR, Line] : U.Summaries) {
      auto [It, New] = Index.try_emplace(USR, Line);
      if (!New && It->second != Line &&
          llvm::StringRef(USR).starts_with(ownership::HookPrefix))
        llvm::raw_string_ostream(It->second = "")
            << llvm::json::Value(
                   llvm::json::Object{{"usr", USR}, {"hookTarget", nullptr}});
    }
  return Index;
}

/// Each summary's version: how often its line changed (0: never had one).
using Versions = std::map<std::string, unsigned>;

unsigned versionOf(const std::string &USR, const Versions &V) {
  auto It = V.find(USR);
  return It == V.end() ? 0 : It->second;
}

/// What a unit read, as the versions of the summaries it was given.
Versions versionsOf(const std::set<std::string> &USRs, const Versions &V) {
  Versions Seen;
  for (const std::string &USR : USRs)
    Seen[USR] = versionOf(USR, V);
  return Seen;
}

/// Counts a new version of every summary whose line differs between the
/// index \p Before and \p After, and of every factory dependency whose
/// answer differs.
void bumpVersions(const std::map<std::string, std::string> &Before,
                  const std::map<std::string, std::string> &After, Versions &V) {
  std::set<std::string> USRs;
  for (const auto &[USR, Line] : After)
    USRs.insert(USR);
  for (const auto &[USR, Line] : Before)
    USRs.insert(USR);
  for (const std::string &USR : USRs) {
    // Views differ only where lines do (most lines stay as they were).
    auto B = Before.find(USR), A = After.find(USR);
    if ((B == Before.end()) == (A == After.end()) &&
        (B == Before.end() || B->second == A->second))
      continue;
    if (viewOf(USR, Before) != viewOf(USR, After))
      ++V[USR];
    std::string Factory = std::string(ownership::FactoryDependencyPrefix) + USR;
    if (viewOf(Factory, Before) != viewOf(Factory, After))
      ++V[Factory];
  }
}

/// The units to analyse again: those whose findings read a summary that
/// changed since, and those defining a summary that some unit's findings
/// need (directly, or through the summaries they read) and that read a
/// summary that changed since. A summary nobody reads may stay stale.
std::vector<size_t> staleUnits(llvm::ArrayRef<UnitFacts> Facts,
                               llvm::ArrayRef<Versions> Seen,
                               const Versions &V) {
  auto IsStale = [&](size_t U, const std::set<std::string> &USRs) {
    return llvm::any_of(USRs, [&](const std::string &USR) {
      return versionOf(USR, V) != versionOf(USR, Seen[U]);
    });
  };
  // The unit whose summary of a function the index holds (mergeFacts).
  std::map<std::string, size_t> Winner;
  for (size_t U = 0; U < Facts.size(); ++U)
    for (const auto &[USR, Line] : Facts[U].Summaries)
      Winner.try_emplace(USR, U);
  std::set<std::string> Needed;
  std::vector<std::string> Work;
  for (const UnitFacts &F : Facts)
    for (const std::string &USR : F.Imports)
      if (Needed.insert(USR).second)
        Work.push_back(USR);
  std::set<size_t> Todo;
  while (!Work.empty()) {
    llvm::StringRef USR = Work.back();
    // What a factory dependency answers depends on the whole summary.
    USR.consume_front(ownership::FactoryDependencyPrefix);
    auto W = Winner.find(USR.str());
    Work.pop_back();
    if (W == Winner.end())
      continue;
    auto Deps = Facts[W->second].SummaryImports.find(W->first);
    if (Deps == Facts[W->second].SummaryImports.end())
      continue;
    if (IsStale(W->second, Deps->second))
      Todo.insert(W->second);
    for (const std::string &D : Deps->second)
      if (Needed.insert(D).second)
        Work.push_back(D);
  }
  for (size_t U = 0; U < Facts.size(); ++U)
    if (IsStale(U, Facts[U].Imports))
      Todo.insert(U);
  return {Todo.begin(), Todo.end()};
}

/// \p Units in waves: each after the units whose summaries it read
/// (the first unit defining a function gives its summary, as mergeFacts
/// says). Where units read each other's (a cycle), those that the most
/// others wait for and that wait for the fewest go first; a unit with no
/// facts yet reads nothing.
std::vector<std::vector<size_t>> calleesFirst(llvm::ArrayRef<size_t> Units,
                                              llvm::ArrayRef<UnitFacts> Facts) {
  std::map<std::string, size_t> Winner;
  for (size_t U = 0; U < Facts.size(); ++U)
    for (const auto &[USR, Line] : Facts[U].Summaries)
      Winner.try_emplace(USR, U);
  std::set<size_t> Left(Units.begin(), Units.end());
  // Whom each unit waits for, who waits for it, and how many of those are
  // still left.
  std::vector<std::set<size_t>> Needs(Facts.size()), Waiters(Facts.size());
  for (size_t U : Units)
    for (llvm::StringRef USR : Facts[U].Read) {
      USR.consume_front(ownership::FactoryDependencyPrefix);
      auto W = Winner.find(USR.str());
      if (W != Winner.end() && W->second != U && Left.count(W->second)) {
        Needs[U].insert(W->second);
        Waiters[W->second].insert(U);
      }
    }
  std::vector<long> Waiting(Facts.size()), Waited(Facts.size());
  for (size_t U : Units) {
    Waiting[U] = Needs[U].size();
    Waited[U] = Waiters[U].size();
  }
  std::vector<std::vector<size_t>> Waves;
  while (!Left.empty()) {
    // Those that wait for none. In a cycle, those that most others wait
    // for and that wait for the fewest: a unit of helpers (`options.c`)
    // before the many that call it.
    std::vector<size_t> Wave;
    for (size_t U : Left)
      if (Waiting[U] == 0)
        Wave.push_back(U);
    if (Wave.empty()) {
      auto Score = [&](size_t U) { return Waiting[U] - Waited[U]; };
      long Best = Score(*llvm::min_element(
          Left, [&](size_t A, size_t B) { return Score(A) < Score(B); }));
      for (size_t U : Left)
        if (Score(U) == Best)
          Wave.push_back(U);
    }
    for (size_t U : Wave)
      Left.erase(U);
    for (size_t U : Wave) {
      for (size_t D : Waiters[U])
        if (Left.count(D))
          --Waiting[D];
      for (size_t W : Needs[U])
        if (Left.count(W))
          --Waited[W];
    }
    Waves.push_back(std::move(Wave));
  }
  return Waves;
}

} // namespace

WholeProgramRun
analyzeWholeProgram(const clang::tooling::CompilationDatabase &DB,
                    llvm::ArrayRef<std::string> Files, AnalysisOptions Opts,
                    unsigned Jobs, unsigned MaxRounds, size_t KeepBytes,
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
  // What each unit's latest analysis was given of what it read.
  std::vector<Versions> Seen(Files.size());
  std::vector<size_t> Todo(Files.size());     // the units to (re)analyse
  for (size_t I = 0; I < Files.size(); ++I)
    Todo[I] = I;
  std::map<std::string, std::string> Index; // what the next units read
  Versions V;                               // of the summaries in Index
  // The cache keys of the units leave out where this run keeps its facts.
  AnalysisOptions KeyOpts = Opts;
  KeyOpts.SummariesDir.clear();
  KeyOpts.ImportSummaries.clear();
  unsigned Batches = 0;
  // The parsed units, analysed again without parsing in later rounds.
  KeptUnits Parsed(KeepBytes);
  // What each unit defines and calls, from its AST or from the cache: the
  // first round's order (calleesFirst).
  std::vector<UnitFacts> Outlines(Files.size());
  // The cache entries the first round's order was read from, kept for the
  // unit's wave (the same key while the unit has read nothing).
  struct Probe {
    std::string Key;
    UnitResult Result;
    llvm::json::Object Extra;
  };
  std::vector<std::optional<Probe>> Probed(Files.size());
  // Analyses \p Units with the index as it stands, then merges what they
  // wrote into it. False (and Run.Error set) when a file cannot be made.
  auto AnalyseBatch = [&](llvm::ArrayRef<size_t> Units) {
    std::string BatchDir = Dir.sub("batch" + llvm::Twine(++Batches));
    if (std::error_code EC = llvm::sys::fs::create_directory(BatchDir)) {
      Run.Error = "cannot create a directory for the summaries: " + EC.message();
      return false;
    }
    // Units whose last analysis with the same view of the other units is
    // in the cache are not analysed again; the others are, by analyze(),
    // which numbers their facts files by the position in the list given.
    std::vector<std::string> Keys(Files.size());
    std::vector<size_t> Misses;
    for (size_t I : Units) {
      if (!Cache) {
        Misses.push_back(I);
        continue;
      }
      // The key names what the unit read of the others last time; the
      // entry is good while what it read this time is unchanged.
      Keys[I] = Cache->keyFor(DB, Files[I], KeyOpts,
                              "whole-program:" +
                                  importView(Facts[I].Read, Index));
      llvm::json::Object Extra;
      std::optional<UnitResult> Kept;
      if (Probed[I] && Probed[I]->Key == Keys[I]) {
        Kept = std::move(Probed[I]->Result);
        Extra = std::move(Probed[I]->Extra);
      } else {
        Kept = Cache->lookup(Keys[I], &Extra);
      }
      Probed[I].reset();
      std::optional<llvm::StringRef> FactsText = Extra.getString("facts");
      std::optional<llvm::StringRef> Read = Extra.getString("read");
      if (Kept && FactsText && Read) {
        UnitFacts F = parseFacts(*FactsText);
        if (viewDigest(F.Read, Index) == *Read) {
          Run.Results[I] = std::move(*Kept);
          Seen[I] = versionsOf(F.Read, V);
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
    Opts.SummariesDir = BatchDir;
    std::vector<UnitResult> Results =
        analyze(DB, Some, Opts, Jobs, Progress, /*Cache=*/nullptr,
                /*Reused=*/nullptr, &Parsed);
    for (size_t K = 0; K < Misses.size(); ++K) {
      size_t I = Misses[K];
      std::string Text =
          readFactsText(Dir.sub("batch" + llvm::Twine(Batches) + "/" +
                                llvm::Twine(K) + ".jsonl"));
      Facts[I] = parseFacts(Text);
      Seen[I] = versionsOf(Facts[I].Read, V);
      if (Cache)
        Cache->store(Keys[I], Results[K],
                     llvm::json::Object{
                         {"facts", std::move(Text)},
                         {"read", viewDigest(Facts[I].Read, Index)},
                         {"outline", outlineToJSON(Outlines[I])}});
      Run.Results[I] = std::move(Results[K]);
    }
    std::map<std::string, std::string> Next = mergeFacts(Facts);
    Run.Summaries = llvm::count_if(Next, [](const auto &E) {
      return !llvm::StringRef(E.first).starts_with(ownership::HookPrefix);
    });
    bumpVersions(Index, Next, V);
    Index = std::move(Next);
    std::string IndexFile = Dir.sub("index" + llvm::Twine(Batches) + ".jsonl");
    std::string Text;
    for (const auto &[USR, Line] : Index)
      Text += Line + "\n";
    if (!writeFile(IndexFile, Text)) {
      Run.Error = "cannot write the merged summaries to '" + IndexFile + "'";
      return false;
    }
    Opts.ImportSummaries = IndexFile;
    return true;
  };
  // The first round's order: the units that no cached analysis answers
  // are parsed first, and kept; what they define and call, as their ASTs
  // say, puts each after the units whose functions it calls. A unit the
  // cache answers has the outline it had when its analysis was stored, so
  // that the order, and what each unit reads, is the stored run's.
  if (Parsed.enabled()) {
    std::vector<size_t> Unknown;
    for (size_t I = 0; I < Files.size(); ++I) {
      llvm::json::Object Extra;
      std::string Key =
          Cache ? Cache->keyFor(DB, Files[I], KeyOpts,
                                "whole-program:" +
                                    importView(Facts[I].Read, Index))
                : std::string();
      std::optional<UnitResult> Kept =
          Cache ? Cache->lookup(Key, &Extra) : std::nullopt;
      if (!Kept) {
        Unknown.push_back(I);
        continue;
      }
      Outlines[I] = outlineFromJSON(Extra.getObject("outline"));
      Probed[I] = Probe{std::move(Key), std::move(*Kept), std::move(Extra)};
    }
    std::vector<std::string> Some;
    for (size_t I : Unknown)
      Some.push_back(Files[I]);
    std::vector<UnitOutline> Read = parseAhead(DB, Some, Jobs, Parsed);
    for (size_t K = 0; K < Unknown.size(); ++K) {
      UnitFacts &O = Outlines[Unknown[K]];
      for (const std::string &USR : Read[K].Defines)
        O.Summaries[USR];
      O.Read = std::move(Read[K].Calls);
    }
  }
  for (unsigned Round = 1; !Todo.empty() && Round <= MaxRounds; ++Round) {
    Run.UnitsPerRound.push_back(Todo.size());
    // Callees first: a unit is analysed after the units whose summaries it
    // read, with what they say now, so that a wrapper of a wrapper moves
    // across all its files in one round, not one file per round.
    for (const std::vector<size_t> &Wave :
         calleesFirst(Todo, Round == 1 ? Outlines : Facts))
      if (!AnalyseBatch(Wave))
        return Run;
    Run.Rounds = Round;
    Todo = staleUnits(Facts, Seen, V);
    Run.Unparsed = Parsed.reused();
    std::tie(Run.KeptUnits, Run.KeptBytes) = Parsed.kept();
    if (!Todo.empty() && Round == MaxRounds)
      Run.Unsettled = true;
  }
  return Run;
}

} // namespace leaklint
