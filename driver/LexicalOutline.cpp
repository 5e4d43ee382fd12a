//===--- LexicalOutline.cpp - what a file defines and calls, by name ------===//

#include "LexicalOutline.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <vector>

namespace leaklint {

std::string astNameKey(llvm::StringRef Name) { return ("d:" + Name).str(); }
std::string tokenNameKey(llvm::StringRef Name) { return ("l:" + Name).str(); }
bool isNameKey(llvm::StringRef Key) {
  return Key.starts_with("d:") || Key.starts_with("l:");
}

namespace {

/// Words that may stand before `(` without naming a function.
bool isKeyword(llvm::StringRef W) {
  static const char *const Words[] = {
      "if", "while", "for", "switch", "return", "sizeof", "alignof",
      "_Alignof", "decltype", "typeof", "__typeof__", "__typeof", "catch",
      "throw", "noexcept", "static_assert", "_Static_assert", "__attribute__",
      "__attribute", "__declspec", "alignas", "_Alignas", "asm", "__asm__",
      "__asm", "defined", "operator", "new", "delete", "case", "do", "else",
      "_Generic", "__extension__", "typeid", "void", "int", "char", "short",
      "long", "unsigned", "signed", "float", "double", "bool", "_Bool",
      "auto", "const", "volatile", "struct", "union", "enum", "class",
      "typename", "template", "using", "namespace", "co_await", "co_return",
      "co_yield", "requires", "__builtin_offsetof", "__builtin_va_arg"};
  for (const char *K : Words)
    if (W == K)
      return true;
  return false;
}

/// The main file's tokens outside preprocessor directives: each an
/// identifier's spelling, or a punctuator's.
struct Tok {
  bool Ident;
  llvm::StringRef Text;
};

/// Calls \p Fn on each token of \p Source, lexed raw (no preprocessing) as
/// C++.
void forEachRawToken(llvm::StringRef Source,
                     llvm::function_ref<void(const clang::Token &)> Fn) {
  clang::LangOptions Opts;
  Opts.CPlusPlus = Opts.CPlusPlus11 = true;
  clang::Lexer L(clang::SourceLocation(), Opts, Source.begin(), Source.begin(),
                 Source.end());
  clang::Token T;
  for (L.LexFromRawLexer(T); T.isNot(clang::tok::eof); L.LexFromRawLexer(T))
    Fn(T);
}

std::vector<Tok> tokensOf(llvm::StringRef Source) {
  std::vector<Tok> Tokens;
  bool Directive = false;
  forEachRawToken(Source, [&](const clang::Token &T) {
    if (T.isAtStartOfLine())
      Directive = T.is(clang::tok::hash);
    if (Directive)
      return;
    if (T.is(clang::tok::raw_identifier)) {
      Tokens.push_back({true, T.getRawIdentifier()});
      return;
    }
    // A literal has no spelling here: it only separates.
    const char *P = clang::tok::getPunctuatorSpelling(T.getKind());
    Tokens.push_back({false, P ? P : ""});
  });
  return Tokens;
}

/// Reads the tokens of one main file.
class Reader {
public:
  Reader(std::vector<Tok> Tokens, const MacroCalls &Macros)
      : T(std::move(Tokens)), Macros(Macros) {}

  UnitOutline run() {
    size_t I = 0;
    while (I < T.size())
      I = inBody() ? body(I) : declaration(I);
    return std::move(Out);
  }

private:
  enum class Frame { Scope, Class, Internal, Body };

  bool inBody() const {
    return !Frames.empty() && Frames.back() == Frame::Body;
  }
  bool internal() const {
    for (Frame F : Frames)
      if (F == Frame::Internal)
        return true;
    return false;
  }
  bool is(size_t I, llvm::StringRef P) const {
    return I < T.size() && !T[I].Ident && T[I].Text == P;
  }
  bool word(size_t I, llvm::StringRef W) const {
    return I < T.size() && T[I].Ident && T[I].Text == W;
  }
  bool nameAt(size_t I) const {
    return I < T.size() && T[I].Ident && !isKeyword(T[I].Text);
  }
  /// The token after the group that opens at \p I (`(`, `[` or `{`).
  size_t skipGroup(size_t I) const {
    int Depth = 0;
    for (; I < T.size(); ++I) {
      if (is(I, "(") || is(I, "[") || is(I, "{"))
        ++Depth;
      else if ((is(I, ")") || is(I, "]") || is(I, "}")) && --Depth == 0)
        return I + 1;
    }
    return I;
  }
  /// A call of \p Name, and of what it calls if it is a macro.
  void call(llvm::StringRef Name) {
    if (!Out.Calls.insert(tokenNameKey(Name)).second)
      return;
    Out.Calls.insert(astNameKey(Name));
    if (auto M = Macros.find(Name.str()); M != Macros.end())
      for (const std::string &Callee : M->second)
        call(Callee);
  }
  void close() {
    if (!Frames.empty())
      Frames.pop_back();
    Static = ClassKey = false;
  }

