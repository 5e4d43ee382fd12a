//===--- TransferStmts.cpp - statements other than calls -----------------===//
//
// One transfer function per kind of CFG element: new and delete,
// assignments, declarations, returns, lambdas and asm that capture values,
// constructor initializers, and the ends of lifetimes where owners die.
// A full expression that ends drops what nobody took: a discarded result.
//
//===----------------------------------------------------------------------===//

#include "AstHelpers.h"
#include "Comparisons.h"
#include "FunctionAnalysis.h"
#include "LibraryCalls.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::leaklint::ownership::detail {

bool FunctionAnalysis::handleElement(const CFGElement &El, State &S,
                                     HistPtr &H) {
  if (auto CS = El.getAs<CFGStmt>()) {
    bool Stop = false;
    if (auto D = Drains.find(CS->getStmt()); D != Drains.end())
      drain(D->second, S);
    if (const ObligationHooks *Hooks = Eng.hooks())
      if (const VarDecl *C = Hooks->drains(CS->getStmt())) {
        auto It = S.Store.find(Loc{C, {}});
        if (It != S.Store.end() && isHookValue(S, It->second))
          release(S, It->second,
                  Eng.acquirerAt(S.Vals.find(It->second)->second.Acq)->Group,
                  nullptr, ""); // same group: no mismatch to report
      }
    const Stmt *St = CS->getStmt();
    // An exception path leaves from the state before the call: what the
    // call would have returned does not exist on it.
    std::optional<std::pair<State, HistPtr>> Before;
    if (!SummaryMode && isa<CallExpr, CXXConstructExpr>(St) &&
        hasLiveOwnedValue(S) && mayThrowHere(St, S))
      Before.emplace(S, H);
    handleStmt(St, S, H, Stop);
    if (!Stop && Before)
      forkThrow(St, Before->first, Before->second);
    return !Stop;
  }
  if (auto IE = El.getAs<CFGInitializer>()) {
    handleInitializer(IE->getInitializer(), S, H);
    return true;
  }
  if (auto LE = El.getAs<CFGLifetimeEnds>()) {
    handleLifetimeEnd(LE->getVarDecl(), LE->getTriggerStmt(), S, H);
    return true;
  }
  return true;
}

void FunctionAnalysis::handleInitializer(const CXXCtorInitializer *Init,
                                         State &S, HistPtr &H) {
  // A base class whose constructor keeps `this` (registers the object with
  // a parent it is given) keeps the object being constructed.
  if (Init && Init->isBaseInitializer() && SummaryMode)
    if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(
            strip(Init->getInit())))
      if (constructorKeepsThis(CE))
        Sum.This = ParamEffect::Escapes;
  // Following members: the field holds what it is initialised with.
  if (MemberCells && Init && Init->isMemberInitializer() && Init->getInit() &&
      Init->getMember()->getType()->isScalarType()) {
    Loc L{FD, {fieldMark(Init->getMember())}};
    std::optional<unsigned> V = valueOf(Init->getInit(), S);
    cellValue(S, L);
    bind(S, L, V, Init->getInit(), H);
  } else if (Init && Init->isAnyMemberInitializer() && Init->getInit()) {
    // `Member(p)` in a constructor: the object keeps what it is given.
    llvm::SmallVector<unsigned, 4> Vs;
    const Expr *X = strip(Init->getInit());
    if (const auto *CE = dyn_cast<CXXConstructExpr>(X)) {
      for (const Expr *Arg : CE->arguments())
        argValues(Arg, S, Vs);
    } else if (const auto *IL = dyn_cast<InitListExpr>(X)) {
      for (const Expr *Arg : IL->inits())
        argValues(Arg, S, Vs);
    } else {
      allValuesOf(X, S, Vs);
    }
    for (unsigned V : Vs)
      escape(S, V);
  }
  S.Pending.clear();
  S.Arms.clear();
  lose(S, Init ? Init->getInit() : nullptr, LeakCause::Discarded, nullptr, H);
  collectGarbage(S);
}

