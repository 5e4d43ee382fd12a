// RUN: %check_leaklint %s leaklint-unjoined-thread %t -- -std=c++17
// Threads owned by globals and statics are destroyed at exit: if nothing in
// the translation unit joins them, std::terminate runs then. Only objects
// whose every user this TU sees are judged (internal linkage, local statics).
#include <thread>
#include <vector>

void work();
void process(int);

static std::vector<std::thread> g_workers;
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: threads in 'g_workers' are started but nothing joins or detaches them before it is destroyed at exit; destroying a joinable std::thread calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE+3]]:15: note: a thread is added to 'g_workers' here
void start_workers(int n) {
  for (int i = 0; i < n; ++i)
    g_workers.emplace_back(process, i);
}

namespace {
std::thread g_background;
// CHECK-MESSAGES: :[[@LINE-1]]:13: warning: thread 'g_background' is started but nothing joins or detaches it before it is destroyed at exit; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE+2]]:40: note: 'g_background' is started here
} // namespace
void start_background() { g_background = std::thread(work); }

void start_once() {
  static std::thread watcher(work);
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: thread 'watcher' is started but nothing joins or detaches it before it is destroyed at exit; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-2]]:22: note: 'watcher' is started here
}

// no warning: joined by a shutdown function of the same TU.
static std::vector<std::thread> g_pool;
void start_pool(int n) {
  for (int i = 0; i < n; ++i)
    g_pool.emplace_back(process, i);
}
void stop_pool() {
  for (auto &t : g_pool)
    t.join();
}

// no warning: external linkage, another TU may join it.
std::vector<std::thread> g_shared;
void start_shared() { g_shared.emplace_back(work); }

// no warning: never started.
static std::thread g_idle;
