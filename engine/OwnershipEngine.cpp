//===--- OwnershipEngine.cpp - the engine's entry points -----------------===//
//
// Analyses and summaries of the TU's functions (each summary computed once,
// on demand, with a guard against recursion), and the numbering of the
// acquirers that values carry.
//
//===----------------------------------------------------------------------===//

#include "OwnershipEngine.h"
#include "AllocatorAttributes.h"
#include "AstHelpers.h"
#include "CallSites.h"
#include "DispatchTables.h"
#include "FunctionAnalysis.h"
#include "FunctionFacts.h"
#include "GlobalCells.h"
#include "HookTargets.h"
#include "LibraryCalls.h"
#include "Overriders.h"
#include "ReleasedResults.h"
#include "SideEffects.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <functional>

namespace clang::tidy::leaklint::ownership {

OwnershipEngine::OwnershipEngine(ASTContext &Ctx, const ResourceModel &Model,
                                 EngineOptions Opts,
                                 const ObligationHooks *Hooks)
    : Ctx(Ctx), Model(Model), Opts(Opts), Hooks(Hooks) {}

OwnershipEngine::~OwnershipEngine() = default;

unsigned OwnershipEngine::acquirerIndex(const Acquirer *A) {
  if (Model.owns(A))
    return Model.indexOf(A);
  auto It = llvm::find(HookAcquirers, A);
  unsigned K = It - HookAcquirers.begin();
  if (It == HookAcquirers.end())
    HookAcquirers.push_back(A);
  return Model.size() + K;
}

const Acquirer *OwnershipEngine::make(Acquirer A) {
  auto [It, New] = MadeIndex.try_emplace(
      std::make_tuple(A.Name, A.Kind, A.Group, A.OutArg, A.Failure), nullptr);
  if (!New)
    return It->second;
  MadeStore.push_back(std::move(A));
  It->second = &MadeStore.back();
  Made.insert(It->second);
  acquirerIndex(It->second);
  return It->second;
}

const Acquirer *OwnershipEngine::deliveringAcquirer(const Acquirer &Base,
                                                    unsigned OutArg,
                                                    FailureValue Failure) {
  return make({Base.Name, Base.Kind, Base.Group, Failure,
               static_cast<int>(OutArg)});
}

const Acquirer *OwnershipEngine::returningAcquirer(const Acquirer &Base,
                                                   bool Pointer) {
  if (Base.OutArg < 0)
    return &Base;
  FailureValue Failure = Base.Failure;
  if (Pointer && Failure != FailureValue::None)
    Failure = FailureValue::Null;
  return make({Base.Name, Base.Kind, Base.Group, Failure});
}

const Acquirer *OwnershipEngine::statusAcquirer(FailureValue Failure,
                                                bool OutOfMemory) {
  Acquirer A{OutOfMemory ? "allocation status" : "status",
             ResourceKind::Memory, ResourceModel::GFree, Failure};
  A.StatusOnly = true;
  A.FailsOnlyOutOfMemory = OutOfMemory;
  return make(std::move(A));
}

unsigned OwnershipEngine::moduleGroup(llvm::StringRef Module) {
  if (Module == "malloc")
    return ResourceModel::GFree;
  // A family of its own, never a mismatch (isModuleGroup).
  return ModuleGroups.try_emplace(Module, FirstModuleGroup + ModuleGroups.size())
      .first->second;
}

const Acquirer *OwnershipEngine::acquirerOf(const FunctionDecl *FD) {
  if (const Acquirer *A = Model.acquirerFor(FD))
    return A;
  if (!FD || hasUsableBody(FD)) // the body says more than its attributes
    return nullptr;
  FD = FD->getMostRecentDecl();
  auto [It, New] = AttributeAcquirers.try_emplace(FD, nullptr);
  if (New)
    if (auto AA = detail::attributeAcquisition(FD))
      It->second = make({FD->getNameAsString(), AA->Kind,
                         moduleGroup(AA->Module), AA->Failure});
  return It->second;
}

bool OwnershipEngine::isRealloc(const FunctionDecl *FD) {
  if (!FD)
    return false;
  if (Model.isRealloc(FD))
    return true;
  return !Model.acquirerFor(FD) && acquirerOf(FD) &&
         detail::takesBlockOver(FD->getMostRecentDecl());
}

bool OwnershipEngine::leakIsThisFiles(const Acquirer &A) {
  return A.Kind != ResourceKind::Memory || A.Group != moduleGroup("") ||
         fileReleasesMemory();
}

bool OwnershipEngine::fileReleasesMemory() {
  if (ReleasesMemory)
    return *ReleasesMemory;
  auto ReleasesMemoryAt = [&](const Stmt *S) {
    if (isa<CXXDeleteExpr>(S))
      return true;
    const auto *CE = dyn_cast<CallExpr>(S);
    const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
    if (!Callee)
      return false;
    if (Model.isRealloc(Callee))
      return true;
    std::optional<Releaser> R = releaserOf(Callee);
    return R && (R->Group == ResourceModel::GFree ||
                 R->Group == ResourceModel::GDelete ||
                 R->Group == ResourceModel::GDeleteArray ||
                 R->Group >= ResourceModel::GFirstCustom);
  };
  bool Found = false;
  std::function<void(const Decl *)> Visit = [&](const Decl *D) {
    if (Found || !D)
      return;
    if (const auto *FD = dyn_cast<FunctionDecl>(D);
        FD && FD->doesThisDeclarationHaveABody())
      detail::forEachNode(FD->getBody(), [&](const Stmt *S) {
        Found = Found || ReleasesMemoryAt(S);
      });
    if (const auto *DC = dyn_cast<DeclContext>(D))
      for (const Decl *Inner : DC->decls())
        Visit(Inner);
  };
  detail::forEachUserDecl(Ctx, [&](const Decl *D) { Visit(D); });
  ReleasesMemory = Found;
  return Found;
}

std::optional<Releaser> OwnershipEngine::releaserOf(const FunctionDecl *FD) {
  if (std::optional<Releaser> R = Model.releaserFor(FD))
    return R;
  if (!FD || hasUsableBody(FD))
    return std::nullopt;
  if (auto AR = detail::attributeRelease(FD->getMostRecentDecl()))
    return Releaser{moduleGroup(AR->Module), AR->Arg};
  return std::nullopt;
}

const Acquirer *OwnershipEngine::acquirerAt(unsigned I) const {
  if (I < Model.size())
    return Model.acquirerByIndex(I);
  return HookAcquirers[I - Model.size()];
}

bool OwnershipEngine::neverReturns(const FunctionDecl *FD) {
  if (!FD)
    return false;
  if (FD->isNoReturn())
    return true;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD); MD && MD->isVirtual())
    return false;
  if (!hasUsableBody(FD)) {
    const FunctionSummary *S = importedSummary(FD);
    return S && S->NeverReturns;
  }
  const FunctionDecl *Def = nullptr;
  FD->hasBody(Def);
  if (auto It = NeverReturns.find(Def); It != NeverReturns.end())
    return It->second;
  NeverReturns[Def] = false;
  bool Never = detail::bodyNeverReturns(Def, Ctx, [&](const CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    return detail::exitsWithStatus(CE, Callee) ||
           (Callee && Callee != Def && neverReturns(Callee));
  });
  NeverReturns[Def] = Never;
  return Never;
}

