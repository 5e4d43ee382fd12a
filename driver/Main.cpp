//===--- Main.cpp - the leaklint command ----------------------------------===//
//
// leaklint [options] [files...] [-- compiler args]
//
// Exit status: 0 no findings, 1 findings, 2 leaklint could not do its job
// (usage error, no compile command, a file that does not parse, a crash).
//
//===----------------------------------------------------------------------===//

#include "Analyzer.h"
#include "Cache.h"
#include "Cluster.h"
#include "CompileCommands.h"
#include "Fixes.h"
#include "Report.h"
#include "Shards.h"
#include "WholeProgram.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <optional>
#include <unistd.h>

using namespace llvm;
namespace tooling = clang::tooling;

namespace leaklint {
namespace {

enum ExitCode { ExitClean = 0, ExitFindings = 1, ExitFailure = 2 };
enum class Format { Text, Json, Sarif };

/// The command line, held by main() for the length of the run.
struct CommandLine {
  cl::OptionCategory Category{"leaklint options"};
  cl::list<std::string> Files{cl::Positional, cl::desc("[<file> ...]"),
                              cl::cat(Category)};
  cl::opt<std::string> BuildPath{
      "p", cl::desc("Directory that holds compile_commands.json (default: "
                    "searched from the first file's directory up to its "
                    "repository root, also in build/ beside each, then "
                    "./build)"),
      cl::value_desc("dir"), cl::cat(Category)};
  // Prefix: "-j2" as with make and ninja, as well as "-j 2".
  cl::opt<std::string> Jobs{"j",
                            cl::desc("Translation units analysed in parallel "
                                     "(default: all cores)"),
                            cl::value_desc("n"), cl::Prefix,
                            cl::cat(Category)};
  cl::opt<std::string> MaxFileSize{
      "max-file-size",
      cl::desc("Do not analyse source files larger than this, e.g. 512K, "
               "16M (default: 16M; 0: no limit). A larger file is an "
               "error, not a silent skip"),
      cl::init("16M"), cl::value_desc("size"), cl::cat(Category)};
  cl::opt<std::string> SourceRoot{
      "source-root",
      cl::desc("SARIF paths are written relative to this directory, as "
               "%SRCROOT% (default: the current directory)"),
      cl::value_desc("dir"), cl::cat(Category)};
  cl::opt<std::string> Checks{
      "checks",
      cl::desc("clang-tidy check globs, applied after any configuration "
               "file, e.g. -checks=-*,leaklint-owning-pointer"),
      cl::cat(Category)};
  cl::opt<std::string> ConfigFile{
      "config-file",
      cl::desc("Read the configuration from this YAML file instead of the "
               ".clang-tidy files"),
      cl::value_desc("file"), cl::cat(Category)};
  cl::opt<std::string> Config{
      "config", cl::desc("Inline YAML configuration, as clang-tidy --config"),
      cl::cat(Category)};
  cl::opt<bool> Fix{"fix", cl::desc("Apply the fix-its in place"),
                    cl::cat(Category)};
  cl::opt<std::string> ExportFixes{
      "export-fixes",
      cl::desc("Write the fix-its as YAML for clang-apply-replacements"),
      cl::value_desc("file"), cl::cat(Category)};
  cl::opt<Format> OutputFormat{
      "format", cl::desc("Report format"), cl::init(Format::Text),
      cl::values(clEnumValN(Format::Text, "text", "clang-tidy's layout"),
                 clEnumValN(Format::Json, "json", "one JSON document"),
                 clEnumValN(Format::Sarif, "sarif", "SARIF 2.1.0")),
      cl::cat(Category)};
  cl::opt<std::string> Output{"o",
                              cl::desc("Write the report to this file "
                                       "instead of standard output"),
                              cl::value_desc("file"), cl::cat(Category)};
  cl::opt<std::string> HeaderFilter{
      "header-filter",
      cl::desc("Report findings in headers whose path matches this regex "
               "(default: headers under the current directory)"),
      cl::cat(Category)};
  cl::list<std::string> ExtraArgs{
      "extra-arg", cl::desc("Argument appended to every compile command"),
      cl::cat(Category)};
  cl::opt<bool> ListChecks{"list-checks",
                           cl::desc("List the enabled checks and exit"),
                           cl::cat(Category)};
  cl::opt<bool> WholeProgram{
      "whole-program",
      cl::desc("Analyse the files together: a call of a function another "
               "file defines is what that function does (each file is "
               "analysed at least twice)"),
      cl::cat(Category)};
  cl::opt<bool> WholeProgramStats{
      "whole-program-stats",
      cl::desc("With --whole-program: print the rounds and the units each "
               "analysed on stderr"),
      cl::Hidden, cl::cat(Category)};
  cl::opt<std::string> WholeProgramMemory{
      "whole-program-memory",
      cl::desc("With --whole-program: keep the parsed files in memory for "
               "the next rounds up to this size, e.g. 512M, 4G (default: a "
               "quarter of the machine's memory; 0: parse them again)"),
      cl::value_desc("size"), cl::cat(Category)};
  cl::opt<std::string> CacheDir{
      "cache-dir",
      cl::desc("Keep each file's result here and reuse it while nothing it "
               "read has changed (default: .leaklint-cache beside "
               "compile_commands.json)"),
      cl::value_desc("dir"), cl::cat(Category)};
  cl::opt<bool> NoCache{"no-cache",
                        cl::desc("Analyse every file, keep no results"),
                        cl::cat(Category)};
  cl::opt<bool> CacheStats{
      "cache-stats",
      cl::desc("Print how many files the cache answered on stderr"),
      cl::Hidden, cl::cat(Category)};
  cl::opt<std::string> Shard{
      "shard",
      cl::desc("Analyse only the K-th of N stable parts of the files and "
               "write their results to --shard-dir, for --merge (a CI "
               "matrix)"),
      cl::value_desc("K/N"), cl::cat(Category)};
  cl::opt<std::string> ShardDir{
      "shard-dir", cl::desc("Where --shard writes its results"),
      cl::value_desc("dir"), cl::cat(Category)};
  cl::list<std::string> Merge{
      "merge",
      cl::desc("Report the results the shards wrote to these directories, "
               "as one run over all the files would (repeatable)"),
      cl::value_desc("dir"), cl::cat(Category)};
  cl::opt<std::string> Scheduler{
      "scheduler",
      cl::desc("Analyse the files on the workers of this Dask scheduler "
               "(tcp://host:8786); the workers see the files, the compile "
               "database and leaklint at the paths this machine does"),
      cl::value_desc("address"), cl::cat(Category)};
  cl::opt<std::string> Baseline{
      "baseline",
      cl::desc("A previous JSON or SARIF report: show only the findings it "
               "does not have (SARIF marks each new or unchanged)"),
      cl::value_desc("file"), cl::cat(Category)};
  cl::opt<bool> Quiet{"quiet",
                      cl::desc("No progress line, no notes about inferred "
                               "compile commands or applied fixes"),
                      cl::cat(Category)};
};

void error(const Twine &Message) {
  WithColor::error(errs(), "leaklint") << Message << "\n";
}

void note(const Twine &Message) {
  WithColor::note(errs(), "leaklint") << Message << "\n";
}

std::string absolute(StringRef Path) {
  SmallString<256> Abs(Path);
  sys::fs::make_absolute(Abs);
  sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

/// Checks that Path holds JSON before clang's loader sees it: its YAML
/// parser prints raw parse errors to stderr and then a misleading message.
bool isReadableJson(StringRef Path) {
  auto Text = MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Text) {
    error("cannot read '" + Path + "': " + Text.getError().message());
    return false;
  }
  if (Expected<json::Value> V = json::parse((*Text)->getBuffer()); !V) {
    error("'" + Path + "' is not valid JSON: " + toString(V.takeError()));
    return false;
  }
  return true;
}

std::unique_ptr<tooling::CompilationDatabase> loadJsonDatabase(StringRef Path) {
  if (!isReadableJson(Path))
    return nullptr;
  std::string Error;
  auto DB = tooling::JSONCompilationDatabase::loadFromFile(
      Path, Error, tooling::JSONCommandLineSyntax::AutoDetect);
  if (!DB)
    error("cannot use '" + Path + "': " + Error);
  return DB;
}

/// Finds the compile database: -p DIR; else compile_commands.json in the
/// first file's directory or a parent up to the repository root (the first
/// one holding .git), or in a build/ directory beside one of them; else
/// ./build. Returns null and explains why on failure.
std::unique_ptr<tooling::CompilationDatabase>
findDatabase(const CommandLine &CL, ArrayRef<std::string> Files,
             std::string &Found) {
  if (!CL.BuildPath.empty()) {
    SmallString<256> Candidate(CL.BuildPath);
    if (sys::path::filename(Candidate) != "compile_commands.json")
      sys::path::append(Candidate, "compile_commands.json");
    if (!sys::fs::exists(Candidate)) {
      error("no compile_commands.json in '" + CL.BuildPath +
            "' (configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, or give "
            "the compiler flags after '--')");
      return nullptr;
    }
    Found = std::string(Candidate);
    return loadJsonDatabase(Candidate);
  }
  SmallVector<std::string, 16> Candidates;
  std::string Start = Files.empty()
                          ? absolute(".")
                          : std::string(sys::path::parent_path(Files.front()));
  // Up to the root of the file's repository: a database above it belongs to
  // some other project (a checkout inside another project's build tree).
  std::string Top = Start;
  for (StringRef Dir = Start; !Dir.empty(); Dir = sys::path::parent_path(Dir)) {
    for (StringRef Sub : {"", "build"}) {
      SmallString<256> Candidate(Dir);
      sys::path::append(Candidate, Sub, "compile_commands.json");
      Candidates.push_back(std::string(Candidate));
    }
    Top = std::string(Dir);
    SmallString<256> Git(Dir);
    sys::path::append(Git, ".git");
    if (sys::fs::exists(Git))
      break;
  }
  SmallString<256> CwdBuild(absolute("build"));
  sys::path::append(CwdBuild, "compile_commands.json");
  Candidates.push_back(std::string(CwdBuild));
  for (const std::string &Candidate : Candidates)
    if (sys::fs::is_regular_file(Candidate)) {
      Found = Candidate;
      return loadJsonDatabase(Candidate);
    }
  error("no compile_commands.json found (searched from '" + Start +
        "' up to '" + Top + "', in build/ beside each, and in ./build); pass "
        "-p <build dir>, or give the compiler flags after '--'");
  return nullptr;
}

/// Runs Parse with standard error going to an unnamed temporary file and
/// returns what was written there. llvm::cl reports a bad command line on
/// llvm::errs() (a missing or bad option value) whatever stream it is
/// given, in one to three lines; captured, it becomes one leaklint error.
/// The file is unlinked at once, so nothing is left behind if parsing exits
/// (--help, --version).
std::string captureStderr(function_ref<bool()> Parse, bool &Parsed) {
  int TempFD = -1;
  SmallString<128> TempPath;
  if (sys::fs::createTemporaryFile("leaklint-usage", "txt", TempFD, TempPath)) {
    Parsed = Parse(); // uncaptured, but still reported
    return {};
  }
  sys::fs::remove(TempPath);
  errs().flush();
  int SavedStderr = ::dup(STDERR_FILENO);
  ::dup2(TempFD, STDERR_FILENO);
  Parsed = Parse();
  errs().flush();
  ::dup2(SavedStderr, STDERR_FILENO);
  ::close(SavedStderr);
  std::string Text;
  char Chunk[4096];
  ::lseek(TempFD, 0, SEEK_SET);
  for (ssize_t N; (N = ::read(TempFD, Chunk, sizeof(Chunk))) > 0;)
    Text.append(Chunk, N);
  ::close(TempFD);
  return Text;
}

/// Whether Name (as llvm::cl suggests it: "--fix", "-p") is one of
/// leaklint's own options, not one of the LLVM options hidden by --help.
bool isOwnOption(StringRef Name, const cl::OptionCategory &Category) {
  Name = Name.ltrim('-').take_until([](char C) { return C == '='; });
  cl::Option *O = cl::getRegisteredOptions().lookup(Name);
  return O && is_contained(O->Categories, &Category);
}

/// Turns what llvm::cl printed about a bad command line ("leaklint: Unknown
/// command line argument '--fixx'.  Try: 'leaklint --help'", then
/// "leaklint: Did you mean '--fix'?"; or "leaklint: for the -p option:
/// requires a value!") into the one line every other usage error has.
std::string usageError(StringRef ClText, const cl::OptionCategory &Category) {
  SmallVector<StringRef, 4> Lines;
  ClText.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  std::string Problem, Suggestion;
  for (StringRef Line : Lines) {
    Line = Line.trim();
    Line.consume_front("leaklint: ");
    if (Line.consume_front("Did you mean '")) {
      StringRef Name = Line.take_until([](char C) { return C == '\''; });
      if (isOwnOption(Name, Category))
        Suggestion = ("did you mean '" + Name + "'?").str();
    } else if (Problem.empty()) {
      Problem = Line.take_front(Line.find("  Try:")).rtrim(".!").str();
    }
  }
  if (Problem.empty())
    Problem = "invalid command line";
  Problem[0] = toLower(Problem[0]);
  if (!Suggestion.empty())
    Problem += "; " + Suggestion;
  return Problem + " (see --help)";
}

/// Parses "-j N": a positive number.
std::optional<unsigned> parseJobs(StringRef Text) {
  unsigned N = 0;
  if (Text.getAsInteger(10, N) || N == 0)
    return std::nullopt;
  return N;
}

/// Parses a size such as 4096, 512K, 16M or 1G; 0 means no limit.
std::optional<uint64_t> parseSize(StringRef Text) {
  uint64_t Scale = 1;
  if (Text.ends_with_insensitive("k"))
    Scale = 1ull << 10;
  else if (Text.ends_with_insensitive("m"))
    Scale = 1ull << 20;
  else if (Text.ends_with_insensitive("g"))
    Scale = 1ull << 30;
  if (Scale != 1)
    Text = Text.drop_back();
  uint64_t N = 0;
  if (Text.empty() || Text.getAsInteger(10, N))
    return std::nullopt;
  return N * Scale;
}

/// Turns escapes a path into a regex that matches it and everything below.
std::string directoryRegex(StringRef Dir) {
  return "^" + Regex::escape(Dir) + "/";
}

std::unique_ptr<raw_fd_ostream> openOutput(StringRef Path) {
  if (Path.empty() || Path == "-")
    return std::make_unique<raw_fd_ostream>(1, /*shouldClose=*/false);
  std::error_code EC;
  auto OS = std::make_unique<raw_fd_ostream>(Path, EC, sys::fs::OF_Text);
  if (EC) {
    error("cannot write '" + Path + "': " + EC.message());
    return nullptr;
  }
  return OS;
}

/// The leaklint command a cluster worker runs for a shard: what this run
/// analyses, how, and with which cache, but none of the report's options
/// (the report is made here). \p CompilerArgs are those after "--".
std::vector<std::string>
workerCommand(const CommandLine &CL, const std::string &Exe,
              const std::string &DatabaseFile, ArrayRef<std::string> Files,
              const std::optional<std::vector<std::string>> &CompilerArgs) {
  std::vector<std::string> Cmd = {Exe, "-j", "1", "--quiet",
                                  "--max-file-size=" + CL.MaxFileSize};
  if (!DatabaseFile.empty())
    Cmd.push_back("-p=" + sys::path::parent_path(DatabaseFile).str());
  if (CL.Checks.getNumOccurrences())
    Cmd.push_back("--checks=" + CL.Checks);
  if (!CL.ConfigFile.empty())
    Cmd.push_back("--config-file=" + absolute(CL.ConfigFile));
  if (!CL.Config.empty())
    Cmd.push_back("--config=" + CL.Config);
  if (CL.HeaderFilter.getNumOccurrences())
    Cmd.push_back("--header-filter=" + CL.HeaderFilter);
  for (const std::string &Arg : CL.ExtraArgs)
    Cmd.push_back("--extra-arg=" + Arg);
  if (CL.NoCache)
    Cmd.push_back("--no-cache");
  else if (!CL.CacheDir.empty())
    Cmd.push_back("--cache-dir=" + absolute(CL.CacheDir));
  Cmd.insert(Cmd.end(), Files.begin(), Files.end());
  if (CompilerArgs) {
    Cmd.push_back("--");
    Cmd.insert(Cmd.end(), CompilerArgs->begin(), CompilerArgs->end());
  }
  return Cmd;
}

int run(int Argc, const char **Argv) {
  // What follows "--", as given, for the commands of cluster workers.
  std::optional<std::vector<std::string>> CompilerArgs;
  for (int I = 1; I < Argc; ++I)
    if (StringRef(Argv[I]) == "--") {
      CompilerArgs.emplace(Argv + I + 1, Argv + Argc);
      break;
    }
  // Compiler flags after "--" make a fixed database, as with clang-tidy. This
  // must happen before option parsing, which would reject them.
  std::string FixedError;
  std::unique_ptr<tooling::CompilationDatabase> FixedDB =
      tooling::FixedCompilationDatabase::loadFromCommandLine(Argc, Argv,
                                                             FixedError);

  CommandLine CL;
  cl::HideUnrelatedOptions(CL.Category);
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "leaklint " LEAKLINT_VERSION " (LLVM " LLVM_VERSION_STRING ")\n";
  });
  bool Parsed = false;
  std::string ClErrors = captureStderr(
      [&] {
        return cl::ParseCommandLineOptions(
            Argc, Argv,
            "leaklint: finds leak-prone C++ code and proposes the fix.\n\n"
            "  leaklint [options] [files...] [-- compiler args]\n\n"
            "Without files, every file of the compilation database is "
            "analysed.\nExit status: 0 no findings, 1 findings, 2 leaklint "
            "could not do its job.\n",
            &errs()); // given a stream, llvm::cl returns instead of exiting
      },
      Parsed);
  if (!Parsed) {
    error(usageError(ClErrors, CL.Category));
    return ExitFailure;
  }

