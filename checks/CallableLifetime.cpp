//===--- CallableLifetime.cpp - how long a store keeps a callable --------===//

#include "CallableLifetime.h"
#include "LambdaCaptureAnalysis.h"
#include "LlvmCompat.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <memory>
#include <optional>

namespace clang::tidy::leaklint {

namespace {

// What a member function of a standard container or std::function does to
// the elements it holds.
enum class MemberOp { Remove, Insert, Element, Iterator, Observe, Swap };

struct MemberOpName {
  llvm::StringLiteral Name;
  MemberOp Op;
};

constexpr MemberOpName MemberOps[] = {
    {"pop", MemberOp::Remove},          {"pop_front", MemberOp::Remove},
    {"pop_back", MemberOp::Remove},     {"erase", MemberOp::Remove},
    {"erase_after", MemberOp::Remove},  {"clear", MemberOp::Remove},
    {"extract", MemberOp::Remove},      {"push_back", MemberOp::Insert},
    {"push_front", MemberOp::Insert},   {"emplace_back", MemberOp::Insert},
    {"emplace_front", MemberOp::Insert}, {"emplace", MemberOp::Insert},
    {"emplace_hint", MemberOp::Insert}, {"insert", MemberOp::Insert},
    {"insert_or_assign", MemberOp::Insert}, {"try_emplace", MemberOp::Insert},
    {"push", MemberOp::Insert},         {"assign", MemberOp::Insert},
    {"emplace_after", MemberOp::Insert}, {"insert_after", MemberOp::Insert},
    {"front", MemberOp::Element},       {"back", MemberOp::Element},
    {"top", MemberOp::Element},         {"at", MemberOp::Element},
    {"begin", MemberOp::Iterator},      {"cbegin", MemberOp::Iterator},
    {"rbegin", MemberOp::Iterator},     {"end", MemberOp::Iterator},
    {"cend", MemberOp::Iterator},       {"rend", MemberOp::Iterator},
    {"find", MemberOp::Iterator},       {"lower_bound", MemberOp::Iterator},
    {"upper_bound", MemberOp::Iterator}, {"empty", MemberOp::Observe},
    {"size", MemberOp::Observe},        {"max_size", MemberOp::Observe},
    {"count", MemberOp::Observe},       {"contains", MemberOp::Observe},
    {"capacity", MemberOp::Observe},    {"reserve", MemberOp::Observe},
    {"operator bool", MemberOp::Observe}, {"target_type", MemberOp::Observe},
    {"swap", MemberOp::Swap},
};

std::optional<MemberOp> memberOp(llvm::StringRef Name) {
  for (const MemberOpName &E : MemberOps)
    if (E.Name == Name)
      return E.Op;
  return std::nullopt;
}

// Declared in namespace std, or in a class of it.
bool inStd(const Decl *D) {
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (DC->isStdNamespace())
      return true;
  return false;
}

bool isStdFunction(const FunctionDecl *FD, llvm::ArrayRef<llvm::StringRef> Names) {
  if (!FD || !FD->getIdentifier() || !inStd(FD))
    return false;
  return llvm::is_contained(Names, FD->getName());
}

bool isStdCall(const Stmt *S, llvm::ArrayRef<llvm::StringRef> Names) {
  const auto *CE = dyn_cast_or_null<CallExpr>(S);
  if (!CE || isa<CXXMemberCallExpr, CXXOperatorCallExpr>(CE))
    return false;
  if (const FunctionDecl *FD = CE->getDirectCallee())
    return isStdFunction(FD, Names);
  // In a template: `std::move(x)` is an unresolved lookup.
  if (const auto *ULE = dyn_cast<UnresolvedLookupExpr>(CE->getCallee()->IgnoreImpCasts())) {
    const NamespaceDecl *NS = compat::qualifierNamespace(ULE);
    return NS && NS->isStdNamespace() && ULE->getName().isIdentifier() &&
           llvm::is_contained(Names, ULE->getName().getAsIdentifierInfo()->getName());
  }
  return false;
}

// Whether the parser skipped the body of \p F, as clangd does for the
// headers of its preamble: what it does is unknown, not nothing.
bool skippedBody(const FunctionDecl *F) {
  const FunctionDecl *Def = nullptr;
  return F && F->isDefined(Def) && Def->hasSkippedBody();
}

bool isPassThrough(const Stmt *S) {
  return isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
             ExprWithCleanups, CXXFunctionalCastExpr, CXXStaticCastExpr, ConstantExpr>(S);
}

/// The parents of the statements of one function: its body, and a
/// constructor's member initializers.
class BodyParents {
public:
  explicit BodyParents(const FunctionDecl *F) : PM(const_cast<Stmt *>(F->getBody())) {
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(F))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->getInit())
          PM.addStmt(Init->getInit());
  }
  const Stmt *parent(const Stmt *S) const { return PM.getParent(S); }
  /// The parent of \p S, looking through the nodes that pass a value on
  /// unchanged (parentheses, casts, temporaries, std::move, copies).
  const Stmt *valueParent(const Stmt *&S) const {
    for (const Stmt *P = PM.getParent(S); P; P = PM.getParent(S)) {
      bool Through = isPassThrough(P) || isStdCall(P, {"move", "forward"});
      if (const auto *CE = dyn_cast<CXXConstructExpr>(P))
        Through = CE->getNumArgs() == 1 && CE->getConstructor()->isCopyOrMoveConstructor();
      if (!Through)
        return P;
      S = P;
    }
    return nullptr;
  }

private:
  ParentMap PM;
};

