//===--- Recovery.cpp - run an analysis that may crash or run deep --------===//

#include "Recovery.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/thread.h"
#include <csignal>
#include <memory>
#include <optional>
#include <pthread.h>

namespace leaklint {
namespace {

/// An alternate signal stack for the calling thread, for as long as it
/// lives. A signal handler that asks for it (SA_ONSTACK) runs there.
class AlternateSignalStack {
public:
  AlternateSignalStack() : Memory(std::make_unique<char[]>(Size)) {
    stack_t Stack{};
    Stack.ss_sp = Memory.get();
    Stack.ss_size = Size;
    Installed = sigaltstack(&Stack, &Previous) == 0;
  }
  ~AlternateSignalStack() {
    if (Installed)
      sigaltstack(&Previous, nullptr);
  }
  AlternateSignalStack(const AlternateSignalStack &) = delete;
  AlternateSignalStack &operator=(const AlternateSignalStack &) = delete;

private:
  static constexpr size_t Size = 64 * 1024;
  std::unique_ptr<char[]> Memory;
  stack_t Previous{};
  bool Installed = false;
};

/// The lowest bytes of the calling thread's stack, above its guard page, or
/// an empty range where the thread library cannot say.
llvm::ArrayRef<char> stackFloor() {
  pthread_attr_t Attr;
  if (pthread_getattr_np(pthread_self(), &Attr) != 0)
    return {};
  void *Low = nullptr;
  size_t Size = 0;
  int Failed = pthread_attr_getstack(&Attr, &Low, &Size);
  pthread_attr_destroy(&Attr);
  if (Failed || !Low)
    return {};
  // A frame larger than a page can step over the lowest one: look at 64 KiB.
  return llvm::ArrayRef(static_cast<const char *>(Low),
                        std::min<size_t>(Size, 64 * 1024));
}

} // namespace

void enableCrashRecovery() {
  llvm::CrashRecoveryContext::Enable();
  for (int Signal : {SIGSEGV, SIGBUS}) {
    struct sigaction Action;
    if (sigaction(Signal, nullptr, &Action) != 0 ||
        (Action.sa_flags & SA_ONSTACK))
      continue;
    Action.sa_flags |= SA_ONSTACK;
    sigaction(Signal, &Action, nullptr);
  }
}

RunOutcome runWithLargeStack(llvm::function_ref<void()> Fn) {
  RunOutcome Outcome = RunOutcome::Finished;
  llvm::thread Thread(std::optional<unsigned>(AnalysisStackSize), [&] {
    AlternateSignalStack SignalStack;
    // Found before Fn runs: nothing may allocate after a crash.
    llvm::ArrayRef<char> Floor = stackFloor();
    llvm::CrashRecoveryContext Recovery;
    if (Recovery.RunSafely(Fn))
      return;
    // The pages of a new thread's stack are zero until used: a written
    // floor means the stack ran out.
    bool Exhausted =
        llvm::any_of(Floor, [](char Byte) { return Byte != 0; });
    Outcome = Exhausted ? RunOutcome::StackExhausted : RunOutcome::Crashed;
  });
  Thread.join();
  return Outcome;
}

} // namespace leaklint