void FunctionAnalysis::handleStmt(const Stmt *St, State &S, HistPtr &H,
                                  bool &Stop) {
  if (const auto *ME = dyn_cast<MemberExpr>(St); ME && ME->isArrow())
    noteDereferenced(ME->getBase(), S);
  else if (const auto *UO = dyn_cast<UnaryOperator>(St);
           UO && UO->getOpcode() == UO_Deref)
    noteDereferenced(UO->getSubExpr(), S);
  else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(St))
    if (const auto *DR = dyn_cast<DeclRefExpr>(
            strip(AS->getBase())->IgnoreParenImpCasts());
        DR && DR->getType()->isPointerType()) // `buf[n] = 0`, a local's
      if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
          VD && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD))
        noteBlockCame(DR, S);

  if (const auto *CE = dyn_cast<CallExpr>(St)) {
    handleCall(CE, S, H);
    // `error(1, errno, ..)` ends the program, as `exit(1)` would, and so
    // does a call of a function that never returns (`die(..)`).
    const FunctionDecl *Callee = CE->getDirectCallee();
    Stop = exitsWithStatus(CE, Callee) || Eng.neverReturns(Callee);
  } else if (const auto *CC = dyn_cast<CXXConstructExpr>(St)) {
    if (!applyHooks(CC, S, H))
      handleConstruct(CC, S);
  } else if (const auto *NE = dyn_cast<CXXNewExpr>(St)) {
    handleNew(NE, S, H);
  } else if (const auto *DE = dyn_cast<CXXDeleteExpr>(St)) {
    if (auto V = valueOf(DE->getArgument(), S)) {
      if (!destructorMayRelease(DE))
        freeBlock(S, *V, DE->getArgument(), DE, H);
      release(S, *V,
              DE->isArrayForm() ? ResourceModel::GDeleteArray
                                : ResourceModel::GDelete,
              DE, DE->isArrayForm() ? "delete[]" : "delete");
    }
  } else if (const auto *BO = dyn_cast<BinaryOperator>(St)) {
    if (BO->getOpcode() == BO_Assign) {
      // The number stored in a field, read before the store changes it.
      const MemberExpr *Field = scalarArrowField(BO->getLHS());
      std::optional<int64_t> Stored =
          Field ? evalInt(BO->getRHS(), S) : std::nullopt;
      // `head->first = NULL;` (a list's TAILQ_INIT): the first node of a
      // list just made is none.
      if (!Field)
        if (const MemberExpr *Link = pointerArrowField(BO->getLHS());
            Link && knownNull(BO->getRHS(), S)) {
          Field = Link;
          Stored = 0;
        }
      handleAssign(BO->getLHS(), BO->getRHS(), BO, S, H);
      if (const auto *DR = dyn_cast<DeclRefExpr>(
              strip(BO->getLHS())->IgnoreParenImpCasts()))
        noteVariableSet(DR->getDecl(), BO->getRHS(), S);
      else
        noteOwnFieldSet(Field, Stored, S);
    } else if (BO->isCompoundAssignmentOp()) {
      std::optional<int64_t> New = compoundResult(BO, S);
      std::optional<int64_t> Floor = New ? std::nullopt : floorAfterAdd(BO, S);
      forgetWritten(BO->getLHS(), S);
      noteFlagWrite(BO->getLHS(), nullptr, S);
      noteOwnFieldSet(scalarArrowField(BO->getLHS()), New, S);
      std::optional<Loc> L = locOf(BO->getLHS(), S);
      if (L && L->isWholeVariable() && !BO->getType()->isPointerType())
        writeVar(S, L->Base, New);
      else if (L && L->isWholeVariable()) // `p += n`: p points elsewhere
        forgetFieldsOf(S, L->Base);
      if (Floor)
        S.Cons[ConsKey{*atomOf(BO->getLHS()), BO_LT, *Floor}] = false;
    }
  } else if (const auto *UO = dyn_cast<UnaryOperator>(St)) {
    if (UO->isIncrementDecrementOp()) {
      forgetWritten(UO->getSubExpr(), S);
      noteFlagWrite(UO->getSubExpr(), nullptr, S);
      std::optional<Loc> L = locOf(UO->getSubExpr(), S);
      if (L && L->isWholeVariable() && UO->getType()->isPointerType()) {
        forgetFieldsOf(S, L->Base); // `c++`: c points elsewhere
      } else if (L && L->isWholeVariable()) {
        std::optional<int64_t> Old = evalInt(UO->getSubExpr(), S);
        std::optional<int64_t> New;
        if (Old && *Old > -64 && *Old < 64)
          New = *Old + (UO->isIncrementOp() ? 1 : -1);
        // A count known to be at least K is at least K + 1 after `++`
        // (widening keeps that bound of a counter the loop counts up).
        Atom A{L->Base};
        std::optional<int64_t> Floor;
        if (!New && UO->isIncrementOp())
          if (Range R = rangeOf(S, A);
              !R.Empty && R.Lo > INT64_MIN && R.Lo < INT64_MAX)
            Floor = R.Lo + 1;
        auto Relations = relationsOf(S, A);
        writeVar(S, L->Base, New);
        moveRelations(S, A, Relations, UO->isIncrementOp());
        if (Floor && keepsConstraints(A))
          S.Cons[ConsKey{A, BO_LT, *Floor}] = false;
      }
    }
  } else if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (handleDecl(VD, S); VD->getInit())
          noteVariableSet(VD, VD->getInit(), S);
  } else if (const auto *RS = dyn_cast<ReturnStmt>(St)) {
    handleReturn(RS, S);
  } else if (isa<CXXThrowExpr>(St)) {
    handleThrow(St, S, H);
    Stop = !inTry(St);
  } else if (const auto *LE = dyn_cast<LambdaExpr>(St)) {
    // What a lambda captures goes where the lambda goes: out of sight.
    for (const LambdaCapture &C : LE->captures())
      if (C.capturesVariable())
        if (const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar())) {
          llvm::SmallVector<unsigned, 4> Vs;
          // Summary mode: a parameter captured (`create_task([=] {
          // cb->on_completed(n); })`) is handed to the lambda.
          if (auto PV = paramValue(S, Loc{VD, {}}))
            Vs.push_back(*PV);
          valuesUnder(S, Loc{VD, {}}, Vs);
          for (unsigned X : Vs)
            escape(S, X);
        }
  } else if (const auto *AS = dyn_cast<AsmStmt>(St)) {
    llvm::SmallVector<const Expr *, 4> Operands;
    for (unsigned I = 0; I < AS->getNumInputs(); ++I)
      Operands.push_back(AS->getInputExpr(I));
    for (unsigned I = 0; I < AS->getNumOutputs(); ++I)
      Operands.push_back(AS->getOutputExpr(I));
    for (const Expr *E : Operands) {
      llvm::SmallVector<unsigned, 4> Vs;
      argValues(E, S, Vs);
      for (unsigned X : Vs)
        escape(S, X);
    }
  } else if (const auto *CO = dyn_cast<AbstractConditionalOperator>(St)) {
    if (auto V = valueOf(CO, S))
      S.Pending[CO] = *V;
  }
  // A value put into any other aggregate or call we did not model above
  // (e.g. `S{p}` returned, `f(S{p})`) escapes through its InitListExpr.
  if (const auto *IL = dyn_cast<InitListExpr>(St)) {
    const Stmt *P = PM->getParent(IL);
    if (!isa_and_nonnull<DeclStmt>(P) && !isa_and_nonnull<InitListExpr>(P))
      for (const Expr *Elt : IL->inits())
        if (auto V = valueOf(Elt, S))
          escape(S, *V);
  }
  if (isFullExprEnd(St)) {
    // The last statement of a GNU statement expression is its value, which
    // outlives the locals of its braces (`({ char *t = malloc(n); t; })`).
    std::optional<std::pair<const StmtExpr *, unsigned>> Result;
    if (const auto *E = dyn_cast<Expr>(St))
      if (const auto *CS = dyn_cast_or_null<CompoundStmt>(PM->getParent(E));
          CS && CS->body_back() == E)
        if (const auto *SE = dyn_cast_or_null<StmtExpr>(PM->getParent(CS)))
          if (std::optional<unsigned> V = valueOf(E, S))
            Result = {SE, *V};
    S.Pending.clear();
    if (Result)
      S.Pending[Result->first] = Result->second;
    // A condition's arms are read by the branch that follows it, which
    // forgets them (followBranch).
    if (!isa_and_nonnull<IfStmt, WhileStmt, DoStmt, ForStmt, SwitchStmt>(
            PM->getParent(St)))
      S.Arms.clear();
    lose(S, St, LeakCause::Discarded, nullptr, H);
    collectGarbage(S);
  }
}

