//===--- WholeProgram.cpp - summaries shared between translation units ----===//

#include "WholeProgram.h"
#include "Cache.h"
#include "KeptUnits.h"
#include "LexicalOutline.h"
#include "SummaryIndex.h"
#include "TempDir.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
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

/// The directories a compile command searches for quoted includes (`-I`,
/// `-iquote`), absolute.
std::vector<std::string>
quotedIncludeDirs(const clang::tooling::CompileCommand &Command) {
  std::vector<std::string> Dirs;
  const std::vector<std::string> &Args = Command.CommandLine;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I], Dir;
    for (llvm::StringRef Flag : {"-iquote", "-I"}) {
      if (!A.starts_with(Flag))
        continue;
      if (A.size() > Flag.size())
        Dir = A.drop_front(Flag.size());
      else if (I + 1 < Args.size())
        Dir = Args[++I];
      break;
    }
    if (Dir.empty())
      continue;
    llvm::SmallString<256> Path(Dir);
    if (llvm::sys::path::is_relative(Path))
      Path = (Command.Directory + "/" + Dir).str();
    Dirs.push_back(std::string(Path));
  }
  return Dirs;
}

/// A unit's outline from its main file's tokens (LexicalOutline.h), with
/// the calls its project headers' macros make; none if the file cannot be
/// read.
UnitOutline outlineOfFile(const clang::tooling::CompilationDatabase &DB,
                          const std::string &File, HeaderMacros &Headers) {
  auto Buf = llvm::MemoryBuffer::getFile(File, /*IsText=*/true);
  if (!Buf)
    return {};
  std::vector<clang::tooling::CompileCommand> Commands =
      DB.getCompileCommands(File);
  std::vector<std::string> Dirs;
  if (!Commands.empty())
    Dirs = quotedIncludeDirs(Commands.front());
  return lexicalOutline((*Buf)->getBuffer(), Headers.of(File, Dirs));
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

/// What an analysis was given of each summary it read: viewOf() under the
/// index it read.
using SeenViews = std::map<std::string, std::string>;

SeenViews viewsOf(const std::set<std::string> &Read,
                  const std::map<std::string, std::string> &Index) {
  SeenViews Seen;
  for (const std::string &USR : Read)
    Seen.emplace(USR, viewOf(USR, Index));
  return Seen;
}

/// \p Seen as one text: all that a unit's analysis read of the other units.
std::string joined(const SeenViews &Seen) {
  std::string View;
  for (const auto &[USR, What] : Seen) {
    View += USR;
    View += '\0';
    View += What;
    View += '\0';
  }
  return View;
}

/// A digest of joined(), kept with a cached analysis.
std::string viewDigest(const SeenViews &Seen) { return hex128(joined(Seen)); }

/// The units' facts, each shared by the runs' snapshots (a unit's facts
/// never change once written: a new analysis makes new ones).
using FactsList = std::vector<std::shared_ptr<const UnitFacts>>;

/// A C++ file's name without its directory and extension: `Logger` for
/// src/Logger.cc and for "Logger.h".
std::string stemOf(llvm::StringRef Path) {
  return llvm::sys::path::stem(Path).str();
}

/// Leaves out of the outlines the calls by a name that more than two units
/// define (a C++ method `get`, `execute`): such a name says little of which
/// unit is called, and each unit that calls it would wait for all of them.
/// Unless the caller includes the header named as a definer's file (it
/// calls `openFile` and includes "Logger.h"; src/Logger.cc defines one):
/// the call then reaches that definer alone, by a key of the name and the
/// file's name (`l:openFile@Logger`). \p Headers reads the includes of
/// \p Files, the units' main files.
void narrowCommonNames(FactsList &Outlines, llvm::ArrayRef<std::string> Files,
                     HeaderMacros &Headers) {
  std::map<std::string, std::set<std::string>> Definers; // by file name
  for (size_t U = 0; U < Outlines.size(); ++U)
    for (const auto &[Key, Line] : Outlines[U]->Summaries)
      if (isNameKey(Key))
        Definers[Key].insert(stemOf(Files[U]));
  auto Common = [&](const std::string &Key) {
    auto It = Definers.find(Key);
    return It != Definers.end() && It->second.size() > 2;
  };
  auto Keyed = [](const std::string &Key, llvm::StringRef Stem) {
    return Key + "@" + Stem.str();
  };
  for (size_t U = 0; U < Outlines.size(); ++U) {
    const UnitFacts &O = *Outlines[U];
    bool Calls = llvm::any_of(O.Read, Common);
    bool Defines = llvm::any_of(O.Summaries, [&](const auto &KV) {
      return Common(KV.first);
    });
    if (!Calls && !Defines)
      continue;
    std::string Own = stemOf(Files[U]);
    auto Fewer = std::make_shared<UnitFacts>(O);
    for (const auto &[Key, Line] : O.Summaries)
      if (Common(Key))
        Fewer->Summaries.try_emplace(Keyed(Key, Own));
    std::set<std::string> Included;
    if (Calls)
      for (const std::string &H : Headers.includes(Files[U]))
        Included.insert(stemOf(H));
    Included.erase(Own);
    for (const std::string &Key : O.Read) {
      if (!Common(Key))
        continue;
      Fewer->Read.erase(Key);
      for (const std::string &Stem : Definers.find(Key)->second)
        if (Included.count(Stem))
          Fewer->Read.insert(Keyed(Key, Stem));
    }
    Outlines[U] = std::move(Fewer);
  }
}

/// The index of summaries: by USR, the first unit's (in the order of the
/// files) winning where several define a function (inline, templates). A
/// hook's line stands where every unit that sets the hook says the same;
/// where two disagree (one sets it to `malloc`, another to a function of
/// the program), the hook stands for nothing.
std::map<std::string, std::string>
mergeFacts(size_t Units, llvm::function_ref<const UnitFacts &(size_t)> Of) {
  std::map<std::string, std::string> Index;
  for (size_t U = 0; U < Units; ++U)
    for (const auto &[USR, Line] : Of(U).Summaries) {
      auto [It, New] = Index.try_emplace(USR, Line);
      if (!New && It->second != Line &&
          llvm::StringRef(USR).starts_with(ownership::HookPrefix))
        llvm::raw_string_ostream(It->second = "")
            << llvm::json::Value(
                   llvm::json::Object{{"usr", USR}, {"hookTarget", nullptr}});
    }
  return Index;
}

std::map<std::string, std::string> mergeFacts(const FactsList &Facts) {
  return mergeFacts(Facts.size(),
                    [&](size_t U) -> const UnitFacts & { return *Facts[U]; });
}

/// The units to analyse again: those whose findings read a summary that
/// \p Index now says otherwise than their analysis was given, and those
/// defining a summary that some unit's findings need (directly, or through
/// the summaries they read) and that read such a summary. A summary nobody
/// reads may stay stale.
std::vector<size_t>
staleUnits(const FactsList &Facts, llvm::ArrayRef<SeenViews> Seen,
           const std::map<std::string, std::string> &Index) {
  std::map<std::string, std::string> Now; // viewOf() under Index, as asked
  auto IsStale = [&](size_t U, const std::set<std::string> &USRs) {
    return llvm::any_of(USRs, [&](const std::string &USR) {
      auto It = Now.find(USR);
      if (It == Now.end())
        It = Now.emplace(USR, viewOf(USR, Index)).first;
      auto Was = Seen[U].find(USR);
      return Was == Seen[U].end() || Was->second != It->second;
    });
  };
  // The unit whose summary of a function the index holds (mergeFacts).
  std::map<std::string, size_t> Winner;
  for (size_t U = 0; U < Facts.size(); ++U)
    for (const auto &[USR, Line] : Facts[U]->Summaries)
      Winner.try_emplace(USR, U);
  std::set<std::string> Needed;
  std::vector<std::string> Work;
  for (const auto &F : Facts)
    for (const std::string &USR : F->Imports)
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
    const UnitFacts &Defining = *Facts[W->second];
    auto Deps = Defining.SummaryImports.find(W->first);
    if (Deps == Defining.SummaryImports.end())
      continue;
    if (IsStale(W->second, Deps->second))
      Todo.insert(W->second);
    for (const std::string &D : Deps->second)
      if (Needed.insert(D).second)
        Work.push_back(D);
  }
  for (size_t U = 0; U < Facts.size(); ++U)
    if (IsStale(U, Facts[U]->Imports))
      Todo.insert(U);
  return {Todo.begin(), Todo.end()};
}

