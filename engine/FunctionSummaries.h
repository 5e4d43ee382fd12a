//===--- FunctionSummaries.h - interprocedural ownership summaries -*- C++ -*-===//
//
// What a function of the TU does with the obligations it is given and what it
// hands back, computed bottom-up (lazily, memoized, with a recursion guard)
// by the ownership engine (OwnershipEngine.h). Plain data, so that a later
// whole-program mode can merge summaries of several TUs; `toJSON` writes one.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_FUNCTIONSUMMARIES_H
#define LEAKLINT_ENGINE_FUNCTIONSUMMARIES_H

#include "ResourceModel.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace llvm::json {
class Object;
} // namespace llvm::json

namespace clang::tidy::leaklint::ownership {

class ResourceModel;

/// What a function does with the obligation carried by one argument (or by
/// the object a member function is called on).
enum class ParamEffect : unsigned char {
  Read,     ///< only reads it (or nothing): the caller still owns it
  Released, ///< releases it on some path (free, delete, fclose, ...)
  Escapes,  ///< stores it somewhere that outlives the call, or loses track
};

struct FunctionSummary {
  std::vector<ParamEffect> Params; ///< one per declared parameter
  /// For a parameter that Escapes: the result that says the function kept
  /// nothing it was given there, when it keeps it only on its other exits
  /// (`if (!(e = malloc(..))) return -1; e->data = data; ... return 0;`);
  /// None (or no entry): kept on every path.
  std::vector<FailureValue> KeptUnless;
  /// Bit i: parameter i is kept unless the function ran out of memory (or
  /// was given a null pointer): the exits that keep nothing are reached
  /// only where a block it allocated was found null.
  uint32_t KeptUnlessOutOfMemory = 0;
  ParamEffect This = ParamEffect::Read; ///< the object of a member function
  /// Returns a fresh resource (a factory): index of its acquirer in the
  /// ResourceModel table.
  std::optional<unsigned> ReturnsAcquirer;
  std::string ReturnsAcquirerName; ///< its name ("malloc"), for export
  /// The pointer parameter that is null on every path returning the fresh
  /// resource: given one (an arena, `string_alloc(s, &gc)`), the function
  /// returns something the caller does not own.
  std::optional<unsigned> FreshOnlyIfNull;
  /// The pointer parameter that is null on every path returning null (or
  /// what may be null): given one that is not (`my_alloc(.., __FILE__)`,
  /// which fails only for callers that give no file name), the result is
  /// not null.
  std::optional<unsigned> NullOnlyIfNull;
  /// The pointer parameter whose null test is the function's only way to
  /// fail, and what it returns otherwise: every exit on which the
  /// parameter is not known null returns \c Value (`if (!cfg) return -1;
  /// cfg->argc = argc; return 0;`). A caller whose argument is not null
  /// knows the result.
  struct ConstantUnlessNull {
    unsigned Param = 0;
    int64_t Value = 0;
  };
  std::optional<ConstantUnlessNull> ResultUnlessNull;
  /// Where it acquires what it returns: in this TU ...
  const Stmt *AcquiredSite = nullptr;
  /// ... or, for a summary another TU exported, in that TU's file (a
  /// finding behind the call names both places).
  struct Place {
    std::string File;
    unsigned Line = 0, Column = 0;
  };
  std::optional<Place> AcquiredAt;
  /// The field (path below the block) where the fresh resource it returns
  /// holds its own address, on some path (`n->next = n; return n;`, the
  /// node of a circular list): the caller's block holds itself there. This
  /// TU's fields: not exported.
  std::optional<std::vector<uintptr_t>> ReturnsSelfLinkedAt;
  /// Returns its argument i; i equal to the number of parameters: the
  /// object of a member function (`return this;`, `return &m_first;`).
  std::optional<unsigned> ReturnsParam;
  std::optional<int64_t> ReturnsConstant; ///< every return returns this
  /// Every return returns one of these (a few constants: `-1`, `0`, `1`);
  /// empty when not known.
  std::vector<int64_t> ReturnsOneOf;
  /// Every return returns a pointer known not to be null: dereferenced or
  /// given to a `nonnull` parameter on the way (`memcpy(buf, ..); return
  /// buf;`), tested, or made by `new`. A null test of the result is dead.
  bool ReturnsNonNull = false;
  /// No path through the body returns (a `die()`): the caller's path ends
  /// at the call, as at `exit`.
  bool NeverReturns = false;
  /// Delivers a fresh resource through `*param` (`int make_sock(int
  /// *out)`, a wrapper of asprintf): the parameter, the acquirer of what it
  /// delivers (the resource and its release), and what the result is when
  /// nothing was delivered (None: something always is).
  struct Delivery {
    unsigned Param = 0;
    unsigned Acquirer = 0;
    FailureValue Failure = FailureValue::None;
    /// Every store into `*param` is under a test that it is still null
    /// (`if (!*list) { *list = item; } else append(*list, item);`): a
    /// caller whose pointer already holds a block gets nothing new.
    bool OnlyIfEmpty = false;
  };
  std::optional<Delivery> Out;
  std::string OutAcquirerName; ///< its acquirer's name, for export
  /// The result is the fresh resource exactly when an integer the function
  /// sets through `*param` says so (`*too_deep = 1; return NULL;` beside
  /// `return entries;` with `*too_deep` left alone): what `*param` holds
  /// after the exits that return the resource, and after the others (None:
  /// what the caller had there).
  struct FlagResult {
    unsigned Param = 0;
    std::optional<int64_t> Fresh, Other;
  };
  std::optional<FlagResult> Flag;
  bool MayThrow = false;   ///< an exception may leave the function
  /// ... thrown by a `throw` of its own body (not only by a callee's)
  bool ThrowsItself = false;
  /// Per parameter it releases: the release (ResourceModel::Group, the
  /// model's own groups) it uses on every path that releases it, so that a
  /// caller can tell a mismatch (`delete[]` of what `calloc` gave); -1, or
  /// no entry: not known.
  std::vector<int> ReleasedWith;
  int releasedWith(unsigned Param) const {
    return Param < ReleasedWith.size() ? ReleasedWith[Param] : -1;
  }
  /// Per parameter: whether the bytes it points to may be copied somewhere
  /// (`memcpy(slot, elem, size)`, here or in a callee), pointers and all:
  /// a caller's `&p` given as `void *` is then kept. Not known (a
  /// conservative summary): all may be.
  std::vector<bool> CopiesBytes;
  /// Per parameter: a number read through it (`*fd`, `c->sock`) is given
  /// to code that may keep it. Given `&fd`, the caller's descriptor is
  /// handed off; given a block, what the block holds.
  std::vector<bool> PointeeEscapes;
  bool pointeeEscapes(unsigned Param) const {
    return Param < PointeeEscapes.size() && PointeeEscapes[Param];
  }
  bool BytesKnown = false;
  bool copiesBytes(unsigned Param) const {
    return !BytesKnown || (Param < CopiesBytes.size() && CopiesBytes[Param]);
  }
  bool WritesUnknownGlobals = false; ///< calls code that may write any global
  /// Calls code of another TU, which may change the cells code outside the
  /// TU reaches (GlobalCells.h).
  bool CallsUnknownCode = false;
  /// What it does to a cell of a global (GlobalCells.h): to the value the
  /// cell held when the function was called, and what it holds after.
  /// Cells are this TU's: they are not exported.
  struct CellEffect {
    /// The canonical declaration; null for a field of the object of a
    /// method (OwnershipEngine::memberEffects).
    const VarDecl *Var = nullptr;
    std::vector<uintptr_t> Path;  ///< fields and constant indices below it
    enum EntryKind : unsigned char {
      Kept,      ///< still there (or read, or nothing there to lose)
      Released,  ///< released on some path
      HandedOff, ///< stored elsewhere, given away, or not known on every path
      Dropped,   ///< on every path overwritten or taken out and lost
    } Entry = Kept;
    enum ExitKind : unsigned char {
      Unchanged, ///< the value it held on entry
      Fresh,     ///< a resource the function acquired (Acquirer)
      Other,     ///< anything else, or not the same on every path
    } Exit = Unchanged;
    unsigned Acquirer = 0;
    /// Where a path overwrites the entry value while nothing else holds it
    /// (members and parameters' fields only, OwnershipEngine::memberEffects
    /// and paramFieldEffects).
    const Stmt *OverwrittenAt = nullptr;
    /// Members only: where the entry value is released (Released), and
    /// where what the field holds on leaving was acquired (Fresh).
    const Stmt *ReleasedAt = nullptr, *FreshAt = nullptr;
    /// Members only: on every exit the field owns a resource, the one it
    /// held on entry (neither released nor handed off) or a fresh one.
    bool KeepsOwning = false;
    /// Parameters' fields: a resource the function acquired that some exit
    /// leaves there (whatever the others leave), and where.
    std::optional<unsigned> SomeExitFresh;
    const Stmt *SomeExitFreshAt = nullptr;
    /// Parameters' fields (`p->f`): what the result is when no exit's fresh
    /// resource is there (None: one always is); none when the exits do not
    /// say it alike. With it, a caller that gives `&local` gets what the
    /// function leaves in `local.f` (TransferCalls.cpp, fieldDeliveries).
    std::optional<FailureValue> Failure;
    /// ... and the exits that leave no fresh resource there leave what the
    /// field held on entry, which only the others release (a block grown
    /// with realloc): what the caller's field owned, it still owns.
    bool Regrows = false;
    /// ... or the exits that leave no fresh resource there leave the field
    /// alone, and say so by their result (`if (!f) return -1; p->filter =
    /// f; return 0;`): a delivery as well.
    bool UnchangedOnFailure = false;
  };
  std::vector<CellEffect> Cells;
  std::vector<const VarDecl *> WritesGlobals; ///< globals it (or callees) write
  bool Complete = true; ///< false when cut by the budget or by recursion

