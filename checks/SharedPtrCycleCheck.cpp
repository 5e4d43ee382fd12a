//===--- SharedPtrCycleCheck.cpp - leaklint-shared-ptr-cycle --------------===//
//
// The matchers only collect (records, callbacks stored into members, calls
// that pass lambdas, pointer conversions to a base, uses of shared_ptr
// members); everything is decided at the end of the translation unit, on
// the ownership graph built once from the collected records.
//
//===----------------------------------------------------------------------===//

#include "SharedPtrCycleCheck.h"
#include "AstHelpers.h"
#include "ObjectCycleAnalysis.h"
#include "ObjectCycleModel.h"
#include "LlvmCompat.h"
#include "OwnershipGraph.h"
#include "TitledFix.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include <algorithm>
#include <numeric>
#include <optional>
#include <set>
#include <tuple>

using namespace clang::ast_matchers;

namespace clang::tidy::leaklint {

namespace {

/// A stable sort: equal elements keep their order. (std::stable_sort would
/// do, but libstdc++ 12's implementation uses get_temporary_buffer, which
/// clang 19 reports as deprecated in C++17.)
template <typename T, typename Less>
void stableSort(std::vector<T> &V, Less IsLess) {
  std::vector<size_t> Order(V.size());
  std::iota(Order.begin(), Order.end(), 0);
  llvm::sort(Order, [&](size_t A, size_t B) {
    if (IsLess(V[A], V[B]))
      return true;
    if (IsLess(V[B], V[A]))
      return false;
    return A < B;
  });
  std::vector<T> Sorted;
  Sorted.reserve(V.size());
  for (size_t I : Order)
    Sorted.push_back(std::move(V[I]));
  V = std::move(Sorted);
}

constexpr llvm::StringLiteral DefaultBackEdgeNames =
    "parent;parents;owner;owners;prev;previous;back;backref;observer;"
    "observers;delegate;listener;listeners;outer;host;manager;creator";

/// Member functions through which a container member receives a callback.
constexpr llvm::StringLiteral InsertingMethods[] = {
    "push_back",   "emplace_back", "push_front", "emplace_front", "insert",
    "emplace",     "push",         "try_emplace", "insert_or_assign",
    "emplace_hint"};

/// Member functions that empty a member (or may): a break of what it holds.
constexpr llvm::StringLiteral BreakingMethods[] = {
    "reset", "clear", "erase", "pop_back", "pop_front", "pop", "swap",
    "extract"};

/// Member functions of shared_ptr that weak_ptr has with the same meaning.
constexpr llvm::StringLiteral WeakCompatibleMethods[] = {"reset", "use_count"};

std::vector<std::string> splitNames(StringRef Raw) {
  SmallVector<StringRef, 16> Parts;
  Raw.split(Parts, ';', -1, false);
  std::vector<std::string> Out;
  for (StringRef P : Parts)
    if (!P.trim().empty())
      Out.push_back(P.trim().lower());
  return Out;
}

/// Splits an identifier into lower-case words: `m_parentNode` -> m, parent,
/// node.
SmallVector<std::string, 4> identifierWords(StringRef Name) {
  SmallVector<std::string, 4> Words;
  std::string Cur;
  auto Flush = [&] {
    if (!Cur.empty())
      Words.push_back(Cur);
    Cur.clear();
  };
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    if (!isLetter(C)) {
      Flush();
      continue;
    }
    if (isUppercase(C) && I > 0 && isLowercase(Name[I - 1]))
      Flush();
    Cur.push_back(toLowercase(C));
  }
  Flush();
  return Words;
}

bool isStdKind(QualType T, StdTemplate K) {
  return !T.isNull() && classifyStdTemplate(T) == K;
}

AST_MATCHER(QualType, isCallbackHolder) {
  QualType T = Node.getCanonicalType();
  for (int Depth = 0; Depth < 4 && !T.isNull(); ++Depth) {
    StdTemplate K = classifyStdTemplate(T);
    if (K == StdTemplate::Function)
      return true;
    if (K != StdTemplate::ToMany && K != StdTemplate::MapLike &&
        K != StdTemplate::Wrapper)
      return false;
    // Look at the element (or mapped) type of the container.
    const auto *RD = T->getAsCXXRecordDecl();
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD);
    if (!Spec)
      return false;
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    unsigned Idx = K == StdTemplate::MapLike ? 1 : 0;
    if (Args.size() <= Idx || Args[Idx].getKind() != TemplateArgument::Type)
      return false;
    T = Args[Idx].getAsType().getCanonicalType();
  }
  return false;
}

AST_MATCHER(FieldDecl, isSharedPtrMember) {
  return isStdKind(Node.getType(), StdTemplate::SharedPtr);
}

AST_MATCHER(QualType, isSharedPtrType) {
  return isStdKind(Node, StdTemplate::SharedPtr);
}

AST_MATCHER(Expr, storesCallable) {
  return storedCallable(&Node) != nullptr;
}


/// The member a store goes to: `cb`, `obj.cb`, `cbs[k]`, `cbs.at(k)`,
/// `cbs.back()`.
const MemberExpr *targetMember(const Expr *E) {
  for (int Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      return isa<FieldDecl>(ME->getMemberDecl()) ? ME : nullptr;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      if (Op->getOperator() != OO_Subscript || Op->getNumArgs() < 1)
        return nullptr;
      E = Op->getArg(0);
      continue;
    }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      E = MC->getImplicitObjectArgument();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

/// The class of `this` when the member belongs to the current object
/// (`cb`, `this->cb`, `this->inner.cb`), else null.
const CXXRecordDecl *
thisObjectClass(const MemberExpr *ME,
                SmallVectorImpl<const FieldDecl *> *Path = nullptr) {
  const Expr *Base = ME->getBase();
  SmallVector<const FieldDecl *, 2> Steps;
  for (int Depth = 0; Base && Depth < 8; ++Depth) {
    Base = Base->IgnoreParenImpCasts();
    if (const auto *This = dyn_cast<CXXThisExpr>(Base)) {
      if (Path)
        Path->append(Steps.rbegin(), Steps.rend());
      return This->getType()->getPointeeCXXRecordDecl();
    }
    const auto *Inner = dyn_cast<MemberExpr>(Base);
    const auto *Step = Inner ? dyn_cast<FieldDecl>(Inner->getMemberDecl()) : nullptr;
    if (!Step)
      return nullptr;
    Steps.push_back(Step);
    // `this->a->cb`: the member belongs to another object.
    if (Inner->isArrow() && !isa<CXXThisExpr>(Inner->getBase()->IgnoreParenImpCasts()))
      return nullptr;
    Base = Inner->getBase();
  }
  return nullptr;
}

/// Whether the code at \p S runs in this TU: code of the main file, or a
/// function of a header the TU calls. An inline setter of a header that no
/// code here calls forms no link here; the TUs that call it see the store
/// (and whatever breaks it). \p Functions: the TU's function definitions,
/// the innermost of which around \p S holds it (a lambda's code is its
/// maker's; the instantiations of a template share its text, and one used
/// is enough); code in none of them (a template's pattern) runs.
bool runsInTU(const Stmt *S, ArrayRef<const FunctionDecl *> Functions,
              const SourceManager &SM) {
  SourceLocation Loc = SM.getExpansionLoc(S->getBeginLoc());
  if (SM.isInMainFile(Loc))
    return true;
  std::optional<unsigned> Innermost;
  bool Used = false;
  for (const FunctionDecl *FD : Functions) {
    SourceLocation B = SM.getExpansionLoc(FD->getBeginLoc()),
                   E = SM.getExpansionLoc(FD->getEndLoc());
    if (!SM.isPointWithin(Loc, B, E))
      continue;
    unsigned Size = SM.getFileOffset(E) - SM.getFileOffset(B);
    bool Runs = FD->isUsed() || FD->isReferenced();
    if (!Innermost || Size < *Innermost)
      Innermost = Size, Used = Runs;
    else if (Size == *Innermost)
      Used = Used || Runs;
  }
  return !Innermost || Used;
}

/// The member \p E names: a MemberExpr's, or the one a dependent
/// `x->f` of a template's code resolves to.
const FieldDecl *namedField(const Expr *E) {
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(E))
    return dyn_cast<FieldDecl>(ME->getMemberDecl());
  return dependentMember(dyn_cast_or_null<CXXDependentScopeMemberExpr>(E));
}

/// True for a value that empties what it is assigned to: `nullptr`, `{}`,
/// `T()`, `NULL`; also the default member initializer a constructor uses
/// (`std::shared_ptr<T> p{nullptr};`).
bool isEmptyValue(const Expr *E) {
  if (!E)
    return false;
  E = E->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *Default = dyn_cast<CXXDefaultInitExpr>(E))
    return isEmptyValue(Default->getExpr());
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
    E = MTE->getSubExpr()->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E))
    E = FC->getSubExpr()->IgnoreImplicit()->IgnoreParenImpCasts();
  if (isa<CXXNullPtrLiteralExpr, GNUNullExpr, CXXScalarValueInitExpr,
          ImplicitValueInitExpr>(E))
    return true;
  if (const auto *IL = dyn_cast<IntegerLiteral>(E))
    return IL->getValue() == 0;
  if (const auto *ILE = dyn_cast<InitListExpr>(E))
    return ILE->getNumInits() == 0 ||
           (ILE->getNumInits() == 1 && isEmptyValue(ILE->getInit(0)));
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
    return CE->getNumArgs() == 0 ||
           (CE->getNumArgs() == 1 && isEmptyValue(CE->getArg(0)));
  return false;
}

AST_MATCHER(Expr, isEmptyArgument) {
  // Only the types a member can be emptied with: smart pointers, callbacks.
  QualType T = Node.getType();
  return (T->isNullPtrType() || isStdKind(T, StdTemplate::SharedPtr) ||
          isStdKind(T, StdTemplate::UniquePtr) ||
          isStdKind(T, StdTemplate::Function)) &&
         isEmptyValue(&Node);
}

