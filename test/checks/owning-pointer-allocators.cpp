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
