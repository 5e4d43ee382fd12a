//===--- Containers.cpp - the elements of standard containers ------------===//
//
// A local std::vector, list, map, ... of pointers holds its elements in
// locations of its own: one slot per element added (`v.push_back(p)`), one
// per constant key (`m[3] = p`). Reading an element (`v[2]`, `m.at(3)`,
// `v.back()`) finds its slot, or the one element the container holds.
// When the container dies, what only it held is lost; a loop that releases
// every element drains it (FunctionFacts.h); an operation the engine does
// not model hands the elements off.
//
//===----------------------------------------------------------------------===//

#include "AstHelpers.h"
#include "ContainerModel.h"
#include "ElementOwners.h"
#include "FunctionAnalysis.h"
#include "clang/AST/ExprCXX.h"
#include <set>

namespace clang::tidy::leaklint::ownership::detail {

namespace {
/// The object a container method is called on, and the method.
const Expr *containerObject(const CallExpr *CE, const CXXMethodDecl *&MD) {
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
    MD = MC->getMethodDecl();
    return MC->getImplicitObjectArgument();
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE);
      OC && OC->getNumArgs() > 0) {
    MD = dyn_cast_or_null<CXXMethodDecl>(OC->getDirectCallee());
    return MD ? OC->getArg(0) : nullptr;
  }
  return nullptr;
}

bool isSlot(uintptr_t E) { return (E & 7) == 5; }

/// `*c.begin()`: the container whose first element \p CE reads.
const Expr *dereferencedBegin(const CallExpr *CE) {
  const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE);
  if (!OC || OC->getOperator() != OO_Star || OC->getNumArgs() != 1)
    return nullptr;
  const CXXMemberCallExpr *MC = iteratorCall(OC->getArg(0));
  if (!MC || !llvm::is_contained({"begin", "cbegin"},
                                 MC->getMethodDecl()->getName()))
    return nullptr;
  return MC->getImplicitObjectArgument();
}

/// `v.begin()`, `v.cend()`, `v.rbegin()`, through the copy of an iterator:
/// the container \p Arg iterates over, or null.
const Expr *iteratedContainer(const Expr *Arg) {
  const CXXMemberCallExpr *MC = iteratorCall(Arg);
  if (!MC || !llvm::is_contained({"begin", "end", "cbegin", "cend", "rbegin",
                                  "rend", "crbegin", "crend"},
                                 MC->getMethodDecl()->getName()))
    return nullptr;
  const Expr *Obj = MC->getImplicitObjectArgument();
  return containerShape(Obj->getType()) != ContainerShape::None ? Obj : nullptr;
}
} // namespace

std::optional<Loc> FunctionAnalysis::containerOf(const CallExpr *CE,
                                                 State &S) {
  const CXXMethodDecl *MD = nullptr;
  const Expr *Obj = containerObject(CE, MD);
  if (!Obj || containerShape(Obj->getType()) == ContainerShape::None)
    return std::nullopt;
  return locOf(Obj, S);
}

