/* `return memcpy(dest, src, n);`: memcpy returns its first argument, so the fresh block is
 * returned. Real code: xz-utils src/xz/util.c:53 (xstrdup).
 * v2: "memory allocated by 'malloc' is leaked when 'dest' goes out of scope". */
#include <stdlib.h>
#include <string.h>
char *xstrdup(const char *src) {
  const size_t size = strlen(src) + 1;
  char *dest = malloc(size);
  if (dest == NULL)
    abort();
  return memcpy(dest, src, size);
}
