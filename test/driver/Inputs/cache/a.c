#include "buf.h"

int fill(int n) {
  char *b = buf_new(16);
  if (!b)
    return -1;
  if (n > 16)
    return -2;
  free(b);
  return 0;
}
