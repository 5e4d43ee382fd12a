// RUN: %check_leaklint %s leaklint-lambda-capture %t -- -std=c++17 -isystem %S/Inputs
//
// One-shot executors: a handler given to an I/O context, a strand or a thread
// pool runs once and is destroyed; a completion handler reset when its
// request completes. They keep their copies only until they run. Their
// classes' bodies decide; for bodiless library APIs, the names in
// OneShotFunctions do.
#include <boost/asio.hpp>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <queue>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using Callback = std::function<void()>;

struct Frame {
  std::vector<char> pixels;
  std::string name;
};
void consume(const Frame &);

// ---- executors whose bodies the translation unit has ----

// A pool that moves each task out of its queue, pops it, then runs it.
class Pool {
public:
  explicit Pool(unsigned n) {
    for (unsigned i = 0; i < n; ++i)
      workers_.emplace_back([this] { loop(); });
  }
  ~Pool() {
    {
      std::lock_guard<std::mutex> l(m_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto &w : workers_)
      w.join();
  }
  void submit(Callback task) {
    {
      std::lock_guard<std::mutex> l(m_);
      tasks_.push(std::move(task));
    }
    cv_.notify_one();
  }
  template <class F> void enqueue(F &&f) {
    std::lock_guard<std::mutex> l(m_);
    tasks_.emplace(std::forward<F>(f));
  }

private:
  void loop() {
    for (;;) {
      Callback job;
      {
        std::unique_lock<std::mutex> l(m_);
        cv_.wait(l, [this] { return stop_ || !tasks_.empty(); });
        if (stop_ && tasks_.empty())
          return;
        job = std::move(tasks_.front());
        tasks_.pop();
      }
      job();
    }
  }
  std::vector<std::thread> workers_;
  std::queue<Callback> tasks_;
  std::mutex m_;
  std::condition_variable cv_;
  bool stop_ = false;
};

// A strand-like serial executor drained by a worker lambda written in the
// constructor.
class Serial {
public:
  Serial()
      : worker_([this] {
          for (;;) {
            std::unique_lock<std::mutex> l(m_);
            if (q_.empty())
              return;
            auto task = std::move(q_.front());
            q_.pop_front();
            l.unlock();
            task();
          }
        }) {}
  ~Serial() { worker_.join(); }
  void post(Callback cb) {
    std::lock_guard<std::mutex> l(m_);
    q_.push_back(std::move(cb));
  }

private:
  std::deque<Callback> q_;
  std::mutex m_;
  std::thread worker_;
};

// A timer queue: the due timer is copied out, popped, then run.
class Timers {
public:
  void after(int ms, Callback cb) { timers_.push(Timer{ms, std::move(cb)}); }
  void runDue(int now) {
    while (!timers_.empty() && timers_.top().when <= now) {
      Timer t = timers_.top();
      timers_.pop();
      t.fn();
    }
  }

private:
  struct Timer {
    int when;
    Callback fn;
    bool operator<(const Timer &o) const { return when > o.when; }
  };
  std::priority_queue<Timer> timers_;
};

// A request whose completion handler is reset when it completes.
class Request {
public:
  void onDone(Callback cb) { done_ = std::move(cb); }
  void complete() {
    if (done_)
      done_();
    done_ = nullptr;
  }

private:
  Callback done_;
};

// A reply whose handler is moved out before it runs.
class Reply {
public:
  void then(Callback cb) { next_ = std::move(cb); }
  void resolve() {
    auto next = std::move(next_);
    if (next)
      next();
  }

private:
  Callback next_;
};

// Waiters run once, then cleared; swapped out before they run.
class Latch {
public:
  void whenOpen(Callback cb) { waiters_.push_back(std::move(cb)); }
  void open() {
    for (auto &w : waiters_)
      w();
    waiters_.clear();
  }

private:
  std::vector<Callback> waiters_;
};

class Barrier {
public:
  void whenDone(Callback cb) { pending_.push_back(std::move(cb)); }
  void finish() {
    std::vector<Callback> run;
    run.swap(pending_);
    for (auto &r : run)
      r();
  }

private:
  std::vector<Callback> pending_;
};

// A queue of a class template, consumed through an out-parameter.
template <class T> class BlockingQueue {
public:
  void push(T v) {
    std::lock_guard<std::mutex> l(m_);
    q_.push_back(std::move(v));
  }
  bool pop(T &out) {
    std::lock_guard<std::mutex> l(m_);
    if (q_.empty())
      return false;
    out = std::move(q_.front());
    q_.pop_front();
    return true;
  }

private:
  std::deque<T> q_;
  std::mutex m_;
};

// ---- stores that keep what they run ----

// A signal runs its slots and keeps them.
class Signal {
public:
  void connect(Callback cb) { slots_.push_back(std::move(cb)); }
  void emit() {
    for (auto &s : slots_)
      s();
  }

private:
  std::vector<Callback> slots_;
};

// A periodic task is put back after it runs.
class Ticker {
public:
  void every(Callback cb) { q_.push_back(std::move(cb)); }
  void tick() {
    auto t = std::move(q_.front());
    q_.pop_front();
    t();
    q_.push_back(std::move(t));
  }

private:
  std::deque<Callback> q_;
};

// Expired slots are erased; the others run and stay.
class Slots {
public:
  void add(Callback cb) { slots_.push_back({false, std::move(cb)}); }
  void fire() {
    for (auto it = slots_.begin(); it != slots_.end();) {
      if (it->dead) {
        it = slots_.erase(it);
      } else {
        it->fn();
        ++it;
      }
    }
  }

private:
  struct Slot {
    bool dead;
    Callback fn;
  };
  std::vector<Slot> slots_;
};

// A handler run on every event: never reset.
class Watcher {
public:
  void onChange(Callback cb) { changed_ = std::move(cb); }
  void poll() {
    if (changed_)
      changed_();
  }

private:
  Callback changed_;
};

class App {
public:
  void run(Frame frame) {
    // No warning: each of these runs the handler once and drops it.
    io_.post([frame] { consume(frame); });
    io_.dispatch([frame] { consume(frame); });
    strand_.post([frame] { consume(frame); });
    boost::asio::post(io_, [frame] { consume(frame); });
    boost::asio::dispatch(strand_, [frame] { consume(frame); });
    boost::asio::defer(io_, [frame] { consume(frame); });
    pool_.submit([frame] { consume(frame); });
    pool_.enqueue([frame] { consume(frame); });
    serial_.post([frame] { consume(frame); });
    timers_.after(30, [frame] { consume(frame); });
    request_.onDone([frame] { consume(frame); });
    reply_.then([frame] { consume(frame); });
    latch_.whenOpen([frame] { consume(frame); });
    barrier_.whenDone([frame] { consume(frame); });
    jobs_.push([frame] { consume(frame); });
  }

