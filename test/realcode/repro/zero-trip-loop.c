/* A resource handed off inside a loop whose count is a setting the engine cannot bound: the
 * loop is assumed to run zero times, and the overwrite on the next outer iteration is reported.
 * Real code: memcached server_socket() (one fd per UDP worker thread).
 * Baseline: warning at the 'sfd = new_socket()' line ('sfd' is overwritten while it still owns
 * file descriptor); the code is correct whenever threads_per_udp >= 1. */
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>
void dispatch_conn_new(int fd, int state); /* another file: queues fd for a worker */
struct settings { int threads_per_udp; } settings;
static int new_socket(void) {
  int sfd = socket(AF_INET, SOCK_DGRAM, 0);
  if (sfd == -1) return -1;
  return sfd;
}
int server_sockets(int n) {
  int sfd;
  for (int i = 0; i < n; i++) {
    if ((sfd = new_socket()) == -1) continue;
    for (int c = 0; c < settings.threads_per_udp; c++) {
      int per_thread_fd = sfd;
      if (c > 0 && (per_thread_fd = dup(sfd)) < 0) exit(1);
      dispatch_conn_new(per_thread_fd, 1);
    }
  }
  return 0;
}
