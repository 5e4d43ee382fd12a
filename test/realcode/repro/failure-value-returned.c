/* A connect helper that stores the descriptor in a struct and returns 0, or returns the
 * (negative) descriptor value when opening failed: the summary takes it for a function that
 * returns a fresh descriptor, and the caller's status variable "owns" it.
 * Real code: fio client.c fio_client_connect() / fio_clients_connect().
 * Baseline: "'ret' is overwritten while it still owns file descriptor opened by 'client_connect'". */
#include <sys/socket.h>
struct client { int fd; struct client *next; };
int client_connect(struct client *c) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return fd;
  c->fd = fd;
  return 0;
}
int clients_connect(struct client *list) {
  int ret = 0, ok = 0;
  for (struct client *c = list; c; c = c->next) {
    ret = client_connect(c);
    if (ret) continue;
    ok++;
  }
  return ok;
}
