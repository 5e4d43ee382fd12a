//===--- Conditions.cpp - deciding and assuming branch conditions --------===//
//
// The engine's constraint manager. evalInt and evalCond decide what they can
// from the state: constants, known integers of locals, constraints assumed
// earlier on the path, helpers of the TU that return a constant, and the
// success or failure of an acquisition. assume() takes an undecided branch:
// it records what the branch teaches (`p` is null, `fd >= 0`, `n == 3`) and
// words the path note.
//
//===----------------------------------------------------------------------===//

#include "AstHelpers.h"
#include "ConstantTables.h"
#include "ContainerModel.h"
#include "FunctionAnalysis.h"
#include "FunctionFacts.h"
#include <climits>

namespace clang::tidy::leaklint::ownership::detail {

std::optional<Atom> FunctionAnalysis::atomOf(const Expr *E) const {
  E = strip(E)->IgnoreParenImpCasts();
  if (const auto *DR = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl()))
      return Atom{VD};
  if (isa<CallExpr>(E) || isa<BinaryOperator>(E)) {
    auto Rep = Queries.find(E);
    if (Rep == Queries.end())
      return std::nullopt;
    return Atom{queryVariable(Rep->second, Ctx), nullptr, Rep->second};
  }
  // What a pointer variable points to, when it is a number or a pointer:
  // `*c == '%'` tested twice reads the same character until `c` moves or
  // something is stored through a pointer.
  const Expr *Pointer = nullptr;
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_Deref)
    Pointer = UO->getSubExpr();
  else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E);
           AS && nullConstant(AS->getIdx(), Ctx) == std::optional<int64_t>(0))
    Pointer = AS->getBase();
  if (Pointer && (E->getType()->isIntegralOrEnumerationType() ||
                  E->getType()->isPointerType()))
    if (const auto *DR =
            dyn_cast<DeclRefExpr>(strip(Pointer)->IgnoreParenImpCasts()))
      if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
          VD && VD->getType()->isPointerType())
        return Atom{VD, nullptr, nullptr, /*Deref=*/true};
  // A scalar field of `this`, of a struct variable, or of what a variable
  // points to: `opts->verbose`, `this->ready_`, `cfg.flags`; or a scalar
  // field of a struct field of one (`addr->sa.sa_family`).
  const auto *ME = dyn_cast<MemberExpr>(E);
  const auto *Field = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  if (!Field || !(Field->getType()->isIntegralOrEnumerationType() ||
                  Field->getType()->isPointerType()))
    return std::nullopt;
  if (const ValueDecl *Root = fieldRoot(ME))
    return Atom{Root, Field};
  const auto *Outer =
      dyn_cast<MemberExpr>(strip(ME->getBase())->IgnoreParenImpCasts());
  if (ME->isArrow() || !Outer || !isa<FieldDecl>(Outer->getMemberDecl()))
    return std::nullopt;
  if (const ValueDecl *Root = fieldRoot(Outer))
    return Atom{Root, Outer->getMemberDecl(), nullptr, false, Field};
  return std::nullopt;
}

const ValueDecl *FunctionAnalysis::fieldRoot(const MemberExpr *ME) const {
  const Expr *Base = strip(ME->getBase())->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(Base))
    return FD;
  if (const auto *DR = dyn_cast<DeclRefExpr>(Base))
    if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
        VD && !VD->getType()->isReferenceType() &&
        (ME->isArrow() ? VD->getType()->isPointerType()
                       : VD->getType()->isRecordType()))
      return VD;
  return nullptr;
}

std::optional<bool> FunctionAnalysis::sameObject(const Expr *A,
                                                 const Expr *B, State &S) {
  std::optional<unsigned> VA = valueOf(A, S), VB = valueOf(B, S);
  if (VA && VB && !isParamValue(S, *VA) && !isParamValue(S, *VB) && *VA == *VB)
    return true;
  // A block or descriptor acquired on this path (and valid) is none of the
  // objects that existed before it: what a global or a parameter points to
  // (`f == stdin` after `f = fopen(...)`), a descriptor the caller gave.
  auto Fresh = [&](std::optional<unsigned> V) {
    if (!V || isParamValue(S, *V))
      return false;
    auto It = S.Vals.find(*V);
    return It != S.Vals.end() && It->second.St == Status::Owned &&
           It->second.Null == Nullness::NonNull;
  };
  auto Older = [&](const Expr *E, std::optional<unsigned> V) {
    if (V && !isParamValue(S, *V))
      return false;
    // Casts keep the pointer: `(void *)cmd->payload` is `cmd->payload`.
    const Expr *Whole = strip(E)->IgnoreParenCasts();
    // The address of a variable, or of a part of an object that existed
    // before (`&side->header_buffer`, `&this->buf`).
    if (const auto *UO = dyn_cast<UnaryOperator>(Whole);
        UO && UO->getOpcode() == UO_AddrOf) {
      const Expr *Part = strip(UO->getSubExpr())->IgnoreParenCasts();
      // A variable, not a reference that may name the block itself.
      if (const auto *DR = dyn_cast<DeclRefExpr>(Part)) {
        const auto *Var = dyn_cast<VarDecl>(DR->getDecl());
        return Var && !Var->getType()->isReferenceType();
      }
      while (const auto *ME = dyn_cast<MemberExpr>(Part))
        Part = strip(ME->getBase())->IgnoreParenCasts();
      if (isa<CXXThisExpr>(Part))
        return true;
      const auto *DR = dyn_cast<DeclRefExpr>(Part);
      const auto *VD = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
      if (!VD)
        return false;
      if (isa<ParmVarDecl>(VD) || !VD->hasLocalStorage())
        return true;
      // A local that only copies pointers (`ProxySide *side = user_data;`),
      // holding none the path acquired.
      std::optional<unsigned> Base = valueOf(DR, S);
      return CopiedPointers.contains(VD) &&
             (!Base || isParamValue(S, *Base));
    }
    const Expr *X = Whole;
    // An array inside an object that existed before (`cmd->payload`, the
    // buffer a callee may hand back instead of a fresh copy).
    while (const auto *ME = dyn_cast<MemberExpr>(X)) {
      if (!ME->getType()->isArrayType() && X == Whole)
        break;
      X = strip(ME->getBase())->IgnoreParenCasts();
    }
    if (isa<CXXThisExpr>(X))
      return X != Whole;
    const auto *DR = dyn_cast<DeclRefExpr>(X);
    const auto *VD = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
    // A local that only copies pointers, holding none the path tracks; an
    // array of the function's own (`buf != staticbuf`).
    return VD && (isa<ParmVarDecl>(VD) || !VD->hasLocalStorage() ||
                  (!V && X == Whole && CopiedPointers.contains(VD)) ||
                  (X == Whole && VD->getType()->isArrayType()));
  };
  if ((Fresh(VA) && Older(B, VB)) || (Fresh(VB) && Older(A, VA)))
    return false;
  // Nor is it any other block the path acquired, whatever became of it
  // (`last->next = ah1; last = ah1;` growing a list at its tail: the
  // previous tail is linked and handed off, the new one is another block).
  auto Acquired = [&](std::optional<unsigned> V) {
    auto It = V ? S.Vals.find(*V) : S.Vals.end();
    return It != S.Vals.end() && It->second.St != Status::Param &&
           It->second.Null == Nullness::NonNull;
  };
  if (VA && VB && *VA != *VB &&
      ((Fresh(VA) && Acquired(VB)) || (Fresh(VB) && Acquired(VA))))
    return false;
  return std::nullopt;
}

