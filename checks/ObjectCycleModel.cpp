//===--- ObjectCycleModel.cpp - library calls the cycle analysis knows ----===//

#include "ObjectCycleModel.h"
#include "LlvmCompat.h"
#include "OwnershipGraph.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace clang::tidy::leaklint::cycles {

namespace {

/// Where a row applies: a free function of namespace std, or a member of a
/// standard class of one kind.
enum class Scope : unsigned char {
  Free,
  SharedPtr,
  UniquePtr,
  WeakPtr,
  Function,
  Container, // sequence containers, sets, maps, adaptors
  Wrapper,   // optional and friends
  SelfShare, // std::enable_shared_from_this
};

struct Row {
  Scope Where;
  llvm::StringLiteral Name;
  CallOp Op;
};

// clang-format off
constexpr Row Table[] = {
    {Scope::Free, "make_shared", CallOp::Make},
    {Scope::Free, "allocate_shared", CallOp::Make},
    {Scope::Free, "make_unique", CallOp::Make},
    {Scope::Free, "make_shared_for_overwrite", CallOp::Make},
    {Scope::Free, "make_unique_for_overwrite", CallOp::Make},
    {Scope::Free, "move", CallOp::Identity},
    {Scope::Free, "forward", CallOp::Identity},
    {Scope::Free, "as_const", CallOp::Identity},
    {Scope::Free, "move_if_noexcept", CallOp::Identity},
    {Scope::Free, "static_pointer_cast", CallOp::Identity},
    {Scope::Free, "dynamic_pointer_cast", CallOp::Identity},
    {Scope::Free, "const_pointer_cast", CallOp::Identity},
    {Scope::Free, "reinterpret_pointer_cast", CallOp::Identity},
    {Scope::Free, "ref", CallOp::Identity},
    {Scope::Free, "cref", CallOp::Identity},
    {Scope::Free, "swap", CallOp::Swap},
    {Scope::Free, "exchange", CallOp::Exchange},
    {Scope::Free, "bind", CallOp::Bind},
    {Scope::Free, "bind_front", CallOp::Bind},
    {Scope::Free, "bind_back", CallOp::Bind},
    {Scope::Free, "async", CallOp::Keep},

    {Scope::SharedPtr, "reset", CallOp::Reset},
    {Scope::SharedPtr, "get", CallOp::Deref},
    {Scope::SharedPtr, "swap", CallOp::Swap},
    {Scope::SharedPtr, "use_count", CallOp::Pure},
    {Scope::SharedPtr, "unique", CallOp::Pure},
    {Scope::SharedPtr, "owner_before", CallOp::Pure},
    {Scope::UniquePtr, "reset", CallOp::Reset},
    {Scope::UniquePtr, "get", CallOp::Deref},
    {Scope::UniquePtr, "swap", CallOp::Swap},
    {Scope::UniquePtr, "release", CallOp::Keep},
    {Scope::UniquePtr, "get_deleter", CallOp::Pure},
    {Scope::WeakPtr, "lock", CallOp::Deref},
    {Scope::WeakPtr, "reset", CallOp::Reset},
    {Scope::WeakPtr, "swap", CallOp::Swap},
    {Scope::WeakPtr, "expired", CallOp::Pure},
    {Scope::WeakPtr, "use_count", CallOp::Pure},
    {Scope::Function, "swap", CallOp::Swap},
    {Scope::Function, "target", CallOp::Pure},
    {Scope::Function, "target_type", CallOp::Pure},

    {Scope::Container, "push_back", CallOp::Insert},
    {Scope::Container, "emplace_back", CallOp::Insert},
    {Scope::Container, "push_front", CallOp::Insert},
    {Scope::Container, "emplace_front", CallOp::Insert},
    {Scope::Container, "insert", CallOp::Insert},
    {Scope::Container, "emplace", CallOp::Insert},
    {Scope::Container, "emplace_hint", CallOp::Insert},
    {Scope::Container, "try_emplace", CallOp::Insert},
    {Scope::Container, "insert_or_assign", CallOp::Insert},
    {Scope::Container, "push", CallOp::Insert},
    {Scope::Container, "clear", CallOp::Clear},
    {Scope::Container, "erase", CallOp::MaybeClear},
    {Scope::Container, "pop_back", CallOp::MaybeClear},
    {Scope::Container, "pop_front", CallOp::MaybeClear},
    {Scope::Container, "pop", CallOp::MaybeClear},
    {Scope::Container, "extract", CallOp::MaybeClear},
    {Scope::Container, "remove", CallOp::MaybeClear},
    {Scope::Container, "remove_if", CallOp::MaybeClear},
    {Scope::Container, "resize", CallOp::MaybeClear},
    {Scope::Container, "assign", CallOp::Assign},
    {Scope::Container, "swap", CallOp::Swap},
    {Scope::Container, "front", CallOp::Read},
    {Scope::Container, "back", CallOp::Read},
    {Scope::Container, "top", CallOp::Read},
    {Scope::Container, "at", CallOp::Read},
    {Scope::Container, "find", CallOp::Read},
    {Scope::Container, "begin", CallOp::Read},
    {Scope::Container, "end", CallOp::Read},
    {Scope::Container, "cbegin", CallOp::Read},
    {Scope::Container, "cend", CallOp::Read},
    {Scope::Container, "rbegin", CallOp::Read},
    {Scope::Container, "rend", CallOp::Read},
    {Scope::Container, "lower_bound", CallOp::Read},
    {Scope::Container, "upper_bound", CallOp::Read},
    {Scope::Container, "size", CallOp::Pure},
    {Scope::Container, "empty", CallOp::Pure},
    {Scope::Container, "count", CallOp::Pure},
    {Scope::Container, "contains", CallOp::Pure},
    {Scope::Container, "capacity", CallOp::Pure},
    {Scope::Container, "reserve", CallOp::Pure},
    {Scope::Container, "max_size", CallOp::Pure},
    {Scope::Container, "shrink_to_fit", CallOp::Pure},
    {Scope::Wrapper, "reset", CallOp::Reset},
    {Scope::Wrapper, "value", CallOp::Read},
    {Scope::Wrapper, "has_value", CallOp::Pure},
    {Scope::Wrapper, "emplace", CallOp::Assign},
    {Scope::Wrapper, "swap", CallOp::Swap},
    {Scope::SelfShare, "shared_from_this", CallOp::SharedFromThis},
    {Scope::SelfShare, "weak_from_this", CallOp::NoOwner},
};
// clang-format on

/// The scope of a member function: the kind of standard class it belongs to.
std::optional<Scope> scopeOfClass(const CXXRecordDecl *RD) {
  if (!RD || !RD->isInStdNamespace() || !RD->getIdentifier())
    return std::nullopt;
  if (RD->getName() == "enable_shared_from_this")
    return Scope::SelfShare;
  switch (classifyStdTemplate(compat::recordType(RD))) {
  case StdTemplate::SharedPtr:
    return Scope::SharedPtr;
  case StdTemplate::UniquePtr:
    return Scope::UniquePtr;
  case StdTemplate::WeakPtr:
    return Scope::WeakPtr;
  case StdTemplate::Function:
    return Scope::Function;
  case StdTemplate::ToMany:
  case StdTemplate::MapLike:
    return Scope::Container;
  case StdTemplate::Wrapper:
    return Scope::Wrapper;
  case StdTemplate::None:
    break;
  }
  // Base classes of libstdc++'s containers (_Vector_base, __shared_ptr...)
  // and std::list's implementation details are reached through their
  // derived class's name in practice; the rest is not modelled.
  if (RD->getName() == "__shared_ptr" || RD->getName() == "__shared_ptr_access")
    return Scope::SharedPtr;
  if (RD->getName() == "__weak_ptr")
    return Scope::WeakPtr;
  return std::nullopt;
}

CallOp lookup(Scope Where, StringRef Name) {
  for (const Row &R : Table)
    if (R.Where == Where && R.Name == Name)
      return R.Op;
  return CallOp::Unknown;
}

/// Operators on standard classes, by kind of class.
CallOp classifyOperator(const CXXOperatorCallExpr *Op, Scope Where) {
  switch (Op->getOperator()) {
  case OO_Arrow:
  case OO_Star:
    return Where == Scope::Wrapper || Where == Scope::Container ? CallOp::Read
                                                                : CallOp::Deref;
  case OO_Call:
    return Where == Scope::Function ? CallOp::Invoke : CallOp::Unknown;
  case OO_Subscript:
    return Where == Scope::Container ? CallOp::Read : CallOp::Deref;
  case OO_EqualEqual:
  case OO_ExclaimEqual:
  case OO_Less:
  case OO_Greater:
  case OO_LessEqual:
  case OO_GreaterEqual:
  case OO_Spaceship:
  case OO_Exclaim:
    return CallOp::Pure;
  default:
    return CallOp::Unknown;
  }
}

} // namespace

