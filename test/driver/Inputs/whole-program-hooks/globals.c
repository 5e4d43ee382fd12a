#include <stdlib.h>
#include <string.h>
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

// A hook set to a function of the program, here and in no other file
// (gnutls_strdup = _gnutls_strdup): a call through it is a call of that
// function, which use.c does not declare.
char *lib_strdup_impl(const char *s) {
  char *p = lib_malloc(strlen(s) + 1);
  return p ? strcpy(p, s) : NULL;
}
dup_fn lib_strdup = lib_strdup_impl;