  AnalysisOptions Opts;
  if (CL.Checks.getNumOccurrences())
    Opts.Checks = CL.Checks;
  if (!CL.ConfigFile.empty() && !CL.Config.empty()) {
    error("--config-file and --config cannot be used together");
    return ExitFailure;
  }
  if (!CL.ConfigFile.empty()) {
    auto Text = MemoryBuffer::getFile(CL.ConfigFile, /*IsText=*/true);
    if (!Text) {
      error("cannot read '" + CL.ConfigFile + "': " + Text.getError().message());
      return ExitFailure;
    }
    Opts.ConfigYAML = (*Text)->getBuffer().str();
  } else if (!CL.Config.empty()) {
    Opts.ConfigYAML = CL.Config;
  }
  Opts.HeaderFilterGiven = CL.HeaderFilter.getNumOccurrences() > 0;
  Opts.HeaderFilterRegex = Opts.HeaderFilterGiven
                               ? std::string(CL.HeaderFilter)
                               : directoryRegex(absolute("."));
  if (std::string Why; !Regex(Opts.HeaderFilterRegex).isValid(Why)) {
    error("invalid --header-filter: " + Why);
    return ExitFailure;
  }

  unsigned Jobs = 0; // all cores
  if (CL.Jobs.getNumOccurrences()) {
    std::optional<unsigned> N = parseJobs(CL.Jobs);
    if (!N) {
      error("-j needs a positive number of jobs, not '" + CL.Jobs + "'");
      return ExitFailure;
    }
    Jobs = *N;
  }
  std::optional<uint64_t> MaxFileSize = parseSize(CL.MaxFileSize);
  if (!MaxFileSize) {
    error("--max-file-size needs a size such as 4096, 512K or 16M, not '" +
          CL.MaxFileSize + "'");
    return ExitFailure;
  }

