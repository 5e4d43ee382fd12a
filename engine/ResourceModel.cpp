//===--- ResourceModel.cpp - what acquires and what releases a resource ---===//

#include "ResourceModel.h"
#include "clang/AST/DeclCXX.h"

namespace clang::tidy::leaklint::ownership {

namespace {
struct AcquireRow {
  const char *Name;
  ResourceKind Kind;
  unsigned Group;
  FailureValue Failure;
  int OutArg = -1;
  bool Regrows = false;
  int OnlyIfNullArg = -1;
};
/// The acquirers whose block comes filled with zeros.
constexpr llvm::StringLiteral ZeroFillers[] = {"calloc", "g_malloc0",
                                               "g_malloc0_n", "g_try_malloc0"};
struct ReleaseRow {
  const char *Name;
  unsigned Group;
  unsigned Arg;
};
using RM = ResourceModel;
using RK = ResourceKind;
using FV = FailureValue;

// The C and POSIX acquirers. realloc is here for its result; its argument is
// handled by the engine (the old block moves to the new one on success).
const AcquireRow AcquireTable[] = {
    {"malloc", RK::Memory, RM::GFree, FV::Null},
    {"calloc", RK::Memory, RM::GFree, FV::Null},
    {"realloc", RK::Memory, RM::GFree, FV::Null},
    {"reallocarray", RK::Memory, RM::GFree, FV::Null},
    {"strdup", RK::Memory, RM::GFree, FV::Null},
    {"strndup", RK::Memory, RM::GFree, FV::Null},
    {"wcsdup", RK::Memory, RM::GFree, FV::Null},
    {"_strdup", RK::Memory, RM::GFree, FV::Null},
    {"reallocf", RK::Memory, RM::GFree, FV::Null},
    {"getcwd", RK::Memory, RM::GFree, FV::Null, -1, false, 0},
    {"realpath", RK::Memory, RM::GFree, FV::Null, -1, false, 1},
    {"get_current_dir_name", RK::Memory, RM::GFree, FV::Null},
    // GLib: g_malloc aborts rather than fail; g_free is free.
    {"g_malloc", RK::Memory, RM::GFree, FV::None},
    {"g_malloc0", RK::Memory, RM::GFree, FV::None},
    {"g_malloc_n", RK::Memory, RM::GFree, FV::None},
    {"g_malloc0_n", RK::Memory, RM::GFree, FV::None},
    {"g_try_malloc", RK::Memory, RM::GFree, FV::Null},
    {"g_try_malloc0", RK::Memory, RM::GFree, FV::Null},
    {"g_strdup", RK::Memory, RM::GFree, FV::Null},
    {"g_strndup", RK::Memory, RM::GFree, FV::Null},
    {"g_strdup_printf", RK::Memory, RM::GFree, FV::None},
    {"aligned_alloc", RK::Memory, RM::GFree, FV::Null},
    {"valloc", RK::Memory, RM::GFree, FV::Null},
    {"memalign", RK::Memory, RM::GFree, FV::Null},
    {"fopen", RK::File, RM::GFClose, FV::Null},
    {"fopen64", RK::File, RM::GFClose, FV::Null},
    {"fdopen", RK::File, RM::GFClose, FV::Null},
    {"tmpfile", RK::File, RM::GFClose, FV::Null},
    {"open", RK::Descriptor, RM::GClose, FV::MinusOne},
    {"open64", RK::Descriptor, RM::GClose, FV::MinusOne},
    {"openat", RK::Descriptor, RM::GClose, FV::MinusOne},
    {"creat", RK::Descriptor, RM::GClose, FV::MinusOne},
    {"socket", RK::Descriptor, RM::GClose, FV::MinusOne},
    {"accept", RK::Descriptor, RM::GClose, FV::MinusOne},
    {"accept4", RK::Descriptor, RM::GClose, FV::MinusOne},
    {"dup", RK::Descriptor, RM::GClose, FV::MinusOne},
    {"mkstemp", RK::Descriptor, RM::GClose, FV::MinusOne},
    {"epoll_create", RK::Descriptor, RM::GClose, FV::MinusOne},
    {"epoll_create1", RK::Descriptor, RM::GClose, FV::MinusOne},
    {"eventfd", RK::Descriptor, RM::GClose, FV::MinusOne},
    {"memfd_create", RK::Descriptor, RM::GClose, FV::MinusOne},
    {"popen", RK::Pipe, RM::GPClose, FV::Null},
    {"opendir", RK::Directory, RM::GCloseDir, FV::Null},
    {"fdopendir", RK::Directory, RM::GCloseDir, FV::Null},
    {"mmap", RK::Mapping, RM::GMUnmap, FV::MapFailed},
    {"mmap64", RK::Mapping, RM::GMUnmap, FV::MapFailed},
    {"CreateFileA", RK::Handle, RM::GCloseHandle, FV::MinusOne},
    {"CreateFileW", RK::Handle, RM::GCloseHandle, FV::MinusOne},
    {"CreateEventA", RK::Handle, RM::GCloseHandle, FV::Null},
    {"CreateEventW", RK::Handle, RM::GCloseHandle, FV::Null},
    // GLib's GVariant: these return a new reference, never a floating one
    // (a floating one, g_variant_new_*, is the receiver's to sink).
    {"g_variant_get_child_value", RK::Reference, RM::GVariantUnref, FV::None},
    {"g_variant_get_variant", RK::Reference, RM::GVariantUnref, FV::None},
    {"g_variant_get_normal_form", RK::Reference, RM::GVariantUnref, FV::None},
    {"g_variant_byteswap", RK::Reference, RM::GVariantUnref, FV::None},
    {"g_variant_lookup_value", RK::Reference, RM::GVariantUnref, FV::Null},
    {"g_variant_get_maybe", RK::Reference, RM::GVariantUnref, FV::Null},
    {"g_variant_iter_next_value", RK::Reference, RM::GVariantUnref, FV::Null},
    // ... or a copy for g_free.
    {"g_variant_dup_string", RK::Memory, RM::GFree, FV::None},
    {"g_variant_dup_bytestring", RK::Memory, RM::GFree, FV::None},
    {"g_variant_print", RK::Memory, RM::GFree, FV::None},
    // Through an out-parameter: the result reports failure.
    {"asprintf", RK::Memory, RM::GFree, FV::MinusOne, 0},
    {"vasprintf", RK::Memory, RM::GFree, FV::MinusOne, 0},
    {"posix_memalign", RK::Memory, RM::GFree, FV::ErrorCode, 0},
    // The buffer is (re)allocated even when the read fails (end of file).
    {"getline", RK::Memory, RM::GFree, FV::None, 0, true},
    {"getdelim", RK::Memory, RM::GFree, FV::None, 0, true},
};

const ReleaseRow ReleaseTable[] = {
    {"free", RM::GFree, 0},          {"g_free", RM::GFree, 0},
    {"fclose", RM::GFClose, 0},
    {"close", RM::GClose, 0},        {"pclose", RM::GPClose, 0},
    {"closedir", RM::GCloseDir, 0},  {"munmap", RM::GMUnmap, 0},
    {"CloseHandle", RM::GCloseHandle, 0},
    {"g_variant_unref", RM::GVariantUnref, 0},
    // fdopen/fdopendir adopt the descriptor: the FILE/DIR now owns it.
    {"fdopen", RM::GClose, 0},       {"fdopendir", RM::GClose, 0},
};

// Library functions that read through their pointer arguments (or write
// into them, like memcpy's destination) and never keep or free them.
const char *const ReaderTable[] = {
    "strlen", "strnlen", "strcmp", "strncmp", "strcasecmp", "strncasecmp",
    "strcpy", "strncpy", "strcat", "strncat", "strchr", "strrchr", "strstr",
    "strspn", "strcspn", "strpbrk", "strcoll", "strxfrm", "memcpy", "memmove",
    "memset", "memcmp", "memchr", "wcslen", "wcscpy", "wcsncpy", "wcscat",
    "wcsncat", "wcscmp", "wcsncmp", "wmemset", "wmemcpy", "wmemmove",
    "printf", "fprintf", "sprintf", "snprintf", "vprintf", "vfprintf",
    "vsprintf", "vsnprintf", "dprintf", "wprintf", "fwprintf", "swprintf",
    "puts", "fputs", "fputc", "putc", "fputws", "fwrite", "fread", "fgets",
    "fgetc", "getc", "fgetws", "ungetc", "fscanf", "sscanf", "scanf",
    "fflush", "fseek", "fseeko", "ftell", "ftello", "rewind", "feof",
    "ferror", "clearerr", "fileno", "setvbuf", "setbuf", "fgetpos", "fsetpos",
    "read", "write", "pread", "pwrite", "lseek", "fstat", "fsync",
    "fdatasync", "ftruncate", "fcntl", "ioctl", "send", "recv", "sendto",
    "recvfrom", "sendmsg", "recvmsg", "bind", "listen", "connect",
    "setsockopt", "getsockopt", "getsockname", "getpeername", "shutdown",
    "readdir", "rewinddir", "telldir", "seekdir", "dirfd", "atoi", "atol",
    "atoll", "atof", "strtol", "strtoul", "strtoll", "strtoull", "strtod",
    "strtof", "qsort", "bsearch", "mprotect", "msync", "madvise", "mlock",
    "munlock", "flock", "lockf", "isatty", "ttyname", "perror", "strtok",
    "strtok_r", "mbstowcs", "wcstombs", "toupper", "tolower", "select",
    "poll", "epoll_ctl", "epoll_wait", "listen",
};
} // namespace

void ResourceModel::addAcquirer(llvm::StringRef Name, ResourceKind K,
                                unsigned G, FailureValue F) {
  AcquirerIndex[Name] = Acquirers.size();
  Acquirers.push_back({Name.str(), K, G, F});
}

ResourceModel::ResourceModel(llvm::StringRef AcquireRelease) {
  for (const AcquireRow &R : AcquireTable) {
    addAcquirer(R.Name, R.Kind, R.Group, R.Failure);
    Acquirers.back().OutArg = R.OutArg;
    Acquirers.back().Regrows = R.Regrows;
    Acquirers.back().OnlyIfNullArg = R.OnlyIfNullArg;
    Acquirers.back().ZeroFills = llvm::is_contained(ZeroFillers, R.Name);
  }
  NewIdx = Acquirers.size();
  Acquirers.push_back({"new", RK::Memory, GDelete, FV::None});
  NewArrayIdx = Acquirers.size();
  Acquirers.push_back({"new[]", RK::Memory, GDeleteArray, FV::None});
  // `::operator new(n)` called as a function: raw memory for
  // `::operator delete(p)`.
  OperatorNewIdx = Acquirers.size();
  Acquirers.push_back({"operator new", RK::Memory, GDelete, FV::None});
  OperatorNewNothrowIdx = Acquirers.size();
  Acquirers.push_back({"operator new", RK::Memory, GDelete, FV::Null});
  OperatorNewArrayIdx = Acquirers.size();
  Acquirers.push_back({"operator new[]", RK::Memory, GDeleteArray, FV::None});
  for (const ReleaseRow &R : ReleaseTable)
    Releasers[R.Name] = {R.Group, R.Arg};
  for (const char *R : ReaderTable)
    Readers[R] = true;
  // User pairs: "acquire:release;..."; each pair is its own group.
  llvm::SmallVector<llvm::StringRef, 8> Pairs;
  AcquireRelease.split(Pairs, ';', -1, false);
  for (llvm::StringRef P : Pairs) {
    auto [Acq, Rel] = P.split(':');
    Acq = Acq.trim();
    Rel = Rel.trim();
    if (Acq.empty() || Rel.empty())
      continue;
    unsigned G = GFirstCustom + CustomGroupNames.size();
    CustomGroupNames.push_back(Rel.str());
    addAcquirer(Acq, RK::Custom, G, FV::Null);
    Releasers[Rel] = {G, 0};
  }
}

namespace {
/// Whether \p FD may be the C library's function of its name, by its
/// prototype: a program's own `void *malloc(struct arena *, size_t)` is
/// not. In C, Clang knows the library's prototypes of many of them and
/// marks a declaration that fits (the builtin attribute; none when the
/// program builds with -fno-builtin, and then the name decides). In C++ a
/// library function has C linkage: an overload `malloc(Arena &, size_t)`
/// is the program's.
bool fitsLibraryPrototype(const FunctionDecl *FD) {
  const ASTContext &Ctx = FD->getASTContext();
  // In C++ also the C library's own `extern "C++"` overloads: glibc's
  // const-correct `char *strchr(char *, int)` beside the C one.
  if (Ctx.getLangOpts().CPlusPlus) {
    const SourceManager &SM = Ctx.getSourceManager();
    return FD->isExternC() ||
           SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation()));
  }
  // The engine's own declarations are implicit (a hook's target that the
  // file does not declare: OwnershipEngine::functionNamed).
  unsigned ID = FD->getIdentifier()->getBuiltinID();
  return !ID || !Ctx.BuiltinInfo.isPredefinedLibFunction(ID) ||
         FD->isImplicit() || FD->getMostRecentDecl()->hasAttr<BuiltinAttr>();
}
} // namespace