const VarDecl *localVar(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return VD && VD->hasLocalStorage() ? VD : nullptr;
}

// The member function named by the callee of \p S when \p S is a call of a
// member of \p Obj (`Obj.pop()`, `Obj.front()`, dependent or not).
const CallExpr *memberCallOn(const Stmt *Obj, const Stmt *Parent, const BodyParents &P,
                             std::string &Name) {
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(Parent); ME && ME->getBase() == Obj)
    Name = ME->getMemberNameInfo().getAsString();
  else if (const auto *DME = dyn_cast_or_null<CXXDependentScopeMemberExpr>(Parent);
           DME && !DME->isImplicitAccess() && DME->getBase() == Obj)
    Name = DME->getMemberNameInfo().getAsString();
  else if (const auto *UME = dyn_cast_or_null<UnresolvedMemberExpr>(Parent);
           UME && !UME->isImplicitAccess() && UME->getBase() == Obj)
    Name = UME->getMemberNameInfo().getAsString();
  else
    return nullptr;
  const auto *Call = dyn_cast_or_null<CallExpr>(P.parent(Parent));
  return Call && Call->getCallee() == Parent ? Call : nullptr;
}

// An expression that empties a std::function: `nullptr`, `{}`, `Fn()`.
bool isEmptyValue(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
    return CE->getNumArgs() == 0 ||
           (CE->getNumArgs() == 1 && isEmptyValue(CE->getArg(0)));
  if (const auto *IL = dyn_cast<InitListExpr>(E))
    return IL->getNumInits() == 0;
  if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E))
    return isEmptyValue(FC->getSubExpr());
  // `std::nullopt`, `boost::none`: an optional that holds nothing.
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *RD = DRE->getType()->getAsCXXRecordDecl();
        RD && RD->getIdentifier() &&
        (RD->getName() == "nullopt_t" || RD->getName() == "none_t"))
      return true;
  return isa<CXXNullPtrLiteralExpr, CXXScalarValueInitExpr, GNUNullExpr>(E) ||
         (isa<CXXTemporaryObjectExpr>(E) && cast<CXXConstructExpr>(E)->getNumArgs() == 0);
}

