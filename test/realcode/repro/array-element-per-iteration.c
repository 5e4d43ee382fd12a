/* A pointer to the i-th array element, taken anew in each iteration: `al->map` is a field of
 * another element every time, so nothing is overwritten.
 * Real code: fio lib/axmap.c:142.
 * v2: "'al->map' is overwritten while it still owns memory allocated by 'malloc'". */
#include <stdlib.h>
struct level { unsigned long *map; size_t size; };
struct bitmap { struct level *levels; unsigned int nr_levels; };
struct bitmap *bitmap_new(unsigned int levels) {
  struct bitmap *b = malloc(sizeof(*b));
  unsigned int i;
  if (!b)
    return NULL;
  b->nr_levels = levels;
  b->levels = calloc(b->nr_levels, sizeof(struct level));
  if (!b->levels)
    goto free_bitmap;
  for (i = 0; i < b->nr_levels; i++) {
    struct level *al = &b->levels[i];
    al->size = 64;
    al->map = malloc(al->size * sizeof(unsigned long));
    if (!al->map)
      goto free_levels;
  }
  return b;
free_levels:
  for (i = 0; i < b->nr_levels; i++)
    free(b->levels[i].map);
  free(b->levels);
free_bitmap:
  free(b);
  return NULL;
}
