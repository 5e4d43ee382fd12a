//===--- LambdaCaptureCheck.cpp - leaklint-lambda-capture ---------------------------------===//

#include "LambdaCaptureCheck.h"
#include "TitledFix.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ParentMap.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leaklint {

namespace {

constexpr unsigned DefaultSizeThreshold = 256;

constexpr llvm::StringLiteral DefaultHeapOwningTypes =
    "::std::basic_string;::std::vector;::std::deque;::std::list;::std::forward_list;"
    "::std::map;::std::multimap;::std::set;::std::multiset;::std::unordered_map;"
    "::std::unordered_multimap;::std::unordered_set;::std::unordered_multiset;"
    "::std::function;::std::any;::std::valarray";

constexpr llvm::StringLiteral DefaultStoringFunctions =
    "subscribe;connect;on;once;add_listener;addListener;addEventListener;"
    "add_handler;addHandler;register_callback;registerCallback;set_callback;"
    "setCallback;add_timer;addTimer";

constexpr llvm::StringLiteral DefaultOneShotFunctions =
    "post;dispatch;defer;submit;enqueue;execute;schedule;schedule_at;call_later;"
    "call_soon;run_later;runLater;invokeLater;singleShot";

constexpr llvm::StringLiteral DefaultUnregisteringFunctions =
    "unsubscribe;disconnect;off;remove_listener;removeListener;removeEventListener;"
    "remove_handler;removeHandler;unregister_callback;unregisterCallback;cancel;"
    "remove_timer;removeTimer";

std::vector<std::string> toStrings(StringRef List) {
  std::vector<std::string> Out;
  for (StringRef S : utils::options::parseStringList(List))
    if (!S.trim().empty())
      Out.push_back(S.trim().str());
  return Out;
}

// One by-copy capture worth reporting.
struct Candidate {
  const LambdaCapture *Capture;
  const ValueDecl *Captured;  ///< The capture's own variable (null: `*this`).
  const VarDecl *Source;      ///< The local that is copied, when there is one.
  const DeclRefExpr *InitRef; ///< `x` in `[y = x]`.
  QualType Type;
  CaptureCostModel::Cost Cost;
};

/// Whether every use of \p Captured in \p L's body is a call of it (the
/// function a wrapper calls: `[func](std::string &v) { v = func(v); }`, and
/// tests before calling it or hands on to a call) or returns it whole (the
/// value a getter gives: `[desc] { return desc; }`): the copy is what the
/// callback is, not data it happens to hold.
bool isClosureState(const LambdaExpr *L, const ValueDecl *Captured,
                    ASTContext &Ctx) {
  const Stmt *Body = L->getBody();
  if (!Captured || !Body)
    return false;
  llvm::SmallVector<const DeclRefExpr *, 8> Uses =
      findUses(L->getCallOperator(), Captured, Ctx);
  if (Uses.empty())
    return false;
  ParentMap PM(const_cast<Stmt *>(Body));
  const auto *RD =
      Captured->getType().getNonReferenceType()->getAsCXXRecordDecl();
  bool Callable = RD && RD->hasDefinition() &&
                  llvm::any_of(RD->methods(), [](const CXXMethodDecl *M) {
                    return M->getOverloadedOperator() == OO_Call;
                  });
  return llvm::all_of(Uses, [&](const DeclRefExpr *DRE) {
    const Stmt *Up =
        PM.getParentIgnoreParenImpCasts(const_cast<DeclRefExpr *>(DRE));
    if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(Up);
        CE && CE->getNumArgs() == 1)
      Up = PM.getParentIgnoreParenImpCasts(const_cast<CXXConstructExpr *>(CE));
    if (isa_and_nonnull<ReturnStmt>(Up))
      return true;
    // `if (fn)`: whether a wrapped function is set.
    if (const auto *ME = dyn_cast_or_null<MemberExpr>(Up);
        ME && isa<CXXConversionDecl>(ME->getMemberDecl()) &&
        cast<CXXConversionDecl>(ME->getMemberDecl())
            ->getConversionType()
            ->isBooleanType())
      return true;
    if (const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(Up);
        OC && OC->getOperator() == OO_Call &&
        OC->getArg(0)->IgnoreParenImpCasts() == DRE)
      return true;
    // A function handed on to the call that applies it.
    return Callable && isa_and_nonnull<CallExpr>(Up);
  });
}

bool isLoop(const Stmt *S) { return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S); }

bool contains(const SourceManager &SM, SourceRange R, SourceLocation L) {
  return R.isValid() && L.isValid() && !SM.isBeforeInTranslationUnit(L, R.getBegin()) &&
         !SM.isBeforeInTranslationUnit(R.getEnd(), L);
}

