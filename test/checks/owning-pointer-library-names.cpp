// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -std=c++17
// In C++ a C library function has C linkage: an overload of `malloc` that
// takes an arena is the program's, beside the library's own.
#include <cstdlib>
#include <cstring>

struct Arena {
  unsigned char buf[256];
  std::size_t used = 0;
};

void *malloc(Arena &a, std::size_t n) {
  void *p = a.buf + a.used;
  a.used += n;
  return p;
}

void arenaBlock() {
  Arena a;
  char *d = static_cast<char *>(malloc(a, 16));
  d[0] = 1; // no warning
}

void libraryBlock() {
  char *d = static_cast<char *>(malloc(16));
  if (!d)
    return;
  std::strcpy(d, "x");
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'd' goes out of scope [leaklint-owning-pointer]
