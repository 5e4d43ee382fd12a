#include <string.h>
#include "mem.h"

char *copy_name(const char *s, int check) {
  char *p = lib_malloc(strlen(s) + 1);
  if (!p)
    return NULL;
  strcpy(p, s);
  if (check && p[0] == 0)
    return NULL;
  return p;
}

int scratch(void) {
  char *t = lib_scratch(16);
  if (!t)
    return -1;
  return t[0];
}

void balanced(void) {
  char *p = lib_malloc(8);
  if (p)
    lib_free(p);
}
