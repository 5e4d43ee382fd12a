// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -std=c++17
#include <cstdio>
#include <cstdlib>
#include <string>
// CHECK-FIXES:#include <memory>

struct Point {
  Point() = default;
  Point(int X, int Y) : X(X), Y(Y) {}
  int X = 0, Y = 0;
  int sum() const { return X + Y; }
};
static int readPoint(const Point *P) { return P->X; }
static int readMutable(Point *P) { return P->Y; }
static void destroy(Point *P) { delete P; }
void keepPoint(Point *P);

int earlyReturnFixed(int N) {
  Point *P = new Point(N, 2);
  // CHECK-FIXES:  auto P = std::make_unique<Point>(N, 2);
  if (N > 10)
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'new' is leaked on this early return [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-5]]:14: note: memory is allocated here
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming 'N' is > 10
  int R = P->sum() + readPoint(P) + readMutable(P);
  // CHECK-FIXES:  int R = P->sum() + readPoint(P.get()) + readMutable(P.get());
  delete P;
  return R;
}

// The same fix when the leak is on an exception's way out: every local
// owner ends there at once, and the new-expression's variable is the one.
int throwFixed(int N) {
  Point *P = new Point(N, 3);
  // CHECK-FIXES:  auto P = std::make_unique<Point>(N, 3);
  if (N > 10)
    throw N;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'new' is leaked when the exception is thrown [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-5]]:14: note: memory is allocated here
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming 'N' is > 10
  int R = P->sum() + readPoint(P);
  // CHECK-FIXES:  int R = P->sum() + readPoint(P.get());
  delete P;
  return R;
}

void scopeEndArray(int N) {
  int *A = new int[N];
  // CHECK-FIXES:  auto A = std::make_unique<int[]>(N);
  if (A != nullptr && N > 0)
    A[0] = 1;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'new[]' is leaked when 'A' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-6]]:12: note: memory is allocated here
// CHECK-MESSAGES: :[[@LINE-5]]:23: note: assuming 'N' is > 0

void defaultInit() {
  std::string *S = new std::string;
  // CHECK-FIXES:  auto S = std::make_unique<std::string>();
  if (S->empty())
    printf("%s\n", S->c_str());
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'new' is leaked when 'S' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-6]]:20: note: memory is allocated here
// CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming the condition is true

// ---- no fix: the uses do not fit a unique_ptr
void reassigned() {
  Point *P = new Point;
  P->X = 1;
  if (P->X > 0)
    P = nullptr;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'P' is overwritten while it still owns memory allocated by 'new' [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-5]]:14: note: memory is allocated here
}

void aggregateBraces() {
  Point *P = new Point{1, 2};
  printf("%d\n", P->sum());
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'new' is leaked when 'P' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:14: note: memory is allocated here

void copiedToAnother() {
  Point *P = new Point;
  Point *Q = P;
  printf("%d\n", Q->X);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'new' is leaked when 'P' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:14: note: memory is allocated here

#define MAKE_POINT new Point
void inMacro() {
  Point *P = MAKE_POINT;
  printf("%d\n", P->X);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'new' is leaked when 'P' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:14: note: memory is allocated here

void freedByHelperOnSomePaths(int N) {
  Point *P = new Point;
  if (N)
    return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'new' is leaked on this early return [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-4]]:14: note: memory is allocated here
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming 'N' is not 0
  destroy(P);
}
