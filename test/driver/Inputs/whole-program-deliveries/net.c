#include <unistd.h>

int make_sock(int *out);

int hello(void) {
  int fd;
  if (make_sock(&fd) < 0)
    return -1;
  if (write(fd, "hello", 5) < 0)
    return -1;
  close(fd);
  return 0;
}
