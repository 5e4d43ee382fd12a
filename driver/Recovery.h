//===--- Recovery.h - run an analysis that may crash or run deep -*- C++ -*-===//
//
// clang's parser recurses once per level of nesting (a parenthesis, a unary
// operator): the 8 MiB stack of a default thread is used up near 5000
// levels, which -fbracket-depth=5000 allows, and the process died of
// SIGSEGV. Each analysis runs on a thread of its own with a large stack, and
// what still does not fit ends with a message, never a signal.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_DRIVER_RECOVERY_H
#define LEAKLINT_DRIVER_RECOVERY_H

#include "llvm/ADT/STLFunctionalExtras.h"

namespace leaklint {

/// The stack of an analysis thread: 32 times a default thread's, about
/// 25,000 levels of nesting (5000 needed more than 8 MiB). Only the pages
/// used are ever allocated.
constexpr unsigned AnalysisStackSize = 256u << 20;

enum class RunOutcome {
  Finished,
  Crashed,        ///< a signal in Fn (a bug)
  StackExhausted, ///< Fn used up the whole stack (code nested too deeply)
};

/// Enables recovery from crashes in runWithLargeStack(), stack overflows
/// included; call once before running anything. It makes the handlers of
/// llvm::CrashRecoveryContext run on an alternate signal stack: after a
/// stack overflow there is no stack left to run them on, and the process
/// would die of the signal.
void enableCrashRecovery();

/// Runs Fn on a new thread with AnalysisStackSize bytes of stack, and says
/// how it ended. After a crash, the caller should end the process: the crash
/// may have left the memory allocator locked or corrupt.
RunOutcome runWithLargeStack(llvm::function_ref<void()> Fn);

} // namespace leaklint

#endif // LEAKLINT_DRIVER_RECOVERY_H
