// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -x c -std=gnu11
// What a heap block the function owns holds: `s->name = strdup(..)` is
// followed through the block's fields and elements, lost when the block is
// freed while still holding it, and handed off when the block is.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct item {
  char *name;
  char *value;
  int len;
};

struct pair {
  struct item inner;
  char *extra;
};

void keep(struct item *it);
void show(const struct item *it);

// The classic error path: the block is freed, its field is not.
struct item *itemNew(const char *name, const char *value) {
  struct item *it = malloc(sizeof *it);
  if (!it)
    return NULL;
  it->name = strdup(name);
  if (!it->name) {
    free(it);
    return NULL;
  }
  it->value = strdup(value);
  if (!it->value) {
    free(it);
    return NULL;
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:5: warning: 'it->name' still owns memory allocated by 'strdup' when 'it' is freed [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-11]]:14: note: memory is allocated here
  // CHECK-MESSAGES: :[[@LINE-11]]:7: note: assuming 'it->name' is non-null
  // CHECK-MESSAGES: :[[@LINE-7]]:7: note: assuming 'it->value' is null
  it->len = 0;
  return it; // the block and what it holds go to the caller
}

// The fixed twin: every path frees what the block holds first.
struct item *itemNewFixed(const char *name, const char *value) {
  struct item *it = malloc(sizeof *it);
  if (!it)
    return NULL;
  it->name = strdup(name);
  it->value = strdup(value);
  if (!it->name || !it->value) {
    free(it->name);
    free(it->value);
    free(it);
    return NULL;
  }
  return it;
}

// A field overwritten while it still owns its block.
void overwriteField(void) {
  struct item *it = malloc(sizeof *it);
  if (!it)
    return;
  it->name = malloc(16);
  it->name = malloc(32);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'it->name' is overwritten while it still owns memory allocated by 'malloc' [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: memory is allocated here
  free(it->name);
  free(it);
}

// Nested fields and array elements are locations of the block too.
void nestedFields(void) {
  struct pair *p = calloc(1, sizeof *p);
  if (!p)
    return;
  p->inner.name = strdup("x");
  free(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p->inner.name' still owns memory allocated by 'strdup' when 'p' is freed [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: memory is allocated here
}

void arrayElements(void) {
  char **v = malloc(2 * sizeof *v);
  if (!v)
    return;
  v[0] = strdup("a");
  v[1] = strdup("b");
  free(v[0]);
  free(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'v[1]' still owns memory allocated by 'strdup' when 'v' is freed [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: memory is allocated here
}

// No warnings below.

void handedOffWithBlock(void) {
  struct item *it = malloc(sizeof *it);
  if (!it)
    return;
  it->name = strdup("n");
  keep(it); // keeps the block, and what it holds with it
}

void readBeforeFree(void) {
  struct item *it = malloc(sizeof *it);
  if (!it)
    return;
  it->name = strdup("n");
  show(it); // reads: the block and its field are still ours
  free(it->name);
  free(it);
}

static void itemFree(struct item *it) {
  free(it->name);
  free(it->value);
  free(it);
}

void freedByHelper(void) {
  struct item *it = malloc(sizeof *it);
  if (!it)
    return;
  it->name = strdup("n");
  it->value = strdup("v");
  itemFree(it); // releases the block and its fields
}

void movedOutFirst(void) {
  struct item *it = malloc(sizeof *it);
  if (!it)
    return;
  it->name = strdup("n");
  char *name = it->name; // another owner survives the block
  free(it);
  printf("%s\n", name);
  free(name);
}

void grownBlock(void) {
  char **v = malloc(sizeof *v);
  if (!v)
    return;
  v[0] = strdup("a");
  char **w = realloc(v, 2 * sizeof *v); // moves what v held into w
  if (!w) {
    free(v[0]);
    free(v);
    return;
  }
  free(w[0]);
  free(w);
}

void correlatedFlags(int flag) {
  struct item *it = malloc(sizeof *it);
  if (!it)
    return;
  it->name = NULL;
  if (flag)
    it->name = strdup("n");
  printf("%d\n", flag);
  if (flag)
    free(it->name);
  free(it); // the precision rule: 'flag' may be one condition tested twice
}

// One finding per acquisition: the other places that lose it on other
// paths are notes (libxml2's xmlTextWriterStartAttributeNS lost `buf` when
// the entry could not be allocated, and again when its second string could
// not: `p` is freed while it holds `buf`).
struct nsentry {
  char *prefix;
  char *uri;
};
int push_entry(const char *pfx, const char *uri, struct nsentry **out) {
  char *buf = strdup(pfx);
  if (buf == NULL)
    return -1;
  struct nsentry *p = malloc(sizeof *p);
  if (p == NULL)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'strdup' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-7]]:15: note: memory is allocated here
  // CHECK-MESSAGES: :[[@LINE-7]]:7: note: assuming 'buf' is non-null
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'p' is null
  // CHECK-MESSAGES: :[[@LINE+5]]:5: note: also lost here, on another path
  p->prefix = buf;
  p->uri = strdup(uri);
  if (p->uri == NULL) {
    free(p);
    return -1;
  }
  *out = p;
  return 0;
}

// A leak on a path where another allocation ran out of memory is shown by
// a path where none did, when there is one (alsa-lib's parse_string): the
// witness is the copy of an unterminated name, not the failure of `copy`.
int copy_name(const char *s, char **out) {
  char *name = strdup(s);
  if (!name)
    return -1;
  char *copy = malloc(64);
  if (!copy)
    return -1;
  if (name[0] == '\0') {
    free(copy);
    return -2;
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: memory allocated by 'strdup' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-11]]:16: note: memory is allocated here
  // CHECK-MESSAGES: :[[@LINE-11]]:7: note: assuming 'name' is non-null
  // CHECK-MESSAGES: :[[@LINE-9]]:7: note: assuming 'copy' is non-null
  // CHECK-MESSAGES: :[[@LINE-8]]:7: note: assuming 'name[0]' is 0
  // CHECK-MESSAGES: :[[@LINE-10]]:5: note: also lost here, on another path
  strcpy(copy, name);
  free(name);
  *out = copy;
  return 0;
}

// The same where the failed allocation went straight to the caller's
// `*out`, a place the path does not follow.
int dup_pair(const char *a, const char *b, char **out) {
  char *first = strdup(a);
  if (!first)
    return -1;
  *out = malloc(8);
  if (!*out)
    return -1;
  if (b[0] == '\0') {
    free(*out);
    *out = NULL;
    return -2;
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: memory allocated by 'strdup' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-12]]:17: note: memory is allocated here
  // CHECK-MESSAGES: :[[@LINE-8]]:5: note: also lost here, on another path
  strcpy(*out, first);
  free(first);
  return 0;
}