std::optional<unsigned> FunctionAnalysis::relAtomOf(const Atom &A) const {
  auto It = llvm::find(RelAtoms, A);
  if (It == RelAtoms.end())
    return std::nullopt;
  return It - RelAtoms.begin();
}

unsigned FunctionAnalysis::relAtomIndex(const Atom &A) {
  if (std::optional<unsigned> K = relAtomOf(A))
    return *K;
  RelAtoms.push_back(A);
  return RelAtoms.size() - 1;
}

void FunctionAnalysis::relateEqual(State &S, const Atom &A, const Atom &B) {
  if (A == B)
    return;
  S.Cons[ConsKey{A, EqualsAtom, relAtomIndex(B)}] = true;
  S.Cons[ConsKey{B, EqualsAtom, relAtomIndex(A)}] = true;
}

std::optional<int> FunctionAnalysis::knownOrder(const State &S, const Atom &A,
                                                const Atom &B) const {
  std::optional<unsigned> IA = relAtomOf(A), IB = relAtomOf(B);
  if (!IA || !IB)
    return std::nullopt;
  for (int Op : {EqualsAtom, BelowAtom, AboveAtom})
    if (S.Cons.count(ConsKey{A, Op, *IB}) &&
        S.Cons.count(ConsKey{B, mirrorOf(Op), *IA}))
      return Op == EqualsAtom ? 0 : Op == BelowAtom ? -1 : 1;
  return std::nullopt;
}

void FunctionAnalysis::relateCopy(State &S, const ValueDecl *To,
                                  const Expr *From) {
  const auto *DR = dyn_cast<DeclRefExpr>(strip(From)->IgnoreParenImpCasts());
  const auto *Src = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
  if (!Src || Src == To || Src->getType()->isReferenceType())
    return;
  Atom A{To}, B{Src};
  // `prev = node;` after `if (!node) return;`: the copy is not null either.
  if (Src->getType()->isPointerType() && To->getType()->isPointerType()) {
    if (keepsConstraints(A) && keepsConstraints(B))
      if (std::optional<bool> Null = lookupCons(S, B, BO_EQ, 0))
        S.Cons[ConsKey{A, BO_EQ, 0}] = *Null;
    return;
  }
  if (!Src->getType()->isIntegerType() || !To->getType()->isIntegerType())
    return;
  if (keepsConstraints(A) && keepsConstraints(B))
    relateEqual(S, A, B);
}

llvm::SmallVector<std::pair<Atom, int>, 2>
FunctionAnalysis::relationsOf(const State &S, const Atom &A) const {
  llvm::SmallVector<std::pair<Atom, int>, 2> Out;
  if (RelAtoms.empty())
    return Out;
  for (auto It = S.Cons.lower_bound(ConsKey{A, INT_MIN, INT64_MIN});
       It != S.Cons.end() && std::get<0>(It->first) == A; ++It) {
    int Op = std::get<1>(It->first);
    if (!isRelation(Op))
      continue;
    const Atom &B = RelAtoms[std::get<2>(It->first)];
    if (std::optional<int> Ord = knownOrder(S, A, B))
      Out.push_back({B, *Ord});
  }
  return Out;
}

void FunctionAnalysis::moveRelations(
    State &S, const Atom &A, llvm::ArrayRef<std::pair<Atom, int>> Before,
    bool Up) {
  for (const auto &[B, Ord] : Before) {
    // Equal or already past it in the direction of the move: past it.
    if (Up ? Ord < 0 : Ord > 0)
      continue;
    unsigned IA = relAtomIndex(A), IB = relAtomIndex(B);
    S.Cons[ConsKey{A, Up ? AboveAtom : BelowAtom, IB}] = true;
    S.Cons[ConsKey{B, Up ? BelowAtom : AboveAtom, IA}] = true;
  }
}

bool FunctionAnalysis::keepsConstraints(const Atom &A) const {
  if (A.isPart())
    return true;
  const auto *VD = cast<VarDecl>(A.Base);
  return isRelevantAtom(VD) || isa<ParmVarDecl>(VD) || !VD->hasLocalStorage();
}

std::string FunctionAnalysis::atomName(const Atom &A, const Expr *E) const {
  if (A.isPart())
    return describe(E, Ctx);
  return "'" + A.Base->getNameAsString() + "'";
}

std::optional<bool> FunctionAnalysis::lookupCons(const State &S,
                                                 const Atom &A,
                                                 BinaryOperatorKind Op,
                                                 int64_t C) const {
  // The question asked before, else what the range of A answers (a known
  // equality, `x != k`, and the bounds of the other comparisons).
  if (auto It = S.Cons.find(ConsKey{A, Op, C}); It != S.Cons.end())
    return It->second;
  return decideByBounds(S, A, Op, C);
}

FunctionAnalysis::Range FunctionAnalysis::rangeOf(const State &S,
                                                  const Atom &A) {
  // The range the known comparisons leave (`x > 0` and not `x > 1`: x is
  // 1), and the values they rule out (`x != 3`).
  Range R;
  int64_t &Lo = R.Lo, &Hi = R.Hi;
  llvm::SmallVector<int64_t, 4> &Out = R.Out;
  bool &Empty = R.Empty;
  auto AtLeast = [&](int64_t K) { Lo = std::max(Lo, K); };
  auto AtMost = [&](int64_t K) { Hi = std::min(Hi, K); };
  for (auto It = S.Cons.lower_bound(ConsKey{A, INT_MIN, INT64_MIN});
       It != S.Cons.end() && std::get<0>(It->first) == A; ++It) {
    int64_t K = std::get<2>(It->first);
    // `!(x < K)` is `x >= K`: one fact, whichever way it was assumed.
    auto Op = static_cast<BinaryOperatorKind>(std::get<1>(It->first));
    if (!BinaryOperator::isComparisonOp(Op))
      continue;
    if (!It->second)
      Op = BinaryOperator::negateComparisonOp(Op);
    switch (Op) {
    case BO_LT:
      if (K == INT64_MIN)
        Empty = true;
      else
        AtMost(K - 1);
      break;
    case BO_LE:
      AtMost(K);
      break;
    case BO_GT:
      if (K == INT64_MAX)
        Empty = true;
      else
        AtLeast(K + 1);
      break;
    case BO_GE:
      AtLeast(K);
      break;
    case BO_EQ:
      AtLeast(K);
      AtMost(K);
      break;
    case BO_NE:
      Out.push_back(K);
      break;
    default:
      break;
    }
  }
  while (Lo < Hi && llvm::is_contained(Out, Lo))
    ++Lo;
  while (Hi > Lo && llvm::is_contained(Out, Hi))
    --Hi;
  Empty = Empty || Lo > Hi;
  return R;
}