  // A quarter of the machine's memory (none if it cannot tell), unless told.
  long Pages = sysconf(_SC_PHYS_PAGES), PageSize = sysconf(_SC_PAGE_SIZE);
  std::optional<uint64_t> KeepBytes =
      !CL.WholeProgramMemory.empty() ? parseSize(CL.WholeProgramMemory)
      : Pages > 0 && PageSize > 0    ? uint64_t(Pages) * PageSize / 4
                                     : 0;
  if (!KeepBytes) {
    error("--whole-program-memory needs a size such as 512M or 4G, not '" +
          CL.WholeProgramMemory + "'");
    return ExitFailure;
  }

  std::optional<std::pair<unsigned, unsigned>> Sharding;
  if (!CL.Shard.empty()) {
    Sharding = parseShard(CL.Shard);
    if (!Sharding) {
      error("--shard needs K/N with 1 <= K <= N, not '" + CL.Shard + "'");
      return ExitFailure;
    }
    if (CL.ShardDir.empty()) {
      error("--shard needs --shard-dir: where to write its results");
      return ExitFailure;
    }
    if (CL.WholeProgram || !CL.Merge.empty() || CL.Fix) {
      error("--shard cannot be used with --whole-program, --merge or --fix");
      return ExitFailure;
    }
  }
  if (!CL.Scheduler.empty() &&
      (CL.WholeProgram || Sharding || !CL.Merge.empty())) {
    error("--scheduler cannot be used with --whole-program, --shard or "
          "--merge");
    return ExitFailure;
  }
  if (!CL.Merge.empty() && (CL.WholeProgram || !CL.Files.empty())) {
    error("--merge reports what the shards found: it takes no files and no "
          "--whole-program");
    return ExitFailure;
  }

