// RUN: %check_leaklint --config="{CheckOptions: {leaklint-lambda-capture.SizeThreshold: 64, leaklint-lambda-capture.StoringFunctions: 'watch;::ui::bind', leaklint-lambda-capture.HeapOwningTypes: '::std::vector;::std::function'}}" %s leaklint-lambda-capture %t -- -std=c++17

#include <functional>
#include <string>
#include <vector>

using Callback = std::function<void()>;

struct Mid {
  char data[100]; // above 64, below the default 256
};
struct Tiny {
  char data[60];
};

int subscribe(Callback cb); // no longer listed
void watch(Callback cb);    // listed
namespace ui {
void bind(Callback cb); // listed by its qualified name
}
namespace other {
void bind(Callback cb); // not the listed one
}

std::vector<Callback> g_callbacks;

void threshold(Mid mid, Tiny tiny, std::string name, std::vector<int> ids) {
  g_callbacks.push_back([mid] { (void)mid; });
  // CHECK-FIXES:  g_callbacks.push_back([mid] { (void)mid; });
  // CHECK-MESSAGES: :[[@LINE-2]]:26: warning: lambda stored in global 'g_callbacks' keeps a copy of 'mid' (type 'Mid', 100 bytes) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: the lambda is stored in global 'g_callbacks' here
  g_callbacks.push_back([tiny] { (void)tiny; }); // no warning: 60 bytes
  g_callbacks.push_back([name] { (void)name; }); // no warning: strings are not listed
  g_callbacks.push_back([ids] { (void)ids; });
  // CHECK-FIXES:  g_callbacks.push_back([ids = std::move(ids)] { (void)ids; });
  // CHECK-MESSAGES: :[[@LINE-2]]:26: warning: lambda stored in global 'g_callbacks' keeps a copy of 'ids' (type 'std::vector<int>', 24 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: the lambda is stored in global 'g_callbacks' here
}

void apis(std::vector<int> a, std::vector<int> b, std::vector<int> c, std::vector<int> d) {
  watch([a] { (void)a; });
  // CHECK-FIXES:  watch([a = std::move(a)] { (void)a; });
  // CHECK-MESSAGES: :[[@LINE-2]]:10: warning: lambda passed to 'watch' keeps a copy of 'a' (type 'std::vector<int>', 24 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'watch' is assumed to keep the callable beyond the call (option 'StoringFunctions')
  ui::bind([b] { (void)b; });
  // CHECK-FIXES:  ui::bind([b = std::move(b)] { (void)b; });
  // CHECK-MESSAGES: :[[@LINE-2]]:13: warning: lambda passed to 'ui::bind' keeps a copy of 'b' (type 'std::vector<int>', 24 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'ui::bind' is assumed to keep the callable beyond the call (option 'StoringFunctions')
  other::bind([c] { (void)c; }); // no warning: another 'bind'
  subscribe([d] { (void)d; });   // no warning: the list was replaced
}
