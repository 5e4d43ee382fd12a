//===--- CompileCommands.cpp - the compile commands leaklint runs ---------===//

#include "CompileCommands.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Driver/Compilation.h"
#include "clang/Driver/Driver.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/TargetParser/Host.h"
#include <map>

using namespace llvm;
namespace tooling = clang::tooling;

namespace leaklint {
namespace {

/// The compile commands that the analysis reads: those prepared here, for
/// the files to analyse.
class PreparedDatabase : public tooling::CompilationDatabase {
public:
  void add(const std::string &File, std::vector<tooling::CompileCommand> Cmds) {
    Commands[File] = std::move(Cmds);
  }

  std::vector<tooling::CompileCommand>
  getCompileCommands(StringRef File) const override {
    auto It = Commands.find(File.str());
    return It == Commands.end() ? std::vector<tooling::CompileCommand>()
                                : It->second;
  }
  std::vector<std::string> getAllFiles() const override {
    std::vector<std::string> Files;
    for (const auto &Entry : Commands)
      Files.push_back(Entry.first);
    return Files;
  }
  std::vector<tooling::CompileCommand> getAllCompileCommands() const override {
    std::vector<tooling::CompileCommand> All;
    for (const auto &Entry : Commands)
      llvm::append_range(All, Entry.second);
    return All;
  }

private:
  std::map<std::string, std::vector<tooling::CompileCommand>> Commands;
};

/// Path made absolute in Dir, itself relative to the process's directory
/// when it is relative (a database given after '--' runs in ".").
std::string absoluteIn(StringRef Dir, StringRef Path) {
  SmallString<256> Base(Dir);
  sys::fs::make_absolute(Base);
  SmallString<256> Abs(Path);
  sys::fs::make_absolute(Base, Abs);
  sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

/// What clang's driver makes of a command line: whether it compiles the
/// file at all (a file named without a C or C++ extension is taken for
/// something to link, and nothing is compiled).
struct DriverVerdict {
  bool Compiles = false;
};

/// Runs clang's driver on Args as the analysis will (-fsyntax-only, in Dir),
/// without running anything it plans.
DriverVerdict askDriver(ArrayRef<std::string> Args, StringRef Dir) {
  DriverVerdict Verdict;
  clang::IgnoringDiagConsumer Ignore; // the analysis reports them
  clang::DiagnosticsEngine Diags(makeIntrusiveRefCnt<clang::DiagnosticIDs>(),
                                 makeIntrusiveRefCnt<clang::DiagnosticOptions>(),
                                 &Ignore, /*ShouldOwnClient=*/false);
  IntrusiveRefCntPtr<vfs::FileSystem> FS(vfs::createPhysicalFileSystem());
  FS->setCurrentWorkingDirectory(Dir);
  clang::driver::Driver Driver(Args.front(), sys::getDefaultTargetTriple(),
                               Diags, "leaklint", FS);
  Driver.setCheckInputsExist(false);
  std::vector<const char *> Argv{Args.front().c_str(), "-fsyntax-only"};
  for (const std::string &A : Args.drop_front())
    Argv.push_back(A.c_str());
  std::unique_ptr<clang::driver::Compilation> C(Driver.BuildCompilation(Argv));
  Verdict.Compiles = C && !C->getJobs().empty();
  return Verdict;
}

/// Prepares one compile command: the --extra-arg flags added, -Werror and
/// friends dropped.
class CommandCleaner {
public:
  explicit CommandCleaner(ArrayRef<std::string> ExtraArgs)
      : ExtraArgs(ExtraArgs) {}

  /// Returns false if clang would not compile the file.
  bool clean(tooling::CompileCommand &Cmd) {
    std::vector<std::string> &Args = Cmd.CommandLine;
    if (Args.empty())
      return false;
    addExtraArgs(Args);
    dropWarningsAsErrors(Args);
    return askDriver(Args, Cmd.Directory).Compiles;
  }

private:
  /// Before a "--" that ends the flags, if there is one, as
  /// tooling::getInsertArgumentAdjuster does.
  void addExtraArgs(std::vector<std::string> &Args) const {
    Args.insert(llvm::find(Args, "--"), ExtraArgs.begin(), ExtraArgs.end());
  }

  /// A warning that the project's -Werror makes an error (often one that
  /// clang emits and the project's gcc does not) is not a reason to fail the
  /// analysis of code that parses: warnings stay warnings.
  static void dropWarningsAsErrors(std::vector<std::string> &Args) {
    llvm::erase_if(Args, [](StringRef Arg) {
      return Arg == "-Werror" || Arg.starts_with("-Werror=") ||
             Arg == "-pedantic-errors";
    });
  }

  ArrayRef<std::string> ExtraArgs;
};

/// Why File has no compile command at all.
std::string noCommand(StringRef File, bool EmptyDatabase) {
  return ("no compile command for '" + File + "': " +
          (EmptyDatabase ? "the compilation database is empty"
                         : "the compilation database has none for it, and "
                           "no file to infer its flags from"))
      .str();
}

} // namespace

PreparedCommands
prepareCommands(std::unique_ptr<tooling::CompilationDatabase> DB,
                ArrayRef<std::string> Files, ArrayRef<std::string> ExtraArgs) {
  PreparedCommands Result;
  bool EmptyDatabase = DB->getAllFiles().empty();
  // A file the database does not list gets the flags of its nearest
  // neighbour (same directory, similar name): a guess, so it is noted.
  std::unique_ptr<tooling::CompilationDatabase> Inferring =
      tooling::inferMissingCompileCommands(std::move(DB));
  auto Prepared = std::make_unique<PreparedDatabase>();
  CommandCleaner Cleaner(ExtraArgs);
  for (const std::string &File : Files) {
    // The command line checked the files it named; these come from the
    // database.
    if (!sys::fs::is_regular_file(File)) {
      Result.Errors.push_back("'" + File +
                              "' does not exist (is the compilation database "
                              "out of date?)");
      continue;
    }
    std::vector<tooling::CompileCommand> Cmds =
        Inferring->getCompileCommands(File);
    if (Cmds.empty()) {
      Result.Errors.push_back(noCommand(File, EmptyDatabase));
      continue;
    }
    if (!Cmds.front().Heuristic.empty())
      Result.Notes.push_back("'" + File +
                             "' is not in the compilation database; using "
                             "flags " +
                             Cmds.front().Heuristic);
    for (tooling::CompileCommand &Cmd : Cmds) {
      // ClangTool would stop the process with "Cannot chdir".
      Cmd.Directory = absoluteIn(Cmd.Directory, ".");
      if (!sys::fs::is_directory(Cmd.Directory)) {
        Result.Errors.push_back("the compile command for '" + File +
                                "' runs in '" + Cmd.Directory +
                                "', which does not exist (is the "
                                "compilation database out of date?)");
        break;
      }
      Cmd.Filename = File;
      if (!Cleaner.clean(Cmd)) {
        Result.Errors.push_back(
            "'" + File +
            "' is not a file clang compiles: its name has no C or C++ "
            "extension (name its language with -x c++ in its compile "
            "command)");
        break;
      }
    }
    Prepared->add(File, std::move(Cmds));
  }
  Result.Database = std::move(Prepared);
  return Result;
}

} // namespace leaklint
