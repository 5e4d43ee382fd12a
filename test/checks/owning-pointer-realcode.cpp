// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -std=c++17 -I %S/Inputs/owning-pointer
// Correct C++ code from real projects that earlier versions reported (the
// causes in test/realcode/causes.md): each section must stay silent. The
// last section is a leak of the same shape that must still be reported.
// "Baseline" names the binary measured in test/realcode/README.md.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <memory>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/uio.h>
#include <vector>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <stdexcept>
#include <string>

// -------- base-ctor-registers-this
// An object whose base-class constructor, defined in another file, registers 'this' with its
// owner (a socket manager): 'new Sock(this)' hands the object to the module, which deletes it.
// The derived constructor's body is visible and stores nothing, so the baseline does not apply
// its "constructor gets a pointer" hand-off rule. Real code: ZNC modules (CSocket(CModule*)
// calls m_pModule->AddSocket(this)), e.g. modules/imapauth.cpp.
// Baseline: "memory allocated by 'new' is leaked when 'pSock' goes out of scope".
class Module;
class Socket {
public:
  explicit Socket(Module *owner); // in another file: owner->AddSocket(this)
  virtual ~Socket();
  bool Connect(const char *host, unsigned short port);
};
class ImapSock : public Socket {
public:
  ImapSock(Module *owner, int auth) : Socket(owner), auth_(auth) {}
private:
  int auth_;
};
class ImapAuth {
  Module *self_;
public:
  int OnLoginAttempt(int auth) {
    ImapSock *sock = new ImapSock(self_, auth);
    sock->Connect("imap.example.org", 143);
    return 1;
  }
};

// -------- brace-init-null-check
// A pointer initialized with braces, 'void *output{malloc(n)}', then tested for null: on the
// null branch nothing is owned, but the baseline does not tie the brace-initialized variable to
// the allocation, so the null test does not clear it and the throw is reported as a leak.
// The same code with '=' is not reported. Real code: libpqxx binarystring.cxx to_buffer().
// Baseline: "memory allocated by 'malloc' is leaked when the exception is thrown".
struct buffer { unsigned char *data; std::size_t size; };
buffer to_buffer(const void *data, std::size_t len) {
  void *const output{std::malloc(len + 1)};
  if (output == nullptr) throw std::bad_alloc{};
  std::memcpy(output, data, len);
  return buffer{static_cast<unsigned char *>(output), len};
}

