#include "buf.h"
#include <stdlib.h>
#include <string.h>

char *buf_new(size_t n) {
  char *b = malloc(n);
  if (b)
    memset(b, 0, n);
  return b;
}

void buf_free(char *b) { free(b); }
