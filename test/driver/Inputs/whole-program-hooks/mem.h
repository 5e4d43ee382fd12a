// A library's allocator hooks (libxml2's xmlMalloc, gnutls's gnutls_malloc):
// function pointers the application may replace, set in another file.
#include <stddef.h>
typedef void *(*alloc_fn)(size_t);
typedef void (*free_fn)(void *);
typedef char *(*dup_fn)(const char *);
extern alloc_fn lib_malloc;
extern free_fn lib_free;
extern alloc_fn lib_scratch;
extern dup_fn lib_strdup;
int lib_mem_setup(alloc_fn a, free_fn f);
