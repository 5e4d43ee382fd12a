//===--- ProjectConfig.cpp - a project's .clang-tidy, read as we can ------===//

#include "ProjectConfig.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace clang::tidy;

namespace leaklint {

namespace {

/// The first error of a parse: its message and line (1-based), if any.
struct Problem {
  std::string Message;
  unsigned Line = 0;
};

std::optional<ClangTidyOptions> parse(llvm::MemoryBufferRef Text,
                                      std::optional<Problem> &First) {
  llvm::ErrorOr<ClangTidyOptions> Parsed = parseConfigurationWithDiags(
      Text, [&](const llvm::SMDiagnostic &D) {
        if (!First && D.getKind() == llvm::SourceMgr::DK_Error)
          First = Problem{(llvm::Twine(D.getLineNo()) + ":" +
                           llvm::Twine(D.getColumnNo() + 1) + ": " +
                           D.getMessage())
                              .str(),
                          static_cast<unsigned>(D.getLineNo())};
      });
  if (Parsed)
    return *Parsed;
  if (!First)
    First = Problem{Parsed.getError().message(), 0};
  return std::nullopt;
}

/// The key an "unknown key 'K'" message names.
std::optional<llvm::StringRef> unknownKey(llvm::StringRef Message) {
  llvm::StringRef Rest = Message;
  size_t At = Rest.find("unknown key '");
  if (At == llvm::StringRef::npos)
    return std::nullopt;
  Rest = Rest.drop_front(At + llvm::StringRef("unknown key '").size());
  size_t End = Rest.rfind('\'');
  if (End == llvm::StringRef::npos || End == 0)
    return std::nullopt;
  return Rest.take_front(End);
}

/// Whether some clang-tidy version reads \p Key at the top level of its
/// configuration: a key this one does not know then comes from another
/// version (clang-tidy 18 dropped `AnalyzeTemporaryDtors`; 22 added
/// `CustomChecks` and `RemovedArgs`), where any other is a mistake.
bool isClangTidyKey(llvm::StringRef Key) {
  static constexpr llvm::StringLiteral Keys[] = {
      "AnalyzeTemporaryDtors", "CheckOptions",     "Checks",
      "CustomChecks",          "ExcludeHeaderFilterRegex",
      "ExtraArgs",             "ExtraArgsBefore",  "FormatStyle",
      "HeaderFileExtensions",  "HeaderFilterRegex",
      "ImplementationFileExtensions",              "InheritParentConfig",
      "RemovedArgs",           "SystemHeaders",    "UseColor",
      "User",                  "WarningsAsErrors"};
  return llvm::is_contained(Keys, Key);
}

/// Whether \p Line, of a block mapping at the top level, goes on the value
/// of the key above it: indented, empty, a comment, or an item of a
/// sequence written at the key's own indentation.
bool continuesValue(llvm::StringRef Line) {
  llvm::StringRef Body = Line.rtrim("\r");
  if (Body.empty() || Body.front() == ' ' || Body.front() == '\t' ||
      Body.front() == '#')
    return true;
  if (Body.starts_with("---") || Body.starts_with("..."))
    return false;
  return Body == "-" || Body.starts_with("- ");
}

} // namespace

std::optional<ClangTidyOptions> parseConfig(llvm::MemoryBufferRef Text,
                                            std::string &Why) {
  std::optional<Problem> First;
  std::optional<ClangTidyOptions> Parsed = parse(Text, First);
  if (!Parsed)
    Why = First->Message;
  return Parsed;
}

std::string withoutUnknownKeys(llvm::StringRef Text,
                               std::vector<std::string> &Ignored) {
  std::string Current = Text.str();
  std::vector<std::string> Names;
  // Each round leaves out one key; a file has few.
  for (unsigned Round = 0; Round < 32; ++Round) {
    std::optional<Problem> First;
    if (parse(llvm::MemoryBufferRef(Current, ".clang-tidy"), First))
      break;
    std::optional<llvm::StringRef> Key = unknownKey(First->Message);
    if (!Key || !isClangTidyKey(*Key) || First->Line == 0)
      return Text.str();
    llvm::SmallVector<llvm::StringRef, 64> Lines;
    llvm::StringRef(Current).split(Lines, '\n');
    unsigned I = First->Line - 1;
    // Only a key of the top-level mapping, written in block style.
    if (I >= Lines.size() || !Lines[I].starts_with(*Key) ||
        !Lines[I].drop_front(Key->size()).ltrim(" \t").starts_with(":"))
      return Text.str();
    Names.push_back(Key->str());
    std::string Next;
    bool InValue = false;
    for (unsigned L = 0; L < Lines.size(); ++L) {
      // The key's line, then the lines of its value up to the next key.
      InValue = L == I || (InValue && L > I && continuesValue(Lines[L]));
      if (InValue && !Lines[L].starts_with("#"))
        Next += "# ";
      Next += Lines[L];
      if (L + 1 < Lines.size())
        Next += '\n';
    }
    Current = std::move(Next);
  }
  Ignored.insert(Ignored.end(), Names.begin(), Names.end());
  return Current;
}

namespace {

/// A file whose text is given: a .clang-tidy without its unknown keys.
class TextFile : public llvm::vfs::File {
public:
  TextFile(llvm::vfs::Status Real, std::string Text)
      : St(llvm::vfs::Status::copyWithNewSize(Real, Text.size())),
        Text(std::move(Text)) {}
  llvm::ErrorOr<llvm::vfs::Status> status() override { return St; }
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>
  getBuffer(const llvm::Twine &Name, int64_t, bool, bool) override {
    return llvm::MemoryBuffer::getMemBufferCopy(Text, Name);
  }
  std::error_code close() override { return {}; }

private:
  llvm::vfs::Status St;
  std::string Text;
};

class ConfigFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  ConfigFileSystem()
      : ProxyFileSystem(llvm::vfs::getRealFileSystem()) {}

  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override {
    auto Real = ProxyFileSystem::openFileForRead(Path);
    if (!Real || llvm::sys::path::filename(Path.str()) != ".clang-tidy")
      return Real;
    auto St = (*Real)->status();
    auto Buffer = (*Real)->getBuffer(Path);
    if (!St || !Buffer)
      return Real;
    std::vector<std::string> Ignored;
    std::string Text = withoutUnknownKeys((*Buffer)->getBuffer(), Ignored);
    if (Ignored.empty())
      return ProxyFileSystem::openFileForRead(Path);
    return std::unique_ptr<llvm::vfs::File>(
        std::make_unique<TextFile>(*St, std::move(Text)));
  }
};

} // namespace

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> projectConfigFileSystem() {
  return llvm::makeIntrusiveRefCnt<ConfigFileSystem>();
}

} // namespace leaklint
