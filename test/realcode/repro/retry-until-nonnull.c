/* A retry loop that allocates until it succeeds: the loop goes round again only while the
 * pointer is null, so nothing is overwritten while owned. The engine does not carry the
 * 'testmem is null' of the do-while condition to the next iteration.
 * Real code: zstd programs/benchzstd.c BMK_findMaxMem().
 * Baseline: "'testmem' is overwritten while it still owns memory allocated by 'malloc'". */
#include <stdlib.h>
size_t find_max_mem(size_t required, size_t step) {
  void *testmem = NULL;
  do {
    testmem = malloc(required);
    required -= step;
  } while (!testmem && required > 0);
  free(testmem);
  return required;
}
