//===--- Store.cpp - locations and the values they hold ------------------===//
//
// A location is a local, a parameter, `this` or a global with a path of
// fields, constant indices and dereferences below it (ProgramState.h). Reads
// follow casts that keep a value's identity, pointer arithmetic, the values
// of subexpressions evaluated earlier in the full expression, and in summary
// mode create the values that stand for what the caller passed.
//
//===----------------------------------------------------------------------===//

#include "AstHelpers.h"
#include "ContainerModel.h"
#include "FunctionAnalysis.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::leaklint::ownership::detail {

std::optional<unsigned> FunctionAnalysis::createValue(State &S,
                                                      const Acquirer *A,
                                                      const Stmt *Site,
                                                      Nullness N) {
  unsigned Base = siteIndex(Site) * 4;
  for (unsigned G = 0; G < 4; ++G) {
    if (S.Vals.count(Base + G))
      continue;
    S.Vals[Base + G] = {Base + G, Eng.acquirerIndex(A), Status::Owned, N};
    return Base + G;
  }
  S.LostTrack = true; // too many live values of one site
  return std::nullopt;
}

bool FunctionAnalysis::isLocal(const Loc &L) const {
  const auto *VD = dyn_cast_or_null<VarDecl>(L.Base);
  return VD && VD->hasLocalStorage() && !L.hasDeref();
}

bool FunctionAnalysis::isTracked(const Loc &L) const {
  return isLocal(L) || L.isHeap() || isCell(L);
}

std::optional<Loc> FunctionAnalysis::heapBlockOf(const Expr *Ptr, State &S) {
  // Only memory (allocated or mapped): a FILE or a thread is not a block
  // whose fields we follow.
  std::optional<unsigned> V = valueOf(Ptr, S);
  if (!V)
    return std::nullopt;
  auto It = S.Vals.find(*V);
  if (It == S.Vals.end() || It->second.St != Status::Owned)
    return std::nullopt;
  ResourceKind K = Eng.acquirerAt(It->second.Acq)->Kind;
  if (K != ResourceKind::Memory && K != ResourceKind::Mapping)
    return std::nullopt;
  return Loc::heap(*V);
}

std::optional<unsigned> FunctionAnalysis::paramValue(State &S, const Loc &L,
                                                     bool Scalar) {
  // Summary mode: whatever a parameter points to, or holds, is the caller's.
  const auto *P = dyn_cast_or_null<ParmVarDecl>(L.Base);
  bool IsThis = L.Base == FD;
  if (!SummaryMode || (!P && !IsThis) || isMemberCell(L))
    return std::nullopt;
  auto It = S.Store.find(L);
  if (It != S.Store.end())
    return It->second;
  unsigned Idx = IsThis ? FD->getNumParams() : P->getFunctionScopeIndex();
  // What is read through it (`c->buf`, `*pp`, a field of `this` or of the
  // object a reference names) is the caller's as well, but not the
  // parameter itself: handed on, it takes what the caller's block holds
  // along (PointeeEscapes), not the block. A reference parameter read whole
  // (`Loc{r, {Deref}}`) is the caller's object itself.
  bool Through;
  if (IsThis)
    Through = !L.Path.empty();
  else if (P->getType()->isReferenceType())
    Through = L.Path.size() > 1 || (Scalar && L.hasDeref());
  else
    Through = L.hasDeref();
  unsigned Id = paramValueId(Idx, Through);
  S.Vals[Id] = {Id, Idx, Status::Param, Nullness::Unknown};
  S.Store[L] = Id;
  return Id;
}

bool FunctionAnalysis::isWholeReferenceParam(const Loc &L) {
  const auto *P = dyn_cast_or_null<ParmVarDecl>(L.Base);
  return P && !L.isHeap() && P->getType()->isReferenceType() &&
         L.Path.size() == 1 && L.hasDeref();
}