std::optional<Loc> FunctionAnalysis::elementLoc(const CallExpr *CE, State &S,
                                                bool Store) {
  const CXXMethodDecl *MD = nullptr;
  // `*c.begin()` is `c.front()`.
  const Expr *Obj = dereferencedBegin(CE);
  bool FromBegin = Obj != nullptr;
  if (!Obj)
    Obj = containerObject(CE, MD);
  if (!Obj || (!FromBegin && containerOp(MD) != ContainerOp::Access))
    return std::nullopt;
  ContainerShape Shape = containerShape(Obj->getType());
  if (Shape == ContainerShape::None)
    return std::nullopt;
  std::optional<Loc> C = locOf(Obj, S);
  if (!C)
    return std::nullopt;
  // The element asked for: by key (maps) or position (sequences).
  const Expr *Index = nullptr;
  if (!FromBegin && isa<CXXOperatorCallExpr>(CE) && CE->getNumArgs() == 2)
    Index = CE->getArg(1);
  else if (!FromBegin && isa<CXXMemberCallExpr>(CE) && CE->getNumArgs() == 1)
    Index = CE->getArg(0);
  std::optional<int64_t> K = Index ? evalInt(Index, S) : std::nullopt;
  if (K && (*K < 0 || *K > (1 << 20)))
    K.reset();
  Loc Want = *C;
  if (K)
    Want.Path.push_back(Shape == ContainerShape::Map ? keyMark(*K)
                                                     : slotMark(*K));
  // A map's element is its key's, whether the key is there yet or not; a
  // written element of a sequence is the one at its index.
  if (K && (Shape == ContainerShape::Map || Store || S.Store.count(Want)))
    return Want;
  // An element written at a position or key the path does not know is a
  // new one (`by_start[offset] = box` in a loop: each offset its own).
  if (Store && !K && isLocal(*C)) {
    Want.Path.push_back(slotMark(nextSlot(S, *C)));
    return Want;
  }
  // Else the one element the container holds, whichever slot it is in.
  std::optional<Loc> Only;
  std::set<unsigned> Distinct;
  Loc First = *C;
  for (auto It = S.Store.lower_bound(First);
       It != S.Store.end() && It->first.sameRoot(First); ++It) {
    const std::vector<uintptr_t> &P = It->first.Path;
    if (P.size() != C->Path.size() + 1 ||
        !std::equal(C->Path.begin(), C->Path.end(), P.begin()))
      continue;
    Distinct.insert(It->second);
    Only = It->first;
  }
  if (Distinct.size() == 1)
    return Only;
  // An element of a container the engine has seen nothing put into (a
  // parameter's, in a summary): the slot stands for what the caller put.
  if (Distinct.empty()) {
    if (!K)
      Want.Path.push_back(slotMark(0));
    return Want;
  }
  return std::nullopt;
}

bool FunctionAnalysis::handleContainerCall(const CallExpr *CE, State &S) {
  const CXXMethodDecl *MD = nullptr;
  const Expr *Obj = containerObject(CE, MD);
  if (!Obj)
    return false;
  if (containerShape(Obj->getType()) == ContainerShape::None) {
    // `dst->insert(pos, src.begin(), src.end())` into a container whose
    // elements the engine does not follow (pairs holding the pointers, a
    // container behind a smart pointer): it keeps the elements of `src`.
    if (MD && MD->getParent()->isInStdNamespace() &&
        containerOp(MD) == ContainerOp::Add)
      for (const Expr *Arg : CE->arguments())
        if (const Expr *Src = iteratedContainer(Arg); Src && Src != Obj)
          if (std::optional<Loc> L = locOf(Src, S))
            escapeAllUnder(S, *L);
    return false;
  }
  std::optional<Loc> C = locOf(Obj, S);
  switch (containerOp(MD)) {
  case ContainerOp::Read:
    return true;
  case ContainerOp::Access:
    if (std::optional<Loc> E = elementLoc(CE, S))
      if (auto It = S.Store.find(*E); It != S.Store.end())
        S.Pending[CE] = It->second;
    return true;
  case ContainerOp::Add: {
    // `dst.insert(pos, src.begin(), src.end())`: the elements of `src`.
    llvm::SmallVector<unsigned, 4> Range;
    for (const Expr *Arg : CE->arguments())
      if (const Expr *Src = iteratedContainer(Arg); Src && Src != Obj)
        if (std::optional<Loc> L = locOf(Src, S))
          valuesUnder(S, *L, Range);
    // A member's or a caller's container keeps them, and so does the
    // container member of a local object whose destructor deletes its
    // elements: the object releases them however the scope ends.
    const FieldDecl *Member = C && C->Path.size() == 1 && !C->isHeap()
                                  ? fieldOfMark(C->Path.front())
                                  : nullptr;
    if (!C || !isLocal(*C) ||
        (Member && !C->Base->getType()->isReferenceType() &&
         destructorDeletesElements(Member))) {
      for (unsigned V : Range)
        escape(S, V);
      return false;
    }
    bool Map = containerShape(Obj->getType()) == ContainerShape::Map;
    // `m.emplace(3, p)`, `m.insert({3, p})`: a constant key names the slot.
    std::optional<int64_t> Key;
    if (Map && CE->getNumArgs() >= 2 && MD->getName() != "insert")
      Key = evalInt(CE->getArg(0), S);
    for (const Expr *Arg : CE->arguments()) {
      if (Arg == Obj)
        continue;
      llvm::SmallVector<unsigned, 2> Vs;
      if (iteratedContainer(Arg)) // the range's elements, once
        std::swap(Vs, Range);
      else
        argValues(Arg, S, Vs);
      for (unsigned V : Vs) {
        // The same block added again needs no slot of its own (and loops
        // that add it stay bounded).
        llvm::SmallVector<unsigned, 4> Held;
        valuesUnder(S, *C, Held);
        if (!Key && llvm::is_contained(Held, V))
          continue;
        Loc Slot = *C;
        Slot.Path.push_back(Key ? keyMark(*Key) : slotMark(nextSlot(S, *C)));
        S.Store[Slot] = V;
      }
    }
    return true;
  }
  case ContainerOp::Other:
    // erase, pop_back, clear, swap, ...: which elements remain is not
    // followed; those it held go out of sight.
    if (C && isLocal(*C))
      escapeAllUnder(S, *C);
    return false;
  }
  return false;
}

