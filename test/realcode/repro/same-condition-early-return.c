/* A descriptor opened under 'if (eo->std_redirect)' and closed under the same test before an early
 * return: the two tests are one (nothing in between writes the
 * option), but the engine forgets the field's value across the calls in between, and on an early
 * return it reports the path that takes the first branch and skips the second. Real code: fio engines/exec.c exec_background().
 * Baseline: "file descriptor opened by 'open' is leaked on this early return". */
#include <fcntl.h>
#include <unistd.h>
struct exec_options { int std_redirect; int pid; };
void log_info(const char *fmt, ...);
int start(struct exec_options *eo, const char *out) {
  int outfd = -1;
  if (eo->std_redirect) {
    outfd = open(out, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    if (outfd < 0) return -1;
  }
  log_info("%s: running\n", out);
  pid_t pid = fork();
  if (pid > 0) {
    eo->pid = pid;
    if (eo->std_redirect) close(outfd);
    return 0;
  }
  if (pid == 0) {
    if (eo->std_redirect) { dup2(outfd, 1); close(outfd); }
    execlp("true", "true", (char *)0);
    _exit(127);
  }
  if (eo->std_redirect) close(outfd);
  return -1;
}