std::optional<Loc> FunctionAnalysis::locOf(const Expr *E, State &S) {
  E = strip(E);
  // `keep(std::move(p))` gives `p` itself.
  if (const Expr *Same = castToReferenceOf(E))
    return locOf(Same, S);
  if (const auto *CE = dyn_cast<CallExpr>(E))
    return elementLoc(CE, S); // `v[2]`, `m.at(k)`: an element of a container
  if (const auto *IC = dyn_cast<ImplicitCastExpr>(E)) {
    if (IC->getCastKind() == CK_NoOp || IC->getCastKind() == CK_LValueToRValue)
      return locOf(IC->getSubExpr(), S);
    // `const Base &b = sink;`: the base part of the object is the object,
    // as its fields are (`sink.baseField` names them through the same cast).
    if ((IC->getCastKind() == CK_DerivedToBase ||
         IC->getCastKind() == CK_UncheckedDerivedToBase) &&
        IC->isGLValue())
      return locOf(IC->getSubExpr(), S);
  }
  // C++: `a = b` and `a += n` are lvalues that name `a`.
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->isAssignmentOp() && BO->isLValue())
    return locOf(BO->getLHS(), S);
  if (const auto *DR = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
    if (!VD)
      return std::nullopt;
    if (VD->getType()->isReferenceType()) {
      auto It = S.Refs.find(VD);
      if (It != S.Refs.end())
        return It->second;
      if (isa<ParmVarDecl>(VD))
        return Loc{VD, {DerefMark}};
      return std::nullopt;
    }
    // A global's cells are keyed by its first declaration, as summaries
    // name them.
    if (!VD->hasLocalStorage() &&
        Eng.cellGlobal(VD) != OwnershipEngine::Cell::No)
      return Loc{VD->getCanonicalDecl(), {}};
    return Loc{VD, {}};
  }
  auto Deref = [&](const Expr *Ptr) -> std::optional<Loc> {
    Ptr = strip(Ptr)->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(Ptr))
      return Loc{FD, {}};
    if (const auto *DR = dyn_cast<DeclRefExpr>(Ptr)) {
      auto It = S.Refs.find(DR->getDecl());
      if (It != S.Refs.end())
        return It->second;
      if (isa<ParmVarDecl>(DR->getDecl()))
        return Loc{DR->getDecl(), {DerefMark}};
      // `al = &levels[i]; al->map`: a field of some element, not of the
      // block's start.
      if (InteriorPointers.count(DR->getDecl()))
        return std::nullopt;
      return heapBlockOf(Ptr, S);
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(Ptr))
      if (UO->getOpcode() == UO_AddrOf)
        return locOf(UO->getSubExpr(), S);
    // `stack.top`, `*(stack.top++)`: some element of the block, not its
    // start.
    const Expr *Field = Ptr;
    if (const auto *UO = dyn_cast<UnaryOperator>(Ptr);
        UO && UO->isIncrementDecrementOp())
      Field = UO->getSubExpr()->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(Field);
        ME && InteriorPointers.count(ME->getMemberDecl()))
      return std::nullopt;
    // A block this function owns: its fields are locations of its own.
    return heapBlockOf(Ptr, S);
  };
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!Field)
      return std::nullopt;
    std::optional<Loc> B =
        ME->isArrow() ? Deref(ME->getBase()) : locOf(ME->getBase(), S);
    if (!B)
      return std::nullopt;
    B->Path.push_back(fieldMark(Field));
    return B;
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
    const Expr *Base = strip(AS->getBase());
    std::optional<Loc> B;
    if (const auto *IC = dyn_cast<ImplicitCastExpr>(Base);
        IC && IC->getCastKind() == CK_ArrayToPointerDecay)
      B = locOf(IC->getSubExpr(), S);
    else
      B = Deref(Base);
    std::optional<int64_t> I = evalInt(AS->getIdx(), S);
    if (!B || !I)
      return std::nullopt;
    B->Path.push_back(indexMark(*I));
    return B;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_Deref) {
      std::optional<Loc> B = Deref(UO->getSubExpr());
      if (B && !B->Path.empty() && B->Path.back() == DerefMark)
        return B;
      if (B) {
        // `*a` for a local array `a` is a[0].
        if (const auto *VD = dyn_cast_or_null<VarDecl>(B->Base);
            VD && B->Path.empty() && VD->getType()->isArrayType())
          B->Path.push_back(indexMark(0));
        return B;
      }
      // `*a` where a is a local array: decays to a pointer to a[0].
      const Expr *Sub = strip(UO->getSubExpr());
      if (const auto *IC = dyn_cast<ImplicitCastExpr>(Sub);
          IC && IC->getCastKind() == CK_ArrayToPointerDecay) {
        B = locOf(IC->getSubExpr(), S);
        if (B)
          B->Path.push_back(indexMark(0));
        return B;
      }
    }
  return std::nullopt;
}

