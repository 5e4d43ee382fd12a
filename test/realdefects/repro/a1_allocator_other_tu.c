/* Cause A1: the allocator is a function of another translation unit.
   Real cases: libxml2 xmlStrdup/xmlXPathCtxtCompile, ImageMagick ReadImage, sgt-puzzles
   smalloc/dupstr/grid_new (keen, loopy, mosaic, midend).
   The library's own strdup-like function is declared, not defined, in this file: the
   engine does not know that it returns memory the caller owns. */
#include <stdlib.h>
#include <string.h>

char *xstrdup_copy(const char *s); /* defined in another file: returns malloc'ed memory */

int set_name(const char *name, int bad) {
  char *copy = xstrdup_copy(name);
  if (copy == NULL)
    return -1;
  if (bad)
    return -2; /* leak: 'copy' is never freed on this path */
  free(copy);
  return 0;
}

/* Measured: leaklint (baseline 0.1.0): nothing. Control: with strdup() instead of xstrdup_copy(), leaklint reports the early return.
   clang-19 --analyze -Xanalyzer -analyzer-checker=unix.Malloc,unix.Stream: nothing. */
/* Measured 2026-12-03, leaklint main: nothing; reported with __attribute__((malloc)) or
   __attribute__((ownership_returns(malloc))) on the declaration, and in whole-program mode
   (leaklint --whole-program -p BUILD) with a file defining xstrdup_copy over malloc. */
