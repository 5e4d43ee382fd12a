#include "buffers.h"

int fill(void) {
  char *b = SMALL_BUFFER();
  return b != 0;
}