unsigned FunctionAnalysis::nextSlot(const State &S, const Loc &C) const {
  unsigned Next = 0;
  for (auto It = S.Store.lower_bound(C);
       It != S.Store.end() && It->first.sameRoot(C); ++It) {
    const std::vector<uintptr_t> &P = It->first.Path;
    if (P.size() == C.Path.size() + 1 && isSlot(P.back()))
      Next = std::max<unsigned>(Next, (P.back() >> 3) + 1);
  }
  return Next;
}

void FunctionAnalysis::releaseElements(const VarDecl *C, State &S) {
  llvm::SmallVector<unsigned, 4> Vs;
  valuesUnder(S, Loc{C, {}}, Vs);
  for (unsigned V : Vs) {
    auto It = S.Vals.find(V);
    if (It == S.Vals.end() || It->second.St != Status::Owned)
      continue;
    release(S, V, Eng.acquirerAt(It->second.Acq)->Group, nullptr, "");
  }
}

void FunctionAnalysis::drain(const Drain &D, State &S) {
  switch (D.K) {
  case Drain::Release:
    releaseElements(D.C, S);
    return;
  case Drain::HandOff:
    escapeAllUnder(S, Loc{D.C, {}});
    return;
  case Drain::MoveInto:
    // The other container holds them now; this one is left empty.
    copyValues(Loc{D.C, {}}, Loc{D.Into, {}}, S, /*Move=*/true);
    return;
  }
}

bool FunctionAnalysis::copyContainer(const VarDecl *To, const Expr *Init,
                                     State &S) {
  const auto *CC = dyn_cast<CXXConstructExpr>(strip(Init));
  if (!CC || CC->getNumArgs() != 1 || !CC->getConstructor() ||
      !CC->getConstructor()->isCopyOrMoveConstructor() ||
      containerShape(To->getType()) == ContainerShape::None)
    return false;
  std::optional<Loc> From = locOf(CC->getArg(0), S);
  if (!From || !isLocal(*From) || !From->isWholeVariable())
    return false;
  // The copy holds the same blocks: both are owners (aliases); a move
  // leaves the source empty.
  copyValues(*From, Loc{To, {}}, S, CC->getConstructor()->isMoveConstructor());
  return true;
}

