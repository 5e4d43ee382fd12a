/* Cause B1: a struct is released but one of the heap blocks its fields own is not
   (libxml2 p->prefix freed with xmlFree(p) only; yajl context_pop frees the stack element
   but not stack->key; gnutls-serv listener_free frees the contents but not the element).
   Storing into a field of a tracked heap object hands the value off: the field's block
   is no longer tracked, so freeing the struct alone is not seen as losing it. */
#include <stdlib.h>
#include <string.h>

struct ns { char *prefix; char *uri; };

struct ns *make_ns(const char *prefix, const char *uri) {
  struct ns *p = malloc(sizeof *p);
  if (p == NULL)
    return NULL;
  p->prefix = strdup(prefix);
  p->uri = strdup(uri);
  if (p->uri == NULL) {
    free(p); /* leak: p->prefix */
    return NULL;
  }
  return p;
}

/* Measured: leaklint (baseline 0.1.0): nothing.
   clang-19 --analyze -Xanalyzer -analyzer-checker=unix.Malloc,unix.Stream: nothing. */
/* Measured 2026-12-03, leaklint main: reported ("'p->prefix' still owns memory allocated by
   'strdup' when 'p' is freed"). */