void FunctionAnalysis::handleNew(const CXXNewExpr *NE, State &S, HistPtr &H) {
  NewForm Form = newForm(NE);
  if (Form == NewForm::Placement) {
    // Placement new allocates nothing, and returns the address it is given:
    // `void *raw = ::operator new(n); T *rep = new (raw) T(); return rep;`
    // returns the block.
    if (NE->getNumPlacementArgs() == 1)
      if (std::optional<unsigned> At = valueOf(NE->getPlacementArg(0), S))
        S.Pending[NE] = *At;
    return;
  }
  bool Nothrow = Form == NewForm::Nothrow;
  const Acquirer &A = Model.newAcquirer(NE->isArray());
  std::optional<unsigned> V =
      createValue(S, &A, NE, Nothrow ? Nullness::Unknown : Nullness::NonNull);
  if (!V)
    return;
  S.Pending[NE] = *V;
  H = withAcquisition(H, *V);
  // `new int(fd)`: the block holds the value it is given (a descriptor
  // handed to a `shared_ptr<int>` that closes it).
  if (!NE->isArray() && NE->getAllocatedType()->isScalarType())
    if (const Expr *Init = NE->getInitializer())
      if (std::optional<unsigned> Held = valueOf(Init, S))
        S.Store[Loc::heap(*V)] = *Held;
  // An object that registers itself (its constructor stores `this`) or gets
  // a parent it cannot see is not ours to free.
  const CXXConstructExpr *CE = NE->getConstructExpr();
  bool Registers = CE && constructorKeepsThis(CE);
  if (Registers)
    escape(S, *V);
}

void FunctionAnalysis::handleDecl(const VarDecl *VD, State &S) {
  const Expr *Init = VD->getInit();
  if (!Init)
    return;
  // `T *p{malloc(n)}`: a scalar initialized with braces takes its element.
  if (const auto *IL = dyn_cast<InitListExpr>(strip(Init)->IgnoreParenCasts());
      IL && IL->getNumInits() == 1 && VD->getType()->isScalarType())
    Init = IL->getInit(0);
  if (!VD->hasLocalStorage()) {
    // A static local (a singleton) keeps what it is given; a static
    // reference, the object it names (`static const auto &keys = *new
    // std::set<String>{..}`: never destroyed, on purpose).
    const Expr *Named = strip(Init)->IgnoreParenCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(Named);
        UO && UO->getOpcode() == UO_Deref && VD->getType()->isReferenceType())
      Init = UO->getSubExpr();
    if (auto V = valueOf(Init, S))
      escape(S, *V);
    return;
  }
  Loc L{VD, {}};
  const Expr *I = strip(Init)->IgnoreParenCasts();
  if (VD->getType()->isReferenceType()) {
    if (std::optional<Loc> T = locOf(Init, S))
      if (isLocal(*T))
        S.Refs[VD] = *T;
    return;
  }
  // `p = &x`, and `pp = &blk->name` of a block the function owns (tor's
  // `tor_free(blk->name)`: `typeof(&(p)) tmp = &(p); free(*tmp); *tmp =
  // NULL;`).
  if (const auto *UO = dyn_cast<UnaryOperator>(I);
      UO && UO->getOpcode() == UO_AddrOf) {
    if (std::optional<Loc> T = locOf(UO->getSubExpr(), S);
        T && (isLocal(*T) || T->isHeap())) {
      S.Refs[VD] = *T;
      return;
    }
  }
  if (const auto *IC = dyn_cast<ImplicitCastExpr>(strip(Init));
      IC && IC->getCastKind() == CK_ArrayToPointerDecay &&
      VD->getType()->isPointerType()) {
    if (std::optional<Loc> T = locOf(IC->getSubExpr(), S); T && isLocal(*T)) {
      T->Path.push_back(indexMark(0));
      S.Refs[VD] = *T;
      return;
    }
  }
  if (const auto *IL = dyn_cast<InitListExpr>(I)) {
    bindInitList(IL, L, S);
    return;
  }
  if (copyContainer(VD, Init, S))
    return;
  // `struct table t = grown;`: t holds what grown holds.
  if (VD->getType()->isRecordType() && !valueOf(Init, S))
    if (std::optional<Loc> From = recordSource(Init, S);
        From && isTracked(*From) && !(*From == L)) {
      copyValues(*From, L, S, /*Move=*/false);
      return;
    }
  // A local object constructed from tracked values was handled by its
  // constructor: nothing to bind.
  std::optional<unsigned> V = valueOf(Init, S);
  if (V)
    S.Store[L] = *V;
  else if (AtomCount.count(VD)) {
    std::optional<int64_t> IV = evalInt(Init, S);
    writeVar(S, VD, IV);
    if (!IV) {
      noteNotNegative(VD, Init, S);
      relateCopy(S, VD, Init);
    }
  }
  noteNonNullResult(VD, Init, S);
}

void FunctionAnalysis::bindInitList(const InitListExpr *List, const Loc &At,
                                    State &S) {
  // Aggregates: bind each element that carries a value.
  const RecordDecl *RD = nullptr;
  if (const auto *RT = List->getType()->getAs<RecordType>())
    RD = RT->getDecl();
  unsigned Idx = 0;
  auto FieldIt = RD ? RD->field_begin() : RecordDecl::field_iterator();
  for (const Expr *Elt : List->inits()) {
    Loc Sub = At;
    bool ByRef = false;
    if (RD) {
      if (FieldIt == RD->field_end())
        break;
      ByRef = (*FieldIt)->getType()->isReferenceType();
      Sub.Path.push_back(fieldMark(*FieldIt));
      ++FieldIt;
    } else {
      Sub.Path.push_back(indexMark(Idx));
    }
    ++Idx;
    if (const auto *Inner =
            dyn_cast<InitListExpr>(strip(Elt)->IgnoreParenCasts()))
      bindInitList(Inner, Sub, S);
    else if (auto V = valueOf(Elt, S)) {
      // A reference member bound to an object that holds a hook obligation
      // (a scope guard's `std::thread &`): whoever holds the reference may
      // discharge it.
      if (ByRef && isHookValue(S, V))
        escape(S, *V);
      else
        S.Store[Sub] = *V;
    }
  }
}

