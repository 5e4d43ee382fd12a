//===--- Cache.cpp - results of translation units kept between runs ------===//

#include "Cache.h"
#include "ResultJSON.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

namespace leaklint {

namespace json = llvm::json;

namespace {

constexpr int64_t FormatVersion = 2;

/// The digest of what \p Path holds now, if it can be read.
std::optional<ContentDigest> digestOf(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return std::nullopt;
  return ContentDigest::of((*Buf)->getBuffer());
}

} // namespace

std::string hex128(llvm::StringRef Text) {
  llvm::XXH128_hash_t H =
      llvm::xxh3_128bits(llvm::ArrayRef(Text.bytes_begin(), Text.size()));
  return llvm::utohexstr(H.high64, /*LowerCase=*/true, 16) +
         llvm::utohexstr(H.low64, /*LowerCase=*/true, 16);
}

std::optional<ResultCache> ResultCache::open(llvm::StringRef Dir, std::string Salt,
                                             std::string &Error) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir)) {
    Error = "cannot create the cache directory '" + Dir.str() + "': " + EC.message();
    return std::nullopt;
  }
  llvm::SmallString<256> Abs(Dir);
  llvm::sys::fs::make_absolute(Abs);
  return ResultCache(std::string(Abs), std::move(Salt));
}

std::string ResultCache::keyFor(const clang::tooling::CompilationDatabase &DB,
                                const std::string &File,
                                const AnalysisOptions &Opts,
                                llvm::StringRef Inputs) const {
  std::string Text = Salt;
  auto Add = [&](llvm::StringRef Part) {
    Text += '\0';
    Text += std::to_string(Part.size());
    Text += ':';
    Text += Part;
  };
  Add(File);
  std::vector<clang::tooling::CompileCommand> Commands = DB.getCompileCommands(File);
  if (!Commands.empty()) {
    Add(Commands.front().Directory);
    for (const std::string &Arg : Commands.front().CommandLine)
      Add(Arg);
  }
  // What clang-tidy resolves for the file: --checks, --config, every
  // .clang-tidy on the way up, the header filter.
  Add(resolvedConfiguration(Opts, File));
  Add(Opts.WantFixes ? "fixes" : "no-fixes");
  Add(Opts.HeaderFilterGiven ? "filter-given" : "filter-default");
  llvm::SmallString<256> Cwd;
  if (!llvm::sys::fs::current_path(Cwd))
    Add(Cwd); // the default header filter is the current directory
  Add(Inputs);
  return hex128(Text);
}

std::string ResultCache::pathOf(llvm::StringRef Key) const {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, Key.take_front(2), Key.str() + ".json");
  return std::string(P);
}

std::optional<ContentDigest>
ResultCache::currentDigest(llvm::StringRef Path) const {
  {
    std::lock_guard<std::mutex> Guard(Digests->Lock);
    if (auto It = Digests->Of.find(Path); It != Digests->Of.end())
      return It->second;
  }
  std::optional<ContentDigest> D = digestOf(Path);
  std::lock_guard<std::mutex> Guard(Digests->Lock);
  Digests->Of.try_emplace(Path, D);
  return D;
}

std::optional<UnitResult> ResultCache::lookup(llvm::StringRef Key,
                                              json::Object *Extra) const {
  auto Buf = llvm::MemoryBuffer::getFile(pathOf(Key), /*IsText=*/true);
  if (!Buf)
    return std::nullopt;
  llvm::Expected<json::Value> V = json::parse((*Buf)->getBuffer());
  if (!V) {
    llvm::consumeError(V.takeError());
    return std::nullopt; // a damaged entry is a miss
  }
  const json::Object *O = V->getAsObject();
  if (!O || O->getInteger("format").value_or(0) != FormatVersion)
    return std::nullopt;
  std::optional<UnitResult> R = unitResultFrom(*V);
  if (!R)
    return std::nullopt;
  // A hit only while every file the analysis read holds what it held.
  for (const auto &[Path, Was] : R->Read) {
    std::optional<ContentDigest> Now = currentDigest(Path);
    if (!Was || !Now || *Now != *Was)
      return std::nullopt;
  }
  if (Extra) {
    const json::Object *Kept = O->getObject("extra");
    *Extra = Kept ? *Kept : json::Object();
  }
  return R;
}

void ResultCache::store(llvm::StringRef Key, const UnitResult &R,
                        json::Object Extra) const {
  if (!R.Failure.empty() ||
      llvm::any_of(R.Findings, [](const Finding &F) { return F.isToolError(); }))
    return; // a failed unit is analysed again next time
  if (R.Read.empty() ||
      llvm::any_of(R.Read, [](const auto &F) { return !F.second; }))
    return; // a file changed while the unit read it
  json::Value Entry = toJSON(R);
  Entry.getAsObject()->try_emplace("format", FormatVersion);
  if (!Extra.empty())
    Entry.getAsObject()->try_emplace("extra", std::move(Extra));
  std::string Path = pathOf(Key);
  if (llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path)))
    return;
  // Written to a temporary file and renamed into place: a reader sees the
  // whole entry or none, whichever run wrote it. A cache that cannot be
  // written is a cache that misses.
  llvm::consumeError(llvm::writeToOutput(Path, [&](llvm::raw_ostream &OS) {
    OS << Entry;
    return llvm::Error::success();
  }));
}

std::string toolSalt(const char *Argv0, void *MainAddr) {
  std::string Exe = llvm::sys::fs::getMainExecutable(Argv0, MainAddr);
  std::string Salt = "leaklint " LEAKLINT_VERSION " " LLVM_VERSION_STRING;
  if (std::optional<ContentDigest> D = digestOf(Exe))
    Salt += " " + llvm::utohexstr(D->Low) + llvm::utohexstr(D->High);
  return Salt;
}

} // namespace leaklint
