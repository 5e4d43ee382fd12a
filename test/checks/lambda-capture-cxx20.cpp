// RUN: %check_leaklint %s leaklint-lambda-capture %t -- -std=c++20

#include <functional>
#include <span>
#include <string>
#include <utility>
#include <vector>

using Callback = std::function<void()>;

struct Task {
  int when;
  Callback fn;
};

std::vector<Callback> g_callbacks;

class Widget {
public:
  void explicitThis(std::vector<int> frame) {
    handlers_.push_back([=, this] { (void)frame; (void)handlers_; });
    // CHECK-FIXES:    handlers_.push_back([frame = std::move(frame), this] { (void)frame; (void)handlers_; });
    // CHECK-MESSAGES: :[[@LINE-2]]:43: warning: lambda stored in data member 'handlers_' keeps a copy of 'frame' (type 'std::vector<int>', 24 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:15: note: the lambda is stored in data member 'handlers_' here
  }

  void designated(std::string name) {
    tasks_.push_back(Task{.when = 1, .fn = [name] { (void)name; }});
    // CHECK-FIXES:    tasks_.push_back(Task{.when = 1, .fn = [name = std::move(name)] { (void)name; }});
    // CHECK-MESSAGES: :[[@LINE-2]]:45: warning: lambda stored in data member 'tasks_' keeps a copy of 'name' (type 'std::string', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:12: note: the lambda is stored in data member 'tasks_' here
  }

  void parenAggregate(std::string name) {
    tasks_.push_back(Task(2, [name] { (void)name; }));
    // CHECK-FIXES:    tasks_.push_back(Task(2, [name = std::move(name)] { (void)name; }));
    // CHECK-MESSAGES: :[[@LINE-2]]:31: warning: lambda stored in data member 'tasks_' keeps a copy of 'name' (type 'std::string', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:12: note: the lambda is stored in data member 'tasks_' here
  }

private:
  std::vector<Callback> handlers_;
  std::vector<Task> tasks_;
};

void bindings(std::pair<std::vector<int>, int> p) {
  auto [values, count] = p;
  g_callbacks.push_back([values] { (void)values; });
  // CHECK-FIXES:  g_callbacks.push_back([values] { (void)values; });
  // CHECK-MESSAGES: :[[@LINE-2]]:26: warning: lambda stored in global 'g_callbacks' keeps a copy of 'values' (type 'std::vector<int>', 24 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: the lambda is stored in global 'g_callbacks' here
}

void spans(std::span<const int> view, std::vector<int> owned) {
  g_callbacks.push_back([view] { (void)view; }); // no warning: a span is a handle
  g_callbacks.push_back([owned = std::move(owned)] { (void)owned; }); // no warning: moved
}

template <typename... Ts> void pack(Ts... xs) {
  g_callbacks.push_back([... ys = xs] { (void)sizeof...(ys); });
  // CHECK-FIXES:  g_callbacks.push_back([... ys = std::move(xs)] { (void)sizeof...(ys); });
  // CHECK-MESSAGES: :[[@LINE-2]]:30: warning: lambda stored in global 'g_callbacks' keeps a copy of 'xs' (type 'std::basic_string<char>', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: the lambda is stored in global 'g_callbacks' here
}
template void pack<std::string>(std::string);