CallOp classifyCall(const CallExpr *CE) {
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD)
    return CallOp::Unknown;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(CE)) {
    // Comparisons of smart pointers are free functions of namespace std.
    if (!isa<CXXMethodDecl>(FD))
      return FD->isInStdNamespace() ? classifyOperator(Op, Scope::Free)
                                    : CallOp::Unknown;
    std::optional<Scope> Where =
        scopeOfClass(cast<CXXMethodDecl>(FD)->getParent());
    return Where ? classifyOperator(Op, *Where) : CallOp::Unknown;
  }
  if (const auto *M = dyn_cast<CXXMethodDecl>(FD)) {
    if (isa<CXXConversionDecl>(M))
      return scopeOfClass(M->getParent()) ? CallOp::Pure : CallOp::Unknown;
    std::optional<Scope> Where = scopeOfClass(M->getParent());
    if (!Where || !M->getIdentifier())
      return CallOp::Unknown;
    return lookup(*Where, M->getName());
  }
  if (!FD->isInStdNamespace() || !FD->getIdentifier())
    return CallOp::Unknown;
  return lookup(Scope::Free, FD->getName());
}

CallOp classifyConstruct(const CXXConstructExpr *CE) {
  const CXXRecordDecl *RD = CE->getType()->getAsCXXRecordDecl();
  if (!RD)
    return CallOp::Unknown;
  if (RD->isLambda())
    return CallOp::Identity;
  if (!RD->isInStdNamespace() || !RD->getIdentifier())
    return CallOp::Unknown;
  StringRef Name = RD->getName();
  if (Name == "thread" || Name == "jthread" || Name == "packaged_task")
    return CallOp::Keep;
  switch (classifyStdTemplate(CE->getType())) {
  case StdTemplate::SharedPtr:
  case StdTemplate::UniquePtr:
  case StdTemplate::WeakPtr:
  case StdTemplate::Function:
  case StdTemplate::ToMany:
  case StdTemplate::MapLike:
  case StdTemplate::Wrapper:
    return CallOp::Identity;
  case StdTemplate::None:
    break;
  }
  return CallOp::Unknown;
}

