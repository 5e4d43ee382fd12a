/* Cause E1: a pointer passed to a function that keeps it only when it succeeds
   (libxml2 xmlListPushFront(writer->nsstack, p), libxslt xmlHashAddEntry2(..., def),
   sgt-puzzles untangle add234(edges, e) that returns the existing element for a duplicate):
   passing it as a non-const pointer to a function the TU cannot see is taken as a
   hand-off on every path, including the one where the callee reports failure. */
#include <stdlib.h>

struct list;
int list_push_front(struct list *l, void *data); /* 0 on failure: 'data' is not kept */

int push_ns(struct list *stack) {
  int *p = malloc(sizeof *p);
  if (p == NULL)
    return -1;
  *p = 1;
  if (list_push_front(stack, p) == 0)
    return -1; /* leak: 'p' was not kept */
  return 0;
}

/* Measured: leaklint (baseline 0.1.0): nothing.
   clang-19 --analyze -Xanalyzer -analyzer-checker=unix.Malloc,unix.Stream: nothing. */
