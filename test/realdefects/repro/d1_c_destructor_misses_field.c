/* Cause D1: a C "destructor" (a GObject finalize, a *_free or *_clear function) releases
   every owned field but one (packagekit pk_progress_finalize: 'sender'; libsoup
   soup_auth_digest_finalize: 'opaque'; gnutls clear_options: the 'data' array).
   leaklint's member check covers C++ classes and their destructors, not C structs. */
#include <stdlib.h>
#include <string.h>

struct progress { char *package_id; char *transaction_id; char *sender; };

struct progress *progress_new(const char *id, const char *tid, const char *sender) {
  struct progress *p = calloc(1, sizeof *p);
  if (!p)
    return NULL;
  p->package_id = strdup(id);
  p->transaction_id = strdup(tid);
  p->sender = strdup(sender);
  return p;
}

void progress_free(struct progress *p) {
  free(p->package_id);
  free(p->transaction_id);
  free(p); /* leak: p->sender */
}

/* Measured: leaklint (baseline 0.1.0): nothing.
   clang-19 --analyze -Xanalyzer -analyzer-checker=unix.Malloc,unix.Stream: nothing. */
