// RUN: %check_leaklint %s leaklint-unjoined-thread %t -- -std=c++17
// Thread members whose lifetime is managed outside their class's destructor:
// an owner that stops them before they die, a framework that shuts its
// services down through their base class, singletons that are never
// destroyed. And the ones nothing stops.
#include <cstdlib>
#include <memory>
#include <thread>
#include <vector>

void work();

// Stopped by the function that owns it.
class Server {
public:
  void start() { t_ = std::thread(&Server::loop, this); }
  void stop() {
    if (t_.joinable())
      t_.join();
  }

private:
  void loop() {}
  std::thread t_; // no warning: main() stops it
};

int main() {
  Server s;
  s.start();
  s.stop();
}

// Stopped by its owner's member function, through a helper of its own.
class Listener {
public:
  void start() { t_ = std::thread(work); }
  void shutdown() { joinWorker(); }

private:
  void joinWorker() { t_.join(); }
  std::thread t_; // no warning: App::run() shuts it down
};

class App {
public:
  void run() {
    listener_.start();
    listener_.shutdown();
  }

private:
  Listener listener_;
};

// A framework that shuts its services down through their base class.
class Service {
public:
  virtual ~Service() = default;
  virtual void start() = 0;
  virtual void shutdown() = 0;
};

class Indexer : public Service {
public:
  void start() override { t_ = std::thread(work); }
  void shutdown() override {
    if (t_.joinable())
      t_.join();
  }

private:
  std::thread t_; // no warning: ~Framework() calls shutdown() through Service
};

class Framework {
public:
  void add(std::unique_ptr<Service> s) { services_.push_back(std::move(s)); }
  ~Framework() {
    for (auto &s : services_)
      s->shutdown();
  }

private:
  std::vector<std::unique_ptr<Service>> services_;
};

// Singletons that are never destroyed.
class Logger {
public:
  static Logger &instance() {
    static Logger *l = new Logger;
    return *l;
  }

private:
  Logger() : t_(work) {}
  std::thread t_; // no warning: made by a `new` that is never deleted
};

class Metrics {
public:
  static Metrics &get() {
    static Metrics &m = *new Metrics;
    return m;
  }

private:
  Metrics() : t_(work) {}
  std::thread t_; // no warning: leaked on purpose
};

class Registry {
public:
  static Registry *get() {
    if (!instance_)
      instance_ = new Registry;
    return instance_;
  }

private:
  Registry() : t_(work) {}
  static Registry *instance_;
  std::thread t_; // no warning: kept by a static pointer, never deleted
};
Registry *Registry::instance_ = nullptr;

class Fatal {
public:
  Fatal() : t_(work) {}
  ~Fatal() { std::abort(); }

private:
  std::thread t_; // no warning: its destructor ends the process
};

// A function-local static object is destroyed at exit, still joinable.
class Cache {
public:
  static Cache &get() {
    static Cache c;
    return c;
  }

private:
  Cache() : t_(work) {}
  std::thread t_;
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread member 't_' is started but the implicit destructor of 'Cache' does not join or detach it; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-3]]:13: note: 't_' is started here
};

// Made by `new` and deleted: destroyed while joinable.
class Session {
public:
  Session() : t_(work) {}

private:
  std::thread t_;
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread member 't_' is started but the implicit destructor of 'Session' does not join or detach it; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-5]]:15: note: 't_' is started here
};
void serve() {
  static Session *current = new Session;
  delete current;
  current = nullptr;
}

// A stop() that nothing calls.
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
void poll() {
  Poller p;
  p.start();
}
