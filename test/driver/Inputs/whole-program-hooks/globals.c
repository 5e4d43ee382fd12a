#include <stdlib.h>
#include "mem.h"

alloc_fn lib_malloc = malloc;
free_fn lib_free = free;
alloc_fn lib_scratch = malloc;

// The application's replacements keep malloc's contract.
int lib_mem_setup(alloc_fn a, free_fn f) {
  if (!a || !f)
    return -1;
  lib_malloc = a;
  lib_free = f;
  return 0;
}