void FunctionAnalysis::handleAssign(const Expr *LHS, const Expr *RHS,
                                    const Stmt *At, State &S, HistPtr &H) {
  noteFlagWrite(LHS, RHS, S);
  // A struct copied whole; an object that is itself an obligation (a
  // std::thread moved into place) is assigned as one value below.
  if (strip(RHS)->getType()->isRecordType() &&
      !isHookValue(S, valueOf(RHS, S)) && !isHookValue(S, valueOf(LHS, S))) {
    forgetWritten(LHS, S);
    assignRecord(LHS, RHS, S);
    return;
  }
  forgetWritten(LHS, S);
  std::optional<unsigned> V = valueOf(RHS, S);
  const Expr *R = strip(RHS)->IgnoreParenCasts();
  const auto *Element = dyn_cast<CallExpr>(strip(LHS));
  std::optional<Loc> L =
      Element ? elementLoc(Element, S, /*Store=*/true) : locOf(LHS, S);
  // `pp = &p`: pp now points at a local.
  if (const auto *UO = dyn_cast<UnaryOperator>(R);
      UO && UO->getOpcode() == UO_AddrOf) {
    std::optional<Loc> Target = locOf(UO->getSubExpr(), S);
    if (L && isLocal(*L) && L->Path.empty() && Target && isLocal(*Target)) {
      S.Refs[L->Base] = *Target;
      return;
    }
    if (Target) // the address of a local escapes
      escapeAllUnder(S, *Target);
  }
  // Summary mode: `*out = NULL` delivers nothing the caller must release
  // (Deliveries.cpp).
  if (L && isDeliveryLoc(*L))
    noteNulledOut(*L, !V && knownNull(RHS, S), S);
  // Summary mode: `*out = fd` delivers to the caller (Deliveries.cpp).
  if (L && V && isDeliveryLoc(*L)) {
    auto It = S.Vals.find(*V);
    if (It != S.Vals.end() && It->second.St == Status::Owned &&
        !Eng.isHookAcquirer(It->second.Acq)) {
      bind(S, *L, V, At, H);
      return;
    }
  }
  if (!L || !isTracked(*L)) {
    if (L)
      reallocInPlace(LHS, RHS, *L, At, S);
    llvm::SmallVector<unsigned, 2> Vs;
    allValuesOf(RHS, S, Vs);
    for (unsigned X : Vs)
      escape(S, X);
    if (L)
      if (const auto *VD = dyn_cast_or_null<VarDecl>(L->Base);
          VD && !VD->hasLocalStorage() && L->isWholeVariable())
        writeVar(S, VD, std::nullopt);
    return;
  }
  if (isCell(*L)) {
    // `g = realloc(g, n)` of what the path does not know.
    reallocInPlace(LHS, RHS, *L, At, S);
    // Summary mode: what the cell held on entry is overwritten (bind sees
    // it go); what the caller gave is now kept by a global.
    cellValue(S, *L);
    if (V && isParamValue(S, *V))
      escape(S, *V);
  }
  if (L->isWholeVariable()) {
    S.Refs.erase(L->Base);
    std::optional<int64_t> IV;
    if (!V)
      IV = evalInt(RHS, S);
    writeVar(S, L->Base, IV);
    if (!V && !IV) {
      noteNotNegative(L->Base, RHS, S);
      relateCopy(S, L->Base, RHS);
    }
  }
  if (const auto *Call = dyn_cast<CallExpr>(R); Call && !SummaryMode)
    noteReallocLoss(LHS, *L, Call, At, S);
  bind(S, *L, V, At, H);
  if (L->isWholeVariable())
    noteNonNullResult(L->Base, RHS, S);
}

void FunctionAnalysis::assignRecord(const Expr *LHS, const Expr *RHS,
                                    State &S) {
  // A struct copied whole (`*tab = grown;`): what it holds goes where the
  // copy goes: into a tracked place as aliases, anywhere else handed off.
  std::optional<Loc> From = recordSource(RHS, S);
  if (!From)
    return;
  std::optional<Loc> To = locOf(LHS, S);
  if (To && isTracked(*To)) {
    copyValues(*From, *To, S, /*Move=*/false);
    return;
  }
  llvm::SmallVector<unsigned, 4> Vs;
  Loc Root = *From;
  for (auto It = S.Store.lower_bound(Loc{Root.Base, {}, Root.Heap});
       It != S.Store.end() && It->first.sameRoot(Root); ++It)
    if (It->first.Path.size() >= Root.Path.size() &&
        std::equal(Root.Path.begin(), Root.Path.end(), It->first.Path.begin()))
      Vs.push_back(It->second);
  for (unsigned V : Vs)
    escape(S, V);
}

bool FunctionAnalysis::freesOnly(const CallExpr *Call, State &S) {
  return Call->getNumArgs() == 2 && evalInt(Call->getArg(1), S) == 0;
}

bool FunctionAnalysis::keepsBlockOnFailure(const CallExpr *Call, State &S) {
  const FunctionDecl *Callee = resolveCallee(Call);
  return Callee && Model.keepsBlockOnFailure(Callee) &&
         Call->getNumArgs() >= 2 && !freesOnly(Call, S);
}

namespace {
/// Whether \p Branch, taken, ends the program: a call of a `noreturn`
/// function (`abort`, `exit`, a project's `die`) comes before anything that
/// could leave it otherwise.
bool endsProgram(const Stmt *Branch, OwnershipEngine &Eng) {
  if (!Branch)
    return false;
  llvm::ArrayRef<Stmt *> Stmts(const_cast<Stmt **>(&Branch), 1);
  if (const auto *CS = dyn_cast<CompoundStmt>(Branch))
    Stmts = llvm::ArrayRef(CS->body_begin(), CS->body_end());
  for (const Stmt *St : Stmts) {
    if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt, IfStmt, SwitchStmt,
            WhileStmt, DoStmt, ForStmt, LabelStmt>(St))
      return false;
    if (const auto *E = dyn_cast<Expr>(St))
      if (const auto *CE = dyn_cast<CallExpr>(strip(E)->IgnoreParenCasts()))
        if (const FunctionDecl *F = CE->getDirectCallee();
            F && (exitsWithStatus(CE, F) || Eng.neverReturns(F)))
          return true;
  }
  return false;
}
} // namespace

bool FunctionAnalysis::reallocFailureEndsProgram(const Stmt *At, const Loc &L,
                                                 State &S) {
  // Whether \p Cond is true where what \p L holds is null: `!p`,
  // `p == NULL`, `!(p = realloc(p, n))`.
  auto TestsNull = [&](const Expr *Cond) {
    const Expr *E = strip(Cond)->IgnoreParenCasts();
    const Expr *Tested = nullptr;
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_LNot)
      Tested = UO->getSubExpr();
    else if (const auto *BO = dyn_cast<BinaryOperator>(E);
             BO && BO->getOpcode() == BO_EQ)
      if (ConstComparison K = constComparison(BO, Ctx); K.C == 0)
        Tested = K.X;
    if (!Tested)
      return false;
    Tested = strip(Tested)->IgnoreParenCasts();
    if (const auto *BO = dyn_cast<BinaryOperator>(Tested);
        BO && BO->getOpcode() == BO_Assign)
      Tested = BO->getLHS();
    std::optional<Loc> TL = locOf(Tested, S);
    return TL && *TL == L;
  };
  // Up from the assignment to the statement that holds it; a label or a
  // `case` it starts is that statement too, and so is an `if` it is a
  // branch of (`if (!p) p = malloc(n); else p = realloc(p, n);`).
  const Stmt *Child = At;
  const Stmt *Parent = PM->getParent(At);
  while (Parent &&
         (isa<Expr, SwitchCase, LabelStmt>(Parent) ||
          (isa<IfStmt>(Parent) && cast<IfStmt>(Parent)->getCond() != Child))) {
    Child = Parent;
    Parent = PM->getParent(Parent);
  }
  if (const auto *If = dyn_cast_or_null<IfStmt>(Parent))
    return TestsNull(If->getCond()) && endsProgram(If->getThen(), Eng);
  const auto *CS = dyn_cast_or_null<CompoundStmt>(Parent);
  if (!CS)
    return false;
  const auto *It = llvm::find(CS->body(), Child);
  if (It == CS->body_end() || ++It == CS->body_end())
    return false;
  const auto *Next = dyn_cast<IfStmt>(*It);
  return Next && TestsNull(Next->getCond()) &&
         endsProgram(Next->getThen(), Eng);
}