  std::vector<std::string> Files;
  for (const std::string &F : CL.Files) {
    sys::fs::file_status Status;
    if (sys::fs::status(F, Status) || !sys::fs::exists(Status)) {
      error("no such file: '" + F + "'");
      return ExitFailure;
    }
    if (sys::fs::is_directory(Status)) {
      error("'" + F + "' is a directory; name source files");
      return ExitFailure;
    }
    if (!sys::fs::is_regular_file(Status)) { // /dev/null, a pipe
      error("'" + F + "' is not a regular file; name source files");
      return ExitFailure;
    }
    Files.push_back(absolute(F));
  }

  std::vector<std::string> Enabled, ConfigWarnings;
  SmallString<256> Probe(Files.empty() ? absolute(".")
                                       : sys::path::parent_path(Files.front()));
  sys::path::append(Probe, "leaklint-probe.cpp");
  if (std::string Why =
          validateOptions(Opts, Probe, Files, Enabled, ConfigWarnings);
      !Why.empty()) {
    error(Why);
    return ExitFailure;
  }
  for (const std::string &W : ConfigWarnings)
    errs() << "leaklint: warning: " << W << "\n";
  if (CL.ListChecks) {
    outs() << "Enabled checks:\n";
    for (const std::string &Name : Enabled)
      outs() << "    " << Name << "\n";
    return ExitClean;
  }

