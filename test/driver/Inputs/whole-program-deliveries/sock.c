#include <sys/socket.h>

// Delivers a socket through `*out`; -1 when it could not.
int make_sock(int *out) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0)
    return -1;
  *out = s;
  return 0;
}