// Whether the value of \p E is run where it is: called, or a member of it
// called (`t.fn()`, `it->second()`, `task.run()`), or given to std::invoke.
bool isRun(const Expr *E, const BodyParents &P) {
  const Stmt *Cur = E;
  for (unsigned Steps = 0; Steps < 16; ++Steps) {
    const Stmt *Up = P.valueParent(Cur);
    if (!Up)
      return false;
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Up)) {
      if (OC->getNumArgs() == 0 || OC->getArg(0) != Cur)
        return false;
      if (OC->getOperator() == OO_Call)
        return true;
      if (OC->getOperator() != OO_Arrow && OC->getOperator() != OO_Star)
        return false;
      Cur = Up;
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Up)) {
      if (Call->getCallee() == Cur)
        return true;
      return isStdCall(Call, {"invoke", "apply"}) && Call->getNumArgs() > 0 &&
             Call->getArg(0) == Cur;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(Up); UO && UO->getOpcode() == UO_Deref) {
      Cur = Up;
      continue;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(Up)) {
      if (isa<FieldDecl>(ME->getMemberDecl())) {
        Cur = Up;
        continue;
      }
      std::string Name;
      return memberCallOn(Cur, Up, P, Name) && !memberOp(Name);
    }
    if (isa<CXXDependentScopeMemberExpr, UnresolvedMemberExpr>(Up)) {
      std::string Name;
      return memberCallOn(Cur, Up, P, Name) && !memberOp(Name);
    }
    return false;
  }
  return false;
}

// Whether \p R, a removal, runs whenever \p C, a use, does: neither sits in
// a branch the other is not in (an if, a switch, ?:, && and ||, a lambda).
bool removedWith(const Stmt *C, const Stmt *R, const BodyParents &P) {
  if (C == R)
    return true;
  auto IsChoice = [](const Stmt *S, const Stmt *Child) {
    if (const auto *If = dyn_cast<IfStmt>(S))
      return Child != If->getCond() && Child != If->getInit() &&
             Child != If->getConditionVariableDeclStmt();
    if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isLogicalOp())
      return Child == BO->getRHS();
    return isa<ConditionalOperator, BinaryConditionalOperator, SwitchStmt, LambdaExpr>(S);
  };
  llvm::SmallPtrSet<const Stmt *, 16> AncC;
  for (const Stmt *S = C; S; S = P.parent(S))
    AncC.insert(S);
  const Stmt *Prev = R;
  for (const Stmt *S = P.parent(R); S; Prev = S, S = P.parent(S)) {
    if (AncC.count(S)) {
      // The common ancestor: C and R must not be its two branches, and C
      // must not sit in a lambda below it.
      if (isa<IfStmt, ConditionalOperator, BinaryConditionalOperator, SwitchStmt>(S) &&
          IsChoice(S, Prev))
        return false;
      for (const Stmt *X = P.parent(C); X && X != S; X = P.parent(X))
        if (isa<LambdaExpr>(X))
          return false;
      return true;
    }
    if (IsChoice(S, Prev))
      return false;
  }
  return false;
}

// What one function does with the callables of a member.
struct MemberUses {
  llvm::SmallVector<const Stmt *, 4> Removals;
  llvm::SmallVector<const Stmt *, 4> Consumes; ///< runs or takes out an element
  llvm::SmallVector<const CallExpr *, 4> Inserts;
  llvm::SmallPtrSet<const VarDecl *, 4> Holders; ///< locals that hold elements
  bool Unknown = false;
};

class MemberUseCollector {
public:
  MemberUseCollector(const BodyParents &P, MemberUses &U) : P(P), U(U) {}