bool OwnershipEngine::hasUsableBody(const FunctionDecl *FD) const {
  if (!FD || !FD->hasBody())
    return false;
  const FunctionDecl *Def = nullptr;
  FD->hasBody(Def);
  if (!Def || Def->isDependentContext())
    return false;
  return !detail::isStdOrSystem(Def, Ctx.getSourceManager());
}

bool OwnershipEngine::hasSummary(const FunctionDecl *FD) {
  return hasUsableBody(FD) || (FD && importedSummary(FD));
}

const OwnershipEngine::ImportSlot *
OwnershipEngine::importSlot(const FunctionDecl *FD) {
  if ((!Imported && !RecordImports) || FD->hasBody() ||
      detail::isStdOrSystem(FD, Ctx.getSourceManager()))
    return nullptr;
  FD = FD->getCanonicalDecl();
  auto [It, New] = ImportedOf.try_emplace(FD);
  ImportSlot &Slot = It->second;
  if (New) {
    Slot.USR = usrOf(FD);
    const FunctionSummary *S = Imported ? Imported->find(Slot.USR) : nullptr;
    // A summary of another function's shape (a stale or clashing entry)
    // is not this one's.
    if (S && S->Params.size() == FD->getNumParams())
      Slot.Summary = S;
  }
  return &Slot;
}

