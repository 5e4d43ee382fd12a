//===--- Report.cpp - text, JSON and SARIF reports ------------------------===//

#include "Report.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"

using namespace llvm;

namespace leaklint {
namespace {

/// The text of source lines, read once per file.
class SourceLines {
public:
  StringRef line(const Location &L) {
    auto It = Buffers.find(L.File);
    if (It == Buffers.end()) {
      auto Buffer = MemoryBuffer::getFile(L.File, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
      It = Buffers.try_emplace(L.File, Buffer ? std::move(*Buffer) : nullptr)
               .first;
    }
    if (!It->second || L.Offset > It->second->getBufferSize())
      return {};
    StringRef Text = It->second->getBuffer();
    size_t Start = Text.rfind('\n', L.Offset ? L.Offset - 1 : 0);
    Start = (Start == StringRef::npos || L.Offset == 0) ? 0 : Start + 1;
    if (L.Offset > 0 && Text[L.Offset - 1] == '\n')
      Start = L.Offset;
    return Text.substr(Start).take_until([](char C) { return C == '\n'; });
  }

private:
  StringMap<std::unique_ptr<MemoryBuffer>> Buffers;
};

void writeSnippet(SourceLines &Lines, const Location &L, raw_ostream &OS,
                  bool Color) {
  StringRef Line = Lines.line(L);
  if (Line.empty() || L.Column == 0)
    return;
  OS << Line.rtrim("\r") << "\n";
  std::string Caret;
  for (unsigned I = 1; I < L.Column && I <= Line.size(); ++I)
    Caret += Line[I - 1] == '\t' ? '\t' : ' ';
  OS << Caret;
  if (Color)
    OS.changeColor(raw_ostream::GREEN, /*Bold=*/true);
  OS << "^";
  if (Color)
    OS.resetColor();
  OS << "\n";
}

void writeHeader(const Location &L, StringRef Kind, raw_ostream &OS,
                 bool Color) {
  if (Color)
    OS.changeColor(raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  OS << L.File << ":" << L.Line << ":" << L.Column << ": ";
  if (Color)
    OS.changeColor(Kind == "warning" ? raw_ostream::MAGENTA
                   : Kind == "error" ? raw_ostream::RED
                                     : raw_ostream::BLACK,
                   /*Bold=*/true);
  OS << Kind << ": ";
  if (Color)
    OS.resetColor();
}

} // namespace

void writeText(ArrayRef<Finding> Findings, raw_ostream &OS, bool Color) {
  SourceLines Lines;
  for (const Finding &F : Findings) {
    writeHeader(F.Where, F.isToolError() ? "error" : "warning", OS, Color);
    OS << F.Message << " [" << F.Check << "]\n";
    writeSnippet(Lines, F.Where, OS, Color);
    for (const Note &N : F.Notes) {
      writeHeader(N.Where, "note", OS, Color);
      OS << N.Message << "\n";
      writeSnippet(Lines, N.Where, OS, Color);
    }
  }
}

void writeJson(ArrayRef<Finding> Findings, raw_ostream &OS) {
  // FIXME: implemented in the driver reports change.
  OS << "{}\n";
}

void writeSarif(ArrayRef<Finding> Findings, StringRef SourceRoot,
                raw_ostream &OS) {
  // FIXME: implemented in the driver reports change.
  OS << "{}\n";
}

} // namespace leaklint
