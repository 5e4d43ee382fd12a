// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -x c -std=gnu11
// RUN: not %leaklint --checks=-*,leaklint-owning-pointer --quiet %s -- -x c -std=gnu11 -DFILE_FREES 2>&1 | FileCheck --check-prefix=FREES %s
// An allocator known only by a plain `malloc` attribute, in a file whose
// code releases no memory at all: exim's `store_get` hands out blocks of a
// pool that a reset gives back, never one at a time. A path that drops one
// is not reported. Where the file does release memory (FILE_FREES), the
// same allocator is followed, and the leak is reported.
#include <stdlib.h>
#include <string.h>

void *pool_get(size_t size) __attribute__((malloc));
void *pool_mark(void);
void pool_reset(void *mark);
int lookup(const char *key, char **value);

static char *pool_copy(const char *s) {
  char *c = pool_get(strlen(s) + 1);
  strcpy(c, s);
  return c;
}

int find_domain(const char *address, char **domain) {
  const char *at = strchr(address, '@');
  char *local = pool_copy(address);
  if (!at)
    return -1; // no warning: the pool's, given back by a reset
  // FREES: owning-pointer-pools.c:[[@LINE-1]]:5: warning: memory allocated by 'pool_copy' is leaked on this early return [leaklint-owning-pointer]
  *domain = pool_copy(at + 1);
  return lookup(local, domain);
}

#ifdef FILE_FREES
void drop(char *s) { free(s); }
#endif