  std::vector<UnitResult> Results;
  if (!CL.Merge.empty()) {
    if (std::string Why = readShards(CL.Merge, Results); !Why.empty()) {
      error(Why);
      return ExitFailure;
    }
    Files.clear();
    for (const UnitResult &R : Results)
      Files.push_back(R.File);
  } else {
    std::string DatabaseFile; // compile_commands.json, when one is used
    bool FixedFlags = FixedDB != nullptr;
    std::unique_ptr<tooling::CompilationDatabase> DB =
        FixedDB ? std::move(FixedDB) : findDatabase(CL, Files, DatabaseFile);
    if (!DB)
      return ExitFailure;
    if (Files.empty()) {
      Files = DB->getAllFiles();
      if (Files.empty()) {
        error("the compilation database lists no files");
        return ExitFailure;
      }
    }
    if (Sharding)
      Files = shardOf(Files, Sharding->first, Sharding->second);
    // A huge (usually generated) file would take minutes to parse: refuse it
    // up front rather than appear to hang.
    if (*MaxFileSize) {
      bool TooBig = false;
      for (const std::string &F : Files) {
        uint64_t Size = 0;
        if (!sys::fs::file_size(F, Size) && Size > *MaxFileSize) {
          error("'" + F + "' is " + Twine(Size) + " bytes, more than "
                "--max-file-size=" + CL.MaxFileSize + "; not analysed (raise "
                "the limit, or --max-file-size=0 for none)");
          TooBig = true;
        }
      }
      if (TooBig)
        return ExitFailure;
    }
    PreparedCommands Commands =
        prepareCommands(std::move(DB), Files, CL.ExtraArgs);
    for (const std::string &Why : Commands.Errors)
      error(Why);
    if (!Commands.Errors.empty())
      return ExitFailure;
    if (!CL.Quiet)
      for (const std::string &Note : Commands.Notes)
        note(Note);

    bool ShowProgress = !CL.Quiet && Files.size() > 4 &&
                        sys::Process::StandardErrIsDisplayed();
    size_t Done = 0;
    auto Progress = [&](const std::string &File) {
      ++Done;
      if (ShowProgress)
        errs() << "\r\033[K[" << Done << "/" << Files.size() << "] "
               << sys::path::filename(File);
    };
    // The cache: --cache-dir, else beside compile_commands.json (a cluster's
    // workers use theirs).
    std::string Dir = CL.CacheDir;
    if (Dir.empty() && !DatabaseFile.empty()) {
      SmallString<256> Beside(sys::path::parent_path(DatabaseFile));
      sys::path::append(Beside, ".leaklint-cache");
      Dir = std::string(Beside);
    }
    std::optional<ResultCache> Cache;
    if (!CL.NoCache && !Dir.empty() && CL.Scheduler.empty()) {
      std::string Why;
      Cache = ResultCache::open(Dir, toolSalt(Argv[0], (void *)&error), Why);
      if (!Cache && !CL.Quiet)
        note(Why + "; analysing without a cache");
    }
    if (!CL.Scheduler.empty()) {
      ClusterRequest Request;
      Request.Scheduler = CL.Scheduler;
      Request.Command = workerCommand(
          CL, sys::fs::getMainExecutable(Argv[0], (void *)&error),
          DatabaseFile,
          // Named files, or (none named) the database's, as the workers see it.
          CL.Files.empty() ? std::vector<std::string>() : Files,
          FixedFlags ? CompilerArgs : std::nullopt);
      Request.WorkingDir = absolute(".");
      Request.Tasks = clusterTasks(Files.size());
      if (std::string Why =
              runOnCluster(Request, Argv[0], (void *)&error, Results);
          !Why.empty()) {
        error(Why);
        return ExitFailure;
      }
      Files.clear();
      for (const UnitResult &R : Results)
        Files.push_back(R.File);
    } else if (CL.WholeProgram) {
      WholeProgramRun Run =
          analyzeWholeProgram(*Commands.Database, Files, Opts, Jobs,
                              /*MaxRounds=*/16, *KeepBytes,
                              Progress,
                              Cache ? &*Cache : nullptr);
      if (ShowProgress)
        errs() << "\r\033[K";
      if (!Run.Error.empty()) {
        error(Run.Error);
        return ExitFailure;
      }
      if (CL.WholeProgramStats) {
        std::string Units;
        for (size_t N : Run.UnitsPerRound)
          Units += (Units.empty() ? "" : " ") + std::to_string(N);
        note("whole program: " + Twine(Run.Summaries) + " summaries, " +
             Twine(Run.Rounds) + " rounds, units analysed per round: " + Units +
             ", of them without parsing: " + Twine(Run.Unparsed) +
             " (units kept: " + Twine(Run.KeptUnits) + ", " +
             formatv("{0:F1}", Run.KeptBytes / double(1 << 20)) + " MiB)");
      }
      if (CL.CacheStats) {
        size_t Analyses = 0;
        for (size_t N : Run.UnitsPerRound)
          Analyses += N;
        note("cache: " + Twine(Run.Reused) + " of " + Twine(Analyses) +
             " analyses reused" + (Cache ? "" : " (no cache)"));
      }
      if (Run.Unsettled)
        note("whole program: the summaries still changed after " +
             Twine(Run.Rounds) + " rounds (calls chained across more files); "
             "findings behind the longest chains may be missing");
      Results = std::move(Run.Results);
    } else {
      size_t Reused = 0;
      Results = analyze(*Commands.Database, Files, Opts, Jobs, Progress,
                        Cache ? &*Cache : nullptr, &Reused);
      if (ShowProgress)
        errs() << "\r\033[K";
      if (CL.CacheStats)
        note("cache: " + Twine(Reused) + " of " + Twine(Files.size()) +
             " files reused" + (Cache ? "" : " (no cache)"));
    }
    if (Sharding) {
      if (std::string Why = writeShard(CL.ShardDir, Sharding->first,
                                       Sharding->second, Results);
          !Why.empty()) {
        error(Why);
        return ExitFailure;
      }
      return ExitClean; // the merge reports
    }
  }

