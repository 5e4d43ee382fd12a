/* Cause A2: the allocator and the release are called through global function pointers
   (libxml2's xmlMalloc/xmlFree, gnutls_malloc/gnutls_strdup/gnutls_free, Ghostscript's
   gs_alloc_bytes -> mem->procs.alloc_bytes). Nothing says that the pointer returned owns
   memory; the free through the same kind of pointer is not seen as a release either. */
#include <stdlib.h>
#include <string.h>

typedef void *(*malloc_fn)(size_t);
typedef void (*free_fn)(void *);
malloc_fn lib_malloc = malloc; /* a hook the application may replace */
free_fn lib_free = free;

struct entry { char *uri; };

int push_entry(const char *uri, int fail) {
  struct entry *p = lib_malloc(sizeof *p);
  if (p == NULL)
    return -1;
  p->uri = NULL;
  if (fail)
    return -1; /* leak: 'p' */
  lib_free(p);
  return 0;
}

/* Measured: leaklint (baseline 0.1.0): nothing. Control: with malloc() instead of lib_malloc(), leaklint reports the early return.
   clang-19 --analyze -Xanalyzer -analyzer-checker=unix.Malloc,unix.Stream: nothing. */
/* Measured 2026-12-03, leaklint main: reported (a hook the TU sets to malloc/free). Not when
   the hooks are set in another file, even in whole-program mode: the real libraries' case. */