const FunctionSummary *
OwnershipEngine::importedSummary(const FunctionDecl *FD) {
  const ImportSlot *Slot = importSlot(FD);
  if (!Slot)
    return nullptr;
  if (RecordImports && !Slot->USR.empty())
    dependOn(Slot->USR);
  return Slot->Summary;
}

bool OwnershipEngine::importedFactory(const FunctionDecl *FD) {
  const ImportSlot *Slot = importSlot(FD);
  if (!Slot)
    return false;
  if (RecordImports && !Slot->USR.empty())
    dependOn(std::string(FactoryDependencyPrefix) + Slot->USR);
  return Slot->Summary && (Slot->Summary->ReturnsAcquirer || Slot->Summary->Out);
}

void OwnershipEngine::dependOn(const std::string &USR) {
  (DepScopes.empty() ? FindingDeps : DepScopes.back()).insert(USR);
}

void OwnershipEngine::dependOn(const Dependencies &D) {
  if (!DepScopes.empty())
    DepScopes.back().insert(D.begin(), D.end());
}

OwnershipEngine::Dependencies OwnershipEngine::popScope() {
  Dependencies Deps = std::move(DepScopes.back());
  DepScopes.pop_back();
  if (RecordImports)
    dependOn(Deps);
  return Deps;
}

const llvm::DenseMap<const ValueDecl *, const FunctionDecl *> &
OwnershipEngine::hookSettings() {
  if (!HookSettings)
    HookSettings = detail::hookSettings(Ctx);
  return *HookSettings;
}

const llvm::DenseMap<const ValueDecl *, const FunctionDecl *> &
OwnershipEngine::localHooks() {
  if (!HookTargets) {
    HookTargets.emplace();
    for (const auto &[D, F] : hookSettings())
      (*HookTargets)[D] = isModelFunction(F) ? F : nullptr;
  }
  return *HookTargets;
}

bool OwnershipEngine::isModelFunction(const FunctionDecl *F) const {
  return F && (Model.acquirerFor(F) || Model.releaserFor(F));
}

const FunctionDecl *OwnershipEngine::functionNamed(llvm::StringRef Name,
                                                   QualType HookType) {
  IdentifierInfo &Id = Ctx.Idents.get(Name);
  const FunctionDecl *Found = nullptr;
  for (const NamedDecl *ND : Ctx.getTranslationUnitDecl()->lookup(&Id))
    if (const auto *F = dyn_cast<FunctionDecl>(ND))
      Found = F;
  if (Found)
    return Found;
  // Not declared here (`free` without <stdlib.h>): a declaration of it with
  // the hook's prototype, which the ASTContext owns, outside the TU's scope.
  QualType FT = HookType->getPointeeType();
  const auto *Proto = FT.isNull() ? nullptr : FT->getAs<FunctionProtoType>();
  if (!Proto)
    return nullptr;
  TranslationUnitDecl *TU = Ctx.getTranslationUnitDecl();
  FunctionDecl *F = FunctionDecl::Create(Ctx, TU, SourceLocation(), SourceLocation(),
                                         DeclarationName(&Id), FT, nullptr, SC_Extern);
  llvm::SmallVector<ParmVarDecl *, 4> Params;
  for (QualType PT : Proto->param_types())
    Params.push_back(ParmVarDecl::Create(Ctx, F, SourceLocation(), SourceLocation(),
                                         nullptr, PT, nullptr, SC_None, nullptr));
  F->setParams(Params);
  F->setImplicit();
  return F;
}

const FunctionDecl *OwnershipEngine::programFunction(llvm::StringRef USR,
                                                     QualType HookType) {
  // A function of the TU's scope (`c:@F@name`, what a C function with
  // external linkage has): its name, then the declaration, checked by USR.
  size_t At = USR.rfind("@F@");
  if (At == llvm::StringRef::npos)
    return nullptr;
  llvm::StringRef Name = USR.drop_front(At + 3).take_until(
      [](char C) { return C == '#'; });
  const FunctionDecl *F = Name.empty() ? nullptr : functionNamed(Name, HookType);
  return F && usrOf(F) == USR ? F : nullptr;
}

