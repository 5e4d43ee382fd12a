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

// A leak on a later turn of a loop: the table grown on the first turn is
// lost when the second entry's value cannot be copied (gnutls's cfg_load). The test of `e.key`
// on each turn reads what that turn assigned, not one condition tested
// twice (the precision rule).
struct entry {
  char *key, *val;
};
struct table {
  struct entry *items;
  size_t used, cap;
};

static int table_take(struct table *t, struct entry *e) {
  if (t->used == t->cap) {
    size_t cap = t->cap ? 2 * t->cap : 8;
    struct entry *grown = realloc(t->items, cap * sizeof(*grown));
    if (!grown)
      return -1;
    t->items = grown;
    t->cap = cap;
  }
  t->items[t->used++] = *e;
  e->key = NULL;
  e->val = NULL;
  return 0;
}

// Releases what the entries hold, not the array (gnutls's clear_options).
static void table_clear(struct table *t) {
  for (size_t i = 0; i < t->used; i++) {
    free(t->items[i].key);
    free(t->items[i].val);
  }
}

char *next_key(void *src);

struct entry *load_table(void *src) {
  struct table t = {0};
  for (;;) {
    struct entry e;
    e.key = next_key(src);
    if (!e.key)
      break;
    e.val = strdup("value");
    if (!e.val)
      goto fail;
    if (table_take(&t, &e) < 0) {
      free(e.val);
      goto fail;
    }
  }
  return t.items;
fail:
  table_clear(&t);
  return NULL;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: memory allocated by 'table_take' is leaked when 't' goes out of scope [leaklint-owning-pointer]

// table_take takes both strings and nulls them through its parameter: what
// the path knew of `e.key` (non-null) it forgets, so the path that finds it
// null goes on, and loses the table.
int take_one(const char *key) {
  struct table t = {0};
  struct entry e;
  e.key = strdup(key);
  if (!e.key)
    return -1;
  e.val = NULL;
  if (table_take(&t, &e) < 0)
    return -1;
  if (e.key)
    abort();
  return 0;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: memory allocated by 'table_take' is leaked when 't' goes out of scope [leaklint-owning-pointer]

// Silent (the precision rule): the leak needs `c->on` true on one turn and
// false on a later one, and nothing in the loop changes it.
struct conf {
  int on;
};
void turns(struct conf *c, int n) {
  char *p = NULL;
  for (int i = 0; i < n; i++) {
    if (c->on) {
      free(p);
      p = malloc(4);
    } else if (p) {
      return;
    }
  }
  free(p);
}

// A field left alone on the exit that fails (`if (!f) return -1;` before
// `p->filter = f;`), said by the result: -1, or 0 and 1 with the copy
// delivered (libpcap's fix_program).
struct prog {
  int len;
  void *filter;
};
static int copy_program(const void *insns, int n, struct prog *p) {
  void *f = malloc((size_t)n);
  if (f == NULL)
    return -1;
  memcpy(f, insns, (size_t)n);
  p->len = n;
  p->filter = f;
  if (n > 64)
    return 0;
  return 1;
}
int attach_program(const void *insns, int n) {
  struct prog p;
  if (copy_program(insns, n, &p) == -1)
    return -1; // no warning: nothing was copied
  free(p.filter);
  return 0;
}
int attach_switch(const void *insns, int n) {
  struct prog p;
  switch (copy_program(insns, n, &p)) {
  case -1:
  default: // never taken: copy_program returns -1, 0 or 1
    return -1; // no warning: nothing was copied
  case 0:
  case 1:
    break;
  }
  free(p.filter);
  return 0;
}
int attach_checked(const void *insns, int n) {
  struct prog p;
  if (copy_program(insns, n, &p) < 0)
    return -1;
  if (p.len > 32)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'copy_program' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: memory is allocated here
  free(p.filter);
  return 0;
}