/// The conversion to a `shared_ptr` (`shared_ptr<Base>(derived)`) that the
/// call argument \p Arg is, under at most three temporaries, casts or
/// parentheses; null if it is none.
const CXXConstructExpr *convertedArgument(const Expr *Arg) {
  for (unsigned Depth = 0; Depth < 4; ++Depth) {
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Arg))
      return CE->getNumArgs() == 1 &&
                     isStdKind(CE->getType(), StdTemplate::SharedPtr)
                 ? CE
                 : nullptr;
    if (!isa<MaterializeTemporaryExpr, CXXBindTemporaryExpr, ImplicitCastExpr,
             ParenExpr>(Arg))
      return nullptr;
    Arg = cast<Expr>(*Arg->child_begin());
  }
  return nullptr;
}

AST_MATCHER(Expr, isConvertedSharedPtr) {
  return convertedArgument(&Node) != nullptr;
}

/// Whether the function \p Def only calls through its parameter \p I:
/// every use of it is `p->` (`InitNewSessionTagset(tagset)`), so a pointer
/// given to it is stored nowhere as its base.
bool onlyCallsThrough(const FunctionDecl *Def, unsigned I) {
  if (I >= Def->getNumParams() || !Def->getBody())
    return false;
  const ParmVarDecl *P = Def->getParamDecl(I);
  // The callee's own map: the AST-wide one would index the whole TU.
  ParentMap PM(const_cast<Stmt *>(Def->getBody()));
  bool Lent = true;
  ownership::detail::forEachNode(Def->getBody(), [&](const Stmt *X) {
    const auto *DR = dyn_cast<DeclRefExpr>(X);
    if (!Lent || !DR || DR->getDecl() != P)
      return;
    const Stmt *Use = PM.getParent(DR);
    if (isa_and_nonnull<ImplicitCastExpr>(Use))
      Use = PM.getParent(Use);
    const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Use);
    Lent = Op && Op->getOperator() == OO_Arrow;
  });
  return Lent;
}

unsigned fieldKey(const FieldDecl *F) {
  return F->getLocation().getRawEncoding();
}

/// A value that a weak_ptr can take instead of a shared_ptr without changing
/// what it points to: a shared_ptr or weak_ptr that outlives the statement
/// (not a temporary, which would leave the weak_ptr expired at once).
bool isWeakCompatibleSource(const Expr *E) {
  if (!E)
    return false;
  E = E->IgnoreImplicit();
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
    E = MTE->getSubExpr()->IgnoreImplicit();
  if (E->isPRValue())
    return false;
  QualType T = E->getType();
  return isStdKind(T, StdTemplate::SharedPtr) ||
         isStdKind(T, StdTemplate::WeakPtr);
}

const MemberExpr *sameFieldSource(const Expr *E, unsigned Key) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && Call->isCallToStdMove() && Call->getNumArgs() == 1)
    E = Call->getArg(0)->IgnoreParenImpCasts();
  if (const auto *SC = dyn_cast<CXXStaticCastExpr>(E))
    E = SC->getSubExpr()->IgnoreParenImpCasts();
  const auto *ME = dyn_cast<MemberExpr>(E);
  const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  return F && fieldKey(F) == Key ? ME : nullptr;
}

} // namespace

struct SharedPtrCycleCheck::Collected {
  ASTContext *Ctx = nullptr;
  std::vector<const CXXRecordDecl *> Records;
  llvm::DenseMap<const FieldDecl *, SmallVector<CallbackFlow, 1>> Flows;

  /// The functions of the TU, for the object-level analysis.
  std::vector<const FunctionDecl *> Functions;
  /// Per member (keyed by location, like Uses): the statements that store
  /// an owning value into it, and whether anything in the TU breaks it
  /// (reset(), `= nullptr`, clear(), erase, swap, a move out of it).
  llvm::DenseMap<unsigned, SmallVector<const Stmt *, 2>> Writes;
  llvm::DenseSet<unsigned> Broken;
  /// Members broken in a template's code through an expression whose type
  /// only instantiation decides (`get(n)->parent.reset()`), by name, with
  /// where: they may be any member of that name of the template.
  llvm::StringMap<SmallVector<SourceLocation, 1>> BrokenNames;
  /// The function templates' and class templates' member functions.
  std::vector<const FunctionDecl *> TemplateFunctions;

  void breakByName(const Expr *E) {
    const auto *D = dyn_cast_or_null<CXXDependentScopeMemberExpr>(
        E ? E->IgnoreParenImpCasts() : nullptr);
    if (D && D->getMember().isIdentifier())
      BrokenNames[D->getMember().getAsIdentifierInfo()->getName()].push_back(
          D->getExprLoc());
  }

  /// Whether template code that may break member \p F by name is in the
  /// class template that declares it (or code this TU cannot place).
  bool brokenByName(const FieldDecl *F) const {
    auto It = BrokenNames.find(F->getName());
    if (It == BrokenNames.end())
      return false;
    const SourceManager &SM = Ctx->getSourceManager();
    const Decl *Outer = outermostRecord(F->getParent());
    return llvm::any_of(It->second, [&](SourceLocation Loc) {
      Loc = SM.getExpansionLoc(Loc);
      for (const FunctionDecl *FD : TemplateFunctions)
        if (SM.isPointWithin(Loc, SM.getExpansionLoc(FD->getBeginLoc()),
                             SM.getExpansionLoc(FD->getEndLoc())))
          return outermostRecord(FD->getDeclContext()) == Outer;
      return true;
    });
  }

  static const Decl *outermostRecord(const DeclContext *DC) {
    const Decl *Outer = nullptr;
    for (; DC; DC = DC->getParent())
      if (const auto *RD = dyn_cast<CXXRecordDecl>(DC))
        Outer = RD;
    return Outer;
  }

  /// A parameter stored into a callback member (`cb_ = std::move(f)`).
  struct SetterTarget {
    const FieldDecl *Field;
    const CXXRecordDecl *ThisClass;
    SmallVector<const FieldDecl *, 1> ThisPath;
  };
  llvm::DenseMap<std::pair<const Decl *, unsigned>,
                 SmallVector<SetterTarget, 1>>
      Setters;
  /// A lambda passed as an argument (`w->onClick([self]{..})`).
  struct LambdaArg {
    const FunctionDecl *Callee;
    unsigned Index;
    const Expr *Lambda;
    const CXXRecordDecl *CallOnThis;
    const VarDecl *CallOnVar;
    /// A null or empty argument (`setCb(nullptr)`), not a lambda.
    bool Empty = false;
  };
  std::vector<LambdaArg> LambdaArgs;
  /// A lambda passed to std::make_shared<T> / make_unique<T>: it reaches
  /// the constructor of T that takes that many arguments.
  struct MakeArg {
    const CXXRecordDecl *Record;
    unsigned Index;
    unsigned NumArgs;
    const Expr *Lambda;
  };
  std::vector<MakeArg> MakeArgs;

  /// Base -> derived classes the TU stores through a pointer to the base.
  struct Conversion {
    const CXXRecordDecl *Derived;
    SourceLocation Loc;
  };
  llvm::DenseMap<const CXXRecordDecl *, SmallVector<Conversion, 1>> Conversions;
  /// The conversions as matched, kept in the TU's order until the end,
  /// when it is known which of them are only lent to a callee.
  struct MatchedConversion {
    const CXXRecordDecl *Base;
    const CXXRecordDecl *Derived;
    const CXXConstructExpr *Construct;
  };
  std::vector<MatchedConversion> MatchedConversions;
  /// Conversions given to a parameter the callee only calls through.
  llvm::DenseSet<const CXXConstructExpr *> LentConversions;
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, bool> CallsThrough;

  /// Uses of shared_ptr members, keyed by the member's location (so that a
  /// template's pattern and its instantiations share one entry).
  llvm::DenseMap<unsigned, SmallVector<const MemberExpr *, 4>> Uses;
  llvm::DenseSet<const MemberExpr *> WeakCompatibleUses;
  llvm::DenseSet<unsigned> BadKeys;
  std::vector<const Expr *> AggregateInits;

  void addFlow(const FieldDecl *F, const Expr *L,
               const CXXRecordDecl *ThisClass,
               ArrayRef<const FieldDecl *> ThisPath = {},
               const CXXRecordDecl *PathOwner = nullptr,
               const VarDecl *OwnerVar = nullptr) {
    CallbackFlow Flow{L, ThisClass, {}, PathOwner, OwnerVar};
    Flow.ThisPath.append(ThisPath.begin(), ThisPath.end());
    if (Flow.ThisPath.empty())
      Flow.PathOwner = nullptr;
    Flows[F].push_back(std::move(Flow));
  }
  void addStore(const MemberExpr *Target, const Expr *Value, const Stmt *At);
};

void SharedPtrCycleCheck::Collected::addStore(const MemberExpr *Target,
                                              const Expr *Value,
                                              const Stmt *At) {
  const auto *F = dyn_cast<FieldDecl>(Target->getMemberDecl());
  if (!F || !Value)
    return;
  SmallVector<const FieldDecl *, 2> Path;
  const CXXRecordDecl *ThisClass = thisObjectClass(Target, &Path);
  if (isEmptyValue(Value)) {
    Broken.insert(fieldKey(F));
    return;
  }
  Writes[fieldKey(F)].push_back(At);
  if (const Expr *L = storedCallable(Value)) {
    addFlow(F, L, ThisClass, Path, ThisClass,
            ThisClass ? nullptr : objectVariable(Target->getBase()));
    return;
  }
  if (const ParmVarDecl *P = forwardedParam(Value)) {
    const auto *Fn = dyn_cast<FunctionDecl>(P->getDeclContext());
    if (Fn) {
      SetterTarget T{F, ThisClass, {}};
      T.ThisPath.append(Path.begin(), Path.end());
      Setters[{Fn->getCanonicalDecl(), P->getFunctionScopeIndex()}].push_back(
          std::move(T));
    }
  }
}

SharedPtrCycleCheck::SharedPtrCycleCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      RawBackEdgeNames(Options.get("BackEdgeNames", DefaultBackEdgeNames)),
      ReportPossibleCycles(Options.get("ReportPossibleCycles", false)),
      BackEdgeNames(splitNames(RawBackEdgeNames)),
      TU(std::make_unique<Collected>()) {}

SharedPtrCycleCheck::~SharedPtrCycleCheck() = default;

void SharedPtrCycleCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "BackEdgeNames", RawBackEdgeNames);
  Options.store(Opts, "ReportPossibleCycles", ReportPossibleCycles);
}

void SharedPtrCycleCheck::registerMatchers(MatchFinder *Finder) {
  auto InUserCode = unless(isExpansionInSystemHeader());
  // The nodes of the graph: every class defined outside the system headers
  // (template patterns and the instantiations the TU has included).
  Finder->addMatcher(cxxRecordDecl(isDefinition(), InUserCode).bind("record"),
                     this);
  // Stores into members: callbacks (`cb = [..]{}`, `cbs[k] = f`) and
  // assignments to shared_ptr members (to decide whether weak_ptr fits).
  Finder->addMatcher(cxxOperatorCallExpr(hasOverloadedOperatorName("="),
                                         argumentCountIs(2), InUserCode)
                         .bind("assign"),
                     this);
  std::vector<StringRef> Methods;
  for (StringRef M : InsertingMethods)
    Methods.push_back(M);
  for (StringRef M : WeakCompatibleMethods)
    Methods.push_back(M);
  for (StringRef M : BreakingMethods)
    Methods.push_back(M);
  // The functions the object-level analysis walks.
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(cxxMethodDecl(ofClass(
                                       cxxRecordDecl(isLambda())))),
                   InUserCode)
          .bind("fn"),
      this);
  // The code of a class template that nothing instantiates: stores into
  // and breaks of members it names through dependent expressions
  // (`n->parent = p`, `n->parent.reset()`, `std::swap(n->parent, q)`).
  Finder->addMatcher(
      binaryOperator(hasOperatorName("="),
                     hasLHS(ignoringParenImpCasts(
                         expr(anyOf(cxxDependentScopeMemberExpr(),
                                    memberExpr(member(
                                        fieldDecl(isSharedPtrMember())))))
                             .bind("dlhs"))),
                     InUserCode)
          .bind("dassign"),
      this);
  Finder->addMatcher(
      callExpr(callee(cxxDependentScopeMemberExpr().bind("dcallee")),
               InUserCode)
          .bind("dcall"),
      this);
  Finder->addMatcher(
      callExpr(callee(unresolvedLookupExpr(hasAnyDeclaration(namedDecl(
                   hasAnyName("::std::swap", "::std::exchange",
                              "::std::move"))))),
               hasArgument(0, ignoringParenImpCasts(
                                  cxxDependentScopeMemberExpr().bind("dmoved"))),
               InUserCode),
      this);
  Finder->addMatcher(cxxDependentScopeMemberExpr(InUserCode).bind("duse"),
                     this);
  // A member moved out of, swapped or exchanged: a break.
  Finder->addMatcher(
      callExpr(callee(functionDecl(hasAnyName("::std::swap", "::std::exchange",
                                              "::std::move"))),
               hasArgument(0, ignoringParenImpCasts(
                                  memberExpr(member(fieldDecl())).bind("moved"))),
               InUserCode),
      this);
  // make_shared<T>(args) of an aggregate stores its arguments into the
  // members (in the library: recorded at the call, which every door sees).
  Finder->addMatcher(
      callExpr(callee(functionDecl(hasAnyName("::std::make_shared",
                                              "::std::make_unique"))),
               InUserCode)
          .bind("make"),
      this);
  // A null callback passed to a setter: `conn->setOnClose(nullptr)`.
  Finder->addMatcher(
      callExpr(hasAnyArgument(isEmptyArgument()),
               unless(cxxOperatorCallExpr()), InUserCode)
          .bind("nullcall"),
      this);
  Finder->addMatcher(
      cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName(Methods))), InUserCode)
          .bind("mcall"),
      this);
  Finder->addMatcher(
      cxxCtorInitializer(isMemberInitializer(),
                         forField(fieldDecl(InUserCode,
                                            anyOf(hasType(isCallbackHolder()),
                                                  isSharedPtrMember()))))
          .bind("init"),
      this);
  // Lambdas passed to functions that may store them in a member (setters).
  Finder->addMatcher(
      callExpr(hasAnyArgument(storesCallable()), unless(cxxOperatorCallExpr()),
               InUserCode)
          .bind("lambdacall"),
      this);
  Finder->addMatcher(
      cxxConstructExpr(hasAnyArgument(storesCallable()), InUserCode)
          .bind("lambdactor"),
      this);
  // A derived object converted to shared_ptr<Base> for a call: the callee
  // may only lend it (matched from the call down, so that no AST-wide map
  // of parents is needed to go up from the conversion).
  Finder->addMatcher(callExpr(unless(cxxOperatorCallExpr()),
                              hasAnyArgument(isConvertedSharedPtr()),
                              InUserCode)
                         .bind("lend"),
                     this);
  // A derived object stored through shared_ptr<Base>.
  Finder->addMatcher(cxxConstructExpr(argumentCountIs(1),
                                      hasType(isSharedPtrType()), InUserCode)
                         .bind("convert"),
                     this);
  // Every use of a shared_ptr member, to offer weak_ptr only where all
  // uses compile with it.
  Finder->addMatcher(
      memberExpr(member(fieldDecl(isSharedPtrMember())), InUserCode)
          .bind("use"),
      this);
  // `&Class::member` makes the member's type part of an interface. Matched
  // through the `&` (far fewer nodes than every DeclRefExpr of the TU).
  Finder->addMatcher(
      unaryOperator(hasOperatorName("&"),
                    hasUnaryOperand(ignoringParens(
                        declRefExpr(to(fieldDecl(isSharedPtrMember())))
                            .bind("ref"))),
                    InUserCode),
      this);
  Finder->addMatcher(
      initListExpr(hasType(hasUnqualifiedDesugaredType(recordType())))
          .bind("aggregate"),
      this);
  // Clang 19 has no matcher for C++20 parenthesized aggregate
  // initialization. A node matcher (not `expr(predicate)`) lets MatchFinder
  // dispatch on the node kind instead of trying every expression of the TU.
  const ast_matchers::internal::VariadicDynCastAllOfMatcher<
      Stmt, CXXParenListInitExpr>
      cxxParenListInitExpr;
  Finder->addMatcher(
      cxxParenListInitExpr(hasType(hasUnqualifiedDesugaredType(recordType())))
          .bind("aggregate"),
      this);
}

