//===--- Report.h - text, JSON and SARIF reports --------------*- C++ -*-===//

#ifndef LEAKLINT_DRIVER_REPORT_H
#define LEAKLINT_DRIVER_REPORT_H

#include "Finding.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

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

} // namespace leaklint

#endif // LEAKLINT_DRIVER_REPORT_H
