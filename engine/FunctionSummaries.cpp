//===--- FunctionSummaries.cpp - interprocedural ownership summaries ------===//

#include "FunctionSummaries.h"
#include "ResourceModel.h"
#include "SummaryIndex.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::leaklint::ownership {

bool FunctionSummary::writes(const VarDecl *G) const {
  return llvm::is_contained(WritesGlobals, G->getCanonicalDecl());
}

FunctionSummary FunctionSummary::conservative(const FunctionDecl *FD) {
  FunctionSummary S;
  S.Params.assign(FD->getNumParams(), ParamEffect::Escapes);
  S.This = ParamEffect::Escapes;
  S.WritesUnknownGlobals = true;
  S.Complete = false;
  return S;
}

const Expr *FunctionSummary::argumentFor(const CallExpr *CE,
                                         const FunctionDecl *Callee,
                                         unsigned Param) {
  const auto *M = dyn_cast<CXXMethodDecl>(Callee);
  bool OnObject = M && !M->isStatic();
  unsigned I = Param + (OnObject && isa<CXXOperatorCallExpr>(CE) ? 1 : 0);
  return I < CE->getNumArgs() ? CE->getArg(I) : nullptr;
}

const Expr *FunctionSummary::returnedArgument(const CallExpr *CE,
                                              const FunctionDecl *Callee) const {
  if (!ReturnsParam || !Callee)
    return nullptr;
  const auto *M = dyn_cast<CXXMethodDecl>(Callee);
  bool OnObject = M && !M->isStatic();
  if (*ReturnsParam < Callee->getNumParams())
    return argumentFor(CE, Callee, *ReturnsParam);
  // The object, when the call names it by a pointer (`p->first()`).
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE); MC && OnObject)
    if (const Expr *Obj = MC->getImplicitObjectArgument();
        Obj && Obj->getType()->isPointerType())
      return Obj;
  return nullptr;
}

/// Where \p S is written, by an absolute path: for a summary's reader in
/// another TU.
static std::optional<FunctionSummary::Place> placeOf(const Stmt *S,
                                                     ASTContext &Ctx) {
  if (!S)
    return std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation L = SM.getFileLoc(S->getBeginLoc());
  OptionalFileEntryRef F = SM.getFileEntryRefForID(SM.getFileID(L));
  if (!F)
    return std::nullopt;
  llvm::SmallString<256> Path(F->getName());
  SM.getFileManager().makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/false);
  return FunctionSummary::Place{std::string(Path), SM.getSpellingLineNumber(L),
                                SM.getSpellingColumnNumber(L)};
}

/// The parameters a per-parameter flag is set for, as a JSON list.
static llvm::json::Array indicesOf(const std::vector<bool> &Flags) {
  llvm::json::Array Out;
  for (unsigned I = 0; I < Flags.size(); ++I)
    if (Flags[I])
      Out.push_back(static_cast<int64_t>(I));
  return Out;
}

/// The flags of \p N parameters from such a list (none set without one).
static std::vector<bool> indexSet(const llvm::json::Array *List, size_t N) {
  std::vector<bool> Flags(N, false);
  if (List)
    for (const llvm::json::Value &V : *List)
      if (std::optional<int64_t> I = V.getAsInteger();
          I && *I >= 0 && *I < static_cast<int64_t>(N))
        Flags[*I] = true;
  return Flags;
}

static const char *effectName(ParamEffect E) {
  switch (E) {
  case ParamEffect::Read: return "read";
  case ParamEffect::Released: return "released";
  case ParamEffect::Escapes: return "escapes";
  }
  return "escapes";
}