  void wire(Frame frame) {
    signal_.connect([frame] { consume(frame); });
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: lambda stored in data member 'slots_' keeps a copy of 'frame' (type 'Frame', 56 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-2]]:13: note: the lambda is passed to 'Signal::connect' here
    // CHECK-MESSAGES: :[[@LINE-86]]:38: note: the lambda is stored in data member 'slots_' here
    ticker_.every([frame] { consume(frame); });
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: lambda stored in data member 'q_' keeps a copy of 'frame' (type 'Frame', 56 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-2]]:13: note: the lambda is passed to 'Ticker::every' here
    // CHECK-MESSAGES: :[[@LINE-77]]:32: note: the lambda is stored in data member 'q_' here
    slots_.add([frame] { consume(frame); });
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: lambda stored in data member 'slots_' keeps a copy of 'frame' (type 'Frame', 56 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: the lambda is passed to 'Slots::add' here
    // CHECK-MESSAGES: :[[@LINE-66]]:34: note: the lambda is stored in data member 'slots_' here
    watcher_.onChange([frame] { consume(frame); });
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: lambda stored in data member 'changed_' keeps a copy of 'frame' (type 'Frame', 56 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-2]]:14: note: the lambda is passed to 'Watcher::onChange' here
    // CHECK-MESSAGES: :[[@LINE-47]]:32: note: the lambda is stored in data member 'changed_' here
  }

