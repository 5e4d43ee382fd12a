//===--- Exceptions.cpp - throws and the exception paths of calls --------===//
//
// An exception that leaves the function kills every local owner on the way.
// `throw` statements are followed for every obligation; calls fork an
// exceptional path when their callee's summary says it may throw (for hook
// obligations), or throws by itself (for memory and handles). A noexcept
// function terminates instead, and nothing leaks on such a path.
//
//===----------------------------------------------------------------------===//

#include "AstHelpers.h"
#include "FunctionAnalysis.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/StmtObjC.h"

namespace clang::tidy::leaklint::ownership::detail {

void FunctionAnalysis::handleThrow(const Stmt *T, State &S, HistPtr &H) {
  // `throw new Error(..)`: the handler gets the object, and deletes it.
  if (const auto *TE = dyn_cast<CXXThrowExpr>(T); TE && TE->getSubExpr())
    if (std::optional<unsigned> V = valueOf(TE->getSubExpr(), S))
      escape(S, *V);
  if (inTry(T)) {
    // The CFG takes the throw to the handlers; the locals of the try block
    // end on the way (modelled for hook obligations only).
    if (!SummaryMode && hasLiveHookValue(S))
      unwind(T, S, H);
    return;
  }
  Sum.MayThrow = true;
  if (Eng.options().Strict || !AssertionThrows.count(T))
    Sum.ThrowsItself = true;
  if (!SummaryMode && terminatesOnEscape(T)) {
    // std::terminate: the path ends there, nothing is lost on it.
    for (auto &[Id, V] : S.Vals)
      if (V.St == Status::Owned)
        V.St = Status::Escaped;
    return;
  }
  if (!SummaryMode && hasLiveHookValue(S)) {
    unwind(T, S, H); // the same, naming the owners
    return;
  }
  // Every local owner dies as the exception leaves the function.
  std::vector<Loc> Locals;
  for (const auto &[L, V] : S.Store)
    if (isLocal(L))
      Locals.push_back(L);
  for (const Loc &L : Locals)
    S.Store.erase(L);
  S.Pending.clear();
  S.Arms.clear();
  lose(S, T, LeakCause::Throw, nullptr, H);
}

bool FunctionAnalysis::hasLiveOwnedValue(const State &S) const {
  for (const auto &[Id, V] : S.Vals)
    if (V.St == Status::Owned)
      return true;
  return false;
}

bool FunctionAnalysis::hasLiveHookValue(const State &S) const {
  for (const auto &[Id, V] : S.Vals)
    if (V.St == Status::Owned && Eng.isHookAcquirer(V.Acq))
      return true;
  return false;
}

bool FunctionAnalysis::terminatesOnEscape(const Stmt *St) const {
  if (inTry(St))
    return false;
  const auto *FPT = FD->getType()->getAs<FunctionProtoType>();
  if (!FPT)
    return false;
  // Destructors are noexcept unless they say otherwise.
  if (isa<CXXDestructorDecl>(FD))
    return FPT->getExceptionSpecType() != EST_NoexceptFalse &&
           FPT->getExceptionSpecType() != EST_Dynamic;
  return FPT->isNothrow();
}

const CFGBlock *FunctionAnalysis::unwind(const Stmt *At, State &S,
                                         HistPtr &H) {
  const CXXTryStmt *Try = nullptr;
  const Stmt *Prev = At;
  for (const Stmt *P = PM->getParent(At); P && !Try;
       Prev = P, P = PM->getParent(P))
    if (const auto *T = dyn_cast<CXXTryStmt>(P); T && Prev == T->getTryBlock())
      Try = T;
  const CFGBlock *Dispatch = Try ? TryDispatch.lookup(Try) : nullptr;
  std::vector<Loc> Dead;
  for (const auto &[L, V] : S.Store) {
    if (!isLocal(L))
      continue;
    if (Dispatch) {
      const auto *VD = dyn_cast_or_null<VarDecl>(L.Base);
      const Stmt *Block = Try->getTryBlock();
      if (!VD || isa<ParmVarDecl>(VD) ||
          !SM.isPointWithin(VD->getLocation(), Block->getBeginLoc(),
                            Block->getEndLoc()))
        continue;
    }
    Dead.push_back(L);
  }
  S.Pending.clear();
  S.Arms.clear();
  for (const Loc &L : Dead) { // one owner at a time: findings name it
    S.Store.erase(L);
    lose(S, At, LeakCause::Throw, L.Base, H);
  }
  lose(S, At, LeakCause::Throw, nullptr, H);
  return Dispatch;
}

bool FunctionAnalysis::mayThrowHere(const Stmt *St, const State &S) {
  const FunctionDecl *Callee = nullptr;
  if (const auto *CE = dyn_cast<CallExpr>(St))
    Callee = resolveCallee(CE);
  else if (const auto *CC = dyn_cast<CXXConstructExpr>(St))
    Callee = CC->getConstructor();
  if (!Callee || !Eng.hasSummary(Callee))
    return false;
  if (const auto *FPT = Callee->getType()->getAs<FunctionProtoType>();
      FPT && FPT->isNothrow())
    return false;
  // The calls a range-for makes to walk its range (`*__begin`, `++__begin`,
  // `__begin != __end`): an iterator that throws when it is dereferenced
  // invalid (`NetmaskTree::Iterator::operator*`) is valid there.
  for (const Stmt *Child = St, *Up = PM->getParent(St); Up;
       Child = Up, Up = PM->getParent(Up))
    if (const auto *RF = dyn_cast<CXXForRangeStmt>(Up)) {
      if (Child == RF->getLoopVarStmt() || Child == RF->getInc() ||
          Child == RF->getCond())
        return false;
      break;
    }
  // Threads: any exception on the way terminates the program. Memory and
  // handles: only a callee that throws by itself (a validating helper), not
  // one deep in a framework that rarely does, is worth a finding.
  const FunctionSummary &CS = Eng.summary(Callee);
  return (hasLiveHookValue(S) ? CS.MayThrow : CS.ThrowsItself) &&
         !terminatesOnEscape(St);
}

void FunctionAnalysis::forkThrow(const Stmt *St, const State &S,
                                 const HistPtr &H) {
  State T = S;
  // The callee had its arguments when it threw: it may have taken them
  // first (`std::unique_ptr<T> p(arg);` before a check that throws) or
  // released them on the way out, and the engine cannot tell which. What
  // it was given is not reported lost on this path (the confidence policy,
  // docs/checks/owning-pointer.md); threads are: a callee never joins them.
  // Unless its summary says that it only reads the parameter (`fread(..,
  // fp)` in a loader that throws on a short read): then the caller still
  // owns it where the exception leaves.
  llvm::ArrayRef<const Expr *> Args;
  const FunctionDecl *Callee = nullptr;
  unsigned FirstArg = 0;
  if (const auto *CE = dyn_cast<CallExpr>(St)) {
    Args = llvm::ArrayRef(CE->getArgs(), CE->getNumArgs());
    Callee = resolveCallee(CE);
    FirstArg = objectArguments(CE, Callee);
  } else if (const auto *CC = dyn_cast<CXXConstructExpr>(St)) {
    Args = llvm::ArrayRef(CC->getArgs(), CC->getNumArgs());
    Callee = CC->getConstructor();
  }
  const FunctionSummary *CS = nullptr;
  if (const auto *M = dyn_cast_or_null<CXXMethodDecl>(Callee);
      Callee && Eng.hasSummary(Callee) && !(M && M->isVirtual()))
    CS = &Eng.summary(Callee);
  auto OnlyRead = [&](unsigned I) {
    if (!CS || I < FirstArg || I - FirstArg >= CS->Params.size() ||
        CS->Params[I - FirstArg] != ParamEffect::Read ||
        CS->pointeeEscapes(I - FirstArg))
      return false;
    const auto *UO = dyn_cast<UnaryOperator>(strip(Args[I])->IgnoreParenCasts());
    return !(UO && UO->getOpcode() == UO_AddrOf);
  };
  llvm::SmallVector<unsigned, 4> Given;
  if (!Eng.options().Strict)
    for (unsigned I = 0; I < Args.size(); ++I)
      if (!OnlyRead(I))
        allValuesOf(Args[I], T, Given);
  // Not escape(): no path released it, which the precision rule must not
  // be told.
  for (unsigned Id : Given) {
    auto It = T.Vals.find(Id);
    if (It != T.Vals.end() && It->second.St == Status::Owned &&
        !Eng.isHookAcquirer(It->second.Acq)) {
      It->second.St = Status::Escaped;
      dropBlock(T, Id, /*EvenIfReferenced=*/true);
    }
  }
  HistPtr TH = std::make_shared<Hist>(
      Hist{H, false, 0, St->getBeginLoc(), "assuming an exception is thrown here"});
  if (const CFGBlock *Handlers = unwind(St, T, TH))
    Forks.push_back({Handlers, std::move(T), TH});
}

bool FunctionAnalysis::inTry(const Stmt *St) const {
  for (const Stmt *P = PM->getParent(St); P; P = PM->getParent(P))
    if (isa<CXXTryStmt>(P) || isa<ObjCAtTryStmt>(P))
      return true;
  return false;
}

} // namespace clang::tidy::leaklint::ownership::detail
