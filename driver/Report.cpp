//===--- Report.cpp - text, JSON and SARIF reports ------------------------===//

#include "Report.h"
#include "CheckTable.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/xxhash.h"

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
  // A place without a line (an unknown compiler flag) names the file alone.
  if (L.Line)
    OS << L.File << ":" << L.Line << ":" << L.Column << ": ";
  else if (!L.File.empty())
    OS << L.File << ": ";
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

namespace {

json::Object jsonLocation(const Location &L) {
  return json::Object{{"file", L.File}, {"line", L.Line}, {"column", L.Column}};
}

json::Object jsonFinding(const Finding &F) {
  json::Object O = jsonLocation(F.Where);
  O["check"] = F.Check;
  O["severity"] = F.isToolError() ? "error" : "warning";
  O["message"] = F.Message;
  json::Array Notes;
  for (const Note &N : F.Notes) {
    json::Object NO = jsonLocation(N.Where);
    NO["message"] = N.Message;
    Notes.push_back(std::move(NO));
  }
  O["notes"] = std::move(Notes);
  json::Array Fixes;
  for (const Edit &E : F.Fix)
    Fixes.push_back(json::Object{{"file", E.File},
                                 {"offset", E.Offset},
                                 {"length", E.Length},
                                 {"line", E.Begin.Line},
                                 {"column", E.Begin.Column},
                                 {"endLine", E.End.Line},
                                 {"endColumn", E.End.Column},
                                 {"replacement", E.Text}});
  O["fixes"] = std::move(Fixes);
  if (!F.Fingerprint.empty())
    O["fingerprint"] = F.Fingerprint;
  if (!F.BaselineState.empty())
    O["baselineState"] = F.BaselineState;
  return O;
}

/// A file: URI for an absolute path, with the characters that RFC 3986
/// reserves percent-encoded.
std::string fileUri(StringRef Path, bool Absolute) {
  std::string Out = Absolute ? "file://" : "";
  for (unsigned char C : Path) {
    if (isAlnum(C) || StringRef("/-._~").contains(C))
      Out += C;
    else
      Out += "%" + utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return Out;
}

/// A SARIF physicalLocation: relative to %SRCROOT% when the file is under
/// SourceRoot, an absolute file: URI otherwise.
json::Object sarifLocation(const Location &L, StringRef SourceRoot) {
  json::Object Artifact;
  StringRef File = L.File;
  if (!SourceRoot.empty() && File.starts_with(SourceRoot) &&
      File.size() > SourceRoot.size() && File[SourceRoot.size()] == '/') {
    Artifact["uri"] = fileUri(File.drop_front(SourceRoot.size() + 1), false);
    Artifact["uriBaseId"] = "%SRCROOT%";
  } else {
    Artifact["uri"] = fileUri(File, true);
  }
  json::Object Physical{{"artifactLocation", std::move(Artifact)}};
  if (L.Line) {
    json::Object Region{{"startLine", L.Line}};
    if (L.Column)
      Region["startColumn"] = L.Column;
    Physical["region"] = std::move(Region);
  }
  return json::Object{{"physicalLocation", std::move(Physical)}};
}

/// The check's docs page: docs/checks/<name without "leaklint-">.md.
std::string docsUrl(StringRef Check) {
  Check.consume_front("leaklint-");
  return (Twine(LEAKLINT_DOCS_URL) + "/checks/" + Check + ".md").str();
}

} // namespace

void writeJson(ArrayRef<Finding> Findings, raw_ostream &OS) {
  json::Array Warnings, Errors;
  for (const Finding &F : Findings)
    (F.isToolError() ? Errors : Warnings).push_back(jsonFinding(F));
  json::Value Doc = json::Object{
      {"version", 1},
      {"tool", json::Object{{"name", "leaklint"}, {"version", LEAKLINT_VERSION}}},
      {"findings", std::move(Warnings)},
      {"errors", std::move(Errors)}};
  OS << formatv("{0:2}", Doc) << "\n";
}

void writeSarif(ArrayRef<Finding> Findings, StringRef SourceRoot,
                raw_ostream &OS) {
  json::Array Rules;
  StringMap<unsigned> RuleIndex;
  for (const CheckInfo &C : leaklintChecks()) {
    RuleIndex[C.Name] = Rules.size();
    Rules.push_back(json::Object{
        {"id", C.Name},
        {"name", C.Name},
        {"shortDescription", json::Object{{"text", C.Summary}}},
        {"helpUri", docsUrl(C.Name)},
        {"help", json::Object{{"text", (Twine(C.Summary) + ". See " +
                                        docsUrl(C.Name))
                                           .str()}}},
        {"defaultConfiguration", json::Object{{"level", "warning"}}},
        {"properties",
         json::Object{{"tags", json::Array{"reliability", "memory-leak"}},
                      {"precision", "high"}}}});
  }

  SourceLines Lines;
  json::Array Results, Notifications;
  for (const Finding &F : Findings) {
    json::Array Related;
    for (const Note &N : F.Notes) {
      json::Object RL = sarifLocation(N.Where, SourceRoot);
      RL["id"] = Related.size();
      RL["message"] = json::Object{{"text", N.Message}};
      Related.push_back(std::move(RL));
    }
    if (F.isToolError()) {
      // A compiler error is not a finding about the code's leaks: it tells
      // that the tool could not do its job, which SARIF says with a
      // notification on the invocation.
      json::Object Notification{
          {"level", "error"},
          {"message", json::Object{{"text", F.Message}}},
          {"descriptor", json::Object{{"id", F.Check}}},
          {"locations", json::Array{sarifLocation(F.Where, SourceRoot)}}};
      Notifications.push_back(std::move(Notification));
      continue;
    }
    json::Object Result{
        {"ruleId", F.Check},
        {"level", "warning"},
        {"message", json::Object{{"text", F.Message}}},
        {"locations", json::Array{sarifLocation(F.Where, SourceRoot)}}};
    if (auto It = RuleIndex.find(F.Check); It != RuleIndex.end())
      Result["ruleIndex"] = It->second;
    if (!Related.empty())
      Result["relatedLocations"] = std::move(Related);
    if (!F.Fix.empty()) {
      // One fix, with one artifactChange per file it touches.
      std::vector<std::string> FileOrder;
      StringMap<json::Array> PerFile;
      for (const Edit &E : F.Fix) {
        if (!PerFile.count(E.File))
          FileOrder.push_back(E.File);
        PerFile[E.File].push_back(json::Object{
            {"deletedRegion", json::Object{{"byteOffset", E.Offset},
                                           {"byteLength", E.Length}}},
            {"insertedContent", json::Object{{"text", E.Text}}}});
      }
      json::Array Changes;
      for (const std::string &File : FileOrder) {
        Location Where;
        Where.File = File;
        json::Object Artifact = std::move(
            *sarifLocation(Where, SourceRoot)["physicalLocation"]
                 .getAsObject()
                 ->getObject("artifactLocation"));
        Changes.push_back(
            json::Object{{"artifactLocation", std::move(Artifact)},
                         {"replacements", std::move(PerFile[File])}});
      }
      Result["fixes"] = json::Array{json::Object{
          {"description", json::Object{{"text", "apply the suggested fix"}}},
          {"artifactChanges", std::move(Changes)}}};
    }
    if (!F.Fingerprint.empty())
      Result["partialFingerprints"] =
          json::Object{{"leaklintHash/v2", F.Fingerprint}};
    if (!F.BaselineState.empty())
      Result["baselineState"] = F.BaselineState;
    Results.push_back(std::move(Result));
  }

  json::Object Invocation{{"executionSuccessful", Notifications.empty()}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);

  json::Object Run{
      {"tool",
       json::Object{
           {"driver",
            json::Object{{"name", "leaklint"},
                         {"version", LEAKLINT_VERSION},
                         {"semanticVersion", LEAKLINT_VERSION},
                         {"informationUri", LEAKLINT_DOCS_URL "/driver.md"},
                         {"rules", std::move(Rules)}}}}},
      {"invocations", json::Array{std::move(Invocation)}},
      {"originalUriBaseIds",
       json::Object{{"%SRCROOT%",
                     json::Object{{"uri", fileUri(SourceRoot, true) + "/"}}}}},
      {"results", std::move(Results)}};
  json::Value Doc = json::Object{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::Array{std::move(Run)}}};
  OS << formatv("{0:2}", Doc) << "\n";
}

