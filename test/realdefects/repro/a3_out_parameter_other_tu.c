/* Cause A3: the resource comes back through an out-parameter of a function of another
   translation unit (opensc sc_select_file(card, path, &file), gnutls pkcs11_url_to_info,
   krb5 k5_buf_init_dynamic). Only asprintf/posix_memalign/getline are known to do that. */
#include <stdlib.h>

struct file { int size; };
int select_file(const char *path, struct file **out); /* *out = malloc'ed, 0 on success */
void file_free(struct file *f);                        /* its release */
int get_challenge(unsigned char *buf, int len);

int update_tokeninfo(const char *path) {
  struct file *file = NULL;
  unsigned char buffer[8];
  int rv = select_file(path, &file);
  if (rv == 0) {
    rv = get_challenge(buffer, sizeof buffer);
    if (rv < 0)
      return rv; /* leak: 'file' */
    file_free(file);
  }
  return 0;
}

/* Measured: leaklint (baseline 0.1.0): nothing.
   clang-19 --analyze -Xanalyzer -analyzer-checker=unix.Malloc,unix.Stream: nothing. */
/* Measured 2026-12-03, leaklint main: nothing. In whole-program mode with a file defining
   select_file (returns -1 without delivering, 0 after `*out = malloc(..)`): a report at the
   final `return 0` ("assuming 'rv' satisfies the condition", the rv != 0 branch, where
   nothing was delivered) instead of the leaking `return rv` (misses.md, A3). */
