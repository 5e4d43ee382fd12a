// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -x c -std=gnu11
// A function of the TU, given the address of a local struct, that leaves a
// fresh block in one of its fields (`b->data = malloc(n)`, a realloc that
// grows `o->items`): the caller owns what the field holds, as it owns what
// `make(&p)` delivers into `p`. The result says when nothing was left.
#include <stdlib.h>
#include <string.h>

struct buf {
  char *data;
  size_t len;
};

static int buf_init(struct buf *b, size_t n) {
  b->data = malloc(n);
  b->len = 0;
  if (!b->data)
    return -1;
  return 0;
}

static void buf_free(struct buf *b) { free(b->data); }

int parse(const char *s, size_t n) {
  struct buf b;
  // Silent: when it fails, nothing was left in `b.data`.
  if (buf_init(&b, n) < 0)
    return -1;
  if (!s)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'buf_init' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: memory is allocated here
  memcpy(b.data, s, n);
  buf_free(&b);
  return 0;
}

// Silent: released through the struct, or handed to code that may keep it.
void keep(struct buf *b);
int parse_all(const char *s, size_t n) {
  struct buf b;
  if (buf_init(&b, n))
    return -1;
  if (!s) {
    buf_free(&b);
    return -2;
  }
  keep(&b);
  return 0;
}

struct list {
  char **items;
  size_t used, cap;
};

// Grows `l->items` with realloc: a block the field held stays owned (moved
// into the new one), and an empty field gets a fresh one.
static int list_push(struct list *l, char *item) {
  if (l->used == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 4;
    char **grown = realloc(l->items, cap * sizeof(*grown));
    if (!grown)
      return -1;
    l->items = grown;
    l->cap = cap;
  }
  l->items[l->used++] = item;
  return 0;
}

char **split(char *s) {
  struct list l = {0};
  if (list_push(&l, s) < 0)
    return NULL;
  if (!strchr(s, ','))
    return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'list_push' is leaked on this early return [leaklint-owning-pointer]
  return l.items;
}

// Silent: what the field held before the call is still its own after it.
char **split_owned(char *s) {
  struct list l = {0};
  l.items = malloc(4 * sizeof(char *));
  if (!l.items)
    return NULL;
  l.cap = 4;
  if (list_push(&l, s) < 0) {
    free(l.items);
    return NULL;
  }
  return l.items;
}

// A function that always fills the field: what it leaves is the caller's.
static void buf_open(struct buf *b) { b->data = malloc(16); }
void open_only(void) {
  struct buf b;
  buf_open(&b);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'buf_open' is leaked when 'b' goes out of scope [leaklint-owning-pointer]

// Silent: a result that does not say whether the field was filled.
static int buf_maybe(struct buf *b, int n) {
  if (n > 8) {
    b->data = malloc(n);
    return n;
  }
  return n;
}
int maybe(int n) {
  struct buf b = {0};
  if (buf_maybe(&b, n) > 4)
    return 1;
  free(b.data);
  return 0;
}