std::optional<bool> FunctionAnalysis::decideByBounds(const State &S,
                                                     const Atom &A,
                                                     BinaryOperatorKind Op,
                                                     int64_t C) {
  Range R = rangeOf(S, A);
  if (R.Empty)
    return std::nullopt; // contradictory: not this question's to settle
  int64_t Lo = R.Lo, Hi = R.Hi;
  const llvm::SmallVector<int64_t, 4> &Out = R.Out;
  bool Single = Lo == Hi;
  switch (Op) {
  case BO_EQ:
  case BO_NE: {
    std::optional<bool> Eq;
    if (C < Lo || C > Hi || llvm::is_contained(Out, C))
      Eq = false;
    else if (Single)
      Eq = true;
    if (!Eq)
      return std::nullopt;
    return Op == BO_EQ ? *Eq : !*Eq;
  }
  case BO_LT:
    if (Hi < C)
      return true;
    if (Lo >= C)
      return false;
    break;
  case BO_LE:
    if (Hi <= C)
      return true;
    if (Lo > C)
      return false;
    break;
  case BO_GT:
    if (Lo > C)
      return true;
    if (Hi <= C)
      return false;
    break;
  case BO_GE:
    if (Lo >= C)
      return true;
    if (Hi < C)
      return false;
    break;
  default:
    break;
  }
  return std::nullopt;
}

std::optional<int64_t> FunctionAnalysis::constantValue(const Expr *E) {
  auto [It, New] = Constants.try_emplace(E);
  if (!New)
    return It->second;
  std::optional<int64_t> C;
  // `p = NULL`: a pointer known to be null reads as 0 in its conditions.
  if ((E->getType()->isPointerType() || E->getType()->isNullPtrType()) &&
      !E->isValueDependent() &&
      E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull)) {
    C = 0;
  } else if (!E->isValueDependent() && !E->isTypeDependent()) {
    Expr::EvalResult R;
    // An unsigned value past INT64_MAX (`SIZE_MAX`) is no number the
    // engine can compare: read as int64_t it would be negative.
    if (E->EvaluateAsInt(R, Ctx, Expr::SE_AllowSideEffects) && R.Val.isInt())
      C = R.Val.getInt().tryExtValue();
  }
  It->second = C;
  return C;
}

ConstComparison FunctionAnalysis::knownComparison(const BinaryOperator *BO,
                                                  State &S) {
  ConstComparison K = comparisonOf(BO);
  if (K.C || !BO->getLHS()->getType()->isIntegerType() ||
      !BO->getRHS()->getType()->isIntegerType())
    return K;
  // `fd < i` where the path knows `i`: `fd < 1`, for a descriptor the path
  // tracks (what it says of other numbers would keep the turns of loops
  // apart: `i < n` on each turn).
  if (ownedHere(BO->getLHS(), S))
    if (std::optional<int64_t> R = evalInt(BO->getRHS(), S))
      return ConstComparison{BO->getLHS(), BO->getOpcode(), R};
  if (ownedHere(BO->getRHS(), S))
    if (std::optional<int64_t> L = evalInt(BO->getLHS(), S))
      return ConstComparison{
          BO->getRHS(), BinaryOperator::reverseComparisonOp(BO->getOpcode()),
          L};
  return K;
}

ConstComparison FunctionAnalysis::comparisonOf(const BinaryOperator *BO) {
  auto It = Comparisons.find(BO);
  if (It == Comparisons.end())
    It = Comparisons.try_emplace(BO, constComparison(BO, Ctx)).first;
  return It->second;
}

