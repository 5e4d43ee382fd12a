/* An allocation wrapper that never returns NULL (it exits on failure, in another file), tested
 * for NULL anyway: the early return on the null branch is dead code, so the descriptor opened
 * before it is not leaked.
 * Real code: rsync syscall.c:1959 (my_strdup -> my_alloc -> _out_of_memory).
 * v2: "file descriptor opened by 'open' is leaked on this early return". */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
extern void *my_alloc(void *ptr, size_t num, size_t size, const char *file, int line); /* exits on failure */
static inline char *my_strdup(const char *str, const char *file, int line) {
  size_t len = strlen(str) + 1;
  char *buf = my_alloc(NULL, len, 1, file, line);
  memcpy(buf, str, len);
  return buf;
}
int open_under_root(const char *path) {
  int dirfd = open("/", O_RDONLY | O_DIRECTORY);
  if (dirfd < 0)
    return -1;
  char *copy = my_strdup(path, __FILE__, __LINE__);
  if (!copy)
    return -1;
  int fd = openat(dirfd, copy + 1, O_RDONLY);
  free(copy);
  close(dirfd);
  return fd;
}