void SharedPtrCycleCheck::check(const MatchFinder::MatchResult &Result) {
  Collected &C = *TU;
  C.Ctx = Result.Context;
  if (const auto *RD = Result.Nodes.getNodeAs<CXXRecordDecl>("record")) {
    if (!RD->isLambda() && !RD->isUnion())
      C.Records.push_back(RD);
    return;
  }
  if (const auto *Op = Result.Nodes.getNodeAs<CXXOperatorCallExpr>("assign")) {
    const MemberExpr *Target = targetMember(Op->getArg(0));
    if (!Target)
      return;
    const auto *F = cast<FieldDecl>(Target->getMemberDecl());
    if (isStdKind(F->getType(), StdTemplate::SharedPtr)) {
      if (isEmptyValue(Op->getArg(1)))
        C.Broken.insert(fieldKey(F));
      else
        C.Writes[fieldKey(F)].push_back(Op);
      // A setter: what its callers pass (an empty pointer is a break).
      if (const ParmVarDecl *P = forwardedParam(Op->getArg(1)))
        if (const auto *Fn = dyn_cast<FunctionDecl>(P->getDeclContext()))
          C.Setters[{Fn->getCanonicalDecl(), P->getFunctionScopeIndex()}]
              .push_back(Collected::SetterTarget{F, nullptr, {}});
      // `member = other` keeps compiling with weak_ptr when `other` is a
      // shared_ptr or weak_ptr that outlives the statement.
      const auto *Direct = dyn_cast<MemberExpr>(Op->getArg(0)->IgnoreParenImpCasts());
      if (Direct == Target && isWeakCompatibleSource(Op->getArg(1))) {
        C.WeakCompatibleUses.insert(Target);
        if (const MemberExpr *Src = sameFieldSource(Op->getArg(1), fieldKey(F)))
          C.WeakCompatibleUses.insert(Src);
      }
      return;
    }
    C.addStore(Target, Op->getArg(1), Op);
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CXXMemberCallExpr>("mcall")) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (!M || !M->getIdentifier())
      return;
    const Expr *Obj = Call->getImplicitObjectArgument();
    if (!Obj)
      return;
    const MemberExpr *Target = targetMember(Obj);
    const auto *TargetField =
        Target ? dyn_cast<FieldDecl>(Target->getMemberDecl()) : nullptr;
    if (llvm::is_contained(BreakingMethods, M->getName()) && TargetField &&
        (M->getName() != "reset" || Call->getNumArgs() == 0))
      C.Broken.insert(fieldKey(TargetField));
    if (M->getName() == "reset" && Call->getNumArgs() == 1 && TargetField)
      C.Writes[fieldKey(TargetField)].push_back(Call);
    if (llvm::is_contained(WeakCompatibleMethods, M->getName())) {
      const auto *ME = dyn_cast<MemberExpr>(Obj->IgnoreParenImpCasts());
      if (ME && Call->getNumArgs() == 0 &&
          isStdKind(ME->getType(), StdTemplate::SharedPtr))
        C.WeakCompatibleUses.insert(ME);
      return;
    }
    if (Target && llvm::is_contained(InsertingMethods, M->getName()))
      for (const Expr *Arg : Call->arguments())
        C.addStore(Target, Arg, Call);
    return;
  }
  if (const auto *Init = Result.Nodes.getNodeAs<CXXCtorInitializer>("init")) {
    const FieldDecl *F = Init->getMember();
    const Expr *E = Init->getInit();
    if (!F || !E)
      return;
    if (isStdKind(F->getType(), StdTemplate::SharedPtr)) {
      if (!isEmptyValue(E))
        C.Writes[fieldKey(F)].push_back(E);
      if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
        E = EWC->getSubExpr();
      const auto *CE = dyn_cast<CXXConstructExpr>(E->IgnoreImplicit());
      bool Ok = CE && (CE->getNumArgs() == 0 ||
                       (CE->getNumArgs() == 1 &&
                        isWeakCompatibleSource(CE->getArg(0))));
      if (!Ok) {
        C.BadKeys.insert(fieldKey(F));
        return;
      }
      if (CE->getNumArgs() == 1)
        if (const MemberExpr *Src = sameFieldSource(CE->getArg(0), fieldKey(F)))
          C.WeakCompatibleUses.insert(Src);
      return;
    }
    // A callback member initialized in a constructor: `cb_(std::move(cb))`
    // or `cb_([this]{..})`. The object under construction is `this`.
    const CXXRecordDecl *ThisClass = cast<CXXRecordDecl>(F->getParent());
    if (const Expr *L = storedCallable(E)) {
      C.Writes[fieldKey(F)].push_back(E);
      C.addFlow(F, L, ThisClass);
    } else if (const ParmVarDecl *P = forwardedParam(E)) {
      if (const auto *Fn = dyn_cast<FunctionDecl>(P->getDeclContext()))
        C.Setters[{Fn->getCanonicalDecl(), P->getFunctionScopeIndex()}]
            .push_back(Collected::SetterTarget{F, ThisClass, {}});
    }
    return;
  }
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn")) {
    if (!FD->isDependentContext() && FD->hasBody())
      C.Functions.push_back(FD);
    else if (FD->hasBody())
      C.TemplateFunctions.push_back(FD);
    return;
  }
  if (const auto *Make = Result.Nodes.getNodeAs<CallExpr>("make")) {
    const FunctionDecl *Fn = Make->getDirectCallee();
    const TemplateArgumentList *TA =
        Fn ? Fn->getTemplateSpecializationArgs() : nullptr;
    const CXXRecordDecl *RD =
        TA && TA->size() >= 1 && TA->get(0).getKind() == TemplateArgument::Type
            ? TA->get(0).getAsType()->getAsCXXRecordDecl()
            : nullptr;
    if (!RD || !RD->hasDefinition() || !RD->getDefinition()->isAggregate() ||
        RD->getNumBases() != 0)
      return;
    unsigned I = 0;
    for (const FieldDecl *F : RD->getDefinition()->fields()) {
      if (I >= Make->getNumArgs())
        break;
      if (!isEmptyValue(Make->getArg(I++)))
        C.Writes[fieldKey(F)].push_back(Make);
    }
    return;
  }
  if (const auto *ME = Result.Nodes.getNodeAs<MemberExpr>("moved")) {
    if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      C.Broken.insert(fieldKey(F));
    return;
  }
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("lambdacall");
  if (!Call)
    Call = Result.Nodes.getNodeAs<CallExpr>("nullcall");
  if (Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return;
    const CXXRecordDecl *OnThis = nullptr;
    const VarDecl *OnVar = nullptr;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
      if (const Expr *Obj = MC->getImplicitObjectArgument()) {
        if (const auto *This = dyn_cast<CXXThisExpr>(Obj->IgnoreParenImpCasts()))
          OnThis = This->getType()->getPointeeCXXRecordDecl();
        OnVar = objectVariable(Obj);
      }
    if (Result.Nodes.getNodeAs<CallExpr>("nullcall")) {
      for (unsigned I = 0; I < Call->getNumArgs(); ++I)
        if (isEmptyValue(Call->getArg(I)))
          C.LambdaArgs.push_back(
              {Callee->getCanonicalDecl(), I, nullptr, OnThis, OnVar, true});
      return;
    }
    const CXXRecordDecl *Made = nullptr;
    if (Callee->isInStdNamespace() && Callee->getIdentifier() &&
        (Callee->getName() == "make_shared" ||
         Callee->getName() == "make_unique"))
      if (const TemplateArgumentList *TA =
              Callee->getTemplateSpecializationArgs())
        if (TA->size() >= 1 && TA->get(0).getKind() == TemplateArgument::Type)
          Made = TA->get(0).getAsType()->getAsCXXRecordDecl();
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      const Expr *L = storedCallable(Call->getArg(I));
      if (!L)
        continue;
      if (Made)
        C.MakeArgs.push_back({Made, I, Call->getNumArgs(), L});
      else
        C.LambdaArgs.push_back({Callee->getCanonicalDecl(), I, L, OnThis, OnVar});
    }
    return;
  }
  if (const auto *Construct =
          Result.Nodes.getNodeAs<CXXConstructExpr>("lambdactor")) {
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    if (!Ctor)
      return;
    for (unsigned I = 0; I < Construct->getNumArgs(); ++I)
      if (const Expr *L = storedCallable(Construct->getArg(I)))
        C.LambdaArgs.push_back({Ctor->getCanonicalDecl(), I, L, nullptr, nullptr});
    // Fall through: the same node may also be a conversion.
  }
  if (const auto *Construct = Result.Nodes.getNodeAs<CXXConstructExpr>("convert")) {
    // shared_ptr<Base>(shared_ptr<Derived>), (unique_ptr<Derived>), (Derived*)
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        Construct->getType()->getAsCXXRecordDecl());
    if (!Spec || Spec->getTemplateArgs().size() < 1 ||
        Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
      return;
    const CXXRecordDecl *Base = Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
    QualType From = Construct->getArg(0)->IgnoreImplicit()->getType();
    const CXXRecordDecl *Derived = nullptr;
    if (From->isPointerType()) {
      Derived = From->getPointeeCXXRecordDecl();
    } else if (const auto *FromSpec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
                   From->getAsCXXRecordDecl())) {
      StdTemplate K = classifyStdTemplate(From);
      if ((K == StdTemplate::SharedPtr || K == StdTemplate::UniquePtr) &&
          FromSpec->getTemplateArgs().size() >= 1 &&
          FromSpec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
        Derived = FromSpec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
    }
    if (!Base || !Derived || !Base->hasDefinition() || !Derived->hasDefinition())
      return;
    Base = Base->getDefinition();
    Derived = Derived->getDefinition();
    if (Base != Derived && Derived->isDerivedFrom(Base))
      C.MatchedConversions.push_back({Base, Derived, Construct});
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("lend")) {
    // A conversion given to a function of the TU that only calls through
    // the parameter is no store through the base.
    const FunctionDecl *Def = nullptr;
    if (!Call->getDirectCallee() || !Call->getDirectCallee()->hasBody(Def))
      return;
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (const CXXConstructExpr *CE = convertedArgument(Call->getArg(I))) {
        auto [It, New] = C.CallsThrough.try_emplace({Def, I});
        if (New)
          It->second = onlyCallsThrough(Def, I);
        if (It->second)
          C.LentConversions.insert(CE);
      }
    return;
  }
  if (const auto *BO = Result.Nodes.getNodeAs<BinaryOperator>("dassign")) {
    const auto *LHS = Result.Nodes.getNodeAs<Expr>("dlhs");
    const FieldDecl *F = namedField(LHS);
    if (!F && isEmptyValue(BO->getRHS()))
      C.breakByName(LHS);
    if (F && isStdKind(F->getType(), StdTemplate::SharedPtr)) {
      if (isEmptyValue(BO->getRHS()))
        C.Broken.insert(fieldKey(F));
      else
        C.Writes[fieldKey(F)].push_back(BO);
    }
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("dcall")) {
    const auto *Callee =
        Result.Nodes.getNodeAs<CXXDependentScopeMemberExpr>("dcallee");
    const FieldDecl *F = namedField(Callee->getBase());
    if (!Callee->getMember().isIdentifier())
      return;
    StringRef Name = Callee->getMember().getAsIdentifierInfo()->getName();
    if (!F && llvm::is_contained(BreakingMethods, Name))
      C.breakByName(Callee->getBase());
    if (!F || !isStdKind(F->getType(), StdTemplate::SharedPtr))
      return;
    if (Name == "reset" && Call->getNumArgs() == 1)
      C.Writes[fieldKey(F)].push_back(Call);
    else if (llvm::is_contained(BreakingMethods, Name))
      C.Broken.insert(fieldKey(F));
    return;
  }
  if (const auto *Moved =
          Result.Nodes.getNodeAs<CXXDependentScopeMemberExpr>("dmoved")) {
    if (const FieldDecl *F = dependentMember(Moved))
      C.Broken.insert(fieldKey(F));
    else
      C.breakByName(Moved);
    return;
  }
  if (const auto *Use =
          Result.Nodes.getNodeAs<CXXDependentScopeMemberExpr>("duse")) {
    // Its uses are not MemberExprs: no weak_ptr fix-it can be checked.
    if (const FieldDecl *F = dependentMember(Use))
      C.BadKeys.insert(fieldKey(F));
    return;
  }
  if (const auto *ME = Result.Nodes.getNodeAs<MemberExpr>("use")) {
    C.Uses[fieldKey(cast<FieldDecl>(ME->getMemberDecl()))].push_back(ME);
    return;
  }
  if (const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("ref")) {
    C.BadKeys.insert(fieldKey(cast<FieldDecl>(Ref->getDecl())));
    return;
  }
  if (const auto *Agg = Result.Nodes.getNodeAs<Expr>("aggregate")) {
    C.AggregateInits.push_back(Agg);
    return;
  }
}

namespace {

/// One reported cycle: Cycle[0..N-1] with Cycle.back() the back edge, the
/// first edge leaving Cycle.back()->To.
struct Finding {
  std::vector<const Edge *> Cycle;
  const Edge *Back = nullptr;
  bool Confident = false;
  bool SelfLoop = false; // two members of one class
  bool SelfCapture = false;
  bool InInstantiation = false;
};

/// Orders source locations the same way in every TU that sees them.
struct LocKey {
  std::string File;
  unsigned Offset = 0;
  bool operator<(const LocKey &O) const {
    return std::tie(File, Offset) < std::tie(O.File, O.Offset);
  }
};

class CycleReporter {
public:
  CycleReporter(SharedPtrCycleCheck::Collected &C, ASTContext &Ctx,
                const std::vector<std::string> &BackEdgeNames)
      : C(C), Ctx(Ctx), SM(Ctx.getSourceManager()), Filter(SM),
        Graph(Filter, C.Flows), BackEdgeNames(BackEdgeNames) {
    Policy = Ctx.getPrintingPolicy();
    Policy.SuppressTagKeyword = true;
    Policy.SuppressUnwrittenScope = true;
    Policy.AnonymousTagLocations = false;
  }

