// RUN: %check_leaklint %s leaklint-unjoined-thread %t -- -std=c++17
// Detached threads, and threads stored in members, whose callable refers to
// data that dies before them.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

void consume(int &);
void log_line(const std::string &);
void fill(char *buf, int n);

void detached_by_reference() {
  int counter = 0;
  std::thread([&] { consume(counter); }).detach();
// CHECK-MESSAGES: :[[@LINE-1]]:29: warning: detached thread captures local variable 'counter' by reference; the thread may outlive it [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-2]]:42: note: the thread is detached here
}

void detached_named(const std::string &prefix) {
  std::string line = prefix + ": started";
  std::thread t([&line] { log_line(line); });
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: detached thread captures local variable 'line' by reference; the thread may outlive it [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE+1]]:5: note: the thread is detached here
  t.detach();
}

void detached_std_ref() {
  int counter = 0;
  std::thread(consume, std::ref(counter)).detach();
// CHECK-MESSAGES: :[[@LINE-1]]:24: warning: detached thread captures local variable 'counter' by reference; the thread may outlive it [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-2]]:43: note: the thread is detached here
}

void detached_stack_buffer() {
  char buf[256];
  std::thread(fill, buf, 256).detach();
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: detached thread receives a pointer to local variable 'buf'; the thread may outlive it [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-2]]:31: note: the thread is detached here
}

void detached_pointer_capture() {
  int value = 0;
  int *p = &value;
  std::thread([p] { consume(*p); }).detach();
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: detached thread receives a pointer to local variable 'value'; the thread may outlive it [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-2]]:37: note: the thread is detached here
}

class Connection {
public:
  void start_async() {
    std::thread([this] { serve(); }).detach();
// CHECK-MESSAGES: :[[@LINE-1]]:18: warning: detached thread captures 'this'; the object may be destroyed while the thread still runs [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-2]]:38: note: the thread is detached here
  }
  void start_member_pointer() { std::thread(&Connection::serve, this).detach(); }
// CHECK-MESSAGES: :[[@LINE-1]]:65: warning: detached thread captures 'this'; the object may be destroyed while the thread still runs [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-2]]:71: note: the thread is detached here

private:
  void serve();
};

class Crawler {
public:
  void crawl(const std::vector<std::string> &urls) {
    int pending = static_cast<int>(urls.size());
    workers_.emplace_back([&pending] { --pending; });
// CHECK-MESSAGES: :[[@LINE-1]]:29: warning: thread stored in 'workers_' captures local variable 'pending' by reference; the thread may outlive it [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-2]]:14: note: the thread is stored in 'workers_' here
  }
  ~Crawler() {
    for (auto &t : workers_)
      t.join();
  }

private:
  std::vector<std::thread> workers_;
};

// no warning: captures by value only.
void detached_by_value(int id, std::string name) {
  std::thread([id, name] { log_line(name + std::to_string(id)); }).detach();
}

// no warning: the data is owned through a shared_ptr.
void detached_shared(std::shared_ptr<std::vector<int>> data) {
  auto local = std::make_shared<int>(42);
  std::thread([data, local] { (void)data->size(); (void)*local; }).detach();
}

// no warning: the object keeps itself alive.
class Session : public std::enable_shared_from_this<Session> {
public:
  void start() {
    std::thread([self = shared_from_this(), this] { serve(); }).detach();
  }

private:
  void serve();
};

// no warning: joined before the locals die.
void joined_by_reference() {
  int counter = 0;
  std::thread t([&] { consume(counter); });
  t.join();
}

// no warning: the member is joined in the same function.
class Batch {
public:
  void run_all(const std::vector<int> &items) {
    int done = 0;
    for (int i : items)
      workers_.emplace_back([&done, i] { done += i; });
    for (auto &t : workers_)
      t.join();
    workers_.clear();
  }

private:
  std::vector<std::thread> workers_;
};

// no warning: the function never returns after the detach, so its locals
// live as long as the process.
struct Config {
  int port;
};
void serve(Config &);
void serve_forever() {
  Config cfg{8080};
  std::thread([&] { serve(cfg); }).detach();
  for (;;)
    serve(cfg);
}
[[noreturn]] void run_and_exit() {
  Config cfg{1};
  std::thread([&cfg] { serve(cfg); }).detach();
  std::exit(0);
}

// A global outlives the object whose `this` its thread holds.
static std::vector<std::thread> g_background;
class Reporter {
public:
  void start() { g_background.emplace_back([this] { flush(); }); }
// CHECK-MESSAGES: :[[@LINE-1]]:45: warning: thread stored in 'g_background' captures 'this'; the object may be destroyed while the thread still runs [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-2]]:31: note: the thread is stored in 'g_background' here

private:
  void flush();
};
void stop_background() {
  for (auto &t : g_background)
    t.join();
}