/// \p Units in waves: each after the units whose summaries it read
/// (the first unit defining a function gives its summary, as mergeFacts
/// says). Where units read each other's (a cycle), one unit goes first:
/// the one whose wait closes the cycle on the way from the unit that the
/// most others wait for; a unit with no facts yet reads nothing.
std::vector<std::vector<size_t>> calleesFirst(llvm::ArrayRef<size_t> Units,
                                              const FactsList &Facts) {
  std::map<std::string, size_t> Winner;
  for (size_t U = 0; U < Facts.size(); ++U)
    for (const auto &[USR, Line] : Facts[U]->Summaries)
      Winner.try_emplace(USR, U);
  std::set<size_t> Left(Units.begin(), Units.end());
  // Whom each unit waits for, who waits for it, and how many of those are
  // still left.
  std::vector<std::set<size_t>> Needs(Facts.size()), Waiters(Facts.size());
  for (size_t U : Units)
    for (llvm::StringRef USR : Facts[U]->Read) {
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
      auto Better = [&](size_t A, size_t B) { return Score(A) < Score(B); };
      // From the unit that most others wait for, along what each waits
      // for (the most waited for first), to the one whose wait closes the
      // cycle: it goes first, alone, and the units it waits for come after
      // it. Putting the unit most waited for first made aria2's DlAbortEx
      // go before the base class it calls: its summary, which 132 units
      // read, changed in the next round, and they were all analysed again.
      size_t X = *llvm::min_element(Left, Better);
      std::set<size_t> Walked{X};
      while (true) {
        std::vector<size_t> Next;
        for (size_t W : Needs[X])
          if (Left.count(W))
            Next.push_back(W);
        if (Next.empty())
          break;
        size_t Y = *llvm::min_element(Next, Better);
        if (!Walked.insert(Y).second)
          break;
        X = Y;
      }
      Wave.push_back(X);
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

/// For each unit of \p Waves, the units of earlier waves whose new facts
/// it reads: those that define, as their outline or their last facts say,
/// a function it calls or read last time. A unit reads the others' facts
/// as they were before the round. So what each unit is given is fixed by
/// the order, not by which analysis ends first, and a unit need not wait
/// for a whole wave to end.
std::vector<std::vector<size_t>>
readsFrom(llvm::ArrayRef<std::vector<size_t>> Waves, const FactsList &Facts,
          const FactsList &Outlines) {
  size_t N = Facts.size();
  std::vector<size_t> WaveOf(N, Waves.size());
  for (size_t W = 0; W < Waves.size(); ++W)
    for (size_t U : Waves[W])
      WaveOf[U] = W;
  std::map<std::string, std::vector<size_t>> Definers;
  for (size_t U = 0; U < N; ++U)
    if (WaveOf[U] < Waves.size())
      for (const FactsList *From : {&Facts, &Outlines})
        for (const auto &[USR, Line] : (*From)[U]->Summaries)
          if (std::vector<size_t> &D = Definers[USR];
              D.empty() || D.back() != U)
            D.push_back(U);
  std::vector<std::vector<size_t>> From(N);
  for (size_t U = 0; U < N; ++U) {
    if (WaveOf[U] == Waves.size())
      continue;
    std::set<size_t> Earlier;
    for (const FactsList *Of : {&Facts, &Outlines})
      for (llvm::StringRef USR : (*Of)[U]->Read) {
        USR.consume_front(ownership::FactoryDependencyPrefix);
        auto It = Definers.find(USR.str());
        if (It != Definers.end())
          for (size_t D : It->second)
            if (WaveOf[D] < WaveOf[U])
              Earlier.insert(D);
      }
    From[U].assign(Earlier.begin(), Earlier.end());
  }
  return From;
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
  size_t N = Files.size();
  Run.Results.resize(N);
  auto None = std::make_shared<const UnitFacts>();
  FactsList Facts(N, None); // each unit's latest
  // What each unit's latest analysis was given of what it read.
  std::vector<SeenViews> Seen(N);
  std::vector<size_t> Todo(N); // the units to (re)analyse
  for (size_t I = 0; I < N; ++I)
    Todo[I] = I;
  std::map<std::string, std::string> Index; // merged after each round
  // The cache keys of the units leave out where this run keeps its facts.
  AnalysisOptions KeyOpts = Opts;
  KeyOpts.SummariesDir.clear();
  KeyOpts.ImportSummaries.clear();
  // The parsed units, analysed again without parsing in later rounds.
  KeptUnits Parsed(KeepBytes);
  // What each unit defines and calls, from its AST or from the cache: the
  // first round's order (calleesFirst).
  FactsList Outlines(N, None);
  // The cache entries the first round's order was read from, kept for the
  // unit's analysis (the same key while the unit has read nothing).
  struct Probe {
    std::string Key;
    UnitResult Result;
    llvm::json::Object Extra;
  };
  std::vector<std::optional<Probe>> Probed(N);
  std::atomic<size_t> Reused{0}; // analyses the cache answered
  // The first round's order: the units that no cached analysis answers
  // are parsed first, and kept, while they fit; what they define and call,
  // as their ASTs say, puts each after the units whose functions it calls.
  // The units not parsed ahead are outlined from their tokens. A unit the
  // cache answers has the outline it had when its analysis was stored, so
  // that the order, and what each unit reads, is the stored run's.
  {
    std::vector<size_t> Unknown;
    for (size_t I = 0; I < N; ++I) {
      llvm::json::Object Extra;
      std::string Key =
          Cache ? Cache->keyFor(DB, Files[I], KeyOpts, "whole-program:")
                : std::string();
      std::optional<UnitResult> Kept =
          Cache ? Cache->lookup(Key, &Extra) : std::nullopt;
      if (!Kept) {
        Unknown.push_back(I);
        continue;
      }
      Outlines[I] = std::make_shared<const UnitFacts>(
          outlineFromJSON(Extra.getObject("outline")));
      Probed[I] = Probe{std::move(Key), std::move(*Kept), std::move(Extra)};
    }
    HeaderMacros Headers;
    std::vector<std::string> Some;
    for (size_t I : Unknown)
      Some.push_back(Files[I]);
    std::vector<UnitOutline> Read =
        Parsed.enabled() ? parseAhead(DB, Some, Jobs, Parsed)
                         : std::vector<UnitOutline>(Some.size());
    for (size_t K = 0; K < Unknown.size(); ++K) {
      if (Read[K].Defines.empty() && Read[K].Calls.empty())
        Read[K] = outlineOfFile(DB, Some[K], Headers);
      auto O = std::make_shared<UnitFacts>();
      for (const std::string &USR : Read[K].Defines)
        O->Summaries[USR];
      O->Read = std::move(Read[K].Calls);
      Outlines[Unknown[K]] = std::move(O);
    }
    narrowCommonNames(Outlines, Files, Headers);
  }
  for (unsigned Round = 1; !Todo.empty() && Round <= MaxRounds; ++Round) {
    Run.UnitsPerRound.push_back(Todo.size());
    std::string RoundDir = Dir.sub("round" + llvm::Twine(Round));
    if (std::error_code EC = llvm::sys::fs::create_directory(RoundDir)) {
      Run.Error =
          "cannot create a directory for the summaries: " + EC.message();
      return Run;
    }
    // Callees first: a unit is analysed after the units whose summaries it
    // reads, with what they say now, so that a wrapper of a wrapper moves
    // across all its files in one round, not one file per round.
    std::vector<std::vector<size_t>> Waves =
        calleesFirst(Todo, Round == 1 ? Outlines : Facts);
    std::vector<std::vector<size_t>> From = readsFrom(Waves, Facts, Outlines);
    const FactsList Before = Facts; // as the round found them
    // Analyses unit U with the index of what it is given: the new facts of
    // the units it reads from, the others' from before the round. False
    // (and Why set) when a file cannot be made.
    auto AnalyseUnit = [&](size_t U, std::string &Why) {
      std::map<std::string, std::string> View =
          mergeFacts(N, [&](size_t X) -> const UnitFacts & {
            return llvm::binary_search(From[U], X) ? *Facts[X] : *Before[X];
          });
      // The key names what the unit read of the others last time; the
      // entry is good while what it reads this time is unchanged.
      std::string Key =
          Cache ? Cache->keyFor(DB, Files[U], KeyOpts,
                                "whole-program:" +
                                    joined(viewsOf(Before[U]->Read, View)))
                : std::string();
      if (Cache) {
        llvm::json::Object Extra;
        std::optional<UnitResult> Kept;
        if (Probed[U] && Probed[U]->Key == Key) {
          Kept = std::move(Probed[U]->Result);
          Extra = std::move(Probed[U]->Extra);
        } else {
          Kept = Cache->lookup(Key, &Extra);
        }
        Probed[U].reset();
        std::optional<llvm::StringRef> FactsText = Extra.getString("facts");
        std::optional<llvm::StringRef> Read = Extra.getString("read");
        if (Kept && FactsText && Read) {
          auto F = std::make_shared<const UnitFacts>(parseFacts(*FactsText));
          if (SeenViews Views = viewsOf(F->Read, View);
              viewDigest(Views) == *Read) {
            Run.Results[U] = std::move(*Kept);
            Seen[U] = std::move(Views);
            Facts[U] = std::move(F);
            ++Reused;
            return true;
          }
        }
      }
      AnalysisOptions UnitOpts = Opts;
      UnitOpts.SummariesDir = RoundDir;
      if (!View.empty()) {
        UnitOpts.ImportSummaries =
            (RoundDir + "/view" + llvm::Twine(U) + ".jsonl").str();
        std::string Text;
        for (const auto &[USR, Line] : View)
          Text += Line + "\n";
        if (!writeFile(UnitOpts.ImportSummaries, Text)) {
          Why = "cannot write the merged summaries to '" +
                UnitOpts.ImportSummaries + "'";
          return false;
        }
      }
      UnitResult Result = analyzeOne(DB, Files[U], UnitOpts, U, &Parsed);
      // analyzeOne() names the facts file by the unit's index.
      std::string Text =
          readFactsText((RoundDir + "/" + llvm::Twine(U) + ".jsonl").str());
      auto F = std::make_shared<const UnitFacts>(parseFacts(Text));
      Seen[U] = viewsOf(F->Read, View);
      if (Cache)
        Cache->store(Key, Result,
                     llvm::json::Object{
                         {"facts", std::move(Text)},
                         {"read", viewDigest(Seen[U])},
                         {"outline", outlineToJSON(*Outlines[U])}});
      Run.Results[U] = std::move(Result);
      Facts[U] = std::move(F);
      return true;
    };
    // Each unit starts once the units it reads from have ended.
    std::vector<size_t> Waiting(N);
    std::vector<std::vector<size_t>> Readers(N);
    for (size_t U : Todo) {
      Waiting[U] = From[U].size();
      for (size_t X : From[U])
        Readers[X].push_back(U);
    }
    std::mutex Lock;
    std::string Error;
    {
      llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
      std::function<void(size_t)> Start = [&](size_t U) {
        Pool.async([&, U] {
          std::string Why;
          bool Ok = AnalyseUnit(U, Why);
          std::vector<size_t> Ready;
          {
            std::lock_guard<std::mutex> Guard(Lock);
            Progress(Files[U]);
            if (!Ok && Error.empty())
              Error = std::move(Why);
            if (!Error.empty())
              return; // nothing more is started
            for (size_t R : Readers[U])
              if (--Waiting[R] == 0)
                Ready.push_back(R);
          }
          for (size_t R : Ready)
            Start(R);
        });
      };
      // The units that wait for none, chosen before any starts: once one
      // has ended, a reader whose count it brought to zero is started by
      // it, and must not be started here again.
      std::vector<size_t> First;
      for (const std::vector<size_t> &Wave : Waves)
        for (size_t U : Wave)
          if (Waiting[U] == 0)
            First.push_back(U);
      for (size_t U : First)
        Start(U);
      Pool.wait();
    }
    if (!Error.empty()) {
      Run.Error = std::move(Error);
      return Run;
    }
    Run.Rounds = Round;
    Index = mergeFacts(Facts);
    Run.Summaries = llvm::count_if(Index, [](const auto &E) {
      return !llvm::StringRef(E.first).starts_with(ownership::HookPrefix);
    });
    Todo = staleUnits(Facts, Seen, Index);
    Run.Unparsed = Parsed.reused();
    std::tie(Run.KeptUnits, Run.KeptBytes) = Parsed.kept();
    if (!Todo.empty() && Round == MaxRounds)
      Run.Unsettled = true;
  }
  Run.Reused = Reused;
  return Run;
}

} // namespace leaklint