std::optional<int64_t> FunctionAnalysis::evalInt(const Expr *E, State &S,
                                                 unsigned Depth) {
  if (Depth > 8)
    return std::nullopt;
  E = strip(E);
  if (std::optional<int64_t> C = constantValue(E))
    return C;
  if (const auto *CE = dyn_cast<CastExpr>(E)) {
    switch (CE->getCastKind()) {
    case CK_LValueToRValue:
    case CK_NoOp:
    case CK_IntegralCast:
    case CK_BitCast:
      return evalInt(CE->getSubExpr(), S, Depth + 1);
    case CK_IntegralToBoolean:
    case CK_PointerToBoolean: {
      Tri T = evalCond(CE->getSubExpr(), S, Depth + 1);
      if (T == Tri::Unknown)
        return std::nullopt;
      return T == Tri::True;
    }
    default:
      return std::nullopt;
    }
  }
  if (const auto *DR = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
    if (!VD)
      return std::nullopt;
    auto It = S.Ints.find(VD);
    if (It != S.Ints.end())
      return It->second;
    if (!VD->hasLocalStorage() && VD->getInit() &&
        (VD->getType().isConstQualified() ||
         (!VD->isExternallyVisible() && !Eng.isWrittenInTU(VD)))) {
      if (std::optional<int64_t> V = evalInt(VD->getInit(), S, Depth + 1))
        return V;
    }
    for (auto CIt = S.Cons.lower_bound(ConsKey{Atom{VD}, INT_MIN, INT64_MIN});
         CIt != S.Cons.end() && std::get<0>(CIt->first) == Atom{VD}; ++CIt)
      if (std::get<1>(CIt->first) == BO_EQ && CIt->second)
        return std::get<2>(CIt->first);
    return std::nullopt;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    if (std::optional<Atom> A = atomOf(ME))
      for (auto CIt = S.Cons.lower_bound(ConsKey{*A, INT_MIN, INT64_MIN});
           CIt != S.Cons.end() && std::get<0>(CIt->first) == *A; ++CIt)
        if (std::get<1>(CIt->first) == BO_EQ && CIt->second)
          return std::get<2>(CIt->first);
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() == UO_LNot) {
      Tri T = evalCond(UO->getSubExpr(), S, Depth + 1);
      if (T == Tri::Unknown)
        return std::nullopt;
      return T == Tri::False;
    }
    std::optional<int64_t> V = evalInt(UO->getSubExpr(), S, Depth + 1);
    if (!V)
      return std::nullopt;
    switch (UO->getOpcode()) {
    case UO_Minus: return -*V;
    case UO_Plus: return *V;
    case UO_Not: return ~*V;
    default: return std::nullopt;
    }
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->isLogicalOp() || BO->isComparisonOp()) {
      Tri T = evalCond(BO, S, Depth + 1);
      if (T == Tri::Unknown)
        return std::nullopt;
      return T == Tri::True;
    }
    if (BO->getOpcode() == BO_Comma)
      return evalInt(BO->getRHS(), S, Depth + 1);
    if (BO->getOpcode() == BO_Assign)
      return evalInt(BO->getRHS(), S, Depth + 1);
    std::optional<int64_t> L = evalInt(BO->getLHS(), S, Depth + 1);
    std::optional<int64_t> R = evalInt(BO->getRHS(), S, Depth + 1);
    if (!L || !R)
      return std::nullopt;
    switch (BO->getOpcode()) {
    case BO_Add: return *L + *R;
    case BO_Sub: return *L - *R;
    case BO_Mul: return *L * *R;
    case BO_Div: return *R ? std::optional<int64_t>(*L / *R) : std::nullopt;
    case BO_Rem: return *R ? std::optional<int64_t>(*L % *R) : std::nullopt;
    case BO_And: return *L & *R;
    case BO_Or: return *L | *R;
    case BO_Xor: return *L ^ *R;
    case BO_Shl: return *R >= 0 && *R < 63 ? std::optional<int64_t>(*L << *R) : std::nullopt;
    case BO_Shr: return *R >= 0 && *R < 63 ? std::optional<int64_t>(*L >> *R) : std::nullopt;
    default: return std::nullopt;
    }
  }
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    Tri T = evalCond(CO->getCond(), S, Depth + 1);
    if (auto Arm = S.Arms.find(CO); T == Tri::Unknown && Arm != S.Arms.end())
      T = Arm->second ? Tri::True : Tri::False;
    if (T == Tri::Unknown)
      return std::nullopt;
    return evalInt(T == Tri::True ? CO->getTrueExpr() : CO->getFalseExpr(), S,
                   Depth + 1);
  }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = resolveCallee(CE);
    if (std::optional<int64_t> K = Callee ? Model.constantResult(Callee) : std::nullopt)
      return K;
    if (std::optional<int64_t> K =
            Callee ? Model.constantResult(CE, Callee) : std::nullopt)
      return K;
    if (Callee && Eng.hasSummary(Callee) && !Model.acquirerFor(Callee)) {
      const FunctionSummary &Sum = Eng.summary(Callee);
      if (Sum.ReturnsConstant)
        return Sum.ReturnsConstant;
      // `if (set_args(cfg, argc, argv) < 0)`, which fails only for a null
      // `cfg`, after `if (!cfg) return 1;`.
      if (Sum.ResultUnlessNull)
        if (const Expr *Arg = FunctionSummary::argumentFor(
                CE, Callee, Sum.ResultUnlessNull->Param);
            Arg && knownNonNull(Arg, S))
          return Sum.ResultUnlessNull->Value;
      if (const Expr *Arg = Sum.returnedArgument(CE, Callee))
        return evalInt(Arg, S, Depth + 1);
    }
  }
  return std::nullopt;
}

std::optional<Atom> FunctionAnalysis::textAtom(const TextTest &T) const {
  std::optional<Atom> A = atomOf(T.Str);
  if (!A || A->isPart())
    return std::nullopt;
  if (T.PointsToText) // the characters, not the pointer
    A->Deref = true;
  if (!keepsConstraints(*A))
    return std::nullopt;
  return A;
}

Tri FunctionAnalysis::evalTextTest(const TextTest &T, const State &S) const {
  auto Answer = [&](bool Equal) {
    return Equal == T.TrueWhenEqual ? Tri::True : Tri::False;
  };
  if (std::optional<TableTextTest> TT = tableTextTest(T)) {
    // The entries of a constant table: equal for the indices whose entry
    // holds the text, and only for them.
    if (auto I = S.Ints.find(TT->Index); I != S.Ints.end())
      return Answer(llvm::is_contained(TT->Matches, I->second));
    Range R = rangeOf(S, Atom{TT->Index});
    if (!R.Empty && llvm::none_of(TT->Matches, [&](int64_t K) {
          return K >= R.Lo && K <= R.Hi && !llvm::is_contained(R.Out, K);
        }))
      return Answer(false);
  }
  std::optional<Atom> A = textAtom(T);
  if (!A)
    return Tri::Unknown;
  auto First = S.Cons.lower_bound(ConsKey{*A, EqualsText, INT64_MIN});
  for (auto It = First; It != S.Cons.end() && std::get<0>(It->first) == *A &&
                        std::get<1>(It->first) == EqualsText;
       ++It) {
    bool Same = static_cast<uint64_t>(std::get<2>(It->first)) == T.Text;
    if (Same)
      return Answer(It->second);
    if (It->second) // it is another text
      return Answer(false);
  }
  return Tri::Unknown;
}

void FunctionAnalysis::assumeTextTest(const TextTest &T, bool Truth,
                                      State &S) const {
  // Equal to the one entry of a constant table that holds the text: the
  // index is that entry's (a later turn of the loop, past it, finds
  // another).
  if (Truth == T.TrueWhenEqual)
    if (std::optional<TableTextTest> TT = tableTextTest(T);
        TT && TT->Matches.size() == 1 && AtomCount.count(TT->Index))
      S.Ints[TT->Index] = TT->Matches.front();
  if (std::optional<Atom> A = textAtom(T))
    S.Cons[ConsKey{*A, EqualsText, static_cast<int64_t>(T.Text)}] =
        Truth == T.TrueWhenEqual;
}

Tri FunctionAnalysis::evalComparison(const ConstComparison &Cmp, State &S,
                                     unsigned Depth) {
  const Expr *X = Cmp.X;
  BinaryOperatorKind Op = Cmp.Op;
  const std::optional<int64_t> &C = Cmp.C;
  // What a parameter holds is decided by the caller: by the
  // constraints and known arguments below, not by an acquisition.
  if (auto V = valueOf(X, S); V && !isParamValue(S, *V)) {
    auto It = S.Vals.find(*V);
    if (It != S.Vals.end() && It->second.St != Status::Param) {
      const Acquirer *A = Eng.acquirerAt(It->second.Acq);
      // The resource where it was delivered is the resource (valid, or
      // not); the call's result is its status.
      bool Status = A->isStatus() && !readsDelivered(X, *V, S);
      bool Failed = It->second.Null == Nullness::Null;
      if (It->second.Null != Nullness::Unknown)
        return Status ? compareOutcome(A->Failure, true, Op, *C, Failed)
                      : compareFailed(Op, failureInt(A->Failure), *C, Failed);
      // Undecided, but compared before (narrowOutcomes).
      if (std::optional<Atom> At = atomOf(assignedTo(X)))
        if (auto R = lookupCons(S, *At, Op, *C))
          return *R ? Tri::True : Tri::False;
    }
    return Tri::Unknown;
  }
  if (std::optional<int64_t> XV = evalInt(X, S, Depth + 1);
      XV && BinaryOperator::isComparisonOp(Op))
    return compareInts(Op, *XV, *C) ? Tri::True : Tri::False;
  if (std::optional<Atom> A = atomOf(X))
    if (auto R = lookupCons(S, *A, Op, *C))
      return *R ? Tri::True : Tri::False;
  return Tri::Unknown;
}

