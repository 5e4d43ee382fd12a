//===--- ProgramState.h - what the engine knows on one path ----*- C++ -*-===//
//
// The abstract state of one path through a function: the values it tracks
// (one per acquisition, with its status), the store that says which location
// holds which value, what pointers and references to locals point at, the
// integers it knows and the constraints it assumed. Plain, ordered data, so
// that two paths reaching a block in equal states are explored once.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_PROGRAMSTATE_H
#define LEAKLINT_ENGINE_PROGRAMSTATE_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/STLExtras.h"
#include <cstdint>
#include <map>
#include <set>
#include <tuple>
#include <vector>

namespace clang::tidy::leaklint::ownership::detail {

/// What became of an obligation on this path. Param values stand for what
/// a parameter (or `this`), or a cell of a global (GlobalCells.h), holds
/// in summary mode: the caller's.
enum class Status : unsigned char { Owned, Released, Escaped, Param };

/// Whether the acquisition failed (null, -1, an error code) on this path.
enum class Nullness : unsigned char { Unknown, Null, NonNull };

/// Path elements of a location: a FieldDecl pointer, a union (RecordDecl
/// pointer: all members share one slot), an array index, a dereference, or
/// an element of a container.
constexpr uintptr_t DerefMark = 1;
inline uintptr_t indexMark(int64_t I) {
  return (static_cast<uintptr_t>(I) << 3) | 3;
}
/// An element of a container: the K-th added (or at position K), and the
/// one under constant key K of a map.
inline uintptr_t slotMark(int64_t K) {
  return (static_cast<uintptr_t>(K) << 3) | 5;
}
inline uintptr_t keyMark(int64_t K) {
  return (static_cast<uintptr_t>(K) << 3) | 6;
}
/// Whether path element \p E is an element of a container (slotMark,
/// keyMark).
inline bool isElementMark(uintptr_t E) { return (E & 7) == 5 || (E & 7) == 6; }
inline uintptr_t fieldMark(const FieldDecl *Field) {
  const RecordDecl *RD = Field->getParent();
  return RD->isUnion() ? reinterpret_cast<uintptr_t>(RD) | 2
                       : reinterpret_cast<uintptr_t>(Field);
}
/// The field path element \p E names; null for any other element (a
/// union's shared slot included).
inline const FieldDecl *fieldOfMark(uintptr_t E) {
  return (E & 7) == 0 ? reinterpret_cast<const FieldDecl *>(E) : nullptr;
}

/// A location: a variable (or, for `this`, the function) or a heap block
/// the engine tracks (the block of an owned value: `p->next`, `p[2]`), and
/// a path of fields, indices and dereferences below it.
struct Loc {
  const ValueDecl *Base = nullptr;
  std::vector<uintptr_t> Path;
  /// The id of the value whose block this location is in, plus one; 0 when
  /// Base is a variable.
  unsigned Heap = 0;

