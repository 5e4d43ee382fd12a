// RUN: %check_leaklint %s leaklint-shared-ptr-cycle %t -- -std=c++17

#include <functional>
#include <memory>
#include <string>
#include <vector>

// no warning: each Connection<T> stores, in its own response, callbacks
// owning that same connection, and resets them when the request completes.
// Connection<Tcp> and Connection<Tls> never hold each other.
struct Response {
  std::function<void(const std::string &)> on_data;
  std::function<void()> on_done;
};
template <class Transport>
struct Connection : std::enable_shared_from_this<Connection<Transport>> {
  Response response;
  void start() {
    auto self = this->shared_from_this();
    response.on_data = [self](const std::string &) { (void)self; };
    response.on_done = [self] { (void)self; };
  }
  void complete() {
    response.on_data = nullptr;
    response.on_done = nullptr;
  }
};
struct Tcp {};
struct Tls {};
template struct Connection<Tcp>;
template struct Connection<Tls>;

// no warning: the callback goes through a setter of the response, which
// every instantiation shares; still, a Channel<In> and a Channel<Out> can
// never point at each other.
struct Reply {
  std::function<void()> done;
  void onDone(std::function<void()> f) { done = std::move(f); }
};
template <class Dir> struct Channel : std::enable_shared_from_this<Channel<Dir>> {
  Reply reply;
  void start() {
    reply.onDone([self = this->shared_from_this()] { (void)self; });
  }
};
struct In {};
struct Out {};
template struct Channel<In>;
template struct Channel<Out>;

// Two specializations of one template that do hold each other, through
// members of their own: reported.
struct Left;
struct Right;
template <class Side> struct Peer;
template <> struct Peer<Left> {
  std::vector<std::shared_ptr<Peer<Right>>> peers;
};
template <> struct Peer<Right> {
  std::shared_ptr<Peer<Left>> owner;
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'Peer<Right>::owner' closes a shared_ptr ownership cycle: 'Peer<Left>' and 'Peer<Right>' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-5]]:45: note: 'Peer<Left>::peers' holds a 'Peer<Right>'
// CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Peer<Right>::owner' holds a 'Peer<Left>' back
};
void link(Peer<Right> &r, const std::shared_ptr<Peer<Left>> &l) { r.owner = l; }

// The same shape without a reset anywhere: each stream keeps itself alive
// through its answer's callback.
struct Answer {
  std::function<void()> on_done;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Answer::on_done' closes a shared_ptr ownership cycle: a 'Stream<Tcp>' keeps itself alive through a callback that captures 'self' [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+6]]:10: note: 'Stream<Tcp>::answer' contains a 'Answer' by value
// CHECK-MESSAGES: :[[@LINE-3]]:25: note: 'Answer::on_done' holds a callback that keeps its own 'Stream<Tcp>' alive
// CHECK-MESSAGES: :[[@LINE+7]]:23: note: 'self' is captured by copy here and owns this object through shared_from_this()
};
template <class Transport>
struct Stream : std::enable_shared_from_this<Stream<Transport>> {
  Answer answer;
  void start() {
    auto self = this->shared_from_this();
    answer.on_done = [self] { (void)self; };
  }
};
template struct Stream<Tcp>;