Tri FunctionAnalysis::evalCond(const Expr *E, State &S, unsigned Depth) {
  if (Depth > 8)
    return Tri::Unknown;
  E = strip(testedCondition(E));
  if (std::optional<TextTest> T = textTest(E))
    if (Tri R = evalTextTest(*T, S); R != Tri::Unknown)
      return R;
  if (const ObligationHooks *Hooks = Eng.hooks())
    if (const Expr *Op = Hooks->testsLive(E)) {
      std::optional<unsigned> V = valueOf(Op, S);
      if (!isHookValue(S, V))
        return Tri::Unknown;
      return S.Vals.find(*V)->second.St == Status::Owned ? Tri::True
                                                          : Tri::False;
    }
  if (const auto *IC = dyn_cast<ImplicitCastExpr>(E);
      IC && (IC->getCastKind() == CK_PointerToBoolean ||
             IC->getCastKind() == CK_IntegralToBoolean ||
             IC->getCastKind() == CK_LValueToRValue ||
             IC->getCastKind() == CK_NoOp))
    return evalCond(IC->getSubExpr(), S, Depth + 1);
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_LNot) {
    Tri T = evalCond(UO->getSubExpr(), S, Depth + 1);
    return T == Tri::Unknown ? T : (T == Tri::True ? Tri::False : Tri::True);
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_LAnd || BO->getOpcode() == BO_LOr) {
      Tri L = evalCond(BO->getLHS(), S, Depth + 1);
      bool And = BO->getOpcode() == BO_LAnd;
      if (L == (And ? Tri::False : Tri::True))
        return L;
      Tri R = evalCond(BO->getRHS(), S, Depth + 1);
      if (R == (And ? Tri::False : Tri::True))
        return R;
      if (L == Tri::Unknown || R == Tri::Unknown)
        return Tri::Unknown;
      return R;
    }
    if (tiedTests(BO)) {
      Tri L = evalCond(BO->getLHS(), S, Depth + 1);
      Tri R = L == Tri::Unknown ? L : evalCond(BO->getRHS(), S, Depth + 1);
      if (R == Tri::Unknown)
        return Tri::Unknown;
      return (L == R) == (BO->getOpcode() == BO_EQ) ? Tri::True : Tri::False;
    }
    if (BO->isComparisonOp()) {
      ConstComparison Cmp = comparisonOf(BO);
      if (Cmp.C)
        return evalComparison(Cmp, S, Depth);
      BinaryOperatorKind Op = Cmp.Op;
      // Two atoms a counting loop left equal (Explorer: followBranch), a
      // counter and the number it started from.
      if (!RelAtoms.empty()) {
        std::optional<Atom> L = atomOf(BO->getLHS());
        std::optional<Atom> R = atomOf(BO->getRHS());
        if (L && R)
          if (std::optional<int> Ord = knownOrder(S, *L, *R))
            return compareInts(Op, *Ord, 0) ? Tri::True : Tri::False;
      }
      // Two numbers the path knows (`i <= n` where `n = 1`). Only both: a
      // counter compared with a bound nobody set (`c < limit`) stays
      // undecided on every turn, so that a loop that may run zero times is
      // seen as one (LeakReporter).
      if (BO->getLHS()->getType()->isIntegralOrEnumerationType() &&
          BO->getRHS()->getType()->isIntegralOrEnumerationType())
        if (std::optional<int64_t> R = evalInt(BO->getRHS(), S, Depth + 1))
          if (std::optional<int64_t> L = evalInt(BO->getLHS(), S, Depth + 1))
            return compareInts(BO->getOpcode(), *L, *R) ? Tri::True
                                                        : Tri::False;
      // Pointers, and descriptors: a fresh one is none of the descriptors
      // the function was given (`if (fd != wrapped_fd) close(fd);`).
      if ((Op == BO_EQ || Op == BO_NE) &&
          (BO->getLHS()->getType()->isPointerType() ||
           BO->getLHS()->getType()->isIntegerType()))
        if (std::optional<bool> Same =
                sameObject(BO->getLHS(), BO->getRHS(), S))
          return *Same == (Op == BO_EQ) ? Tri::True : Tri::False;
    }
  }
  if (std::optional<ConstComparison> Cmp = predicateCall(E, Ctx))
    return evalComparison(*Cmp, S, Depth);
  // `out.empty()` of a local container the path put an element into that
  // is still there (`out.push_back(new T); .. if (out.empty()) throw ..;`).
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E);
      MC && MC->getMethodDecl() && MC->getMethodDecl()->getIdentifier() &&
      MC->getMethodDecl()->getName() == "empty" && MC->getNumArgs() == 0 &&
      containerShape(MC->getImplicitObjectArgument()->getType()) !=
          ContainerShape::None)
    if (std::optional<Loc> C = locOf(MC->getImplicitObjectArgument(), S);
        C && isLocal(*C) && C->Path.empty())
      for (auto It = S.Store.lower_bound(*C);
           It != S.Store.end() && It->first.Base == C->Base; ++It)
        if (!It->first.Path.empty() && isElementMark(It->first.Path.front()))
          return Tri::False;
  if (auto V = valueOf(E, S); V && !isParamValue(S, *V)) {
    auto It = S.Vals.find(*V);
    if (It != S.Vals.end() && It->second.St != Status::Param &&
        isZeroOnSuccess(E, *V, *Eng.acquirerAt(It->second.Acq), S) &&
        It->second.Null != Nullness::Unknown)
      return It->second.Null == Nullness::Null ? Tri::True : Tri::False;
    if (It != S.Vals.end() && It->second.St != Status::Param &&
        E->getType()->isPointerType()) {
      if (It->second.Null == Nullness::Null)
        return Tri::False;
      if (It->second.Null == Nullness::NonNull)
        return Tri::True;
    }
    return Tri::Unknown;
  }
  if (std::optional<int64_t> I = evalInt(E, S, Depth + 1))
    return *I ? Tri::True : Tri::False;
  if (E->getType()->isPointerType())
    if (std::optional<Atom> A = atomOf(E); A && !A->isPart()) {
      auto It = S.Ints.find(A->Base);
      if (It != S.Ints.end())
        return It->second ? Tri::True : Tri::False;
    }
  if (std::optional<Atom> A = atomOf(E))
    if (auto R = lookupCons(S, *A, BO_NE, 0))
      return *R ? Tri::True : Tri::False;
  return Tri::Unknown;
}

