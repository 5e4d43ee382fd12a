#include "gc.h"

int in_arena(const char *s) {
  struct gc_arena gc = {NULL};
  char *copy = string_alloc(s, &gc);
  int r = copy[0] == 'x';
  gc_free(&gc);
  return r;
}

int without_arena(const char *s) {
  char *copy = string_alloc(s, NULL);
  return copy[0] == 'x';
}
