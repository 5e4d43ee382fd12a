// RUN: %check_leaklint %s leaklint-lambda-capture %t -- -std=c++17 -I %S/Inputs/lambda-capture
//
// Callback APIs declared in a project header. The bodies decide whether the
// callable is kept, in every door: leaklint-clangd parses the header without
// bodies (its preamble), and then says nothing rather than guess from a name.
#include "dispatch.h"
#include <string>
#include <vector>

struct Widget {
  std::vector<std::string> Names;
  Bus Events;

  void refresh() {
    std::vector<std::string> Copy = Names;
    // no warning: post() calls the lambda and keeps nothing
    post([Copy] { (void)Copy.size(); });
    // no warning: Bus::subscribe() calls the lambda and keeps nothing
    Events.subscribe([Copy] { (void)Copy.size(); });
  }
};