  static Loc heap(unsigned ValueId) {
    Loc L;
    L.Heap = ValueId + 1;
    return L;
  }
  bool isHeap() const { return Heap != 0; }
  unsigned heapValue() const { return Heap - 1; }
  /// The variable itself, not a part of it or of what it points to.
  bool isWholeVariable() const { return !isHeap() && Path.empty(); }
  /// The same variable or heap block as \p O, whatever the path.
  bool sameRoot(const Loc &O) const {
    return Heap == O.Heap && Base == O.Base;
  }
  bool operator<(const Loc &O) const {
    return std::tie(Heap, Base, Path) < std::tie(O.Heap, O.Base, O.Path);
  }
  bool operator==(const Loc &O) const {
    return Heap == O.Heap && Base == O.Base && Path == O.Path;
  }
  bool hasDeref() const { return llvm::is_contained(Path, DerefMark); }
};

/// One tracked obligation.
struct Value {
  unsigned Id;  ///< site index * 4 + generation
  unsigned Acq; ///< the engine's acquirer number (Param values: param index)
  Status St;
  Nullness Null;
  bool operator<(const Value &O) const {
    return std::tie(Id, Acq, St, Null) < std::tie(O.Id, O.Acq, O.St, O.Null);
  }
  bool operator==(const Value &O) const {
    return Id == O.Id && Acq == O.Acq && St == O.St && Null == O.Null;
  }
};

/// What a condition tests: a variable, or a field of the object a variable
/// or `this` (Base is then the function) refers to (`opts->verbose`), or a
/// field of such a field (Sub: `addr->sa.sa_family`, Field is `sa`), or
/// (Deref) what a pointer variable points to (`*c`, `c[0]`).
/// Or the result of a query the function makes more than once with the
/// same arguments (`strcmp(mode, "r")`): Call is the first of them, Base
/// the variable it is given, whose writes forget it (repeatedQueries).
struct Atom {
  const ValueDecl *Base = nullptr;
  const ValueDecl *Field = nullptr;
  const Stmt *Call = nullptr;
  bool Deref = false;
  const ValueDecl *Sub = nullptr;
  /// Not the variable itself but something reached through it.
  bool isPart() const { return Field || Call || Deref; }
  bool operator<(const Atom &O) const {
    return std::tie(Base, Field, Call, Deref, Sub) <
           std::tie(O.Base, O.Field, O.Call, O.Deref, O.Sub);
  }
  bool operator==(const Atom &O) const {
    return Base == O.Base && Field == O.Field && Call == O.Call &&
           Deref == O.Deref && Sub == O.Sub;
  }
};

/// A constraint on an atom tested in conditions: `A op C`.
using ConsKey = std::tuple<Atom, int, int64_t>;

struct State {
  std::map<unsigned, Value> Vals;
  std::map<Loc, unsigned> Store;
  std::map<const ValueDecl *, Loc> Refs; ///< pointer/reference to a local
  std::map<const ValueDecl *, int64_t> Ints;
  std::map<ConsKey, bool> Cons;
  /// Values of subexpressions of the full expression being evaluated.
  std::map<const Expr *, unsigned> Pending;
  /// The loops whose body the path entered (on an undecided condition)
  /// while it owned something. A leak that needs a loop to run zero times
  /// is held back (the precision rule); this keeps the path that ran the
  /// loop apart from the one that skipped it where they meet at the loop's
  /// head, so that the first can still be the witness.
  std::set<const Stmt *> EnteredLoops;
  /// The arm each `c ? a : b` of the full expression being evaluated took
  /// on this path (true: `a`), so that the value of the whole is known
  /// where the engine could not decide `c` (`if (!(ext() ? (*top = v, 1) :
  /// 0)) goto error;`).
  std::map<const Stmt *, bool> Arms;
  /// Values handed to a call that keeps them only when it succeeds, with
  /// the call's status: (status value, value). Settled when a branch
  /// tests the status; until then the value is neither owned nor gone.
  std::set<std::pair<unsigned, unsigned>> KeptIfOk;
  /// The block a `realloc` returned, with the block it replaces: when the
  /// path finds the new one null (the call failed), the old one is still
  /// there and owned (settleReallocs).
  std::map<unsigned, unsigned> ReallocOf;
  /// Summary mode: bit i is set when parameter i was released or handed
  /// off on this path (for FunctionSummary::KeptUnless).
  uint32_t ParamsGone = 0;
  /// Summary mode: bit i is set when the value cell i of a global held on
  /// entry was released or handed off on this path.
  uint32_t CellsGone = 0;
  /// Summary mode: bit i is set when the path found pointer parameter i
  /// null (`if (!gc)`), and has not written it since (for
  /// FunctionSummary::FreshOnlyIfNull).
  uint32_t NullParams = 0;
  /// Summary mode: bit i is set when the path stored null into `*param`
  /// i, a parameter that may deliver (Deliveries.cpp), and nothing since.
  uint32_t NulledOut = 0;
  /// Summary mode: the path called code the engine cannot see, which may
  /// have changed the cells that code reaches: what they hold from then on
  /// is not the caller's.
  bool CalledUnknown = false;
  /// Summary mode, in a function that may keep its parameters only on
  /// success: the path found a block it allocated null (it ran out of
  /// memory), for FunctionSummary::KeptUnlessOutOfMemory.
  bool AllocFailed = false;
  /// The path made more live values of one site than the state keeps
  /// (a list grown in a loop): what it made next is not followed, so
  /// what it knows of the pointers is not the program's. It reports nothing
  /// from then on.
  bool LostTrack = false;
  /// Summary mode: what each integer out-parameter that may carry a flag
  /// was set to on this path (None: not known), by parameter index
  /// (FlagResults.cpp).
  std::map<unsigned, std::optional<int64_t>> FlagsSet;
  /// A factory's result, with the local whose value says whether it is the
  /// fresh resource: (local, its value then, its value otherwise).
  std::map<unsigned, std::tuple<const ValueDecl *, int64_t, int64_t>>
      FlagLinks;
  /// Calls whose last run on this path left a block the caller's field
  /// owned where it was (a callee that regrows it, FieldDeliveries.cpp):
  /// their result says nothing of what the field holds.
  std::set<const Stmt *> Regrown;
  bool operator<(const State &O) const {
    return std::tie(Vals, Store, Refs, Ints, Cons, Pending, EnteredLoops,
                    Arms, KeptIfOk, ReallocOf, ParamsGone, CellsGone,
                    NullParams, NulledOut, CalledUnknown, AllocFailed,
                    LostTrack, FlagsSet, FlagLinks, Regrown) <
           std::tie(O.Vals, O.Store, O.Refs, O.Ints, O.Cons, O.Pending,
                    O.EnteredLoops, O.Arms, O.KeptIfOk, O.ReallocOf, O.ParamsGone,
                    O.CellsGone, O.NullParams, O.NulledOut, O.CalledUnknown,
                    O.AllocFailed, O.LostTrack, O.FlagsSet, O.FlagLinks,
                    O.Regrown);
  }
  bool operator==(const State &O) const {
    return std::tie(Vals, Store, Refs, Ints, Cons, Pending, EnteredLoops,
                    Arms, KeptIfOk, ReallocOf, ParamsGone, CellsGone,
                    NullParams, NulledOut, CalledUnknown, AllocFailed,
                    LostTrack, FlagsSet, FlagLinks, Regrown) ==
           std::tie(O.Vals, O.Store, O.Refs, O.Ints, O.Cons, O.Pending,
                    O.EnteredLoops, O.Arms, O.KeptIfOk, O.ReallocOf, O.ParamsGone,
                    O.CellsGone, O.NullParams, O.NulledOut, O.CalledUnknown,
                    O.AllocFailed, O.LostTrack, O.FlagsSet, O.FlagLinks,
                    O.Regrown);
  }
  /// A hash of everything operator== compares: the memo table of the
  /// exploration finds a state in one hash instead of many comparisons.
  /// It runs on every block a path enters, so each word is mixed in with
  /// a few multiplications (MurmurHash3's finaliser) rather than with
  /// llvm::hash_combine's buffers.
  uint64_t hash() const {
    WordHash H;
    H.add(Vals.size());
    for (const auto &[Id, V] : Vals)
      H.addPacked(Id, V.Acq, static_cast<unsigned>(V.St),
                  static_cast<unsigned>(V.Null));
    H.add(Store.size());
    for (const auto &[L, V] : Store)
      H.add(L, V);
    H.add(Refs.size());
    for (const auto &[D, L] : Refs)
      H.add(D, L);
    H.add(Ints.size());
    for (const auto &[D, I] : Ints)
      H.add(D, I);
    H.add(Cons.size());
    for (const auto &[K, B] : Cons)
      H.addPacked(std::get<0>(K).Base, std::get<0>(K).Field,
                  std::get<0>(K).Call, std::get<0>(K).Deref,
                  std::get<0>(K).Sub, std::get<1>(K), std::get<2>(K), B);
    H.add(Pending.size());
    for (const auto &[E, V] : Pending)
      H.add(E, V);
    H.add(EnteredLoops.size());
    for (const Stmt *L : EnteredLoops)
      H.add(L);
    H.add(Arms.size());
    for (const auto &[T, B] : Arms)
      H.add(T, B);
    H.add(KeptIfOk.size());
    for (const auto &[St, V] : KeptIfOk)
      H.add(St, V);
    H.add(ReallocOf.size());
    for (const auto &[New, Old] : ReallocOf)
      H.add(New, Old);
    H.add(ParamsGone, CellsGone, NullParams, CalledUnknown);
    H.add(NulledOut, AllocFailed);
    H.add(LostTrack);
    H.add(FlagsSet.size());
    for (const auto &[P, V] : FlagsSet)
      H.add(P, V.has_value(), V.value_or(0));
    H.add(FlagLinks.size());
    for (const auto &[V, L] : FlagLinks)
      H.add(V, std::get<0>(L), std::get<1>(L), std::get<2>(L));
    return H.value();
  }

private:
  /// An order-dependent 64-bit hash of a sequence of words.
  class WordHash {
    uint64_t H = 0x243f6a8885a308d3ULL;
    static uint64_t mix(uint64_t K) {
      K ^= K >> 33;
      K *= 0xff51afd7ed558ccdULL;
      K ^= K >> 33;
      K *= 0xc4ceb9fe1a85ec53ULL;
      return K ^ (K >> 33);
    }

