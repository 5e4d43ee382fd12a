#include "store.h"

int first(Store &s) {
  char *p = s.take(4);
  if (!p)
    return -1;
  return p[0];
}

int balanced(Store *s) {
  char *p = s->take(4);
  s->give(p);
  return 0;
}