  /// \p E designates one element (or, for a plain std::function, the
  /// member itself): where does its value go?
  void element(const Expr *E, bool Alias) {
    if (isRun(E, P)) {
      U.Consumes.push_back(E);
      return;
    }
    const Stmt *Cur = E;
    const Stmt *Up = P.valueParent(Cur);
    if (!Up)
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(Up)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit() == Cur)
          holder(VD, Alias || VD->getType()->isReferenceType(), DS);
      return;
    }
    if (isa<ReturnStmt>(Up)) {
      U.Consumes.push_back(Up);
      return;
    }
    const Expr *LHS = nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(Up); BO && BO->getOpcode() == BO_Assign &&
                                                       BO->getRHS() == Cur)
      LHS = BO->getLHS();
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Up);
        OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2 && OC->getArg(1) == Cur)
      LHS = OC->getArg(0);
    if (LHS) {
      if (const VarDecl *V = localVar(LHS)) {
        // Into a local, or into the caller's variable through an
        // out-parameter: it left the member.
        if (isa<ParmVarDecl>(V) && V->getType()->isReferenceType())
          U.Consumes.push_back(Up);
        else
          holder(V, Alias, Up);
        return;
      }
      U.Unknown = true; // into another member or global
      return;
    }
    // The element itself handed to a function: its fate is that function's.
    if (const auto *Call = dyn_cast<CallExpr>(Up))
      for (const Expr *Arg : Call->arguments())
        if (Arg == Cur)
          U.Unknown = true;
  }

  void holder(const VarDecl *V, bool Alias, const Stmt *At) {
    U.Holders.insert(V);
    // A copy or a move out of the member consumes the element there; an
    // alias (a reference, an iterator) consumes it where it is run.
    if (!Alias)
      U.Consumes.push_back(At);
    else
      Aliases.push_back(V);
  }

  /// A use of the member \p Use itself.
  void member(const Expr *Use) {
    const Stmt *Cur = Use;
    const Stmt *Up = P.parent(Cur);
    // Through what passes the whole store on: casts, a copy of it, and
    // the `*` or `->` of the optional or pointer that wraps it
    // (`queue_->push_back(f)`, `auto run = *queue_;`).
    auto Whole = [&](const Stmt *S) {
      if (isPassThrough(S))
        return true;
      if (const auto *CE = dyn_cast<CXXConstructExpr>(S))
        return CE->getNumArgs() == 1 && CE->getArg(0) == Cur &&
               CE->getConstructor()->isCopyOrMoveConstructor();
      const auto *OC = dyn_cast<CXXOperatorCallExpr>(S);
      return OC && OC->getNumArgs() == 1 && OC->getArg(0) == Cur &&
             (OC->getOperator() == OO_Arrow || OC->getOperator() == OO_Star);
    };
    while (Up && Whole(Up)) {
      Cur = Up;
      Up = P.parent(Cur);
    }
    if (!Up)
      return;
    std::string Name;
    if (const CallExpr *Call = memberCallOn(Cur, Up, P, Name)) {
      std::optional<MemberOp> Op = memberOp(Name);
      if (!Op) {
        U.Unknown = true;
        return;
      }
      switch (*Op) {
      case MemberOp::Remove:
      case MemberOp::Swap:
        U.Removals.push_back(Call);
        if (*Op == MemberOp::Swap)
          U.Consumes.push_back(Call);
        return;
      case MemberOp::Insert:
        U.Inserts.push_back(Call);
        return;
      case MemberOp::Element:
        return element(Call, false);
      case MemberOp::Iterator:
        return element(Call, true);
      case MemberOp::Observe:
        return;
      }
      return;
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Up);
        OC && OC->getNumArgs() > 0 && OC->getArg(0) == Cur) {
      switch (OC->getOperator()) {
      case OO_Subscript:
        return element(OC, false);
      case OO_Call:
        U.Consumes.push_back(OC);
        return;
      case OO_Equal:
        if (OC->getNumArgs() == 2 && isEmptyValue(OC->getArg(1)))
          U.Removals.push_back(OC);
        return;
      case OO_EqualEqual:
      case OO_ExclaimEqual:
        return;
      default:
        U.Unknown = true;
        return;
      }
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(Up)) {
      if (BO->getOpcode() == BO_Assign && BO->getLHS() == Cur) {
        if (isEmptyValue(BO->getRHS()))
          U.Removals.push_back(BO);
        return;
      }
      if (BO->isEqualityOp())
        return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Up)) {
      if (Call->getCallee() == Cur) {
        U.Consumes.push_back(Call);
        return;
      }
      // `std::swap(m, tmp)`, `tmp.swap(m)`: the elements move to the other
      // object; `std::exchange(m, nullptr)` takes the value out.
      if (isStdCall(Call, {"swap", "exchange"})) {
        U.Removals.push_back(Call);
        U.Consumes.push_back(Call);
        if (const auto *Fn = Call->getDirectCallee(); Fn && Fn->getName() == "exchange")
          element(Call, false);
        return;
      }
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
          MC && MC->getMethodDecl() && MC->getMethodDecl()->getIdentifier() &&
          MC->getMethodDecl()->getName() == "swap") {
        U.Removals.push_back(Call);
        U.Consumes.push_back(Call);
        return;
      }
      // `auto job = std::move(m);` empties the member into a local.
      if (isStdCall(Call, {"move"})) {
        U.Removals.push_back(Call);
        element(Call, false);
        return;
      }
    }
    // `for (auto &w : m)`: the loop variable is each element.
    if (const auto *For = dyn_cast<CXXForRangeStmt>(Up))
      if (const VarDecl *LV = For->getLoopVariable()) {
        U.Holders.insert(LV);
        Aliases.push_back(LV);
        return;
      }
    // `auto copy = m;`: a copy of every element, consumed here.
    if (const auto *DS = dyn_cast<DeclStmt>(Up)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit() == Cur)
          holder(VD, VD->getType()->isReferenceType(), DS);
      return;
    }
    U.Unknown = true;
  }

  std::vector<const VarDecl *> Aliases;

