//===--- LibraryCalls.cpp - arguments a call only reads, by its shape ----===//

#include "LibraryCalls.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::leaklint::ownership::detail {

namespace {
/// The number of arguments the printf-style conversions of \p Format take
/// (`*` widths and precisions count), or -1 if it has none.
int conversionArguments(llvm::StringRef Format) {
  int N = 0;
  bool Any = false;
  for (size_t I = 0; I < Format.size(); ++I) {
    if (Format[I] != '%')
      continue;
    if (++I < Format.size() && Format[I] == '%')
      continue;
    // Flags, width, precision and length up to the conversion letter.
    for (; I < Format.size(); ++I) {
      char C = Format[I];
      if (C == '*')
        ++N;
      else if (llvm::StringRef("-+ #0'.123456789$hlLqjzt").contains(C))
        continue;
      else
        break;
    }
    if (I < Format.size() && Format[I] != 'm') { // %m takes nothing
      ++N;
      Any = true;
    }
  }
  return Any ? N : -1;
}
} // namespace

bool isFormattedArgument(const CallExpr *CE, const FunctionDecl *Callee,
                         unsigned Arg) {
  if (!Callee)
    return false;
  // Arguments counted as the call counts them; a member call's object is
  // not one, an operator call's is argument 0.
  unsigned Implicit = isa<CXXMethodDecl>(Callee) &&
                              !cast<CXXMethodDecl>(Callee)->isStatic() &&
                              !isa<CXXOperatorCallExpr>(CE)
                          ? 1
                          : 0;
  for (const auto *FA : Callee->specific_attrs<FormatAttr>()) {
    int First = FA->getFirstArg(); // 1-based, `this` counted; 0: a va_list
    if (First > 0 && Arg + Implicit + 1 >= static_cast<unsigned>(First))
      return true;
  }
  unsigned NP = Callee->getNumParams();
  if (!Callee->isVariadic() || NP == 0 || Arg < NP || CE->getNumArgs() <= NP)
    return false;
  const auto *Lit = dyn_cast<StringLiteral>(
      CE->getArg(NP - 1)->IgnoreParenImpCasts());
  if (!Lit || Lit->getCharByteWidth() != 1)
    return false;
  return conversionArguments(Lit->getString()) ==
         static_cast<int>(CE->getNumArgs() - NP);
}

bool isStdBufferParam(const FunctionDecl *Callee, unsigned Param) {
  // Streams, stream buffers, strings and character traits read and fill
  // character buffers; smart pointers and atomics take pointers in.
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (!M || isa<CXXConstructorDecl>(M) || Param >= M->getNumParams() ||
      !M->getParent()->isInStdNamespace() || !M->getParent()->getIdentifier())
    return false;
  llvm::StringRef Class = M->getParent()->getName();
  bool Buffered = Class.starts_with("basic_") &&
                  (Class.ends_with("stream") || Class.ends_with("buf") ||
                   Class == "basic_string");
  if (!Buffered && Class != "char_traits")
    return false;
  QualType T = M->getParamDecl(Param)->getType();
  return T->isPointerType() && T->getPointeeType()->isArithmeticType();
}

bool isSmartPointerReset(const FunctionDecl *Callee) {
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (!M || !M->getIdentifier() || M->getName() != "reset" ||
      !M->getParent()->isInStdNamespace() || !M->getParent()->getIdentifier())
    return false;
  // libstdc++'s shared_ptr inherits reset() from __shared_ptr.
  return llvm::is_contained(
      {"unique_ptr", "shared_ptr", "__shared_ptr", "auto_ptr"},
      M->getParent()->getName());
}

bool mapsOverGivenPages(const CallExpr *CE, const FunctionDecl *Callee,
                        const ASTContext &Ctx) {
  const IdentifierInfo *II = Callee ? Callee->getIdentifier() : nullptr;
  if (!II || !(II->isStr("mmap") || II->isStr("mmap64")) ||
      CE->getNumArgs() < 4)
    return false;
  // The flags as written: MAP_FIXED is a macro whose value the platform
  // chooses.
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Range = SM.getExpansionRange(CE->getArg(3)->getSourceRange());
  StringRef Text = Lexer::getSourceText(Range, SM, Ctx.getLangOpts());
  for (size_t At = Text.find("MAP_FIXED"); At != StringRef::npos;
       At = Text.find("MAP_FIXED", At + 1)) {
    StringRef Rest = Text.drop_front(At + strlen("MAP_FIXED"));
    if (Rest.empty() || !(isAlphanumeric(Rest.front()) || Rest.front() == '_'))
      return true;
  }
  return false;
}

bool exitsWithStatus(const CallExpr *CE, const FunctionDecl *Callee) {
  const IdentifierInfo *II = Callee ? Callee->getIdentifier() : nullptr;
  if (!II || !(II->isStr("error") || II->isStr("error_at_line")) ||
      CE->getNumArgs() < 3 || Callee->getNumParams() < 3 ||
      !Callee->getParamDecl(0)->getType()->isIntegerType())
    return false;
  // In C++ the library's has C linkage; a method `error(..)` is the
  // program's.
  if (Callee->getASTContext().getLangOpts().CPlusPlus && !Callee->isExternC())
    return false;
  Expr::EvalResult Status;
  return CE->getArg(0)->EvaluateAsInt(Status, Callee->getASTContext()) &&
         Status.Val.getInt() != 0;
}

} // namespace clang::tidy::leaklint::ownership::detail
