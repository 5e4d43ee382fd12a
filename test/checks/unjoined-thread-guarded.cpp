// RUN: %check_leaklint %s leaklint-unjoined-thread %t -- -std=c++17
// A destructor that joins a thread member only under a condition: reported
// when code of the class makes the condition false while the thread runs.
#include <atomic>
#include <thread>

void work();

// stop() clears the flag without joining: the destructor then skips the join.
class Pump {
public:
  void start() {
    running_ = true;
    t_ = std::thread(work);
  }
  void stop() { running_ = false; }
  ~Pump() {
    if (running_)
      t_.join();
  }

private:
  std::atomic<bool> running_{false};
  std::thread t_;
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread member 't_' is joined by the destructor of 'Pump' only if 'running_' is true; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-8]]:9: note: 't_' is joined only if this is true
// CHECK-MESSAGES: :[[@LINE-11]]:17: note: 'stop' sets 'running_' to false without joining or detaching 't_'
};

// Started in the constructor; nothing ever sets the flag.
class Feeder {
public:
  Feeder() : t_(work) {}
  ~Feeder() {
    if (started_)
      t_.join();
  }

private:
  bool started_ = false;
  std::thread t_;
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread member 't_' is joined by the destructor of 'Feeder' only if 'started_' is true; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-8]]:9: note: 't_' is joined only if this is true
// CHECK-MESSAGES: :[[@LINE-11]]:14: note: 't_' is started here, and nothing sets 'started_' to true
};

// The thread's own loop clears the flag when it finishes; the destructor
// then leaves a finished but joinable thread behind.
class Finisher {
public:
  void start() {
    done_ = false;
    t_ = std::thread(&Finisher::run, this);
  }
  ~Finisher() {
    if (!done_)
      t_.join();
  }

private:
  void run() {
    work();
    done_ = true;
  }
  std::atomic<bool> done_{true};
  std::thread t_;
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread member 't_' is joined by the destructor of 'Finisher' only if 'done_' is false; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-12]]:10: note: 't_' is joined only if this is false
// CHECK-MESSAGES: :[[@LINE-6]]:5: note: 'run' sets 'done_' to true without joining or detaching 't_'
};

// ---- negatives ----

// no warning: joinable() is the condition that matters.
class Checked {
public:
  void start() { t_ = std::thread(work); }
  ~Checked() {
    if (t_.joinable())
      t_.join();
  }

private:
  std::thread t_;
};

// no warning: the flag follows the thread (set where it starts, cleared
// where it is joined), behind an early return.
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

// no warning: a flag and joinable() together.
class Both {
public:
  void start() {
    active_ = true;
    t_ = std::thread(work);
  }
  ~Both() {
    if (active_ && t_.joinable())
      t_.join();
  }

private:
  bool active_ = false;
  std::thread t_;
};

// no warning: joinable() or a flag: joined whenever it must be.
class Either {
public:
  void start() { t_ = std::thread(work); }
  void pause() { busy_ = false; }
  ~Either() {
    if (busy_ || t_.joinable())
      t_.join();
  }

private:
  bool busy_ = false;
  std::thread t_;
};

bool shuttingDown();

// no warning: a condition the check cannot decide (Strictness: strict
// reports it).
class Opaque {
public:
  void start() { t_ = std::thread(work); }
  ~Opaque() {
    if (!shuttingDown())
      t_.join();
  }

private:
  std::thread t_;
};

// no warning: the flag is cleared by a private helper that only stop()
// calls, after it has joined.
class Helper {
public:
  void start() {
    running_ = true;
    t_ = std::thread(work);
  }
  void stop() {
    t_.join();
    markStopped();
  }
  ~Helper() {
    if (running_)
      stop();
  }

private:
  void markStopped() { running_ = false; }
  bool running_ = false;
  std::thread t_;
};

// The same helper, public: anyone may clear the flag.
class Exposed {
public:
  void start() {
    running_ = true;
    t_ = std::thread(work);
  }
  void stop() {
    t_.join();
    markStopped();
  }
  void markStopped() { running_ = false; }
  ~Exposed() {
    if (running_)
      stop();
  }

private:
  bool running_ = false;
  std::thread t_;
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread member 't_' is joined by the destructor of 'Exposed' only if 'running_' is true; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-8]]:9: note: 't_' is joined only if this is true
// CHECK-MESSAGES: :[[@LINE-11]]:24: note: 'markStopped' sets 'running_' to false without joining or detaching 't_'
};
