// RUN: %check_leaklint %s leaklint-unjoined-thread %t -- -std=c++17
// Local threads, path by path: a joinable std::thread destroyed on some path
// calls std::terminate.
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

void work();
void process(int);
int parse(const std::string &s) {
  if (s.empty())
    throw std::invalid_argument("empty");
  return 1;
}
int parse_quiet(const std::string &s) noexcept { return s.empty() ? 0 : 1; }

void never_joined() {
  std::thread t([] { work(); });
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: thread 't' is still joinable when it goes out of scope on this path; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: thread 't' is started here

void early_return(bool fail) {
  std::thread t(work);
  if (fail)
    return;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is still joinable when it goes out of scope on this path; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-4]]:15: note: thread 't' is started here
// CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming 'fail' is true
  t.join();
}

void exception_from_callee(const std::string &s) {
  std::thread t(work);
  parse(s);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: thread 't' is still joinable when an exception thrown by 'parse' leaves its scope; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: thread 't' is started here
  t.join();
}

void explicit_throw(int n) {
  std::thread t(process, n);
  if (n < 0)
    throw std::out_of_range("n");
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is still joinable when this exception leaves its scope; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-4]]:15: note: thread 't' is started here
// CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming 'n < 0' is true
  t.join();
}

void move_assign_over_joinable() {
  std::thread t(work);
  t = std::thread(work);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is move-assigned over while still joinable; its move assignment calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: thread 't' is started here
  t.join();
}

void break_out_of_loop(int n) {
  for (int i = 0; i < n; ++i) {
    std::thread t(process, i);
    if (i == 3)
      break;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: thread 't' is still joinable when it goes out of scope on this path; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-4]]:17: note: thread 't' is started here
// CHECK-MESSAGES: :[[@LINE-4]]:9: note: assuming 'i == 3' is true
    t.join();
  }
}

void continue_in_loop(int n) {
  for (int i = 0; i < n; ++i) {
    std::thread t(process, i);
    if (i % 2)
      continue;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: thread 't' is still joinable when it goes out of scope on this path; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-4]]:17: note: thread 't' is started here
// CHECK-MESSAGES: :[[@LINE-4]]:9: note: assuming 'i % 2' is true
    t.join();
  }
}

void switch_case(int mode) {
  std::thread t(work);
  switch (mode) {
  case 0:
    t.join();
    break;
  case 1:
    t.detach();
    break;
  default:
    break;
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: thread 't' is still joinable when it goes out of scope on this path; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-13]]:15: note: thread 't' is started here
// CHECK-MESSAGES: :[[@LINE-6]]:3: note: taking the default case

void moved_into_unjoined_local() {
  std::thread t(work);
  std::thread u = std::move(t);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: thread 'u' is still joinable when it goes out of scope on this path; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-4]]:15: note: the thread 'u' holds is started here, in 't'

// no warning: joined on every path.
void joined_everywhere(bool fail) {
  std::thread t(work);
  if (fail) {
    t.join();
    return;
  }
  t.join();
}

// no warning: detached.
void detached() {
  std::thread t(work);
  t.detach();
}

// no warning: a try/catch that joins and rethrows covers the exception path.
void joined_on_exception(const std::string &s) {
  std::thread t(work);
  try {
    parse(s);
  } catch (...) {
    t.join();
    throw;
  }
  t.join();
}

// no warning: parse_quiet cannot throw.
void nothrow_callee(const std::string &s) {
  std::thread t(work);
  parse_quiet(s);
  t.join();
}

// no warning: returned to the caller, who owns it now.
std::thread start_worker() {
  std::thread t(work);
  return t;
}

// no warning: moved into a container owned by the caller.
void hand_over(std::vector<std::thread> &pool) {
  std::thread t(work);
  pool.push_back(std::move(t));
}

// no warning: the moved-to thread is joined.
void moved_then_joined() {
  std::thread t(work);
  std::thread u = std::move(t);
  u.join();
}

// no warning: the thread is only started when `async` is set, and only
// then joined; the path that starts and does not join cannot happen.
void same_condition_twice(bool async) {
  std::thread t;
  if (async)
    t = std::thread(work);
  process(1);
  if (async)
    t.join();
}

// no warning: joinable() guards the join.
void guarded_join(bool async) {
  std::thread t;
  if (async)
    t = std::thread(work);
  process(2);
  if (t.joinable())
    t.join();
}

// no warning: never started.
void default_constructed() {
  std::thread t;
  (void)t.get_id();
}

// no warning: handed by reference to a function that may join it.
void join_later(std::thread &t);
void passed_by_reference() {
  std::thread t(work);
  join_later(t);
}