const FunctionDecl *OwnershipEngine::hookTarget(const ValueDecl *D) {
  const auto &Local = localHooks();
  if (auto It = Local.find(D); It != Local.end())
    return It->second;
  if (!Imported && !RecordImports)
    return nullptr;
  auto [It, New] = ImportedHooks.try_emplace(D);
  auto &[Key, Target] = It->second;
  if (New) {
    std::string USR = usrOf(D);
    if (!USR.empty())
      Key = std::string(HookPrefix) + USR;
    llvm::StringRef Name = Imported && !USR.empty() ? Imported->hookTarget(USR) : "";
    if (Name.consume_front(ProgramHookPrefix)) {
      Target = programFunction(Name, D->getType());
    } else if (!Name.empty()) {
      Target = functionNamed(Name, D->getType());
      if (!isModelFunction(Target))
        Target = nullptr;
    }
  }
  if (RecordImports && !Key.empty())
    dependOn(Key);
  return Target;
}

bool OwnershipEngine::isUnknownCall(const CallExpr *CE) {
  const Decl *Callee = detail::calleeIdentity(CE);
  if (const auto *F = dyn_cast_or_null<FunctionDecl>(Callee))
    return !acquirerOf(F) && !releaserOf(F) && !Model.isKnownReader(F) &&
           !isRealloc(F) && !hasSummary(F);
  const auto *Hook = dyn_cast_or_null<ValueDecl>(Callee);
  return Hook && !hookTarget(Hook);
}

bool OwnershipEngine::freesFirstArgument(const CallExpr *C,
                                         bool OrProgramRelease) {
  const FunctionDecl *F = C->getDirectCallee();
  if (!F)
    return false;
  if (std::optional<Releaser> R = releaserOf(F))
    return R->Group == ResourceModel::GFree && R->Arg == 0;
  // A release of the program that frees what it is given (with `free`, or
  // with what another TU's summary does not say).
  if (!OrProgramRelease || !hasSummary(F))
    return false;
  const FunctionSummary &Sum = summary(F);
  int With = Sum.releasedWith(0);
  return !Sum.Params.empty() && Sum.Params[0] == ParamEffect::Released &&
         (With < 0 || With == static_cast<int>(ResourceModel::GFree));
}

const Acquirer *OwnershipEngine::freedAcquirer(const CallExpr *CE,
                                               FailureValue Failure,
                                               int OutArg) {
  const auto *Named = dyn_cast_or_null<NamedDecl>(detail::calleeIdentity(CE));
  return make({Named ? Named->getNameAsString() : std::string("call"),
               ResourceKind::Memory, ResourceModel::GFree, Failure, OutArg});
}

// The scans are computed before they are stored: asking for summaries may
// come back here for other callers, and grow the maps.

const Acquirer *OwnershipEngine::freedResultAcquirer(const CallExpr *CE,
                                                     const FunctionDecl *Caller) {
  auto It = FreedResults.find(Caller);
  if (It == FreedResults.end())
    It = FreedResults
             .try_emplace(Caller,
                          detail::resultsFreedBy(
                              Caller, Ctx,
                              [&](const CallExpr *C) {
                                return isUnknownCall(C);
                              },
                              [&](const CallExpr *C) {
                                return freesFirstArgument(
                                    C, /*OrProgramRelease=*/false);
                              }))
             .first;
  return It->second.count(CE) ? freedAcquirer(CE, FailureValue::Null, -1)
                              : nullptr;
}

const Acquirer *OwnershipEngine::freedOutputAcquirer(const CallExpr *CE,
                                                     const FunctionDecl *Caller) {
  auto It = FreedOutputs.find(Caller);
  if (It == FreedOutputs.end())
    It = FreedOutputs.try_emplace(Caller, outputsFreedBy(Caller)).first;
  auto Found = It->second.find(CE);
  if (Found == It->second.end())
    return nullptr;
  return freedAcquirer(CE, Found->second.Failure,
                       static_cast<int>(Found->second.Arg));
}