// A list built in a loop: each turn links a fresh block behind the last
// one (`if (cur) cur->next = s; else result = s;`). The state follows a
// few blocks of one allocation; past them, the path is not reported (it
// would take `cur` for null on a later turn and `result` for overwritten).
struct opt {
  struct opt *next;
  int code;
};
void opt_list_free(struct opt *list);
struct opt *opt_copy(const struct opt *list) {
  struct opt *result = NULL, *cur = NULL, *s;
  for (; list; list = list->next) {
    s = malloc(sizeof *s);
    if (!s) {
      opt_list_free(result);
      return NULL;
    }
    s->next = NULL;
    s->code = list->code;
    if (cur)
      cur->next = s;
    else
      result = s; // no warning
    cur = s;
  }
  return result;
}

// The same list lost on a failure: reported on the turns followed.
struct opt *opt_copy_leaky(const struct opt *list) {
  struct opt *result = NULL, *cur = NULL, *s;
  for (; list; list = list->next) {
    s = malloc(sizeof *s);
    if (!s)
      return NULL;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-4]]:9: note: memory is allocated here
    s->next = NULL;
    s->code = list->code;
    if (cur)
      cur->next = s;
    else
      result = s;
    cur = s;
  }
  return result;
}

// A counter that starts at a number and moves away from it: the test of
// the first turn (`if (i == labs)`) holds on the first turn only
// (unbound's neg_data_chain).
struct label {
  struct label *parent;
  char *name;
};
static struct label *label_new(int i) {
  struct label *l = calloc(1, sizeof *l);
  if (!l)
    return NULL;
  l->name = malloc((size_t)i + 1);
  if (!l->name) {
    free(l);
    return NULL;
  }
  return l;
}
struct label *label_chain(int labs, int tolabs) {
  struct label *el, *first = NULL, *prev = NULL;
  for (int i = labs; i != tolabs; i--) {
    el = label_new(i);
    if (!el) {
      while (first) {
        struct label *up = first->parent;
        free(first->name);
        free(first);
        first = up;
      }
      return NULL;
    }
    if (i == labs)
      first = el;
    else
      prev->parent = el; // no warning: prev is linked from the first turn on
    prev = el;
  }
  return first;
}

