#include "names.h"

int first(void) {
  char *n = name_new();
  return name_len(n);
}

int second(void) {
  char *n = name_copy();
  return n != 0;
}