void assignFingerprints(std::vector<Finding> &Findings, StringRef SourceRoot) {
  SourceLines Lines;
  StringMap<unsigned> Seen; // findings alike so far
  for (Finding &F : Findings) {
    if (F.isToolError())
      continue; // a compiler error is no finding to keep track of
    StringRef File = F.Where.File;
    if (!SourceRoot.empty() && File.size() > SourceRoot.size() &&
        File.starts_with(SourceRoot) && File[SourceRoot.size()] == '/')
      File = File.drop_front(SourceRoot.size() + 1);
    std::string Key = F.Check + "\n" + File.str() + "\n" + F.Message + "\n" +
                      Lines.line(F.Where).trim().str();
    unsigned Rank = Seen[Key]++;
    Key += "\n" + std::to_string(Rank);
    F.Fingerprint = utohexstr(xxh3_64bits(Key), /*LowerCase=*/true, /*Width=*/16);
  }
}

std::string applyBaseline(StringRef BaselineFile, std::vector<Finding> &Findings) {
  auto Buf = MemoryBuffer::getFile(BaselineFile, /*IsText=*/true);
  if (!Buf)
    return "cannot read the baseline '" + BaselineFile.str() +
           "': " + Buf.getError().message();
  Expected<json::Value> Doc = json::parse((*Buf)->getBuffer());
  if (!Doc)
    return "the baseline '" + BaselineFile.str() + "' is not JSON: " +
           toString(Doc.takeError());
  StringSet<> Known;
  const json::Object *O = Doc->getAsObject();
  if (const json::Array *Fs = O ? O->getArray("findings") : nullptr) {
    for (const json::Value &V : *Fs) // leaklint's JSON report
      if (const json::Object *F = V.getAsObject())
        if (std::optional<StringRef> FP = F->getString("fingerprint"))
          Known.insert(*FP);
  } else if (const json::Array *Runs = O ? O->getArray("runs") : nullptr) {
    for (const json::Value &Run : *Runs) // SARIF
      if (const json::Object *R = Run.getAsObject())
        if (const json::Array *Results = R->getArray("results"))
          for (const json::Value &V : *Results)
            if (const json::Object *Res = V.getAsObject())
              if (const json::Object *PF = Res->getObject("partialFingerprints"))
                if (std::optional<StringRef> FP = PF->getString("leaklintHash/v2"))
                  Known.insert(*FP);
  } else {
    return "the baseline '" + BaselineFile.str() +
           "' is neither a leaklint JSON report nor SARIF";
  }
  for (Finding &F : Findings)
    if (!F.isToolError())
      F.BaselineState = Known.count(F.Fingerprint) ? "unchanged" : "new";
  return {};
}

} // namespace leaklint