const BinaryOperator *FunctionAnalysis::tiedTests(const Expr *Cond) {
  auto IsTest = [](const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *BO = dyn_cast<BinaryOperator>(E))
      return BO->isComparisonOp() || BO->isLogicalOp();
    const auto *UO = dyn_cast<UnaryOperator>(E);
    return UO && UO->getOpcode() == UO_LNot;
  };
  const auto *BO = dyn_cast<BinaryOperator>(strip(Cond)->IgnoreParenImpCasts());
  if (!BO || (BO->getOpcode() != BO_EQ && BO->getOpcode() != BO_NE) ||
      !IsTest(BO->getLHS()) || !IsTest(BO->getRHS()))
    return nullptr;
  return BO;
}

bool FunctionAnalysis::assumeTied(const BinaryOperator *Tie, bool Truth,
                                  bool Left, State &S, std::string &Note,
                                  bool &Undecided) {
  bool Right = (Tie->getOpcode() == BO_EQ) == Truth ? Left : !Left;
  std::string N1, N2;
  if (!assume(Tie->getLHS(), Left, S, N1, Undecided) ||
      !assume(Tie->getRHS(), Right, S, N2, Undecided))
    return false;
  llvm::StringRef Second(N2);
  if (N1.empty() || !Second.consume_front("assuming "))
    Note = N1.empty() ? N2 : N1;
  else
    Note = N1 + " and " + Second.str();
  NoteAt = Tie;
  return true;
}

bool FunctionAnalysis::assume(const Expr *E, bool Truth, State &S,
                              std::string &Note, bool &Undecided,
                              unsigned Depth) {
  Tri T = evalCond(E, S);
  if (T != Tri::Unknown)
    return (T == Tri::True) == Truth;
  if (Depth > 8)
    return true;
  Undecided = true;
  E = strip(testedCondition(E));
  NoteAt = E;
  if (std::optional<TextTest> T = textTest(E))
    assumeTextTest(*T, Truth, S);
  if (const auto *IC = dyn_cast<ImplicitCastExpr>(E);
      IC && (IC->getCastKind() == CK_PointerToBoolean ||
             IC->getCastKind() == CK_IntegralToBoolean ||
             IC->getCastKind() == CK_LValueToRValue ||
             IC->getCastKind() == CK_NoOp))
    return assume(IC->getSubExpr(), Truth, S, Note, Undecided, Depth + 1);
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_LNot) {
    bool R = assume(UO->getSubExpr(), !Truth, S, Note, Undecided, Depth + 1);
    // The note is read at the whole condition: a note about it (not about a
    // named operand) takes its polarity.
    if (llvm::StringRef(Note).starts_with("assuming the condition is "))
      Note = "assuming the condition is " + std::string(Truth ? "true" : "false");
    NoteAt = E;
    return R;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    bool And = BO->getOpcode() == BO_LAnd, Or = BO->getOpcode() == BO_LOr;
    if ((And && Truth) || (Or && !Truth)) {
      std::string N1, N2;
      const Expr *Before = NoteAt;
      bool Ok = assume(BO->getLHS(), Truth, S, N1, Undecided, Depth + 1);
      const Expr *At1 = NoteAt;
      Ok = Ok && assume(BO->getRHS(), Truth, S, N2, Undecided, Depth + 1);
      if (!N1.empty() && N2.empty()) {
        Note = N1;
        NoteAt = At1;
      } else if (N1.empty() && !N2.empty()) {
        Note = N2;
      } else {
        Note = "assuming the condition is " + std::string(Truth ? "true" : "false");
        NoteAt = Before;
      }
      return Ok;
    }
    if (And || Or) {
      Note = "assuming the condition is " + std::string(Truth ? "true" : "false");
      return true;
    }
    if (BO->isComparisonOp())
      if (std::optional<bool> R =
              assumeComparison(knownComparison(BO, S), Truth, S, Note))
        return *R;
    if ((BO->getOpcode() == BO_EQ) == Truth)
      assumeSamePointer(BO, S);
  }
  if (std::optional<ConstComparison> Cmp = predicateCall(E, Ctx))
    if (std::optional<bool> R = assumeComparison(*Cmp, Truth, S, Note))
      return *R;
  std::optional<unsigned> V = valueOf(E, S);
  if (V && !isParamValue(S, *V))
    return assumeValue(E, *V, Truth, S, Note);
  if (E->getType()->isPointerType()) {
    noteCellNull(V, S, !Truth);
    if (!Truth && !V && allocatedJustBefore(E))
      AssumedOutOfMemory = true;
  }
  if (std::optional<Atom> A = atomOf(E)) {
    if (keepsConstraints(*A))
      S.Cons[ConsKey{*A, BO_EQ, 0}] = !Truth;
    noteParamNull(*A, !Truth, S);
    std::string Name = atomName(*A, E);
    QualType T = A->Call || A->Deref ? E->getType()
                 : A->Field ? A->Field->getType()
                            : A->Base->getType();
    if (T->isPointerType())
      Note = "assuming " + Name + (Truth ? " is non-null" : " is null");
    else if (T->isBooleanType())
      Note = "assuming " + Name + (Truth ? " is true" : " is false");
    else
      Note = "assuming " + Name + (Truth ? " is not 0" : " is 0");
    return true;
  }
  Note = "assuming the condition is " + std::string(Truth ? "true" : "false");
  return true;
}

void FunctionAnalysis::assumeSamePointer(const BinaryOperator *BO, State &S) {
  if ((BO->getOpcode() != BO_EQ && BO->getOpcode() != BO_NE) ||
      !BO->getLHS()->getType()->isPointerType())
    return;
  // `cluster == head` assumed true, where `cluster` holds a pointer the path
  // does not know (read from a field nobody wrote) and `head` a block it
  // tracks: from here on `cluster` is that block, and releasing it releases
  // the block.
  auto UnknownLocal = [&](const Expr *E) -> const VarDecl * {
    const auto *DR = dyn_cast<DeclRefExpr>(strip(E)->IgnoreParenCasts());
    const auto *VD = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
    if (!VD || !VD->hasLocalStorage() || isa<ParmVarDecl>(VD) ||
        VD->getType()->isReferenceType() || S.Refs.count(VD) ||
        valueOf(E, S))
      return nullptr;
    return VD;
  };
  auto Tracked = [&](const Expr *E) -> std::optional<unsigned> {
    std::optional<unsigned> V = valueOf(E, S);
    if (!V || isParamValue(S, *V))
      return std::nullopt;
    auto It = S.Vals.find(*V);
    if (It == S.Vals.end() || It->second.St != Status::Owned)
      return std::nullopt;
    return V;
  };
  const Expr *L = BO->getLHS(), *R = BO->getRHS();
  for (int Turn = 0; Turn < 2; ++Turn, std::swap(L, R))
    if (const VarDecl *VD = UnknownLocal(L))
      if (std::optional<unsigned> V = Tracked(R)) {
        S.Store[Loc{VD, {}}] = *V;
        return;
      }
}