  std::vector<Finding> run();
  bool isHinted(const Edge &E) const;
  std::string recordName(const CXXRecordDecl *RD) const;
  std::string fieldName(const FieldDecl *F) const;
  std::optional<FixItHint> weakPtrFix(const Finding &Fd) const;

private:
  LocKey key(SourceLocation Loc) const;
  void buildNodes();
  void buildComponents();
  void findSelfLoops(unsigned N, std::vector<Finding> &Out);
  void findCycles(unsigned Start, std::vector<Finding> &Out);
  bool evaluate(std::vector<const Edge *> Path, Finding &Out) const;
  bool allUsesWeakCompatible(const FieldDecl *F) const;
  bool aggregateInitsCompatible(const FieldDecl *F) const;

  SharedPtrCycleCheck::Collected &C;
  ASTContext &Ctx;
  const SourceManager &SM;
  RecordFilter Filter;
  OwnershipGraph Graph;
  const std::vector<std::string> &BackEdgeNames;
  PrintingPolicy Policy{LangOptions()};

  std::vector<const CXXRecordDecl *> Nodes;
  llvm::DenseMap<const CXXRecordDecl *, unsigned> Index;
  std::vector<std::vector<Edge>> Adjacency;
  /// The strongly connected component of each node: a cycle never leaves
  /// one, so the search for cycles through a node stays inside its own.
  std::vector<unsigned> Component;
  /// Edge visits left to the cycle search in each component: the number of
  /// cycles between heavily templated types can grow exponentially with
  /// their length; the search reports what it found within the budget, and
  /// one dense component does not starve the others.
  std::vector<unsigned> SearchBudget;
};

LocKey CycleReporter::key(SourceLocation Loc) const {
  LocKey K;
  if (Loc.isInvalid())
    return K;
  auto [FID, Offset] = SM.getDecomposedExpansionLoc(Loc);
  if (OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID))
    K.File = FE->getName().str();
  K.Offset = Offset;
  return K;
}

std::string CycleReporter::recordName(const CXXRecordDecl *RD) const {
  return compat::recordType(RD).getAsString(Policy);
}

std::string CycleReporter::fieldName(const FieldDecl *F) const {
  std::string Name = recordName(cast<CXXRecordDecl>(F->getParent())) + "::";
  Name += F->getName().empty() ? "(anonymous)" : F->getName().str();
  return Name;
}

bool CycleReporter::isHinted(const Edge &E) const {
  if (!E.Holder || !E.Holder->getIdentifier())
    return false;
  for (const std::string &W : identifierWords(E.Holder->getName()))
    if (llvm::is_contained(BackEdgeNames, W))
      return true;
  return false;
}

void CycleReporter::buildNodes() {
  llvm::DenseSet<const CXXRecordDecl *> Seen;
  for (const CXXRecordDecl *RD : C.Records) {
    RD = RD->getDefinition();
    if (RD && Filter.isUserRecord(RD) && Seen.insert(RD).second)
      Nodes.push_back(RD);
  }
  std::vector<std::pair<LocKey, const CXXRecordDecl *>> Keyed;
  for (const CXXRecordDecl *RD : Nodes)
    Keyed.push_back({key(RD->getLocation()), RD});
  // Instantiations share their pattern's location: order them by name.
  stableSort(Keyed, [&](const auto &A, const auto &B) {
    if (A.first < B.first || B.first < A.first)
      return A.first < B.first;
    return recordName(A.second) < recordName(B.second);
  });
  Nodes.clear();
  for (auto &[K, RD] : Keyed) {
    Index[RD] = Nodes.size();
    Nodes.push_back(RD);
  }
  Adjacency.resize(Nodes.size());
  for (unsigned I = 0; I < Nodes.size(); ++I) {
    std::vector<Edge> &Out = Adjacency[I];
    for (const Edge &E : Graph.edgesOf(Nodes[I])) {
      Out.push_back(E);
      // A shared_ptr<Base> member also holds the derived classes that the
      // TU stores through such a pointer.
      auto It = C.Conversions.find(E.To);
      if (It == C.Conversions.end())
        continue;
      for (const auto &Conv : It->second) {
        Edge D = E;
        D.To = Conv.Derived;
        D.SelfCapture = false;
        D.Chain.push_back(Hop{Hop::Convert, Conv.Derived, E.To, Conv.Loc});
        Out.push_back(std::move(D));
      }
    }
    for (Edge &E : Out)
      if (const CXXRecordDecl *Def = E.To->getDefinition())
        E.To = Def;
    stableSort(Out, [&](const Edge &A, const Edge &B) {
      return key(A.Chain.front().Loc) < key(B.Chain.front().Loc);
    });
  }
}

std::vector<Finding> CycleReporter::run() {
  buildNodes();
  buildComponents();
  std::vector<Finding> Found;
  for (unsigned N = 0; N < Nodes.size(); ++N) {
    findSelfLoops(N, Found);
    findCycles(N, Found);
  }
  return Found;
}

void CycleReporter::buildComponents() {
  // Tarjan's algorithm, with an explicit stack: the graphs of large TUs are
  // deep enough to make recursion a risk.
  constexpr unsigned Unvisited = ~0u;
  unsigned N = Nodes.size(), Counter = 0, Components = 0;
  std::vector<unsigned> Order(N, Unvisited), Low(N, 0);
  std::vector<bool> OnStack(N, false);
  std::vector<unsigned> Stack;
  Component.assign(N, Unvisited);
  auto Target = [&](const Edge &E) {
    auto It = Index.find(E.To);
    return It == Index.end() ? Unvisited : It->second;
  };
  for (unsigned Root = 0; Root < N; ++Root) {
    if (Order[Root] != Unvisited)
      continue;
    std::vector<std::pair<unsigned, size_t>> Frames{{Root, 0}};
    Order[Root] = Low[Root] = Counter++;
    Stack.push_back(Root);
    OnStack[Root] = true;
    while (!Frames.empty()) {
      auto &[V, Next] = Frames.back();
      if (Next < Adjacency[V].size()) {
        unsigned W = Target(Adjacency[V][Next++]);
        if (W == Unvisited)
          continue;
        if (Order[W] == Unvisited) {
          Order[W] = Low[W] = Counter++;
          Stack.push_back(W);
          OnStack[W] = true;
          Frames.push_back({W, 0});
        } else if (OnStack[W]) {
          Low[V] = std::min(Low[V], Order[W]);
        }
        continue;
      }
      unsigned Done = V;
      Frames.pop_back();
      if (!Frames.empty())
        Low[Frames.back().first] = std::min(Low[Frames.back().first], Low[Done]);
      if (Low[Done] != Order[Done])
        continue;
      unsigned W;
      do {
        W = Stack.back();
        Stack.pop_back();
        OnStack[W] = false;
        Component[W] = Components;
      } while (W != Done);
      ++Components;
    }
  }
  SearchBudget.assign(Components, 200000);
}

void CycleReporter::findSelfLoops(unsigned N, std::vector<Finding> &Out) {
  const CXXRecordDecl *RD = Nodes[N];
  std::vector<const Edge *> Self;
  for (const Edge &E : Adjacency[N])
    if (E.To == RD)
      Self.push_back(&E);
  bool Instantiation = isa<ClassTemplateSpecializationDecl>(RD);
  for (const Edge *E : Self) {
    if (E->SelfCapture && E->Shared) {
      // A callback of this object holds shared_from_this(): the object
      // keeps itself alive until the callback is cleared.
      Finding Fd;
      Fd.Cycle = {E};
      Fd.Back = E;
      Fd.Confident = true;
      Fd.SelfCapture = true;
      Fd.InInstantiation = Instantiation;
      Out.push_back(std::move(Fd));
      continue;
    }
  }
  // A lone `shared_ptr<Node> next` is a chain (a list, a parent chain), not
  // a cycle. A member named as a back edge (parent, prev, owner...) next to
  // a forward member (children, next...) closes a cycle between neighbours.
  for (const Edge *Back : Self) {
    if (Back->SelfCapture || !isHinted(*Back))
      continue;
    for (const Edge *Fwd : Self) {
      if (Fwd == Back || Fwd->SelfCapture || isHinted(*Fwd) ||
          !(Back->Shared || Fwd->Shared))
        continue;
      Finding Fd;
      Fd.Cycle = {Fwd, Back};
      Fd.Back = Back;
      Fd.Confident = true;
      Fd.SelfLoop = true;
      Fd.InInstantiation = Instantiation;
      Out.push_back(std::move(Fd));
      break;
    }
  }
}

void CycleReporter::findCycles(unsigned Start, std::vector<Finding> &Out) {
  // Elementary cycles through Start over nodes after Start, so that each
  // cycle is found once. Ownership graphs between types are small; the
  // bounds only stop pathological inputs.
  constexpr unsigned MaxLength = 8;
  constexpr unsigned MaxCyclesPerNode = 64;
  unsigned Found = 0;
  std::vector<const Edge *> Path;
  llvm::DenseSet<unsigned> OnPath;
  std::function<void(unsigned)> Walk = [&](unsigned N) {
    if (Found >= MaxCyclesPerNode)
      return;
    for (const Edge &E : Adjacency[N]) {
      unsigned &Budget = SearchBudget[Component[Start]];
      if (Budget == 0)
        return;
      --Budget;
      auto It = Index.find(E.To);
      if (It == Index.end())
        continue;
      unsigned T = It->second;
      if (T == N || Component[T] != Component[Start])
        continue; // self-loops are decided separately
      if (T == Start) {
        Path.push_back(&E);
        Finding Fd;
        if (evaluate(Path, Fd)) {
          Out.push_back(std::move(Fd));
          ++Found;
        }
        Path.pop_back();
        continue;
      }
      if (T < Start || OnPath.count(T) || Path.size() + 1 >= MaxLength)
        continue;
      Path.push_back(&E);
      OnPath.insert(T);
      Walk(T);
      OnPath.erase(T);
      Path.pop_back();
    }
  };
  OnPath.insert(Start);
  Walk(Start);
}

