#include <stdlib.h>
#include <string.h>
#include "gc.h"

void *gc_malloc(size_t size, struct gc_arena *a) {
  struct gc_entry *e = malloc(size + sizeof *e);
  if (!e)
    abort();
  e->next = a->list;
  a->list = e;
  return e + 1;
}

void gc_free(struct gc_arena *a) {
  struct gc_entry *e = a->list;
  a->list = NULL;
  while (e) {
    struct gc_entry *n = e->next;
    free(e);
    e = n;
  }
}

char *string_alloc(const char *str, struct gc_arena *gc) {
  size_t n = strlen(str) + 1;
  char *ret = gc ? gc_malloc(n, gc) : calloc(1, n);
  if (!ret)
    abort();
  memcpy(ret, str, n);
  return ret;
}
