/* Cause B2: an array of owned strings is released without its elements (curl on_header,
   CVE-2024-2398: Curl_safefree(stream->push_headers) with push_headers_used strings in it;
   libsoup soup_header_parse_quality_list: g_slist_free instead of g_slist_free_full). */
#include <stdlib.h>
#include <string.h>

int collect(const char **names, int n) {
  char **items = calloc(n, sizeof *items);
  if (items == NULL)
    return -1;
  for (int i = 0; i < n; i++) {
    items[i] = strdup(names[i]);
    if (i > 1000) {
      free(items); /* leak: items[0..i] */
      return -1;
    }
  }
  for (int i = 0; i < n; i++)
    free(items[i]);
  free(items);
  return 0;
}

/* Measured: leaklint (baseline 0.1.0): nothing.
   clang-19 --analyze -Xanalyzer -analyzer-checker=unix.Malloc,unix.Stream: nothing. */