bool CycleReporter::evaluate(std::vector<const Edge *> Path,
                             Finding &Out) const {
  // A cycle of unique_ptr alone cannot be formed without release(); the
  // reference count is what keeps a cycle alive.
  if (llvm::none_of(Path, [](const Edge *E) { return E->Shared; }))
    return false;
  std::vector<const Edge *> Hinted;
  for (const Edge *E : Path)
    if (isHinted(*E))
      Hinted.push_back(E);
  // Types that hold each other only through containers (a JSON value and
  // its object) are recursive trees, like a singly linked list.
  bool AllToMany = llvm::all_of(Path, [](const Edge *E) { return E->ToMany; });
  if (Hinted.empty() && AllToMany)
    return false;
  // Types that hold each other only through pointers to a base they share
  // (a buffered transport wrapping a framed one wrapping a buffered one)
  // are decorators wrapping decorators: a chain of objects, like a tree
  // through containers.
  bool AllThroughBase = llvm::all_of(Path, [](const Edge *E) {
    return !E->Chain.empty() && E->Chain.back().K == Hop::Convert;
  });
  if (Hinted.empty() && AllThroughBase)
    return false;
  // One member seen from the classes of one hierarchy (`Stage::m_next`,
  // which a derived `Sender` inherits and which may hold a `Sender`) is a
  // self-typed link: a list, decided as a self-loop is.
  if (Hinted.empty() && Path.front()->Holder &&
      llvm::all_of(Path, [&](const Edge *E) {
        return E->Holder == Path.front()->Holder && !E->Callback;
      }))
    return false;

  const Edge *Back = nullptr;
  bool Confident = false;
  const std::vector<const Edge *> &Pool = Hinted.empty() ? Path : Hinted;
  std::vector<const Edge *> ToOne;
  for (const Edge *E : Pool)
    if (!E->ToMany)
      ToOne.push_back(E);
  std::vector<const Edge *> Callbacks;
  for (const Edge *E : Pool)
    if (E->Callback)
      Callbacks.push_back(E);
  unsigned ToOneInCycle =
      llvm::count_if(Path, [](const Edge *E) { return !E->ToMany; });
  if (Hinted.size() == 1) {
    // The name says which member points back.
    Back = Hinted.front();
    Confident = true;
  } else if (Callbacks.size() == 1) {
    // A stored callback capturing its owner is the classic back edge: the
    // capture is what should be weak.
    Back = Callbacks.front();
    Confident = true;
  } else if (ToOne.size() == 1 && (ToOneInCycle == 1 || !Hinted.empty())) {
    // One-to-many one way, one-to-one back: the single pointer is the back
    // edge (a child's pointer to its parent).
    Back = ToOne.front();
    Confident = true;
  } else {
    // No confident choice: report at the last member in source order,
    // without a fix.
    const std::vector<const Edge *> &From = ToOne.empty() ? Pool : ToOne;
    Back = From.front();
    for (const Edge *E : From)
      if (key(Back->Holder->getLocation()) < key(E->Holder->getLocation()))
        Back = E;
  }
  // Rotate so that the cycle starts where the back edge points.
  auto It = llvm::find(Path, Back);
  std::rotate(Path.begin(), It + 1, Path.end());
  Out.Cycle = std::move(Path);
  Out.Back = Back;
  Out.Confident = Confident;
  Out.InInstantiation = llvm::any_of(Out.Cycle, [](const Edge *E) {
    return isa<ClassTemplateSpecializationDecl>(E->From);
  });
  return true;
}

bool CycleReporter::allUsesWeakCompatible(const FieldDecl *F) const {
  unsigned K = fieldKey(F);
  if (C.BadKeys.count(K))
    return false;
  auto It = C.Uses.find(K);
  if (It != C.Uses.end())
    for (const MemberExpr *ME : It->second)
      if (!C.WeakCompatibleUses.count(ME))
        return false;
  if (const Expr *Init = F->getInClassInitializer()) {
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(Init))
      Init = EWC->getSubExpr();
    const auto *CE = dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit());
    if (!CE || CE->getNumArgs() != 0)
      return false;
  }
  return aggregateInitsCompatible(F);
}

bool CycleReporter::aggregateInitsCompatible(const FieldDecl *F) const {
  const CXXRecordDecl *RD = cast<CXXRecordDecl>(F->getParent());
  if (!RD->isAggregate())
    return true;
  unsigned Idx = RD->getNumBases() + F->getFieldIndex();
  for (const Expr *E : C.AggregateInits) {
    if (E->getType()->getAsCXXRecordDecl() != RD)
      continue;
    const Expr *Init = nullptr;
    if (const auto *ILE = dyn_cast<InitListExpr>(E)) {
      if (!ILE->isSemanticForm())
        continue;
      if (Idx < ILE->getNumInits())
        Init = ILE->getInit(Idx);
    } else if (const auto *PLE = dyn_cast<CXXParenListInitExpr>(E)) {
      if (Idx < PLE->getInitExprs().size())
        Init = PLE->getInitExprs()[Idx];
      else
        Init = PLE->getArrayFiller();
    }
    if (!Init || isa<ImplicitValueInitExpr>(Init->IgnoreImplicit()))
      continue;
    // Inside the standard library (make_shared, emplace_back) the value is
    // a forwarded argument: whether it was a temporary is not visible.
    if (SM.isInSystemHeader(SM.getExpansionLoc(E->getBeginLoc())))
      return false;
    const auto *CE = dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit());
    if (CE && CE->getNumArgs() == 0)
      continue;
    if (CE && CE->getNumArgs() == 1 && isWeakCompatibleSource(CE->getArg(0)))
      continue;
    return false;
  }
  return true;
}

std::optional<FixItHint> CycleReporter::weakPtrFix(const Finding &Fd) const {
  const Edge *Back = Fd.Back;
  if (!Fd.Confident || Back->Callback || !Back->Plain || !Back->Holder)
    return std::nullopt;
  const FieldDecl *F = Back->Holder;
  if (F->getLocation().isMacroID() || !F->getTypeSourceInfo())
    return std::nullopt;
  // A member of one instantiation is spelled in the template, which all
  // instantiations share.
  if (isa<ClassTemplateSpecializationDecl>(F->getParent()))
    return std::nullopt;
  // The member must be written `std::shared_ptr<T>` (not an alias).
  TypeLoc TL = compat::withoutElaboration(
      F->getTypeSourceInfo()->getTypeLoc().getUnqualifiedLoc());
  auto TSTL = TL.getAs<TemplateSpecializationTypeLoc>();
  if (!TSTL)
    return std::nullopt;
  SourceLocation NameLoc = TSTL.getTemplateNameLoc();
  if (NameLoc.isInvalid() || NameLoc.isMacroID())
    return std::nullopt;
  CharSourceRange Range = CharSourceRange::getTokenRange(NameLoc, NameLoc);
  if (Lexer::getSourceText(Range, SM, Ctx.getLangOpts()) != "shared_ptr")
    return std::nullopt;
  // `std::shared_ptr<Node> prev, next;` declares both: no single-member fix.
  for (const FieldDecl *Other : cast<CXXRecordDecl>(F->getParent())->fields())
    if (Other != F && Other->getTypeSourceInfo() &&
        Other->getTypeSourceInfo()->getTypeLoc().getBeginLoc() ==
            F->getTypeSourceInfo()->getTypeLoc().getBeginLoc())
      return std::nullopt;
  // Every use must be visible: the class is in the main file, or the member
  // is private to a class without friends whose members are all defined in
  // this TU.
  const CXXRecordDecl *RD = cast<CXXRecordDecl>(F->getParent());
  if (!SM.isInMainFile(SM.getExpansionLoc(F->getLocation()))) {
    if (F->getAccess() != AS_private || RD->hasFriends())
      return std::nullopt;
    for (const CXXMethodDecl *M : RD->methods())
      if (!M->isImplicit() && !M->isDefaulted() && !M->isDeleted() &&
          !M->isPureVirtual() && !M->hasBody())
        return std::nullopt;
  }
  if (!allUsesWeakCompatible(F))
    return std::nullopt;
  return FixItHint::CreateReplacement(Range, "weak_ptr");
}

/// True for a cycle through two different instantiations of one class
/// template that no member of either names the other: `Conn<A>` and
/// `Conn<B>` linked only through a type they both use can never hold each
/// other (a `Conn<A>` object stores callbacks owning `Conn<A>`s only).
bool crossesInstantiations(const std::vector<const Edge *> &Cycle) {
  auto Spec = [](const CXXRecordDecl *RD) {
    return dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD);
  };
  auto Siblings = [&](const CXXRecordDecl *X, const CXXRecordDecl *Y) {
    const auto *SX = Spec(X), *SY = Spec(Y);
    return SX && SY && SX != SY &&
           SX->getSpecializedTemplate() == SY->getSpecializedTemplate();
  };
  bool Crosses = false;
  for (const Edge *X : Cycle)
    for (const Edge *Y : Cycle)
      Crosses |= Siblings(X->From, Y->From);
  if (!Crosses)
    return false;
  // Unless one really holds the other through a member of its own.
  return llvm::none_of(Cycle, [&](const Edge *E) {
    return Siblings(E->From, E->To) && !E->Callback && E->Chain.size() == 1;
  });
}

/// Whether \p RD has a method whose body this TU does not see: one defined
/// in another file of the program, which may break any link of its objects
/// (`close()` resetting the back edge). Constructors and destructors do not
/// count: neither runs on an object that a cycle keeps alive.
/// Its bases count: their methods run on its objects too.
bool hasMethodsElsewhere(const CXXRecordDecl *RD) {
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD))
    RD = Spec->getSpecializedTemplate()->getTemplatedDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  RD = RD->getDefinition();
  if (llvm::any_of(RD->methods(), [](const CXXMethodDecl *M) {
        return !isa<CXXConstructorDecl, CXXDestructorDecl>(M) &&
               !M->isImplicit() && !M->isPureVirtual() && !M->isDeleted() &&
               !M->isDefaulted() && !M->isDefined();
      }))
    return true;
  return llvm::any_of(RD->bases(), [](const CXXBaseSpecifier &B) {
    return hasMethodsElsewhere(B.getType()->getAsCXXRecordDecl());
  });
}