std::optional<Loc> FunctionAnalysis::outLocation(const CallExpr *Call,
                                                 State &S) {
  if (const ObligationHooks *Hooks = Eng.hooks())
    if (const Expr *Out = Hooks->acquiresThrough(Call))
      return pointeeLoc(Out, S);
  // Only where the result reports failure: getline's does not say
  // anything about the buffer.
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (const Acquirer *A = Model.acquirerFor(Callee))
    return A->OutArg >= 0 && A->Failure != FailureValue::None &&
                   static_cast<unsigned>(A->OutArg) < Call->getNumArgs()
               ? pointeeLoc(Call->getArg(A->OutArg), S)
               : std::nullopt;
  // `get(&p)`, whose block the function frees (ReleasedResults.h).
  if (const Acquirer *A = Eng.freedOutputAcquirer(Call, FD))
    return pointeeLoc(Call->getArg(A->OutArg), S);
  if (!Callee || !Eng.hasSummary(Callee))
    return std::nullopt;
  const FunctionSummary &Sum = Eng.summary(Callee);
  unsigned First = objectArguments(Call, Callee);
  if (!Sum.Out || Sum.Out->Failure == FailureValue::None ||
      Sum.Out->Param >= Callee->getNumParams() ||
      Sum.Out->Param + First >= Call->getNumArgs())
    return std::nullopt;
  const Expr *Out = Call->getArg(Sum.Out->Param + First);
  return Callee->getParamDecl(Sum.Out->Param)->getType()->isReferenceType()
             ? locOf(Out, S)
             : pointeeLoc(Out, S);
}

std::optional<Loc> FunctionAnalysis::pointeeLoc(const Expr *Ptr, State &S) {
  if (const auto *UO = dyn_cast<UnaryOperator>(strip(Ptr)->IgnoreParenCasts());
      UO && UO->getOpcode() == UO_AddrOf)
    return locOf(UO->getSubExpr(), S);
  return std::nullopt;
}

void FunctionAnalysis::paramBlockOf(const Expr *Part, State &S,
                                    llvm::SmallVectorImpl<unsigned> &Out) {
  const auto *ME = dyn_cast<MemberExpr>(strip(Part)->IgnoreParenImpCasts());
  while (ME && !ME->isArrow())
    ME = dyn_cast<MemberExpr>(strip(ME->getBase())->IgnoreParenImpCasts());
  if (!ME)
    return;
  if (std::optional<unsigned> V = valueOf(ME->getBase(), S);
      V && isParamValue(S, *V) && !llvm::is_contained(Out, *V))
    Out.push_back(*V);
}

