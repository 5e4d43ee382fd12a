//===--- UnjoinedThreadCheck.h - leaklint-unjoined-thread -------------------------*- C++ -*-===//

#ifndef LEAKLINT_CHECKS_UNJOINED_THREADCHECK_H
#define LEAKLINT_CHECKS_UNJOINED_THREADCHECK_H

#include "LocalThreadAnalysis.h"
#include "Strictness.h"
#include "ThreadLifetime.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>
#include <vector>

namespace clang::tidy::leaklint {

/// Finds threads that are neither joined nor detached on some path: local
/// std::thread/boost::thread objects still joinable at the end of their scope,
/// thread members and containers of threads that a destructor forgets,
/// pthread_create without pthread_join/pthread_detach, and detached or
/// long-lived threads whose callable refers to stack data.
///
/// Documentation: docs/checks/unjoined-thread.md
class UnjoinedThreadCheck : public ClangTidyCheck {
public:
  UnjoinedThreadCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return true; // C too: pthread_create, thrd_create, uv_thread_create
  }

private:
  void checkLocalThreads(const FunctionDecl *FD, ASTContext &Ctx);
  void checkMember(const FieldDecl *FD, ASTContext &Ctx);
  void checkMovedOver(const FieldDecl *Field, const CXXRecordDecl *RD,
                      bool Container, const SourceManager &SM);
  void reportPthreadPath(const LocalThreadFinding &F, const FunctionDecl *FD);
  /// Whether a function of the TU that owns an object of \p RD calls one of
  /// \p Methods on it (not on `this`), or the method they override through
  /// a base class.
  bool calledByOwner(const llvm::SmallPtrSetImpl<const FunctionDecl *> &Methods,
                     const CXXRecordDecl *RD) const;
  void checkWrapperStart(const VarDecl *VD, ASTContext &Ctx);
  void reportGuardedJoin(const FieldDecl *Field, const CXXRecordDecl *RD,
                         const JoinGuardFinding &G);
  void checkLocalContainer(const VarDecl *VD, ASTContext &Ctx);
  void checkFunction(const FunctionDecl *FD, ASTContext &Ctx);
  void checkDetach(const CXXMemberCallExpr *Detach, const FunctionDecl *FD,
                   ASTContext &Ctx);
  void checkStored(const Expr *Store, const FunctionDecl *FD, ASTContext &Ctx);
  void checkGlobals();

  /// Offer std::thread -> std::jthread on C++20 local threads.
  const bool SuggestJThread;
  /// What is reported when the lifetime is decided outside the destructor.
  const Strictness Level;

  // Per-TU state (cleared in onEndOfTranslationUnit).
  std::unique_ptr<LocalThreadAnalysis> Locals;
  llvm::DenseSet<const FunctionDecl *> AnalyzedFunctions;
  llvm::DenseSet<SourceLocation> ReportedMembers;
  llvm::DenseSet<SourceLocation> ReportedCaptures;
  struct PthreadCreate {
    const CallExpr *Call;
    const ValueDecl *Handle;
  };
  std::vector<PthreadCreate> PthreadCreates;
  /// Every use of a pthread_t, and those inside pthread_create and calls
  /// that neither join nor detach: any other use may join it.
  std::vector<const Expr *> PthreadUses;
  llvm::DenseSet<const Expr *> PthreadObservedUses;
  /// Uses of a pthread_t that cannot join it: compared, tested, assigned
  /// to, printed.
  llvm::DenseSet<const Expr *> PthreadInertUses;
  llvm::DenseSet<const ValueDecl *> DetachedAttrs;
  /// Thread-owning globals and statics whose every user is in this TU, and
  /// the function definitions of the TU's own code.
  std::vector<const VarDecl *> Globals;
  std::vector<const FunctionDecl *> UserFunctions;
  /// Function templates and members of class templates (as written).
  std::vector<const FunctionDecl *> DependentFunctions;
  /// The objects the TU makes and destroys of the classes that own threads.
  ImmortalClasses Lifetimes;
  /// Thread-owning members, checked once every destructor of the TU is
  /// known (an owner's destructor may be what stops them).
  std::vector<const FieldDecl *> Members;
  const SourceManager *SM = nullptr;
  ASTContext *Context = nullptr;
};

} // namespace clang::tidy::leaklint

#endif // LEAKLINT_CHECKS_UNJOINED_THREADCHECK_H
