/* open("/dev/null") with the result discarded, at startup, to make sure descriptors 0, 1 and 2
 * exist: the descriptor is meant to stay open for the life of the process (it becomes stdin,
 * stdout or stderr). Real code: dnsmasq main().
 * Baseline: "file descriptor opened by 'open' is leaked: the result is discarded". */
#include <fcntl.h>
#include <unistd.h>
void close_fds(long max_fd);
int main(void) {
  int i;
  for (i = 0; i < 3; i++)
    open("/dev/null", O_RDWR);
  close_fds(sysconf(_SC_OPEN_MAX));
  return 0;
}
