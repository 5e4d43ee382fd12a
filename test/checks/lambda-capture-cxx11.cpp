// RUN: %check_leaklint %s leaklint-lambda-capture %t -- -std=c++11

#include <functional>
#include <string>
#include <vector>

std::vector<std::function<void()>> g_callbacks;

// C++11 has no init-captures: the warning comes without the std::move fix.
void store(std::string name) {
  g_callbacks.push_back([name] { (void)name; });
  // CHECK-FIXES:  g_callbacks.push_back([name] { (void)name; });
  // CHECK-MESSAGES: :[[@LINE-2]]:26: warning: lambda stored in global 'g_callbacks' keeps a copy of 'name' (type 'std::string', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: the lambda is stored in global 'g_callbacks' here
}
