//===--- CompileCommands.cpp - the compile commands leaklint runs ---------===//

#include "CompileCommands.h"
#include "LlvmCompat.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticDriver.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Driver/Compilation.h"
#include "clang/Driver/Driver.h"
#if LLVM_VERSION_MAJOR >= 22
#include "clang/Options/Options.h"
#else
#include "clang/Driver/Options.h"
#endif
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/TargetParser/Host.h"
#include <map>

using namespace llvm;
namespace tooling = clang::tooling;
#if LLVM_VERSION_MAJOR >= 22
namespace options = clang::options;
using clang::getDriverOptTable;
#else
namespace options = clang::driver::options;
using clang::driver::getDriverOptTable;
#endif

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
  clang::tidy::leaklint::compat::makeAbsolute(Base, Abs);
  SmallString<256> Clean(Abs);
  sys::path::remove_dots(Clean, /*remove_dot_dot=*/true);
  // `lnk/../inc` with `lnk` a symbolic link is not `inc`: where dropping
  // the `..` names nothing that exists, keep it (only the `.` go).
  if (!sys::fs::exists(Clean) && sys::fs::exists(Abs)) {
    sys::path::remove_dots(Abs, /*remove_dot_dot=*/false);
    return std::string(Abs);
  }
  return std::string(Clean);
}

/// A command line as clang's driver parses it, to be rewritten one argument
/// (an option with its values, or an input) at a time.
class ParsedCommandLine {
public:
  /// Args[0] is the compiler.
  explicit ParsedCommandLine(ArrayRef<std::string> Args) : Args(Args) {
    for (const std::string &A : Args.drop_front())
      Pointers.push_back(A.c_str());
    unsigned MissingIndex = 0, MissingCount = 0;
    Parsed = getDriverOptTable().ParseArgs(
        Pointers, MissingIndex, MissingCount,
        opt::Visibility(options::ClangOption));
  }

  /// The new command line: the compiler, then for each argument what
  /// Rewrite returns for it, given the tokens the argument spans.
  std::vector<std::string> rewrite(
      function_ref<std::vector<std::string>(const opt::Arg &,
                                            ArrayRef<std::string> Tokens)>
          Rewrite) const {
    std::vector<std::string> Out{Args.front()};
    std::vector<const opt::Arg *> InOrder(Parsed.begin(), Parsed.end());
    for (size_t I = 0; I < InOrder.size(); ++I) {
      // An argument spans the tokens up to the next one (an option's
      // separate values). Indexes count from Args[1].
      unsigned Begin = InOrder[I]->getIndex() + 1;
      unsigned End = I + 1 < InOrder.size() ? InOrder[I + 1]->getIndex() + 1
                                            : Args.size();
      llvm::append_range(Out,
                         Rewrite(*InOrder[I], Args.slice(Begin, End - Begin)));
    }
    return Out;
  }

private:
  ArrayRef<std::string> Args;
  std::vector<const char *> Pointers;
  opt::InputArgList Parsed;
};

/// What clang's driver makes of a command line: the flags it does not
/// support for the target (spelling and target), and whether it compiles
/// the file at all (a file named without a C or C++ extension is taken for
/// something to link, and nothing is compiled).
struct DriverVerdict {
  std::vector<std::pair<std::string, std::string>> UnsupportedForTarget;
  bool Compiles = false;
};

class DriverDiagnostics : public clang::DiagnosticConsumer {
public:
  explicit DriverDiagnostics(DriverVerdict &Verdict) : Verdict(Verdict) {}
  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override {
    if (Info.getID() == clang::diag::err_drv_unsupported_opt_for_target)
      Verdict.UnsupportedForTarget.emplace_back(Info.getArgStdStr(0),
                                                Info.getArgStdStr(1));
  }

private:
  DriverVerdict &Verdict;
};

