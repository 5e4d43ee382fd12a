// RUN: %check_leaklint --config="{CheckOptions: {leaklint-lambda-capture.Strictness: strict}}" %s leaklint-lambda-capture %t -- -std=c++17
// Strictness 'strict' also reports stores that are only probably
// short-lived: a member that runs each callable once, a one-shot API whose
// body the TU does not have, and a function with external linkage whose
// visible callers all pass locals.
#include <functional>
#include <queue>
#include <string>
#include <utility>
#include <vector>

using Callback = std::function<void()>;
struct Frame {
  std::vector<char> pixels;
};
void consume(const Frame &);

class Loop {
public:
  void post(Callback cb);
};

class Timers {
public:
  void after(int ms, Callback cb) { q_.push(Timer{ms, std::move(cb)}); }
  void runDue(int now) {
    while (!q_.empty() && q_.top().when <= now) {
      Timer t = q_.top();
      q_.pop();
      t.fn();
    }
  }

private:
  struct Timer {
    int when;
    Callback fn;
    bool operator<(const Timer &o) const { return when > o.when; }
  };
  std::priority_queue<Timer> q_;
};

class App {
public:
  void later(Frame frame) {
    timers_.after(5, [frame] { consume(frame); });
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: lambda stored in data member 'q_' keeps a copy of 'frame' (type 'Frame', 24 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-2]]:13: note: the lambda is passed to 'Timers::after' here
    // CHECK-MESSAGES: :[[@LINE-24]]:40: note: the lambda is stored in data member 'q_' here
    // CHECK-MESSAGES: :[[@LINE-10]]:30: note: 'q_' drops each callable after running it once (reported because 'Strictness' is 'strict')
    loop_.post([frame] { consume(frame); });
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: lambda passed to 'Loop::post' keeps a copy of 'frame' (type 'Frame', 24 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-2]]:11: note: 'Loop::post' is assumed to run the callable once and then drop it (option 'OneShotFunctions'; reported because 'Strictness' is 'strict')
  }

private:
  Timers timers_;
  Loop loop_;
};

struct Job {
  Callback onDone;
};
// Another translation unit may call it with an object that outlives the call.
void prepare(Job &job, Frame frame) {
  job.onDone = [frame] { consume(frame); };
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: lambda stored in data member 'onDone' of parameter 'job' keeps a copy of 'frame' (type 'Frame', 24 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the lambda is stored in data member 'onDone' of parameter 'job' here
}
// No warning: only this translation unit can call it, with a local.
static void arm(Job &job, Frame frame) { job.onDone = [frame] { consume(frame); }; }
void run(Frame f) {
  Job a, b;
  prepare(a, f);
  arm(b, f);
  a.onDone();
  b.onDone();
}
