/* accept() retried while it fails with EINTR: the loop goes round again only when 'sd' is -1,
 * so no descriptor is overwritten. Same gap as retry-until-nonnull.c (a null/invalid test in
 * the left operand of '&&' in a loop condition is not used on the back edge).
 * Real code: Poco Net SocketImpl::acceptConnection().
 * Baseline: "'sd' is overwritten while it still owns file descriptor opened by 'accept'". */
#include <errno.h>
#include <sys/socket.h>
int accept_one(int lfd) {
  struct sockaddr_storage buffer;
  socklen_t len = sizeof(buffer);
  int sd;
  do {
    sd = accept(lfd, (struct sockaddr *)&buffer, &len);
  } while (sd == -1 && errno == EINTR);
  return sd;
}
