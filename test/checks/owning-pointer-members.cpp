// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -std=c++17
// A member that owns a resource from the constructors to the destructor:
// every constructor leaves a fresh one in it, every other method leaves it
// owning one, the destructor releases it. A method that overwrites it
// without releasing it first loses what it held, whoever calls it.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

void printLine(const char *line); // another TU's
void observe(const void *object); // another TU's

// ---- Positives.
class Buffer {
public:
  explicit Buffer(size_t n) : data_(new char[n]), size_(n) {}
  ~Buffer() { delete[] data_; }
  Buffer(const Buffer &) = delete;
  Buffer &operator=(const Buffer &) = delete;
  void resize(size_t n) {
    data_ = new char[n];
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'resize' overwrites member 'data_' while it still owns memory allocated by 'new[]': every constructor leaves it owning one and only the destructor releases it [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-7]]:37: note: memory is allocated here
    // CHECK-MESSAGES: :[[@LINE-7]]:15: note: the destructor releases 'data_' here
    // CHECK-FIXES:    delete[] data_;
    // CHECK-FIXES-NEXT:    data_ = new char[n];
    size_ = n;
  }
  const char *data() const { return data_; } // lends it
  size_t size() const { return size_; }

private:
  char *data_;
  size_t size_;
};

class LogFile {
public:
  explicit LogFile(const char *path) : file_(fopen(path, "a")) {}
  ~LogFile() {
    if (file_)
      fclose(file_);
  }
  LogFile(const LogFile &) = delete;
  LogFile &operator=(const LogFile &) = delete;
  void write(const char *line) {
    observe(this); // may call any method: each leaves 'file_' owning one
    if (file_)
      fputs(line, file_);
    printLine(line);
  }
  void reopen(const char *path) {
    this->file_ = fopen(path, "a");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'reopen' overwrites member 'file_' while it still owns file opened by 'fopen': every constructor leaves it owning one and only the destructor releases it [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-16]]:46: note: file is opened here
    // CHECK-MESSAGES: :[[@LINE-14]]:7: note: the destructor releases 'file_' here
    // CHECK-FIXES:    fclose(this->file_);
    // CHECK-FIXES-NEXT:    this->file_ = fopen(path, "a");
  }

private:
  FILE *file_;
};

class Connection {
public:
  Connection() : fd_(socket(AF_INET, SOCK_STREAM, 0)) {}
  ~Connection() {
    if (fd_ != -1)
      close(fd_);
  }
  Connection(const Connection &) = delete;
  Connection &operator=(const Connection &) = delete;
  void reconnect(bool verbose) {
    if (verbose)
      printLine("reconnecting");
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'reconnect' overwrites member 'fd_' while it still owns file descriptor opened by 'socket': every constructor leaves it owning one and only the destructor releases it [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-12]]:22: note: file descriptor is opened here
    // CHECK-MESSAGES: :[[@LINE-10]]:7: note: the destructor releases 'fd_' here
    // CHECK-FIXES:    close(fd_);
    // CHECK-FIXES-NEXT:    fd_ = socket(AF_INET, SOCK_STREAM, 0);
  }

private:
  int fd_;
};

// A copy assignment that forgets the string it held; the copy constructor
// only reads the other object's.
class Name {
public:
  explicit Name(const char *s) : s_(strdup(s)) {}
  Name(const Name &o) : s_(strdup(o.s_)) {}
  ~Name() { free(s_); }
  Name &operator=(const Name &o) {
    if (o.s_[0] == '\0')
      printLine("empty");
    s_ = strdup(o.s_);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'operator=' overwrites member 's_' while it still owns memory allocated by 'strdup': every constructor leaves it owning one and only the destructor releases it [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-8]]:37: note: memory is allocated here
    // CHECK-MESSAGES: :[[@LINE-7]]:13: note: the destructor releases 's_' here
    // CHECK-FIXES:    free(s_);
    // CHECK-FIXES-NEXT:    s_ = strdup(o.s_);
    return *this;
  }
  const char *get() const { return s_; }

private:
  char *s_;
};

// Overwritten on every path, in two places: no fix-it.
class Slot {
public:
  Slot() : p_(static_cast<int *>(malloc(sizeof(int)))) {}
  ~Slot() { free(p_); }
  Slot(const Slot &) = delete;
  Slot &operator=(const Slot &) = delete;
  void renew(bool big) {
    if (big)
      p_ = static_cast<int *>(malloc(64 * sizeof(int)));
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'renew' overwrites member 'p_' while it still owns memory allocated by 'malloc': every constructor leaves it owning one and only the destructor releases it [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-8]]:34: note: memory is allocated here
    // CHECK-MESSAGES: :[[@LINE-8]]:13: note: the destructor releases 'p_' here
    else
      p_ = static_cast<int *>(malloc(sizeof(int)));
  }

private:
  int *p_;
};

