//===--- Shards.cpp - one run split across the jobs of a CI matrix -------===//

#include "Shards.h"
#include "ResultJSON.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <map>

namespace leaklint {

namespace json = llvm::json;

std::optional<std::pair<unsigned, unsigned>> parseShard(llvm::StringRef Text) {
  auto [KText, NText] = Text.split('/');
  unsigned K = 0, N = 0;
  if (KText.getAsInteger(10, K) || NText.getAsInteger(10, N) || K == 0 ||
      N == 0 || K > N)
    return std::nullopt;
  return std::make_pair(K, N);
}

std::vector<std::string> shardOf(llvm::ArrayRef<std::string> Files, unsigned K,
                                 unsigned N) {
  llvm::SmallString<256> Cwd;
  if (llvm::sys::fs::current_path(Cwd))
    Cwd.clear();
  std::vector<std::string> Out;
  for (const std::string &F : Files) {
    llvm::StringRef Key = F; // relative to the current directory if under it
    if (!Cwd.empty() && Key.size() > Cwd.size() && Key.starts_with(Cwd) &&
        llvm::sys::path::is_separator(Key[Cwd.size()]))
      Key = Key.drop_front(Cwd.size() + 1);
    if (llvm::xxh3_64bits(Key) % N == K - 1)
      Out.push_back(F);
  }
  return Out;
}

namespace {
std::string shardFile(llvm::StringRef Dir, unsigned K, unsigned N) {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, "shard-" + llvm::Twine(K) + "-of-" +
                                 llvm::Twine(N) + ".json");
  return std::string(P);
}
} // namespace

std::string writeShard(llvm::StringRef Dir, unsigned K, unsigned N,
                       llvm::ArrayRef<UnitResult> Results) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
    return "cannot create '" + Dir.str() + "': " + EC.message();
  json::Array Units;
  for (const UnitResult &R : Results)
    Units.push_back(toJSON(R));
  json::Value Doc = json::Object{{"shard", static_cast<int64_t>(K)},
                                 {"of", static_cast<int64_t>(N)},
                                 {"units", std::move(Units)}};
  std::string Path = shardFile(Dir, K, N);
  // Whole or not at all: written to a temporary file, renamed into place.
  if (llvm::Error E = llvm::writeToOutput(Path, [&](llvm::raw_ostream &OS) {
        OS << Doc;
        return llvm::Error::success();
      }))
    return "cannot write '" + Path + "': " + llvm::toString(std::move(E));
  return {};
}

std::string readShards(llvm::ArrayRef<std::string> Dirs,
                       std::vector<UnitResult> &Results) {
  std::map<unsigned, std::vector<UnitResult>> ByShard;
  unsigned Of = 0;
  for (const std::string &Dir : Dirs) {
    std::error_code EC;
    std::vector<std::string> Found;
    for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
         It.increment(EC)) {
      llvm::StringRef Name = llvm::sys::path::filename(It->path());
      if (Name.starts_with("shard-") && Name.ends_with(".json"))
        Found.push_back(It->path());
    }
    if (EC)
      return "cannot read '" + Dir + "': " + EC.message();
    llvm::sort(Found);
    for (const std::string &Path : Found) {
      auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
      if (!Buf)
        return "cannot read '" + Path + "': " + Buf.getError().message();
      llvm::Expected<json::Value> V = json::parse((*Buf)->getBuffer());
      if (!V)
        return "'" + Path + "' is not a shard's results: " +
               llvm::toString(V.takeError());
      const json::Object *O = V->getAsObject();
      std::optional<int64_t> K = O ? O->getInteger("shard") : std::nullopt;
      std::optional<int64_t> N = O ? O->getInteger("of") : std::nullopt;
      const json::Array *Units = O ? O->getArray("units") : nullptr;
      if (!K || !N || !Units || *K < 1 || *K > *N)
        return "'" + Path + "' is not a shard's results";
      if (Of && static_cast<int64_t>(Of) != *N)
        return "'" + Path + "' is a shard of " + std::to_string(*N) +
               ", the others of " + std::to_string(Of);
      Of = *N;
      if (ByShard.count(*K))
        return "shard " + std::to_string(*K) + " of " + std::to_string(*N) +
               " is given twice";
      std::vector<UnitResult> &Into = ByShard[*K];
      for (const json::Value &U : *Units) {
        std::optional<UnitResult> R = unitResultFrom(U);
        if (!R)
          return "'" + Path + "' is not a shard's results";
        Into.push_back(std::move(*R));
      }
    }
  }
  if (!Of)
    return "no shard results (shard-K-of-N.json) in the --merge directories";
  std::string Missing;
  for (unsigned K = 1; K <= Of; ++K)
    if (!ByShard.count(K))
      Missing += (Missing.empty() ? "" : ", ") + std::to_string(K);
  if (!Missing.empty())
    return "the results of shard " + Missing + " of " + std::to_string(Of) +
           " are missing";
  for (auto &[K, Units] : ByShard)
    for (UnitResult &R : Units)
      Results.push_back(std::move(R));
  return {};
}

} // namespace leaklint