// A node that points to itself (`n->next = n`, the node of a circular
// list) goes where its contents go: a relink that swaps its `next` into
// the list links it (czmq's zlistx). Its own address does not keep it.
struct ring {
  struct ring *next, *prev;
  void *item;
};
static struct ring *ring_new(void *item) {
  struct ring *n = malloc(sizeof *n);
  if (!n)
    return NULL;
  n->next = n;
  n->prev = n;
  n->item = item;
  return n;
}
static void ring_relink(struct ring *node, struct ring *prev, struct ring *next) {
  struct ring *t = node->next;
  node->next = prev->next;
  prev->next = t;
  t = node->prev;
  node->prev = next->prev;
  next->prev = t;
}
struct ring *ring_add(struct ring *head, void *item) {
  struct ring *n = ring_new(item);
  if (n)
    ring_relink(n, head->prev, head);
  return n;
}
struct ring *ring_add_inline(struct ring *head, void *item) {
  struct ring *n = malloc(sizeof *n);
  if (!n)
    return NULL;
  n->next = n;
  n->prev = n;
  n->item = item;
  ring_relink(n, head->prev, head);
  return n;
}
void ring_fill(struct ring *head) {
  ring_add(head, "one");        // no warning: the list holds the node
  ring_add_inline(head, "two"); // no warning: the list holds the node
}
int ring_check(const struct ring *);
int ring_lone(void *item) {
  struct ring *n = ring_new(item);
  if (!n)
    return -1;
  if (ring_check(n) < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'ring_new' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-6]]:20: note: memory is allocated here
  free(n);
  return 0;
}
int ring_lone_inline(void) {
  struct ring *n = malloc(sizeof *n);
  if (!n)
    return -1;
  n->next = n;
  if (ring_check(n) < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-7]]:20: note: memory is allocated here
  free(n);
  return 0;
}

// A field released through a pointer to it (tor's `tor_free(p)`: `typeof(&(p))
// tmp = &(p); free(*tmp); *tmp = NULL;`): what `*tmp` names is the field.
#define free_and_clear(p)                                                     \
  do {                                                                        \
    typeof(&(p)) free_tmp = &(p);                                             \
    free(*free_tmp);                                                          \
    *free_tmp = NULL;                                                         \
  } while (0)
struct pending_file {
  char *name;
  char *temp;
};
int open_pending(const char *);
int pending_start(const char *path, int append, struct pending_file **out) {
  struct pending_file *f = calloc(1, sizeof *f);
  const char *open_name = path;
  if (!f)
    return -1;
  f->name = strdup(path);
  if (!append) {
    f->temp = strdup(path); // no warning: released through the pointer to it
    open_name = f->temp;
  }
  if (open_pending(open_name) < 0)
    goto err;
  *out = f;
  return 0;
err:
  free_and_clear(f->name); // no warning: releases 'name'
  free_and_clear(f->temp);
  free_and_clear(f);
  return -1;
}
void pending_drop(const char *path) {
  struct pending_file *f = calloc(1, sizeof *f);
  if (!f)
    return;
  f->name = strdup(path);
  f->temp = strdup(path);
  free_and_clear(f->name);
  free_and_clear(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'strdup' is leaked when '*free_tmp' is freed [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: memory is allocated here
}
// Written through a pointer to the field: the field holds it.
void pending_name(const char *path, char **name) {
  struct pending_file *f = calloc(1, sizeof *f);
  if (!f)
    return;
  char **slot = &f->name;
  *slot = strdup(path);
  *name = f->name; // no warning: handed off
  free(f);
}
