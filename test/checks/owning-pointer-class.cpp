// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -std=c++17
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <sys/mman.h>

struct Engine {
  int Power = 0;
};

// ---- a member the destructor forgets
class Car {
public:
  Car() : E(new Engine) {}
  ~Car() { printf("bye\n"); }
  int power() const { return E->Power; }

private:
  Engine *E;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: member 'E' owns memory allocated by 'new', but neither the destructor nor any other member function of 'Car' releases it [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-7]]:13: note: memory is allocated here
};

class Buffer {
public:
  explicit Buffer(size_t N) { Data = (char *)malloc(N); }
  void clear() {
    if (Data)
      memset(Data, 0, 1);
  }

private:
  char *Data = nullptr;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: member 'Data' owns memory allocated by 'malloc', but neither the destructor nor any other member function of 'Buffer' releases it [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-9]]:38: note: memory is allocated here
};

class Lazy {
public:
  void load() { Cache = new int[16]; }
  ~Lazy() {}

private:
  int *Cache = nullptr;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: member 'Cache' owns memory allocated by 'new[]', but neither the destructor nor any other member function of 'Lazy' releases it [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-6]]:25: note: memory is allocated here
};

// ---- no warning: the destructor or another member releases it
class Owner {
public:
  Owner() : E(new Engine) {}
  ~Owner() { delete E; }
  Owner(const Owner &) = delete;
  Owner &operator=(const Owner &) = delete;

private:
  Engine *E;
};

class ResetsInMethod {
public:
  void open() { F = fopen("x", "r"); }
  void close() {
    if (F)
      fclose(F);
    F = nullptr;
  }

private:
  FILE *F = nullptr;
};

class Borrower {
public:
  explicit Borrower(Engine *E) : E(E) {} // no warning: not its memory
private:
  Engine *E;
};

static void destroyEngine(Engine *E) { delete E; }
class ReleasedByHelper {
public:
  ReleasedByHelper() : E(new Engine) {}
  ~ReleasedByHelper() { destroyEngine(E); }
  ReleasedByHelper(const ReleasedByHelper &) = delete;
  ReleasedByHelper &operator=(const ReleasedByHelper &) = delete;

private:
  Engine *E;
};

// ---- rule of three: an implicit copy of a class that deletes its member
class Shallow {
public:
  Shallow() : P(new int(1)) {}
  ~Shallow() { delete P; }
  int value() const { return *P; }

private:
  int *P;
};

int useShallow() {
  Shallow A;
  Shallow B = A;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: copying 'Shallow' copies its raw pointer 'P', which its destructor deletes: both copies delete the same memory [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-11]]:16: note: 'P' is released here
  Shallow C;
  C = A;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: assigning 'Shallow' copies its raw pointer 'P', which its destructor deletes: the memory is deleted twice and the old one leaks [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-15]]:16: note: 'P' is released here
  return B.value() + C.value();
}

// `return local;` of the one variable every return names: Clang and GCC
// build it in the caller's slot (NRVO, even at -O0), so no copy is made
// (libtorrent src/protocol/extensions.h:236, C38).
class Extension {
public:
  Extension() : Read(nullptr) {}
  ~Extension() { delete[] Read; }
  void start(int N) { Read = new char[N]; }
  static Extension makeDefault() {
    Extension E;
    E.Flags |= 1;
    return E;
  }

private:
  char *Read;
  int Flags = 0;
};

// Still reported: returns of two variables, one of which is copied.
class Reader {
public:
  Reader() : Buf(nullptr) {}
  ~Reader() { delete[] Buf; }
  void start(int N) { Buf = new char[N]; }
  static Reader pick(bool First) {
    Reader A, B;
    if (First)
      return A;
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: copying 'Reader' copies its raw pointer 'Buf', which its destructor deletes: both copies delete the same memory [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-7]]:15: note: 'Buf' is released here
    return B;
  }

private:
  char *Buf;
};

int useCars() {
  Car C;
  Buffer B(4);
  B.clear();
  Lazy L;
  L.load();
  Owner O;
  ResetsInMethod R;
  R.open();
  R.close();
  ReleasedByHelper H;
  return C.power();
}