std::optional<bool> FunctionAnalysis::assumeComparison(const ConstComparison &Cmp,
                                                      bool Truth, State &S,
                                                      std::string &Note) {
  const Expr *X = Cmp.X;
  BinaryOperatorKind Op = Cmp.Op;
  std::optional<int64_t> C = Cmp.C;
  if (!C)
    return std::nullopt;
  std::string Name = describe(X, Ctx);
  std::optional<unsigned> V = valueOf(X, S);
  if (V && !isParamValue(S, *V)) {
    auto It = S.Vals.find(*V);
    if (It != S.Vals.end() && It->second.St != Status::Param) {
      // An unsigned status at most 0 is 0 (`if (unserialize(..) <= 0)`).
      if (*C == 0 && X->getType()->isUnsignedIntegerType()) {
        if (Op == BO_LE)
          Op = BO_EQ;
        else if (Op == BO_GT)
          Op = BO_NE;
      }
      const Acquirer *A = Eng.acquirerAt(It->second.Acq);
      // The resource itself, read where it was delivered (`fd` after
      // `make_sock(&fd)`), not the status the call returned: it is valid
      // unless null or negative, whatever the status says.
      FailureValue Failure = A->Failure;
      bool Delivered = A->OutArg >= 0 && readsDelivered(X, *V, S);
      if (Delivered)
        Failure = X->getType()->isPointerType() ? FailureValue::Null
                                                : FailureValue::MinusOne;
      bool Code = Failure == FailureValue::ErrorCode ||
                  Failure == FailureValue::NegativeErrorCode;
      bool Status = A->isStatus() && !Delivered;
      Tri IfFailed = compareOutcome(Failure, Status, Op, *C, true);
      Tri IfOk = compareOutcome(Failure, Status, Op, *C, false);
      bool CanFail = Failure != FailureValue::None &&
                     It->second.Null != Nullness::NonNull;
      bool FailOk = CanFail && IfFailed != (Truth ? Tri::False : Tri::True);
      bool SuccOk = It->second.Null != Nullness::Null &&
                    IfOk != (Truth ? Tri::False : Tri::True);
      narrowOutcomes(X, Failure, Status, Op, *C, Truth, S, FailOk, SuccOk);
      if (FailOk && !SuccOk) {
        It->second.Null = Nullness::Null;
        noteAllocationFailed(S, *A);
      } else if (SuccOk && !FailOk)
        It->second.Null = Nullness::NonNull;
      TestedAcquisition = true;
      if (!FailOk && !SuccOk)
        return false;
      bool IsPtr = X->getType()->isPointerType() &&
                   Failure != FailureValue::MapFailed &&
                   Failure != FailureValue::MinusOne &&
                   Failure != FailureValue::MinusOneElseZero;
      if (!Name.empty() && Code)
        Note = "assuming " + Name +
               (It->second.Null == Nullness::Null
                    ? " is an error code"
                    : It->second.Null == Nullness::NonNull
                          ? " is 0"
                          : std::string(" satisfies the condition"));
      else if (!Name.empty())
        Note = "assuming " + Name +
               (It->second.Null == Nullness::Null
                    ? (IsPtr ? " is null" : A->StatusOnly ? " says it failed" : " is invalid")
                    : It->second.Null == Nullness::NonNull
                          ? (IsPtr ? " is non-null" : A->StatusOnly ? " says it succeeded" : " is valid")
                          : std::string(" satisfies the condition"));
      return true;
    }
    return true;
  }
  if (std::optional<Atom> A = atomOf(X)) {
    if (keepsConstraints(*A))
      keepComparison(S, *A, Op, *C, Truth);
    bool Eq = (Op == BO_EQ && Truth) || (Op == BO_NE && !Truth);
    bool Ne = (Op == BO_NE && Truth) || (Op == BO_EQ && !Truth);
    if (Eq || Ne) {
      if (X->getType()->isPointerType() && *C == 0) {
        noteCellNull(V, S, Eq);
        noteParamNull(*A, Eq, S);
        Note = "assuming " + Name + (Eq ? " is null" : " is non-null");
      } else {
        Note = "assuming " + Name + (Eq ? " is " : " is not ") +
               std::to_string(*C);
      }
    } else {
      Note = relNote(Name, Op, Truth, *C);
    }
    return true;
  }
  if (!Name.empty() && Op != BO_EQ && Op != BO_NE) {
    Note = relNote(Name, Op, Truth, *C);
    return true;
  }
  return std::nullopt;
}

bool FunctionAnalysis::keepComparison(State &S, const Atom &A,
                                      BinaryOperatorKind Op, int64_t C,
                                      bool Truth) {
  if (Op != BO_EQ && Op != BO_NE) {
    S.Cons[ConsKey{A, Op, C}] = Truth;
    return true;
  }
  // `x != k` for every k of a long `else if (x == k)` chain or switch would
  // make each state, and each fork, as long as the chain: a few are kept,
  // which is what correlated tests need.
  bool Eq = (Op == BO_EQ) == Truth;
  if (!Eq && constraintsOn(S, A) >= MaxFactsPerAtom)
    return false;
  S.Cons[ConsKey{A, BO_EQ, C}] = Eq;
  return true;
}

void FunctionAnalysis::narrowOutcomes(const Expr *X, FailureValue Failure,
                                      bool Status, BinaryOperatorKind Op,
                                      int64_t C, bool Truth, State &S,
                                      bool &FailOk, bool &SuccOk) {
  // A number an acquisition returned, compared more than once: `ret <= 0`
  // and then not `ret == 0` leave only -1, the failure of `vasprintf`. The
  // comparisons are kept on the variable, and each outcome stays possible
  // while some number of it satisfies them all.
  std::optional<Atom> At = atomOf(assignedTo(X));
  auto Failed = outcomeInterval(Failure, Status, true);
  auto Ok = outcomeInterval(Failure, Status, false);
  if (!At || !keepsConstraints(*At) || !Failed || !Ok)
    return;
  if (!keepComparison(S, *At, Op, C, Truth))
    return;
  Range R = rangeOf(S, *At);
  if (R.Empty)
    return;
  auto Meets = [&](std::pair<int64_t, int64_t> I) {
    int64_t Lo = std::max(I.first, R.Lo), Hi = std::min(I.second, R.Hi);
    while (Lo < Hi && llvm::is_contained(R.Out, Lo))
      ++Lo;
    return Lo <= Hi && !llvm::is_contained(R.Out, Lo);
  };
  FailOk = FailOk && Meets(*Failed);
  SuccOk = SuccOk && Meets(*Ok);
}