private:
  const BodyParents &P;
  MemberUses &U;
};

// The range-for statements of \p Body: their range expression's parent is
// the hidden `__range` variable, not the loop.
void forEachStmtIn(const Stmt *S, llvm::function_ref<void(const Stmt *)> F) {
  if (!S)
    return;
  F(S);
  for (const Stmt *Child : S->children())
    forEachStmtIn(Child, F);
}

const Expr *rangeOf(const CXXForRangeStmt *For) {
  const Expr *E = For->getRangeInit();
  return E ? E->IgnoreParenImpCasts() : nullptr;
}

// Whether \p E names \p Store: the member itself, or the global.
bool namesStore(const Expr *E, const ValueDecl *Store) {
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberDecl() == Store;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl()->getCanonicalDecl() == Store->getCanonicalDecl();
  return false;
}

// Calls \p F on each function defined in \p DC, its namespaces and its
// classes (a template's pattern, not its instantiations).
void forEachFunctionBody(const DeclContext *DC,
                         llvm::function_ref<void(const FunctionDecl *)> F) {
  for (const Decl *D : DC->decls()) {
    if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(D))
      D = FTD->getTemplatedDecl();
    else if (const auto *CTD = dyn_cast<ClassTemplateDecl>(D))
      D = CTD->getTemplatedDecl();
    if (const auto *FD = dyn_cast<FunctionDecl>(D);
        FD && FD->doesThisDeclarationHaveABody() && FD->getBody())
      F(FD);
    if (isa<NamespaceDecl, LinkageSpecDecl, CXXRecordDecl, ExportDecl>(D))
      forEachFunctionBody(cast<DeclContext>(D), F);
  }
}

} // namespace

StoreFate CallableLifetime::fateOf(const FieldDecl *M) {
  auto Cached = Fates.find(M);
  if (Cached != Fates.end())
    return Cached->second;
  Fates[M] = StoreFate::Unknown; // guards against recursion
  const auto *RD = dyn_cast<CXXRecordDecl>(M->getParent());
  const FieldDecl *Field = M;
  // A class template's members are read in its pattern: the functions an
  // instantiation did not need have no body in it.
  if (RD)
    if (const CXXRecordDecl *Pattern = RD->getTemplateInstantiationPattern();
        Pattern && Pattern != RD) {
      Field = nullptr;
      for (const FieldDecl *F : Pattern->fields())
        if (F->getDeclName() == M->getDeclName())
          Field = F;
      RD = Pattern;
    }
  if (!RD || !Field)
    return StoreFate::Unknown;

  llvm::SmallVector<const FunctionDecl *, 16> Bodies;
  // A member function defined in another translation unit may read it.
  bool Undefined = false;
  for (const Decl *D : RD->decls()) {
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(D))
      FD = FTD->getTemplatedDecl();
    if (!FD)
      continue;
    if (skippedBody(FD)) {
      Fates[M] = StoreFate::Unseen;
      return StoreFate::Unseen;
    }
    const FunctionDecl *Def = nullptr;
    if (FD->hasBody(Def) && Def && Def->getBody())
      Bodies.push_back(Def);
    else if (!FD->isImplicit() && !FD->isDeleted() && !FD->isDefaulted() && !FD->isPureVirtual())
      Undefined = true;
  }

  StoreFate Fate = fateIn(Bodies, Field, Undefined);
  Fates[M] = Fate;
  return Fate;
}