  /// One token inside a function body: a call `name(`, or an address
  /// taken `&name`.
  size_t body(size_t I) {
    if (is(I, "{"))
      Frames.push_back(Frame::Body);
    else if (is(I, "}"))
      close();
    else if ((is(I + 1, "(") || (I > 0 && is(I - 1, "&"))) && nameAt(I))
      call(T[I].Text);
    return I + 1;
  }

  /// Where the body of a function whose parameters close before \p I
  /// opens; T.size() if what follows is not a body (a declaration, a
  /// macro's use). The names a constructor's initializers call are added
  /// to \p Initializers (`: RecoverableException(file, line, msg)`, the
  /// base's constructor).
  size_t bodyAfter(size_t I, std::vector<llvm::StringRef> &Initializers) const {
    bool Inits = false;
    while (I < T.size()) {
      if (is(I, "{")) {
        if (!Inits || (I > 0 && (is(I - 1, ")") || is(I - 1, "}"))))
          return I;
        I = skipGroup(I); // a member's `{init}`
      } else if (Inits) {
        if (is(I, ";"))
          return T.size();
        if (is(I + 1, "(") && nameAt(I))
          Initializers.push_back(T[I].Text);
        I = is(I, "(") ? skipGroup(I) : I + 1;
      } else if (is(I, ":")) {
        Inits = true;
        ++I;
      } else if (is(I, "->")) {
        // A trailing return type, up to the body.
        while (I < T.size() && !is(I, "{") && !is(I, ";") && !is(I, "("))
          ++I;
      } else if (is(I, "&") || is(I, "&&")) {
        ++I;
      } else if (T[I].Ident &&
                 (word(I, "const") || word(I, "volatile") ||
                  word(I, "noexcept") || word(I, "override") ||
                  word(I, "final") || word(I, "throw") || word(I, "try") ||
                  word(I, "mutable") || word(I, "__attribute__") ||
                  llvm::none_of(T[I].Text, llvm::isLower))) {
        // Qualifiers and annotations, with their arguments.
        I = is(I + 1, "(") ? skipGroup(I + 1) : I + 1;
      } else {
        return T.size();
      }
    }
    return T.size();
  }

  /// One token outside function bodies.
  size_t declaration(size_t I) {
    if (is(I, ";") || is(I, "}")) {
      if (is(I, "}"))
        close();
      Static = ClassKey = false;
      return I + 1;
    }
    if (is(I, "{")) {
      bool Anonymous = I > 0 && word(I - 1, "namespace");
      Frames.push_back(internal() || Anonymous ? Frame::Internal
                       : ClassKey              ? Frame::Class
                                               : Frame::Scope);
      Static = ClassKey = false;
      return I + 1;
    }
    if (word(I, "static"))
      Static = true;
    if (word(I, "class") || word(I, "struct") || word(I, "union"))
      ClassKey = true;
    if (!is(I + 1, "(") || !nameAt(I))
      return I + 1;
    std::vector<llvm::StringRef> Initializers;
    size_t Body = bodyAfter(skipGroup(I + 1), Initializers);
    if (Body == T.size())
      return I + 1;
    for (llvm::StringRef Name : Initializers)
      call(Name);
    bool Member = !Frames.empty() && Frames.back() == Frame::Class;
    bool Destructor = I > 0 && is(I - 1, "~");
    if (!Destructor && !internal() && (!Static || Member))
      Out.Defines.insert(tokenNameKey(T[I].Text));
    Frames.push_back(Frame::Body);
    Static = ClassKey = false;
    return Body + 1;
  }

