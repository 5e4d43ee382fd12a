// RUN: %check_leaklint %s leaklint-unjoined-thread %t -- -std=c++17
// pthread_create with no pthread_join or pthread_detach of its pthread_t.
#include <pthread.h>
#include <stdexcept>
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

// Paths: a handle joined on some paths and not on others.
bool ready(int);
void check_arg(int n) {
  if (n < 0)
    throw std::out_of_range("n");
}
void joined_unless_not_ready(int n) {
  pthread_t t;
  pthread_create(&t, nullptr, routine, nullptr);
  if (!ready(n))
    return;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread created into 't' is neither joined nor detached when it goes out of scope on this path; its stack and thread descriptor are never reclaimed [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: thread is created into 't' here
// CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming '!ready(n)' is true
  pthread_join(t, nullptr);
}
void joined_unless_thrown(int n) {
  pthread_t t;
  pthread_create(&t, nullptr, routine, nullptr);
  check_arg(n);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: thread created into 't' is neither joined nor detached when an exception thrown by 'check_arg' leaves its scope; its stack and thread descriptor are never reclaimed [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: thread is created into 't' here
  pthread_join(t, nullptr);
}
void created_twice() {
  pthread_t t;
  pthread_create(&t, nullptr, routine, nullptr);
  pthread_create(&t, nullptr, routine, nullptr);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 't' is overwritten while the thread created into it is neither joined nor detached; its stack and thread descriptor are never reclaimed [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: thread is created into 't' here
  pthread_join(t, nullptr);
}
void failure_checked() {
  pthread_t t;
  if (pthread_create(&t, nullptr, routine, nullptr) != 0)
    return; // no warning: no thread was created
  pthread_join(t, nullptr);
}
void failure_checked_through_status() {
  pthread_t t;
  int rc = pthread_create(&t, nullptr, routine, nullptr);
  if (rc)
    return; // no warning: no thread was created
  pthread_join(t, nullptr);
}
void detached_on_success() {
  pthread_t t;
  if (pthread_create(&t, nullptr, routine, nullptr) == 0)
    pthread_detach(t); // no warning: detached whenever it exists
}
void created_in_a_loop(int n) {
  for (int i = 0; i < n; ++i) {
    pthread_t t;
    if (pthread_create(&t, nullptr, routine, nullptr))
      break; // no warning: the failed one is no thread
    pthread_join(t, nullptr);
  }
}
void handed_to_a_container(std::vector<pthread_t> &out) {
  pthread_t t;
  pthread_create(&t, nullptr, routine, nullptr);
  out.push_back(t); // no warning: the caller's vector keeps the handle
}
void routine_by_address(void *arg) {
  pthread_t t;
  pthread_create(&t, nullptr, &routine, arg);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: thread created into 't' is never joined or detached; its stack and thread descriptor are never reclaimed [leaklint-unjoined-thread]
}
void routine_detaches_itself_by_address(void *arg) {
  pthread_t t;
  pthread_create(&t, nullptr, &self_detaching, arg); // no warning: it detaches itself
}

// Arrays of handles joined through another name: a heap array, a range-for
// reference, a pointer into the array. Which name joins them is not
// followed: no warning.
void heap_array(int n) {
  pthread_t *ts = new pthread_t[n];
  for (int i = 0; i < n; ++i)
    pthread_create(ts + i, nullptr, routine, nullptr);
  for (int i = 0; i < n; ++i)
    pthread_join(ts[i], nullptr);
  delete[] ts;
}
void range_for_array() {
  pthread_t ts[4];
  for (auto &t : ts)
    pthread_create(&t, nullptr, routine, nullptr);
  for (auto t : ts)
    pthread_join(t, nullptr);
}
void aliased_array() {
  pthread_t ts[4];
  pthread_t *p = ts;
  for (int i = 0; i < 4; ++i)
    pthread_create(&p[i], nullptr, routine, nullptr);
  for (int i = 0; i < 4; ++i)
    pthread_join(ts[i], nullptr);
}
