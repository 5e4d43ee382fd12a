// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -std=c++17
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
// CHECK-FIXES:#include <memory>

extern int globalTrue;
extern int globalFive;
int globalReturnsTrueOrFalse();
int externalCount();
void printLine(const char *Line);

static const int StaticConstTrue = 1;
static const int StaticConstFive = 5;
static int staticFive = 5; // never written: its initializer holds
static int staticReturnsTrue() { return 1; }
static int staticReturnsFalse() { return 0; }
static int identity(int X) { return X; }
enum Mode { Off, On };

// ---- constants and helpers decide the branches: no path without the free
void constantFlows() {
  char *A = nullptr;
  if (5 == 5)
    A = (char *)malloc(1);
  if (StaticConstFive == 5)
    free(A); // no warning: both conditions are the same constant

  char *B = nullptr;
  if (staticReturnsTrue())
    B = (char *)malloc(1);
  if (staticReturnsTrue())
    free(B); // no warning: the helper returns a constant

  char *C = (char *)malloc(1);
  if (staticReturnsFalse()) {
    printLine("benign");
  } else {
    free(C); // no warning: the other branch cannot be taken
  }

  char *D = (char *)malloc(1);
  if (identity(On) == On && StaticConstTrue && staticFive == 5 && sizeof(int) >= 2)
    free(D); // no warning: every operand is known
}

// ---- the same conditions, with the release forgotten
void constantFlowLeaks() {
  if (StaticConstTrue) {
    char *P = (char *)malloc(1);
    printLine(P);
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'malloc' is leaked when 'P' goes out of scope [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-4]]:23: note: memory is allocated here
}

void switchLeak() {
  switch (6) {
  case 6: {
    int *P = new int(1);
    // CHECK-FIXES:    auto P = std::make_unique<int>(1);
    *P = 2;
    break;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'new' is leaked when 'P' goes out of scope [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-5]]:14: note: memory is allocated here
  }
  default:
    printLine("benign");
    break;
  }
}

void whileBreakLeak() {
  while (1) {
    int *P = new int[4];
    // CHECK-FIXES:    auto P = std::make_unique<int[]>(4);
    P[0] = 1;
    break;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'new[]' is leaked when 'P' goes out of scope [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-5]]:14: note: memory is allocated here
  }
}

void forOnceLeak() {
  for (int I = 0; I < 1; I++) {
    int *P = new int;
    // CHECK-FIXES:    auto P = std::make_unique<int>();
    *P = I;
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'new' is leaked when 'P' goes out of scope [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-5]]:14: note: memory is allocated here
}

void gotoLeak() {
  char *P = (char *)malloc(2);
  goto sink;
sink:
  printLine(P);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'P' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-6]]:21: note: memory is allocated here

// ---- a global flag tested twice is consistent (the Static Analyzer assumes
// calls to functions it cannot see may change it)
void globalTestedTwice() {
  char *P = nullptr;
  if (globalTrue)
    P = (char *)malloc(1);
  printLine("in between"); // cannot see its body: does not write globalTrue
  if (globalTrue)
    free(P); // no warning
}

void globalFiveTestedTwice() {
  char *P = nullptr;
  if (globalFive == 5)
    P = (char *)malloc(1);
  if (globalFive == 5)
    free(P); // no warning
}

static void setGlobalTrue() { globalTrue = 0; }
int globalWrittenInBetween() {
  char *P = (char *)malloc(1);
  if (!P)
    return 0;
  if (globalTrue) {
    setGlobalTrue(); // writes globalTrue: what was known about it is gone
    if (!globalTrue)
      return 1;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
      // CHECK-MESSAGES: :[[@LINE-8]]:21: note: memory is allocated here
      // CHECK-MESSAGES: :[[@LINE-8]]:7: note: assuming 'P' is non-null
      // CHECK-MESSAGES: :[[@LINE-7]]:7: note: assuming 'globalTrue' is not 0
      // CHECK-MESSAGES: :[[@LINE-6]]:9: note: assuming 'globalTrue' is 0
  }
  free(P);
  return 0;
}

int globalNotWrittenInBetween() {
  char *P = (char *)malloc(1);
  if (!P)
    return 0;
  if (globalTrue) {
    printLine("x");
    if (!globalTrue)
      return 1; // no warning: cannot be reached
  }
  free(P);
  return 0;
}