void FunctionAnalysis::noteReallocLoss(const Expr *LHS, const Loc &L,
                                       const CallExpr *Call, const Stmt *At,
                                       State &S) {
  // `p = realloc(p, n)`: on failure the original block is lost.
  if (!keepsBlockOnFailure(Call, S) || reallocFailureEndsProgram(At, L, S))
    return;
  std::optional<Loc> ArgL = locOf(Call->getArg(0)->IgnoreParenCasts(), S);
  auto Old = S.Store.find(L);
  if (!ArgL || !(*ArgL == L) || Old == S.Store.end())
    return;
  auto OV = S.Vals.find(Old->second);
  if (OV == S.Vals.end() || OV->second.St != Status::Released ||
      OV->second.Null == Nullness::Null)
    return;
  // One finding per realloc statement, whichever block (the first calloc,
  // an earlier realloc in the loop) it may lose.
  unsigned Key = siteIndex(Call);
  if (Report.hasImmediate(Key) || savedBefore(Call))
    return;
  Finding F;
  F.Kind = Finding::ReallocLoss;
  F.Loc = At->getBeginLoc();
  F.Site = Sites[Old->second / 4];
  F.Acq = Eng.acquirerAt(OV->second.Acq);
  F.Owner = L.Base;
  if (L.isHeap())
    F.LValue = quotedText(LHS);
  Report.addImmediate(Key, std::move(F));
}

void FunctionAnalysis::reallocInPlace(const Expr *LHS, const Expr *RHS,
                                      const Loc &L, const Stmt *At, State &S) {
  if (SummaryMode)
    return;
  // `a = b = realloc(a, n)` too.
  const Expr *R = strip(RHS)->IgnoreParenCasts();
  for (const auto *BO = dyn_cast<BinaryOperator>(R);
       BO && BO->getOpcode() == BO_Assign; BO = dyn_cast<BinaryOperator>(R))
    R = strip(BO->getRHS())->IgnoreParenCasts();
  const auto *Call = dyn_cast<CallExpr>(R);
  if (!Call || !keepsBlockOnFailure(Call, S))
    return;
  std::optional<Loc> Arg = locOf(Call->getArg(0)->IgnoreParenCasts(), S);
  unsigned Key = siteIndex(Call);
  if (!Arg || !(*Arg == L) || S.Store.count(L) || Report.hasImmediate(Key) ||
      reallocFailureEndsProgram(At, L, S))
    return;
  // `*pp = realloc(*pp, n)` (or `p = realloc(p, n)` of a reference) in a
  // helper of the file whose every caller passes a pointer still null:
  // there is no block to lose.
  if (const auto *PV = dyn_cast_or_null<ParmVarDecl>(L.Base);
      PV && !L.isHeap() &&
      ((L.Path.size() == 1 && L.Path[0] == DerefMark) ||
       (L.isWholeVariable() && PV->getType()->isReferenceType())) &&
      Eng.everyCallPassesNull(FD, PV->getFunctionScopeIndex()))
    return;
  // `old = *token; *token = realloc(*token, n); if (!*token) *token = old;`:
  // a local saved the block first.
  if (savedBefore(Call))
    return;
  Finding F;
  F.Kind = Finding::ReallocLoss;
  F.Loc = At->getBeginLoc();
  F.LValue = quotedText(LHS);
  Report.addImmediate(Key, std::move(F));
}

bool FunctionAnalysis::savedBefore(const CallExpr *Realloc) {
  if (auto Memo = SavedReallocs.find(Realloc); Memo != SavedReallocs.end())
    return Memo->second;
  auto Profile = [&](const Expr *E) {
    llvm::FoldingSetNodeID ID;
    E->IgnoreParenCasts()->Profile(ID, Ctx, /*Canonical=*/true);
    return ID;
  };
  llvm::FoldingSetNodeID Want = Profile(Realloc->getArg(0));
  auto LocalOf = [](const Expr *E) {
    return namedLocal(E->IgnoreParenImpCasts());
  };
  // The locals given the pointer before the call, and those put back into
  // it after.
  llvm::SmallPtrSet<const VarDecl *, 2> Saved, Restored;
  forEachNode(FD->getBody(), [&](const Stmt *X) {
    bool Before = SM.isBeforeInTranslationUnit(X->getBeginLoc(),
                                               Realloc->getBeginLoc());
    if (const auto *DS = dyn_cast<DeclStmt>(X); DS && Before) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D);
            VD && VD->hasLocalStorage() && VD->getInit() &&
            Profile(VD->getInit()) == Want)
          Saved.insert(VD);
    } else if (const auto *BO = dyn_cast<BinaryOperator>(X);
               BO && BO->getOpcode() == BO_Assign) {
      if (Before && Profile(BO->getRHS()) == Want)
        if (const VarDecl *VD = LocalOf(BO->getLHS()))
          Saved.insert(VD);
      if (!Before && Profile(BO->getLHS()) == Want)
        if (const VarDecl *VD = LocalOf(BO->getRHS()))
          Restored.insert(VD);
    } else if (const auto *CE = dyn_cast<CallExpr>(X); CE && !Before) {
      // `if (!p) { free(saved); return; }`: the saved block is released.
      if (Eng.releaserOf(CE->getDirectCallee()))
        for (const Expr *Arg : CE->arguments())
          if (const VarDecl *VD = LocalOf(Arg))
            Restored.insert(VD);
    }
  });
  bool Restores = llvm::any_of(
      Saved, [&](const VarDecl *VD) { return Restored.contains(VD); });
  SavedReallocs[Realloc] = Restores;
  return Restores;
}

bool FunctionAnalysis::constructorKeepsThis(const CXXConstructExpr *CE) {
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  if (!Ctor)
    return false;
  if (Eng.hasSummary(Ctor))
    return Eng.summary(Ctor).This != ParamEffect::Read;
  // The standard library's objects never register themselves; a
  // framework's do, whether its headers are the project's or system
  // headers (Qt's object tree: `new QShortcut(key, this)`).
  if (Ctor->isInStdNamespace() || Ctor->getParent()->isInStdNamespace())
    return false;
  for (unsigned I = 0; I < CE->getNumArgs() && I < Ctor->getNumParams(); ++I) {
    // A parent is a non-const pointer or reference to an object.
    QualType PT = Ctor->getParamDecl(I)->getType();
    if (isNullArgument(CE->getArg(I), Ctx)) // `new Label("x")`: no parent
      continue;
    if ((PT->isPointerType() || PT->isReferenceType()) &&
        !PT->getPointeeType().isConstQualified() &&
        !PT->getPointeeType()->isAnyCharacterType() &&
        !PT->getPointeeType()->isArithmeticType())
      return true;
  }
  return false;
}