llvm::DenseMap<const CallExpr *, detail::FreedOutput>
OwnershipEngine::outputsFreedBy(const FunctionDecl *Caller) {
  return detail::outputsFreedBy(
      Caller, Ctx,
      [&](const CallExpr *C, unsigned Arg) {
        if (isUnknownCall(C))
          return true;
        // A function of the program that gives the address on to code
        // it cannot see (a method of a driver) and delivers nothing
        // itself.
        const FunctionDecl *F = C->getDirectCallee();
        if (!F || !hasSummary(F))
          return false;
        const FunctionSummary &Sum = summary(F);
        return !Sum.Out && !Sum.ReturnsAcquirer &&
               Arg < Sum.Params.size() &&
               Sum.Params[Arg] == ParamEffect::Escapes;
      },
      [&](const CallExpr *C) {
        return freesFirstArgument(C, /*OrProgramRelease=*/true);
      });
}

bool OwnershipEngine::isWrittenInTU(const VarDecl *VD) {
  if (!WrittenGlobals)
    WrittenGlobals = detail::writtenGlobals(Ctx);
  return WrittenGlobals->count(VD->getCanonicalDecl());
}

const Acquirer *OwnershipEngine::tableAcquirer(const CallExpr *CE) {
  const VarDecl *Table = detail::tableCalledBy(CE);
  if (!Table)
    return nullptr;
  // Entered before the entries are summarised: one that calls through the
  // same table (a recursive descent) sees no acquirer.
  auto [It, New] = TableAcquirers.try_emplace(Table, std::nullopt);
  if (New) {
    std::optional<unsigned> Shared;
    bool Agree = true;
    for (const FunctionDecl *FD : detail::tableTargets(Ctx, Table)) {
      const FunctionSummary *Sum = hasSummary(FD) ? &summary(FD) : nullptr;
      if (!Sum || !Sum->ReturnsAcquirer || Sum->FreshOnlyIfNull ||
          (Shared && *Shared != *Sum->ReturnsAcquirer)) {
        Agree = false;
        break;
      }
      Shared = Sum->ReturnsAcquirer;
    }
    It = TableAcquirers.find(Table); // summaries may have grown the map
    if (Agree && Shared)
      It->second = Shared;
  }
  if (!It->second)
    return nullptr;
  return returningAcquirer(*acquirerAt(*It->second),
                           CE->getType()->isPointerType());
}

const detail::GlobalCells &OwnershipEngine::cells() {
  if (!Cells)
    Cells = std::make_unique<detail::GlobalCells>(detail::findGlobalCells(Ctx));
  return *Cells;
}

const CXXMethodDecl *OwnershipEngine::onlyOverrider(const CXXMethodDecl *MD) {
  if (!OverriderIndex)
    OverriderIndex = std::make_unique<detail::Overriders>(Ctx);
  return OverriderIndex->onlyOverrider(MD);
}

bool OwnershipEngine::everyCallPassesNull(const FunctionDecl *FD,
                                          unsigned Param) {
  if (!CallSiteIndex)
    CallSiteIndex = std::make_unique<detail::CallSites>(Ctx);
  return CallSiteIndex->everyCallPassesNull(FD, Param);
}

OwnershipEngine::Cell OwnershipEngine::cellGlobal(const VarDecl *VD) {
  const VarDecl *C = VD->getCanonicalDecl();
  if (!cells().Cells.count(C))
    return Cell::No;
  return cells().Reachable.count(C) ? Cell::Reachable : Cell::Internal;
}

bool OwnershipEngine::hasCellGlobals() { return !cells().Cells.empty(); }

bool OwnershipEngine::isLibraryCode(const FunctionDecl *FD) {
  const SourceManager &SM = Ctx.getSourceManager();
  return SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation())) ||
         acquirerOf(FD) || releaserOf(FD) || Model.isKnownReader(FD);
}

