//===--- LexicalOutline.cpp - what a file defines and calls, by name ------===//

#include "LexicalOutline.h"
#include "clang/Basic/LangOptions.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
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

std::vector<Tok> tokensOf(llvm::StringRef Source) {
  clang::LangOptions Opts;
  Opts.CPlusPlus = Opts.CPlusPlus11 = true;
  clang::Lexer L(clang::SourceLocation(), Opts, Source.begin(), Source.begin(),
                 Source.end());
  std::vector<Tok> Tokens;
  bool Directive = false;
  clang::Token T;
  while (true) {
    L.LexFromRawLexer(T);
    if (T.is(clang::tok::eof))
      break;
    if (T.isAtStartOfLine())
      Directive = T.is(clang::tok::hash);
    if (Directive)
      continue;
    if (T.is(clang::tok::raw_identifier)) {
      Tokens.push_back({true, T.getRawIdentifier()});
      continue;
    }
    // A literal has no spelling here: it only separates.
    const char *P = clang::tok::getPunctuatorSpelling(T.getKind());
    Tokens.push_back({false, P ? P : ""});
  }
  return Tokens;
}

/// Reads the tokens of one main file.
class Reader {
public:
  explicit Reader(std::vector<Tok> Tokens) : T(std::move(Tokens)) {}

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
  void call(llvm::StringRef Name) {
    Out.Calls.insert(astNameKey(Name));
    Out.Calls.insert(tokenNameKey(Name));
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
  /// macro's use).
  size_t bodyAfter(size_t I) const {
    bool Inits = false;
    while (I < T.size()) {
      if (is(I, "{")) {
        if (!Inits || (I > 0 && (is(I - 1, ")") || is(I - 1, "}"))))
          return I;
        I = skipGroup(I); // a member's `{init}`
      } else if (Inits) {
        if (is(I, ";"))
          return T.size();
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
    size_t Body = bodyAfter(skipGroup(I + 1));
    if (Body == T.size())
      return I + 1;
    bool Member = !Frames.empty() && Frames.back() == Frame::Class;
    bool Destructor = I > 0 && is(I - 1, "~");
    if (!Destructor && !internal() && (!Static || Member))
      Out.Defines.insert(tokenNameKey(T[I].Text));
    Frames.push_back(Frame::Body);
    Static = ClassKey = false;
    return Body + 1;
  }

  std::vector<Tok> T;
  std::vector<Frame> Frames;
  bool Static = false, ClassKey = false; ///< seen in this declaration
  UnitOutline Out;
};

} // namespace

UnitOutline lexicalOutline(llvm::StringRef Source) {
  return Reader(tokensOf(Source)).run();
}

} // namespace leaklint