llvm::StringRef ResourceModel::tableName(const FunctionDecl *FD) {
  if (!FD || !FD->getIdentifier() || isa<CXXMethodDecl>(FD))
    return {};
  // A `static` function is the program's own, whatever its name (an
  // arena's `static void *malloc(struct arena *, size_t)`).
  if (FD->getCanonicalDecl()->getStorageClass() == SC_Static)
    return {};
  const DeclContext *DC = FD->getDeclContext()->getRedeclContext();
  if (DC->isTranslationUnit() || FD->isExternC())
    return fitsLibraryPrototype(FD) ? FD->getName() : llvm::StringRef();
  if (const auto *NS = dyn_cast<NamespaceDecl>(DC))
    if (NS->isStdNamespace())
      return FD->getName();
  return {};
}

namespace {
/// Whether \p FD's prototype fits an acquirer of kind \p A (a program's own
/// `open(struct dev *)` or `malloc(struct pool *, size_t)` is not the
/// library's).
bool fitsAcquirer(const FunctionDecl *FD, const Acquirer &A) {
  if (A.OutArg >= 0)
    return static_cast<unsigned>(A.OutArg) < FD->getNumParams() &&
           FD->getParamDecl(A.OutArg)->getType()->isPointerType();
  if (A.OnlyIfNullArg >= 0 &&
      (static_cast<unsigned>(A.OnlyIfNullArg) >= FD->getNumParams() ||
       !FD->getParamDecl(A.OnlyIfNullArg)->getType()->isPointerType()))
    return false;
  QualType R = FD->getReturnType();
  switch (A.Kind) {
  case RK::Descriptor:
    return R->isIntegerType();
  case RK::Handle:
  case RK::Custom:
  case RK::Thread:
    return true;
  default:
    return R->isPointerType();
  }
}

/// Whether \p FD's prototype fits a release of argument \p R.Arg: a pointer,
/// or a descriptor for close().
bool fitsReleaser(const FunctionDecl *FD, const Releaser &R) {
  if (R.Arg >= FD->getNumParams())
    return false;
  QualType T = FD->getParamDecl(R.Arg)->getType();
  if (R.Group == RM::GClose)
    return T->isIntegerType();
  return R.Group >= RM::GFirstCustom || T->isPointerType();
}

/// `::operator new(n)` (and its nothrow and array forms) called as a
/// function.
bool isGlobalOperator(const FunctionDecl *FD, OverloadedOperatorKind K) {
  return FD && FD->getOverloadedOperator() == K &&
         FD->isReplaceableGlobalAllocationFunction();
}
} // namespace

