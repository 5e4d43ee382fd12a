// RUN: %check_leaklint %s leaklint-unjoined-thread %t -- -std=c++17
// Thread members and containers of threads that a destructor forgets.
#include <algorithm>
#include <array>
#include <functional>
#include <future>
#include <map>
#include <thread>
#include <vector>

void work();
void process(int);

// A background logger whose destructor forgets its thread.
class Logger {
public:
  Logger() : worker_([this] { run(); }) {}
  ~Logger() { flush(); }
  void stop() {
    if (worker_.joinable())
      worker_.join();
  }

private:
  void run();
  void flush() {}
  std::thread worker_;
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread member 'worker_' is started but the destructor of 'Logger' does not join or detach it; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-12]]:14: note: 'worker_' is started here
// CHECK-MESSAGES: :[[@LINE-12]]:3: note: destructor of 'Logger' is here
// CHECK-MESSAGES: :[[@LINE-12]]:8: note: 'stop' joins or detaches 'worker_', but the destructor does not call it
};

// Started later, and no destructor at all.
class Lazy {
public:
  void start() { t_ = std::thread(work); }

private:
  std::thread t_;
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread member 't_' is started but the implicit destructor of 'Lazy' does not join or detach it; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-5]]:21: note: 't_' is started here
};

// A worker pool whose destructor does not drain its threads.
class Pool {
public:
  explicit Pool(int n) {
    for (int i = 0; i < n; ++i)
      workers_.emplace_back(process, i);
  }
  ~Pool() { workers_.clear(); }

private:
  std::vector<std::thread> workers_;
// CHECK-MESSAGES: :[[@LINE-1]]:28: warning: threads in 'workers_' are started but the destructor of 'Pool' does not join or detach them; destroying a joinable std::thread calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-7]]:16: note: a thread is added to 'workers_' here
// CHECK-MESSAGES: :[[@LINE-6]]:3: note: destructor of 'Pool' is here
};

class Registry {
public:
  void add(int id) { threads_.emplace(id, std::thread(process, id)); }

private:
  std::map<int, std::thread> threads_;
// CHECK-MESSAGES: :[[@LINE-1]]:30: warning: threads in 'threads_' are started but the implicit destructor of 'Registry' does not join or detach them; destroying a joinable std::thread calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-5]]:31: note: a thread is added to 'threads_' here
};

// no warning: the destructor calls a member function that joins.
class Server {
public:
  Server() : acceptor_(&Server::loop, this) {}
  ~Server() { shutdown(); }
  void shutdown() {
    if (acceptor_.joinable())
      acceptor_.join();
  }

private:
  void loop();
  std::thread acceptor_;
};

// no warning: the pool's destructor joins every element.
class GoodPool {
public:
  explicit GoodPool(int n) {
    for (int i = 0; i < n; ++i)
      workers_.emplace_back(process, i);
  }
  ~GoodPool() {
    for (std::thread &t : workers_)
      if (t.joinable())
        t.join();
  }

private:
  std::vector<std::thread> workers_;
};

// no warning: std::for_each with std::mem_fn joins them.
class ForEachPool {
public:
  void add() { workers_.push_back(std::thread(work)); }
  ~ForEachPool() {
    std::for_each(workers_.begin(), workers_.end(), std::mem_fn(&std::thread::join));
  }

private:
  std::vector<std::thread> workers_;
};

// no warning: a map drained through structured bindings.
class GoodRegistry {
public:
  void add(int id) { threads_.emplace(id, std::thread(process, id)); }
  ~GoodRegistry() {
    for (auto &[id, t] : threads_)
      t.join();
  }

private:
  std::map<int, std::thread> threads_;
};

// no warning: detached right where it is started.
class FireAndForget {
public:
  FireAndForget() : t_(work) { t_.detach(); }

private:
  std::thread t_;
};

// no warning: never started (only default-constructed).
class Idle {
  std::thread t_;
};

// no warning: an indexed loop over a fixed array.
class Quad {
public:
  Quad() {
    for (int i = 0; i < 4; ++i)
      ts_[i] = std::thread(process, i);
  }
  ~Quad() {
    for (int i = 0; i < 4; ++i)
      ts_[i].join();
  }

private:
  std::array<std::thread, 4> ts_;
};

// Local containers.
void local_pool(int n) {
  std::vector<std::thread> threads;
// CHECK-MESSAGES: :[[@LINE-1]]:28: warning: threads added to 'threads' are never joined or detached before it is destroyed; destroying a joinable std::thread calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE+2]]:13: note: a thread is added to 'threads' here
  for (int i = 0; i < n; ++i)
    threads.emplace_back(process, i);
}

void cleared_before_join(int n) {
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back(process, i);
  threads.clear();
// CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'threads' is cleared while its threads may still be joinable; destroying a joinable std::thread calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: a thread is added to 'threads' here
}