bool FunctionAnalysis::readsDelivered(const Expr *X, unsigned V, State &S) {
  auto It = DeliveredInto.find(V);
  if (It == DeliveredInto.end())
    return false;
  std::optional<Loc> L = locOf(X->IgnoreParenImpCasts(), S);
  return L && *L == It->second;
}

bool FunctionAnalysis::isZeroOnSuccess(const Expr *E, unsigned V,
                                       const Acquirer &A, State &S) {
  // The resource read where it was delivered (`p` after
  // `posix_memalign(&p, ..)`) is not the status the call returned.
  if (A.OutArg >= 0 && readsDelivered(E, V, S))
    return false;
  return A.Failure == FailureValue::ErrorCode ||
         A.Failure == FailureValue::NegativeErrorCode ||
         (A.Failure == FailureValue::MinusOneElseZero && A.isStatus());
}

void FunctionAnalysis::noteCellNull(std::optional<unsigned> V, State &S,
                                    bool Null) {
  // What a cell held on entry is the caller's: the path now knows whether
  // there was anything to lose.
  if (!V)
    return;
  if (auto It = S.Vals.find(*V); It != S.Vals.end() && cellOf(It->second))
    It->second.Null = Null ? Nullness::Null : Nullness::NonNull;
}

uint32_t FunctionAnalysis::paramBit(const ValueDecl *VD) const {
  const auto *P = dyn_cast_or_null<ParmVarDecl>(VD);
  unsigned I = P ? P->getFunctionScopeIndex() : 32;
  return I < 32 && I < FD->getNumParams() && FD->getParamDecl(I) == P
             ? 1u << I
             : 0;
}

void FunctionAnalysis::noteParamNull(const Atom &A, bool Null, State &S) {
  if (!SummaryMode || A.isPart() || A.Sub ||
      !A.Base->getType()->isPointerType())
    return;
  uint32_t Bit = paramBit(A.Base);
  S.NullParams = Null ? S.NullParams | Bit : S.NullParams & ~Bit;
}

bool FunctionAnalysis::allocatedJustBefore(const Expr *E) const {
  if (!BranchBlock)
    return false;
  llvm::FoldingSetNodeID Tested;
  strip(E)->IgnoreParenImpCasts()->Profile(Tested, Ctx, /*Canonical=*/true);
  for (const CFGElement &El : *BranchBlock) {
    std::optional<CFGStmt> CS = El.getAs<CFGStmt>();
    const auto *BO = CS ? dyn_cast<BinaryOperator>(CS->getStmt()) : nullptr;
    if (!BO || BO->getOpcode() != BO_Assign)
      continue;
    const auto *CE = dyn_cast<CallExpr>(BO->getRHS()->IgnoreParenCasts());
    const Acquirer *A = CE ? Eng.acquirerOf(CE->getDirectCallee()) : nullptr;
    if (!A || A->Kind != ResourceKind::Memory || A->isStatus())
      continue;
    llvm::FoldingSetNodeID Stored;
    BO->getLHS()->IgnoreParenImpCasts()->Profile(Stored, Ctx,
                                                 /*Canonical=*/true);
    if (Stored == Tested)
      return true;
  }
  return false;
}

void FunctionAnalysis::noteAllocationFailed(State &S, const Acquirer &A) {
  // A block, or a callee's status that says it ran out of memory.
  if (A.Kind != ResourceKind::Memory ||
      (A.isStatus() && !A.FailsOnlyOutOfMemory))
    return;
  AssumedOutOfMemory = true;
  if (TracksParamsGone)
    S.AllocFailed = true;
}

bool FunctionAnalysis::assumeValue(const Expr *E, unsigned V, bool Truth,
                                   State &S, std::string &Note) {
  auto It = S.Vals.find(V);
  // A pointer is null on failure, whatever the acquirer's own failure
  // value: a helper that returns what posix_memalign delivered returns
  // null when it failed. A number tests the status: `if (rc)`,
  // `if (pthread_create(...))` is true on failure; `if (make(&p))` of a
  // function that returns 0 when it delivers nothing (FunctionSummary::Out)
  // is true when it delivered.
  const Acquirer *A = It != S.Vals.end() && It->second.St != Status::Param
                          ? Eng.acquirerAt(It->second.Acq)
                          : nullptr;
  // `int make(char **out)` returning 0 when it delivered, -1 if not: a
  // non-zero status is a failure, as an error code is.
  bool ErrorCode = A && isZeroOnSuccess(E, V, *A, S);
  bool MinusOneStatus =
      ErrorCode && A->Failure == FailureValue::MinusOneElseZero;
  bool ZeroIfNone = A && A->isStatus() && A->Failure == FailureValue::Null;
  if (!E->getType()->isPointerType() && (ErrorCode || ZeroIfNone)) {
    bool Failed = ErrorCode ? Truth : !Truth;
    It->second.Null = Failed ? Nullness::Null : Nullness::NonNull;
    TestedAcquisition = true;
    if (Failed)
      noteAllocationFailed(S, *A);
    std::string Name = describe(E, Ctx);
    if (!Name.empty())
      Note = "assuming " + Name +
             (MinusOneStatus ? (Truth ? " is -1" : " is 0")
              : ErrorCode    ? (Truth ? " is an error code" : " is 0")
                             : (Truth ? " succeeded" : " failed"));
    return true;
  }
  // The status of a call delivering through `*out` that returns -1 when it
  // failed: 0 says it delivered; any other number may be -1 or a count.
  if (A && A->isStatus() && A->Failure == FailureValue::MinusOne && !Truth &&
      !E->getType()->isPointerType() && !readsDelivered(E, V, S)) {
    if (It->second.Null == Nullness::Null)
      return false;
    It->second.Null = Nullness::NonNull;
    TestedAcquisition = true;
  }
  if (It != S.Vals.end() && It->second.St != Status::Param &&
      E->getType()->isPointerType()) {
    const Acquirer *A = Eng.acquirerAt(It->second.Acq);
    if (!Truth && A->Failure == FailureValue::None)
      return false;
    It->second.Null = Truth ? Nullness::NonNull : Nullness::Null;
    TestedAcquisition = true;
    if (!Truth)
      noteAllocationFailed(S, *A);
  }
  std::string Name = describe(E, Ctx);
  if (!Name.empty())
    Note = "assuming " + Name + (Truth ? " is non-null" : " is null");
  return true;
}

} // namespace clang::tidy::leaklint::ownership::detail