const Acquirer *ResourceModel::acquirerFor(const FunctionDecl *FD) const {
  if (isGlobalOperator(FD, OO_New)) {
    // `operator new(n, std::nothrow)` returns null on failure.
    const auto *Last = FD->getNumParams() > 1
                           ? FD->getParamDecl(FD->getNumParams() - 1)
                                 ->getType()
                                 .getNonReferenceType()
                                 ->getAsCXXRecordDecl()
                           : nullptr;
    bool Nothrow = Last && Last->getIdentifier() && Last->getName() == "nothrow_t";
    return &Acquirers[Nothrow ? OperatorNewNothrowIdx : OperatorNewIdx];
  }
  if (isGlobalOperator(FD, OO_Array_New))
    return &Acquirers[OperatorNewArrayIdx];
  llvm::StringRef N = tableName(FD);
  if (N.empty())
    return nullptr;
  auto It = AcquirerIndex.find(N);
  if (It == AcquirerIndex.end() || !fitsAcquirer(FD, Acquirers[It->second]))
    return nullptr;
  return &Acquirers[It->second];
}

std::optional<Releaser>
ResourceModel::releaserFor(const FunctionDecl *FD) const {
  if (isGlobalOperator(FD, OO_Delete))
    return Releaser{GDelete, 0};
  if (isGlobalOperator(FD, OO_Array_Delete))
    return Releaser{GDeleteArray, 0};
  llvm::StringRef N = tableName(FD);
  if (N.empty())
    return std::nullopt;
  auto It = Releasers.find(N);
  if (It == Releasers.end() || !fitsReleaser(FD, It->second))
    return std::nullopt;
  return It->second;
}