StoreFate CallableLifetime::fateIn(llvm::ArrayRef<const FunctionDecl *> Bodies,
                                   const ValueDecl *Store, bool Undefined) {
  bool AnyKept = false, AnyUnknown = false, AnyConsume = false;
  for (const FunctionDecl *F : Bodies) {
    BodyParents P(F);
    MemberUses U;
    MemberUseCollector Collect(P, U);
    llvm::SmallPtrSet<const Stmt *, 4> RangeUses;
    auto Visit = [&](const Stmt *S) {
      if (const auto *For = dyn_cast<CXXForRangeStmt>(S)) {
        const Expr *Range = rangeOf(For);
        if (Range && namesStore(Range, Store) && For->getLoopVariable()) {
          RangeUses.insert(Range);
          U.Holders.insert(For->getLoopVariable());
          Collect.Aliases.push_back(For->getLoopVariable());
        }
        return;
      }
      const auto *E = dyn_cast<Expr>(S);
      if (E && namesStore(E, Store) && !RangeUses.count(E))
        Collect.member(E);
    };
    forEachStmtIn(F->getBody(), Visit);
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(F))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isWritten())
          forEachStmtIn(Init->getInit(), Visit);
    // The uses of the locals that hold elements: aliases run them.
    for (size_t I = 0; I < Collect.Aliases.size(); ++I) {
      const VarDecl *A = Collect.Aliases[I];
      auto VisitAlias = [&](const Stmt *S) {
        const auto *DRE = dyn_cast<DeclRefExpr>(S);
        if (DRE && DRE->getDecl() == A)
          Collect.element(DRE, true);
        if (const auto *DD = dyn_cast<DecompositionDecl>(A))
          for (const BindingDecl *B : DD->bindings())
            if (DRE && DRE->getDecl() == B)
              Collect.element(DRE, true);
      };
      forEachStmtIn(F->getBody(), VisitAlias);
      if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(F))
        for (const CXXCtorInitializer *Init : Ctor->inits())
          if (Init->isWritten())
            forEachStmtIn(Init->getInit(), VisitAlias);
    }
    // Put back after it ran (a periodic task): the member keeps it.
    for (const CallExpr *Insert : U.Inserts)
      for (const Expr *Arg : Insert->arguments())
        forEachStmtIn(Arg, [&](const Stmt *S) {
          if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
            if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && U.Holders.count(V))
              AnyKept = true;
        });
    AnyUnknown |= U.Unknown;
    for (const Stmt *C : U.Consumes) {
      AnyConsume = true;
      if (llvm::none_of(U.Removals, [&](const Stmt *R) { return removedWith(C, R, P); }))
        AnyKept = true;
    }
  }
  // Nothing in a class whose code is all here takes them out: they stay.
  return AnyKept      ? StoreFate::Kept
         : AnyUnknown ? StoreFate::Unknown
         : AnyConsume ? StoreFate::RunOnce
         : Undefined  ? StoreFate::Unknown
                      : StoreFate::Kept;
}

StoreFate CallableLifetime::fateOf(const VarDecl *G) {
  if (!G || !G->hasGlobalStorage() ||
      (G->isExternallyVisible() && !G->isStaticLocal()))
    return StoreFate::Unknown;
  G = G->getCanonicalDecl();
  auto Cached = Fates.find(G);
  if (Cached != Fates.end())
    return Cached->second;
  Fates[G] = StoreFate::Unknown; // guards against recursion
  // Only this translation unit names it: the functions here that do are
  // all its readers. (clangd skips the bodies of its preamble's headers,
  // which come before the file that declares the global and cannot name
  // it.)
  llvm::SmallVector<const FunctionDecl *, 16> Bodies;
  forEachFunctionBody(Ctx.getTranslationUnitDecl(), [&](const FunctionDecl *F) {
    bool Names = false;
    forEachStmtIn(F->getBody(), [&](const Stmt *S) {
      if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
        Names |= DRE->getDecl()->getCanonicalDecl() == G;
    });
    if (Names)
      Bodies.push_back(F);
  });
  StoreFate Fate = fateIn(Bodies, G, /*Undefined=*/false);
  Fates[G] = Fate;
  return Fate;
}

