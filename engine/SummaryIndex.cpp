//===--- SummaryIndex.cpp - summaries of functions other TUs define -------===//

#include "SummaryIndex.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

namespace clang::tidy::leaklint::ownership {

std::string usrOf(const Decl *D) {
  llvm::SmallString<128> Buf;
  if (!D || index::generateUSRForDecl(D, Buf))
    return {};
  return std::string(Buf);
}

void forEachObjectLine(
    llvm::StringRef Text,
    llvm::function_ref<void(const llvm::json::Object &, llvm::StringRef)> Fn) {
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Line : Lines) {
    llvm::Expected<llvm::json::Value> V = llvm::json::parse(Line);
    if (!V) {
      llvm::consumeError(V.takeError());
      continue;
    }
    if (const llvm::json::Object *O = V->getAsObject())
      Fn(*O, Line);
  }
}

void forEachSummaryLine(
    llvm::StringRef Text,
    llvm::function_ref<void(llvm::StringRef, const llvm::json::Object &,
                            llvm::StringRef)>
        Fn) {
  forEachObjectLine(Text, [&](const llvm::json::Object &O, llvm::StringRef Line) {
    std::optional<llvm::StringRef> USR = O.getString("usr");
    if (USR && !USR->empty())
      Fn(*USR, O, Line);
  });
}

namespace {

/// The value of the member "usr" of the JSON object on \p Line, found
/// without parsing the rest of the line: None when the line is not an
/// object whose members the scan can step over, has no such member, or
/// spells its value with escapes. The caller then parses the line.
std::optional<llvm::StringRef> scanUSR(llvm::StringRef Line) {
  Line = Line.trim();
  if (!Line.consume_front("{"))
    return std::nullopt;
  // The string that starts Line (at its quote), without the quotes, and
  // Line moved past it; None if it has escapes or does not end.
  auto String = [&]() -> std::optional<llvm::StringRef> {
    size_t End = Line.find_first_of("\"\\", 1);
    if (End == llvm::StringRef::npos || Line[End] != '"')
      return std::nullopt;
    llvm::StringRef S = Line.slice(1, End);
    Line = Line.drop_front(End + 1);
    return S;
  };
  while (true) {
    Line = Line.ltrim();
    if (!Line.starts_with("\""))
      return std::nullopt;
    std::optional<llvm::StringRef> Key = String();
    Line = Line.ltrim();
    if (!Key || !Line.consume_front(":"))
      return std::nullopt;
    Line = Line.ltrim();
    if (*Key == "usr")
      return Line.starts_with("\"") ? String() : std::nullopt;
    // Step over the value: strings (escapes and all), and the objects and
    // arrays around them, to the comma that ends it at this depth.
    unsigned Depth = 0;
    while (true) {
      if (Line.empty())
        return std::nullopt;
      char C = Line.front();
      if (C == '"') {
        size_t I = 1;
        while (I < Line.size() && Line[I] != '"')
          I += Line[I] == '\\' ? 2 : 1;
        if (I >= Line.size())
          return std::nullopt;
        Line = Line.drop_front(I + 1);
        continue;
      }
      if (C == '{' || C == '[')
        ++Depth;
      else if ((C == '}' || C == ']') && Depth-- == 0)
        return std::nullopt; // the object ended without "usr"
      else if (C == ',' && Depth == 0)
        break;
      Line = Line.drop_front();
    }
    Line = Line.drop_front(); // the comma
  }
}

} // namespace

llvm::Expected<SummaryIndex> SummaryIndex::load(llvm::StringRef Path,
                                                const ResourceModel &Model) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return llvm::createStringError(Buf.getError(),
                                   "cannot read summaries '" + Path + "': " +
                                       Buf.getError().message());
  SummaryIndex Index;
  Index.Model = &Model;
  Index.Text = std::move(*Buf);
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Index.Text->getBuffer().split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Line : Lines) {
    std::optional<llvm::StringRef> USR = scanUSR(Line);
    if (USR && !USR->empty() && !USR->starts_with(HookPrefix)) {
      Index.Lines[*USR].push_back(Line);
      continue;
    }
    // A hook's line, or one the scan cannot read: parsed now.
    forEachSummaryLine(Line, [&](llvm::StringRef USR,
                                 const llvm::json::Object &O, llvm::StringRef) {
      if (!USR.starts_with(HookPrefix)) {
        Index.Lines[USR].push_back(Line);
        return;
      }
      // Every TU that sets the hook must agree (null: set to something else).
      std::string T = O.getString("hookTarget").value_or("").str();
      auto [It, New] = Index.HookTargets.try_emplace(
          USR.drop_front(HookPrefix.size()), T);
      if (!New && It->second != T)
        It->second.clear();
    });
  }
  return Index;
}

const FunctionSummary *SummaryIndex::find(llvm::StringRef USR) const {
  auto [P, New] = Parsed.try_emplace(USR);
  if (New)
    if (auto L = Lines.find(USR); L != Lines.end())
      for (llvm::StringRef Line : llvm::reverse(L->second)) {
        llvm::Expected<llvm::json::Value> V = llvm::json::parse(Line);
        if (!V) {
          llvm::consumeError(V.takeError());
          continue;
        }
        const llvm::json::Object *O = V->getAsObject();
        if (O && (P->second = FunctionSummary::fromJSON(*O, *Model)))
          break;
      }
  return P->second ? &*P->second : nullptr;
}

} // namespace clang::tidy::leaklint::ownership
