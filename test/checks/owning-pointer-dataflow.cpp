// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -std=c++17
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <new>
#include <stdexcept>

void printLine(const char *Line);
struct Pair {
  char *First;
  char *Second;
};
union Either {
  char *AsChars;
  void *AsVoid;
};

// ---- aliases move the obligation with the value
void aliasFreed() {
  char *P = (char *)malloc(4);
  char *Q = P;
  char *R = Q;
  free(R); // no warning
}

void aliasLeaked() {
  char *P = (char *)malloc(4);
  char *Q = P;
  printLine(Q);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'P' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:21: note: memory is allocated here

// ---- pointer to the pointer, reference to the pointer
void pointerToPointer() {
  char *P = nullptr;
  char **PP = &P;
  *PP = (char *)malloc(4);
  free(P); // no warning: *PP is P
}

void pointerToPointerLeak() {
  char *P = nullptr;
  char **PP = &P;
  *PP = (char *)malloc(4);
  printLine(*PP);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'P' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:17: note: memory is allocated here

void referenceFreed() {
  char *P = (char *)malloc(4);
  char *&R = P;
  free(R); // no warning
}

// ---- unions share one slot; struct fields and array elements are tracked
void unionFreed() {
  Either E;
  E.AsChars = (char *)malloc(4);
  free(E.AsVoid); // no warning: the same member slot
}

void structLeak() {
  Pair Pr;
  Pr.First = (char *)malloc(4);
  Pr.Second = (char *)malloc(4);
  free(Pr.First);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'Pr' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:23: note: memory is allocated here

void arrayLeak() {
  char *Arr[3];
  Arr[0] = (char *)malloc(1);
  Arr[1] = (char *)malloc(1);
  free(Arr[1]);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'Arr' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:20: note: memory is allocated here

void aggregateInit() {
  char *Arr[2] = {(char *)malloc(1), nullptr};
  free(Arr[0]); // no warning
}

// ---- helpers of the TU: summaries
static void freeSink(char *D) { free(D); }
static void readSink(const char *D) { printLine(D); }
static void nonConstReadSink(char *D) { D[0] = 0; printLine(D); }
static char *makeBuffer(size_t N) { return (char *)malloc(N); }
static char *passThrough(char *D) { return D; }
static void closeFile(FILE *F) { fclose(F); }
static char *Kept;
static void keep(char *D) { Kept = D; }

void helperFrees() {
  char *D = (char *)malloc(4);
  freeSink(D); // no warning
}

void helperOnlyReads() {
  char *D = (char *)malloc(4);
  nonConstReadSink(D); // reads through a non-const pointer: still ours
  readSink(D);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'D' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:21: note: memory is allocated here

void helperKeeps() {
  keep((char *)malloc(4)); // no warning: stored in a global
}

void factoryDropped() {
  makeBuffer(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'makeBuffer' is leaked: the result is discarded [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: memory is allocated here
}

void factoryLeaked() {
  char *B = makeBuffer(8);
  printLine(passThrough(B));
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'makeBuffer' is leaked when 'B' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:13: note: memory is allocated here

void factoryFreed() {
  char *B = passThrough(makeBuffer(8));
  free(B); // no warning: passThrough returns its argument
}

// An object given by reference to a helper that keeps or deletes its
// address (`curl_multi_assign(m, fd, &cs)`, mpd's CurlGlobal::Assign).
struct Socket {
  int Fd;
};
static Socket *Registered;
static void registerSocket(Socket &S) { Registered = &S; }
static void destroySocket(Socket &S) { delete &S; }
static int socketFd(Socket &S) { return S.Fd; }

void referenceKept(int Fd) {
  auto *S = new Socket{Fd};
  registerSocket(*S); // no warning: its address is kept
}

void referenceDeleted(int Fd) {
  auto *S = new Socket{Fd};
  destroySocket(*S); // no warning
}

int referenceRead(int Fd) {
  auto *S = new Socket{Fd};
  return socketFd(*S);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'new' is leaked when 'S' goes out of scope [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: memory is allocated here
}

void fileHelper(const char *Name) {
  FILE *F = fopen(Name, "r");
  if (F)
    closeFile(F); // no warning
}

void functionPointer() {
  void (*Sink)(char *) = freeSink;
  char *D = (char *)malloc(4);
  Sink(D); // no warning: the pointer has one known target
}

void functionPointerReads() {
  void (*Sink)(char *) = nonConstReadSink;
  char *D = (char *)malloc(4);
  Sink(D);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'D' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:21: note: memory is allocated here

// ---- out-parameters and structures that outlive the function
void outParam(char **Out) {
  char *D = (char *)malloc(4); // no warning: handed to the caller
  *Out = D;
}

void intoCallerStruct(Pair *P) {
  P->First = (char *)malloc(4); // no warning: the caller's structure keeps it
}

// ---- exceptions
void throwsAfterAlloc(int N) {
  char *D = (char *)malloc(4);
  if (N < 0)
    throw std::runtime_error("negative");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'malloc' is leaked when the exception is thrown [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-4]]:21: note: memory is allocated here
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming 'N' is < 0
  free(D);
}

void throwCaught(int N) {
  char *D = (char *)malloc(4);
  try {
    if (N < 0)
      throw std::runtime_error("negative");
  } catch (...) {
  }
  free(D); // no warning: caught before D's scope ends
}

// A function of this translation unit that may throw: a call to it is a way
// out of the caller.
void validate(int N) {
  if (N < 0)
    throw std::invalid_argument("negative");
}
int parse(const char *S) noexcept; // declared not to throw
struct Config {
  explicit Config(int N) {
    if (N > 9)
      throw std::out_of_range("level");
    Level = N;
  }
  int Level = 0;
};
// Throws only through what it calls.
void validateAll(int A, int B) {
  validate(A);
  validate(B);
}

void leaksIfValidateThrows(int N) {
  int *Buf = new int[16];
  validate(N);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'new[]' is leaked if 'validate' throws [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: memory is allocated here
  delete[] Buf;
}

void leaksIfConstructorThrows(int N) {
  FILE *Log = fopen("log.txt", "w");
  if (!Log)
    return;
  Config C(N);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: file opened by 'fopen' is leaked if 'Config' throws [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-5]]:15: note: file is opened here
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'Log' is non-null
  fprintf(Log, "%d\n", C.Level);
  fclose(Log);
}

// An allocator that throws std::bad_alloc when malloc fails fails as `new`
// does: running out of memory is not a path the caller must survive
// (kyotocabinet's xmalloc).
static void *xmalloc(size_t Size) {
  void *P = malloc(Size);
  if (!P)
    throw std::bad_alloc();
  return P;
}
void twoBlocks(size_t N) {
  int *Buf = new int[16];
  char *More = (char *)xmalloc(N); // no warning
  delete[] Buf;
  free(More);
}

void throwsOnlyThroughCallees(int N) {
  int *Buf = new int[16];
  validateAll(N, N); // no warning: only a function that throws by itself counts
  delete[] Buf;
}

void releasedAndRethrown(int N) {
  int *Buf = new int[16];
  try {
    validate(N);
  } catch (...) {
    delete[] Buf; // no warning: released on the exceptional path too
    throw;
  }
  delete[] Buf;
}

void callerIsNoexcept(int N) noexcept {
  int *Buf = new int[16];
  validate(N); // no warning: an exception here ends the program
  delete[] Buf;
}

void calleeIsNoexcept(const char *S) {
  int *Buf = new int[16];
  Buf[0] = parse(S); // no warning: parse() does not throw
  delete[] Buf;
}

void ownedByUniquePtr(int N) {
  std::unique_ptr<int[]> Buf(new int[16]);
  validate(N); // no warning: the unique_ptr frees it on the way out
}

struct Holder {
  ~Holder() {
    int *Tmp = new int(1);
    validate(*Tmp); // no warning: destructors are noexcept
    delete Tmp;
  }
};

// C++'s `c ? a : b` of two lvalues is an lvalue: its value is the arm's.
void chooseLvalueArm() {
  char *data = static_cast<char *>(malloc(16));
  char *fallback = nullptr;
  char *chosen = data != nullptr ? data : fallback;
  if (chosen == nullptr)
    return;
  strcpy(chosen, "x");
  free(chosen);
}

void chooseLvalueArmLeak() {
  char *data = static_cast<char *>(malloc(16));
  char *fallback = nullptr;
  char *chosen = data != nullptr ? data : fallback;
  if (chosen == nullptr)
    return;
  strcpy(chosen, "x");
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'data' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-8]]:36: note: memory is allocated here

// A static data member is a global: what it holds is followed across the
// functions that name it.
struct Store {
  static char *data;
};
char *Store::data = nullptr;

static void fillStore() { Store::data = new char[16]; }

static void drainStore() {
  char *d = Store::data;
  Store::data = nullptr;
  d[0] = 'x';
}

void fillAndDrain() {
  fillStore();
  drainStore();
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: memory allocated by 'fillStore' is leaked: 'drainStore' takes it out of 'Store::data' and never releases it [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: memory is allocated here

static void drainStoreFixed() {
  char *d = Store::data;
  Store::data = nullptr;
  delete[] d;
}

void fillAndDrainFixed() {
  fillStore();
  drainStoreFixed();
}

// A virtual call on an object whose class the path knows runs that class's
// override: through a pointer to a new object, or a base reference to a
// local one.
struct Consumer {
  virtual ~Consumer() {}
  virtual void take(char *p) const = 0;
};
struct Printer : Consumer {
  void take(char *p) const override { p[0] = 'x'; }
};
struct Releaser : Consumer {
  void take(char *p) const override { free(p); }
};
struct Source {
  virtual ~Source() {}
  virtual FILE *make() const = 0;
};
struct FileSource : Source {
  FILE *make() const override { return fopen("data.txt", "r"); }
};

void printThroughReference() {
  char *p = static_cast<char *>(malloc(8));
  if (!p)
    return;
  Printer printer;
  const Consumer &c = printer;
  c.take(p);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'p' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-8]]:33: note: memory is allocated here
// CHECK-MESSAGES: :[[@LINE-8]]:7: note: assuming 'p' is non-null

void releaseThroughReference() {
  char *p = static_cast<char *>(malloc(8));
  Releaser releaser;
  const Consumer &c = releaser;
  c.take(p); // no warning: Releaser::take frees it
}

void makeThroughReference() {
  FileSource files;
  const Source &s = files;
  FILE *f = s.make();
  if (f)
    fgetc(f);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: file opened by 'make' is leaked when 'f' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:13: note: file is opened here
// CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'f' is non-null

// ---- a local std::function that holds one lambda and is only called
void fileThroughFunction() {
  std::function<void(FILE *)> sink = [](FILE *f) { fputs("x", f); };
  FILE *f = fopen("/dev/null", "w");
  if (f)
    sink(f);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: file opened by 'fopen' is leaked when 'f' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:13: note: file is opened here
// CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'f' is non-null

void fileClosedThroughFunction() {
  std::function<void(FILE *)> sink = [](FILE *f) { fclose(f); };
  FILE *f = fopen("/dev/null", "w");
  if (f)
    sink(f); // no warning: the lambda closes it
}

void fileThroughReassignedFunction(bool quiet) {
  std::function<void(FILE *)> sink = [](FILE *f) { fputs("x", f); };
  if (quiet)
    sink = [](FILE *f) { fclose(f); };
  FILE *f = fopen("/dev/null", "w");
  if (f)
    sink(f); // no warning: which lambda runs is not known
}


// ---- a hierarchy of the main file whose concrete classes share one
// overrider: a virtual call runs it (a second one would make it unknown)
class Action {
public:
  virtual ~Action() {}
  virtual void run(int *d) const = 0;
};
class NumberPrinter : public Action {
public:
  void run(int *d) const override { printf("%d\n", *d); }
};
static std::unique_ptr<Action> makeNumberPrinter() {
  return std::unique_ptr<Action>(new NumberPrinter);
}

void runNumberPrinter() {
  int *data = new int(5);
  makeNumberPrinter()->run(data);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'new' is leaked when 'data' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:15: note: memory is allocated here

class Sink {
public:
  virtual ~Sink() {}
  virtual void take(int *d) const { delete d; }
};

void runSink(const Sink &s) {
  s.take(new int(5)); // no warning: the only overrider deletes it
}