void FunctionSummary::toJSON(const FunctionDecl *FD,
                             llvm::raw_ostream &OS) const {
  llvm::json::Array Ps;
  for (ParamEffect E : Params)
    Ps.push_back(effectName(E));
  // By name: the declarations' addresses differ from one run to the next,
  // and a summary must read the same each time (whole-program mode compares
  // them to decide what to analyse again).
  std::vector<std::string> Names;
  for (const VarDecl *G : WritesGlobals)
    Names.push_back(G->getQualifiedNameAsString());
  llvm::sort(Names);
  Names.erase(std::unique(Names.begin(), Names.end()), Names.end());
  llvm::json::Array Gs;
  for (std::string &Name : Names)
    Gs.push_back(std::move(Name));
  llvm::json::Object O{{"function", FD->getQualifiedNameAsString()},
                       {"params", std::move(Ps)},
                       {"this", effectName(This)},
                       {"mayThrow", MayThrow},
                       {"throwsItself", ThrowsItself},
                       {"writesGlobals", std::move(Gs)},
                       {"writesUnknownGlobals", WritesUnknownGlobals},
                       {"complete", Complete}};
  if (std::string USR = usrOf(FD); !USR.empty())
    O["usr"] = std::move(USR);
  if (ReturnsAcquirer) {
    O["returnsAcquirer"] = ReturnsAcquirerName;
    if (FreshOnlyIfNull)
      O["freshOnlyIfNull"] = static_cast<int64_t>(*FreshOnlyIfNull);
    if (std::optional<Place> P = placeOf(AcquiredSite, FD->getASTContext()))
      O["acquiredAt"] = llvm::json::Object{
          {"file", P->File},
          {"line", static_cast<int64_t>(P->Line)},
          {"column", static_cast<int64_t>(P->Column)}};
  }
  if (ReturnsParam)
    O["returnsParam"] = static_cast<int64_t>(*ReturnsParam);
  if (ReturnsConstant)
    O["returnsConstant"] = *ReturnsConstant;
  if (NullOnlyIfNull)
    O["nullOnlyIfNull"] = static_cast<int64_t>(*NullOnlyIfNull);
  if (ResultUnlessNull)
    O["resultUnlessNull"] = llvm::json::Array{
        static_cast<int64_t>(ResultUnlessNull->Param), ResultUnlessNull->Value};
  if (ReturnsNonNull)
    O["returnsNonNull"] = true;
  if (NeverReturns)
    O["neverReturns"] = true;
  if (llvm::any_of(KeptUnless,
                   [](FailureValue F) { return F != FailureValue::None; })) {
    llvm::json::Array Ks;
    for (FailureValue F : KeptUnless)
      Ks.push_back(static_cast<int64_t>(F));
    O["keptUnless"] = std::move(Ks);
    if (KeptUnlessOutOfMemory)
      O["keptUnlessOutOfMemory"] = static_cast<int64_t>(KeptUnlessOutOfMemory);
  }
  // Known for every complete summary: only the parameters that copy.
  if (llvm::is_contained(CopiesBytes, true))
    O["copiesBytes"] = indicesOf(CopiesBytes);
  if (llvm::is_contained(PointeeEscapes, true))
    O["pointeeEscapes"] = indicesOf(PointeeEscapes);
  if (!ReleasedWith.empty()) {
    llvm::json::Array Rs;
    for (int G : ReleasedWith)
      Rs.push_back(static_cast<int64_t>(G));
    O["releasedWith"] = std::move(Rs);
  }
  if (Out) {
    llvm::json::Object D{{"param", static_cast<int64_t>(Out->Param)},
                         {"acquirer", OutAcquirerName},
                         {"failure", static_cast<int64_t>(Out->Failure)}};
    if (Out->OnlyIfEmpty)
      D["onlyIfEmpty"] = true;
    O["delivers"] = std::move(D);
  }
  if (Flag) {
    llvm::json::Object F{{"param", static_cast<int64_t>(Flag->Param)}};
    if (Flag->Fresh)
      F["fresh"] = *Flag->Fresh;
    if (Flag->Other)
      F["other"] = *Flag->Other;
    O["flag"] = std::move(F);
  }
  OS << llvm::json::Value(std::move(O));
}

static std::optional<ParamEffect> effectNamed(llvm::StringRef N) {
  if (N == "read")
    return ParamEffect::Read;
  if (N == "released")
    return ParamEffect::Released;
  if (N == "escapes")
    return ParamEffect::Escapes;
  return std::nullopt;
}