std::optional<unsigned> FunctionAnalysis::valueOf(const Expr *E, State &S) {
  while (true) {
    E = strip(E);
    auto P = S.Pending.find(E);
    if (P != S.Pending.end())
      return P->second;
    // The status result of `pthread_create(&t, ...)` tested after its full
    // expression ended (`if (pthread_create(...) != 0)`): it stands for the
    // thread it created as long as `t` still holds that one.
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      if (std::optional<Loc> L = outLocation(Call, S)) {
        auto It = S.Store.find(*L);
        if (It != S.Store.end() && siteOf(It->second) == Call)
          return It->second;
      }
      // Likewise what it left in a field of a local (FieldDeliveries.cpp):
      // a value of the call's site (createValue) delivered there.
      if (auto Site = SiteIds.find(Call);
          Site != SiteIds.end() && !S.Regrown.count(Call))
        for (unsigned V = Site->second * 4, End = V + 4; V < End; ++V)
          if (auto D = DeliveredInto.find(V);
              D != DeliveredInto.end() && D->second.Path.size() == 1)
            if (auto It = S.Store.find(D->second);
                It != S.Store.end() && It->second == V)
              return V;
      // So is the status of a call that keeps what it is given only when
      // it succeeds (`if (list_add(l, p) < 0)`).
      if (std::optional<unsigned> St = statusOf(Call, S))
        return St;
    }
    if (const auto *CE = dyn_cast<CastExpr>(E)) {
      // An array member of a block points into the block, as `&p->list`
      // does: `return n->payload;` returns it.
      if (CE->getCastKind() == CK_ArrayToPointerDecay) {
        std::optional<Loc> L = locOf(CE->getSubExpr(), S);
        if (L && L->isHeap() && !L->Path.empty())
          return L->heapValue();
        return std::nullopt;
      }
      if (!keepsIdentity(CE->getCastKind()))
        return std::nullopt;
      // C++'s `c ? a : b` of two lvalues is an lvalue: the arm's value.
      if (CE->getCastKind() == CK_LValueToRValue &&
          !isa<AbstractConditionalOperator>(CE->getSubExpr()->IgnoreParens()))
        break;
      E = CE->getSubExpr();
      continue;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      if (BO->getOpcode() == BO_Assign) {
        E = BO->getLHS();
        break;
      }
      if (BO->getOpcode() == BO_Comma) {
        E = BO->getRHS();
        continue;
      }
      if ((BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub) &&
          BO->getType()->isPointerType()) {
        E = BO->getLHS()->getType()->isPointerType() ? BO->getLHS()
                                                     : BO->getRHS();
        continue;
      }
      if (BO->isCompoundAssignmentOp() && BO->getType()->isPointerType()) {
        E = BO->getLHS();
        break;
      }
      // `(uintptr_t)p + page`: an address kept as a number, moved within
      // its block (onetbb's coroutine stacks), or tagged in its low bits
      // (`(uintptr_t)p | kAllocated`, protobuf's tagged string pointer; `&
      // ~mask` takes the tag off). Not a descriptor plus one, nor the
      // difference of two addresses, a count.
      BinaryOperatorKind Op = BO->getOpcode();
      if ((Op == BO_Add || Op == BO_Sub || Op == BO_Or || Op == BO_And) &&
          BO->getLHS()->getType()->isIntegerType() &&
          BO->getRHS()->getType()->isIntegerType()) {
        auto Address = [&](const Expr *Side) -> std::optional<unsigned> {
          std::optional<unsigned> V = valueOf(Side, S);
          auto It = V ? S.Vals.find(*V) : S.Vals.end();
          if (It == S.Vals.end())
            return std::nullopt;
          // The caller's pointer made a number here (a summary).
          if (It->second.St == Status::Param) {
            const auto *Cast = dyn_cast<CastExpr>(strip(Side)->IgnoreParens());
            return Cast && Cast->getCastKind() == CK_PointerToIntegral
                       ? V
                       : std::nullopt;
          }
          ResourceKind K = Eng.acquirerAt(It->second.Acq)->Kind;
          if (K != ResourceKind::Memory && K != ResourceKind::Mapping)
            return std::nullopt;
          return V;
        };
        std::optional<unsigned> L = Address(BO->getLHS()),
                                R = Address(BO->getRHS());
        if (L.has_value() != R.has_value())
          return L ? L : R;
      }
      return std::nullopt;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->isIncrementDecrementOp() && UO->getType()->isPointerType()) {
        E = UO->getSubExpr();
        break;
      }
      // `&p->list`: a pointer into a block is the block (an intrusive list
      // gets it back with container_of).
      if (UO->getOpcode() == UO_AddrOf) {
        std::optional<Loc> L = locOf(UO->getSubExpr(), S);
        if (L && L->isHeap())
          return L->heapValue();
        // `&r` of a reference parameter: the caller's object.
        if (L && isWholeReferenceParam(*L))
          return paramValue(S, *L);
        // `&p->first` (`&m_first` of `this`) is the address of `*p`.
        if (const Expr *Obj = objectOfFirstMember(UO->getSubExpr(), Ctx)) {
          E = Obj;
          continue;
        }
        return std::nullopt;
      }
      if (UO->getOpcode() != UO_Deref)
        return std::nullopt;
      break;
    }
    if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E)) {
      // The arm this path took, when the engine could not decide `c`.
      if (auto Arm = S.Arms.find(CO); Arm != S.Arms.end()) {
        E = Arm->second ? CO->getTrueExpr() : CO->getFalseExpr();
        continue;
      }
      if (auto V = valueOf(CO->getTrueExpr(), S))
        return V;
      E = CO->getFalseExpr();
      continue;
    }
    if (isa<CXXThisExpr>(E))
      return paramValue(S, Loc{FD, {}});
    break;
  }
  std::optional<Loc> L = locOf(E, S);
  if (!L)
    return SummaryMode ? readThroughParamCopy(E, S) : std::nullopt;
  auto It = S.Store.find(*L);
  if (It != S.Store.end())
    return It->second;
  if (std::optional<unsigned> P = paramValue(
          S, *L, E->getType()->isIntegralOrEnumerationType()))
    return P;
  return cellValue(S, *L);
}

