//===--- FixesSelfTest.cpp - applyFixes() on hand-made findings -----------===//
//
// leaklint-fixes-selftest DIR: writes small files into DIR, applies fixes
// that the shipped checks cannot produce on demand (conflicting edits,
// a file that vanished, a file that changed after it was analysed, a
// read-only file) and prints what happened, for
// test/driver/fix-conflicts.test.
//
//===----------------------------------------------------------------------===//

#include "Fixes.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace leaklint;

namespace {

std::string pathIn(StringRef Dir, StringRef Name) {
  SmallString<256> P(Dir);
  sys::path::append(P, Name);
  return std::string(P);
}

bool writeFile(StringRef Path, StringRef Text) {
  std::error_code EC;
  raw_fd_ostream OS(Path, EC);
  if (EC)
    return false;
  OS << Text;
  return true;
}

Finding finding(StringRef File, unsigned Offset, StringRef Check,
                std::vector<Edit> Fix) {
  Finding F;
  F.Check = Check.str();
  F.Where.File = File.str();
  F.Where.Offset = Offset;
  F.Where.Line = 1;
  F.Where.Column = Offset + 1;
  F.Message = "test finding";
  F.Fix = std::move(Fix);
  return F;
}

Edit edit(StringRef File, unsigned Offset, unsigned Length, StringRef Text) {
  Edit E;
  E.File = File.str();
  E.Offset = Offset;
  E.Length = Length;
  E.Text = Text.str();
  return E;
}

void show(StringRef Path) {
  auto Buffer = MemoryBuffer::getFile(Path);
  outs() << sys::path::filename(Path) << ": "
         << (Buffer ? (*Buffer)->getBuffer() : "<unreadable>\n");
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc != 2) {
    errs() << "usage: leaklint-fixes-selftest DIR\n";
    return 2;
  }
  StringRef Dir = Argv[1];
  std::string A = pathIn(Dir, "a.h"), B = pathIn(Dir, "b.h"),
              Gone = pathIn(Dir, "gone.h");
  // "std::shared_ptr<T> x;": offset 5 is "shared_ptr".
  auto Reset = [&] {
    return writeFile(A, "std::shared_ptr<T> x;\n") &&
           writeFile(B, "int one; int two;\n");
  };
  // What the files hold now, as the analysis would have seen it.
  auto Analyse = [&] {
    AnalysedContents Analysed;
    for (const std::string &Path : {A, B})
      if (auto Buffer = MemoryBuffer::getFile(Path))
        Analysed[Path] = ContentDigest::of((*Buffer)->getBuffer());
    return Analysed;
  };
  auto Run = [&](StringRef Title, ArrayRef<Finding> Findings,
                 const AnalysedContents &Analysed) {
    outs() << "== " << Title << "\n";
    FixSummary Summary;
    bool OK = applyFixes(Findings, Analysed, Summary, outs());
    outs() << "result: " << (OK ? "ok" : "failed") << ", applied "
           << Summary.Applied << " of " << Summary.Proposed << " fixes in "
           << Summary.Files << " files\n";
    show(A);
    show(B);
  };

  if (!Reset()) {
    errs() << "cannot write test files in " << Dir << "\n";
    return 2;
  }
  Run("conflicts",
      {
          // Two units report the same finding in a.h: applied once.
          finding(A, 19, "check-a", {edit(A, 5, 10, "weak_ptr")}),
          finding(A, 19, "check-a", {edit(A, 5, 10, "weak_ptr")}),
          // Another fix of the same bytes with other text: a conflict.
          finding(A, 19, "check-b", {edit(A, 5, 10, "unique_ptr")}),
          // A fix with two edits, the second overlapping an accepted fix:
          // the whole fix is dropped, with its harmless first edit in b.h.
          finding(B, 4, "check-c", {edit(B, 4, 3, "ONE"), edit(A, 0, 6, "")}),
          // An independent fix in b.h is applied.
          finding(B, 13, "check-d", {edit(B, 13, 3, "TWO")}),
      },
      Analyse());

  if (!Reset())
    return 2;
  Run("vanished file",
      {
          // A fix spanning a.h and a file that vanished: reported, and no
          // file is changed (not even a.h or b.h).
          finding(A, 19, "check-a", {edit(A, 5, 10, "weak_ptr"),
                                     edit(Gone, 0, 1, "x")}),
          finding(B, 13, "check-d", {edit(B, 13, 3, "TWO")}),
      },
      Analyse());

  // b.h is edited (an editor saved it, another run fixed it) after it was
  // analysed: its offsets no longer fit, so nothing is written anywhere.
  if (!Reset())
    return 2;
  AnalysedContents BeforeTheEdit = Analyse();
  if (!writeFile(B, "long one; int two;\n"))
    return 2;
  Run("changed since analysed",
      {
          finding(A, 19, "check-a", {edit(A, 5, 10, "weak_ptr")}),
          finding(B, 13, "check-d", {edit(B, 13, 3, "TWO")}),
      },
      BeforeTheEdit);

  // Two units saw different texts of a.h: it changed during the run.
  if (!Reset())
    return 2;
  AnalysedContents Twice = Analyse();
  mergeAnalysed(Twice, {{A, ContentDigest::of("another text\n")}});
  Run("changed during the run",
      {finding(A, 19, "check-a", {edit(A, 5, 10, "weak_ptr")})}, Twice);

  // A read-only b.h is refused, and a.h is left alone too.
  if (!Reset() || sys::fs::setPermissions(B, sys::fs::all_read))
    return 2;
  Run("read-only",
      {
          finding(A, 19, "check-a", {edit(A, 5, 10, "weak_ptr")}),
          finding(B, 13, "check-d", {edit(B, 13, 3, "TWO")}),
      },
      Analyse());
  sys::fs::setPermissions(B, sys::fs::all_read | sys::fs::owner_write);
  return 0;
}