// A private helper that constructors call to fill it, and a public method
// that calls it again: the helper overwrites what the object owns.
class Packet {
public:
  explicit Packet(const char *s) { build(s); }
  ~Packet() { delete[] data_; }
  Packet(const Packet &) = delete;
  Packet &operator=(const Packet &) = delete;
  void rebuild(const char *s) { build(s); }

private:
  void build(const char *s) {
    data_ = new char[strlen(s) + 1];
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'build' overwrites member 'data_' while it still owns memory allocated by 'new[]': every constructor leaves it owning one and only the destructor releases it [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-10]]:36: note: memory is allocated here
    // CHECK-MESSAGES: :[[@LINE-10]]:15: note: the destructor releases 'data_' here
    strcpy(data_, s);
  }
  char *data_;
};

// An assignment operator runs on an object that may own one (a constructor
// or a method filled it) and that the destructor releases: overwriting it
// without a release loses what it held. No fix-it: `delete p_;` first is
// wrong for `a = a`.
class Cell {
public:
  Cell() : p_(nullptr) {}
  explicit Cell(int v) : p_(new int(v)) {}
  Cell(const Cell &o) : p_(o.p_ ? new int(*o.p_) : nullptr) {}
  ~Cell() { delete p_; }
  Cell &operator=(const Cell &o) {
    p_ = o.p_ ? new int(*o.p_) : nullptr;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'operator=' overwrites member 'p_' without releasing memory allocated by 'new' that it may hold: the destructor releases it, the assignment leaks it [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-6]]:29: note: memory is allocated here
    // CHECK-MESSAGES: :[[@LINE-5]]:13: note: the destructor releases 'p_' here
    return *this;
  }
  Cell &operator=(Cell &&o) {
    p_ = o.p_;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'operator=' overwrites member 'p_' without releasing memory allocated by 'new' that it may hold: the destructor releases it, the assignment leaks it [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-13]]:29: note: memory is allocated here
    // CHECK-MESSAGES: :[[@LINE-12]]:13: note: the destructor releases 'p_' here
    o.p_ = nullptr;
    return *this;
  }

private:
  int *p_;
};

// A value that holds a string or a list by a type tag, in a union; the
// destructor releases the one the tag names, through a helper.
class Value {
public:
  Value() : kind_(Number) { data_.number = 0; }
  explicit Value(const char *s) : kind_(Text) { data_.text = strdup(s); }
  ~Value() { clear(); }
  Value(const Value &) = delete;
  Value &operator=(const Value &o) {
    if (o.kind_ == Text)
      data_.text = strdup(o.data_.text);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'operator=' overwrites member 'data_' without releasing memory allocated by 'strdup' that it may hold: the destructor releases it, the assignment leaks it [leaklint-owning-pointer]
      // CHECK-MESSAGES: :[[@LINE-7]]:62: note: memory is allocated here
      // CHECK-MESSAGES: :[[@LINE-7]]:14: note: the destructor releases 'data_' here
    else
      data_.number = o.data_.number;
    kind_ = o.kind_;
    return *this;
  }

private:
  void clear() {
    if (kind_ == Text)
      free(data_.text);
  }
  union {
    char *text;
    long number;
  } data_;
  enum { Number, Text } kind_;
};

// ---- Negatives: silent.

// Released first, or handed over, or given to realloc.
class Careful {
public:
  Careful() : p_(new int(1)) {}
  ~Careful() { delete p_; }
  Careful(const Careful &) = delete;
  Careful &operator=(const Careful &) = delete;
  void renew() {
    delete p_;
    p_ = new int(2);
  }
  int *take() {
    int *old = p_;
    p_ = new int(3);
    return old;
  }
  void ensure() {
    if (!p_)
      p_ = new int(4);
  }

private:
  int *p_;
};

class Grower {
public:
  Grower() : p_(static_cast<char *>(malloc(8))) {}
  ~Grower() { free(p_); }
  Grower(const Grower &) = delete;
  Grower &operator=(const Grower &) = delete;
  void grow(size_t n) {
    char *q = static_cast<char *>(realloc(p_, n));
    if (q)
      p_ = q;
  }

private:
  char *p_;
};

// A method leaves it empty: a later open() may find nothing there.
class Reopenable {
public:
  Reopenable() : f_(fopen("/dev/null", "r")) {}
  ~Reopenable() {
    if (f_)
      fclose(f_);
  }
  Reopenable(const Reopenable &) = delete;
  Reopenable &operator=(const Reopenable &) = delete;
  void shut() {
    fclose(f_);
    f_ = nullptr;
  }
  void open(const char *path) { f_ = fopen(path, "r"); }

private:
  FILE *f_;
};

// A constructor that leaves it empty.
class Lazy {
public:
  Lazy() : p_(nullptr) {}
  explicit Lazy(int n) : p_(new int(n)) {}
  ~Lazy() { delete p_; }
  Lazy(const Lazy &) = delete;
  Lazy &operator=(const Lazy &) = delete;
  void set(int n) { p_ = new int(n); }

private:
  int *p_;
};

