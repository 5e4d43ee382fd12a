//===--- TitledFix.h - a finding's fix-its, titled for the editor -*- C++ -*-===//
//
// clang-tidy (the plugin, the leaklint command) applies the fix-its of a
// warning; those of its notes only with --fix-notes, as suggestions. clangd
// offers a warning's fix-its as a code action titled with the warning's own
// text ("Memory allocated by 'new' is leaked on this early return"), or
// "change 'x' to 'y'" when they are one replacement, and a note's fix-its as
// one titled with the note's text. So in clangd, the one client that asks
// for self-contained diagnostics, a finding's fix-its go on a note that says
// what the edit does ("use std::make_unique"); everywhere else they stay on
// the warning, where --fix applies them.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_CHECKS_TITLEDFIX_H
#define LEAKLINT_CHECKS_TITLEDFIX_H

#include "clang-tidy/ClangTidyCheck.h"
#include <string>
#include <vector>

namespace clang::tidy::leaklint {

class TitledFix {
public:
  /// SelfContainedDiags: ClangTidyCheck::areDiagsSelfContained(). Title says
  /// what the edit does, lower-case, as a note does.
  TitledFix(bool SelfContainedDiags, std::string Title)
      : OnNote(SelfContainedDiags), Title(std::move(Title)) {}

  void add(const FixItHint &Hint) { Hints.push_back(Hint); }
  bool empty() const { return Hints.empty(); }

  /// Outside the editor, the fix-its go on the warning.
  void attachTo(const DiagnosticBuilder &Warning) const {
    if (!OnNote)
      for (const FixItHint &Hint : Hints)
        Warning << Hint;
  }

  /// In the editor, on a note of their own, after the warning's notes.
  void emitNote(ClangTidyCheck &Check, SourceLocation Loc) const {
    if (!OnNote || Hints.empty())
      return;
    DiagnosticBuilder Note =
        Check.diag(Loc, "%0", DiagnosticIDs::Note) << Title;
    for (const FixItHint &Hint : Hints)
      Note << Hint;
  }

private:
  bool OnNote;
  std::string Title;
  std::vector<FixItHint> Hints;
};

} // namespace clang::tidy::leaklint

#endif // LEAKLINT_CHECKS_TITLEDFIX_H
