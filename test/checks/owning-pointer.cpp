// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -std=c++17
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <new>
#include <unistd.h>
#include <vector>
#include <map>

struct Widget {
  int X = 0;
  void poke() { ++X; }
};
void readWidget(const Widget *W);
void keepWidget(Widget *W);
void printText(const char *S);

// ---- leaks at the end of the owner's scope
void scopeEnd() {
  Widget *W = new Widget;
  // CHECK-FIXES:  auto W = std::make_unique<Widget>();
  W->poke();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'new' is leaked when 'W' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:15: note: memory is allocated here

void innerScope() {
  {
    char *Buf = (char *)malloc(32);
    strcpy(Buf, "x");
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'malloc' is leaked when 'Buf' goes out of scope [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-4]]:25: note: memory is allocated here
}

// ---- early return
int earlyReturn(int N) {
  char *Buf = (char *)malloc(16);
  if (!Buf)
    return -1; // no warning: nothing was allocated on this path
  if (N == 0)
    return 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-6]]:23: note: memory is allocated here
    // CHECK-MESSAGES: :[[@LINE-6]]:7: note: assuming 'Buf' is non-null
    // CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'N' is 0
  free(Buf);
  return 1;
}

// ---- overwrite of the last owner
void overwrite() {
  char *P = (char *)malloc(1);
  P = (char *)malloc(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'P' is overwritten while it still owns memory allocated by 'malloc' [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-3]]:21: note: memory is allocated here
  free(P);
}

// ---- a result nobody keeps
void discarded() {
  malloc(10);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'malloc' is leaked: the result is discarded [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: memory is allocated here
}

// ---- a pointer passed to a reader is still owned (the Static Analyzer
// takes this for an escape)
void passedToConstReader() {
  Widget *W = new Widget;
  // CHECK-FIXES:  auto W = std::make_unique<Widget>();
  readWidget(W);
  // CHECK-FIXES:  readWidget(W.get());
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'new' is leaked when 'W' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-6]]:15: note: memory is allocated here

