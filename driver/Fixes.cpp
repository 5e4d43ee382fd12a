//===--- Fixes.cpp - apply and export fix-its -----------------------------===//

#include "Fixes.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <chrono>
#include <memory>
#include <optional>
#include <map>
#include <set>

using namespace llvm;
namespace tooling = clang::tooling;

namespace leaklint {
namespace {

/// Per file, the replacements of every finding that fits with the ones
/// accepted before it (in report order). The same edit proposed by two
/// translation units (a finding in a shared header) is accepted once; a
/// finding whose edits conflict is skipped and named on Errs.
std::map<std::string, tooling::Replacements>
selectFixes(ArrayRef<Finding> Findings, FixSummary &Summary,
            raw_ostream &Errs) {
  std::map<std::string, tooling::Replacements> PerFile;
  std::set<Edit> Seen;
  for (const Finding &F : Findings) {
    if (F.Fix.empty())
      continue;
    ++Summary.Proposed;
    std::map<std::string, tooling::Replacements> Trial = PerFile;
    std::set<Edit> TrialSeen = Seen;
    bool Fits = true;
    for (const Edit &E : F.Fix) {
      if (!TrialSeen.insert(E).second)
        continue;
      if (auto Err = Trial[E.File].add(
              tooling::Replacement(E.File, E.Offset, E.Length, E.Text))) {
        consumeError(std::move(Err));
        Fits = false;
        break;
      }
    }
    if (Fits) {
      PerFile = std::move(Trial);
      Seen = std::move(TrialSeen);
      ++Summary.Applied;
    } else {
      Errs << "leaklint: warning: the fix for " << F.Where.File << ":"
           << F.Where.Line << ":" << F.Where.Column << " [" << F.Check
           << "] conflicts with another fix and was not applied\n";
    }
  }
  return PerFile;
}

Error problem(const Twine &Message) {
  return createStringError(inconvertibleErrorCode(), Message);
}

/// The whole of an open file, from its start (whatever was read before).
Expected<std::string> readAll(int FD) {
  std::string Text;
  char Chunk[16384];
  for (;;) {
    Expected<size_t> N = sys::fs::readNativeFileSlice(FD, Chunk, Text.size());
    if (!N)
      return N.takeError();
    if (*N == 0)
      return Text;
    Text.append(Chunk, *N);
  }
}

/// How long to wait for another leaklint --fix that holds a file. It holds
/// it for the time of a check and a rename; a minute means it is stuck.
constexpr std::chrono::seconds LockWait(60);

/// A file being fixed. stage() takes the file, checks that it holds the text
/// that was analysed, and writes the fixed text to a temporary file beside
/// it, with the file's mode and owner; commit() renames that over the file.
/// A file staged but not committed is left as it was.
///
/// Taking the file is an advisory lock on it, which every leaklint --fix
/// takes, held until the rename is done: of two runs that analysed the same
/// text, the second to take it finds the text changed and leaves the file
/// alone. A program that does not lock (an editor saving) can still write
/// in the instant between verify() and the rename; that window is only the
/// time of a rename, which is as small as it can be made portably.
class StagedFix {
public:
  static Expected<std::unique_ptr<StagedFix>>
  stage(StringRef Path, const tooling::Replacements &Fixes,
        const AnalysedContents &Analysed) {
    sys::fs::file_status Status;
    if (std::error_code EC = sys::fs::status(Path, Status))
      return problem("cannot read '" + Path + "': " + EC.message());
    auto It = Analysed.find(Path.str());
    if (It == Analysed.end())
      return problem("no record of what '" + Path + "' held when it was "
                     "analysed");
    if (!It->second)
      return problem("'" + Path + "' changed during the run (the "
                     "translation units that include it saw different texts)");
    // Root may write a read-only file; leaklint does not.
    if ((Status.permissions() & sys::fs::all_write) == 0)
      return problem("'" + Path + "' is read-only");
    int FD = -1;
    if (std::error_code EC = sys::fs::openFileForReadWrite(
            Path, FD, sys::fs::CD_OpenExisting, sys::fs::OF_None))
      return problem("cannot open '" + Path + "' for writing: " + EC.message());
    auto Staged = std::make_unique<StagedFix>(Path, FD, *It->second);
    if (Error E = Staged->take())
      return std::move(E);
    Expected<std::string> Text = Staged->unchangedText();
    if (!Text)
      return Text.takeError();
    if (Error E = Staged->writeFixed(*Text, Fixes, Status))
      return std::move(E);
    return std::move(Staged);
  }