// Whether the copy of V made by lambda L can become a move: V is a
// non-const local of this function, nothing reads it after the lambda is
// created, nothing aliases it, and the lambda is not created repeatedly in a
// loop that V outlives.
bool canMoveFrom(const VarDecl *V, const LambdaExpr *L, ASTContext &Ctx,
                 CallableStoreFinder &Finder) {
  if (!V || !V->hasLocalStorage() || V->getType()->isReferenceType() ||
      V->getType().isConstQualified() || V->getType().isVolatileQualified() || V->isInitCapture() ||
      isa<DecompositionDecl>(V))
    return false;
  // A variable of an enclosing lambda's function: moving would empty the
  // enclosing closure's copy for its next call.
  if (V->getDeclContext() != L->getLambdaClass()->getDeclContext())
    return false;
  const auto *Fn = dyn_cast<FunctionDecl>(V->getDeclContext());
  if (!Fn || !Fn->getBody())
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceRange LR = L->getSourceRange();
  // The statement that creates the lambda: another read of V in it may be
  // evaluated after the move (`reg(proto.name, [proto] {...})`). In a
  // constructor's initializer list, initializers run in declaration order,
  // so any read there is suspect.
  SourceRange Unsequenced;
  const Stmt *Top = L;
  for (unsigned Steps = 0; Steps < 256; ++Steps) {
    CallableStoreFinder::Parent P = Finder.parentOf(Top, Fn);
    if (P.S && !isa<CompoundStmt>(P.S)) {
      Top = P.S;
      continue;
    }
    if (P.Init)
      Unsequenced = SourceRange(Fn->getBeginLoc(), Fn->getBody()->getBeginLoc());
    else
      Unsequenced = Top->getSourceRange();
    break;
  }
  for (const DeclRefExpr *Use : findUses(Fn, V, Ctx)) {
    if (contains(SM, LR, Use->getLocation()))
      continue;
    if (SM.isBeforeInTranslationUnit(LR.getEnd(), Use->getLocation()) ||
        contains(SM, Unsequenced, Use->getLocation()))
      return false; // read after the lambda, or unsequenced with it
    // Read before: only plain reads, no pointer or reference kept to it.
    const Expr *Cur = Use;
    for (;;) {
      CallableStoreFinder::Parent P = Finder.parentOf(Cur, Fn);
      if (const auto *PE = dyn_cast_or_null<Expr>(P.S)) {
        if (const auto *UO = dyn_cast<UnaryOperator>(PE); UO && UO->getOpcode() == UO_AddrOf)
          return false;
        if (isa<ParenExpr, ImplicitCastExpr>(PE)) {
          Cur = PE;
          continue;
        }
      } else if (P.Var &&
                 (P.Var->getType()->isReferenceType() || P.Var->getType()->isPointerType())) {
        return false;
      }
      break;
    }
  }
  // Other lambdas that see V: by reference anywhere, or by copy after ours.
  for (const LambdaExpr *Other : findLambdas(Fn, Ctx)) {
    if (Other == L)
      continue;
    for (const LambdaCapture &C : Other->captures())
      if (C.capturesVariable() && C.getCapturedVar() == V &&
          (C.getCaptureKind() == LCK_ByRef ||
           SM.isBeforeInTranslationUnit(LR.getEnd(), Other->getBeginLoc())))
        return false;
  }
  // Created in a loop that V outlives: the second iteration would copy a
  // moved-from object.
  const Stmt *Cur = L;
  for (unsigned Steps = 0; Steps < 256; ++Steps) {
    const Stmt *PS = Finder.parentOf(Cur, Fn).S;
    if (!PS)
      break;
    if (isLoop(PS) && !contains(SM, PS->getSourceRange(), V->getLocation()))
      return false;
    Cur = PS;
  }
  return true;
}

std::string sizeText(const CaptureCostModel::Cost &C) {
  std::string S = std::to_string(C.Bytes) + (C.Bytes == 1 ? " byte" : " bytes");
  if (C.OwnsHeap)
    S += " + heap data";
  return S;
}

} // namespace