std::optional<FunctionSummary>
FunctionSummary::fromJSON(const llvm::json::Object &O,
                          const ResourceModel &Model) {
  FunctionSummary S;
  const llvm::json::Array *Ps = O.getArray("params");
  std::optional<llvm::StringRef> This = O.getString("this");
  if (!Ps || !This)
    return std::nullopt;
  for (const llvm::json::Value &P : *Ps) {
    std::optional<ParamEffect> E =
        P.getAsString() ? effectNamed(*P.getAsString()) : std::nullopt;
    if (!E)
      return std::nullopt;
    S.Params.push_back(*E);
  }
  std::optional<ParamEffect> TE = effectNamed(*This);
  if (!TE)
    return std::nullopt;
  S.This = *TE;
  if (std::optional<llvm::StringRef> A = O.getString("returnsAcquirer"))
    if (const Acquirer *Acq = Model.acquirerNamed(*A)) {
      S.ReturnsAcquirer = Model.indexOf(Acq);
      S.ReturnsAcquirerName = A->str();
      if (std::optional<int64_t> P = O.getInteger("freshOnlyIfNull");
          P && *P >= 0 && static_cast<size_t>(*P) < S.Params.size())
        S.FreshOnlyIfNull = static_cast<unsigned>(*P);
      if (const llvm::json::Object *At = O.getObject("acquiredAt")) {
        std::optional<llvm::StringRef> File = At->getString("file");
        std::optional<int64_t> Line = At->getInteger("line");
        std::optional<int64_t> Column = At->getInteger("column");
        if (File && Line && Column && *Line > 0 && *Column > 0)
          S.AcquiredAt = Place{File->str(), static_cast<unsigned>(*Line),
                               static_cast<unsigned>(*Column)};
      }
    }
  if (std::optional<int64_t> P = O.getInteger("returnsParam"); P && *P >= 0)
    S.ReturnsParam = static_cast<unsigned>(*P);
  if (const llvm::json::Object *D = O.getObject("delivers")) {
    std::optional<int64_t> P = D->getInteger("param");
    std::optional<int64_t> F = D->getInteger("failure");
    std::optional<llvm::StringRef> A = D->getString("acquirer");
    const Acquirer *Acq = A ? Model.acquirerNamed(*A) : nullptr;
    if (P && *P >= 0 && *P < static_cast<int64_t>(S.Params.size()) && F &&
        *F >= 0 && *F <= static_cast<int64_t>(FailureValue::NegativeErrorCode) && Acq) {
      S.Out = Delivery{static_cast<unsigned>(*P), Model.indexOf(Acq),
                       static_cast<FailureValue>(*F),
                       D->getBoolean("onlyIfEmpty").value_or(false)};
      S.OutAcquirerName = A->str();
    }
  }
  if (const llvm::json::Object *F = O.getObject("flag"))
    if (std::optional<int64_t> P = F->getInteger("param");
        P && *P >= 0 && *P < static_cast<int64_t>(S.Params.size()))
      S.Flag = FlagResult{static_cast<unsigned>(*P), F->getInteger("fresh"),
                          F->getInteger("other")};
  if (const llvm::json::Array *Ks = O.getArray("keptUnless"))
    for (const llvm::json::Value &K : *Ks) {
      std::optional<int64_t> F = K.getAsInteger();
      S.KeptUnless.push_back(
          F && *F >= 0 && *F <= static_cast<int64_t>(FailureValue::NegativeErrorCode)
              ? static_cast<FailureValue>(*F)
              : FailureValue::None);
    }
  if (std::optional<int64_t> M = O.getInteger("keptUnlessOutOfMemory");
      M && *M > 0 && *M <= static_cast<int64_t>(UINT32_MAX))
    S.KeptUnlessOutOfMemory = static_cast<uint32_t>(*M);
  S.CopiesBytes = indexSet(O.getArray("copiesBytes"), S.Params.size());
  S.PointeeEscapes = indexSet(O.getArray("pointeeEscapes"), S.Params.size());
  if (const llvm::json::Array *Rs = O.getArray("releasedWith"))
    for (const llvm::json::Value &R : *Rs) {
      std::optional<int64_t> G = R.getAsInteger();
      S.ReleasedWith.push_back(
          G && *G >= 0 && *G < ResourceModel::GFirstCustom ? static_cast<int>(*G)
                                                          : -1);
    }
  S.ReturnsConstant = O.getInteger("returnsConstant");
  S.ReturnsNonNull = O.getBoolean("returnsNonNull").value_or(false);
  S.NeverReturns = O.getBoolean("neverReturns").value_or(false);
  if (std::optional<int64_t> P = O.getInteger("nullOnlyIfNull");
      P && *P >= 0 && static_cast<size_t>(*P) < S.Params.size())
    S.NullOnlyIfNull = static_cast<unsigned>(*P);
  if (const llvm::json::Array *R = O.getArray("resultUnlessNull");
      R && R->size() == 2) {
    std::optional<int64_t> P = (*R)[0].getAsInteger(),
                           V = (*R)[1].getAsInteger();
    if (P && V && *P >= 0 && static_cast<size_t>(*P) < S.Params.size())
      S.ResultUnlessNull = {static_cast<unsigned>(*P), *V};
  }
  S.MayThrow = O.getBoolean("mayThrow").value_or(true);
  S.ThrowsItself = O.getBoolean("throwsItself").value_or(false);
  // Globals of another TU are not this TU's: what it writes of ours is
  // not known by name, and functions without a body are taken not to.
  S.Complete = O.getBoolean("complete").value_or(false);
  S.BytesKnown = S.Complete;
  return S;
}

} // namespace clang::tidy::leaklint::ownership