void local_array() {
  std::thread ts[2];
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: threads added to 'ts' are never joined or detached before it is destroyed; destroying a joinable std::thread calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE+2]]:7: note: a thread is added to 'ts' here
  for (auto &t : ts)
    t = std::thread(work);
}

// no warning: joined before the vector goes away.
void local_pool_joined(int n) {
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back(process, i);
  for (auto &t : threads)
    t.join();
  threads.clear();
}

// no warning: handed to the caller.
std::vector<std::thread> spawn(int n) {
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back(process, i);
  return threads;
}

// no warning: joined by a helper that takes it by reference.
void join_all(std::vector<std::thread> &threads);
void local_pool_helper(int n) {
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back(process, i);
  join_all(threads);
}

// no warning: the destructor calls a member function defined in another
// translation unit, which may join.
class Remote {
public:
  Remote() : t_(work) {}
  ~Remote() { close(); }
  void close();

private:
  std::thread t_;
};

// no warning: the destructor hands `this` to a function that may join.
class Handed;
void shutdown_all(Handed *h);
class Handed {
public:
  Handed() : t_(work) {}
  ~Handed() { shutdown_all(this); }
  std::thread t_;
};


// Drained, but not on every path.
void drained_on_happy_path(int n, bool fail) {
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back(process, i);
  if (fail)
    return;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: threads in 'threads' are still joinable when it goes out of scope on this path; destroying a joinable std::thread calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-4]]:13: note: a thread is added to 'threads' here
// CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming 'fail' is true
  for (auto &t : threads)
    t.join();
}

// no warning: drained on both paths, by loops of different shapes.
void drained_everywhere(int n, bool fail) {
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back(process, i);
  if (fail) {
    for (auto it = threads.begin(); it != threads.end(); ++it)
      it->detach();
    return;
  }
  while (!threads.empty()) {
    threads.back().join();
    threads.pop_back();
  }
}

class Defaulted {
public:
  Defaulted() : t_(work) {}
  ~Defaulted() = default;

private:
  std::thread t_;
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread member 't_' is started but the defaulted destructor of 'Defaulted' does not join or detach it; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-6]]:17: note: 't_' is started here
};


// A start/stop protocol kept by the owner: ~Crew() stops every worker, so
// no Worker is destroyed running.
class Worker {
public:
  void start() { t_ = std::thread(&Worker::run, this); }
  void stop() {
    if (t_.joinable())
      t_.join();
  }

private:
  void run() {}
  std::thread t_; // no warning: ~Crew() calls stop() on each worker
};

class Crew {
public:
  explicit Crew(unsigned n) : workers_(n) {
    for (auto &w : workers_)
      w.start();
  }
  ~Crew() {
    for (auto &w : workers_)
      w.stop();
  }

private:
  std::vector<Worker> workers_;
};

// The same protocol, kept by the function that owns the object: no
// warning (Strictness 'strict' wants a destructor to keep it, see
// unjoined-thread-strict.cpp; unjoined-thread-lifetime.cpp has a stop()
// that nothing calls).
class Poller {
public:
  void start() { t_ = std::thread(&Poller::poll, this); }
  void stop() { t_.join(); }

private:
  void poll() {}
  std::thread t_;
};
void poll_once() {
  Poller p;
  p.start();
  p.stop();
}

// Threads made in the constructor are default-constructed (not running):
// the start the note names is the assignment in launch().
class Slots {
public:
  explicit Slots(int n) : slots_(std::vector<std::thread>(n)) {}
  void launch() {
    for (auto &s : slots_)
      s = std::thread(work);
  }
  void shutdown() {
    for (auto &s : slots_)
      s.join();
  }

private:
  std::vector<std::thread> slots_;
// CHECK-MESSAGES: :[[@LINE-1]]:28: warning: threads in 'slots_' are started but the implicit destructor of 'Slots' does not join or detach them; destroying a joinable std::thread calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-10]]:9: note: a thread is added to 'slots_' here
// CHECK-MESSAGES: :[[@LINE-9]]:8: note: 'shutdown' joins or detaches 'slots_', but the destructor does not call it
};
// The TU starts one and never shuts it down.
void run_slots() {
  Slots s(2);
  s.launch();
}

// A class that leaves its start/stop protocol to its users, both public,
// and that no code of this TU starts: its users are in other translation
// units (libcamera's Thread: start(), exit() and wait()). Silent;
// Strictness 'strict' reports it (unjoined-thread-strict.cpp).
class EventThread {
public:
  void start() { thread_ = std::thread(&EventThread::loop, this); }
  void wait() {
    if (thread_.joinable())
      thread_.join();
  }

private:
  void loop() {}
  std::thread thread_;
};