std::optional<unsigned> FunctionAnalysis::readThroughParamCopy(const Expr *E,
                                                               State &S) {
  // `int **pp = (int **)arg; int *data = *pp;`: what a parameter points
  // to, read through a local copy of it, is the caller's as well.
  E = strip(E)->IgnoreParenImpCasts();
  if (!E->getType()->isPointerType())
    return std::nullopt; // a number read through it is no resource
  const Expr *Ptr = nullptr;
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_Deref)
    Ptr = UO->getSubExpr();
  else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    Ptr = AS->getBase();
  else if (const auto *ME = dyn_cast<MemberExpr>(E); ME && ME->isArrow())
    Ptr = ME->getBase();
  if (!Ptr)
    return std::nullopt;
  std::optional<unsigned> V = valueOf(Ptr, S);
  std::optional<unsigned> Idx = V ? callerParam(S, *V) : std::nullopt;
  if (!Idx)
    return std::nullopt;
  // What the caller's block holds, not the block (as paramValue reads it).
  unsigned Id = paramValueId(*Idx, true);
  S.Vals.try_emplace(Id, Value{Id, *Idx, Status::Param, Nullness::Unknown});
  return Id;
}

void FunctionAnalysis::valuesUnder(const State &S, const Loc &Root,
                                   llvm::SmallVectorImpl<unsigned> &Out) const {
  Loc First = Root;
  First.Path.clear();
  for (auto It = S.Store.lower_bound(First);
       It != S.Store.end() && It->first.sameRoot(First); ++It)
    Out.push_back(It->second);
}

bool FunctionAnalysis::argValues(const Expr *Arg, State &S,
                                 llvm::SmallVectorImpl<unsigned> &Out) {
  // A record passed by value: look through its copy, when it is trivial or
  // the copy of a container (the elements are the same blocks).
  if (const auto *CC = dyn_cast<CXXConstructExpr>(strip(Arg)))
    if (CC->getNumArgs() == 1 && CC->getConstructor() &&
        (CC->getConstructor()->isCopyOrMoveConstructor()) &&
        (CC->getConstructor()->isTrivial() ||
         containerShape(CC->getType()) != ContainerShape::None))
      Arg = CC->getArg(0);
  const Expr *E = strip(Arg)->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf) {
    if (std::optional<Loc> L = locOf(UO->getSubExpr(), S)) {
      valuesUnder(S, *L, Out);
      if (L->isHeap()) // a pointer into a block hands the block over
        Out.push_back(L->heapValue());
      // `keep(&r)` of a reference parameter hands the caller's object on.
      if (isWholeReferenceParam(*L))
        if (std::optional<unsigned> V = paramValue(S, *L))
          Out.push_back(*V);
      return true;
    }
    return false;
  }
  // An array given as a pointer (through `T *` to `const T *` too, and
  // cast back: `(char **)args` of a `const char *args[]`).
  const Expr *Decayed = strip(Arg);
  while (const auto *CE = dyn_cast<CastExpr>(Decayed)) {
    if (CE->getCastKind() != CK_NoOp && CE->getCastKind() != CK_BitCast)
      break;
    Decayed = strip(CE->getSubExpr());
  }
  if (const auto *IC = dyn_cast<ImplicitCastExpr>(Decayed))
    if (IC->getCastKind() == CK_ArrayToPointerDecay) {
      if (std::optional<Loc> L = locOf(IC->getSubExpr(), S))
        valuesUnder(S, *L, Out);
      return true;
    }
  if (strip(Arg)->getType()->isRecordType()) {
    if (std::optional<Loc> L = locOf(Arg, S))
      if (L->isWholeVariable())
        valuesUnder(S, *L, Out);
  }
  allValuesOf(Arg, S, Out);
  return false;
}