void FunctionAnalysis::noteDereferenced(const Expr *Ptr, State &S) {
  // `res->ai_family`: past this point the path has `res != NULL` (a null
  // pointer would have crashed here), which a later `if (res == NULL)`
  // must not contradict.
  const auto *DR = dyn_cast<DeclRefExpr>(strip(Ptr)->IgnoreParenImpCasts());
  if (!DR || !DR->getType()->isPointerType())
    return;
  std::optional<Atom> A = atomOf(DR);
  if (!A || A->isPart() || noteBlockCame(DR, S))
    return;
  S.Cons[ConsKey{*A, BO_EQ, 0}] = false;
}

bool FunctionAnalysis::noteBlockCame(const Expr *Ptr, State &S) {
  // A block that may have failed to come (`buf = malloc(n); memcpy(buf,
  // ..); return buf;`), dereferenced: it came, or the path crashed here.
  std::optional<unsigned> V = valueOf(Ptr, S);
  if (!V)
    return false;
  auto It = S.Vals.find(*V);
  if (It != S.Vals.end() && It->second.St == Status::Owned &&
      It->second.Null == Nullness::Unknown)
    It->second.Null = Nullness::NonNull;
  return true;
}

bool FunctionAnalysis::knownNonNull(const Expr *E, State &S) {
  const Expr *X = strip(E)->IgnoreParenCasts();
  if (isa<StringLiteral>(X))
    return true;
  if (const auto *NE = dyn_cast<CXXNewExpr>(X))
    return !NE->shouldNullCheckAllocation();
  if (const auto *UO = dyn_cast<UnaryOperator>(X);
      UO && UO->getOpcode() == UO_AddrOf)
    return true;
  if (std::optional<unsigned> V = valueOf(X, S)) {
    auto It = S.Vals.find(*V);
    return It != S.Vals.end() && It->second.Null == Nullness::NonNull;
  }
  if (const auto *DR = dyn_cast<DeclRefExpr>(X))
    if (std::optional<Atom> A = atomOf(DR))
      return lookupCons(S, *A, BO_EQ, 0) == false;
  return false;
}

bool FunctionAnalysis::knownNull(const Expr *E, State &S) {
  if (nullConstant(E, Ctx) == std::optional<int64_t>(0))
    return true;
  if (std::optional<unsigned> V = valueOf(E, S)) {
    auto It = S.Vals.find(*V);
    return It != S.Vals.end() && It->second.Null == Nullness::Null;
  }
  if (evalInt(E, S) == std::optional<int64_t>(0))
    return true;
  std::optional<Atom> A = atomOf(E);
  return A && lookupCons(S, *A, BO_EQ, 0) == std::optional<bool>(true);
}

void FunctionAnalysis::noteNonNullResult(const ValueDecl *VD, const Expr *Init,
                                         State &S) {
  const auto *CE = dyn_cast<CallExpr>(strip(Init)->IgnoreParenCasts());
  if (!CE || !VD->getType()->isPointerType())
    return;
  const FunctionDecl *F = resolveCallee(CE);
  if (!F || !Eng.hasSummary(F) || !Eng.summary(F).ReturnsNonNull)
    return;
  if (std::optional<unsigned> V = valueOf(CE, S)) {
    if (auto It = S.Vals.find(*V); It != S.Vals.end())
      It->second.Null = Nullness::NonNull;
    return;
  }
  S.Cons[ConsKey{Atom{VD, nullptr}, BO_EQ, 0}] = false;
}

bool FunctionAnalysis::destructorMayRelease(const CXXDeleteExpr *DE) {
  // A destructor written by the user may free the members; an implicit or
  // trivial one frees nothing.
  const CXXRecordDecl *RD = DE->getDestroyedType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  return Dtor && !Dtor->isTrivial() && Dtor->isUserProvided();
}

std::string FunctionAnalysis::quotedText(const Expr *E) const {
  std::string Text = Lexer::getSourceText(
                         CharSourceRange::getTokenRange(E->getSourceRange()),
                         SM, Ctx.getLangOpts())
                         .str();
  // Written in a macro's body (`h->keys = krealloc(h->keys, ..)` of
  // khash's `KHASH_INIT`): the text as the macro spells it.
  if (Text.empty() && E->getBeginLoc().isMacroID()) {
    SourceLocation B = SM.getSpellingLoc(E->getBeginLoc());
    SourceLocation End = SM.getSpellingLoc(E->getEndLoc());
    if (SM.getFileID(B) == SM.getFileID(End) &&
        !SM.isBeforeInTranslationUnit(End, B))
      Text = Lexer::getSourceText(CharSourceRange::getTokenRange(B, End), SM,
                                  Ctx.getLangOpts())
                 .str();
  }
  if (Text.empty() || Text.size() > 40 || Text.find('\n') != std::string::npos)
    return "the pointer";
  return "'" + Text + "'";
}

void FunctionAnalysis::handleReturn(const ReturnStmt *RS, State &S) {
  const Expr *RV = RS->getRetValue();
  if (!RV)
    return;
  llvm::SmallVector<unsigned, 4> Vs;
  // A record returned: what it holds (through its copy or move) escapes.
  // A local returned by name is the caller's object (the copy is elided,
  // or is one the class makes of all it holds), even through a copy
  // constructor the engine does not look through.
  if (strip(RV)->getType()->isRecordType()) {
    argValues(RV, S, Vs);
    if (const auto *CC = dyn_cast<CXXConstructExpr>(strip(RV));
        CC && CC->getNumArgs() == 1 && CC->getConstructor() &&
        CC->getConstructor()->isCopyOrMoveConstructor())
      if (const auto *DR = dyn_cast<DeclRefExpr>(
              strip(CC->getArg(0))->IgnoreParenImpCasts()))
        if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
            VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType())
          if (std::optional<Loc> L = locOf(DR, S))
            valuesUnder(S, *L, Vs);
  }
  // The address of a part of a block returns the block (`return
  // &a->base;`, C's embedded base) and what it holds.
  const auto *UO = dyn_cast<UnaryOperator>(strip(RV)->IgnoreParenCasts());
  if (UO && UO->getOpcode() == UO_AddrOf)
    argValues(UO, S, Vs);
  // `return *(new Type);` from a function returning a reference: the object
  // goes to the caller (libebml's `Create()`), who deletes it by address.
  if (UO && UO->getOpcode() == UO_Deref &&
      FD->getReturnType()->isReferenceType())
    if (std::optional<unsigned> Obj = valueOf(UO->getSubExpr(), S))
      Vs.push_back(*Obj);
  std::optional<unsigned> V = valueOf(RV, S);
  if (SummaryMode && recordReturn(RV, V, S))
    return;
  allValuesOf(RV, S, Vs);
  for (unsigned X : Vs)
    if (!heldByMember(S, X)) // lent: `return name_;`, `return *this;`
      escape(S, X);
}

