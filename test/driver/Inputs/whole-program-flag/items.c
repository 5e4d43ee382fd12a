#include <stdlib.h>

struct item { int key; };
int compare_failed(void);

struct item *sort_items(int n, int *too_deep) {
  *too_deep = 0;
  struct item *items = calloc((size_t)n, sizeof *items);
  if (!items)
    abort();
  if (compare_failed()) {
    free(items);
    *too_deep = 1;
    return NULL;
  }
  return items;
}
