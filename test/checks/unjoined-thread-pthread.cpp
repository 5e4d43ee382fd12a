// RUN: %check_leaklint %s leaklint-unjoined-thread %t -- -std=c++17
// pthread_create with no pthread_join or pthread_detach of its pthread_t.
#include <pthread.h>
#include <vector>

void *routine(void *arg) { return arg; }
void *self_detaching(void *arg) {
  pthread_detach(pthread_self());
  return arg;
}

void fire_and_forget(void *arg) {
  pthread_t tid;
  pthread_create(&tid, nullptr, routine, arg);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: thread created into 'tid' is never joined or detached; its stack and thread descriptor are never reclaimed [leaklint-unjoined-thread]
}

struct Service {
  pthread_t worker;
  void start() { pthread_create(&worker, nullptr, routine, this); }
// CHECK-MESSAGES: :[[@LINE-1]]:18: warning: thread created into 'worker' is never joined or detached; its stack and thread descriptor are never reclaimed [leaklint-unjoined-thread]
};

// no warning: joined.
void joined(void *arg) {
  pthread_t tid;
  if (pthread_create(&tid, nullptr, routine, arg) == 0)
    pthread_join(tid, nullptr);
}

// no warning: detached by the caller.
void detached(void *arg) {
  pthread_t tid;
  pthread_create(&tid, nullptr, routine, arg);
  pthread_detach(tid);
}

// no warning: created detached.
void created_detached(void *arg) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_t tid;
  pthread_create(&tid, &attr, routine, arg);
  pthread_attr_destroy(&attr);
}

// no warning: the start routine detaches itself.
void detaches_itself(void *arg) {
  pthread_t tid;
  pthread_create(&tid, nullptr, self_detaching, arg);
}

// no warning: an array of threads joined in a second loop.
void array_joined() {
  pthread_t tids[4];
  for (int i = 0; i < 4; ++i)
    pthread_create(&tids[i], nullptr, routine, nullptr);
  for (int i = 0; i < 4; ++i)
    pthread_join(tids[i], nullptr);
}

// no warning: a member joined in another member function.
struct Joined {
  pthread_t worker;
  void start() { pthread_create(&worker, nullptr, routine, this); }
  void stop() { pthread_join(worker, nullptr); }
};

// Created joinable on purpose, then forgotten.
void created_joinable(void *arg) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_JOINABLE);
  pthread_t tid;
  pthread_create(&tid, &attr, routine, arg);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: thread created into 'tid' is never joined or detached; its stack and thread descriptor are never reclaimed [leaklint-unjoined-thread]
  pthread_attr_destroy(&attr);
}


// Handles kept in a standard container: the joins reach them through it.
void joined_through_vector(int n) {
  std::vector<pthread_t> ids(n);
  for (int i = 0; i < n; ++i)
    pthread_create(&ids[i], nullptr, routine, nullptr); // no warning: joined below
  for (int i = 0; i < n; ++i)
    pthread_join(ids[i], nullptr);
}
void never_joined_vector(int n) {
  std::vector<pthread_t> ids(n);
  for (int i = 0; i < n; ++i)
    pthread_create(&ids[i], nullptr, routine, nullptr);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread created into 'ids' is never joined or detached; its stack and thread descriptor are never reclaimed [leaklint-unjoined-thread]
}
