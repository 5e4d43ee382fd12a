// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -x c -std=gnu11
// The `main` policy: what `main` still holds when it returns is given back
// by the process's exit once, and is not reported; a leak that repeats on
// every turn of a loop (a server's accept loop) is.
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

void serve(int fd, char *buf);

int main(int argc, char **argv) {
  FILE *log = fopen(argc > 1 ? argv[1] : "server.log", "a");
  if (!log)
    return 1;
  int s = socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0)
    return 1; // no warning: 'log' is closed by the exit
  for (;;) {
    int c = accept(s, NULL, NULL);
    if (c < 0)
      break;
    char *buf = malloc(4096);
    if (!buf)
      continue;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: file descriptor opened by 'accept' is leaked when 'c' goes out of scope [leaklint-owning-pointer]
    if (read(c, buf, 4096) <= 0) {
      free(buf);
      close(c);
      continue;
    }
    if (buf[0] == 'q') {
      fprintf(log, "quit\n");
      return 0; // no warning: once, at the exit
    }
    serve(c, buf);
    free(buf);
    close(c);
  }
  fclose(log);
  return 0; // no warning: 's' is closed by the exit
}