LambdaCaptureCheck::LambdaCaptureCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      SizeThreshold(Options.get("SizeThreshold", DefaultSizeThreshold)),
      HeapOwningTypes(toStrings(Options.get("HeapOwningTypes", DefaultHeapOwningTypes))),
      StoringFunctions(toStrings(Options.get("StoringFunctions", DefaultStoringFunctions))),
      OneShotFunctions(toStrings(Options.get("OneShotFunctions", DefaultOneShotFunctions))),
      UnregisteringFunctions(
          toStrings(Options.get("UnregisteringFunctions", DefaultUnregisteringFunctions))),
      Level(Options.get("Strictness", Strictness::Conservative)),
      Inserter(Options.getLocalOrGlobal("IncludeStyle", utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()),
      Costs(SizeThreshold, HeapOwningTypes) {}

void LambdaCaptureCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  auto Join = [](const std::vector<std::string> &List) {
    std::vector<StringRef> Refs(List.begin(), List.end());
    return utils::options::serializeStringList(Refs);
  };
  Options.store(Opts, "SizeThreshold", SizeThreshold);
  Options.store(Opts, "HeapOwningTypes", Join(HeapOwningTypes));
  Options.store(Opts, "StoringFunctions", Join(StoringFunctions));
  Options.store(Opts, "OneShotFunctions", Join(OneShotFunctions));
  Options.store(Opts, "UnregisteringFunctions", Join(UnregisteringFunctions));
  Options.store(Opts, "Strictness", Level);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void LambdaCaptureCheck::registerPPCallbacks(const SourceManager &, Preprocessor *PP,
                                             Preprocessor *) {
  Inserter.registerPreprocessor(PP);
}

void LambdaCaptureCheck::onStartOfTranslationUnit() {
  Costs.reset();
  Stores.reset();
  Reported.clear();
}

void LambdaCaptureCheck::registerMatchers(MatchFinder *Finder) {
  // Lambdas in system headers are not ours to report.
  Finder->addMatcher(lambdaExpr(unless(isExpansionInSystemHeader())).bind("lambda"), this);
}

void LambdaCaptureCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *L = Result.Nodes.getNodeAs<LambdaExpr>("lambda");
  ASTContext &Ctx = *Result.Context;

  // Cheap part first: most lambdas capture nothing expensive by copy.
  llvm::SmallVector<Candidate, 2> Candidates;
  for (const LambdaCapture &C : L->captures()) {
    // `[*this]` copies the whole object: its initializer has its type.
    if (C.getCaptureKind() == LCK_StarThis) {
      const Expr *Init = L->capture_init_begin()[&C - L->capture_begin()];
      Candidate Cand{&C, nullptr, nullptr, nullptr, QualType(), {}};
      if (Init && !Init->getType()->isDependentType()) {
        Cand.Type = Init->getType();
        Cand.Cost = Costs.costOf(Cand.Type, Ctx);
        if (Cand.Cost.Expensive)
          Candidates.push_back(Cand);
      }
      continue;
    }
    // `this`, VLAs and by-reference captures copy nothing.
    if (!C.capturesVariable() || C.getCaptureKind() != LCK_ByCopy)
      continue;
    const ValueDecl *Captured = C.getCapturedVar();
    Candidate Cand{&C, Captured, nullptr, nullptr, QualType(), {}};
    if (const auto *VD = dyn_cast<VarDecl>(Captured); VD && VD->isInitCapture()) {
      // `[y = x]` copies when it copy-constructs; `[y = std::move(x)]` and
      // `[y = make()]` do not.
      const Expr *Init = VD->getInit();
      if (!Init)
        continue;
      const auto *CE = dyn_cast<CXXConstructExpr>(Init->IgnoreImplicitAsWritten()->IgnoreParens());
      if (!CE)
        CE = dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit());
      if (!CE || !CE->getConstructor()->isCopyConstructor() || CE->getNumArgs() < 1)
        continue;
      Cand.Type = VD->getType();
      if (const auto *DRE = dyn_cast<DeclRefExpr>(CE->getArg(0)->IgnoreParenImpCasts())) {
        Cand.InitRef = DRE;
        Cand.Source = dyn_cast<VarDecl>(DRE->getDecl());
      }
    } else {
      // A by-copy capture of a reference copies the referenced object.
      Cand.Type = Captured->getType().getNonReferenceType();
      // A structured binding's type is spelled `std::tuple_element<...>::type`.
      if (isa<BindingDecl>(Captured))
        Cand.Type = Cand.Type.getCanonicalType();
      Cand.Source = dyn_cast<VarDecl>(Captured);
    }
    if (Cand.Type.isNull() || Cand.Type->isDependentType())
      continue;
    // Copying another closure: its own captures are reported where it is
    // written, with the copy followed into this one.
    if (const auto *RD = Cand.Type->getAsCXXRecordDecl(); RD && RD->isLambda())
      continue;
    Cand.Cost = Costs.costOf(Cand.Type, Ctx);
    if (Cand.Cost.Expensive && !isClosureState(L, Captured, Ctx))
      Candidates.push_back(Cand);
  }
  // A lambda in a template is seen in the template and in each
  // instantiation (where calls and types are resolved): report each capture
  // once, from the first that finds a store.
  llvm::erase_if(Candidates,
                 [&](const Candidate &C) { return Reported.contains(C.Capture->getLocation()); });
  if (Candidates.empty())
    return;

  if (!Stores)
    Stores.emplace(Ctx, CallableStoreFinder::Options{StoringFunctions, OneShotFunctions,
                                                     UnregisteringFunctions,
                                                     Level == Strictness::Strict});
  CallableStore Store = Stores->find(L);
  if (!Store.stored())
    return;

  const SourceManager &SM = Ctx.getSourceManager();
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressTagKeyword = true;
  Policy.SuppressUnwrittenScope = true;

  // Fix-its: the moves, and one rewrite of a `=` default for all of them.
  // Init-captures need C++14; moving what does not own heap data is a copy.
  auto Movable = [&](const Candidate &C) {
    return getLangOpts().CPlusPlus14 && C.Cost.OwnsHeap && !C.Capture->getLocation().isMacroID() &&
           canMoveFrom(C.Source, L, Ctx, *Stores);
  };
  std::optional<std::string> DefaultRewrite;
  bool DefaultRewriteUsed = false;
  if (L->getCaptureDefault() == LCD_ByCopy && L->getCaptureDefaultLoc().isValid() &&
      !L->getCaptureDefaultLoc().isMacroID()) {
    std::string List;
    bool AnyMove = false, Unambiguous = true;
    for (const LambdaCapture &C : L->implicit_captures()) {
      std::string Item;
      if (C.capturesThis()) {
        Item = "this";
      } else if (C.capturesVariable() && isa<VarDecl>(C.getCapturedVar()) &&
                 !isa<DecompositionDecl>(C.getCapturedVar())) {
        std::string Name = C.getCapturedVar()->getNameAsString();
        const auto *It = llvm::find_if(Candidates, [&](const Candidate &Cand) {
          return Cand.Captured == C.getCapturedVar();
        });
        if (It != Candidates.end() && Movable(*It)) {
          Item = Name + " = std::move(" + Name + ")";
          AnyMove = true;
        } else {
          Item = Name;
        }
      } else {
        Unambiguous = false;
        break;
      }
      List += (List.empty() ? "" : ", ") + Item;
    }
    if (Unambiguous && AnyMove && !List.empty())
      DefaultRewrite = List;
  }

  for (const Candidate &C : Candidates) {
    Reported.insert(C.Capture->getLocation());
    std::string TypeName = C.Type.getUnqualifiedType().getAsString(Policy);
    std::string Name = C.InitRef    ? C.InitRef->getDecl()->getNameAsString()
                       : C.Captured ? C.Captured->getNameAsString()
                                    : std::string("*this");
    TitledFix Fix(areDiagsSelfContained(),
                  "move '" + Name + "' into the lambda");
    if (!C.Capture->isImplicit()) {
      if (Movable(C)) {
        if (C.InitRef && !C.InitRef->getBeginLoc().isMacroID())
          Fix.add(FixItHint::CreateReplacement(C.InitRef->getSourceRange(),
                                               "std::move(" + Name + ")"));
        else if (!C.InitRef)
          Fix.add(FixItHint::CreateReplacement(
              C.Capture->getLocation(), Name + " = std::move(" + Name + ")"));
      }
    } else if (DefaultRewrite && !DefaultRewriteUsed && Movable(C)) {
      Fix.add(FixItHint::CreateReplacement(L->getCaptureDefaultLoc(),
                                           *DefaultRewrite));
      DefaultRewriteUsed = true;
    }
    if (!Fix.empty())
      if (auto Include = Inserter.createIncludeInsertion(
              SM.getFileID(SM.getExpansionLoc(L->getBeginLoc())), "<utility>"))
        Fix.add(*Include);
    Fix.attachTo(diag(C.Capture->getLocation(),
                      "lambda %0 keeps a copy of '%1' (type '%2', %3) alive as "
                      "long as it exists")
                 << Store.Where << Name << TypeName << sizeText(C.Cost));
    for (const auto &[Loc, Text] : Store.Notes)
      diag(Loc, Text, DiagnosticIDs::Note);
    if (Store.RunOnce && Store.Member)
      diag(Store.Member->getLocation(),
           "'%0' drops each callable after running it once (reported because 'Strictness' is "
           "'strict')",
           DiagnosticIDs::Note)
          << Store.Member->getName();
    Fix.emitNote(*this, C.Capture->getLocation());
  }
}

} // namespace clang::tidy::leaklint