// no warning: the destructor does not join the thread itself: it waits for a completion that the close
// handler signals only after it has joined the thread (cpprest's websocket client: the
// destructor calls close().wait(); the handler the client registered joins m_thread, then sets
// the event).
// Real code: cpprest Release/src/websockets/client/ws_client_wspp.cpp:762.
// v2: "thread member 'm_thread' is started but the destructor ... does not join or detach it".
extern void register_close_handler(std::function<void()> h);  // the transport calls it on close
extern void request_close();
class Client {
public:
  void connect() {
    register_close_handler([this] { on_closed(); });
    m_thread = std::thread([this] { run(); });
  }
  ~Client() { close().wait(); }
private:
  void run() {}
  std::shared_future<void> close() {
    request_close();
    return m_done;
  }
  void on_closed() {
    if (m_thread.joinable()) m_thread.join();
    m_closed.set_value();
  }
  std::promise<void> m_closed;
  std::shared_future<void> m_done = m_closed.get_future().share();
  std::thread m_thread;
};

// A class that joins its thread when destroyed, so that an object may hold it
// running, and whose defaulted move assignment moves over it (josuttis/jthread
// before its PR #35).
class ScopedThread {
public:
  template <typename F> explicit ScopedThread(F f) : t_(std::move(f)) {}
  ScopedThread(ScopedThread &&) noexcept = default;
  ScopedThread &operator=(ScopedThread &&) noexcept = default;
// CHECK-MESSAGES: :[[@LINE-1]]:17: warning: the defaulted move assignment of 'ScopedThread' moves over thread member 't_' while it may still run; a joinable std::thread's move assignment calls std::terminate [leaklint-unjoined-thread]
  ~ScopedThread() { stop(); }
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: the destructor of 'ScopedThread' joins or detaches 't_': an object may hold it running
  void stop() {
    if (t_.joinable())
      t_.join();
  }

private:
  std::thread t_;
};

// The same with a container, the assignment defaulted out of line.
class Workers {
public:
  Workers &operator=(Workers &&) noexcept;
  ~Workers() {
    for (std::thread &t : threads_)
      t.join();
  }
  void add() { threads_.emplace_back(work); }

private:
  std::vector<std::thread> threads_;
};
Workers &Workers::operator=(Workers &&) noexcept = default;
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: the defaulted move assignment of 'Workers' moves over the threads in 'threads_' while they may still run; destroying a joinable std::thread calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-11]]:3: note: the destructor of 'Workers' joins or detaches 'threads_': an object may hold them running

// The move assignment written out, assigning the member before anything
// joins it.
class Mover {
public:
  Mover &operator=(Mover &&o) noexcept {
    t_ = std::move(o.t_);
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: the move assignment of 'Mover' moves over thread member 't_' while it may still run; a joinable std::thread's move assignment calls std::terminate [leaklint-unjoined-thread]
    return *this;
  }
  ~Mover() {
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: the destructor of 'Mover' joins or detaches 't_': an object may hold it running
    if (t_.joinable())
      t_.join();
  }
  void start() { t_ = std::thread(work); }

private:
  std::thread t_;
};

// no warning: the move assignment stops the object first (a member function
// that joins), or swaps the threads (the moved-from object joins the old one).
class Stopper {
public:
  Stopper &operator=(Stopper &&o) noexcept {
    stop();
    t_ = std::move(o.t_);
    return *this;
  }
  ~Stopper() { stop(); }
  void stop() {
    if (t_.joinable())
      t_.join();
  }

private:
  std::thread t_;
};
class Swapper {
public:
  Swapper &operator=(Swapper &&o) noexcept {
    t_.swap(o.t_);
    return *this;
  }
  ~Swapper() {
    if (t_.joinable())
      t_.join();
  }

private:
  std::thread t_;
};

// no warning: the move assignment joins first (josuttis/jthread after its fix).
class JoiningThread {
public:
  JoiningThread &operator=(JoiningThread &&o) noexcept {
    if (t_.joinable())
      t_.join();
    t_ = std::move(o.t_);
    return *this;
  }
  ~JoiningThread() {
    if (t_.joinable())
      t_.join();
  }
  void start() { t_ = std::thread(work); }

private:
  std::thread t_;
};

// no warning: no move assignment (a destructor suppresses the implicit one),
// or a deleted one.
class Unmovable {
public:
  Unmovable() : t_(work) {}
  Unmovable &operator=(Unmovable &&) = delete;
  ~Unmovable() { t_.join(); }

private:
  std::thread t_;
};
class NoAssign {
public:
  NoAssign() : t_(work) {}
  ~NoAssign() { t_.join(); }

private:
  std::thread t_;
};

// pdns-recursor's RecThreadInfo (real code): a static method starts the
// thread of every object of a registry and then joins them all; nothing
// else starts one. The threads end before that method returns.
class RecThread {
public:
  static int runThreads();

private:
  void start() { thread_ = std::thread(work); }
  static std::vector<RecThread> s_infos;
  std::thread thread_;
  int exitCode_{0};
};
std::vector<RecThread> RecThread::s_infos;
int RecThread::runThreads() {
  for (auto &info : s_infos)
    info.start();
  int ret = 0;
  for (auto &ti : s_infos) {
    ti.thread_.join();
    ret |= ti.exitCode_;
  }
  return ret;
}
