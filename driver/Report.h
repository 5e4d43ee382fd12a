//===--- Report.h - text, JSON and SARIF reports --------------*- C++ -*-===//

#ifndef LEAKLINT_DRIVER_REPORT_H
#define LEAKLINT_DRIVER_REPORT_H

#include "Finding.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace leaklint {

/// clang-tidy's own layout (file:line:col: warning: text [check], the source
/// line and a caret, then the notes), so that editors and CI log parsers that
/// know clang-tidy read it unchanged.
void writeText(llvm::ArrayRef<Finding> Findings, llvm::raw_ostream &OS,
               bool Color);

/// A JSON document: {"version", "findings": [...], "errors": [...]}; see
/// docs/driver.md for the schema.
void writeJson(llvm::ArrayRef<Finding> Findings, llvm::raw_ostream &OS);

/// SARIF 2.1.0, one run, one rule per leaklint check, as GitHub code scanning
/// accepts it. Paths under SourceRoot are written relative to %SRCROOT%.
void writeSarif(llvm::ArrayRef<Finding> Findings, llvm::StringRef SourceRoot,
                llvm::raw_ostream &OS);

/// Gives each finding its fingerprint: a digest of the check, the file
/// (relative to \p SourceRoot when under it), the message, the text of the
/// flagged line (not its number) and, for findings alike in all of these,
/// their rank. It survives line shifts and edits elsewhere in the file.
void assignFingerprints(std::vector<Finding> &Findings,
                        llvm::StringRef SourceRoot);

/// --baseline: marks each finding "new" or "unchanged" by the fingerprints
/// of a previous report (leaklint's JSON or SARIF). Returns an error
/// message, or empty.
std::string applyBaseline(llvm::StringRef BaselineFile,
                          std::vector<Finding> &Findings);

} // namespace leaklint

#endif // LEAKLINT_DRIVER_REPORT_H
