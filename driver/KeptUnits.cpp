//===--- KeptUnits.cpp - parsed units kept between analyses ---------------===//

#include "KeptUnits.h"
#include "clang-tidy/ClangTidy.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/HeaderSearch.h"
#include "clang/Lex/ModuleLoader.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/Config/llvm-config.h"

using namespace clang;

namespace leaklint {

namespace {

class IncludeRecorder : public PPCallbacks {
public:
  explicit IncludeRecorder(std::vector<IncludeDirective> &Into) : Into(Into) {}

  void InclusionDirective(SourceLocation HashLoc, const Token &IncludeTok,
                          StringRef FileName, bool IsAngled,
                          CharSourceRange FilenameRange,
                          OptionalFileEntryRef File, StringRef SearchPath,
                          StringRef RelativePath, const Module *,
                          bool /*ModuleImported*/,
                          SrcMgr::CharacteristicKind FileType) override {
    Into.push_back({HashLoc, IncludeTok, FileName.str(), IsAngled,
                    FilenameRange, File, SearchPath.str(), RelativePath.str(),
                    static_cast<unsigned>(FileType)});
  }

private:
  std::vector<IncludeDirective> &Into;
};

} // namespace

std::unique_ptr<PPCallbacks>
recordIncludes(std::vector<IncludeDirective> &Into) {
  return std::make_unique<IncludeRecorder>(Into);
}

KeptUnit::KeptUnit(CompilerInstance &CI, std::vector<IncludeDirective> Includes)
    : Invocation(CI.getInvocationPtr()), Diags(CI.getDiagnosticsPtr()),
      Files(CI.getFileManagerPtr()), Sources(CI.getSourceManagerPtr()),
      Target(&CI.getTarget()), PP(CI.getPreprocessorPtr()),
      Ctx(CI.getASTContextPtr()), Includes(std::move(Includes)) {}

KeptUnit::~KeptUnit() = default;

void KeptUnit::silenceDiagnostics() {
  Silent = std::make_unique<IgnoringDiagConsumer>();
  Diags->setClient(Silent.get(), /*ShouldOwnClient=*/false);
}

size_t KeptUnit::bytes() const {
  SourceManager::MemoryBufferSizes Buffers = Sources->getMemoryBufferSizes();
  size_t Counted =
      Ctx->getASTAllocatedMemory() + Ctx->getSideTableAllocatedMemory() +
      Sources->getContentCacheSize() + Sources->getDataStructureSizes() +
      Buffers.malloc_bytes + PP->getTotalMemory();
  // What these leave out (the allocator's overhead, the identifier and
  // declaration tables, what the parse freed but the heap keeps) about
  // doubles it: tmux's 143 units count 420 MiB and grow the process by
  // 775 MB.
  return 2 * Counted;
}

void KeptUnit::analyse(tidy::ClangTidyASTConsumerFactory &Factory,
                       StringRef File) {
  // The checks register their preprocessor callbacks on a preprocessor
  // that only relays the recorded directives to them: the one that parsed
  // the unit keeps the callbacks of the checks of its first analysis, gone
  // since, and cannot drop them.
  LangOptions &LangOpts = Invocation->getLangOpts();
#if LLVM_VERSION_MAJOR >= 22
  HeaderSearch Headers(Invocation->getHeaderSearchOpts(), *Sources, *Diags,
                       LangOpts, Target.get());
  TrivialModuleLoader Loader;
  auto Relay = std::make_shared<Preprocessor>(Invocation->getPreprocessorOpts(),
                                              *Diags, LangOpts, *Sources,
                                              Headers, Loader);
  CompilerInstance Shell(Invocation);
#else
  HeaderSearch Headers(Invocation->getHeaderSearchOptsPtr(), *Sources, *Diags,
                       LangOpts, Target.get());
  TrivialModuleLoader Loader;
  auto Relay = std::make_shared<Preprocessor>(
      Invocation->getPreprocessorOptsPtr(), *Diags, LangOpts, *Sources,
      Headers, Loader);
  CompilerInstance Shell;
  Shell.setInvocation(Invocation);
#endif
  // The compiler the checks are made for: the parsed unit's parts.
  Shell.setDiagnostics(Diags.get());
  Shell.setFileManager(Files.get());
  Shell.setSourceManager(Sources.get());
  Shell.setTarget(Target.get());
  Shell.setPreprocessor(Relay);
  Shell.setASTContext(Ctx.get());
  std::unique_ptr<ASTConsumer> Consumer =
      Factory.createASTConsumer(Shell, File);
  if (PPCallbacks *Callbacks = Relay->getPPCallbacks())
    for (const IncludeDirective &D : Includes)
      Callbacks->InclusionDirective(
          D.HashLoc, D.IncludeTok, D.FileName, D.IsAngled, D.FilenameRange,
          D.File, D.SearchPath, D.RelativePath, /*SuggestedModule=*/nullptr,
          /*ModuleImported=*/false,
          static_cast<SrcMgr::CharacteristicKind>(D.FileType));
  Consumer->Initialize(*Ctx);
  Consumer->HandleTranslationUnit(*Ctx);
}

KeptUnits::~KeptUnits() = default;

std::unique_ptr<KeptUnit> KeptUnits::take(llvm::StringRef File) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Units.find(File);
  if (It == Units.end() || !It->second)
    return nullptr;
  ++Taken;
  return std::move(It->second);
}

bool KeptUnits::hasRoom() {
  std::lock_guard<std::mutex> Lock(Mutex);
  return !Refused && Used < Budget;
}

std::pair<size_t, size_t> KeptUnits::kept() {
  std::lock_guard<std::mutex> Lock(Mutex);
  return {Units.size(), Used};
}

size_t KeptUnits::reused() {
  std::lock_guard<std::mutex> Lock(Mutex);
  return Taken;
}

void KeptUnits::put(llvm::StringRef File, std::unique_ptr<KeptUnit> Unit) {
  std::lock_guard<std::mutex> Lock(Mutex);
  auto It = Units.find(File);
  if (It != Units.end()) { // taken, and given back
    It->second = std::move(Unit);
    return;
  }
  size_t Bytes = Unit->bytes();
  if (Used + Bytes > Budget) {
    Refused = true;
    return;
  }
  Used += Bytes;
  // What reported the parse's diagnostics goes away with the parse.
  Unit->silenceDiagnostics();
  Units[File] = std::move(Unit);
}

} // namespace leaklint
