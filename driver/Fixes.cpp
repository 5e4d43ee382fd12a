//===--- Fixes.cpp - apply and export fix-its -----------------------------===//

#include "Fixes.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
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

/// A file being fixed: stage() writes the fixed text to a temporary file
/// beside it, with the file's mode and owner; commit() renames that over the
/// file. A file staged but not committed is left as it was.
class StagedFix {
public:
  static Expected<std::unique_ptr<StagedFix>>
  stage(StringRef Path, const tooling::Replacements &Fixes) {
    sys::fs::file_status Status;
    if (std::error_code EC = sys::fs::status(Path, Status))
      return problem("cannot read '" + Path + "': " + EC.message());
    // Root may write a read-only file; leaklint does not.
    if ((Status.permissions() & sys::fs::all_write) == 0)
      return problem("'" + Path + "' is read-only");
    auto Text = MemoryBuffer::getFile(Path);
    if (!Text)
      return problem("cannot read '" + Path + "': " +
                     Text.getError().message());
    auto Staged = std::make_unique<StagedFix>(Path);
    if (Error E = Staged->writeFixed((*Text)->getBuffer(), Fixes, Status))
      return std::move(E);
    return std::move(Staged);
  }

  /// Use stage().
  explicit StagedFix(StringRef Path) : Path(Path.str()) {}
  StagedFix(const StagedFix &) = delete;
  StagedFix &operator=(const StagedFix &) = delete;

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
  }

private:
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

  /// The new file replaces the old one: it must have its mode (the umask
  /// would have cut it) and its owner (the user running leaklint may not be
  /// the owner of a file they may write).
  Error keepModeAndOwner(const sys::fs::file_status &Original) {
    if (std::error_code EC =
            sys::fs::setPermissions(Temp->FD, Original.permissions()))
      return problem("cannot keep the mode of '" + Path + "': " +
                     EC.message());
    sys::fs::file_status Now;
    if (std::error_code EC = sys::fs::status(Temp->FD, Now))
      return problem("cannot write beside '" + Path + "': " + EC.message());
    if (Now.getUser() == Original.getUser() &&
        Now.getGroup() == Original.getGroup())
      return Error::success();
    if (std::error_code EC = sys::fs::changeFileOwnership(
            Temp->FD, Original.getUser(), Original.getGroup()))
      return problem("cannot keep the owner of '" + Path + "' (user " +
                     Twine(Original.getUser()) + ", group " +
                     Twine(Original.getGroup()) + "): " + EC.message());
    return Error::success();
  }

  std::string Path;
  std::optional<sys::fs::TempFile> Temp;
};

/// Stages every file; on any problem, none stays staged.
std::vector<std::unique_ptr<StagedFix>>
stageAll(const std::map<std::string, tooling::Replacements> &PerFile,
         raw_ostream &Errs, bool &OK) {
  std::vector<std::unique_ptr<StagedFix>> Staged;
  for (const auto &[File, Fixes] : PerFile) {
    Expected<std::unique_ptr<StagedFix>> S =
        StagedFix::stage(File, Fixes);
    if (!S) {
      Errs << "leaklint: error: " << toString(S.takeError()) << "\n";
      OK = false;
      continue;
    }
    Staged.push_back(std::move(*S));
  }
  if (!OK)
    Staged.clear();
  return Staged;
}

} // namespace

bool applyFixes(ArrayRef<Finding> Findings, FixSummary &Summary,
                raw_ostream &Errs) {
  std::map<std::string, tooling::Replacements> PerFile =
      selectFixes(Findings, Summary, Errs);
  // Every file is staged (and checked) before any is renamed, so that a fix
  // spanning two files is never half applied, and no file changes when
  // another cannot be fixed.
  bool OK = true;
  std::vector<std::unique_ptr<StagedFix>> Staged =
      stageAll(PerFile, Errs, OK);
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
