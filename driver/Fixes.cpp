//===--- Fixes.cpp - apply and export fix-its -----------------------------===//

#include "Fixes.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <map>
#include <set>

using namespace llvm;
namespace tooling = clang::tooling;

namespace leaklint {
namespace {

/// Writes Text to Path atomically: a temporary file in the same directory,
/// then a rename, so a reader never sees half a file.
std::error_code writeAtomically(StringRef Path, StringRef Text) {
  SmallString<256> Temp;
  int FD;
  SmallString<256> Model(Path);
  Model += ".leaklint-%%%%%%";
  if (std::error_code EC = sys::fs::createUniqueFile(Model, FD, Temp))
    return EC;
  {
    raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      std::error_code EC = OS.error();
      OS.clear_error();
      sys::fs::remove(Temp);
      return EC;
    }
  }
  // Keep the original file's permissions.
  if (auto Perms = sys::fs::getPermissions(Path))
    sys::fs::setPermissions(Temp, *Perms);
  if (std::error_code EC = sys::fs::rename(Temp, Path)) {
    sys::fs::remove(Temp);
    return EC;
  }
  return {};
}

} // namespace

bool applyFixes(ArrayRef<Finding> Findings, FixSummary &Summary,
                raw_ostream &Errs) {
  // Per file, the replacements of every finding that fits with the ones
  // accepted before it. The same edit proposed by two translation units (a
  // finding in a shared header) is accepted once.
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

  // Compute every new file first: if one cannot be read or fixed, nothing
  // is written, so that a fix spanning two files is never half applied.
  std::vector<std::pair<std::string, std::string>> NewTexts;
  bool OK = true;
  for (const auto &[File, Replacements] : PerFile) {
    auto Buffer = MemoryBuffer::getFile(File);
    if (!Buffer) {
      Errs << "leaklint: error: cannot read '" << File
           << "': " << Buffer.getError().message() << "\n";
      OK = false;
      continue;
    }
    Expected<std::string> Fixed =
        tooling::applyAllReplacements((*Buffer)->getBuffer(), Replacements);
    if (!Fixed) {
      Errs << "leaklint: error: cannot apply the fixes to '" << File
           << "': " << toString(Fixed.takeError()) << "\n";
      OK = false;
      continue;
    }
    NewTexts.emplace_back(File, std::move(*Fixed));
  }
  if (!OK) {
    Errs << "leaklint: error: no file was changed\n";
    Summary.Applied = 0;
    return false;
  }
  for (const auto &[File, Text] : NewTexts) {
    if (std::error_code EC = writeAtomically(File, Text)) {
      Errs << "leaklint: error: cannot write '" << File
           << "': " << EC.message() << "\n";
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
