#include <stdio.h>
#include <stdlib.h>

void novm(const char *what) {
  fprintf(stderr, "out of memory: %s\n", what);
  exit(1);
}

void warn(const char *what) { fprintf(stderr, "warning: %s\n", what); }