// ---- precision rule: one condition the engine cannot decide, tested twice
struct Options {
  int Enabled;
  int Verbose;
};
bool parseFlag(const char *Arg, int *Flag);

void flagTestedTwice(int Flag, const Options *O, const char *Arg) {
  char *P = nullptr;
  if (Flag)
    P = (char *)malloc(1);
  if (Flag != 0)
    free(P); // no warning: one parameter tested twice
  char *Q = nullptr;
  if (O->Enabled)
    Q = (char *)malloc(1);
  if (O->Enabled)
    free(Q); // no warning: one field tested twice
  int Size = O->Verbose * 2;
  char *R = nullptr;
  if (O->Verbose)
    R = (char *)malloc(1);
  if (Size > 0)
    free(R); // no warning: 'Size' is computed from the field tested first
  int Parsed = 0;
  parseFlag(Arg, &Parsed);
  char *S = nullptr;
  if (Flag)
    S = (char *)malloc(1);
  if (Parsed)
    free(S); // no warning: 'parseFlag' wrote 'Parsed' and may have read 'Flag'
}

// Two different flags, two fields, two calls of a function given nothing:
// independent conditions, so the paths that leak are real.
void independentFlags(int Create, int Cleanup) {
  char *P = nullptr;
  if (Create)
    P = (char *)malloc(1);
  if (Cleanup)
    free(P);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'P' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:17: note: memory is allocated here
// CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'Cleanup' is 0

void independentFields(const Options *O) {
  char *P = nullptr;
  if (O->Enabled)
    P = (char *)malloc(1);
  if (O->Verbose)
    free(P);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'P' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:17: note: memory is allocated here
// CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'O->Verbose' is 0

void independentCalls() {
  char *P = nullptr;
  if (globalReturnsTrueOrFalse())
    P = (char *)malloc(1);
  if (globalReturnsTrueOrFalse())
    free(P);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'P' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:17: note: memory is allocated here
// CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming the condition is false

// With a single undecided condition on the path there is nothing it could
// be correlated with: the leak is real.
void releasedUnderOneCondition(int Flag) {
  char *P = (char *)malloc(1);
  if (Flag)
    free(P);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'P' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:21: note: memory is allocated here
// CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'Flag' is 0

// The note of a negated condition reads at the whole condition.
int releasedWhenReady() {
  char *P = (char *)malloc(1);
  if (!globalReturnsTrueOrFalse())
    return 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-4]]:21: note: memory is allocated here
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming the condition is true
  if (globalReturnsTrueOrFalse())
    free(P); // no warning at the end: the two calls may agree
  return 1;
}

void unknownCallBothBranches() {
  char *P;
  if (globalReturnsTrueOrFalse()) {
    P = (char *)malloc(1);
    printLine(P);
    free(P);
  } else {
    P = (char *)malloc(2);
    printLine(P);
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'P' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:17: note: memory is allocated here

// ---- but an early exit on an undecided path is reported
int earlyExitOnUnknown() {
  char *P = (char *)malloc(8);
  if (P == nullptr)
    return -1;
  if (externalCount() > 3)
    return 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-6]]:21: note: memory is allocated here
    // CHECK-MESSAGES: :[[@LINE-6]]:7: note: assuming 'P' is non-null
    // CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'externalCount()' is > 3
  free(P);
  return 0;
}

// ---- loops
void loopOverwrites(int N) {
  char *P = nullptr;
  for (int I = 0; I < N; ++I)
    P = (char *)malloc(16);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'P' is overwritten while it still owns memory allocated by 'malloc' [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-2]]:17: note: memory is allocated here
  free(P);
}

void loopFrees(int N) {
  for (int I = 0; I < N; ++I) {
    char *P = (char *)malloc(16);
    printLine(P);
    free(P); // no warning
  }
}

void continueLeak(int N) {
  for (int I = 0; I < N; ++I) {
    char *P = (char *)malloc(16);
    if (I % 2)
      continue;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: memory allocated by 'malloc' is leaked when 'P' goes out of scope [leaklint-owning-pointer]
      // CHECK-MESSAGES: :[[@LINE-4]]:23: note: memory is allocated here
    free(P);
  }
}

void modeSwitch(Mode M) {
  char *P = (char *)malloc(4);
  switch (M) {
  case Off:
    free(P);
    break;
  case On:
    free(P);
    break;
  } // no warning: every enumerator frees (the engine follows each case)
}

void localFlag() {
  int NeedFree = 1;
  char *P = (char *)malloc(4);
  if (NeedFree)
    free(P); // no warning: a local assigned a constant
}

// ---- assertion macros: an exit a macro writes, on a condition of its own
// that the engine cannot decide (hidden in a helper, as in ASSERT_TRUE).
bool isAlive(const char *P);
#define REQUIRE_ALIVE(p)                                                       \
  if (!isAlive(p))                                                             \
  return
void assertionMacro() {
  char *P = (char *)malloc(8);
  REQUIRE_ALIVE(P); // no warning: the assertion's own exit
  free(P);
}
// An assertion returns what it was told to; a macro that returns the
// status it tested hands an error on to the caller (opensc's LOG_TEST_RET):
// error handling, whose exit is taken whenever the callee fails.
int updateCard(int Tries);
#define TEST_RET(r)                                                            \
  do {                                                                         \
    if ((r) < 0)                                                               \
      return (r);                                                              \
  } while (0)
#define REQUIRE_POSITIVE(r, v)                                                 \
  do {                                                                         \
    if ((r) < 0)                                                               \
      return (v);                                                              \
  } while (0)
int errorHandlingMacro() {
  char *P = (char *)malloc(8);
  int Rv = updateCard(1);
  TEST_RET(Rv);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-4]]:21: note: memory is allocated here
  free(P);
  return 0;
}
int assertionReturningConstant() {
  char *P = (char *)malloc(8);
  int Rv = updateCard(1);
  REQUIRE_POSITIVE(Rv, -1); // no warning: the assertion's own exit
  free(P);
  return 0;
}
void sameExitWrittenOut() {
  char *P = (char *)malloc(8);
  if (!isAlive(P))
    return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-4]]:21: note: memory is allocated here
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming the condition is true
  free(P);
}