private:
  boost::asio::io_context io_;
  boost::asio::strand<boost::asio::io_context> strand_{io_};
  Pool pool_{2};
  Serial serial_;
  Timers timers_;
  Request request_;
  Reply reply_;
  Latch latch_;
  Barrier barrier_;
  BlockingQueue<Callback> jobs_;
  Signal signal_;
  Ticker ticker_;
  Slots slots_;
  Watcher watcher_;
};

// ---- a message made here and sent to a worker thread ----

// pdns-recursor's distributeAsyncFunction (real code): the callable goes
// into a message object this function allocates, and the pointer is
// written to the worker's pipe; the worker runs it once and deletes the
// message. The object is kept only as long as what gets the pointer keeps
// it.
struct ThreadMsg {
  std::function<void *()> func;
  bool wantAnswer;
};
void *processQuery(const std::string &);
extern "C" long write(int, const void *, unsigned long);
int workerPipe;
void distributeQuery(const std::string &data) {
  std::string localdata = data;
  ThreadMsg *tmsg = new ThreadMsg();
  tmsg->func = [localdata]() mutable { return processQuery(localdata); };
  tmsg->wantAnswer = false;
  if (write(workerPipe, &tmsg, sizeof(tmsg)) != sizeof(tmsg))
    delete tmsg;
}

// Still reported: the message object belongs to a long-lived owner.
struct Dispatcher {
  ThreadMsg *pending;
  void queue(const std::string &data) {
    std::string localdata = data;
    pending->func = [localdata]() mutable { return processQuery(localdata); };
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: lambda stored in data member 'func' keeps a copy of 'localdata' (type 'std::string', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  }
};
// Still reported: the message is kept by a global list of pointers.
std::vector<ThreadMsg *> g_pendingMsgs;
void holdQuery(const std::string &data) {
  std::string localdata = data;
  ThreadMsg *tmsg = new ThreadMsg();
  tmsg->func = [localdata]() mutable { return processQuery(localdata); };
// CHECK-MESSAGES: :[[@LINE-1]]:17: warning: lambda stored in global 'g_pendingMsgs' keeps a copy of 'localdata' (type 'std::string', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  g_pendingMsgs.push_back(tmsg);
}

// A startup queue (dnsdist's g_launchWork, real code): a global only this
// file names, filled while the configuration is read, then copied out and
// emptied; the caller runs each task once.
static std::optional<std::vector<Callback>> g_launchWork;
void onListener(std::vector<int> cpus) {
  if (g_launchWork)
    g_launchWork->push_back([cpus] { (void)cpus.size(); });
}
std::vector<Callback> readConfig() {
  g_launchWork = std::vector<Callback>();
  auto ret = *g_launchWork;
  g_launchWork = std::nullopt;
  return ret;
}

// Still reported: a global registry whose callbacks run and stay.
static std::vector<Callback> g_onReload;
void watchReload(std::vector<int> cpus) {
  g_onReload.push_back([cpus] { (void)cpus.size(); });
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: lambda stored in global 'g_onReload' keeps a copy of 'cpus' (type 'std::vector<int>', 24 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
}
void reload() {
  for (auto &f : g_onReload)
    f();
}

// Still reported: a global other files may read.
std::optional<std::vector<Callback>> g_sharedWork;
void onShared(std::vector<int> cpus) {
  g_sharedWork->push_back([cpus] { (void)cpus.size(); });
// CHECK-MESSAGES: :[[@LINE-1]]:28: warning: lambda stored in global 'g_sharedWork' keeps a copy of 'cpus' (type 'std::vector<int>', 24 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
}
void runShared() {
  auto ret = *g_sharedWork;
  g_sharedWork = std::nullopt;
  for (auto &f : ret)
    f();
}