  /// Use stage(). The object owns FD, an open descriptor of Path.
  StagedFix(StringRef Path, int FD, ContentDigest Analysed)
      : Path(Path.str()), FD(FD), Analysed(Analysed) {}
  StagedFix(const StagedFix &) = delete;
  StagedFix &operator=(const StagedFix &) = delete;

  /// Whether the path still names the file staged, which still holds the
  /// text that was analysed. Checked for every file before any is renamed.
  Error verify() const { return unchangedText().takeError(); }

  Error commit() {
    Error E = Temp->keep(Path);
    Temp.reset();
    if (E)
      return problem("cannot write '" + Path + "': " + toString(std::move(E)));
    return Error::success();
  }

  ~StagedFix() {
    if (Temp)
      consumeError(Temp->discard());
    sys::fs::unlockFile(FD);
    sys::fs::closeFile(FD);
  }

private:
  Error take() {
    if (std::error_code EC = sys::fs::tryLockFile(FD, LockWait))
      return problem("'" + Path + "' is being fixed by another program (" +
                     EC.message() + ")");
    // The file taken, not the one the path names now: while this run
    // waited, another may have renamed its fixed text over the path.
    sys::fs::file_status Taken;
    if (std::error_code EC = sys::fs::status(FD, Taken))
      return problem("cannot read '" + Path + "': " + EC.message());
    ID = Taken.getUniqueID();
    return Error::success();
  }

  /// The file's text, if the path still names the file taken and that
  /// still holds the text that was analysed.
  Expected<std::string> unchangedText() const {
    sys::fs::UniqueID Now;
    if (sys::fs::getUniqueID(Path, Now) || Now != ID)
      return changed();
    Expected<std::string> Text = readAll(FD);
    if (!Text)
      return problem("cannot read '" + Path + "': " +
                     toString(Text.takeError()));
    if (ContentDigest::of(*Text) != Analysed)
      return changed();
    return Text;
  }

  Error changed() const {
    return problem("'" + Path + "' changed since it was analysed (run "
                   "leaklint again)");
  }

  Error writeFixed(StringRef Text, const tooling::Replacements &Fixes,
                   const sys::fs::file_status &Original) {
    Expected<std::string> Fixed = tooling::applyAllReplacements(Text, Fixes);
    if (!Fixed)
      return problem("cannot apply the fixes to '" + Path + "': " +
                     toString(Fixed.takeError()));
    Expected<sys::fs::TempFile> T =
        sys::fs::TempFile::create(Path + ".leaklint-%%%%%%");
    if (!T)
      return problem("cannot write beside '" + Path + "': " +
                     toString(T.takeError()));
    Temp.emplace(std::move(*T));
    if (Error E = keepModeAndOwner(Original))
      return E;
    raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
    OS << *Fixed;
    OS.flush();
    if (OS.has_error()) {
      std::error_code EC = OS.error();
      OS.clear_error();
      return problem("cannot write beside '" + Path + "': " + EC.message());
    }
    return Error::success();
  }

  /// The new file replaces the old one: it must have its owner (the user
  /// running leaklint may not be the owner of a file they may write) and
  /// its mode (the umask would have cut it). The owner first: changing it
  /// clears the set-user-ID and set-group-ID bits.
  Error keepModeAndOwner(const sys::fs::file_status &Original) {
    sys::fs::file_status Now;
    if (std::error_code EC = sys::fs::status(Temp->FD, Now))
      return problem("cannot write beside '" + Path + "': " + EC.message());
    if (Now.getUser() != Original.getUser() ||
        Now.getGroup() != Original.getGroup())
      if (std::error_code EC = sys::fs::changeFileOwnership(
              Temp->FD, Original.getUser(), Original.getGroup()))
        return problem("cannot keep the owner of '" + Path + "' (user " +
                       Twine(Original.getUser()) + ", group " +
                       Twine(Original.getGroup()) + "): " + EC.message());
    if (std::error_code EC =
            sys::fs::setPermissions(Temp->FD, Original.permissions()))
      return problem("cannot keep the mode of '" + Path + "': " +
                     EC.message());
    return Error::success();
  }

