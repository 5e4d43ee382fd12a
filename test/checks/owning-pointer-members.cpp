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
