//===--- ResourceModel.h - what acquires and what releases a resource -*- C++ -*-===//
//
// The table of acquire/release functions of C and C++ used by the ownership
// engine (OwnershipEngine.h): malloc/free, new/delete, fopen/fclose,
// open/close, ... plus user pairs from the `AcquireRelease` check option.
// Functions are looked up by name in a table (not if-chains); only functions
// of the global namespace, of `std` or declared `extern "C"` match.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_RESOURCEMODEL_H
#define LEAKLINT_ENGINE_RESOURCEMODEL_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <cassert>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::leaklint::ownership {

/// What kind of obligation a value carries; selects the wording of messages.
enum class ResourceKind : unsigned char {
  Memory,
  File,
  Descriptor,
  Pipe,
  Directory,
  Mapping,
  Handle,
  Custom,
  Thread,
  Reference, ///< a counted reference (GLib's GVariant)
};

/// How an acquisition reports failure: the failed value carries no
/// obligation, so `if (!p) return;` leaks nothing.
/// What a failed acquisition looks like: nothing (it cannot fail), a null
/// pointer, -1 (descriptors), MAP_FAILED, or, for acquisitions that report
/// through their result and deliver through an out-parameter
/// (`pthread_create`), a non-zero error code (0 is success); or, for a
/// function of the program delivering through `*out` (`int make(char
/// **out)`), -1 where 0 is success; or a negative error code where 0 is
/// success (`-ENOMEM`, `GNUTLS_E_MEMORY_ERROR`).
enum class FailureValue : unsigned char {
  None,
  Null,
  MinusOne,
  MapFailed,
  ErrorCode,
  MinusOneElseZero,
  NegativeErrorCode
};

/// One way of acquiring a resource. `Group` names the releasers that may
/// discharge it (free for malloc, delete for new, fclose for fopen, ...).
struct Acquirer {
  std::string Name;   ///< "malloc", "new", "new[]", "fopen", ...
  ResourceKind Kind;
  unsigned Group;     ///< release group, see ResourceModel::groupName()
  FailureValue Failure;
  /// Delivered through `*arg` instead of the result (asprintf, posix_memalign:
  /// the result says whether it failed); -1: the result is the resource.
  int OutArg = -1;
  /// With OutArg: the call takes over the block `*arg` held and hands back
  /// a new one (getline grows the buffer it is given, as realloc does).
  bool Regrows = false;
  /// Acquires only when this argument is a null pointer (`getcwd(NULL, 0)`,
  /// `realpath(path, NULL)`); -1: always.
  int OnlyIfNullArg = -1;
  /// Acquires nothing: the result of a call that keeps what it is given
  /// only when it succeeds (FunctionSummary::KeptUnless), a status that
  /// says whether it failed, as the result of `pthread_create` does.
  bool StatusOnly = false;
  /// With StatusOnly: the call keeps nothing only when it runs out of
  /// memory (FunctionSummary::KeptUnlessOutOfMemory).
  bool FailsOnlyOutOfMemory = false;
  /// The block comes filled with zeros (calloc, g_malloc0).
  bool ZeroFills = false;
  /// Whether the result of the call tells whether it failed, rather than
  /// being the resource: it delivers through `*arg`, or acquires nothing.
  bool isStatus() const { return OutArg >= 0 || StatusOnly; }
};

/// A call that releases argument `Arg` if it belongs to `Group`.
struct Releaser {
  unsigned Group;
  unsigned Arg;
};

/// What a call to a function without a body in the TU does to its
/// arguments and result, as far as the model knows.
class ResourceModel {
public:
  enum Group : unsigned {
    GFree,        // malloc family
    GDelete,      // new
    GDeleteArray, // new[]
    GFClose,
    GClose,
    GPClose,
    GCloseDir,
    GMUnmap,
    GCloseHandle,
    GVariantUnref, // a GVariant reference
    GJoin,        // std::thread: join/detach (used by unjoined-thread)
    GFirstCustom, // user pairs from AcquireRelease follow
  };

  /// \p AcquireRelease: "acquire:release;acquire2:release2" (user pairs).
  explicit ResourceModel(llvm::StringRef AcquireRelease = "");

