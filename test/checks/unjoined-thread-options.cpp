// RUN: %check_leaklint --config="{CheckOptions: {leaklint-unjoined-thread.SuggestJThread: false}}" %s leaklint-unjoined-thread %t -- -std=c++20
// SuggestJThread: false keeps the warning and drops the std::jthread fix.
#include <thread>

void work();

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
