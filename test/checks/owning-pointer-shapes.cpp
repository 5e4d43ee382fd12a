// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -std=c++17
// Shapes of C++ code that the engine's memory model and allocator model
// must read right, with the real standard library headers: where a block
// goes when it is given away (silent), and the leaks it must still see.
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <vector>

// A pointer taken by const reference and then stored by the callee.
static std::vector<char *> Kept;
static void keep(char *const &P) { Kept.push_back(P); }

void keptByConstReference() {
  char *P = static_cast<char *>(std::malloc(8));
  keep(P); // no warning
}

void drainKept() {
  for (char *Q : Kept)
    std::free(Q);
  Kept.clear();
}

// An object built in a heap block by placement new, destroyed, freed.
struct Widget {
  int X = 0;
};

void placementInHeapBlock() {
  void *Mem = std::malloc(sizeof(Widget));
  if (!Mem)
    return;
  Widget *W = new (Mem) Widget;
  W->X = 1;
  W->~Widget();
  std::free(Mem); // no warning
}

// A factory's result used once as the object of a call, then dropped.
struct Parser {
  int parse(const char *S) { return S[0]; }
};
static Parser *makeParser() { return new Parser; }

int parseOnce(const char *S) {
  return makeParser()->parse(S);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'makeParser' is leaked: the result is discarded [leaklint-owning-pointer]
}

// A method that overwrites an owning member, called through a smart pointer.
class Buffer {
public:
  Buffer() : Data(static_cast<char *>(std::malloc(8))) {}
  ~Buffer() { std::free(Data); }
  Buffer(const Buffer &) = delete;
  Buffer &operator=(const Buffer &) = delete;
  void regrow() { Data = static_cast<char *>(std::malloc(16)); }
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'regrow' overwrites member 'Data' while it still owns memory allocated by 'malloc': every constructor leaves it owning one and only the destructor releases it [leaklint-owning-pointer]

private:
  char *Data;
};

void regrowThroughUniquePtr() {
  auto B = std::make_unique<Buffer>();
  B->regrow();
}

// A block of `new[]` released with free.
void arrayFreed() {
  int *A = new int[4];
  A[0] = 1;
  std::free(A);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'new[]' is released with 'free' instead of 'delete[]' [leaklint-owning-pointer]
}
