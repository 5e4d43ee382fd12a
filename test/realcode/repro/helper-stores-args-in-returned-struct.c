/* A helper that allocates a struct, stores its pointer arguments in it and returns it: the
 * arguments are handed to the returned struct (libzstd's UTIL_assembleFileNamesTable).
 * Real code: libzstd programs/util.c:641, :678, :1270, :1289.
 * v2: "memory allocated by 'malloc' is leaked when 'names' goes out of scope". */
#include <stdlib.h>
typedef struct { const char **names; char *buf; size_t size; } table_t;
static table_t *assemble(const char **names, size_t size, char *buf) {
  table_t *t = malloc(sizeof(*t));
  if (!t)
    exit(1);
  t->names = names;
  t->buf = buf;
  t->size = size;
  return t;
}
table_t *table_new(size_t size) {
  const char **const names = malloc(size * sizeof(*names));
  table_t *t;
  if (names == NULL)
    return NULL;
  t = assemble(names, size, NULL);
  t->size = 0;
  return t;
}
