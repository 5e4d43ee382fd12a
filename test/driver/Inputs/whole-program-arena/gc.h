// An arena of blocks freed together (openvpn's struct gc_arena): the
// allocator puts a block in the arena it is given, and returns a fresh one
// that the caller owns only when it is given none.
#include <stddef.h>
struct gc_entry {
  struct gc_entry *next;
};
struct gc_arena {
  struct gc_entry *list;
};
void *gc_malloc(size_t size, struct gc_arena *a);
void gc_free(struct gc_arena *a);
char *string_alloc(const char *str, struct gc_arena *gc);