void FunctionAnalysis::noteNotNegative(const ValueDecl *VD, const Expr *From,
                                       State &S) {
  // `cnt = list.count`: a count read into an int is not negative (a value
  // past INT_MAX aside). Only a read or a call: `strlen(s) - 1` may wrap.
  const Expr *Src = strip(From)->IgnoreParenImpCasts();
  if (!VD->getType()->isSignedIntegerType() ||
      !Src->getType()->isUnsignedIntegerType() ||
      !(isa<DeclRefExpr>(Src) || isa<MemberExpr>(Src) || isa<CallExpr>(Src)))
    return;
  Atom A{VD};
  if (keepsConstraints(A))
    S.Cons[ConsKey{A, BO_LT, 0}] = false;
}

void FunctionAnalysis::recordResultUnlessNull(std::optional<int64_t> C,
                                              const State &S) {
  if (!SummaryMode || !FD->getReturnType()->isIntegralOrEnumerationType())
    return;
  uint32_t Null = paramsKnownNull(S);
  unsigned N = std::min(FD->getNumParams(), 32u);
  NonNullExitResult.resize(N);
  for (unsigned I = 0; I < N; ++I) {
    if (!FD->getParamDecl(I)->getType()->isPointerType())
      continue;
    uint32_t Bit = 1u << I;
    if (Null & Bit)
      NullExitsSeen |= Bit;
    else if (!C || (NonNullExitResult[I] && *NonNullExitResult[I] != *C))
      NonNullExitsVary |= Bit;
    else
      NonNullExitResult[I] = C;
  }
}

uint32_t FunctionAnalysis::paramsKnownNull(const State &S) const {
  uint32_t Mask = 0;
  for (unsigned I = 0, N = std::min(FD->getNumParams(), 32u); I < N; ++I) {
    const ParmVarDecl *P = FD->getParamDecl(I);
    if (!P->getType()->isPointerType())
      continue;
    bool Null = (S.NullParams >> I & 1) ||
                (Known && I < Known->size() &&
                 (*Known)[I] == std::optional<int64_t>(0));
    Mask |= uint32_t(Null) << I;
  }
  return Mask;
}

bool FunctionAnalysis::recordReturn(const Expr *RV, std::optional<unsigned> V,
                                    State &S) {
  SawReturn = true;
  recordFlags(V, S);
  shareCellValues(S, V);
  recordDelivery(RV, V, S);
  recordKept(RV, V, S);
  if (!knownNonNull(RV, S)) {
    ReturnsMaybeNull = true;
    NullOnNullExits &= paramsKnownNull(S);
  }
  std::optional<int64_t> C = V ? std::nullopt : evalInt(RV, S);
  if (C)
    RetConsts.insert(*C);
  else
    RetConstsVary = true;
  recordResultUnlessNull(C, S);
  std::optional<unsigned> Param;
  if (V) {
    auto It = S.Vals.find(*V);
    // A parameter, or the object of a member function (index: the number
    // of parameters); not what is read through one (`return g->dots + n;`
    // is no alias of `g`).
    // What a cell of a global held on entry, returned, is handed to the
    // caller; a field of the object is lent, as a getter does.
    std::optional<unsigned> Cell =
        It != S.Vals.end() ? cellOf(It->second) : std::nullopt;
    if (Cell && !isMemberCell(CellLocs[*Cell]))
      escape(S, *V);
    else if (!Cell && It != S.Vals.end() && It->second.St == Status::Param &&
             !isPointeeValue(*V) &&
             (It->second.Acq < FD->getNumParams() ||
              (isa<CXXMethodDecl>(FD) &&
               FD->getReturnType()->isPointerType())))
      Param = It->second.Acq;
    // A failed acquisition returned (`if (fd < 0) return fd;`) is a status,
    // not a resource.
    // The result of an acquisition through `*out` returned as a number is
    // its status (recordDelivery), not a resource.
    // A block also left in `*out` (`*out = ret; return ret;`, haproxy's
    // memprintf) is the caller's through `out`: the result is a second
    // name for it, not a second owner.
    bool AlsoThroughParam =
        It != S.Vals.end() && FD->getReturnType()->isPointerType() &&
        llvm::any_of(S.Store, [&](const auto &Entry) {
          return Entry.second == *V && !Entry.first.Path.empty() &&
                 isa_and_nonnull<ParmVarDecl>(Entry.first.Base) &&
                 Entry.first.Path.front() == DerefMark;
        });
    if (AlsoThroughParam)
      ReturnsOther = true;
    else if (It != S.Vals.end() && It->second.St == Status::Owned &&
        It->second.Null != Nullness::Null &&
        (Eng.acquirerAt(It->second.Acq)->OutArg < 0 ||
         FD->getReturnType()->isPointerType())) {
      if (!Sum.ReturnsAcquirer) {
        Sum.ReturnsAcquirer = It->second.Acq;
        Sum.AcquiredSite = siteOf(*V);
      }
      if (!Sum.ReturnsSelfLinkedAt)
        for (const auto &[L, Held] : S.Store)
          if (Held == *V && L.isHeap() && L.heapValue() == *V) {
            Sum.ReturnsSelfLinkedAt = L.Path;
            break;
          }
      NullOnFreshExits &= paramsKnownNull(S);
    }
    // The argument itself, or a block it also handed to someone else: the
    // caller does not own what it gets, so the function is no factory
    // (`chunkqueue_init(cq)` returns `cq`, or a new queue when given none;
    // a constructor function that links the new object into its parent's
    // tree on some paths). A pointer into a parameter's object (`return
    // c->payload;` beside a fresh copy) leaves it one: the caller tells
    // them apart by comparing.
    if (FD->getReturnType()->isPointerType() && It != S.Vals.end() &&
        (It->second.St == Status::Param || It->second.St == Status::Escaped))
      ReturnsOther = true;
  }
  if (Param && *Param < FD->getNumParams() && *Param < 32)
    ReturnedParams |= 1u << *Param;
  if (Param && (!RetParam || *RetParam == *Param) && !RetParamVaries)
    RetParam = Param;
  else if (!isa<CXXNullPtrLiteralExpr>(strip(RV)->IgnoreParenCasts()))
    RetParamVaries = true;
  return V && Param;
}