/// Runs clang's driver on Args as the analysis will (-fsyntax-only, in Dir),
/// without running anything it plans.
DriverVerdict askDriver(ArrayRef<std::string> Args, StringRef Dir) {
  DriverVerdict Verdict;
  DriverDiagnostics Collect(Verdict);
#if LLVM_VERSION_MAJOR >= 22
  clang::DiagnosticOptions DiagOpts;
  clang::DiagnosticsEngine Diags(clang::DiagnosticIDs::create(), DiagOpts,
                                 &Collect, /*ShouldOwnClient=*/false);
#else
  clang::DiagnosticsEngine Diags(makeIntrusiveRefCnt<clang::DiagnosticIDs>(),
                                 makeIntrusiveRefCnt<clang::DiagnosticOptions>(),
                                 &Collect, /*ShouldOwnClient=*/false);
#endif
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

/// The tokens of A, its include directory or its inputs made absolute:
/// clang names a file by the path it was found through, and a name relative
/// to the command's directory would reach the report, the header filter and
/// --fix as it is.
std::vector<std::string> anchored(const opt::Arg &A,
                                  ArrayRef<std::string> Tokens, StringRef Dir) {
  const opt::Option &O = A.getOption();
  if (O.matches(options::OPT_INPUT))
    return {absoluteIn(Dir, Tokens.front())};
  if (O.matches(options::OPT__DASH_DASH)) { // "--" then inputs
    std::vector<std::string> Out{Tokens.front()};
    for (const std::string &Input : Tokens.drop_front())
      Out.push_back(absoluteIn(Dir, Input));
    return Out;
  }
  bool IsDir = O.matches(options::OPT_I) || O.matches(options::OPT_iquote) ||
               O.matches(options::OPT_isystem) ||
               O.matches(options::OPT_idirafter);
  if (!IsDir || A.getNumValues() != 1 || sys::path::is_absolute(A.getValue()))
    return Tokens.vec();
  std::string Abs = absoluteIn(Dir, A.getValue());
  if (Tokens.size() == 1) // "-Iinc"
    return {(A.getSpelling() + Abs).str()};
  return {Tokens.front(), Abs}; // "-I inc"
}

/// Whether Args (Args[0] is the compiler) is a clang-cl command line.
bool isClangCL(ArrayRef<std::string> Args) {
  std::vector<const char *> Argv;
  for (const std::string &A : Args.drop_front())
    Argv.push_back(A.c_str());
  return clang::driver::IsClangCL(
      clang::driver::getDriverMode(Args.front(), Argv));
}

/// Prepares one compile command: the --extra-arg flags added, -Werror and
/// friends and the flags clang does not know dropped, paths anchored.
/// Dropped gets each dropped flag and why.
class CommandCleaner {
public:
  CommandCleaner(ArrayRef<std::string> ExtraArgs,
                 std::vector<std::pair<std::string, std::string>> &Dropped)
      : ExtraArgs(ExtraArgs), Dropped(Dropped) {}

  /// Returns false if clang would not compile the file.
  bool clean(tooling::CompileCommand &Cmd) {
    std::vector<std::string> &Args = Cmd.CommandLine;
    if (Args.empty())
      return false;
    addExtraArgs(Args);
    dropWarningsAsErrors(Args);
    // clang-cl has other spellings, and only warns about what it does not
    // know: its commands are left as they are.
    bool IsCL = isClangCL(Args);
    if (!IsCL)
      Args = dropUnknownAndAnchor(Args, Cmd.Directory);
    DriverVerdict Verdict = askDriver(Args, Cmd.Directory);
    if (!IsCL && !Verdict.UnsupportedForTarget.empty())
      Args = dropUnsupported(Args, Verdict.UnsupportedForTarget);
    return Verdict.Compiles;
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

  /// gcc's own flags (-fconcepts-diagnostics-depth=3) would stop every
  /// file with "unknown argument": the option table is clang's list.
  std::vector<std::string> dropUnknownAndAnchor(ArrayRef<std::string> Args,
                                                StringRef Dir) {
    return ParsedCommandLine(Args).rewrite(
        [&](const opt::Arg &A, ArrayRef<std::string> Tokens) {
          if (A.getOption().matches(options::OPT_UNKNOWN))
            return drop(Tokens, "clang does not know it");
          return anchored(A, Tokens, Dir);
        });
  }

  /// Flags clang knows, but only for other targets (gcc's -mabi=ms on
  /// x86-64): only the driver can tell, once it knows the target.
  std::vector<std::string> dropUnsupported(
      ArrayRef<std::string> Args,
      ArrayRef<std::pair<std::string, std::string>> Unsupported) {
    return ParsedCommandLine(Args).rewrite(
        [&](const opt::Arg &A, ArrayRef<std::string> Tokens) {
          for (const auto &[Spelling, Target] : Unsupported)
            if (A.getSpelling() == Spelling)
              return drop(Tokens, "clang does not support it for target '" +
                                      Target + "'");
          return Tokens.vec();
        });
  }

  std::vector<std::string> drop(ArrayRef<std::string> Tokens,
                                const Twine &Why) {
    Dropped.emplace_back(llvm::join(Tokens, " "), Why.str());
    return {};
  }

  ArrayRef<std::string> ExtraArgs;
  std::vector<std::pair<std::string, std::string>> &Dropped;
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
  std::vector<std::pair<std::string, std::string>> Dropped;
  CommandCleaner Cleaner(ExtraArgs, Dropped);
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
  StringSet<> Noted;
  for (const auto &[Flag, Why] : Dropped)
    if (Noted.insert(Flag).second)
      Result.Notes.push_back("dropped '" + Flag +
                             "' from the compile commands: " + Why);
  Result.Database = std::move(Prepared);
  return Result;
}

} // namespace leaklint
