/* C's embedded-base idiom: the function returns the address of the first member
 * (`return &a->archive;`), which is the object itself; what the object's fields hold goes
 * with it. Real code: libarchive libarchive/archive_write.c:124.
 * v2: "memory allocated by 'calloc' is leaked when 'nulls' goes out of scope". */
#include <stdlib.h>
struct archive { int magic; };
struct archive_write { struct archive archive; unsigned char *nulls; size_t null_length; };
struct archive *archive_write_new(void) {
  struct archive_write *a = calloc(1, sizeof(*a));
  unsigned char *nulls;
  if (a == NULL)
    return NULL;
  a->archive.magic = 0xb0c5c0de;
  a->null_length = 1024;
  nulls = calloc(1, a->null_length);
  if (nulls == NULL) {
    free(a);
    return NULL;
  }
  a->nulls = nulls;
  return &a->archive;
}