  std::string Path;
  int FD;
  ContentDigest Analysed;
  sys::fs::UniqueID ID;
  std::optional<sys::fs::TempFile> Temp;
};

/// Stages every file; on any problem, none stays staged. Files are taken
/// in path order, as by every run, so that two runs fixing the same files
/// never wait for each other in a circle.
std::vector<std::unique_ptr<StagedFix>>
stageAll(const std::map<std::string, tooling::Replacements> &PerFile,
         const AnalysedContents &Analysed, raw_ostream &Errs, bool &OK) {
  std::vector<std::unique_ptr<StagedFix>> Staged;
  for (const auto &[File, Fixes] : PerFile) {
    Expected<std::unique_ptr<StagedFix>> S =
        StagedFix::stage(File, Fixes, Analysed);
    if (!S) {
      Errs << "leaklint: error: " << toString(S.takeError()) << "\n";
      OK = false;
      continue;
    }
    Staged.push_back(std::move(*S));
  }
  for (const std::unique_ptr<StagedFix> &S : Staged)
    if (Error E = S->verify()) {
      Errs << "leaklint: error: " << toString(std::move(E)) << "\n";
      OK = false;
    }
  if (!OK)
    Staged.clear();
  return Staged;
}

} // namespace

bool applyFixes(ArrayRef<Finding> Findings, const AnalysedContents &Analysed,
                FixSummary &Summary, raw_ostream &Errs) {
  std::map<std::string, tooling::Replacements> PerFile =
      selectFixes(Findings, Summary, Errs);
  // Every file is staged (and checked) before any is renamed, so that a fix
  // spanning two files is never half applied, and no file changes when
  // another cannot be fixed.
  bool OK = true;
  std::vector<std::unique_ptr<StagedFix>> Staged =
      stageAll(PerFile, Analysed, Errs, OK);
  if (!OK) {
    Errs << "leaklint: error: no file was changed\n";
    Summary.Applied = 0;
    return false;
  }
  for (const std::unique_ptr<StagedFix> &S : Staged) {
    if (Error E = S->commit()) {
      Errs << "leaklint: error: " << toString(std::move(E)) << "\n";
      OK = false;
      continue;
    }
    ++Summary.Files;
  }
  return OK;
}

bool exportFixes(ArrayRef<Finding> Findings, StringRef Path, raw_ostream &Errs) {
  // clang-tidy's --export-fixes layout: one TranslationUnitDiagnostics for
  // the whole run, every finding with its notes and replacements.
  SmallString<256> BuildDirectory;
  sys::fs::current_path(BuildDirectory);
  tooling::TranslationUnitDiagnostics TUD;
  for (const Finding &F : Findings) {
    tooling::DiagnosticMessage Message(F.Message);
    Message.FilePath = F.Where.File;
    Message.FileOffset = F.Where.Offset;
    for (const Edit &E : F.Fix) {
      tooling::Replacements &ForFile = Message.Fix[E.File];
      if (auto Err = ForFile.add(
              tooling::Replacement(E.File, E.Offset, E.Length, E.Text)))
        consumeError(std::move(Err)); // the check proposed overlapping edits
    }
    SmallVector<tooling::DiagnosticMessage, 1> Notes;
    for (const Note &N : F.Notes) {
      tooling::DiagnosticMessage NoteMessage(N.Message);
      NoteMessage.FilePath = N.Where.File;
      NoteMessage.FileOffset = N.Where.Offset;
      Notes.push_back(std::move(NoteMessage));
    }
    TUD.Diagnostics.emplace_back(F.Check, Message, Notes,
                                 F.isToolError() ? tooling::Diagnostic::Error
                                                 : tooling::Diagnostic::Warning,
                                 BuildDirectory);
  }
  std::error_code EC;
  raw_fd_ostream OS(Path, EC, sys::fs::OF_Text);
  if (EC) {
    Errs << "leaklint: error: cannot write '" << Path << "': " << EC.message()
         << "\n";
    return false;
  }
  yaml::Output YAML(OS);
  YAML << TUD;
  OS.close();
  if (OS.has_error()) {
    Errs << "leaklint: error: cannot write '" << Path
         << "': " << OS.error().message() << "\n";
    OS.clear_error();
    return false;
  }
  return true;
}

} // namespace leaklint