  /// The acquirer a call to \p FD is, if any.
  const Acquirer *acquirerFor(const FunctionDecl *FD) const;
  /// The releaser a call to \p FD is, if any.
  std::optional<Releaser> releaserFor(const FunctionDecl *FD) const;
  /// Whether \p FD (a library function without a body) only reads through
  /// its pointer arguments and never keeps them (strlen, printf, fwrite, ...).
  bool isKnownReader(const FunctionDecl *FD) const;
  /// Whether a call to \p FD takes its own reference to argument \p Arg
  /// when it keeps it, so that the caller's reference stays the caller's:
  /// GLib's functions do so for every `GVariant *` they are given (a
  /// floating one they sink, and what the model tracks is never floating).
  bool borrowsArgument(const FunctionDecl *FD, unsigned Arg) const;

  const Acquirer &newAcquirer(bool Array) const {
    return Acquirers[Array ? NewArrayIdx : NewIdx];
  }
  /// The acquirer of this name ("malloc", "new[]"), for summaries read back
  /// from another TU; null if none.
  const Acquirer *acquirerNamed(llvm::StringRef Name) const;
  /// The model's acquirer \p I; an index of the engine's may name one the
  /// engine made (OwnershipEngine::acquirerAt).
  const Acquirer *acquirerByIndex(unsigned I) const {
    assert(I < Acquirers.size() && "an engine's index: use acquirerAt");
    return &Acquirers[I];
  }
  unsigned indexOf(const Acquirer *A) const {
    return static_cast<unsigned>(A - Acquirers.data());
  }
  /// Whether \p A is a row of this table (acquirers of ObligationHooks are
  /// not: the engine numbers them after the rows, see
  /// OwnershipEngine::acquirerIndex).
  bool owns(const Acquirer *A) const {
    return !Acquirers.empty() && !std::less<const Acquirer *>()(A, Acquirers.data()) &&
           std::less<const Acquirer *>()(A, Acquirers.data() + Acquirers.size());
  }
  unsigned size() const { return static_cast<unsigned>(Acquirers.size()); }
  /// Name of the canonical release of a group, for messages ("free").
  llvm::StringRef groupName(unsigned G) const;
  bool isRealloc(const FunctionDecl *FD) const;
  /// A realloc that leaves the old block to the caller when it fails
  /// (`p = realloc(p, n)` then loses it); reallocf frees it.
  bool keepsBlockOnFailure(const FunctionDecl *FD) const {
    return isRealloc(FD) && tableName(FD) != "reallocf";
  }
  /// The argument whose bytes a library function copies elsewhere
  /// (`memcpy`'s source): the pointers stored in them are then in two
  /// places.
  std::optional<unsigned> copiedArgument(const FunctionDecl *FD) const;
  /// The buffer argument of a function that gives a stdio stream (the
  /// first argument) a buffer to use until it is closed (`setvbuf`).
  std::optional<unsigned> streamBufferArgument(const FunctionDecl *FD) const;
  /// A library function that returns its first argument (`memcpy`,
  /// `strcpy`, `memset`): `return memcpy(dest, ..)` returns `dest`.
  bool returnsFirstArgument(const FunctionDecl *FD) const;
  /// What a library function returns whenever it returns: the `exec`
  /// family returns only when it failed, -1.
  std::optional<int64_t> constantResult(const FunctionDecl *FD) const;
  /// What call \p CE of a library function returns, from its arguments:
  /// `sprintf(buf, "\x1bP0;0;0q")`, a format with no conversion, writes it
  /// and returns its length.
  std::optional<int64_t> constantResult(const CallExpr *CE,
                                        const FunctionDecl *FD) const;

  /// The function name a call matches the table by, empty if the function
  /// is not a C-like library function (member, other namespace).
  static llvm::StringRef tableName(const FunctionDecl *FD);

private:
  void addAcquirer(llvm::StringRef Name, ResourceKind K, unsigned G,
                   FailureValue F);
  std::vector<Acquirer> Acquirers;
  llvm::StringMap<unsigned> AcquirerIndex;
  llvm::StringMap<Releaser> Releasers;
  llvm::StringMap<bool> Readers;
  std::vector<std::string> CustomGroupNames;
  unsigned NewIdx = 0, NewArrayIdx = 0, OperatorNewIdx = 0,
           OperatorNewNothrowIdx = 0, OperatorNewArrayIdx = 0;
};

} // namespace clang::tidy::leaklint::ownership

#endif // LEAKLINT_ENGINE_RESOURCEMODEL_H