// A member whose every allocation is new[] and that is released with delete.
class Text {
public:
  explicit Text(int N) : Data(new char[N]) {}
  ~Text() { delete Data; }
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: member 'Data' holds memory allocated by 'new[]', but it is released with 'delete' instead of 'delete[]' [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: memory is allocated here
  Text(const Text &) = delete;
  Text &operator=(const Text &) = delete;

private:
  char *Data;
};

// A member mapped or allocated with `new (std::nothrow)[]` by a flag, and
// released by the same flag: the allocations are of two families, and each
// release matches one of them (libfilezilla lib/aio/aio.cpp:276, C36).
class Pool {
public:
  Pool(int Fd, std::size_t N) : Shm(Fd), Size(N) {
    if (Shm >= 0)
      Memory = static_cast<char *>(mmap(nullptr, N, PROT_READ, MAP_SHARED, Shm, 0));
    else
      Memory = new (std::nothrow) char[N];
  }
  ~Pool() {
    if (Shm >= 0)
      munmap(Memory, Size);
    else
      delete[] Memory;
  }
  Pool(const Pool &) = delete;
  Pool &operator=(const Pool &) = delete;

private:
  int Shm;
  std::size_t Size;
  char *Memory = nullptr;
};

// Still reported: every allocation is `new (std::nothrow)[]`.
class NothrowText {
public:
  explicit NothrowText(int N) : Data(new (std::nothrow) char[N]) {}
  ~NothrowText() { delete Data; }
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: member 'Data' holds memory allocated by 'new[]', but it is released with 'delete' instead of 'delete[]' [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-3]]:38: note: memory is allocated here
  NothrowText(const NothrowText &) = delete;
  NothrowText &operator=(const NothrowText &) = delete;

private:
  char *Data;
};

// Released the way it is allocated: no warning.
class Words {
public:
  explicit Words(int N) : List(new const char *[N]) {}
  ~Words() { delete[] List; }
  Words(const Words &) = delete;
  Words &operator=(const Words &) = delete;

private:
  const char **List;
};

// A getter that lends the pointer out does not change how it must be freed.
class Name {
public:
  explicit Name(int N) { Chars = new char[N]; }
  ~Name() { delete Chars; }
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: member 'Chars' holds memory allocated by 'new[]', but it is released with 'delete' instead of 'delete[]' [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-3]]:34: note: memory is allocated here
  const char *c_str() const { return Chars; }
  Name(const Name &) = delete;
  Name &operator=(const Name &) = delete;

private:
  char *Chars;
};

// The first assignment is dead: the member is what the constructor
// allocates, and no member function releases it.
class Holder {
public:
  explicit Holder(char *Given);
  ~Holder() {}

private:
  char *Data;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: member 'Data' owns memory allocated by 'malloc', but neither the destructor nor any other member function of 'Holder' releases it [leaklint-owning-pointer]
};
Holder::Holder(char *Given) {
  Data = Given;
  Data = (char *)malloc(16);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: memory is allocated here
}
// Given a pointer it keeps: whether it owns it is not the class's to say.
class Lender {
public:
  explicit Lender(char *Given) : Data(Given) {}
  void reset() { Data = (char *)malloc(16); }
  ~Lender() {} // no warning: Data may be the caller's

private:
  char *Data;
};

// Filled by a factory of the TU whose allocator only an attribute names:
// the report names that allocator (an acquirer the engine made, not one of
// the model's table).
__attribute__((malloc)) void *arena_alloc(unsigned long Size);
static char *makeScratch() { return static_cast<char *>(arena_alloc(64)); }
class Scratch {
public:
  Scratch() : Buf(makeScratch()) {}
  ~Scratch() {}
  char first() const { return Buf[0]; }

private:
  char *Buf;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: member 'Buf' owns memory allocated by 'arena_alloc', but neither the destructor nor any other member function of 'Scratch' releases it [leaklint-owning-pointer]
};
// CHECK-MESSAGES: :[[@LINE-8]]:19: note: memory is allocated here

// Filled by an allocator a plain `malloc` attribute names (GLib's
// `G_GNUC_MALLOC` on `g_convert`) and released with `free`: nothing names
// its release, so `free` is no mismatch. Real code: poppler
// glib/poppler-document.cc:3207.
__attribute__((malloc)) char *convert_text(const char *Text);
static char *toUtf8(const char *Text) { return convert_text(Text); }
class Label {
public:
  explicit Label(const char *Text) : Utf8(toUtf8(Text)) {}
  ~Label() { free(Utf8); } // no warning
  const char *text() const { return Utf8; }

private:
  char *Utf8;
};
