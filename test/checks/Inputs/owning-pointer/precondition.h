// A callee whose only throw follows the `default:` of a switch on its
// parameter: a precondition (owning-pointer-realcode.cpp has it silent,
// owning-pointer-strict.cpp reported).
#pragma once
#include <stdexcept>
enum Family { Inet = 2, Inet6 = 10 };
struct Address {
  Family family() const { return F; }
  Family F = Inet;
};
int priority(const Address &addr) {
  switch (addr.family()) {
  case Inet:
    return 1;
  case Inet6:
    return 2;
  default:
    throw std::logic_error("unknown address family");
  }
}