// no warning: an RAII guard joins it.
struct JoinGuard {
  std::thread &t;
  ~JoinGuard() {
    if (t.joinable())
      t.join();
  }
};
void scope_guard(bool fail) {
  std::thread t(work);
  JoinGuard g{t};
  if (fail)
    return;
}

// no warning: a thread started in a loop and joined in the same iteration.
void loop_joined(int n) {
  for (int i = 0; i < n; ++i) {
    std::thread t(process, i);
    t.join();
  }
}

// no warning: a flag set on the path that joined says not to join again.
void joined_flag(bool fast) {
  std::thread t(work);
  bool joined = false;
  if (fast) {
    t.join();
    joined = true;
  }
  if (!joined)
    t.join();
}

// no warning: a noexcept function cannot throw out (it would terminate).
int parse_or_die(const std::string &s) noexcept {
  if (s.empty())
    throw std::invalid_argument("empty");
  return 1;
}
void noexcept_callee(const std::string &s) {
  std::thread t(work);
  parse_or_die(s);
  t.join();
}

// no warning: restarted in a loop, joined before each restart and after.
void restart_loop(const bool &running) {
  std::thread t;
  while (running) {
    if (t.joinable())
      t.join();
    t = std::thread(work);
  }
  if (t.joinable())
    t.join();
}

// A leak inside a lambda body is a leak of that lambda.
auto make_task() {
  return [](int n) {
    std::thread t(process, n);
    if (n > 0)
      return n;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: thread 't' is still joinable when it goes out of scope on this path; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-4]]:17: note: thread 't' is started here
// CHECK-MESSAGES: :[[@LINE-4]]:9: note: assuming 'n > 0' is true
    t.join();
    return 0;
  };
}


// no warning: the same test twice, on a member of a parameter and on a
// comparison, gives the same answer.
struct Options {
  bool async;
  int workers;
};
void same_member_test(const Options &opts) {
  std::thread t;
  if (opts.async)
    t = std::thread(work);
  process(opts.workers);
  if (opts.async)
    t.join();
}
void same_comparison(int n) {
  std::thread t;
  if (n > 0)
    t = std::thread(process, n);
  process(0);
  if (n > 0)
    t.join();
}

// The variable the test reads changed in between: both answers are possible.
void changed_in_between(int n) {
  std::thread t;
  if (n > 0)
    t = std::thread(process, n);
  n = 0;
  if (n > 0)
    t.join();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: thread 't' is still joinable when it goes out of scope on this path; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-6]]:9: note: thread 't' is started here
// CHECK-MESSAGES: :[[@LINE-8]]:7: note: assuming 'n > 0' is true
// CHECK-MESSAGES: :[[@LINE-6]]:7: note: assuming 'n > 0' is false

// Constructors and operators of this TU throw too.
struct Config {
  explicit Config(int n) {
    if (n < 0)
      throw std::invalid_argument("n");
  }
};
void throwing_constructor(int n) {
  std::thread t(work);
  Config c(n);
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: thread 't' is still joinable when an exception thrown by 'Config' leaves its scope; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: thread 't' is started here
  t.join();
}
struct Money {
  long cents;
  Money operator+(const Money &o) const {
    if (o.cents < 0)
      throw std::domain_error("negative");
    return {cents + o.cents};
  }
};
Money throwing_operator(Money a, Money b) {
  std::thread t(work);
  Money sum = a + b;
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread 't' is still joinable when an exception thrown by 'operator+' leaves its scope; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: thread 't' is started here
  t.join();
  return sum;
}

// A thread declared inside a try block dies while the exception unwinds to
// the handler.
void caught_outside_its_scope(const std::string &s) {
  try {
    std::thread t(work);
    parse(s);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread 't' is still joinable when an exception thrown by 'parse' leaves its scope; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-3]]:17: note: thread 't' is started here
    t.join();
  } catch (const std::exception &) {
    process(0);
  }
}

// no warning: the exception is swallowed and the thread joined after it.
void swallowed(const std::string &s) {
  std::thread t(work);
  try {
    parse(s);
  } catch (...) {
    process(-1);
  }
  t.join();
}

// Joined under the only condition of the path: nothing to correlate it
// with, so the other branch leaves the thread running.
void joined_if_asked(bool wait) {
  std::thread t(work);
  if (wait)
    t.join();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: thread 't' is still joinable when it goes out of scope on this path; its destructor calls std::terminate [leaklint-unjoined-thread]
// CHECK-MESSAGES: :[[@LINE-5]]:15: note: thread 't' is started here
// CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'wait' is false
