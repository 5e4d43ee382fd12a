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

llvm::Expected<SummaryIndex> SummaryIndex::load(llvm::StringRef Path,
                                                const ResourceModel &Model) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return llvm::createStringError(Buf.getError(),
                                   "cannot read summaries '" + Path + "': " +
                                       Buf.getError().message());
  SummaryIndex Index;
  forEachSummaryLine((*Buf)->getBuffer(), [&](llvm::StringRef USR,
                                              const llvm::json::Object &O,
                                              llvm::StringRef) {
    if (USR.starts_with(HookPrefix)) {
      // Every TU that sets the hook must agree (null: set to something else).
      std::string T = O.getString("hookTarget").value_or("").str();
      auto [It, New] = Index.HookTargets.try_emplace(
          USR.drop_front(HookPrefix.size()), T);
      if (!New && It->second != T)
        It->second.clear();
      return;
    }
    if (std::optional<FunctionSummary> S = FunctionSummary::fromJSON(O, Model))
      Index.Summaries.insert_or_assign(USR, std::move(*S));
  });
  return Index;
}

const FunctionSummary *SummaryIndex::find(llvm::StringRef USR) const {
  auto It = Summaries.find(USR);
  return It == Summaries.end() ? nullptr : &It->second;
}

} // namespace clang::tidy::leaklint::ownership
