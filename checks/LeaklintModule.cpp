//===--- LeaklintModule.cpp - the leaklint clang-tidy module --------------===//
//
// Registers every check in LeaklintChecks.def. The same object code is
// loaded by clang-tidy (plugin), linked into the leaklint driver and into
// leaklint-clangd.
//
//===----------------------------------------------------------------------===//

#include "LambdaCaptureCheck.h"
#include "OwningPointerCheck.h"
#include "SharedPtrCycleCheck.h"
#include "UnjoinedThreadCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "llvm/Config/llvm-config.h"
#if LLVM_VERSION_MAJOR >= 22 // the registry moved into ClangTidyModule.h
#include "clang-tidy/ClangTidyModule.h"
#else
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

namespace clang::tidy::leaklint {
namespace {

class LeaklintModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
#define LEAKLINT_CHECK(Class, Name, Summary) Factories.registerCheck<Class>(Name);
#include "LeaklintChecks.def"
  }
};

} // namespace

// Registration is a static object by design of clang-tidy's module registry;
// it holds no state of ours.
static ClangTidyModuleRegistry::Add<LeaklintModule>
    Registration("leaklint-module", "Checks for leak-prone C++ patterns.");

} // namespace clang::tidy::leaklint
