//===--- ResultJSON.cpp - a unit's result as JSON -------------------------===//

#include "ResultJSON.h"
#include "llvm/ADT/StringExtras.h"

namespace leaklint {

namespace json = llvm::json;

namespace {

json::Value toJSON(const Location &L) {
  return json::Array{L.File, static_cast<int64_t>(L.Offset),
                     static_cast<int64_t>(L.Line), static_cast<int64_t>(L.Column)};
}

std::optional<Location> locationFrom(const json::Value *V) {
  const json::Array *A = V ? V->getAsArray() : nullptr;
  if (!A || A->size() != 4)
    return std::nullopt;
  std::optional<llvm::StringRef> F = (*A)[0].getAsString();
  std::optional<int64_t> O = (*A)[1].getAsInteger(), L = (*A)[2].getAsInteger(),
                         C = (*A)[3].getAsInteger();
  if (!F || !O || !L || !C)
    return std::nullopt;
  return Location{F->str(), static_cast<unsigned>(*O), static_cast<unsigned>(*L),
                  static_cast<unsigned>(*C)};
}

} // namespace

json::Value toJSON(const Finding &F) {
  json::Array Notes, Fix;
  for (const Note &N : F.Notes)
    Notes.push_back(json::Object{{"at", toJSON(N.Where)}, {"message", N.Message}});
  for (const Edit &E : F.Fix)
    Fix.push_back(json::Object{{"file", E.File},
                               {"offset", static_cast<int64_t>(E.Offset)},
                               {"length", static_cast<int64_t>(E.Length)},
                               {"text", E.Text},
                               {"begin", toJSON(E.Begin)},
                               {"end", toJSON(E.End)}});
  return json::Object{{"check", F.Check},
                      {"error", F.Level == Severity::Error},
                      {"at", toJSON(F.Where)},
                      {"message", F.Message},
                      {"notes", std::move(Notes)},
                      {"fix", std::move(Fix)}};
}

std::optional<Finding> findingFrom(const json::Value &V) {
  const json::Object *O = V.getAsObject();
  if (!O)
    return std::nullopt;
  Finding F;
  std::optional<llvm::StringRef> Check = O->getString("check");
  std::optional<llvm::StringRef> Message = O->getString("message");
  std::optional<Location> At = locationFrom(O->get("at"));
  const json::Array *Notes = O->getArray("notes");
  const json::Array *Fix = O->getArray("fix");
  if (!Check || !Message || !At || !Notes || !Fix)
    return std::nullopt;
  F.Check = Check->str();
  F.Message = Message->str();
  F.Where = *At;
  F.Level = O->getBoolean("error").value_or(false) ? Severity::Error
                                                   : Severity::Warning;
  for (const json::Value &NV : *Notes) {
    const json::Object *N = NV.getAsObject();
    std::optional<Location> W = N ? locationFrom(N->get("at")) : std::nullopt;
    std::optional<llvm::StringRef> M = N ? N->getString("message") : std::nullopt;
    if (!W || !M)
      return std::nullopt;
    F.Notes.push_back({*W, M->str()});
  }
  for (const json::Value &EV : *Fix) {
    const json::Object *E = EV.getAsObject();
    if (!E)
      return std::nullopt;
    std::optional<llvm::StringRef> File = E->getString("file"),
                                   Text = E->getString("text");
    std::optional<int64_t> Off = E->getInteger("offset"),
                           Len = E->getInteger("length");
    std::optional<Location> B = locationFrom(E->get("begin")),
                            End = locationFrom(E->get("end"));
    if (!File || !Text || !Off || !Len || !B || !End)
      return std::nullopt;
    F.Fix.push_back({File->str(), static_cast<unsigned>(*Off),
                     static_cast<unsigned>(*Len), Text->str(), *B, *End});
  }
  return F;
}

namespace {
json::Array toJSON(const AnalysedContents &Files) {
  json::Array Out;
  for (const auto &[Path, Digest] : Files) {
    if (Digest)
      Out.push_back(json::Array{Path, static_cast<int64_t>(Digest->Size),
                                llvm::utohexstr(Digest->Low, true),
                                llvm::utohexstr(Digest->High, true)});
    else
      Out.push_back(json::Array{Path});
  }
  return Out;
}

bool contentsFrom(const json::Array *A, AnalysedContents &Into) {
  if (!A)
    return false;
  for (const json::Value &DV : *A) {
    const json::Array *D = DV.getAsArray();
    std::optional<llvm::StringRef> Path =
        D && !D->empty() ? (*D)[0].getAsString() : std::nullopt;
    if (!Path)
      return false;
    if (D->size() == 1) {
      Into.emplace(Path->str(), std::nullopt);
      continue;
    }
    std::optional<int64_t> Size = D->size() == 4 ? (*D)[1].getAsInteger() : std::nullopt;
    std::optional<llvm::StringRef> Low = D->size() == 4 ? (*D)[2].getAsString() : std::nullopt,
                                   High = D->size() == 4 ? (*D)[3].getAsString() : std::nullopt;
    uint64_t L = 0, H = 0;
    if (!Size || !Low || !High || Low->getAsInteger(16, L) || High->getAsInteger(16, H))
      return false;
    Into.emplace(Path->str(), ContentDigest{static_cast<uint64_t>(*Size), L, H});
  }
  return true;
}
} // namespace

json::Value toJSON(const UnitResult &R) {
  json::Array Findings;
  for (const Finding &F : R.Findings)
    Findings.push_back(toJSON(F));
  return json::Object{{"file", R.File},
                      {"failure", R.Failure},
                      {"analysed", toJSON(R.Analysed)},
                      {"read", toJSON(R.Read)},
                      {"findings", std::move(Findings)}};
}

std::optional<UnitResult> unitResultFrom(const json::Value &V) {
  const json::Object *O = V.getAsObject();
  const json::Array *Findings = O ? O->getArray("findings") : nullptr;
  std::optional<llvm::StringRef> File = O ? O->getString("file") : std::nullopt;
  if (!Findings || !File)
    return std::nullopt;
  UnitResult R;
  R.File = File->str();
  R.Failure = O->getString("failure").value_or("").str();
  if (!contentsFrom(O->getArray("analysed"), R.Analysed) ||
      !contentsFrom(O->getArray("read"), R.Read))
    return std::nullopt;
  for (const json::Value &FV : *Findings) {
    std::optional<Finding> F = findingFrom(FV);
    if (!F)
      return std::nullopt;
    R.Findings.push_back(std::move(*F));
  }
  return R;
}

} // namespace leaklint