bool ResourceModel::isKnownReader(const FunctionDecl *FD) const {
  llvm::StringRef N = tableName(FD);
  return !N.empty() && Readers.count(N);
}

bool ResourceModel::borrowsArgument(const FunctionDecl *FD,
                                    unsigned Arg) const {
  llvm::StringRef N = tableName(FD);
  if (!N.starts_with("g_") || Arg >= FD->getNumParams() || Releasers.count(N) ||
      N.contains("take")) // g_variant_take_ref hands back what it is given
    return false;
  QualType T = FD->getParamDecl(Arg)->getType();
  if (!T->isPointerType())
    return false;
  const auto *RD = T->getPointeeType()->getAsRecordDecl();
  return RD && RD->getIdentifier() && RD->getName() == "_GVariant";
}

bool ResourceModel::isRealloc(const FunctionDecl *FD) const {
  llvm::StringRef N = tableName(FD);
  return N == "realloc" || N == "reallocarray" || N == "reallocf";
}

std::optional<unsigned>
ResourceModel::copiedArgument(const FunctionDecl *FD) const {
  llvm::StringRef N = tableName(FD);
  if (N == "memcpy" || N == "memmove" || N == "mempcpy" || N == "memccpy")
    return 1;
  if (N == "bcopy")
    return 0;
  return std::nullopt;
}

