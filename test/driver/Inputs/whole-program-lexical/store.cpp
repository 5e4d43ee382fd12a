#include "store.h"
#include <cstdlib>

// A constructor whose member initializers hold braces before its body.
Store::Store() : count_{0}, name_("store") {}

char *Store::take(int n) {
  ++count_;
  return static_cast<char *>(std::malloc(n));
}

void Store::give(char *p) {
  --count_;
  std::free(p);
}
