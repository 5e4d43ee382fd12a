//===--- FunctionFacts.h - what the engine reads off a body first -*- C++ -*-===//
//
// Syntactic facts about a function, gathered once before the path walk.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_FUNCTIONFACTS_H
#define LEAKLINT_ENGINE_FUNCTIONFACTS_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::leaklint::ownership::detail {

/// The block that dispatches to the handlers of each try statement.
llvm::DenseMap<const Stmt *, const CFGBlock *> tryDispatchBlocks(const CFG &G);

/// The blocks of each `for` and `while` loop, by its statement: the block
/// that tests its condition and every block that comes round to it again
/// without passing that test. A path in none of these has left the loop,
/// whether by its condition, `break`, or `goto`.
llvm::DenseMap<const Stmt *, llvm::BitVector> loopBodies(const CFG &G);

/// Atoms worth remembering constraints on: how many times each variable is
/// named in branch conditions. Local variables count at least twice, so
/// that `int flag = 1; ... if (flag)` and loop counters are tracked.
llvm::DenseMap<const ValueDecl *, unsigned> conditionAtoms(const CFG &G);

/// Whether no path through \p Def's body returns: each ends in a call the
/// CFG knows never returns (`exit`, a `noreturn` function), in a call for
/// which \p EndsProgram says so, or in a loop with no way out. A `throw`
/// counts as a return (its callers' handlers and cleanups run). False
/// where the body is too large to tell cheaply.
bool bodyNeverReturns(const FunctionDecl *Def, ASTContext &Ctx,
                      llvm::function_ref<bool(const CallExpr *)> EndsProgram);

/// The fields named in branch conditions (`if (!p->alloc)`): those whose
/// zeros a fresh zero-filled block makes worth remembering.
llvm::DenseSet<const FieldDecl *> conditionFields(const CFG &G);

/// The variables a loop may count with: those incremented, decremented,
/// compound-assigned or assigned an expression that reads them (`n = n *
/// 2`). Widening forgets what is known of them; flags set to constants
/// take few values and are kept.
llvm::DenseSet<const ValueDecl *> countingVariables(const Stmt *Body);

/// A local integer a loop only counts up (`state++`, `n += 2`, no other
/// write in the loop, the address never taken): on a later turn it is at
/// least what it was on this one. Ceiling: one past the largest constant
/// the function compares it with (`case 2:`, `state < 5`); a bound above
/// that decides nothing more.
struct GrowingCounter {
  const VarDecl *Var = nullptr;
  int64_t Ceiling = 0;
};
/// What a turn of a loop does to the locals: the counters it only counts
/// up (or sets to a constant past those it is compared with) and that the
/// function compares with constants, and the locals it may
/// write (also every local whose address is taken: a call may write it).
struct LoopCounters {
  llvm::SmallVector<GrowingCounter, 2> Growing;
  llvm::DenseSet<const VarDecl *> Written;
};
llvm::DenseMap<const Stmt *, LoopCounters> loopCounters(const Stmt *Body);

/// The variables \p Body writes: assigns, counts, or takes the address of.
llvm::DenseSet<const VarDecl *> writtenVariables(const Stmt *Body);

/// A `for` loop that counts a local up by one to a bound (`for (i = 0; i <
/// n; i++)`, `i != c->count`, `++i`), that nothing else in the loop writes:
/// no other write of the counter, of the bound's variable or field, and no
/// call (which might change a field). Left by its condition, the counter
/// equals the bound (counts taken as never negative).
struct CountedLoop {
  const VarDecl *Counter = nullptr;
  const Expr *Bound = nullptr;
};
llvm::DenseMap<const Stmt *, CountedLoop> countedLoops(const Stmt *Body);

/// The pointer variables and fields of \p Body that may point inside an
/// object rather than at its start (`al = &levels[i]`, `p + n`, `p++`,
/// `stack.top++`): what they point to is some element, not the block's
/// start.
llvm::DenseSet<const ValueDecl *> interiorPointers(const Stmt *Body);

/// The local pointer variables of \p Body that only ever copy pointers
/// read from variables and objects (`last = ah`, `t = list->next`, NULL):
/// never a call's result, never moved by arithmetic, never given by
/// address. Where the walk does not know what one holds, it holds a
/// pointer from before any block the path acquired and still owns (such a
/// block reaches a variable only through tracked stores, or by escaping).
llvm::DenseSet<const VarDecl *> copiedPointers(const Stmt *Body);

/// The throws of \p Body that assert a precondition: a `throw` right after
/// the `default:` of a switch on the parameters alone (`switch
/// (addr.family()) { case AF_INET: ..; default: throw internal_error(..); }`),
/// or a `throw` that a macro writes on a condition of its own, doing nothing
/// first but call and declare (`XMP_Validate(c, msg, e)`: an assertion).
/// The caller is taken to meet it: such a throw is not an exception path of
/// the caller's memory and handles (only strict mode follows it). Nor is a
/// `throw std::bad_alloc()` (kyotocabinet's `xmalloc`): running out of
/// memory, as `new` may, which no caller is asked to survive without a leak.
llvm::DenseSet<const Stmt *> assertionThrows(const Stmt *Body,
                                             const SourceManager &SM);

/// The queries that branch conditions make twice or more with the same
/// arguments: calls of a function that takes no pointer to something it
/// may write and returns a number, given one variable and constants
/// (`LocaleCompare(filename, "-")`, `access(path, R_OK)`), and the bits of
/// a variable under a constant mask (`flags & SSH_CAPTURE`). Each maps to
/// the first of its kind: the same question, whose answer stays the same
/// until the variable is written (`rand_bool()`, given nothing, asks anew).
llvm::DenseMap<const Expr *, const Expr *> repeatedQueries(const CFG &G,
                                                           ASTContext &Ctx);
/// The variable the query \p E reads; null if it is no query.
const VarDecl *queryVariable(const Expr *E, ASTContext &Ctx);

/// Local function pointers with a single known target in \p Body, and
/// local `std::function`s initialised with a lambda and only called.
llvm::DenseMap<const VarDecl *, const FunctionDecl *>
singleTargetFunctionPointers(const Stmt *Body);
/// `std::function<...>` (or a reference to one).
bool isStdFunction(QualType T);

/// Whether the result of \p Call is only tested: ignored, or kept in a local
/// variable of \p Body that is read nowhere but in conditions (`int out =
/// dup(fd); assert(out);`). A descriptor made so is kept by its number.
bool resultOnlyTested(const CallExpr *Call, const Stmt *Body);
/// Whether the descriptor \p Call returns is kept by its number: the local
/// it is kept in is compared with a standard descriptor's (`if ((fd0 =
/// open(_PATH_DEVNULL, O_RDONLY)) == -1) ..; if (fd0 != 0) ..` to fill
/// descriptor 0), or read nowhere but in a cast to void (`int fd =
/// open(tmp, ..); UNUSED(fd);`, left open on purpose).
bool keptByNumber(const CallExpr *Call, const Stmt *Body);
/// The call operator of the lambda \p Init makes, through the conversions
/// and temporaries around it.
const CXXMethodDecl *lambdaOperatorOf(const Expr *Init);

} // namespace clang::tidy::leaklint::ownership::detail

#endif // LEAKLINT_ENGINE_FUNCTIONFACTS_H