namespace {
/// Whether \p E names a place that outlives the function: a member of the
/// object (`items_`, `this->items_[k]`), a global, or what a parameter
/// points to (`out->items`).
bool outlivesFunction(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = strip(E)->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(E))
      return true;
    if (const auto *DR = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
      return VD &&
             (VD->hasGlobalStorage() || (isa<ParmVarDecl>(VD) && Depth > 0 &&
                                         (VD->getType()->isPointerType() ||
                                          VD->getType()->isReferenceType())));
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      E = ME->getBase();
    else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
      E = AS->getBase();
    else if (const auto *UO = dyn_cast<UnaryOperator>(E);
             UO && UO->getOpcode() == UO_Deref)
      E = UO->getSubExpr();
    else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
             OC && OC->getNumArgs() >= 1 &&
             (OC->getOperator() == OO_Subscript ||
              OC->getOperator() == OO_Arrow || OC->getOperator() == OO_Star))
      E = OC->getArg(0);
    else
      return false;
  }
  return false;
}

/// The element expressions of local containers inside loops: loop
/// variables of range-fors, iterators from `c.begin()`, and `c[i]`,
/// `c.at(i)`, `c.front()`, `c.back()`.
class ElementIndex {
public:
  explicit ElementIndex(const Stmt *Body) {
    forEachNode(Body, [&](const Stmt *X) {
      if (const auto *For = dyn_cast<CXXForRangeStmt>(X)) {
        if (const VarDecl *C = container(For->getRangeInit()))
          Element[For->getLoopVariable()] = C;
      } else if (const auto *DS = dyn_cast<DeclStmt>(X)) {
        for (const Decl *D : DS->decls())
          if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit())
            if (const VarDecl *C = iteratorOf(VD->getInit()))
              Iterator[VD] = C;
      } else if (const auto *CE = dyn_cast<CallExpr>(X)) {
        Subscripts |= elementOf(CE) != nullptr;
      }
    });
  }

  /// The local container \p E is an element of, if any.
  const VarDecl *elementOf(const Expr *E) const {
    E = strip(E)->IgnoreParenCasts();
    // `e.second` of a map's element, `(*it).second`, `it->second`.
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      E = strip(ME->getBase())->IgnoreParenCasts();
    if (const auto *DR = dyn_cast<DeclRefExpr>(E))
      return Element.lookup(DR->getDecl());
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_Deref)
      return iteratorVar(UO->getSubExpr());
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
      if ((OC->getOperator() == OO_Star || OC->getOperator() == OO_Arrow) &&
          OC->getNumArgs() == 1)
        return iteratorVar(OC->getArg(0));
      if (OC->getOperator() == OO_Subscript && OC->getNumArgs() == 2)
        return container(OC->getArg(0));
    }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
      if (const CXXMethodDecl *MD = MC->getMethodDecl();
          MD && containerOp(MD) == ContainerOp::Access)
        return container(MC->getImplicitObjectArgument());
    return nullptr;
  }

  /// The local container \p E names.
  static const VarDecl *container(const Expr *E) {
    const auto *DR = dyn_cast_or_null<DeclRefExpr>(strip(E)->IgnoreParenImpCasts());
    const auto *VD = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
    return VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType() &&
                   containerShape(VD->getType()) != ContainerShape::None
               ? VD
               : nullptr;
  }

  bool empty() const { return Element.empty() && Iterator.empty() && !Subscripts; }

private:
  const VarDecl *iteratorVar(const Expr *E) const {
    if (const auto *DR = dyn_cast<DeclRefExpr>(strip(E)->IgnoreParenImpCasts()))
      return Iterator.lookup(DR->getDecl());
    return nullptr;
  }
  /// `c.begin()`, `c.find(k)`: an iterator into local container c.
  static const VarDecl *iteratorOf(const Expr *Init) {
    const auto *MC = dyn_cast<CXXMemberCallExpr>(strip(Init)->IgnoreParenCasts());
    if (!MC || !MC->getMethodDecl() || !MC->getMethodDecl()->getIdentifier())
      return nullptr;
    llvm::StringRef N = MC->getMethodDecl()->getName();
    if (N != "begin" && N != "cbegin" && N != "find" && N != "rbegin")
      return nullptr;
    return container(MC->getImplicitObjectArgument());
  }

  llvm::DenseMap<const Decl *, const VarDecl *> Element;
  llvm::DenseMap<const Decl *, const VarDecl *> Iterator;
  bool Subscripts = false; ///< `c[i]`, `c.back()` of a local container
};
} // namespace