// ---- realloc through a reference, in helpers of the file
static void growFromNull(char *&P, size_t N) {
  P = (char *)realloc(P, N); // no warning: every caller passes a null pointer
}
static void growGiven(char *&P, size_t N) {
  P = (char *)realloc(P, N);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'P' is overwritten by the result of 'realloc': the block it held is leaked if 'realloc' fails [leaklint-owning-pointer]
}
void useGrowers() {
  char *Empty = nullptr;
  growFromNull(Empty, 10);
  free(Empty);
  char *Block = (char *)malloc(3);
  growGiven(Block, 10);
  free(Block);
}

// ---- a string equals one text at most (`proto == "ipc"`, then `proto ==
// "tipc"`): zeromq's address resolution
namespace protocol_name {
static const char ipc[] = "ipc";
static const char tipc[] = "tipc";
} // namespace protocol_name
struct Resolved {
  int *Addr;
};
void resolveByName(Resolved *R, const std::string &Protocol) {
  int *A = nullptr;
  if (Protocol == protocol_name::ipc)
    A = new int(1);
  if (Protocol == protocol_name::tipc)
    A = new int(2); // no warning: a protocol that is "ipc" is not "tipc"
  R->Addr = A;
}
void resolveRenamed(Resolved *R, std::string Protocol) {
  int *A = nullptr;
  if (Protocol != protocol_name::tipc && Protocol == "ipc")
    A = new int(1);
  Protocol = "tipc";
  if (Protocol == protocol_name::tipc)
    A = new int(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'A' is overwritten while it still owns memory allocated by 'new' [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-5]]:9: note: memory is allocated here
  R->Addr = A;
}

// ---- what a member holds, handed on, is not the object: a method that
// gives its socket to code it cannot see does not give `this` (znc's
// CListener::Listen)
struct Socket;
void listenOn(Socket *S);
struct Listener {
  Socket *Sock = nullptr;
  bool listen() {
    listenOn(Sock);
    return Sock != nullptr;
  }
};
bool addListener() {
  Listener *L = new Listener();
  if (!L->listen())
    return false;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'new' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: memory is allocated here
  delete L;
  return true;
}
