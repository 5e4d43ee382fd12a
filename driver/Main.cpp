//===--- Main.cpp - the leaklint command ----------------------------------===//
//
// leaklint [options] [files...] [-- compiler args]
//
// Exit status: 0 no findings, 1 findings, 2 leaklint could not do its job
// (usage error, no compile command, a file that does not parse, a crash).
//
//===----------------------------------------------------------------------===//

#include "Analyzer.h"
#include "Fixes.h"
#include "Report.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>

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
                    "searched upward from the files, then ./build)"),
      cl::value_desc("dir"), cl::cat(Category)};
  cl::opt<unsigned> Jobs{"j",
                         cl::desc("Translation units analysed in parallel "
                                  "(default: all cores)"),
                         cl::init(0), cl::value_desc("n"), cl::cat(Category)};
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
  cl::opt<bool> Quiet{"quiet", cl::desc("No progress line, no notes about "
                                        "inferred compile commands"),
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

/// Finds the compile database: -p, else upward from the first file, else
/// ./build. Returns null and explains why on failure.
std::unique_ptr<tooling::CompilationDatabase>
findDatabase(const CommandLine &CL, ArrayRef<std::string> Files) {
  std::string Error;
  if (!CL.BuildPath.empty()) {
    auto DB = tooling::CompilationDatabase::loadFromDirectory(CL.BuildPath, Error);
    if (!DB)
      error("cannot use the compilation database in '" + CL.BuildPath +
            "': " + Error);
    return DB;
  }
  SmallVector<std::string, 3> Starts;
  if (!Files.empty())
    Starts.push_back(std::string(sys::path::parent_path(absolute(Files.front()))));
  Starts.push_back(absolute("."));
  Starts.push_back(absolute("build"));
  for (const std::string &Start : Starts) {
    if (!sys::fs::is_directory(Start))
      continue;
    if (auto DB = tooling::CompilationDatabase::autoDetectFromDirectory(Start, Error))
      return DB;
    // A database that exists but does not load is an error, not a miss.
    SmallString<256> Candidate(Start);
    sys::path::append(Candidate, "compile_commands.json");
    if (sys::fs::exists(Candidate)) {
      auto DB = tooling::JSONCompilationDatabase::loadFromFile(
          Candidate, Error, tooling::JSONCommandLineSyntax::AutoDetect);
      if (!DB) {
        error("cannot read '" + Candidate + "': " + Error);
        return nullptr;
      }
      return DB;
    }
  }
  error("no compile_commands.json found (searched upward from '" +
        Starts.front() + "' and in ./build); pass -p <build dir>, or give "
        "the compiler flags after '--'");
  return nullptr;
}

/// Turns escapes a path into a regex that matches it and everything below.
std::string directoryRegex(StringRef Dir) {
  return "^" + Regex::escape(Dir) + "/";
}

std::unique_ptr<raw_ostream> openOutput(StringRef Path) {
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

int run(int Argc, const char **Argv) {
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
  if (!cl::ParseCommandLineOptions(
          Argc, Argv,
          "leaklint: finds leak-prone C++ code and proposes the fix.\n\n"
          "  leaklint [options] [files...] [-- compiler args]\n\n"
          "Without files, every file of the compilation database is "
          "analysed.\nExit status: 0 no findings, 1 findings, 2 leaklint "
          "could not do its job.\n",
          &errs()))
    return ExitFailure;

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
  Opts.HeaderFilterRegex = CL.HeaderFilter.getNumOccurrences()
                               ? std::string(CL.HeaderFilter)
                               : directoryRegex(absolute("."));
  if (std::string Why; !Regex(Opts.HeaderFilterRegex).isValid(Why)) {
    error("invalid --header-filter: " + Why);
    return ExitFailure;
  }
  Opts.ExtraArgs.assign(CL.ExtraArgs.begin(), CL.ExtraArgs.end());

  std::vector<std::string> Enabled;
  if (std::string Why = validateOptions(Opts, Enabled); !Why.empty()) {
    error(Why);
    return ExitFailure;
  }
  if (CL.ListChecks) {
    outs() << "Enabled checks:\n";
    for (const std::string &Name : Enabled)
      outs() << "    " << Name << "\n";
    return ExitClean;
  }

  std::vector<std::string> Files;
  for (const std::string &F : CL.Files) {
    if (!sys::fs::exists(F)) {
      error("no such file: '" + F + "'");
      return ExitFailure;
    }
    if (sys::fs::is_directory(F)) {
      error("'" + F + "' is a directory; name source files");
      return ExitFailure;
    }
    Files.push_back(absolute(F));
  }

  std::unique_ptr<tooling::CompilationDatabase> DB =
      FixedDB ? std::move(FixedDB) : findDatabase(CL, Files);
  if (!DB)
    return ExitFailure;
  if (Files.empty()) {
    Files = DB->getAllFiles();
    if (Files.empty()) {
      error("the compilation database lists no files");
      return ExitFailure;
    }
  }
  // A file the database does not list gets the flags of its nearest
  // neighbour (same directory, similar name); say so, since those flags are
  // a guess.
  std::vector<std::string> Unlisted;
  for (const std::string &F : Files)
    if (DB->getCompileCommands(F).empty())
      Unlisted.push_back(F);
  DB = tooling::inferMissingCompileCommands(std::move(DB));
  if (!CL.Quiet)
    for (const std::string &F : Unlisted) {
      std::vector<tooling::CompileCommand> Inferred = DB->getCompileCommands(F);
      if (Inferred.empty() || Inferred.front().Heuristic.empty())
        continue;
      note("'" + F + "' is not in the compilation database; using flags " +
           Inferred.front().Heuristic);
    }

  bool ShowProgress = !CL.Quiet && Files.size() > 4 &&
                      sys::Process::StandardErrIsDisplayed();
  size_t Done = 0;
  auto Progress = [&](const std::string &File) {
    ++Done;
    if (ShowProgress)
      errs() << "\r\033[K[" << Done << "/" << Files.size() << "] "
             << sys::path::filename(File);
  };
  std::vector<UnitResult> Results =
      analyze(*DB, Files, Opts, CL.Jobs, Progress);
  if (ShowProgress)
    errs() << "\r\033[K";

  bool Failed = false;
  std::vector<Finding> Findings;
  for (UnitResult &R : Results) {
    if (!R.Failure.empty()) {
      error(R.File + ": " + R.Failure);
      Failed = true;
    }
    for (Finding &F : R.Findings) {
      Failed |= F.isToolError();
      Findings.push_back(std::move(F));
    }
  }
  // Headers seen by several units report the same finding once.
  llvm::sort(Findings);
  Findings.erase(std::unique(Findings.begin(), Findings.end(),
                             [](const Finding &L, const Finding &R) {
                               return !(L < R) && !(R < L);
                             }),
                 Findings.end());

  std::unique_ptr<raw_ostream> OS = openOutput(CL.Output);
  if (!OS)
    return ExitFailure;
  switch (CL.OutputFormat) {
  case Format::Text:
    writeText(Findings, *OS,
              CL.Output.empty() && sys::Process::StandardOutIsDisplayed());
    break;
  case Format::Json:
    writeJson(Findings, *OS);
    break;
  case Format::Sarif:
    writeSarif(Findings, absolute("."), *OS);
    break;
  }
  OS->flush();

  if (!CL.ExportFixes.empty() && !exportFixes(Findings, CL.ExportFixes, errs()))
    Failed = true;
  if (CL.Fix && !applyFixes(Findings, errs()))
    Failed = true;

  if (Failed)
    return ExitFailure;
  bool AnyWarning = llvm::any_of(
      Findings, [](const Finding &F) { return !F.isToolError(); });
  return AnyWarning ? ExitFindings : ExitClean;
}

} // namespace
} // namespace leaklint

int main(int Argc, const char **Argv) {
  llvm::InitLLVM Init(Argc, Argv);
  return leaklint::run(Argc, Argv);
}
