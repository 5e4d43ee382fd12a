#include "names.h"

int first(void) {
  char *n = NAME_NEW();
  return NAME_LEN(n);
}

int second(void) {
  char *n = name_copy();
  return n != 0;
}