  bool Failed = false;
  std::vector<Finding> Findings;
  std::vector<std::string> Unparsed;
  AnalysedContents Analysed;
  for (UnitResult &R : Results) {
    mergeAnalysed(Analysed, R.Analysed);
    if (!R.Failure.empty()) {
      error(R.File + ": " + R.Failure);
      Failed = true;
    }
    bool UnitFailed = llvm::any_of(
        R.Findings, [](const Finding &F) { return F.isToolError(); });
    for (Finding &F : R.Findings)
      // A unit with errors reports only them: its AST, patched up by the
      // parser's recovery, may not be what the code means (a statement
      // dropped, a declaration lost), and what the checks say of it neither.
      if (!UnitFailed || F.isToolError())
        Findings.push_back(std::move(F));
    if (UnitFailed)
      Unparsed.push_back(R.File);
    Failed |= UnitFailed;
  }
  // Headers seen by several units report the same finding once.
  llvm::sort(Findings);
  Findings.erase(std::unique(Findings.begin(), Findings.end(),
                             [](const Finding &L, const Finding &R) {
                               return !(L < R) && !(R < L);
                             }),
                 Findings.end());

  std::string SourceRoot =
      absolute(CL.SourceRoot.empty() ? StringRef(".") : StringRef(CL.SourceRoot));
  assignFingerprints(Findings, SourceRoot);
  if (!CL.Baseline.empty()) {
    if (std::string Why = applyBaseline(CL.Baseline, Findings); !Why.empty()) {
      error(Why);
      return ExitFailure;
    }
    // SARIF says which are new; the other reports show only those.
    if (CL.OutputFormat != Format::Sarif)
      llvm::erase_if(Findings, [](const Finding &F) {
        return F.BaselineState == "unchanged";
      });
  }