void passedToLibcReaders() {
  char *S = strdup("abc");
  printf("%zu %s\n", strlen(S), S);
  printText(S);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'strdup' is leaked when 'S' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:13: note: memory is allocated here

// ---- release mismatches
void mismatchArray() {
  int *A = new int[4];
  delete A;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'new[]' is released with 'delete' instead of 'delete[]' [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: memory is allocated here
}

void mismatchMalloc() {
  int *A = (int *)malloc(sizeof(int));
  delete A;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'malloc' is released with 'delete' instead of 'free' [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: memory is allocated here
}

// A callee that releases its parameter one way: the caller's block of
// another family is mismatched there.
static void releaseArray(int *P) { delete[] P; }
static void releaseEither(int *P, bool Array) {
  if (Array)
    delete[] P;
  else
    free(P);
}

void mismatchInCallee() {
  int *A = (int *)calloc(4, sizeof(int));
  releaseArray(A);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'calloc' is released with 'delete[]' by 'releaseArray' instead of 'free' [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: memory is allocated here
  int *B = new int[4];
  releaseArray(B);
  int *C = (int *)malloc(sizeof(int));
  releaseEither(C, false); // no warning: the callee releases it two ways
}

// Freeing what is no memory.
void freeStream(const char *Name) {
  FILE *F = fopen(Name, "r");
  if (!F)
    return;
  free(F);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: file opened by 'fopen' is released with 'free' instead of 'fclose' [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: file is opened here
}

// ---- realloc
void reallocLoses(size_t N) {
  char *P = (char *)malloc(4);
  P = (char *)realloc(P, N);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'P' is overwritten by the result of 'realloc': memory allocated by 'malloc' is leaked if 'realloc' fails [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-3]]:21: note: memory is allocated here
  free(P);
}

void reallocKeeps(size_t N) {
  char *P = (char *)malloc(4);
  char *Q = (char *)realloc(P, N);
  if (!Q) {
    free(P);
    return;
  }
  free(Q);
}

// ---- files and descriptors
void fileNeverClosed(const char *Name) {
  FILE *F = fopen(Name, "w");
  if (!F)
    return;
  fputs("x", F);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: file opened by 'fopen' is leaked when 'F' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-6]]:13: note: file is opened here
// CHECK-MESSAGES: :[[@LINE-6]]:7: note: assuming 'F' is non-null

void descriptorNeverClosed(const char *Name) {
  int Fd = open(Name, O_RDONLY);
  if (Fd < 0)
    return;
  char C;
  read(Fd, &C, 1);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: file descriptor opened by 'open' is leaked when 'Fd' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-7]]:12: note: file descriptor is opened here
// CHECK-MESSAGES: :[[@LINE-7]]:7: note: assuming 'Fd' is valid

void fileClosed(const char *Name) {
  FILE *F = fopen(Name, "w");
  if (F == NULL)
    return;
  fputs("x", F);
  fclose(F);
}

void descriptorClosed(const char *Name) {
  int Fd = open(Name, O_RDONLY);
  if (Fd == -1)
    return;
  close(Fd);
}

void pipeNeverClosed() {
  FILE *P = popen("ls", "r");
  if (P)
    fgetc(P);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: pipe opened by 'popen' is leaked when 'P' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:13: note: pipe is opened here
// CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'P' is non-null

// ---- no warning: ownership handed off
Widget *returned() {
  Widget *W = new Widget; // no warning: returned to the caller
  return W;
}

void outParam(Widget **Out) {
  Widget *W = new Widget; // no warning: stored through an out-parameter
  *Out = W;
}

void refParam(Widget *&Out) {
  Out = new Widget; // no warning: stored into a reference parameter
}

Widget *GlobalWidget;
void storedInGlobal() {
  GlobalWidget = new Widget; // no warning: a global keeps it
}

struct Holder {
  Widget *Member = nullptr;
  void adopt() { Member = new Widget; } // no warning: a member keeps it
  ~Holder() { delete Member; }
};

void smartPointers() {
  std::unique_ptr<Widget> A(new Widget); // no warning: unique_ptr owns it
  std::shared_ptr<Widget> B(new Widget); // no warning: shared_ptr owns it
  std::unique_ptr<Widget> C;
  C.reset(new Widget); // no warning: reset() takes it
  Widget *Raw = new Widget;
  std::unique_ptr<Widget> D(Raw); // no warning: adopted
  std::unique_ptr<Widget> E(C.release()); // no warning: handed over
}

void containers(std::vector<Widget *> &V, std::map<int, Widget *> &M) {
  V.push_back(new Widget); // no warning: the container keeps it
  M[1] = new Widget;       // no warning: the map keeps it
  std::vector<std::unique_ptr<Widget>> U;
  U.emplace_back(new Widget); // no warning: a unique_ptr keeps it
}

void unknownCallee() {
  Widget *W = new Widget;
  keepWidget(W); // no warning: a non-const pointer to an unknown function may keep it
}

void placementNew() {
  alignas(Widget) char Storage[sizeof(Widget)];
  Widget *W = new (Storage) Widget; // no warning: placement new allocates nothing
  W->~Widget();
}

void nothrowChecked() {
  Widget *W = new (std::nothrow) Widget;
  if (!W)
    return; // no warning: nothing was allocated
  delete W;
}

Widget &singleton() {
  static Widget *Instance = new Widget; // no warning: a static keeps it
  return *Instance;
}

void freed() {
  char *P = (char *)calloc(4, 1);
  char *Q = P; // an alias: freeing it frees P
  free(Q);
}

void pointerArithmetic() {
  char *P = (char *)malloc(8);
  char *Q = P + 4;
  *Q = 0;
  free(P); // no warning: released through the base
}

void lambdaCapture() {
  Widget *W = new Widget;
  auto Del = [W] { delete W; };
  Del(); // no warning: the lambda took it
}

int main() {
  Widget *W = new Widget; // no warning: still held at the end of main (IgnoreLeaksInMain)
  W->poke();
  return 0;
}

// ---- constructors the TU cannot see
struct Config {
  explicit Config(const char *Path);
  int size() const;
};
struct Window;
struct Button {
  explicit Button(Window *Parent); // registers with its parent
};
void useConfig(const Config *C);

int parseConfig(const char *Path, int Limit) {
  Config *C = new Config(Path); // a string argument is not a parent
  // CHECK-FIXES:  auto C = std::make_unique<Config>(Path); // a string argument is not a parent
  if (C->size() > Limit)
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'new' is leaked on this early return [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-5]]:15: note: memory is allocated here
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming the condition is true
  useConfig(C);
  // CHECK-FIXES:  useConfig(C.get());
  delete C;
  return 0;
}

void addButton(Window *W) {
  new Button(W); // no warning: the parent window owns it
}

// ---- unique_ptr::release() makes the caller the owner
void readW(const Widget *P);
Widget *releaseHandOver(std::unique_ptr<Widget> U) {
  return U.release(); // no warning: returned
}
void releaseLeaked(std::unique_ptr<Widget> U) {
  Widget *Raw = U.release();
  readW(Raw);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory released from a unique_ptr by 'release()' is leaked when 'Raw' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:17: note: the unique_ptr gives up ownership here
void releaseAdopted(std::unique_ptr<Widget> U) {
  std::unique_ptr<Widget> V(U.release()); // no warning
  std::unique_ptr<Widget> X;
  X.reset(V.release()); // no warning
}
// Released only to call the object, which disposes of itself when done (an
// operation the kernel completes after a cancel): handed to itself.
struct Operation {
  void cancel() { Cancelled = true; } // completion deletes a cancelled one
  bool Cancelled = false;
};
void releaseToItself(std::unique_ptr<Operation> Op) {
  if (Op)
    Op.release()->cancel(); // no warning
}
void releaseThenRead(std::unique_ptr<Operation> Op) {
  Operation *Raw = Op.release();
  Raw->cancel();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory released from a unique_ptr by 'release()' is leaked when 'Raw' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:20: note: the unique_ptr gives up ownership here
void releaseArrayFreed(std::unique_ptr<Widget[]> U) {
  Widget *Raw = U.release();
  delete[] Raw; // no warning: new[] family
}