/// "a 'Node'", "a 'Parent' and a 'Child'", "a 'A', a 'B' and a 'C'".
std::string objectList(const std::vector<std::string> &Names) {
  std::string Out;
  for (size_t I = 0; I < Names.size(); ++I) {
    if (I > 0)
      Out += I + 1 == Names.size() ? " and " : ", ";
    Out += "a '" + Names[I] + "'";
  }
  return Out;
}

/// The fix of a callback that owns the object it is stored in: capture a
/// weak_ptr instead, and lock it on entry (the callback does nothing once
/// the object is gone). Offered when certain: a void lambda not in a macro,
/// C++17 (weak_from_this(), std::weak_ptr's deduction guide), exactly one
/// capture that owns anything, a shared_ptr captured by name by copy or
/// initialized in the capture, and a name `<capture>_weak` that the body
/// does not use.
struct WeakCapture {
  std::string Name; ///< the capture made weak
  std::vector<FixItHint> Hints;
};
WeakCapture weakCaptureFix(const LambdaExpr *L, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  if (!L || !LO.CPlusPlus17 || L->getBeginLoc().isMacroID() ||
      L->getEndLoc().isMacroID() ||
      !L->getCallOperator()->getReturnType()->isVoidType())
    return {};
  const auto *Body = dyn_cast_or_null<CompoundStmt>(L->getBody());
  if (!Body || Body->getLBracLoc().isMacroID())
    return {};
  const LambdaCapture *Owner = nullptr;
  unsigned Owning = 0;
  for (const LambdaCapture &C : L->captures()) {
    if (!C.capturesVariable() || C.getCaptureKind() != LCK_ByCopy)
      continue;
    if (!cycles::isOwningType(C.getCapturedVar()->getType()))
      continue;
    ++Owning;
    Owner = &C;
  }
  if (Owning != 1 || !Owner->isExplicit() || Owner->isPackExpansion())
    return {};
  const auto *V = dyn_cast<VarDecl>(Owner->getCapturedVar());
  if (!V || !isStdKind(V->getType(), StdTemplate::SharedPtr) ||
      !V->getIdentifier())
    return {};
  std::string Name = V->getName().str();
  std::string Weak = Name + "_weak";
  StringRef BodyText = Lexer::getSourceText(
      CharSourceRange::getTokenRange(Body->getSourceRange()), SM, LO);
  if (BodyText.empty() || BodyText.contains(Weak))
    return {};
  WeakCapture Fix{Name, {}};
  if (V->isInitCapture()) {
    const Expr *Init = V->getInit();
    if (!Init || Init->getEndLoc().isMacroID())
      return {};
    std::string NewInit;
    if (isSharedFromThis(Init)) {
      NewInit = "weak_from_this()";
    } else {
      const Expr *Src = Init->IgnoreImplicit();
      if (const auto *CE = dyn_cast<CXXConstructExpr>(Src);
          CE && CE->getNumArgs() == 1)
        Src = CE->getArg(0);
      StringRef Text = Lexer::getSourceText(
          CharSourceRange::getTokenRange(Src->getSourceRange()), SM, LO);
      if (Text.empty())
        return {};
      NewInit = ("std::weak_ptr(" + Text + ")").str();
    }
    Fix.Hints.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Owner->getLocation(), Init->getEndLoc()),
        Weak + " = " + NewInit));
  } else {
    Fix.Hints.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Owner->getLocation(),
                                       Owner->getLocation()),
        Weak + " = std::weak_ptr(" + Name + ")"));
  }
  Fix.Hints.push_back(FixItHint::CreateInsertion(
      Body->getLBracLoc().getLocWithOffset(1),
      " auto " + Name + " = " + Weak + ".lock(); if (!" + Name + ") return;"));
  return Fix;
}

/// The type-level cycle through exactly the members of an object-level one,
/// if there is one: its back edge's weak_ptr fix fits the objects too.
const Finding *typeCycleOf(const cycles::ObjectCycleFinding &F,
                           const std::vector<Finding> &TypeCycles) {
  std::set<unsigned> Members;
  for (const cycles::CycleLink &L : F.Links)
    if (L.Member)
      Members.insert(fieldKey(L.Member));
  for (const Finding &Fd : TypeCycles) {
    std::set<unsigned> Holders;
    for (const Edge *E : Fd.Cycle)
      if (E->Holder)
        Holders.insert(fieldKey(E->Holder));
    if (!Members.empty() && Holders == Members)
      return &Fd;
  }
  return nullptr;
}

void reportObjectCycle(ClangTidyCheck &Check, bool SelfContainedDiags,
                       const cycles::ObjectCycleFinding &F,
                       const CycleReporter &R, ASTContext &Ctx,
                       const std::vector<Finding> &TypeCycles) {
  std::vector<std::string> Types, Members;
  for (const auto &[Loc, RD] : F.Objects)
    Types.push_back(RD ? R.recordName(RD) : std::string("object"));
  for (const cycles::CycleLink &L : F.Links)
    if (L.Member)
      Members.push_back("'" + R.fieldName(L.Member) + "'");
  std::string Through;
  for (size_t I = 0; I < Members.size(); ++I) {
    if (I > 0)
      Through += I + 1 == Members.size() ? " and " : ", ";
    Through += Members[I];
  }
  bool One = F.Objects.size() == 1;
  std::string Dying =
      F.Dying ? ", '" + F.Dying->getNameAsString() + "'," : std::string();
  const LambdaExpr *Callback = nullptr;
  unsigned Callbacks = 0;
  for (const cycles::CycleLink &L : F.Links)
    if (L.Callback && L.Lambda) {
      Callback = L.Lambda;
      ++Callbacks;
    }
  // The back edge's weak_ptr, where the type level is certain of it; else
  // a weak capture in the one callback of the cycle.
  const Finding *TypeCycle = typeCycleOf(F, TypeCycles);
  std::optional<FixItHint> WeakPtr =
      TypeCycle ? R.weakPtrFix(*TypeCycle) : std::nullopt;
  WeakCapture Weak;
  if (!WeakPtr && Callbacks == 1)
    Weak = weakCaptureFix(Callback, Ctx);
  TitledFix Fix(SelfContainedDiags,
                WeakPtr ? "make '" +
                              TypeCycle->Back->Holder->getName().str() +
                              "' a std::weak_ptr"
                        : "capture '" + Weak.Name + "' as a std::weak_ptr");
  if (WeakPtr)
    Fix.add(*WeakPtr);
  for (const FixItHint &H : Weak.Hints)
    Fix.add(H);
  {
    auto D = Check.diag(F.Loc, "%0 %1 a cycle on this path through %2 and %3 "
                               "never freed: the last reference from outside "
                               "the cycle%4 dies here")
             << objectList(Types) << (One ? "forms" : "form") << Through
             << (One ? "is" : "are") << Dying;
    Fix.attachTo(D);
  }
  for (size_t I = 0; I < F.Objects.size(); ++I)
    if (F.Objects[I].first.isValid())
      Check.diag(F.Objects[I].first, "the '%0' is created here",
                 DiagnosticIDs::Note)
          << Types[I];
  for (size_t I = 0; I < F.Links.size(); ++I) {
    const cycles::CycleLink &L = F.Links[I];
    if (!L.Member || L.Loc.isInvalid())
      continue;
    std::string To = L.To ? R.recordName(L.To) : std::string("object");
    std::string Itself = One ? " itself" : "";
    std::string Via =
        L.Via ? " (in '" + L.Via->getNameAsString() + "')" : std::string();
    if (L.Callback)
      Check.diag(L.Loc, "'%0' is given a callback that owns the '%1'%2 here%3",
                 DiagnosticIDs::Note)
          << R.fieldName(L.Member) << To << Itself << Via;
    else
      Check.diag(L.Loc, "'%0' is set to the '%1'%2 here%3", DiagnosticIDs::Note)
          << R.fieldName(L.Member) << To << Itself << Via;
  }
  for (const auto &[Loc, Note] : F.PathNotes)
    Check.diag(Loc, Note, DiagnosticIDs::Note);
  Fix.emitNote(Check, F.Loc);
}

} // namespace

