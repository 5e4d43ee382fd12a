/* A stream that is either a fresh fopen() or stdin, closed under 'if (f != stdin)': a stream
 * fopen() returns is never stdin, but the engine does not decide the comparison and reports
 * the path on which it would be equal. Real code: pbzip2 testCompressedData().
 * Baseline: "file opened by 'fopen' is leaked on this early return". */
#include <stdio.h>
#include <string.h>
int check(const char *name) {
  FILE *f;
  if (strcmp(name, "-") != 0) {
    f = fopen(name, "rb");
    if (f == NULL) return -1;
  } else {
    f = stdin;
  }
  if (ferror(f)) {
    if (f != stdin) fclose(f);
    return -1;
  }
  int c = fgetc(f);
  if (f != stdin) fclose(f);
  return c;
}