const FunctionSummary &OwnershipEngine::summary(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  FD->hasBody(Def);
  if (!Def) {
    if (const FunctionSummary *S = importedSummary(FD))
      return *S;
    Def = FD;
  }
  auto It = Summaries.find(Def);
  if (It != Summaries.end()) {
    if (RecordImports)
      dependOn(SummaryDeps.lookup(Def));
    return *It->second;
  }
  if (InProgress.count(Def)) {
    // Recursion: the caller sees a conservative summary for now.
    auto &Slot = Summaries[Def];
    Slot = std::make_unique<FunctionSummary>(FunctionSummary::conservative(Def));
    return *Slot;
  }
  InProgress.insert(Def);
  FunctionSummary Result;
  DepScopes.emplace_back();
  {
    detail::FunctionAnalysis A(*this, Def, /*Summary=*/true);
    bool Ok = A.run();
    Result = Ok ? A.takeSummary() : FunctionSummary::conservative(Def);
    SummarySteps[Def] = A.steps();
  }
  detail::scanSideEffects(*this, Def, Result);
  Result.NeverReturns = neverReturns(Def);
  SummaryDeps[Def] = popScope();
  llvm::sort(Result.WritesGlobals);
  Result.WritesGlobals.erase(
      std::unique(Result.WritesGlobals.begin(), Result.WritesGlobals.end()),
      Result.WritesGlobals.end());
  InProgress.erase(Def);
  auto &Slot = Summaries[Def];
  Slot = std::make_unique<FunctionSummary>(std::move(Result));
  SummaryOrder.push_back(Def);
  return *Slot;
}

bool OwnershipEngine::costly(const FunctionDecl *Def) const {
  // Its summary took a good part of the budget: a second walk of the body,
  // following more cells or knowing some arguments, decides little more
  // and costs as much again or runs out (lemon.c's ReportTable, 650 lines:
  // 19000 visits, then a walk following its parameter's fields that ran
  // out of budget).
  auto It = SummarySteps.find(Def);
  return It != SummarySteps.end() && It->second > Opts.MaxSteps / 4;
}

std::optional<std::vector<FunctionSummary::CellEffect>>
OwnershipEngine::followedCells(const FunctionDecl *FD, bool Members) {
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !hasUsableBody(Def) || costly(Def))
    return std::nullopt;
  detail::FunctionAnalysis A(*this, Def, /*Summary=*/true);
  if (Members)
    A.followMembers();
  else
    A.followParamFields();
  if (!A.run())
    return std::nullopt;
  FunctionSummary Sum = A.takeSummary();
  if (Sum.WritesUnknownGlobals)
    return std::nullopt;
  // The run's cells of globals are the summary's business, not this one's.
  std::vector<FunctionSummary::CellEffect> Effects;
  for (FunctionSummary::CellEffect &E : Sum.Cells)
    if (Members ? !E.Var : isa_and_nonnull<ParmVarDecl>(E.Var))
      Effects.push_back(std::move(E));
  return Effects;
}

const std::optional<std::vector<FunctionSummary::CellEffect>> &
OwnershipEngine::memberEffects(const CXXMethodDecl *M) {
  M = cast<CXXMethodDecl>(M->getCanonicalDecl());
  auto [It, New] = FollowedCells.try_emplace({M, true});
  if (New)
    It->second = followedCells(M, /*Members=*/true);
  return It->second;
}

const std::optional<std::vector<FunctionSummary::CellEffect>> &
OwnershipEngine::paramFieldEffects(const FunctionDecl *FD) {
  FD = FD->getCanonicalDecl();
  auto [It, New] = FollowedCells.try_emplace({FD, false});
  if (New)
    It->second = followedCells(FD, /*Members=*/false);
  return It->second;
}

