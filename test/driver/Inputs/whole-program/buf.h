// A buffer library split over files, as in a real build: the allocation
// wrapper and the release helper in alloc.c, a second wrapper in dup.c, the
// users in use.c.
#include <stddef.h>
char *buf_new(size_t n);
void buf_free(char *b);
char *buf_dup(const char *s);
