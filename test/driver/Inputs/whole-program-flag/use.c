#include <stdlib.h>

struct item { int key; };
struct item *sort_items(int n, int *too_deep);

int first_key(int n) {
  int too_deep = 0;
  struct item *items = sort_items(n, &too_deep);
  if (too_deep)
    return -1;
  int k = items[0].key;
  free(items);
  return k;
}

int last_key(int n) {
  int too_deep = 0;
  struct item *items = sort_items(n, &too_deep);
  if (too_deep)
    return -1;
  if (n < 2)
    return 0;
  int k = items[n - 1].key;
  free(items);
  return k;
}