// A function object that holds a reference to a local: the copy the
// thread makes still refers to it (C++ Concurrency in Action's "oops").
struct Counter {
  int &Ref;
  explicit Counter(int &R) : Ref(R) {}
  void operator()() { ++Ref; }
};
struct Copier {
  int Value;
  explicit Copier(int V) : Value(V) {}
  void operator()() { ++Value; }
};
void oops() {
  int local_state = 0;
  Counter counter(local_state);
  std::thread t(counter);
// CHECK-MESSAGES: :[[@LINE-1]]:17: warning: detached thread captures local variable 'local_state' by reference; the thread may outlive it [leaklint-unjoined-thread]
  t.detach();
// CHECK-MESSAGES: :[[@LINE-1]]:5: note: the thread is detached here
}
void copies_are_fine() {
  int local_state = 0;
  Copier copier(local_state);
  std::thread t(copier);
  t.detach(); // no warning: the function object holds a copy
}
void joined_before_return() {
  int local_state = 0;
  std::thread t(Counter{local_state});
  t.join(); // no warning: joined while local_state lives
}

// Detached workers that the destructor waits for: it blocks until the last
// one has signalled that it is done with the object.
class Dispatcher {
public:
  void spawn() {
    {
      std::lock_guard<std::mutex> lk(m_);
      ++active_;
    }
    std::thread([this] { run(); }).detach(); // no warning: ~Dispatcher() waits
  }
  ~Dispatcher() {
    std::unique_lock<std::mutex> lk(m_);
    idle_.wait(lk, [this] { return active_ == 0; });
  }

private:
  void run() {
    std::lock_guard<std::mutex> lk(m_);
    if (--active_ == 0)
      idle_.notify_all();
  }
  std::mutex m_;
  std::condition_variable idle_;
  int active_ = 0;
};

// The same, polling through a member function of its own.
class Poller {
public:
  void spawn() {
    ++active_;
    std::thread(&Poller::run, this).detach(); // no warning: ~Poller() waits
  }
  ~Poller() { drain(); }

private:
  void drain() {
    while (active_ > 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void run() { --active_; }
  std::atomic<int> active_{0};
};

// A destructor that waits for nothing.
class Mailer {
public:
  void spawn() { std::thread([this] { run(); }).detach(); }
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: detached thread captures 'this'; the object may be destroyed while the thread still runs [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-2]]:49: note: the thread is detached here
  ~Mailer() { log_line("bye"); }

private:
  void run();
};

// A server object whose thread runs its main loop for good (pdns's
// DNSProxy::go and AuthWebServer::go, real code): no path of the loop
// returns, so only an object that lives as long as the process can run
// it, and there is nothing to fix.
class Proxy {
public:
  void go() {
    std::thread t([this] { mainloop(); });
    t.detach();
  }
  void goStats() { std::thread(&Proxy::statLoop, this).detach(); }

private:
  void mainloop() {
    try {
      for (;;) {
        if (receive() < 0)
          continue;
        answer();
      }
    } catch (const std::exception &e) {
      log_line(e.what());
    }
  }
  void statLoop() {
    for (int n = 0;; ++n) {
      tick(n);
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  }
  int receive();
  void answer();
  void tick(int);
};

// Still reported: a loop that ends when the object is told to stop.
class Pump {
public:
  void go() { std::thread([this] { loop(); }).detach(); }
// CHECK-MESSAGES: :[[@LINE-1]]:28: warning: detached thread captures 'this'; the object may be destroyed while the thread still runs [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-2]]:47: note: the thread is detached here
  void stop() { stop_ = true; }

private:
  void loop() {
    while (!stop_)
      step();
  }
  void step();
  std::atomic<bool> stop_{false};
};

// A destructor that waits for the detached thread to say it has ended
// (tesseract's ScrollView, real code): it tells the thread to stop, then
// polls a flag the thread sets as it leaves. The thread ends first.
class Window {
public:
  Window() { std::thread(&Window::handleEvents, this).detach(); } // no warning
  ~Window() {
    send("destroy");
    while (!handler_ended_)
      update();
  }

private:
  void handleEvents() {
    for (;;) {
      if (next_event() == 0) {
        finish();
        return;
      }
    }
  }
  void finish() { handler_ended_ = true; }
  void send(const char *);
  void update();
  int next_event();
  std::atomic<bool> handler_ended_{false};
};

// Still reported: the destructor polls a flag only another member function
// sets, not the thread.
class Panel {
public:
  Panel() { std::thread([this] { handle(); }).detach(); }
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: detached thread captures 'this'; the object may be destroyed while the thread still runs [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-2]]:47: note: the thread is detached here
  ~Panel() {
    while (!closed_)
      update();
  }
  void close() { closed_ = true; }

private:
  void handle();
  void update();
  std::atomic<bool> closed_{false};
};