const FunctionSummary &OwnershipEngine::summary(const FunctionDecl *FD,
                                                const CallContext &Known) {
  const FunctionSummary &Base = summary(FD);
  // A context can only sharpen what the callee does with its arguments and
  // returns: a callee that only reads them needs none.
  bool Sharpens = Base.ReturnsAcquirer || Base.ReturnsParam ||
                  llvm::any_of(Base.Params, [](ParamEffect E) {
                    return E != ParamEffect::Read;
                  });
  if (!Sharpens || llvm::none_of(Known, [](const auto &K) { return K; }))
    return Base;
  // A body whose paths outran the budget outruns it again: what the caller
  // knows of an argument rarely cuts them by enough.
  if (!Base.Complete)
    return Base;
  const FunctionDecl *Def = nullptr;
  FD->hasBody(Def);
  if (!Def || InProgress.count(Def))
    return Base;
  if (costly(Def))
    return Base;
  auto Key = std::make_pair(Def, Known);
  if (auto It = Specialised.find(Key); It != Specialised.end()) {
    if (RecordImports)
      dependOn(SpecialisedDeps[Key]);
    return *It->second;
  }
  // Bounded: a few contexts per function, then the general summary.
  if (SpecialisedCount[Def]++ >= Opts.MaxContextsPerFunction)
    return Base;
  InProgress.insert(Def);
  FunctionSummary Result = Base;
  DepScopes.emplace_back();
  {
    detail::FunctionAnalysis A(*this, Def, /*Summary=*/true, &Known);
    if (A.run()) {
      FunctionSummary Sharp = A.takeSummary();
      Result.Params = Sharp.Params;
      Result.This = Sharp.This;
      Result.ReturnsAcquirer = Sharp.ReturnsAcquirer;
      Result.ReturnsAcquirerName = Sharp.ReturnsAcquirerName;
      Result.ReturnsSelfLinkedAt = Sharp.ReturnsSelfLinkedAt;
      Result.FreshOnlyIfNull = Sharp.FreshOnlyIfNull;
      Result.NullOnlyIfNull = Sharp.NullOnlyIfNull;
      Result.ResultUnlessNull = Sharp.ResultUnlessNull;
      Result.AcquiredSite = Sharp.AcquiredSite;
      Result.ReturnsParam = Sharp.ReturnsParam;
      Result.ReturnsConstant = Sharp.ReturnsConstant;
      Result.Flag = Sharp.Flag;
    }
  }
  SpecialisedDeps[Key] = popScope();
  InProgress.erase(Def);
  auto &Slot = Specialised[Key];
  Slot = std::make_unique<FunctionSummary>(std::move(Result));
  return *Slot;
}

std::vector<Finding> OwnershipEngine::analyze(const FunctionDecl *FD) {
  OverBudget = false;
  detail::FunctionAnalysis A(*this, FD, /*Summary=*/false);
  if (!A.run()) {
    OverBudget = true;
    return {};
  }
  return A.findings();
}

namespace {
llvm::json::Array usrArray(const std::set<std::string> &USRs) {
  llvm::json::Array A;
  for (const std::string &USR : USRs)
    A.push_back(USR);
  return A;
}
} // namespace

void OwnershipEngine::exportSummaries(llvm::raw_ostream &OS) {
  for (const FunctionDecl *FD : SummaryOrder) {
    auto It = Summaries.find(FD);
    if (It == Summaries.end())
      continue;
    It->second->toJSON(FD, OS);
    OS << "\n";
  }
  // The hooks the TU sets, in a stable order.
  std::vector<std::pair<std::string, llvm::json::Value>> Hooks;
  for (const auto &[D, F] : hookSettings())
    if (std::string USR = usrOf(D); !USR.empty()) {
      std::string Name = isModelFunction(F)  ? ResourceModel::tableName(F).str()
                         : detail::standsForProgramFunction(D, F, Ctx.getSourceManager()) ? (ProgramHookPrefix + usrOf(F)).str()
                                               : "";
      Hooks.emplace_back(std::string(HookPrefix) + USR,
                         Name.empty() ? llvm::json::Value(nullptr)
                                      : llvm::json::Value(std::move(Name)));
    }
  llvm::sort(Hooks, [](const auto &A, const auto &B) { return A.first < B.first; });
  for (auto &[Key, Target] : Hooks)
    OS << llvm::json::Value(llvm::json::Object{{"usr", Key}, {"hookTarget", std::move(Target)}})
       << "\n";
  if (!RecordImports)
    return;
  // What each summary read of the other TUs, beside it (a summary's line
  // stays the same while only its dependencies change).
  for (const FunctionDecl *FD : SummaryOrder) {
    auto It = SummaryDeps.find(FD);
    std::string USR = usrOf(FD);
    if (It == SummaryDeps.end() || It->second.empty() || USR.empty())
      continue;
    OS << llvm::json::Value(llvm::json::Object{
              {"summary-of", USR}, {"imports", usrArray(It->second)}})
       << "\n";
  }
  OS << llvm::json::Value(llvm::json::Object{{"imports", usrArray(FindingDeps)}})
     << "\n";
}

} // namespace clang::tidy::leaklint::ownership