  std::vector<Tok> T;
  const MacroCalls &Macros;
  std::vector<Frame> Frames;
  bool Static = false, ClassKey = false; ///< seen in this declaration
  UnitOutline Out;
};

} // namespace

UnitOutline lexicalOutline(llvm::StringRef Source, const MacroCalls &Macros) {
  return Reader(tokensOf(Source), Macros).run();
}

namespace {

/// One directive's tokens after its `#`: a macro that calls something
/// goes into \p Macros, a quoted include into \p Includes.
void readDirective(llvm::ArrayRef<clang::Token> D, MacroCalls &Macros,
                   std::vector<std::string> &Includes) {
  auto Word = [&](size_t I, llvm::StringRef W) {
    return I < D.size() && D[I].is(clang::tok::raw_identifier) &&
           D[I].getRawIdentifier() == W;
  };
  if (Word(0, "include") && D.size() > 1 &&
      D[1].is(clang::tok::string_literal)) {
    llvm::StringRef Name(D[1].getLiteralData(), D[1].getLength());
    Includes.push_back(Name.drop_front().drop_back().str());
    return;
  }
  if (!Word(0, "define") || D.size() < 2 ||
      D[1].isNot(clang::tok::raw_identifier))
    return;
  size_t I = 2;
  // A function-like macro's parameters: `(` right after the name.
  if (I < D.size() && D[I].is(clang::tok::l_paren) && !D[I].hasLeadingSpace())
    while (I < D.size() && D[I++].isNot(clang::tok::r_paren))
      ;
  std::set<std::string> Called;
  for (; I + 1 < D.size(); ++I)
    if (D[I].is(clang::tok::raw_identifier) &&
        D[I + 1].is(clang::tok::l_paren) &&
        !isKeyword(D[I].getRawIdentifier()))
      Called.insert(D[I].getRawIdentifier().str());
  if (!Called.empty())
    Macros[D[1].getRawIdentifier().str()] = std::move(Called);
}

/// The macros \p Source defines that call something, and the files it
/// includes with quotes.
void readDirectives(llvm::StringRef Source, MacroCalls &Macros,
                    std::vector<std::string> &Includes) {
  // A directive runs from its `#` to the next line's first token.
  std::vector<clang::Token> D;
  bool Directive = false;
  auto End = [&] {
    if (Directive)
      readDirective(D, Macros, Includes);
    D.clear();
  };
  forEachRawToken(Source, [&](const clang::Token &T) {
    if (T.isAtStartOfLine()) {
      End();
      Directive = T.is(clang::tok::hash);
      if (Directive)
        return;
    }
    if (Directive)
      D.push_back(T);
  });
  End();
}

} // namespace

const HeaderMacros::FileMacros &HeaderMacros::read(const std::string &Path) {
  auto [It, New] = Files.try_emplace(Path);
  if (New)
    if (auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true))
      readDirectives((*Buf)->getBuffer(), It->second.Macros,
                     It->second.Includes);
  return It->second;
}

MacroCalls HeaderMacros::of(llvm::StringRef MainFile,
                            llvm::ArrayRef<std::string> IncludeDirs) {
  MacroCalls All;
  std::set<std::string> Seen{MainFile.str()};
  std::vector<std::string> Work{MainFile.str()};
  while (!Work.empty()) {
    std::string File = std::move(Work.back());
    Work.pop_back();
    const FileMacros &F = read(File);
    for (const auto &[Name, Called] : F.Macros)
      All[Name].insert(Called.begin(), Called.end());
    for (const std::string &Include : F.Includes) {
      // Whether \p Dir holds the header; then it is read, once.
      auto In = [&](llvm::StringRef Dir) {
        llvm::SmallString<256> Path(Dir);
        llvm::sys::path::append(Path, Include);
        llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
        if (!llvm::sys::fs::is_regular_file(Path))
          return false;
        if (Seen.insert(std::string(Path)).second)
          Work.push_back(std::string(Path));
        return true;
      };
      // Beside the including file first, then along the include path.
      if (!In(llvm::sys::path::parent_path(File)))
        llvm::any_of(IncludeDirs, In);
    }
  }
  return All;
}

} // namespace leaklint