std::optional<unsigned>
ResourceModel::streamBufferArgument(const FunctionDecl *FD) const {
  llvm::StringRef N = tableName(FD);
  if (N == "setvbuf" || N == "setbuf" || N == "setbuffer")
    return 1;
  return std::nullopt;
}

bool ResourceModel::returnsFirstArgument(const FunctionDecl *FD) const {
  llvm::StringRef N = tableName(FD);
  return llvm::is_contained({"memcpy", "memmove", "memset", "strcpy",
                             "strncpy", "strcat", "strncat"},
                            N);
}

std::optional<int64_t>
ResourceModel::constantResult(const FunctionDecl *FD) const {
  llvm::StringRef N = tableName(FD);
  if (FD && FD->getReturnType()->isIntegerType() &&
      llvm::is_contained({"execv", "execve", "execvp", "execvpe", "execl",
                          "execle", "execlp", "fexecve"},
                         N))
    return -1;
  return std::nullopt;
}

std::optional<int64_t>
ResourceModel::constantResult(const CallExpr *CE,
                              const FunctionDecl *FD) const {
  if (tableName(FD) != "sprintf" || CE->getNumArgs() != 2)
    return std::nullopt;
  const auto *Format =
      dyn_cast<StringLiteral>(CE->getArg(1)->IgnoreParenImpCasts());
  if (!Format || !Format->isOrdinary() || Format->getBytes().contains('%'))
    return std::nullopt;
  return static_cast<int64_t>(Format->getByteLength());
}

llvm::StringRef ResourceModel::groupName(unsigned G) const {
  switch (G) {
  case GFree: return "free";
  case GDelete: return "delete";
  case GDeleteArray: return "delete[]";
  case GFClose: return "fclose";
  case GClose: return "close";
  case GPClose: return "pclose";
  case GCloseDir: return "closedir";
  case GMUnmap: return "munmap";
  case GCloseHandle: return "CloseHandle";
  case GVariantUnref: return "g_variant_unref";
  case GJoin: return "join";
  default:
    if (G - GFirstCustom < CustomGroupNames.size())
      return CustomGroupNames[G - GFirstCustom];
    return "release";
  }
}

const Acquirer *ResourceModel::acquirerNamed(llvm::StringRef Name) const {
  for (const Acquirer &A : Acquirers)
    if (A.Name == Name)
      return &A;
  return nullptr;
}

} // namespace clang::tidy::leaklint::ownership
