// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -x c -std=gnu11
// An array of pointers whose elements own what they point to: the TU's
// teardown releases each element, then the array. A release of the array
// alone, where no path to it may have emptied the array, loses the
// elements it still holds (curl's push-promise headers, dropped when there
// were too many of them).
#include <stdlib.h>
#include <string.h>

struct stream {
  char **headers;
  size_t used, alloc;
  char **names;
  size_t nnames;
  char **labels;
  size_t nlabels;
};

void stream_close(struct stream *s) {
  for (size_t i = 0; i < s->used; i++)
    free(s->headers[i]);
  free(s->headers);
  s->headers = NULL;
  for (size_t i = 0; i < s->nnames; i++)
    free(s->names[i]);
  free(s->names);
  for (size_t i = 0; i < s->nlabels; i++)
    free(s->labels[i]);
  free(s->labels);
}

int add_header(struct stream *s, const char *h) {
  if (!s->headers) {
    s->alloc = 8;
    s->headers = malloc(s->alloc * sizeof(char *));
    if (!s->headers)
      return -1;
    s->used = 0;
  } else if (s->used == s->alloc) {
    char **grown;
    if (s->alloc > 1000) {
      free(s->headers);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: releasing 's->headers' loses what its elements own: each element is released before the array elsewhere, not here [leaklint-owning-pointer]
      // CHECK-MESSAGES: :[[@LINE-23]]:5: note: the elements of 'headers' are released here, before the array
      s->headers = NULL;
      return -1;
    }
    s->alloc *= 2;
    grown = realloc(s->headers, s->alloc * sizeof(char *));
    if (!grown)
      return -1;
    s->headers = grown;
  }
  s->headers[s->used++] = strdup(h);
  return 0;
}

// Silent: the elements move elsewhere before the array goes.
void take_names(struct stream *s, char **to) {
  for (size_t i = 0; i < s->nnames; i++)
    to[i] = s->names[i];
  free(s->names);
  s->names = NULL;
}

// Silent: the array was just allocated; it holds nothing yet.
void new_names(struct stream *s, size_t n) {
  s->names = calloc(n, sizeof(char *));
  if (!s->names)
    return;
  if (n > 64) {
    free(s->names);
    s->names = NULL;
  }
}

// Silent: a helper given the stream may release the elements first.
void clear_labels(struct stream *s);
void drop_labels(struct stream *s) {
  clear_labels(s);
  free(s->labels);
  s->labels = NULL;
}
