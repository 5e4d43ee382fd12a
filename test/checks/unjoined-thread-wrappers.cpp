// RUN: %check_leaklint %s leaklint-unjoined-thread %t -- -std=c++17
// Threads started through a function of the translation unit (a
// uv_thread_create-style wrapper), in a member function template, and
// pthread_t members whose other uses cannot join them.
#include <cstdio>
#include <pthread.h>
#include <thread>

void work();
static void *routine(void *) {
  work();
  return nullptr;
}
static void entry(void *) { work(); }

// A wrapper that creates a thread into the handle it is given.
struct StartArgs {
  void (*fn)(void *);
  void *arg;
};
static void *trampoline(void *p) {
  auto *a = static_cast<StartArgs *>(p);
  a->fn(a->arg);
  delete a;
  return nullptr;
}
int my_thread_create_ex(pthread_t *tid, void (*fn)(void *), void *arg) {
  return pthread_create(tid, nullptr, trampoline, new StartArgs{fn, arg});
}
int my_thread_create(pthread_t *tid, void (*fn)(void *), void *arg) {
  return my_thread_create_ex(tid, fn, arg);
}
int my_thread_join(pthread_t *tid) { return pthread_join(*tid, nullptr); }

// A wrapper that creates its threads detached: nothing to join.
int start_detached(pthread_t *tid, void *(*fn)(void *)) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  int rc = pthread_create(tid, &attr, fn, nullptr);
  pthread_attr_destroy(&attr);
  return rc;
}

void leaky() {
  pthread_t t;
  my_thread_create(&t, entry, nullptr);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: thread created into 't' by 'my_thread_create' is never joined or detached; its stack and thread descriptor are never reclaimed [leaklint-unjoined-thread]
}

void joined() {
  pthread_t t;
  my_thread_create(&t, entry, nullptr); // no warning: joined below
  my_thread_join(&t);
}

void detached() {
  pthread_t t;
  start_detached(&t, routine); // no warning: created detached
}

// std::thread started by a helper into a reference.
static void spawn(std::thread &out) { out = std::thread(work); }

void leakyThread() {
  std::thread t;
  spawn(t);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: thread started into 't' by 'spawn' is never joined or detached; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: 't' is declared here
}

void joinedThread() {
  std::thread t;
  spawn(t); // no warning: joined
  t.join();
}

// A class whose thread a helper starts.
class Agent {
public:
  void start() { spawn(worker_); }

private:
  std::thread worker_;
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread member 'worker_' is started but the implicit destructor of 'Agent' does not join or detach it; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-5]]:18: note: 'worker_' is started here
};

// Started only in a member function template.
class Runner {
public:
  template <class Fn> void start(Fn fn) { t_ = std::thread(fn); }

private:
  std::thread t_;
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread member 't_' is started but the implicit destructor of 'Runner' does not join or detach it; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-5]]:46: note: 't_' is started here
};
void useRunner() {
  Runner r;
  r.start(work);
}

// no warning: the template's instantiation joins it in the destructor.
class JoiningRunner {
public:
  template <class Fn> void start(Fn fn) { t_ = std::thread(fn); }
  ~JoiningRunner() {
    if (t_.joinable())
      t_.join();
  }

private:
  std::thread t_;
};
void useJoiningRunner() {
  JoiningRunner r;
  r.start(work);
}

// A pthread_t member compared, reset and printed, but never joined.
class Monitor {
public:
  Monitor() { tid_ = 0; }
  void start() {
    if (tid_ != 0)
      return;
    pthread_create(&tid_, nullptr, routine, this);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread created into 'tid_' is never joined or detached; its stack and thread descriptor are never reclaimed [leaklint-unjoined-thread]
    std::printf("monitor %lu\n", static_cast<unsigned long>(tid_));
  }
  bool running() const { return tid_ != 0; }

private:
  pthread_t tid_;
};

// no warning: joined in stop().
class Sampler {
public:
  Sampler() { tid_ = 0; }
  void start() { pthread_create(&tid_, nullptr, routine, this); }
  void stop() {
    if (tid_)
      pthread_join(tid_, nullptr);
  }

private:
  pthread_t tid_;
};
