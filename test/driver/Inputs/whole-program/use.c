#include "buf.h"

int fill(int n) {
  char *b = buf_new(16);
  if (!b)
    return -1;
  if (n < 0)
    return -2;
  buf_free(b);
  return 0;
}

int copy(const char *s) {
  char *c = buf_dup(s);
  if (!c)
    return -1;
  return c[0];
}

// Released by the helper of alloc.c: silent in both modes.
int balanced(void) {
  char *b = buf_new(8);
  buf_free(b);
  return 0;
}
