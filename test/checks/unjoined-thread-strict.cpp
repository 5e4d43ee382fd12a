// RUN: %check_leaklint --config="{CheckOptions: {leaklint-unjoined-thread.Strictness: strict}}" %s leaklint-unjoined-thread %t -- -std=c++17
// Strictness 'strict' also reports thread members whose lifetime only
// probably ends joined: stopped by a function that owns the object rather
// than by a destructor, joined under a condition nothing shows to hold
// whenever the thread runs, or kept by a singleton whose class others may
// also make.
#include <functional>
#include <future>
#include <memory>
#include <thread>
#include <vector>

void work();
bool shuttingDown();

class Poller {
public:
  void start() { t_ = std::thread(work); }
  void stop() { t_.join(); }

private:
  std::thread t_;
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread member 't_' is started but the implicit destructor of 'Poller' does not join or detach it; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-6]]:21: note: 't_' is started here
// CHECK-MESSAGES: :[[@LINE-6]]:8: note: 'stop' joins or detaches 't_', but the destructor does not call it
};
void pollOnce() {
  Poller p;
  p.start();
  p.stop();
}

// No warning: a destructor stops it, through the base class.
class Service {
public:
  virtual ~Service() = default;
  virtual void shutdown() = 0;
};
class Indexer : public Service {
public:
  void start() { t_ = std::thread(work); }
  void shutdown() override { t_.join(); }

private:
  std::thread t_;
};
class Framework {
public:
  ~Framework() {
    for (auto &s : services_)
      s->shutdown();
  }

private:
  std::vector<std::unique_ptr<Service>> services_;
};

class Opaque {
public:
  void start() { t_ = std::thread(work); }
  ~Opaque() {
    if (!shuttingDown())
      t_.join();
  }

private:
  std::thread t_;
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread member 't_' is joined by the destructor of 'Opaque' only if 'shuttingDown()' is false; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-7]]:10: note: 't_' is joined only if this is false
// CHECK-MESSAGES: :[[@LINE-8]]:10: note: nothing shows that this holds whenever 't_' runs (reported because 'Strictness' is 'strict')
};

// No warning: the flag is set where the thread starts and cleared where it
// is joined.
class Synced {
public:
  void start() {
    running_ = true;
    t_ = std::thread(work);
  }
  void stop() {
    if (!running_)
      return;
    running_ = false;
    t_.join();
  }
  ~Synced() { stop(); }

private:
  bool running_ = false;
  std::thread t_;
};

// No warning: only the class can make one, and it never deletes it.
class Logger {
public:
  static Logger &instance() {
    static Logger *l = new Logger;
    return *l;
  }

private:
  Logger() : t_(work) {}
  std::thread t_;
};

// Another translation unit may make (and destroy) one of these.
class Metrics {
public:
  static Metrics &get() {
    static Metrics &m = *new Metrics;
    return m;
  }
  Metrics() : t_(work) {}

private:
  std::thread t_;
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread member 't_' is started but the implicit destructor of 'Metrics' does not join or detach it; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-5]]:15: note: 't_' is started here
};

// Strict: the destructor does not join the thread itself: it waits for a completion that the close
// handler signals only after it has joined the thread (cpprest's websocket client: the
// destructor calls close().wait(); the handler the client registered joins m_thread, then sets
// the event).
// Real code: cpprest Release/src/websockets/client/ws_client_wspp.cpp:762.
// v2: "thread member 'm_thread' is started but the destructor ... does not join or detach it".
extern void register_close_handler2(std::function<void()> h);  // the transport calls it on close
extern void request_close2();
class WaitingClient {
public:
  void connect() {
    register_close_handler2([this] { on_closed(); });
    m_thread = std::thread([this] { run(); });
  }
  ~WaitingClient() { close().wait(); }
private:
  void run() {}
  std::shared_future<void> close() {
    request_close2();
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
// CHECK-MESSAGES: :[[@LINE-2]]:15: warning: thread member 'm_thread' is started but the destructor of 'WaitingClient' does not join or detach it; its destructor calls std::terminate [leaklint-unjoined-thread]

// A start/stop protocol left to the users of the class, none in this TU
// (silent by default: unjoined-thread-members.cpp).
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
// CHECK-MESSAGES: :[[@LINE-2]]:15: warning: thread member 'thread_' is started but the implicit destructor of 'EventThread' does not join or detach it; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-11]]:26: note: 'thread_' is started here
// CHECK-MESSAGES: :[[@LINE-11]]:8: note: 'wait' joins or detaches 'thread_', but the destructor does not call it