// Moved from: another object's member is emptied.
class Movable {
public:
  Movable() : p_(new int(0)) {}
  Movable(Movable &&o) : p_(o.p_) { o.p_ = nullptr; }
  ~Movable() { delete p_; }
  Movable &operator=(const Movable &) = delete;
  void set(int n) { p_ = new int(n); }

private:
  int *p_;
};

// Public, or a friend may change it; the destructor does not release it.
class Open {
public:
  Open() : p_(new int(0)) {}
  ~Open() { delete p_; }
  Open(const Open &) = delete;
  Open &operator=(const Open &) = delete;
  void set(int n) { p_ = new int(n); }
  int *p_;
};

class Befriended {
  friend void meddle(Befriended &);

public:
  Befriended() : p_(new int(0)) {}
  ~Befriended() { delete p_; }
  Befriended(const Befriended &) = delete;
  Befriended &operator=(const Befriended &) = delete;
  void set(int n) { p_ = new int(n); }

private:
  int *p_;
};

class Borrower {
public:
  explicit Borrower(int *p) : p_(p) {}
  ~Borrower() {}
  void point(int *p) { p_ = p; }

private:
  int *p_;
};

// A lambda may change it at any time.
class Deferred {
public:
  Deferred() : p_(new int(0)) {}
  ~Deferred() { delete p_; }
  Deferred(const Deferred &) = delete;
  Deferred &operator=(const Deferred &) = delete;
  void later() {
    auto reset = [this] { delete p_; p_ = nullptr; };
    reset();
  }
  void set(int n) { p_ = new int(n); }

private:
  int *p_;
};

// A private helper only constructors call: it fills what holds nothing yet.
class Message {
public:
  explicit Message(const char *s) { build(s); }
  Message(const char *s, int) : size_(0) { build(s); }
  ~Message() { delete[] data_; }
  Message(const Message &) = delete;
  Message &operator=(const Message &) = delete;
  size_t size() const { return size_; }

private:
  void build(const char *s) {
    size_ = strlen(s) + 1;
    data_ = new char[size_];
    memcpy(data_, s, size_);
  }
  char *data_;
  size_t size_;
};

// Assignments that release what the object held first: after a check for
// self-assignment, through the helper the destructor calls, by swapping, or
// only where the member is empty.
class Guarded {
public:
  Guarded() : p_(nullptr) {}
  explicit Guarded(int v) : p_(new int(v)) {}
  ~Guarded() { delete p_; }
  Guarded(const Guarded &) = delete;
  Guarded &operator=(const Guarded &o) {
    if (this == &o)
      return *this;
    delete p_;
    p_ = o.p_ ? new int(*o.p_) : nullptr;
    return *this;
  }
  Guarded &operator=(Guarded &&o) {
    int *old = p_;
    p_ = o.p_;
    o.p_ = nullptr;
    delete old;
    return *this;
  }

private:
  int *p_;
};

class Cleared {
public:
  Cleared() : kind_(Number) { data_.number = 0; }
  explicit Cleared(const char *s) : kind_(Text) { data_.text = strdup(s); }
  ~Cleared() { clear(); }
  Cleared(const Cleared &) = delete;
  Cleared &operator=(const Cleared &o) {
    clear();
    if (o.kind_ == Text)
      data_.text = strdup(o.data_.text);
    else
      data_.number = o.data_.number;
    kind_ = o.kind_;
    return *this;
  }

private:
  void clear() {
    if (kind_ == Text)
      free(data_.text);
  }
  union {
    char *text;
    long number;
  } data_;
  enum { Number, Text } kind_;
};

class Swapped {
public:
  Swapped() : p_(nullptr) {}
  explicit Swapped(int v) : p_(new int(v)) {}
  Swapped(const Swapped &o) : p_(o.p_ ? new int(*o.p_) : nullptr) {}
  ~Swapped() { delete p_; }
  Swapped &operator=(Swapped o) {
    int *t = p_;
    p_ = o.p_;
    o.p_ = t;
    return *this;
  }

private:
  int *p_;
};

class FillOnce {
public:
  FillOnce() : p_(nullptr) {}
  ~FillOnce() { delete p_; }
  FillOnce(const FillOnce &) = delete;
  FillOnce &operator=(const FillOnce &o) {
    if (p_ == nullptr && o.p_)
      p_ = new int(*o.p_);
    else if (p_ && o.p_)
      *p_ = *o.p_;
    return *this;
  }

private:
  int *p_;
};

int use(int n) {
  Buffer b(4);
  b.resize(8);
  Careful c;
  c.renew();
  delete c.take();
  Name x("a"), y("b");
  x = y;
  return static_cast<int>(b.size()) + n;
}
