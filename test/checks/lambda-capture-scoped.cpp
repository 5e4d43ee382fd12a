// RUN: %check_leaklint %s leaklint-lambda-capture %t -- -std=c++17 -isystem %S/Inputs
//
// Stores that end with the scope: a registration undone before the function
// returns (its token passed to an unregistering call on every path, or held
// by a connection object whose destructor disconnects), and a member of a
// parameter that every caller passes as one of its locals.
#include <boost/signals2.hpp>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

using Callback = std::function<void()>;

struct Frame {
  std::vector<char> pixels;
};
void consume(const Frame &);
bool busy();

class Bus {
public:
  int subscribe(Callback cb) {
    handlers_.emplace(++last_, std::move(cb));
    return last_;
  }
  void unsubscribe(int id) { handlers_.erase(id); }
  void publish() {
    for (auto &[id, h] : handlers_)
      h();
  }

private:
  std::map<int, Callback> handlers_;
  int last_ = 0;
};

// A project's own scoped subscription.
class Subscription {
public:
  Subscription(Bus &bus, int id) : bus_(&bus), id_(id) {}
  Subscription(const Subscription &) = delete;
  ~Subscription() { bus_->unsubscribe(id_); }

private:
  Bus *bus_;
  int id_;
};

class View {
public:
  void preview(Frame frame) {
    // No warning: unsubscribed on every path.
    int tok = bus_.subscribe([frame] { consume(frame); });
    while (busy())
      bus_.publish();
    bus_.unsubscribe(tok);
  }

  void previewBranches(Frame frame, bool quick) {
    // No warning: both branches unsubscribe.
    int tok = bus_.subscribe([frame] { consume(frame); });
    if (quick) {
      bus_.unsubscribe(tok);
      return;
    }
    bus_.publish();
    bus_.unsubscribe(tok);
  }

  void previewEarlyReturn(Frame frame) {
    int tok = bus_.subscribe([frame] { consume(frame); });
    // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: lambda stored in data member 'handlers_' keeps a copy of 'frame' (type 'Frame', 24 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-2]]:20: note: the lambda is passed to 'Bus::subscribe' here
    // CHECK-MESSAGES: :[[@LINE-51]]:15: note: the lambda is stored in data member 'handlers_' here
    if (busy())
      return; // still subscribed
    bus_.unsubscribe(tok);
  }

  void previewGuarded(Frame frame) {
    // No warning: the guard unsubscribes when it goes out of scope.
    Subscription sub(bus_, bus_.subscribe([frame] { consume(frame); }));
    bus_.publish();
  }

  void kept(Frame frame) {
    // The token goes to a member: the subscription outlives the call.
    token_ = bus_.subscribe([frame] { consume(frame); });
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: lambda stored in data member 'handlers_' keeps a copy of 'frame' (type 'Frame', 24 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-2]]:19: note: the lambda is passed to 'Bus::subscribe' here
    // CHECK-MESSAGES: :[[@LINE-68]]:15: note: the lambda is stored in data member 'handlers_' here
  }

  void scoped(Frame frame) {
    // No warning: the scoped connection disconnects at the end of the scope.
    boost::signals2::scoped_connection c = changed_.connect([frame] { consume(frame); });
    changed_();
  }

  void disconnected(Frame frame) {
    // No warning: disconnected on every path.
    boost::signals2::connection c = changed_.connect([frame] { consume(frame); });
    changed_();
    c.disconnect();
  }

  void connectedForGood(Frame frame) {
    boost::signals2::connection c = changed_.connect([frame] { consume(frame); });
    // CHECK-MESSAGES: :[[@LINE-1]]:55: warning: lambda passed to 'signal::connect' keeps a copy of 'frame' (type 'Frame', 24 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-2]]:46: note: 'signal::connect' is assumed to keep the callable beyond the call (option 'StoringFunctions')
    changed_();
    if (c.connected())
      return;
    c.disconnect();
  }

private:
  Bus bus_;
  int token_ = 0;
  boost::signals2::signal<void()> changed_;
};

// A member of a reference parameter: what the callers pass decides.
struct Job {
  Callback onDone;
};
static void prepare(Job &job, Frame frame) {
  // No warning: both callers pass one of their locals.
  job.onDone = [frame] { consume(frame); };
}
void runOnce(Frame f) {
  Job job;
  prepare(job, f);
  job.onDone();
}
void runTwice(Frame f) {
  Job first;
  prepare(first, f);
  first.onDone();
}

static void arm(Job &job, Frame frame) {
  job.onDone = [frame] { consume(frame); };
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: lambda stored in data member 'onDone' of parameter 'job' keeps a copy of 'frame' (type 'Frame', 24 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: the lambda is stored in data member 'onDone' of parameter 'job' here
}
Job g_job;
void armLocal(Frame f) {
  Job local;
  arm(local, f);
}
void armGlobal(Frame f) { arm(g_job, f); } // this caller's object outlives the call
