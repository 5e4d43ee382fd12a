//===--- ObjectCycleAnalysis.cpp - shared_ptr cycles between objects ------===//
//
// The TU-wide part: interned member paths, the summaries of the functions of
// the TU, and which member stores and callables the walks resolved. The walk
// of one function body is ObjectCycleWalk.cpp.
//
//===----------------------------------------------------------------------===//

#include "ObjectCycleAnalysis.h"
#include "ObjectCycleWalk.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::leaklint::cycles {

using namespace detail;

ObjectCycleAnalysis::ObjectCycleAnalysis(ASTContext &Ctx, CycleOptions Opts)
    : P(std::make_unique<Impl>(Ctx, Opts)) {}

ObjectCycleAnalysis::~ObjectCycleAnalysis() = default;

std::vector<ObjectCycleFinding>
ObjectCycleAnalysis::analyze(const FunctionDecl *FD) {
  return P->analyze(FD);
}

bool ObjectCycleAnalysis::isResolved(const Stmt *S) const {
  return P->isResolved(S);
}

PathId ObjectCycleAnalysis::Impl::intern(std::vector<const FieldDecl *> Path) {
  if (Path.empty())
    return 0;
  auto [It, New] = PathIds.try_emplace(Path, Paths.size());
  if (New)
    Paths.push_back(std::move(Path));
  return It->second;
}

PathId ObjectCycleAnalysis::Impl::append(PathId Base, const FieldDecl *F) {
  std::vector<const FieldDecl *> P = Paths[Base];
  P.push_back(F);
  return intern(std::move(P));
}

PathId ObjectCycleAnalysis::Impl::concat(PathId Base, PathId Tail) {
  if (Tail == 0)
    return Base;
  std::vector<const FieldDecl *> P = Paths[Base];
  llvm::append_range(P, Paths[Tail]);
  return intern(std::move(P));
}

bool ObjectCycleAnalysis::Impl::hasPrefix(PathId P, PathId Prefix) const {
  if (Prefix == 0 || P == Prefix)
    return true;
  const auto &Long = Paths[P], &Short = Paths[Prefix];
  return Long.size() > Short.size() &&
         std::equal(Short.begin(), Short.end(), Long.begin());
}

const FieldDecl *ObjectCycleAnalysis::Impl::lastField(PathId P) const {
  return P == 0 ? nullptr : Paths[P].back();
}

std::vector<ObjectCycleFinding>
ObjectCycleAnalysis::Impl::analyze(const FunctionDecl *FD) {
  FunctionWalk W(*this, FD, /*Summary=*/false);
  if (!W.run()) {
    W.markAllUnresolved();
    return {};
  }
  W.recordResolution();
  return W.takeFindings();
}

const Summary *ObjectCycleAnalysis::Impl::summary(const FunctionDecl *FD) {
  FD = FD->getDefinition();
  if (!FD || !FD->hasBody())
    return nullptr;
  auto It = Summaries.find(FD);
  if (It != Summaries.end())
    return It->second.get();
  // Recursion (and a budget on the depth of nested summaries): unknown.
  if (!InProgress.insert(FD).second || InProgress.size() > 8)
    return nullptr;
  std::unique_ptr<Summary> S;
  {
    FunctionWalk W(*this, FD, /*Summary=*/true);
    if (W.run())
      S = W.takeSummary();
  }
  InProgress.erase(FD);
  const Summary *Result = S.get();
  Summaries[FD] = std::move(S);
  return Result;
}

void ObjectCycleAnalysis::Impl::noteStore(const Stmt *S, bool Resolved) {
  if (!S)
    return;
  if (Resolved)
    ResolvedStores.insert(S);
  else
    UnresolvedStores.insert(S);
}

bool ObjectCycleAnalysis::Impl::owning(QualType T) {
  T = T.getCanonicalType();
  auto [It, New] = OwningTypes.try_emplace(T.getTypePtr(), false);
  if (New)
    It->second = isOwningType(T);
  return It->second;
}

bool ObjectCycleAnalysis::Impl::isResolved(const Stmt *S) const {
  return ResolvedStores.count(S) && !UnresolvedStores.count(S);
}

namespace {

class CreationFinder : public RecursiveASTVisitor<CreationFinder> {
public:
  bool Found = false;
  bool shouldVisitLambdaBody() const { return false; }
  bool VisitCXXNewExpr(CXXNewExpr *NE) {
    Found |= NE->getAllocatedType()->isRecordType();
    return !Found;
  }
  bool VisitCallExpr(CallExpr *CE) {
    if (classifyCall(CE) == CallOp::Make) {
      Found = true;
      return false;
    }
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee || !isOwningType(Callee->getReturnType()))
      return true;
    const SourceManager &SM = Callee->getASTContext().getSourceManager();
    Found = !SM.isInSystemHeader(SM.getExpansionLoc(Callee->getLocation()));
    return !Found;
  }
};

} // namespace

bool mayCreateObjects(const FunctionDecl *FD) {
  CreationFinder F;
  F.TraverseStmt(FD->getBody());
  return F.Found;
}

} // namespace clang::tidy::leaklint::cycles
