// RUN: %check_leaklint %s leaklint-unjoined-thread %t -- -std=c++17 -isystem %S/Inputs
// boost::thread: its destructor detaches a joinable thread (Boost.Thread v2),
// so a forgotten join leaks a running thread instead of terminating.
#include <boost/thread.hpp>

void work();

void early_return(bool fail) {
  boost::thread t(work);
  if (fail)
    return;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is still joinable when it goes out of scope on this path; its destructor detaches it and nothing waits for it to finish [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-4]]:17: note: thread 't' is started here
// CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming 'fail' is true
  t.join();
}

class Monitor {
public:
  Monitor() : poller_(&Monitor::poll, this) {}

private:
  void poll();
  boost::thread poller_;
// CHECK-MESSAGES: :[[@LINE-1]]:17: warning: thread member 'poller_' is started but the implicit destructor of 'Monitor' does not join or detach it; its destructor detaches it and nothing waits for it to finish [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-6]]:15: note: 'poller_' is started here
};

// no warning: joined on every path.
void joined(bool fail) {
  boost::thread t(work);
  if (fail) {
    t.interrupt();
    t.join();
    return;
  }
  t.join();
}
