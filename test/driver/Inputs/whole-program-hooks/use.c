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

struct entry {
  char *name;
  int id;
};

int add_entry(struct entry *out, const char *name, int id) {
  struct entry e;
  e.name = lib_strdup(name);
  if (!e.name)
    return -1;
  if (id < 0)
    return -1;
  e.id = id;
  *out = e;
  return 0;
}