void SharedPtrCycleCheck::onEndOfTranslationUnit() {
  std::unique_ptr<Collected> Done = std::move(TU);
  TU = std::make_unique<Collected>();
  if (!Done->Ctx)
    return;
  Collected &C = *Done;

  for (const Collected::MatchedConversion &M : C.MatchedConversions) {
    if (C.LentConversions.count(M.Construct))
      continue;
    auto &List = C.Conversions[M.Base];
    if (llvm::none_of(List, [&](const Collected::Conversion &Conv) {
          return Conv.Derived == M.Derived;
        }))
      List.push_back({M.Derived, M.Construct->getExprLoc()});
  }

  // Lambdas passed to setters that store their parameter in a member (and
  // nullptr passed to them: a break).
  for (const Collected::LambdaArg &A : C.LambdaArgs) {
    auto It = C.Setters.find({A.Callee, A.Index});
    if (It == C.Setters.end())
      continue;
    for (const Collected::SetterTarget &T : It->second) {
      if (A.Empty) {
        C.Broken.insert(fieldKey(T.Field));
        continue;
      }
      C.Writes[fieldKey(T.Field)].push_back(A.Lambda);
      const CXXRecordDecl *Owner =
          T.ThisClass ? (A.CallOnThis ? A.CallOnThis : T.ThisClass) : nullptr;
      C.addFlow(T.Field, A.Lambda,
                T.ThisClass && A.CallOnThis ? A.CallOnThis : nullptr,
                T.ThisPath, Owner,
                T.ThisClass && !A.CallOnThis ? A.CallOnVar : nullptr);
    }
  }

  for (const Collected::MakeArg &A : C.MakeArgs) {
    const CXXRecordDecl *RD = A.Record->getDefinition();
    if (!RD)
      continue;
    for (const CXXConstructorDecl *Ctor : RD->ctors()) {
      if (Ctor->isCopyOrMoveConstructor() || Ctor->getNumParams() != A.NumArgs)
        continue;
      auto It = C.Setters.find({Ctor->getCanonicalDecl(), A.Index});
      if (It == C.Setters.end())
        continue;
      for (const Collected::SetterTarget &T : It->second) {
        C.Writes[fieldKey(T.Field)].push_back(A.Lambda);
        C.addFlow(T.Field, A.Lambda, nullptr);
      }
    }
  }
  // Aggregate initialization stores into the members it names (the ones
  // in the library, from make_shared, are counted at the call).
  const SourceManager &SM = C.Ctx->getSourceManager();
  for (const Expr *E : C.AggregateInits) {
    const auto *RD = E->getType()->getAsCXXRecordDecl();
    if (!RD || !RD->hasDefinition() ||
        SM.isInSystemHeader(SM.getExpansionLoc(E->getBeginLoc())))
      continue;
    ArrayRef<Expr *> Inits;
    if (const auto *ILE = dyn_cast<InitListExpr>(E)) {
      if (!ILE->isSemanticForm())
        continue;
      Inits = ILE->inits();
    } else if (const auto *PLE = dyn_cast<CXXParenListInitExpr>(E)) {
      Inits = PLE->getInitExprs();
    }
    unsigned I = RD->getNumBases();
    for (const FieldDecl *F : RD->getDefinition()->fields()) {
      if (I >= Inits.size())
        break;
      const Expr *Init = Inits[I++];
      if (Init && !isEmptyValue(Init) && !isa<ImplicitValueInitExpr>(Init))
        C.Writes[fieldKey(F)].push_back(Init);
    }
  }

  CycleReporter R(C, *C.Ctx, BackEdgeNames);
  // The cycles between types: the object level borrows their weak_ptr
  // fixes, the type level reports those the object level cannot see.
  std::vector<Finding> TypeCycles = R.run();

  // The object level: cycles the functions of the TU form between the
  // objects they create.
  cycles::CycleOptions Opts;
  Opts.ReportPossible = ReportPossibleCycles;
  cycles::ObjectCycleAnalysis Objects(*C.Ctx, Opts);
  llvm::DenseSet<unsigned> ObjectMembers;
  for (const FunctionDecl *FD : C.Functions) {
    if (!cycles::mayCreateObjects(FD))
      continue;
    for (const cycles::ObjectCycleFinding &F : Objects.analyze(FD)) {
      reportObjectCycle(*this, areDiagsSelfContained(), F, R, *C.Ctx,
                        TypeCycles);
      for (const cycles::CycleLink &L : F.Links)
        if (L.Member)
          ObjectMembers.insert(fieldKey(L.Member));
    }
  }

  // The type level, for what the object level cannot see: objects linked
  // by code that other translation units call. A cycle counts when its
  // back edge is stored somewhere in this TU on objects the object level
  // did not follow to their end, and nothing here ever breaks it.
  auto Evidence = [&](const Finding &Fd) {
    const Edge *Back = Fd.Back;
    unsigned Key = fieldKey(Back->Holder);
    if (ObjectMembers.count(Key))
      return false;
    if (ReportPossibleCycles)
      return true;
    if (C.Broken.count(Key) || crossesInstantiations(Fd.Cycle))
      return false;
    // The classes' code in other files may break it: this TU is not the
    // whole story of their objects.
    if (llvm::any_of(Fd.Cycle, [](const Edge *E) {
          return hasMethodsElsewhere(E->From);
        }))
      return false;
    if (Back->Holder->getParent()->isDependentContext() &&
        C.brokenByName(Back->Holder))
      return false;
    // Another link held by a member declared empty (`{nullptr}`) that
    // nothing here stores into: what this TU shows never forms the cycle,
    // whichever member of it comes last.
    if (llvm::any_of(Fd.Cycle, [&](const Edge *E) {
          const FieldDecl *F = E->Holder;
          return E != Back && E->Plain && !E->Callback && F &&
                 isEmptyValue(F->getInClassInitializer()) &&
                 !C.Writes.count(fieldKey(F));
        }))
      return false;
    if (Back->Callback)
      return Back->Flow && !Objects.isResolved(Back->Flow);
    auto It = C.Writes.find(Key);
    return It != C.Writes.end() &&
           llvm::any_of(It->second, [&](const Stmt *W) {
             return !Objects.isResolved(W) &&
                    runsInTU(W, C.Functions, C.Ctx->getSourceManager());
           });
  };
  std::vector<Finding> Found = std::move(TypeCycles);
  llvm::erase_if(Found, [&](const Finding &Fd) { return !Evidence(Fd); });
  // Templates first: a cycle in a class template is reported once, at the
  // pattern, not again for each instantiation.
  stableSort(Found, [](const Finding &A, const Finding &B) {
    return !A.InInstantiation && B.InInstantiation;
  });
  llvm::DenseSet<unsigned> Reported;
  for (const Finding &Fd : Found) {
    const Edge *Back = Fd.Back;
    const FieldDecl *Holder = Back->Holder;
    if (!Holder || !Reported.insert(fieldKey(Holder)).second)
      continue;
    SourceLocation Loc = Holder->getLocation();
    std::optional<FixItHint> WeakPtr = R.weakPtrFix(Fd);
    WeakCapture Weak;
    if (!WeakPtr && Fd.SelfCapture)
      Weak = weakCaptureFix(dyn_cast_or_null<LambdaExpr>(Back->Flow), *C.Ctx);
    TitledFix Fix(areDiagsSelfContained(),
                  WeakPtr ? "make '" + Holder->getName().str() +
                                "' a std::weak_ptr"
                          : "capture '" + Weak.Name + "' as a std::weak_ptr");
    if (WeakPtr)
      Fix.add(*WeakPtr);
    for (const FixItHint &H : Weak.Hints)
      Fix.add(H);
    std::string Member = "'" + R.fieldName(Holder) + "'";
    {
      DiagnosticBuilder D = [&] {
        if (Fd.SelfCapture) {
          const auto *Captured = llvm::find_if(Back->Chain, [](const Hop &H) {
            return H.K == Hop::Capture;
          });
          std::string What =
              Captured != Back->Chain.end() && Captured->D
                  ? "'" + cast<NamedDecl>(Captured->D)->getNameAsString() + "'"
                  : "'shared_from_this()'";
          return diag(Loc, "%0 closes a shared_ptr ownership cycle: a '%1' "
                           "keeps itself alive through a callback that "
                           "captures %2")
                 << Member << R.recordName(Back->To) << What;
        }
        if (Fd.SelfLoop)
          return diag(Loc, "%0 closes a shared_ptr ownership cycle: a '%1' and "
                           "the '%1' it holds through '%2' keep each other "
                           "alive")
                 << Member << R.recordName(Back->To)
                 << R.fieldName(Fd.Cycle.front()->Holder);
        std::string Names;
        for (size_t I = 0; I < Fd.Cycle.size(); ++I) {
          if (I > 0)
            Names += I + 1 == Fd.Cycle.size() ? " and " : ", ";
          Names += "'" + R.recordName(Fd.Cycle[I]->From) + "'";
        }
        return diag(Loc, "%0 closes a shared_ptr ownership cycle: %1 keep each "
                         "other alive")
               << Member << Names;
      }();
      Fix.attachTo(D);
    }
    // Notes: every member along the cycle, in ownership order.
    for (const Edge *E : Fd.Cycle) {
      bool IsBack = E == Back;
      for (size_t I = 0; I < E->Chain.size(); ++I) {
        const Hop &H = E->Chain[I];
        switch (H.K) {
        case Hop::Base:
          diag(H.Loc, "'%0' derives from '%1'", DiagnosticIDs::Note)
              << R.recordName(H.Owner)
              << R.recordName(cast<CXXRecordDecl>(H.D));
          break;
        case Hop::Field: {
          const auto *F = cast<FieldDecl>(H.D);
          if (F == E->Holder) {
            if (E->SelfCapture && E->From == E->To)
              diag(H.Loc, "'%0' holds a callback that keeps its own '%1' alive",
                   DiagnosticIDs::Note)
                  << R.fieldName(F) << R.recordName(E->To);
            else if (E->Callback)
              diag(H.Loc, "'%0' holds a callback that keeps a '%1' alive%2",
                   DiagnosticIDs::Note)
                  << R.fieldName(F) << R.recordName(E->To)
                  << (IsBack ? " back" : "");
            else
              diag(H.Loc, "'%0' holds a '%1'%2", DiagnosticIDs::Note)
                  << R.fieldName(F)
                  << R.recordName(E->Chain.back().K == Hop::Convert
                                      ? E->Chain.back().Owner
                                      : E->To)
                  << (IsBack ? " back" : "");
          } else {
            // The next step starts in the record this member embeds.
            bool NextInside = I + 1 < E->Chain.size() &&
                              (E->Chain[I + 1].K == Hop::Field ||
                               E->Chain[I + 1].K == Hop::Base);
            // A private implementation held by pointer is contained as well.
            StdTemplate Kind = classifyStdTemplate(F->getType());
            bool ByPointer = Kind == StdTemplate::SharedPtr ||
                             Kind == StdTemplate::UniquePtr;
            diag(H.Loc,
                 ByPointer ? "'%0' holds a '%1' that only it creates and uses"
                           : "'%0' contains a '%1' by value",
                 DiagnosticIDs::Note)
                << R.fieldName(F)
                << (NextInside ? R.recordName(E->Chain[I + 1].Owner)
                               : F->getType().getAsString());
          }
          break;
        }
        case Hop::Capture:
          if (E->SelfCapture)
            diag(H.Loc, "'%0' is captured by copy here and owns this object "
                        "through shared_from_this()",
                 DiagnosticIDs::Note)
                << cast<NamedDecl>(H.D)->getName();
          else
            diag(H.Loc, "'%0' is captured by copy here", DiagnosticIDs::Note)
                << cast<NamedDecl>(H.D)->getName();
          break;
        case Hop::Bound:
          if (E->SelfCapture)
            diag(H.Loc, "'shared_from_this()' is bound here and owns this "
                        "object",
                 DiagnosticIDs::Note);
          else
            diag(H.Loc, "the callback stores a copy of this argument",
                 DiagnosticIDs::Note);
          break;
        case Hop::Convert:
          diag(H.Loc, "a '%0' is stored as a '%1' here", DiagnosticIDs::Note)
              << R.recordName(cast<CXXRecordDecl>(H.D))
              << R.recordName(H.Owner);
          break;
        }
      }
    }
    Fix.emitNote(*this, Loc);
  }
}

} // namespace clang::tidy::leaklint
