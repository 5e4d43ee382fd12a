// RUN: %check_leaklint --config="{CheckOptions: {leaklint-owning-pointer.Strictness: strict}}" %s leaklint-owning-pointer %t -- -std=c++17 -I %S/Inputs/owning-pointer
// Strictness 'strict' also reports the leaks that depend on what the engine
// cannot see: the default ('conservative') stays silent on each of these
// (owning-pointer-realcode.cpp has them as negatives).
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

// A callee that throws after it was given the pointer: it may have owned
// or freed it first.
struct Plugin {
  virtual ~Plugin() = default;
};
std::map<std::string, Plugin *> plugins;
void add(const std::string &name, Plugin *p) {
  if (plugins.count(name))
    throw std::runtime_error(name);
  plugins[name] = p;
}
void load() { add("core", new Plugin); }
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: memory allocated by 'new' is leaked if 'add' throws [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-2]]:27: note: memory is allocated here

// `release()` with the result dropped: the pointer was handed over before,
// as far as the code says.
void hand_over(std::unique_ptr<Plugin> p) {
  p.release();
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: memory released from a unique_ptr by 'release()' is leaked: the result is discarded [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the unique_ptr gives up ownership here

// A callee that throws after the `default:` of a switch on its parameter
// (a precondition the caller is taken to meet by default).
#include "precondition.h"
int best_priority(const Address &a) {
  int *scratch = new int[4];
  int p = priority(a);
  delete[] scratch;
  return p;
}
// CHECK-MESSAGES: :[[@LINE-4]]:11: warning: memory allocated by 'new[]' is leaked if 'priority' throws [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-6]]:18: note: memory is allocated here