void FunctionAnalysis::findDrains(const Stmt *Body) {
  ElementIndex Index(Body);
  if (Index.empty())
    return;
  // Whether \p St releases an element of a local container: which one.
  auto Released = [&](const Stmt *St) -> const VarDecl * {
    if (const auto *DE = dyn_cast<CXXDeleteExpr>(St))
      return Index.elementOf(DE->getArgument());
    const auto *CE = dyn_cast<CallExpr>(St);
    const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
    if (!Callee || isa<CXXMemberCallExpr>(CE))
      return nullptr;
    for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
      const VarDecl *C = Index.elementOf(CE->getArg(I));
      if (!C)
        continue;
      if (std::optional<Releaser> Rel = Eng.releaserOf(Callee))
        return Rel->Arg == I ? C : nullptr;
      if (Eng.hasSummary(Callee)) {
        const FunctionSummary &Sum = Eng.summary(Callee);
        if (I < Sum.Params.size() && Sum.Params[I] == ParamEffect::Released)
          return C;
      }
    }
    return nullptr;
  };
  // Whether \p St hands an element of a local container to a place that
  // outlives the function (a member of the object, a global, what a
  // parameter points to) or adds it to another local container.
  auto HandedOff = [&](const Stmt *St) -> std::optional<Drain> {
    const Expr *Target = nullptr, *Value = nullptr;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(St)) {
      const CXXMethodDecl *MD = MC->getMethodDecl();
      if (!MD || containerOp(MD) != ContainerOp::Add || MC->getNumArgs() != 1)
        return std::nullopt;
      Target = MC->getImplicitObjectArgument();
      Value = MC->getArg(0);
    } else if (const auto *BO = dyn_cast<BinaryOperator>(St);
               BO && BO->getOpcode() == BO_Assign &&
               BO->getType()->isPointerType()) {
      // An element of a container by key or index (`byId_[k] = e.second`),
      // not one pointer written on every turn.
      const Expr *LHS = strip(BO->getLHS())->IgnoreParenImpCasts();
      const auto *OC = dyn_cast<CXXOperatorCallExpr>(LHS);
      if (!isa<ArraySubscriptExpr>(LHS) &&
          !(OC && OC->getOperator() == OO_Subscript))
        return std::nullopt;
      Target = BO->getLHS();
      Value = BO->getRHS();
    } else {
      return std::nullopt;
    }
    const VarDecl *C = Index.elementOf(Value);
    if (!C)
      return std::nullopt;
    if (const VarDecl *Into = ElementIndex::container(Target);
        Into && Into != C && isa<CXXMemberCallExpr>(St))
      return Drain{C, Drain::MoveInto, Into};
    if (outlivesFunction(Target))
      return Drain{C, Drain::HandOff, nullptr};
    return std::nullopt;
  };
  forEachNode(Body, [&](const Stmt *X) {
    const Stmt *LoopBody = nullptr, *Entry = nullptr;
    if (const auto *For = dyn_cast<CXXForRangeStmt>(X)) {
      LoopBody = For->getBody();
      Entry = For->getRangeStmt();
    } else if (const auto *For = dyn_cast<ForStmt>(X)) {
      LoopBody = For->getBody();
      Entry = For->getInit() ? For->getInit() : For->getCond();
    } else if (const auto *While = dyn_cast<WhileStmt>(X)) {
      LoopBody = While->getBody();
      Entry = While->getCond();
    }
    if (!LoopBody || !Entry || Drains.count(Entry))
      return;
    forEachNode(LoopBody, [&](const Stmt *Y) {
      if (const VarDecl *C = Released(Y); C && !Drains.count(Entry))
        Drains[Entry] = Drain{C, Drain::Release, nullptr};
    });
    if (!Drains.count(Entry))
      forEachNode(LoopBody, [&](const Stmt *Y) {
        if (std::optional<Drain> D = HandedOff(Y); D && !Drains.count(Entry))
          Drains[Entry] = *D;
      });
  });
}

} // namespace clang::tidy::leaklint::ownership::detail