  std::unique_ptr<raw_fd_ostream> OS = openOutput(CL.Output);
  if (!OS)
    return ExitFailure;
  bool ReportOnStdout = CL.Output.empty() || CL.Output == "-";
  switch (CL.OutputFormat) {
  case Format::Text:
    writeText(Findings, *OS,
              ReportOnStdout && sys::Process::StandardOutIsDisplayed());
    break;
  case Format::Json:
    writeJson(Findings, *OS);
    break;
  case Format::Sarif:
    writeSarif(Findings, SourceRoot, *OS);
    break;
  }
  OS->flush();
  if (OS->has_error()) {
    error("cannot write the report: " + OS->error().message());
    OS->clear_error();
    return ExitFailure;
  }

  // Compiler errors are in the report; when that is not a text report on
  // the terminal, repeat them on stderr so that a CI log shows why the run
  // failed.
  if (!Unparsed.empty()) {
    if (CL.OutputFormat != Format::Text || !ReportOnStdout) {
      std::vector<Finding> Errors;
      for (const Finding &F : Findings)
        if (F.isToolError())
          Errors.push_back(F);
      writeText(Errors, errs(), sys::Process::StandardErrHasColors());
    }
    bool OnlyCompilerErrors = llvm::all_of(Findings, [](const Finding &F) {
      return !F.isToolError() || F.Check == "clang-diagnostic-error";
    });
    error("could not analyse " + Twine(Unparsed.size()) + " of " +
          Twine(Files.size()) + " files: " +
          (OnlyCompilerErrors
               ? "the compiler reported errors; fix them or the compile flags"
               : "see the errors above"));
  }

  if (!CL.ExportFixes.empty() && !exportFixes(Findings, CL.ExportFixes, errs()))
    Failed = true;
  if (CL.Fix && !Unparsed.empty()) {
    // An AST with errors in it may not be what the code means: as
    // clang-tidy does, change nothing.
    note("no fixes applied: there were errors");
  } else if (CL.Fix) {
    FixSummary Summary;
    if (!applyFixes(Findings, Analysed, Summary, errs()))
      Failed = true;
    if (!CL.Quiet && Summary.Proposed)
      note("applied " + Twine(Summary.Applied) + " of " +
           Twine(Summary.Proposed) + " fixes in " + Twine(Summary.Files) +
           (Summary.Files == 1 ? " file" : " files"));
  }

  if (Failed)
    return ExitFailure;
  bool AnyWarning = llvm::any_of(Findings, [](const Finding &F) {
    return !F.isToolError() && F.BaselineState != "unchanged";
  });
  return AnyWarning ? ExitFindings : ExitClean;
}

} // namespace
} // namespace leaklint

int main(int Argc, const char **Argv) {
  llvm::InitLLVM Init(Argc, Argv);
  return leaklint::run(Argc, Argv);
}