  bool writes(const VarDecl *G) const;
  FailureValue keptUnless(unsigned Param) const {
    return Param < KeptUnless.size() ? KeptUnless[Param] : FailureValue::None;
  }
  bool keptUnlessOutOfMemory(unsigned Param) const {
    return Param < 32 && (KeptUnlessOutOfMemory >> Param & 1);
  }
  /// The argument of \p CE (a call of \p Callee) that ReturnsParam names,
  /// the object of a member call included; null if none.
  const Expr *returnedArgument(const CallExpr *CE,
                               const FunctionDecl *Callee) const;
  /// The argument of \p CE (a call of \p Callee) given for parameter \p
  /// Param; null if none.
  static const Expr *argumentFor(const CallExpr *CE, const FunctionDecl *Callee,
                                 unsigned Param);
  /// A conservative summary for functions being analysed (recursion) or
  /// cut by the budget: every argument escapes.
  static FunctionSummary conservative(const FunctionDecl *FD);
  /// One JSON object: the function's qualified name, its USR (the key of
  /// whole-program mode, SummaryIndex.h) and the summary.
  void toJSON(const FunctionDecl *FD, llvm::raw_ostream &OS) const;
  /// The summary toJSON wrote; acquirers are found by name in \p Model.
  /// Empty if \p O is not one.
  static std::optional<FunctionSummary> fromJSON(const llvm::json::Object &O,
                                                 const ResourceModel &Model);
};

} // namespace clang::tidy::leaklint::ownership

#endif // LEAKLINT_ENGINE_FUNCTIONSUMMARIES_H
