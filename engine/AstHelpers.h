//===--- AstHelpers.h - small questions the engine asks of the AST -*- C++ -*-===//

#ifndef LEAKLINT_ENGINE_ASTHELPERS_H
#define LEAKLINT_ENGINE_ASTHELPERS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <string>

namespace clang::tidy::leaklint::ownership::detail {

/// Calls \p F on every statement of \p Root, \p Root included (null children
/// skipped), without recursion.
template <typename Fn> void forEachNode(const Stmt *Root, Fn F) {
  llvm::SmallVector<const Stmt *, 32> Work{Root};
  while (!Work.empty()) {
    const Stmt *X = Work.pop_back_val();
    if (!X)
      continue;
    F(X);
    for (const Stmt *C : X->children())
      Work.push_back(C);
  }
}
/// Calls \p F on each top-level declaration of the code in scope outside
/// system headers (clangd narrows the scope to the main file): walking the
/// whole TU would deserialize every inline body of a precompiled header or
/// clangd's preamble, which cost more than the analysis itself.
template <typename Fn> void forEachUserDecl(ASTContext &Ctx, Fn F) {
  const SourceManager &SM = Ctx.getSourceManager();
  for (Decl *Scope : Ctx.getTraversalScope()) {
    const auto *TU = dyn_cast<TranslationUnitDecl>(Scope);
    if (!TU) {
      F(Scope);
      continue;
    }
    for (Decl *Top : TU->decls())
      if (!SM.isInSystemHeader(SM.getExpansionLoc(Top->getLocation())))
        F(Top);
  }
}
/// Whether the argument \p Arg is a null pointer constant, a defaulted one
/// included (`new Label("x")` with `Widget *parent = nullptr`).
bool isNullArgument(const Expr *Arg, ASTContext &Ctx);
/// \p E without parentheses, full-expression and temporary wrappers.
const Expr *strip(const Expr *E);
/// The pointer to the object the lvalue \p E denotes: `p` for `*p`, and
/// for a method that returns the object it is called on, declared to
/// return a reference to one of that object's classes (libebml's
/// `p->SetValue(v)`, a builder's `b.name(n)`), the pointer to its object;
/// null for anything else.
const Expr *pointerToObject(const Expr *E);
/// The variable an assignment \p E writes (`ret` of `(ret = f())`), whose
/// value it is; \p E itself for anything else.
const Expr *assignedTo(const Expr *E);
/// The object \p E names again when it only casts it to a reference:
/// `std::move(p)`, `std::forward<T>(p)`, `static_cast<T &&>(p)`; null for
/// anything else.
const Expr *castToReferenceOf(const Expr *E);
/// The local variable (or parameter) \p S names, if \p S is a reference
/// to one.
const VarDecl *namedLocal(const Stmt *S);
/// Whether \p S (a condition, an argument) names the local \p V anywhere.
bool mentionsLocal(const Stmt *S, const VarDecl *V);
/// The condition the branch \p Branch tests (an if, a loop, a switch);
/// null for any other statement.
const Expr *branchCondition(const Stmt *Branch);
/// The function \p E gives as a value, `f` or `&f`, through parentheses and
/// casts (`(GDestroyNotify)item_free`); null for anything else.
const FunctionDecl *namedFunction(const Expr *E);
/// How many arguments of \p CE (a call of \p Callee) come before the
/// callee's first parameter: 1 for a member operator call, whose object is
/// argument 0, else 0.
unsigned objectArguments(const CallExpr *CE, const FunctionDecl *Callee);
/// The condition \p E tests, through `__builtin_expect(c, v)` (the
/// `likely`/`unlikely` macros) and its `_with_probability` form.
const Expr *testedCondition(const Expr *E);
/// Whether a cast of kind \p K keeps the identity of the value (an alias of
/// the same object).
bool keepsIdentity(CastKind K);
/// The member or variable \p E names (`n`, `s.alloc`, `p->len`), or null.
const ValueDecl *namedDecl(const Expr *E);
/// Whether \p D is declared in namespace std or in a system header.
bool isStdOrSystem(const Decl *D, const SourceManager &SM);
/// Whether \p T points to text (`const char *`, `const wchar_t *`), which a
/// library constructor copies.
bool isCharPointer(QualType T);
/// Whether a parameter of type \p T can only be read through (`const T *`,
/// but not `const void *`, which is an identity).
bool isReadOnlyParamType(QualType T);
/// Whether \p E names a local variable (not a parameter) declared as a
/// pointer to const (`const char *tag`): what it holds, the function does
/// not mean to release through it.
bool declaredReadOnly(const Expr *E);
/// Whether objects of class \p RD keep values of the pointer type \p T:
/// a field of that type, or a standard container of them as a field or a
/// base (`class CommandMap : std::map<const char *, Data, Cmp>`). A method
/// of such a class given a `const char *` may keep it as a key.
bool keepsPointersOf(const CXXRecordDecl *RD, QualType T);
/// Whether method \p M called on an object of class \p Container, given an
/// object by non-const reference of type \p ParamType, may link that object
/// itself: \p M is not `const` and \p Container is a class template
/// (outside namespace std, whose containers copy) instantiated for the
/// object's class, as an intrusive list of them is
/// (`boost::intrusive::list<Item>::push_back(Item &)`), or \p Container is
/// itself an object of that class, a polymorphic one: a node of an object
/// tree given a node (libebml's `EbmlMaster::PushElement(EbmlElement &)`).
bool linksObjectsOf(const CXXRecordDecl *Container, const CXXMethodDecl *M,
                    QualType ParamType);
/// \p E as written when short and not from a macro, else the name of the
/// variable, member or callee; empty if none.
std::string exprName(const Expr *E, const ASTContext &Ctx);
/// The CFG of a function body and the parent map the walks over it use,
/// with a constructor's member and base initializers added: their
/// expressions end at the CFGInitializer element (InitRoots), not at their
/// own. \p ImplicitDtors adds the destructors of locals and temporaries.
/// False (and nothing built) for a body the CFG builder cannot take.
bool buildBodyCFG(const FunctionDecl *FD, ASTContext &Ctx, bool ImplicitDtors,
                  std::unique_ptr<CFG> &Cfg, std::unique_ptr<ParentMap> &PM,
                  llvm::DenseSet<const Stmt *> &InitRoots);
/// The block of \p G that evaluates \p S as one of its elements; null if
/// none does.
const CFGBlock *blockOf(const CFG &G, const Stmt *S);
/// What a new-expression's placement arguments make of it.
enum class NewForm { Plain, Nothrow, Placement };
/// `new T` (Plain), `new (std::nothrow) T` (null on failure), or a placement
/// new into memory someone else owns (allocates nothing).
NewForm newForm(const CXXNewExpr *NE);
/// For `p->a.b` whose members all sit at offset zero (a first member, a
/// union's member), the pointer `p`: the address of such a member is the
/// address of the object (`return &m_first;` of a method returns `this`).
/// Null for any other expression.
const Expr *objectOfFirstMember(const Expr *E, const ASTContext &Ctx);

} // namespace clang::tidy::leaklint::ownership::detail

#endif // LEAKLINT_ENGINE_ASTHELPERS_H