void FunctionAnalysis::allValuesOf(const Expr *E, State &S,
                                   llvm::SmallVectorImpl<unsigned> &Out) {
  const Expr *X = strip(E)->IgnoreParenCasts();
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(X)) {
    allValuesOf(CO->getTrueExpr(), S, Out);
    allValuesOf(CO->getFalseExpr(), S, Out);
    return;
  }
  if (auto V = valueOf(E, S))
    Out.push_back(*V);
}

bool FunctionAnalysis::referenced(const State &S, unsigned Id) const {
  // A block that holds its own address (`n->next = n`) is not kept by it.
  for (const auto &[L, V] : S.Store)
    if (V == Id && !(L.isHeap() && L.heapValue() == Id))
      return true;
  for (const auto &[E, V] : S.Pending)
    if (V == Id)
      return true;
  return isStatusValue(S, Id);
}

std::string FunctionAnalysis::pathText(const Expr *Ptr,
                                       llvm::ArrayRef<uintptr_t> Path) const {
  std::string Text = Lexer::getSourceText(
                         CharSourceRange::getTokenRange(
                             strip(Ptr)->IgnoreParenImpCasts()->getSourceRange()),
                         SM, Ctx.getLangOpts())
                         .str();
  if (Text.empty() || Text.size() > 24 || Text.find('\n') != std::string::npos)
    return "";
  bool First = true;
  for (uintptr_t E : Path) {
    if ((E & 7) == 3) {
      Text += "[" + std::to_string(static_cast<int64_t>(E) >> 3) + "]";
    } else if (const FieldDecl *Field = fieldOfMark(E)) {
      if (!Field->getIdentifier())
        return "";
      Text += (First ? "->" : ".") + Field->getName().str();
    } else {
      return ""; // a union member or a dereference: no short name
    }
    First = false;
  }
  return Path.empty() ? "" : "'" + Text + "'";
}

void FunctionAnalysis::copyValues(const Loc &From, const Loc &To, State &S,
                                  bool Move) {
  llvm::SmallVector<std::pair<Loc, unsigned>, 4> Held;
  Loc Root = From;
  Root.Path.clear();
  for (auto It = S.Store.lower_bound(Root);
       It != S.Store.end() && It->first.sameRoot(Root);) {
    const std::vector<uintptr_t> &P = It->first.Path;
    if (P.size() < From.Path.size() ||
        !std::equal(From.Path.begin(), From.Path.end(), P.begin())) {
      ++It;
      continue;
    }
    Loc L = To;
    L.Path.insert(L.Path.end(), P.begin() + From.Path.size(), P.end());
    Held.push_back({std::move(L), It->second});
    It = Move ? S.Store.erase(It) : std::next(It);
  }
  for (auto &[L, V] : Held)
    S.Store[L] = V;
}

std::optional<Loc> FunctionAnalysis::recordSource(const Expr *E, State &S) {
  // Through the (trivial, or container) copy that C++ writes.
  if (const auto *CC = dyn_cast<CXXConstructExpr>(strip(E)))
    if (CC->getNumArgs() == 1 && CC->getConstructor() &&
        CC->getConstructor()->isCopyOrMoveConstructor() &&
        (CC->getConstructor()->isTrivial() ||
         containerShape(CC->getType()) != ContainerShape::None))
      E = CC->getArg(0);
  return locOf(strip(E)->IgnoreParenCasts(), S);
}

} // namespace clang::tidy::leaklint::ownership::detail
