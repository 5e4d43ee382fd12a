/* Cause F1: an early return written by a macro whose condition the engine cannot decide
   is taken as an assertion and its leaks are not reported (the precision rule in
   docs/checks/owning-pointer.md). opensc's LOG_TEST_RET(ctx, rv, msg) is such a macro, but
   it is error handling, not an assertion: the path is taken whenever the card says no. */
#include <stdio.h>

#define LOG_TEST_RET(r, text) \
  do { if ((r) < 0) { fprintf(stderr, "%s\n", (text)); return (r); } } while (0)

int card_update(int rv);

int update_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return -1;
  int rv = card_update(1);
  LOG_TEST_RET(rv, "Update binary error"); /* leak: 'f' */
  fclose(f);
  return 0;
}

/* Measured: leaklint (baseline 0.1.0): nothing. Control: with the macro's 'if (rv < 0) return rv;' written out, leaklint reports it.
   clang-19 --analyze -Xanalyzer -analyzer-checker=unix.Malloc,unix.Stream: unix.Stream: "Opened stream never closed. Potential resource leak" at the LOG_TEST_RET line. */