//===----------------------------------------------------------------------===//
// Registrations undone in scope
//===----------------------------------------------------------------------===//

namespace {
// Whether \p E is (rooted in) member \p M, or in a local bound to it.
bool rootedIn(const Expr *E, const FieldDecl *M,
              const llvm::SmallPtrSetImpl<const ValueDecl *> &Aliases) {
  for (unsigned Steps = 0; E && Steps < 16; ++Steps) {
    E = E->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (ME->getMemberDecl() == M)
        return true;
      E = ME->getBase();
    } else if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      return Aliases.count(DRE->getDecl()) != 0;
    } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
      E = OC->getNumArgs() > 0 ? OC->getArg(0) : nullptr;
    } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      E = MC->getImplicitObjectArgument();
    } else {
      return false;
    }
  }
  return false;
}
} // namespace

bool CallableLifetime::unregisters(const FunctionDecl *F, const FieldDecl *M, unsigned Depth) {
  if (!F)
    return false;
  if (matchesAnyListedName(F, UnregisteringFunctions) || skippedBody(F))
    return true;
  const FunctionDecl *Def = nullptr;
  if (Depth > 3 || !F->hasBody(Def) || !Def || !Def->getBody())
    return false;
  // Its body removes from the member the callable went into (directly, or
  // through a range-for over it), or calls a function that does.
  llvm::SmallPtrSet<const ValueDecl *, 4> Aliases;
  bool Found = false;
  forEachStmtIn(Def->getBody(), [&](const Stmt *S) {
    if (Found)
      return;
    if (const auto *For = dyn_cast<CXXForRangeStmt>(S)) {
      if (rootedIn(For->getRangeInit(), M, Aliases)) {
        const VarDecl *LV = For->getLoopVariable();
        Aliases.insert(LV);
        if (const auto *DD = dyn_cast<DecompositionDecl>(LV))
          for (const BindingDecl *B : DD->bindings())
            Aliases.insert(B);
      }
      return;
    }
    const auto *Call = dyn_cast<CallExpr>(S);
    if (!Call)
      return;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
      const CXXMethodDecl *MD = MC->getMethodDecl();
      if (M && MD && MD->getIdentifier() &&
          memberOp(MD->getName()) == MemberOp::Remove &&
          rootedIn(MC->getImplicitObjectArgument(), M, Aliases)) {
        Found = true;
        return;
      }
    }
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && !inStd(Callee) && Callee != F && unregisters(Callee, M, Depth + 1))
      Found = true;
  });
  return Found;
}

bool CallableLifetime::destructorUnregisters(QualType T, const FieldDecl *M) {
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  const CXXDestructorDecl *Dtor = RD && RD->hasDefinition() ? RD->getDestructor() : nullptr;
  if (skippedBody(Dtor))
    return true;
  const FunctionDecl *Def = nullptr;
  if (!Dtor || !Dtor->hasBody(Def) || !Def || !Def->getBody())
    return false;
  bool Found = false;
  forEachStmtIn(Def->getBody(), [&](const Stmt *S) {
    if (const auto *Call = dyn_cast<CallExpr>(S))
      Found |= unregisters(Call->getDirectCallee(), M, 1);
  });
  return Found;
}

