// RUN: %check_leaklint %s leaklint-unjoined-thread %t -- -std=c++17
// Before C++20 there is no std::jthread: the same code is reported without a
// fix (the fixed file must be unchanged).
#include <string>
#include <thread>
#include <utility>
#include <vector>

void work();
void process(int);

void early_return(bool fail) {
  std::thread t(work);
  // CHECK-FIXES:  std::thread t(work);
  if (fail)
    return;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is still joinable when it goes out of scope on this path; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-5]]:15: note: thread 't' is started here
// CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming 'fail' is true
  t.join();
}

void with_lambda(int n) {
  std::thread worker([n] { process(n); });
  // CHECK-FIXES:  std::thread worker([n] { process(n); });
  if (n > 10)
    return;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 'worker' is still joinable when it goes out of scope on this path; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-5]]:15: note: thread 'worker' is started here
// CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming 'n > 10' is true
  worker.join();
}