    template <typename T> static uint64_t word(T *P) {
      return reinterpret_cast<uintptr_t>(P);
    }
    template <typename T,
              typename = std::enable_if_t<std::is_integral_v<T>>>
    static uint64_t word(T V) {
      return static_cast<uint64_t>(V);
    }

  public:
    template <typename T> void add(T *P) {
      addWord(reinterpret_cast<uintptr_t>(P));
    }
    void add(const Loc &L) {
      add(L.Heap, L.Base, L.Path.size());
      for (uintptr_t E : L.Path)
        addWord(E);
    }
    template <typename T,
              typename = std::enable_if_t<std::is_integral_v<T>>>
    void add(T V) {
      addWord(static_cast<uint64_t>(V));
    }
    template <typename T, typename U, typename... Rest>
    void add(const T &A, const U &B, const Rest &...More) {
      add(A);
      add(B, More...);
    }
    /// One entry of several small words: they are folded into one word
    /// (a multiply per word), which is then mixed in like any other. The
    /// memo table hashes every entry of every state it meets: the
    /// constraints of a function that tests many variables made the full
    /// mixing of each word a tenth of the analysis.
    template <typename... T> void addPacked(const T &...Vs) {
      uint64_t W = 0;
      ((W = (W ^ word(Vs)) * 0x9e3779b97f4a7c15ULL), ...);
      addWord(W);
    }
    void addWord(uint64_t W) {
      H = (H ^ mix(W)) * 0x9e3779b97f4a7c15ULL;
      H = (H << 29) | (H >> 35);
    }
    uint64_t value() const { return mix(H); }
  };
};

} // namespace clang::tidy::leaklint::ownership::detail

#endif // LEAKLINT_ENGINE_PROGRAMSTATE_H
