// RUN: %check_leaklint %s leaklint-unjoined-thread %t -- -std=c++20
// In C++20, std::jthread joins in its destructor: a local std::thread that is
// only ever joined becomes one. No fix where the change is not certain.
#include <string>
#include <thread>
#include <utility>
#include <vector>

void work();
void process(int);

void early_return(bool fail) {
  std::thread t(work);
  // CHECK-FIXES:  std::jthread t(work);
  if (fail)
    return;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is still joinable when it goes out of scope on this path; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-5]]:15: note: thread 't' is started here
// CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming 'fail' is true
  t.join();
}

void with_lambda(int n) {
  std::thread worker([n] { process(n); });
  // CHECK-FIXES:  std::jthread worker([n] { process(n); });
  if (n > 10)
    return;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 'worker' is still joinable when it goes out of scope on this path; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-5]]:15: note: thread 'worker' is started here
// CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming 'n > 10' is true
  worker.join();
}

// No fix: detached on another path, a jthread would join there instead.
void detached_elsewhere(bool fail) {
  std::thread t(work);
  // CHECK-FIXES:  std::thread t(work);
  if (fail)
    return;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is still joinable when it goes out of scope on this path; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-5]]:15: note: thread 't' is started here
// CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming 'fail' is true
  t.detach();
}

// No fix: moved into a std::thread destination.
void moved_out(bool fail, std::vector<std::thread> &pool) {
  std::thread t(work);
  // CHECK-FIXES:  std::thread t(work);
  if (fail)
    return;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is still joinable when it goes out of scope on this path; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-5]]:15: note: thread 't' is started here
// CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming 'fail' is true
  pool.push_back(std::move(t));
}

// No fix: the type is not written as std::thread.
void deduced(bool fail) {
  auto t = std::thread(work);
  if (fail)
    return;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is still joinable when it goes out of scope on this path; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-4]]:12: note: thread 't' is started here
// CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming 'fail' is true
  t.join();
}

// No fix: a generic callable could be handed a std::stop_token.
void generic_lambda(bool fail) {
  std::thread t([](auto... args) { process(sizeof...(args)); });
  // CHECK-FIXES:  std::thread t([](auto... args) { process(sizeof...(args)); });
  if (fail)
    return;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is still joinable when it goes out of scope on this path; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-5]]:15: note: thread 't' is started here
// CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming 'fail' is true
  t.join();
}

// no warning: std::jthread joins itself.
void already_jthread(bool fail) {
  std::jthread t(work);
  if (fail)
    return;
}
