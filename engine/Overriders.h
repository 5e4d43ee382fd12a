//===--- Overriders.h - the overriders a virtual call may reach -*- C++ -*-===//
//
// A class defined in the main file (a .cpp or .c file, not a header) is
// seen by no other translation unit: every class that derives from it is in
// this TU. A virtual call through it can then reach only the overriders of
// the TU's classes, and when they are one, the call is a call of that one
// (`make_sink()->action(data)` of a `Base` whose only concrete subclass is
// `Sink`). The Static Analyzer devirtualises only where the path knows the
// dynamic type; this is what a whole-program view of a file-local hierarchy
// adds.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_OVERRIDERS_H
#define LEAKLINT_ENGINE_OVERRIDERS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include <vector>

namespace clang::tidy::leaklint::ownership::detail {

class Overriders {
public:
  explicit Overriders(ASTContext &Ctx) : Ctx(Ctx) {}
  /// The one method a call of virtual \p MD may run, when \p MD's class is
  /// defined in the main file and the TU's concrete classes derived from it
  /// (itself included) all run the same overrider, not \p MD itself; null
  /// otherwise. The TU's classes are scanned the first time a class of the
  /// main file is asked about.
  const CXXMethodDecl *onlyOverrider(const CXXMethodDecl *MD);

private:
  ASTContext &Ctx;
  bool Scanned = false;
  /// The TU's class definitions that have bases, template instances
  /// included (a template itself makes no object: its instances do, and
  /// one deriving from a class of the main file is instantiated here).
  std::vector<const CXXRecordDecl *> Derived;
};

} // namespace clang::tidy::leaklint::ownership::detail

#endif // LEAKLINT_ENGINE_OVERRIDERS_H