void FunctionAnalysis::handleLifetimeEnd(const VarDecl *VD, const Stmt *Trigger,
                                         State &S, HistPtr &H) {
  // The parameters end with the function (endParameters), after what the
  // exits record of what they point to; LLVM 22's CFG also marks their
  // lifetime's end at each return, which LLVM 19's does not.
  if (isa<ParmVarDecl>(VD))
    return;
  S.Refs.erase(VD);
  for (auto It = S.Refs.begin(); It != S.Refs.end();)
    if (It->second.Base == VD)
      It = S.Refs.erase(It);
    else
      ++It;
  S.Ints.erase(VD);
  // `__attribute__((cleanup(f)))` (systemd's _cleanup_free_, GLib's
  // g_autofree): f(&VD) runs now and disposes of what VD holds.
  if (VD->hasAttr<CleanupAttr>()) {
    llvm::SmallVector<unsigned, 4> Held;
    valuesUnder(S, Loc{VD, {}}, Held);
    for (unsigned V : Held)
      escape(S, V);
  }
  bool Had = false;
  for (auto It = S.Store.lower_bound(Loc{VD, {}});
       It != S.Store.end() && It->first.Base == VD;) {
    It = S.Store.erase(It);
    Had = true;
  }
  if (!Had)
    return;
  lose(S, Trigger, scopeEndCause(Trigger), VD, H);
}

LeakCause FunctionAnalysis::scopeEndCause(const Stmt *Trigger) const {
  if (const auto *RS = dyn_cast_or_null<ReturnStmt>(Trigger)) {
    const auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody());
    bool Last = Body && !Body->body_empty() && Body->body_back() == RS;
    return Last ? LeakCause::Return : LeakCause::EarlyReturn;
  }
  if (Trigger && (isa<BreakStmt>(Trigger) || isa<ContinueStmt>(Trigger) ||
                  isa<GotoStmt>(Trigger)))
    return LeakCause::Jump;
  return LeakCause::ScopeEnd;
}

std::optional<int64_t>
FunctionAnalysis::compoundResult(const BinaryOperator *BO, State &S) {
  if (!BO->getLHS()->getType()->isIntegralOrEnumerationType())
    return std::nullopt;
  std::optional<int64_t> Old = evalInt(BO->getLHS(), S);
  std::optional<int64_t> R = Old ? evalInt(BO->getRHS(), S) : std::nullopt;
  if (!R)
    return std::nullopt;
  // In a loop, each turn would make another state (a mask gaining a bit,
  // a sum growing): the turns no longer meet, and the budget runs out.
  for (const Stmt *Up = PM ? PM->getParent(BO) : nullptr; Up;
       Up = PM->getParent(Up))
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(Up))
      return std::nullopt;
  std::optional<int64_t> New;
  switch (BO->getOpcode()) {
  case BO_OrAssign: return *Old | *R;
  case BO_AndAssign: return *Old & *R;
  case BO_XorAssign: return *Old ^ *R;
  case BO_AddAssign: New = *Old + *R; break;
  case BO_SubAssign: New = *Old - *R; break;
  default: return std::nullopt;
  }
  if (*Old <= -64 || *Old >= 64 || *R <= -64 || *R >= 64 || *New <= -64 ||
      *New >= 64)
    return std::nullopt;
  return New;
}

void FunctionAnalysis::noteVariableSet(const ValueDecl *VD, const Expr *Init,
                                       State &S) {
  noteZeroFilled(VD, Init, S);
  linkTestFlag(VD, Init, S);
}

void FunctionAnalysis::noteZeroFilled(const ValueDecl *VD, const Expr *Init,
                                      State &S) {
  const auto *CE = dyn_cast<CallExpr>(strip(Init)->IgnoreParenCasts());
  const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
  const Acquirer *A = Callee ? Model.acquirerFor(Callee) : nullptr;
  const RecordDecl *RD =
      VD->getType()->isPointerType()
          ? VD->getType()->getPointeeType()->getAsRecordDecl()
          : nullptr;
  if (!A || !A->ZeroFills || !RD)
    return;
  for (const FieldDecl *F : RD->fields())
    if (TestedFields.count(F) && F->getType()->isIntegralOrEnumerationType())
      S.Cons[ConsKey{Atom{VD, F}, BO_EQ, 0}] = true;
}

const MemberExpr *FunctionAnalysis::pointerArrowField(const Expr *LHS) {
  const auto *ME = dyn_cast<MemberExpr>(strip(LHS)->IgnoreParenImpCasts());
  return ME && ME->isArrow() && LHS->getType()->isPointerType() ? ME : nullptr;
}

const MemberExpr *FunctionAnalysis::scalarArrowField(const Expr *LHS) {
  const auto *ME = dyn_cast<MemberExpr>(strip(LHS)->IgnoreParenImpCasts());
  return ME && ME->isArrow() && LHS->getType()->isIntegralOrEnumerationType()
             ? ME
             : nullptr;
}

void FunctionAnalysis::noteOwnFieldSet(const MemberExpr *Field,
                                       std::optional<int64_t> Stored,
                                       State &S) {
  if (!Field || !Stored)
    return;
  std::optional<Atom> A = atomOf(Field);
  if (A && A->Field == Field->getMemberDecl() && !A->Sub &&
      ownedHere(Field->getBase(), S))
    S.Cons[ConsKey{*A, BO_EQ, *Stored}] = true;
}

std::optional<int64_t> FunctionAnalysis::floorAfterAdd(const BinaryOperator *BO,
                                                       State &S) {
  if (BO->getOpcode() != BO_AddAssign ||
      !BO->getLHS()->getType()->isIntegerType())
    return std::nullopt;
  std::optional<Atom> A = atomOf(BO->getLHS());
  std::optional<int64_t> C = evalInt(BO->getRHS(), S);
  if (!A || !C || *C <= 0 || !keepsConstraints(*A))
    return std::nullopt;
  Range R = rangeOf(S, *A);
  if (R.Empty || R.Lo < 0)
    return std::nullopt;
  return C;
}

bool FunctionAnalysis::isFullExprEnd(const Stmt *St) const {
  if (!InitRoots.empty()) {
    const Stmt *Root = St;
    while (const Stmt *Up = PM->getParent(Root))
      Root = Up;
    if (InitRoots.count(Root))
      return false;
  }
  const Stmt *P = PM->getParent(St);
  while (P && (isa<ParenExpr>(P) || isa<FullExpr>(P) ||
               isa<MaterializeTemporaryExpr>(P) ||
               isa<CXXBindTemporaryExpr>(P)))
    P = PM->getParent(P);
  if (!P)
    return true;
  return !isa<Expr>(P) && !isa<DeclStmt>(P) && !isa<ReturnStmt>(P) &&
         !isa<CXXForRangeStmt>(P);
}

} // namespace clang::tidy::leaklint::ownership::detail
