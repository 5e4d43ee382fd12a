/* A connect loop over getaddrinfo results: every socket that fails is closed before the next
 * result; the one that connects leaves the loop by `break`, with `res` still non-null. After
 * the loop, `res == NULL` means that no socket is open.
 * Real code: tinyproxy src/sock.c:209.
 * v2: "file descriptor opened by 'socket' is leaked on this early return". */
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>
int open_socket(const char *host, const char *port) {
  struct addrinfo hints = {0}, *res, *ressave;
  int sockfd = -1;
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(host, port, &hints, &res) != 0)
    return -1;
  ressave = res;
  do {
    sockfd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
    if (sockfd < 0)
      continue;
    if (connect(sockfd, res->ai_addr, res->ai_addrlen) == 0)
      break;
    close(sockfd);
  } while ((res = res->ai_next) != NULL);
  freeaddrinfo(ressave);
  if (res == NULL)
    return -1;
  return sockfd;
}