namespace {

bool owning(QualType T, unsigned Depth) {
  if (T.isNull() || Depth > 6)
    return false;
  T = T.getCanonicalType();
  if (T->isPointerType() || T->isReferenceType() || T->isMemberPointerType())
    return false;
  if (const auto *AT = T->getAsArrayTypeUnsafe())
    return owning(AT->getElementType(), Depth + 1);
  switch (classifyStdTemplate(T)) {
  case StdTemplate::SharedPtr:
  case StdTemplate::UniquePtr:
  case StdTemplate::Function:
    return true;
  case StdTemplate::WeakPtr:
    return false;
  case StdTemplate::ToMany:
  case StdTemplate::MapLike:
  case StdTemplate::Wrapper: {
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        T->getAsCXXRecordDecl());
    if (!Spec)
      return false;
    for (const TemplateArgument &A : Spec->getTemplateArgs().asArray()) {
      if (A.getKind() == TemplateArgument::Type &&
          owning(A.getAsType(), Depth + 1))
        return true;
      if (A.getKind() == TemplateArgument::Pack)
        for (const TemplateArgument &P : A.pack_elements())
          if (P.getKind() == TemplateArgument::Type &&
              owning(P.getAsType(), Depth + 1))
            return true;
    }
    return false;
  }
  case StdTemplate::None:
    break;
  }
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || RD->isInStdNamespace())
    return false;
  RD = RD->getDefinition();
  if (RD->isLambda())
    return llvm::any_of(RD->captures(), [](const LambdaCapture &C) {
      return C.capturesVariable() && C.getCaptureKind() == LCK_ByCopy;
    }) || llvm::any_of(RD->fields(), [&](const FieldDecl *F) {
      return owning(F->getType(), Depth + 1);
    });
  for (const FieldDecl *F : RD->fields())
    if (owning(F->getType(), Depth + 1))
      return true;
  for (const CXXBaseSpecifier &B : RD->bases())
    if (owning(B.getType(), Depth + 1))
      return true;
  return false;
}

} // namespace

bool isOwningType(QualType T) { return owning(T, 0); }

bool isCallbackType(QualType T) {
  for (unsigned Depth = 0; Depth < 4 && !T.isNull(); ++Depth) {
    T = T.getCanonicalType();
    StdTemplate K = classifyStdTemplate(T);
    if (K == StdTemplate::Function)
      return true;
    if (K != StdTemplate::ToMany && K != StdTemplate::MapLike)
      return false;
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        T->getAsCXXRecordDecl());
    if (!Spec)
      return false;
    unsigned Idx = K == StdTemplate::MapLike ? 1 : 0;
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    if (Args.size() <= Idx || Args[Idx].getKind() != TemplateArgument::Type)
      return false;
    T = Args[Idx].getAsType();
  }
  return false;
}

bool isContainerType(QualType T) {
  StdTemplate K = classifyStdTemplate(T);
  return K == StdTemplate::ToMany || K == StdTemplate::MapLike;
}

} // namespace clang::tidy::leaklint::cycles