bool CallableLifetime::undoneInScope(const CallExpr *Call, const FunctionDecl *Fn,
                                     const FieldDecl *M) {
  if (!Call || !Fn || !Fn->getBody())
    return false;
  BodyParents P(Fn);
  // The local that keeps what the registration returned: a token, a
  // connection, a scoped connection built from it.
  const VarDecl *Tok = nullptr;
  const Stmt *Cur = Call;
  for (unsigned Steps = 0; Steps < 16 && !Tok; ++Steps) {
    const Stmt *Up = P.parent(Cur);
    if (!Up)
      break;
    // A connection object built from it (`Subscription sub(bus, id)`).
    if (isa<CXXConstructExpr>(Up)) {
      Cur = Up;
      continue;
    }
    if (isPassThrough(Up)) {
      Cur = Up;
      continue;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(Up)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit() == Cur)
          Tok = VD;
      break;
    }
    const Expr *LHS = nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(Up); BO && BO->getOpcode() == BO_Assign)
      LHS = BO->getLHS();
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Up);
        OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2 && OC->getArg(1) == Cur)
      LHS = OC->getArg(0);
    Tok = localVar(LHS);
    break;
  }
  if (!Tok || !Tok->hasLocalStorage() || Tok->isStaticLocal() || isa<ParmVarDecl>(Tok) ||
      Tok->getType()->isReferenceType())
    return false;

  // Where the token goes: an unregistering call, or away (moved, its
  // address taken, captured by reference) where we cannot follow it.
  llvm::SmallPtrSet<const Stmt *, 4> Cancels;
  bool Away = false;
  forEachStmtIn(Fn->getBody(), [&](const Stmt *S) {
    if (const auto *L = dyn_cast<LambdaExpr>(S)) {
      for (const LambdaCapture &C : L->captures())
        Away |= C.capturesVariable() && C.getCapturedVar() == Tok;
      return;
    }
    const auto *DRE = dyn_cast<DeclRefExpr>(S);
    if (!DRE || DRE->getDecl() != Tok)
      return;
    const Stmt *Use = DRE;
    const Stmt *Up = P.valueParent(Use);
    if (const auto *UO = dyn_cast_or_null<UnaryOperator>(Up); UO && UO->getOpcode() == UO_AddrOf)
      Away = true;
    const Stmt *Moved = DRE;
    for (const Stmt *X = P.parent(DRE); X && isPassThrough(X); X = P.parent(X))
      Moved = X;
    if (isStdCall(P.parent(Moved), {"move"}))
      Away = true;
    // `tok.disconnect()`, `bus.unsubscribe(tok)`.
    std::string Name;
    if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(memberCallOn(Use, Up, P, Name)))
      if (unregisters(MC->getMethodDecl(), M, 0))
        Cancels.insert(MC);
    if (const auto *CE = dyn_cast_or_null<CallExpr>(Up))
      for (const Expr *Arg : CE->arguments())
        if (Arg == Use && unregisters(CE->getDirectCallee(), M, 0))
          Cancels.insert(CE);
  });
  if (Away)
    return false;
  // A holder whose destructor unregisters, for as long as it is in scope.
  if (destructorUnregisters(Tok->getType(), M))
    return true;
  if (Cancels.empty())
    return false;

  // Every path from the registration to the exit passes an unregistering
  // call (exceptions are not paths here).
  CFG::BuildOptions Opts;
  Opts.setAllAlwaysAdd();
  std::unique_ptr<CFG> G = CFG::buildCFG(Fn, const_cast<Stmt *>(Fn->getBody()), &Ctx, Opts);
  if (!G)
    return false;
  const CFGBlock *Start = nullptr;
  unsigned StartIdx = 0;
  for (const CFGBlock *B : *G) {
    unsigned I = 0;
    for (const CFGElement &E : *B) {
      if (auto CS = E.getAs<CFGStmt>(); CS && CS->getStmt() == Call) {
        Start = B;
        StartIdx = I;
      }
      ++I;
    }
  }
  if (!Start)
    return false;
  llvm::SmallPtrSet<const CFGBlock *, 32> Seen;
  llvm::SmallVector<std::pair<const CFGBlock *, unsigned>, 16> Work{{Start, StartIdx + 1}};
  while (!Work.empty()) {
    auto [B, From] = Work.pop_back_val();
    bool Cancelled = false;
    unsigned I = 0;
    for (const CFGElement &E : *B) {
      if (I++ < From)
        continue;
      if (auto CS = E.getAs<CFGStmt>(); CS && Cancels.count(CS->getStmt())) {
        Cancelled = true;
        break;
      }
    }
    if (Cancelled)
      continue;
    if (B == &G->getExit())
      return false;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs())
      if (const CFGBlock *Next = Succ.getReachableBlock(); Next && Seen.insert(Next).second)
        Work.push_back({Next, 0});
  }
  return true;
}

} // namespace clang::tidy::leaklint
