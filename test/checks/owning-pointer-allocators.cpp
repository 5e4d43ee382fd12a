// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -std=c++17
// `::operator new(n)` called as a function: raw memory that
// `::operator delete(p)` gives back.
#include <cstddef>
#include <new>

int rawBuffer(std::size_t n) {
  void *raw = ::operator new(n);
  if (n > 100)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'operator new' is leaked on this early return [leaklint-owning-pointer]
  ::operator delete(raw);
  return 0;
}

int rawBufferNothrow(std::size_t n) {
  void *raw = ::operator new(n, std::nothrow);
  if (!raw)
    return -1; // no warning: nothing was allocated
  ::operator delete(raw);
  return 0;
}

// A method's `malloc` attribute promises a pointer that aliases nothing,
// not one the caller owns: a buffer that grows and is reused, kept by its
// object (mpd's `PcmBuffer::Get`, defined in another file).
class ScratchBuffer {
  unsigned char *Data = nullptr;

public:
  ~ScratchBuffer();
  [[gnu::malloc]] [[gnu::returns_nonnull]] void *get(std::size_t n) noexcept;
};

struct Chunk {
  void *Data;
  std::size_t Size;
};

Chunk scale(ScratchBuffer &Scratch, Chunk In, int Format) {
  void *Out = Scratch.get(In.Size);
  if (Format == 0)
    return In; // no warning: the buffer stays with Scratch
  return {Out, In.Size};
}

// A static member function is an allocator as a free function is.
struct Node {
  [[gnu::malloc]] static Node *make();
  static void destroy(Node *N);
  int Weight;
};

int weigh(bool Skip) {
  Node *N = Node::make();
  if (Skip)
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'make' is leaked on this early return [leaklint-owning-pointer]
  int W = N->Weight;
  Node::destroy(N);
  return W;
}