// -------- mmap-null-test
// mmap() tested with '!data' (the code should test MAP_FAILED; that is a separate bug): the
// engine takes a null mmap result for a successful mapping, so on the path where 'data' is null
// and the fallback malloc fails it reports a mapping that cannot exist (mmap without MAP_FIXED
// never returns address 0). Real code: fcitx5 src/lib/fcitx-utils/library.cpp Library::findData().
// Baseline: "memory mapped by 'mmap' is leaked when 'needunmap' goes out of scope".
struct Free { void operator()(void *p) const { std::free(p); } };
bool scan(int fd) {
  std::unique_ptr<void, Free> needfree;
  bool result = false;
  do {
    struct stat statbuf;
    if (fstat(fd, &statbuf) < 0) break;
    void *needunmap = nullptr;
    void *data = needunmap = mmap(0, statbuf.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (!data) {
      data = std::malloc(statbuf.st_size);
      needfree.reset(data);
      if (!data) break;
      if (read(fd, data, statbuf.st_size) != statbuf.st_size) break;
    }
    result = static_cast<char *>(data)[0] != 0;
    if (needunmap) munmap(needunmap, statbuf.st_size);
  } while (0);
  close(fd);
  return result;
}

// -------- struct-return-carries-pointer
// A helper of the translation unit wraps the pointer it gets into the struct it returns (an
// iovec), and the caller stores that struct in a container it returns: the memory goes with it.
// The baseline sees the helper's result as unrelated to its argument, so the allocation looks
// discarded. Real code: Poco Net Socket::makeBufVec() / makeBuffer().
// Baseline: "memory allocated by 'malloc' is leaked: the result is discarded".
static iovec makeBuffer(void *buffer, std::size_t length) {
  iovec ret;
  ret.iov_base = buffer;
  ret.iov_len = length;
  return ret;
}
std::vector<iovec> makeBufVec(std::size_t size, std::size_t bufLen) {
  std::vector<iovec> buf(size);
  for (auto it = buf.begin(); it != buf.end(); ++it)
    *it = makeBuffer(std::malloc(bufLen), bufLen);
  return buf;
}

// -------- throwing-factory-forwarded
// A factory that throws instead of returning null, called in a 'return': when the callee
// throws, it has returned nothing, so nothing is owned and nothing leaks. The baseline takes the
// call for an acquisition followed by a throw.
// Real code: Poco FileStreamFactory::open(const URI &) -> open(const Path &), and
// ProcessImpl::launchImpl -> launchByForkExecImpl.
// Baseline: "memory allocated by 'open' is leaked if 'open' throws".
struct Factory {
  std::istream *open(const std::string &path) {
    std::ifstream *s = new std::ifstream(path);
    if (!s->good()) {
      delete s;
      throw std::runtime_error("cannot open " + path);
    }
    return s;
  }
  std::istream *openRelative(const std::string &uri) {
    std::string path = uri.substr(0, 2) == "./" ? uri.substr(2) : uri;
    return open(path);
  }
};

// -------- callee-owns-on-throw
// A registration function that takes ownership of its argument at once (in a unique_ptr) and
// lets it delete the object if it throws: `reg.add("x", new T)` cannot leak when `add` throws.
// Real code: Poco Foundation/src/LoggingClassFactory.cpp:87-117 (DynamicClassFactory::registerClass).
// v2: "memory allocated by 'new' is leaked if 'registerClass' throws".
struct ClassFactory { virtual ~ClassFactory() = default; };
template <class Base> class Registry {
public:
  void registerClass(const std::string &name, ClassFactory *f) {
    std::lock_guard<std::mutex> lock(m_mutex);
    std::unique_ptr<ClassFactory> ptr(f);
    if (m_map.find(name) != m_map.end())
      throw std::runtime_error(name);
    m_map[name] = ptr.release();
  }
private:
  std::mutex m_mutex;
  std::map<std::string, ClassFactory *> m_map;
};
struct Channel {};
Registry<Channel> channels;
void registerBuiltins() { channels.registerClass("console", new ClassFactory); }

// -------- throw-excluded-by-caller
// A callee that throws only when the name is already registered, called from the constructor
// on an empty map: the throw (and the leak of the argument it would cause) cannot happen.
// Real code: Poco Foundation/src/URIStreamOpener.cpp:29.
// v2: "memory allocated by 'new' is leaked if 'registerStreamFactory' throws".
struct StreamFactory { virtual ~StreamFactory() = default; };
struct FileStreamFactory : StreamFactory {};
class Opener {
public:
  Opener() { registerStreamFactory("file", new FileStreamFactory); }
  ~Opener() {
    for (auto &e : m_map) delete e.second;
  }
  void registerStreamFactory(const std::string &scheme, StreamFactory *f) {
    if (m_map.find(scheme) == m_map.end())
      m_map[scheme] = f;
    else
      throw std::runtime_error("already registered: " + scheme);
  }
private:
  std::map<std::string, StreamFactory *> m_map;
};

// -------- virtual-call-override-takes
// A pointer handed to a virtual call whose base-class body is empty: the override, in another
// file, takes ownership. The engine uses the body it sees (the base's, which does nothing).
// Real code: cpprest Release/src/streams/fileio_posix.cpp:101 (`callback->on_opened(info)`).
// v2: "memory allocated by 'new' is leaked when 'info' goes out of scope".
struct Info { int fd; };
struct Callback {
  virtual void on_opened(Info *) {}
  virtual ~Callback() = default;
};
bool open_file(int fd, Callback *cb) {
  if (fd < 0)
    return false;
  auto info = new Info{fd};
  cb->on_opened(info);
  return true;
}

// -------- callback-captures-pointer
// A raw pointer captured by copy in a callback given to an asynchronous call: the callback
// owns it (it wraps it in a unique_ptr, or the object deletes itself when called), so the
// caller's release() or its return is a hand-off, not a leak.
// Real code: cpprest http_server_asio.cpp:541 and :630 (async_accept), fileio_posix.cpp:388, :421.
// v2: "memory released from a unique_ptr by 'release()' is leaked: the result is discarded".
struct AsyncSocket { int fd = -1; };
std::vector<std::function<void(int)>> pending;  // the I/O loop runs and drops them
void async_accept(AsyncSocket &, std::function<void(int)> handler) { pending.push_back(std::move(handler)); }
void on_accept(std::unique_ptr<AsyncSocket>, int) {}
void start_accept() {
  auto *socket = new AsyncSocket;
  std::unique_ptr<AsyncSocket> guard(socket);
  async_accept(*socket, [socket](int ec) { on_accept(std::unique_ptr<AsyncSocket>(socket), ec); });
  guard.release();
}

// -------- callback-captured-by-callee
// A self-deleting callback handed to a function that captures its parameter in a task lambda:
// the task calls it, and it deletes itself. The callee's summary must say that it keeps the
// parameter. Real code: cpprest Release/src/streams/fileio_posix.cpp:388, :421.
// v2: "memory allocated by 'create_callback' is leaked on this early return".
struct Completion {
  virtual void on_completed(long) = 0;
  virtual ~Completion() = default;
};
template <class Fn> void create_task(Fn task) {
  std::function<void()> fn(task);
  fn();
}
struct DeleteWhenDone : Completion {
  void on_completed(long) override { delete this; }
};
long read_file_async(Completion *callback, void *ptr) {
  create_task([=]() { callback->on_completed(ptr ? 1 : 0); });
  return 0;
}
long read_some(void *buf) {
  auto *cb = new DeleteWhenDone;
  return read_file_async(cb, buf);
}

// -------- object-kept-through-first-member
// An object kept through the address of its first member, returned by a method: `&m_sockaddr`
// is the address of the object, which the destructor deletes through a cast back. Real code:
// libtorrent src/torrent/connection_manager.cc:94 (C37).
// Baseline: "memory allocated by 'new' is leaked: the result is discarded".
struct sock_addr { int family; };
union socket_address {
  sock_addr *c_sockaddr() { return &m_sockaddr; }
  static socket_address *cast_from(sock_addr *sa) { return reinterpret_cast<socket_address *>(sa); }
  sock_addr m_sockaddr;
  long m_inet6[4];
};
struct ConnectionManager {
  ConnectionManager() { m_bindAddress = (new socket_address())->c_sockaddr(); }
  ~ConnectionManager() { delete socket_address::cast_from(m_bindAddress); }
  sock_addr *m_bindAddress;
};

// -------- precondition-throw-in-switch-default
// A callee whose only throw follows the `default:` of a switch on its parameter: it asserts that
// the caller gives one of the values it handles (libtorrent src/net/local_addr.cc:267, where the
// caller skips every address of another family first) (C32). Strict mode reports it.
// Baseline: "memory allocated by 'new[]' is leaked if 'priority' throws".
#include "precondition.h"
int best_priority(const Address &a) {
  int *scratch = new int[4];
  int p = priority(a);
  delete[] scratch;
  return p;
}

// -------- object-given-to-non-public-unseen-method
// A method object handed to a protected method of its class defined in another file, which
// deletes it when it has run (libcamera include/libcamera/base/object.h:41, invokeMethod). A
// method that is not public is the class's own machinery: it may do anything with the object.
// Baseline: "memory allocated by 'new' is leaked when 'method' goes out of scope".
class BoundCall {
public:
  explicit BoundCall(int v) : value(v) {}
  virtual ~BoundCall() = default;
  bool activate(bool deleteWhenDone) { return activatePack(deleteWhenDone); }

protected:
  bool activatePack(bool deleteWhenDone); // in another file: `if (deleteWhenDone) delete this;`

private:
  int value;
};
bool invoke_once(int v) {
  auto *method = new BoundCall(v);
  return method->activate(true);
}

// -------- forwarded-into-constructor
// A mapping handed to the object that unmaps it, through a forwarding factory: C++11 code
// writes its own make_unique, whose `new T(std::forward<Args>(args)...)` gives the
// constructor the caller's pointer itself (std::move and std::forward name the object they
// are given). Real code: fish-shell's src/history_file.cpp (mmap_region_t::map_file).
// Baseline: "memory mapped by 'mmap' is leaked when 'ptr' goes out of scope".
template <typename T, typename... Args>
std::unique_ptr<T> own_make_unique(Args &&...args) {
  return std::unique_ptr<T>(new T(std::forward<Args>(args)...));
}
struct MappedRegion {
  void *const ptr;
  const size_t len;
  MappedRegion(void *ptr, size_t len) : ptr(ptr), len(len) {}
  ~MappedRegion() { munmap(ptr, len); }
  static std::unique_ptr<MappedRegion> map_file(int fd, size_t len) {
    void *ptr = mmap(nullptr, len, PROT_READ, MAP_PRIVATE, fd, 0);
    if (ptr == MAP_FAILED)
      return nullptr;
    return own_make_unique<MappedRegion>(ptr, len);
  }
};
void *kept_block;
void keep_block(void *p) { kept_block = p; }
void give_moved(size_t n) {
  void *p = malloc(n);
  keep_block(std::move(p));
}
void give_cast(size_t n) {
  void *p = malloc(n);
  keep_block(static_cast<void *&&>(p));
}

// -------- key-of-a-pointer-keyed-map
// A key made for a registry that is a map keyed by `const char *`: the registry's method,
// defined in another file, is given the key as a `const char *`, and a class that keeps
// values of that type (here a std::map base) may keep it. Real code: rtorrent's
// src/command_helpers.h (create_new_key) and rpc::CommandMap.
// Baseline: "memory allocated by 'create_new_key' is leaked: the result is discarded".
struct KeyLess {
  bool operator()(const char *a, const char *b) const { return std::strcmp(a, b) < 0; }
};
struct CommandData { int flags; };
class CommandMap : public std::map<const char *, CommandData, KeyLess> {
public:
  iterator insert(const char *key, int flags); // in another file
  void insert_slot(const char *key, int flags) {
    iterator itr = insert(key, flags);
    itr->second.flags = flags;
  }
};
extern CommandMap command_map;
inline const char *create_new_key(const std::string &key) {
  char *buffer = new char[key.size() + 1];
  std::memcpy(buffer, key.c_str(), key.size() + 1);
  return buffer;
}
void register_command(const std::string &name) {
  command_map.insert_slot(create_new_key(name), 1);
}

// -------- element-of-an-intrusive-list
// An object linked into an intrusive list of its class (Boost.Intrusive, a project's own
// IntrusiveList<T>): the list is given the object itself, by reference, and keeps it.
// Real code: mpd's src/input/cache/Manager.cxx, src/client/New.cxx, src/lib/nfs/Manager.cxx.
// Baseline: "memory allocated by 'new' is leaked when 'item' goes out of scope".
template <typename T> class IntrusiveList {
public:
  void push_back(T &value) noexcept; // links the value's hook, in another file
};
struct CacheItem {
  int key;
  CacheItem *next = nullptr;
  explicit CacheItem(int key) : key(key) {}
};
IntrusiveList<CacheItem> cache_items;
CacheItem &cache_add(int key) {
  auto *item = new CacheItem(key);
  cache_items.push_back(*item);
  return *item;
}

// -------- a static reference to an object never destroyed, on purpose (jsoncpp's
// CharReaderBuilder::validate: `static const auto &valid_keys = *new std::set<String>{..}`)
struct KeySet {
  bool has(const char *Key) const;
};
bool validKey(const char *Key) {
  static const auto &Keys = *new KeySet{}; // no warning
  return Keys.has(Key);
}

// -------- a factory that returns the object by reference (libebml's `static EbmlElement
// &Create() {return *(new Type);}`): the caller deletes it by address
struct Element {
  virtual ~Element();
};
struct Crc32 : Element {
  static Element &create() { return *(new Crc32); } // no warning
};

// -------- still reported: a mapping tested for MAP_FAILED, left on a return
int map_first(int fd, size_t n) {
  void *data = mmap(nullptr, n, PROT_READ, MAP_PRIVATE, fd, 0);
  if (data == MAP_FAILED)
    return -1;
  if (static_cast<char *>(data)[0] == 0)
    return 0;
  munmap(data, n);
  return 1;
}
// CHECK-MESSAGES: :[[@LINE-4]]:5: warning: memory mapped by 'mmap' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-9]]:16: note: memory is mapped here
// CHECK-MESSAGES: :[[@LINE-9]]:7: note: assuming 'data' is valid

// -------- still reported: a block the throwing call was not given
struct Parser {
  void check(int n) {
    if (n < 0)
      throw std::runtime_error("negative");
  }
};
int parse_one(Parser &p, int n) {
  int *scratch = new int[4];
  p.check(n);
  delete[] scratch;
  return n;
}
// CHECK-MESSAGES: :[[@LINE-4]]:3: warning: memory allocated by 'new[]' is leaked if 'check' throws [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-6]]:18: note: memory is allocated here

// -------- still reported: a virtual call below a final class runs the body seen
struct Sink {
  virtual void take(Info *) {}
  virtual ~Sink() = default;
};
struct PlainSink final : Sink {};
bool give(int fd, PlainSink *s) {
  auto info = new Info{fd};
  s->take(info);
  return true;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: memory allocated by 'new' is leaked when 'info' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:15: note: memory is allocated here

// -------- still reported: the address of a member that is not the first keeps nothing
struct Endpoint {
  sock_addr *address() { return &m_address; }
  int *port() { return &m_port; }
  sock_addr m_address;
  int m_port;
};
int first_port() {
  int *p = (new Endpoint())->port();
  return *p;
}
// CHECK-MESSAGES: :[[@LINE-3]]:3: warning: memory allocated by 'new' is leaked: the result is discarded [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:13: note: memory is allocated here
int first_family() {
  sock_addr *a = (new Endpoint())->address();
  return a->family;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: memory allocated by 'new' is leaked when 'a' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:19: note: memory is allocated here

// -------- still reported: a public method without a body is what an owner calls on what it keeps
class Listener {
public:
  explicit Listener(int port) : port(port) {}
  bool listen(); // in another file
  int port;
};
void add_listener(Listener *l);
bool start_listener(int port) {
  Listener *l = new Listener(port);
  if (!l->listen())
    return false;
  add_listener(l);
  return true;
}
// CHECK-MESSAGES: :[[@LINE-4]]:5: warning: memory allocated by 'new' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-7]]:17: note: memory is allocated here

// -------- still reported: what std::move names, given to a callee that only reads it
size_t read_block(const char *p);
void read_moved(size_t n) {
  char *p = static_cast<char *>(malloc(n));
  read_block(std::move(p));
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'p' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:33: note: memory is allocated here

// -------- still reported: a method of a class that keeps no such pointer reads it
class Journal {
public:
  void log(const char *msg); // in another file
private:
  int level;
};
void journal_copy(Journal &j, const std::string &s) {
  char *copy = new char[s.size() + 1];
  std::memcpy(copy, s.c_str(), s.size() + 1);
  j.log(copy);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'new[]' is leaked when 'copy' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:16: note: memory is allocated here

// -------- still reported: a return that loses it is the witness, before an internal error's
// throw (rtorrent's src/ui/download_list.cc, receive_view_input)
struct PathInput { int pos = 0; };
void show_input(PathInput *in);
void receive_input(int type, bool filtered) {
  PathInput *input = new PathInput;
  switch (type) {
  case 0:
    break;
  case 1:
    if (filtered)
      return;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: memory allocated by 'new' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-8]]:22: note: memory is allocated here
// CHECK-MESSAGES: :[[@LINE-4]]:9: note: assuming 'filtered' is true
    break;
  default:
    throw std::logic_error("invalid input type");
// CHECK-MESSAGES: :[[@LINE-1]]:5: note: also lost here, on another path
  }
  show_input(input);
}

// -------- still reported: a callee that only reads what it is given, and throws by itself
// (openvino's thirdparty/cnpy/cnpy.cpp, npy_load; the real-defect corpus): it cannot have
// taken the file before it threw
struct NpyArray { std::vector<char> data; };
NpyArray load_npy(FILE *fp) {
  NpyArray arr;
  arr.data.resize(16);
  if (fread(arr.data.data(), 1, arr.data.size(), fp) != arr.data.size())
    throw std::runtime_error("short read");
  return arr;
}
NpyArray npy_load(const std::string &name) {
  FILE *fp = fopen(name.c_str(), "rb");
  if (!fp)
    throw std::runtime_error("cannot open " + name);
  NpyArray arr = load_npy(fp);
// CHECK-MESSAGES: :[[@LINE-1]]:18: warning: file opened by 'fopen' is leaked if 'load_npy' throws [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:14: note: file is opened here
// CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'fp' is non-null
  fclose(fp);
  return arr;
}

// -------- re2: a class whose destructor is private (`// Use Decref() instead of delete`)
// disposes of its objects itself: a method of another file called on one may be the release
class RefCounted {
public:
  RefCounted() = default;
  bool Parse(const char *s);
  void Decref();
  int Flags() const;

private:
  ~RefCounted();
};
bool parse_class(const char *s) {
  RefCounted *re = new RefCounted;
  if (!re->Parse(s)) {
    re->Decref();
    return false; // no warning: Decref disposed of it
  }
  re->Decref();
  return true;
}

// -------- exempi: `throw new Error(..)` gives the object to the handler, which deletes it
struct XmpError {
  XmpError(int id, const char *msg) : id(id), msg(msg) {}
  int id;
  const char *msg;
};
void never_called() {
  throw new XmpError(1, "never to be called"); // no warning: the handler owns it
}

// -------- exempi: a `throw` an assertion macro writes on its own condition
// (`XMP_Validate(c, msg, e)`), in the function or in a callee
void announce(const char *msg);
#define THROW_ERR(msg, id) { announce(msg); throw XmpError(id, msg); }
#define VALIDATE(c, msg, id) if (!(c)) { const char *m = msg; THROW_ERR(m, id); }
int entry_size(const std::string &);
char *serialize_entry(const std::string &entry) {
  char *buffer = new char[16];
  VALIDATE(entry_size(entry) < 16, "entry too long", 3); // no warning: an assertion
  entry.copy(buffer, 15);
  return buffer;
}
static void set_field(std::string *value, char *data, unsigned offset, unsigned max) {
  VALIDATE(value != 0, "null value", 4);
  VALIDATE(data != 0, "null data", 4);
  VALIDATE(max > 0, "zero size", 4);
  value->copy(data + offset, max);
}
char *export_fields(const std::string &name, const std::string &origin) {
  std::string value = name;
  char *buffer = new char[512];
  set_field(&value, buffer, 0, 256); // no warning: given what it asks for
  value = origin;
  set_field(&value, buffer, 256, 32);
  return buffer;
}

// -------- exempi: `new int(fd)` holds the descriptor, and the shared_ptr that takes the
// box closes it
typedef std::shared_ptr<int> FilePtr;
static void close_file(int *h) {
  if (h) {
    ::close(*h);
    delete h;
  }
}
FilePtr get_resource(const char *path) {
  FilePtr file;
  int ref = ::open(path, O_RDONLY);
  if (ref != -1)
    file.reset(new int(ref), close_file); // no warning: the box holds it
  return file;
}

// -------- capnproto (kj) and onetbb: a library array that keeps a byte buffer (not text,
// which library constructors copy) and the address of the disposer it is given by
// reference; an address kept as a number and moved within its block
#include "sys/kjarray.h"
class MmapDisposer : public kjlike::ArrayDisposer {
public:
  void disposeImpl(void *first, std::size_t count) const override { munmap(first, count); }
};
static const MmapDisposer mmap_disposer;
kjlike::Array<const kjlike::byte> map_file(int fd, std::size_t size) {
  const void *mapping = mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  if (mapping == MAP_FAILED)
    throw std::runtime_error("mmap");
  return kjlike::Array<const kjlike::byte>(
      static_cast<const kjlike::byte *>(mapping), size, mmap_disposer); // no warning
}
class SelfDisposer final : public kjlike::ArrayDisposer {
public:
  void disposeImpl(void *, std::size_t) const override { delete this; }
};
kjlike::Array<const kjlike::byte> view(const kjlike::byte *bytes, std::size_t n) {
  kjlike::ArrayDisposer *disposer = new SelfDisposer;
  return kjlike::Array<const kjlike::byte>(bytes, n, *disposer); // no warning: kept by address
}
struct Coroutine {
  void *stack;
  std::size_t size;
};
void create_coroutine(Coroutine &c, std::size_t size) {
  std::uintptr_t stack_ptr = (std::uintptr_t)mmap(nullptr, size + 8192, PROT_NONE,
                                                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  mprotect((void *)(stack_ptr + 4096), size, PROT_READ | PROT_WRITE);
  c.stack = (void *)(stack_ptr + 4096); // no warning: c keeps the stack
  c.size = size;
}

// -------- kyotocabinet: the difference of two addresses is a count: a length delivered
// through `*sp` (`*sp = wp - zbuf`) does not hold the buffer
inline char *hex_decode(const char *str, size_t *sp) {
  char *zbuf = new char[std::strlen(str) + 1];
  char *wp = zbuf;
  while (*str)
    *(wp++) = *(str++);
  *wp = '\0';
  *sp = wp - zbuf;
  return zbuf;
}
static int list_keys(const char *k, size_t n) { return k && n > 3 ? 1 : 0; }
int run_list(const char *kstr) {
  size_t ksiz = 0;
  char *kbuf = hex_decode(kstr, &ksiz);
  int rv = list_keys(kbuf, ksiz);
  delete[] kbuf;
  return rv; // no warning: 'ksiz' is a length
}

// -------- still reported: an object given by reference to a function, not linked into a
// container of its class
void inspect_item(CacheItem &item);
void inspect_new(int key) {
  auto *item = new CacheItem(key);
  inspect_item(*item);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'new' is leaked when 'item' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:16: note: memory is allocated here

// -------- pdns-recursor's rec_channel_rec.cc (real code): a range-for walks a
// tree whose iterator throws when it is dereferenced past the end; the loop
// dereferences it only before the end, so the walk is no way out of the
// function.
struct TreeNode {
  int key, value;
  TreeNode *next;
};
class NetTree {
public:
  struct Iterator {
    TreeNode *d_node;
    TreeNode &operator*() {
      if (d_node == nullptr)
        throw std::logic_error("NetTree::Iterator::operator*: iterator is invalid");
      return *d_node;
    }
    Iterator &operator++() {
      d_node = d_node->next;
      return *this;
    }
    bool operator!=(const Iterator &o) const { return d_node != o.d_node; }
  };
  Iterator begin();
  Iterator end();
};
using TreeStats = std::map<int, int>;
std::unique_ptr<NetTree> t_netTree;
TreeStats *pleaseGetTreeStats() {
  auto ret = new TreeStats;
  if (t_netTree)
    for (const auto &node : *t_netTree)
      (*ret)[node.key] = node.value;
  return ret;
}

// Still reported: an iterator dereferenced by hand may be the end.
TreeStats *firstTreeStat() {
  auto ret = new TreeStats;
  NetTree::Iterator it = t_netTree->begin();
  (*ret)[(*it).key] = 1;
// CHECK-MESSAGES: :[[@LINE-1]]:11: warning: memory allocated by 'new' is leaked if 'operator*' throws [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:14: note: memory is allocated here
  return ret;
}

// -------- abseil's cord_rep_flat.h (real code): raw memory from `::operator
// new`, an object built in it with placement new, and the object returned:
// placement new returns the address it is given, so the block goes back.
struct FlatRep {
  unsigned char tag;
};
FlatRep *newFlatRep(size_t size) {
  void *const raw_rep = ::operator new(size);
  FlatRep *rep = new (raw_rep) FlatRep();
  rep->tag = 1;
  return rep;
}

// Still reported: the object built in it is dropped.
unsigned char flatRepTag(size_t size) {
  void *const raw_rep = ::operator new(size);
  FlatRep *rep = new (raw_rep) FlatRep();
  return rep->tag;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'operator new' is leaked when 'raw_rep' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:25: note: memory is allocated here
}

// -------- protobuf's arenastring.h (real code): a string pointer kept with a
// tag in its low bits (`ptr_ = (void *)((uintptr_t)p | type)`): the member
// holds the string.
class TaggedString {
public:
  enum Type : uintptr_t { kDefault = 0, kAllocated = 1 };
  std::string *SetAllocated(std::string *p) { return TagAs(kAllocated, p); }

private:
  std::string *TagAs(Type type, std::string *p) {
    ptr_ = reinterpret_cast<void *>(reinterpret_cast<uintptr_t>(p) | type);
    return p;
  }
  void *ptr_;
};
TaggedString CreateTaggedString(const char *v, size_t n) {
  TaggedString res;
  res.SetAllocated(new std::string(v, n));
  return res;
}

// Still reported: a tagged number nobody keeps.
size_t TaggedLength(const char *v, size_t n) {
  std::string *s = new std::string(v, n);
  uintptr_t tagged = reinterpret_cast<uintptr_t>(s) | 1;
  return tagged ? s->size() : 0;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'new' is leaked when 's' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:20: note: memory is allocated here
}

// -------- assimp's PretransformVertices.cpp (real code): meshes made into a
// local vector, and a throw when the vector is empty: it is not empty once
// one was put into it, so no mesh is lost there.
struct OutMesh {
  unsigned faces;
};
struct OutScene {
  OutMesh **meshes;
  unsigned count;
};
unsigned countFaces(unsigned i);
void buildMeshes(OutScene *scene, unsigned n) {
  std::vector<OutMesh *> out;
  for (unsigned i = 0; i < n; ++i)
    if (unsigned faces = countFaces(i)) {
      out.push_back(new OutMesh());
      out.back()->faces = faces;
    }
  if (out.empty())
    throw std::runtime_error("No output meshes");
  scene->count = static_cast<unsigned>(out.size());
  scene->meshes = new OutMesh *[out.size()];
  for (unsigned a = 0; a < out.size(); ++a)
    scene->meshes[a] = out[a];
}

// Still reported: a throw the elements do not rule out.
void buildMeshesChecked(OutScene *scene, unsigned n, unsigned limit) {
  std::vector<OutMesh *> out;
  for (unsigned i = 0; i < n; ++i)
    out.push_back(new OutMesh());
  if (out.size() > limit)
    throw std::runtime_error("Too many meshes");
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'new' is leaked when the exception is thrown [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:19: note: memory is allocated here
  scene->count = static_cast<unsigned>(out.size());
  scene->meshes = new OutMesh *[out.size()];
  for (unsigned a = 0; a < out.size(); ++a)
    scene->meshes[a] = out[a];
}

// -------- libtorrent's copy_ptr (real code): a smart pointer of the
// project over std::unique_ptr<const T>; its reset(const T *) adopts the
// block as unique_ptr's reset does.
template <class T> struct copy_ptr {
  void reset(T *t = nullptr) { m_ptr.reset(t); }
  explicit operator bool() const { return m_ptr.get() != nullptr; }
private:
  std::unique_ptr<T> m_ptr;
};
struct file_storage {
  int files = 0;
};
struct torrent_info {
  file_storage m_files;
  copy_ptr<const file_storage> m_orig_files;
  void copy_on_write() {
    if (m_orig_files)
      return;
    m_orig_files.reset(new file_storage(m_files));
  }
};

// -------- thrift's TEvhttpServer (real code): the request context goes
// into the completion callback std::bind makes, which deletes it.
struct RequestContext {
  int req;
  explicit RequestContext(int r) : req(r) {}
};
struct AsyncProcessor {
  virtual ~AsyncProcessor() = default;
  virtual void process(std::function<void(bool)> cob, int in) = 0;
};
struct EvhttpServer {
  AsyncProcessor *processor_;
  void complete(RequestContext *ctx, bool ok) { delete ctx; }
  void process(int req) {
    auto *ctx = new RequestContext(req);
    return processor_->process(
        std::bind(&EvhttpServer::complete, this, ctx, std::placeholders::_1),
        req);
  }
};

// Still reported: a binder nobody takes.
void bindAndDrop(int req) {
  auto *ctx = new RequestContext(req);
  std::bind([](RequestContext *c) { delete c; }, ctx);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'new' is leaked when 'ctx' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:15: note: memory is allocated here

// -------- OpenEXR's chunk table reconstruction (real code): each part's
// offsets go into their own element of a local vector, by the loop's
// index, and are deleted after.
struct TileOffsets {
  int n;
};
TileOffsets *createTileOffsets(int part) { return new TileOffsets{part}; }
bool isTiled(int part);
void reconstructChunkOffsets(const std::vector<int> &parts) {
  std::vector<TileOffsets *> tileOffsets(parts.size());
  for (std::size_t i = 0; i < parts.size(); i++) {
    if (isTiled(parts[i]))
      tileOffsets[i] = createTileOffsets(parts[i]);
    else
      tileOffsets[i] = nullptr;
  }
  for (std::size_t i = 0; i < parts.size(); i++)
    delete tileOffsets[i];
}

// -------- libphonenumber's PhoneNumberUtil (real code): the lists built in
// a local map go, by a range insert, into a member vector of pairs behind
// a smart pointer, which the destructor deletes.
struct PhoneNumberUtil {
  std::unique_ptr<std::vector<std::pair<int, std::vector<int> *>>> codes_;
  void load(const std::vector<int> &regions) {
    std::map<int, std::vector<int> *> by_code;
    for (int r : regions)
      by_code.insert(std::make_pair(r / 100, new std::vector<int>(1, r)));
    codes_->insert(codes_->begin(), by_code.begin(), by_code.end());
  }
  // Still reported: the local map is all that holds them.
  void count(const std::vector<int> &regions) {
    std::map<int, std::vector<int> *> by_code;
    for (int r : regions)
      by_code.insert(std::make_pair(r / 100, new std::vector<int>(1, r)));
  }
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'new' is leaked when 'by_code' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-3]]:46: note: memory is allocated here
};

// -------- libvmime's messageSet (real code): a local set given a range
// is returned by name; the caller's set owns the range, which its
// destructor deletes (the copy constructor, when one runs, clones them).
struct MessageRange {
  virtual ~MessageRange() = default;
  virtual MessageRange *clone() const = 0;
};
struct NumberMessageRange : MessageRange {
  int first;
  explicit NumberMessageRange(int n) : first(n) {}
  MessageRange *clone() const override { return new NumberMessageRange(first); }
};
class MessageSet {
public:
  MessageSet() = default;
  MessageSet(const MessageSet &other) {
    for (const MessageRange *r : other.m_ranges)
      m_ranges.push_back(r->clone());
  }
  ~MessageSet() {
    for (std::size_t i = 0; i < m_ranges.size(); ++i)
      delete m_ranges[i];
  }
  static MessageSet byNumber(int number) {
    MessageSet set;
    set.m_ranges.push_back(new NumberMessageRange(number));
    return set;
  }

private:
  std::vector<MessageRange *> m_ranges;
};

// -------- nullmailer's protocol.cc (real code): an option line is parsed
// as a command line; the argument vector, cast back from `const char *`,
// goes to the parser, which keeps pointers into the strings it is given.
int cli_parse_args(int argc, char *argv[]);
extern const char *cli_argv0;
void parse_option(const char *line) {
  const char *arg = strdup(line);
  if (arg == nullptr)
    std::exit(1);
  const char *args[3] = {cli_argv0, arg, nullptr};
  if (cli_parse_args(2, (char **)args) != 2)
    std::exit(1);
}

// -------- the C library's C++ overloads: glibc's <string.h> declares, in
// C++, `extern "C++" char *strchr(char *, int)` beside the C function; it
// reads its argument as the C one does (the bundled example's loadConfig).
int parseLine(int limit) {
  char *line = new char[256];
  if (!std::strchr(line, '='))
    return -1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'new[]' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:16: note: memory is allocated here
  delete[] line;
  return limit;
}

// -------- a member declared `const` keeps its value across calls: set by the
// constructor, no method can change it (poppler's Gfx::go, `const bool
// profileCommands`: a timer made and deleted under two tests of it, with a
// method of the object called between them).
struct ProfileTimer {
  double elapsed() const;
};
struct Operator {
  int code;
};
class Renderer {
public:
  explicit Renderer(bool Profile) : Profile(Profile), Tracing(Profile) {}
  void go(Operator *Ops, int N);
  void trace(Operator *Ops, int N);
  void setTracing(bool On) { Tracing = On; }

private:
  void execOp(Operator *Op); // in another file: may call setTracing
  const bool Profile;
  bool Tracing;
  bool Aborted = false;
  int Level = 0;
};
void Renderer::go(Operator *Ops, int N) {
  for (int I = 0; I < N; ++I) {
    ProfileTimer *Timer = nullptr;
    if (Profile)
      Timer = new ProfileTimer();
    execOp(&Ops[I]);
    if (Profile) {
      Timer->elapsed();
      delete Timer;
    }
    if (++Level >= 20000)
      Level = 0;
    if (Aborted) {
      Aborted = false;
      break;
    }
  }
}
// poppler's FoFiTrueType::cvtSfnts: a loop over the font's tables allocates
// on the turn of one table (i == 10); on another turn (i == 6) a loop over
// the glyphs runs long enough to forget everything, which lost what the
// outer loop knew of `i`: the allocation's turn came round again.
struct SfntGlyph {
  int len;
};
inline bool addOverflows(int x, int y, int *z) {
  return __builtin_add_overflow(x, y, z);
}
struct Sfnt {
  int nGlyphs, longOffsets;
  int seekTable(int tag) const;
  void build(bool vertical) const;
  void buildTwice(bool vertical) const;
};
void Sfnt::build(bool vertical) const {
  SfntGlyph *glyphs = (SfntGlyph *)malloc((nGlyphs + 1) * sizeof(SfntGlyph));
  int length, pos = 0, i, j;
  unsigned char *vmtx = nullptr;
  for (i = 0; i <= nGlyphs; ++i) {
    int next;
    if (addOverflows(pos, glyphs[i].len, &next) && (pos & 3))
      pos = 0;
  }
  unsigned char *loca = (unsigned char *)malloc(nGlyphs + 1);
  for (i = 0; i <= nGlyphs; ++i)
    if (longOffsets)
      loca[i] = (unsigned char)pos;
  for (i = 0; i < 11; ++i) {
    if (i == 3) {
    } else if (i == 6) {
      length = nGlyphs + 1;
      for (j = 0; j < nGlyphs; ++j) {
      }
    } else if ((j = seekTable(i)) >= 0) {
    } else if (vertical && i == 10) {
      vmtx = (unsigned char *)malloc(length);
      length = 0;
    }
    int next;
    if (length >= 0 && addOverflows(pos, length, &next) && (pos & 3))
      pos = 0;
  }
  free(loca);
  free(glyphs);
  free(vmtx);
}

// Still reported: the allocation's test holds on two turns.
void Sfnt::buildTwice(bool vertical) const {
  unsigned char *vmtx = nullptr;
  int length = 0, i, j;
  for (i = 0; i < 11; ++i) {
    if (i == 6) {
      for (j = 0; j < nGlyphs; ++j) {
      }
    } else if (vertical && i >= 9) {
      vmtx = (unsigned char *)malloc(length);
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'vmtx' is overwritten while it still owns memory allocated by 'malloc' [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-2]]:31: note: memory is allocated here
    }
  }
  free(vmtx);
}

// Still reported: a member the call may change.
void Renderer::trace(Operator *Ops, int N) {
  for (int I = 0; I < N; ++I) {
    ProfileTimer *Timer = nullptr;
    if (Tracing)
      Timer = new ProfileTimer();
    execOp(&Ops[I]);
    if (Tracing) {
      Timer->elapsed();
      delete Timer;
    }
    if (++Level >= 20000)
      Level = 0;
    if (Aborted) {
      Aborted = false;
      break;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: memory allocated by 'new' is leaked when 'Timer' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-12]]:15: note: memory is allocated here
    }
  }
}
