// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -x c -std=gnu11
// A callee of the TU that keeps what it is given only when it succeeds
// (and returns -1, NULL, 0 or a negative error code when it does not): a
// caller that sees the failure still owns what it passed.
#include <stdlib.h>
#include <string.h>

struct node { void *data; struct node *next; };
struct list { struct node *head; int n; };

// Keeps 'data' unless it returns -1.
int list_add(struct list *l, void *data) {
  struct node *n = malloc(sizeof *n);
  if (n == NULL)
    return -1;
  n->data = data;
  n->next = l->head;
  l->head = n;
  l->n++;
  return 0;
}

int add_name(struct list *l, const char *name) {
  char *copy = strdup(name);
  if (copy == NULL)
    return -1;
  if (list_add(l, copy) < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'strdup' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-6]]:16: note: memory is allocated here
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: assuming 'copy' is non-null
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'list_add(l, copy)' says it failed: list_add() kept nothing
  return 0;
}

struct test { char *text; struct test *next; };
struct rule { struct test *tests; };

// Keeps 'text' unless it returns NULL.
struct test *rule_add_test(struct rule *r, char *text) {
  struct test *t;
  if (r == NULL || text == NULL)
    return NULL;
  t = malloc(sizeof *t);
  if (t == NULL)
    return NULL;
  t->text = text;
  t->next = r->tests;
  r->tests = t;
  return t;
}

void parse_rule(struct rule *r, const char *s) {
  char *text = strdup(s);
  struct test *t;
  if (text == NULL)
    return;
  t = rule_add_test(r, text);
  if (t == NULL)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'strdup' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-8]]:16: note: memory is allocated here
  // CHECK-MESSAGES: :[[@LINE-7]]:7: note: assuming 'text' is non-null
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 't' is null: rule_add_test() kept nothing
}

struct names { char **oids; unsigned size; };

// Keeps 'oid' unless it returns a negative error code.
static int names_set(struct names *n, char *oid) {
  char **tmp = realloc(n->oids, (n->size + 1) * sizeof *tmp);
  if (tmp == NULL)
    return -12;
  n->oids = tmp;
  n->oids[n->size++] = oid;
  return 0;
}

int names_add(struct names *n, const char *oid) {
  int ret;
  char *copy = strdup(oid);
  if (copy == NULL)
    return -12;
  ret = names_set(n, copy);
  if (ret < 0)
    return ret;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'strdup' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-7]]:16: note: memory is allocated here
  // CHECK-MESSAGES: :[[@LINE-7]]:7: note: assuming 'copy' is non-null
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'ret' is an error code: names_set() kept nothing
  return 0;
}

// Keeps 'key' unless it returns 0.
int table_insert(struct list *l, char *key) {
  struct node *n = calloc(1, sizeof *n);
  if (!n)
    return 0;
  n->data = key;
  l->head = n;
  return 1;
}

void table_add(struct list *l, const char *k) {
  char *key = strdup(k);
  if (!key)
    return;
  if (!table_insert(l, key))
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'strdup' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-6]]:15: note: memory is allocated here
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: assuming 'key' is non-null
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'table_insert(l, key)' failed: table_insert() kept nothing
}

// A result nobody reads, of a callee that keeps nothing only when it runs
// out of memory (or is given no list): the caller loses what it gave there.
int ignores_result(struct list *l, const char *name) {
  char *copy = strdup(name);
  if (copy == NULL)
    return -1;
  list_add(l, copy);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'strdup' is leaked if 'list_add' runs out of memory: its result is ignored [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-5]]:16: note: memory is allocated here
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'copy' is non-null
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: and lost here
  return 0;
}

int push_front(struct list *l, void *data) {
  struct node *n;
  if (l == NULL)
    return 0;
  n = malloc(sizeof *n);
  if (n == NULL)
    return 0;
  n->data = data;
  n->next = l->head;
  l->head = n;
  return 1;
}

void casts_to_void(struct list *l, const char *name) {
  char *copy = strdup(name);
  if (copy != NULL)
    (void)push_front(l, copy);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: memory allocated by 'strdup' is leaked if 'push_front' runs out of memory: its result is ignored [leaklint-owning-pointer]
}

// Silent: a callee that also keeps nothing for a reason the caller can rule
// out (a duplicate, an object of the wrong kind), whose result is ignored.
int set_add(struct list *l, char *key) {
  struct node *n;
  for (n = l->head; n != NULL; n = n->next)
    if (strcmp(n->data, key) == 0)
      return -1;
  n = malloc(sizeof *n);
  if (n == NULL)
    return -1;
  n->data = key;
  n->next = l->head;
  l->head = n;
  return 0;
}

void ignores_set_result(struct list *l, const char *name) {
  char *copy = strdup(name);
  if (copy != NULL)
    set_add(l, copy);
}

int set_add_wrapped(struct list *l, char *key) { return set_add(l, key); }

void ignores_wrapped_set_result(struct list *l, const char *name) {
  char *copy = strdup(name);
  if (copy != NULL)
    set_add_wrapped(l, copy);
}

int checked_add(struct list *l, void *data) {
  struct node *n;
  if (l->n < 0)
    return -1;
  n = malloc(sizeof *n);
  if (n == NULL)
    return -1;
  n->data = data;
  l->head = n;
  return 0;
}

void ignores_checked_result(struct list *l, const char *name) {
  char *copy = strdup(name);
  if (copy != NULL)
    checked_add(l, copy);
}

// Silent: what a call whose result is ignored may have kept is returned.
char *returns_after_ignoring(struct list *l, const char *name) {
  char *copy = strdup(name);
  if (copy == NULL)
    return NULL;
  list_add(l, copy);
  return copy;
}

// Silent: a wrapper that drops the result keeps what it is given (when it
// has the memory to), for its callers.
void remember(struct list *l, char *s) { list_add(l, s); }

void uses_remember(struct list *l, const char *name) {
  char *copy = strdup(name);
  if (copy != NULL)
    remember(l, copy);
}

// Silent: the caller frees what the call did not keep, hands the result
// on, or the callee frees what it was given, or keeps it on every path.
int add_or_free_caller(struct list *l, const char *name) {
  char *copy = strdup(name);
  if (copy == NULL)
    return -1;
  if (list_add(l, copy) < 0) {
    free(copy);
    return -1;
  }
  return 0;
}

int returns_result(struct list *l, const char *name) {
  char *copy = strdup(name);
  if (copy == NULL)
    return -1;
  return list_add(l, copy);
}

int tests_later(struct list *l, const char *name) {
  char *copy = strdup(name);
  int r;
  if (copy == NULL)
    return -1;
  r = list_add(l, copy);
  l->n += 2;
  if (r != 0)
    free(copy);
  return r;
}

int success_first(struct list *l, const char *name) {
  char *copy = strdup(name);
  if (copy == NULL)
    return -1;
  if (list_add(l, copy) == 0)
    return 0;
  free(copy);
  return -1;
}

int in_loop(struct list *l, const char **names, int k) {
  for (int i = 0; i < k; i++) {
    char *copy = strdup(names[i]);
    if (!copy)
      return -1;
    if (list_add(l, copy) < 0) {
      free(copy);
      return -1;
    }
  }
  return 0;
}

// The callee frees what it was given when it fails.
int add_or_free(struct list *l, void *data) {
  struct node *n = malloc(sizeof *n);
  if (n == NULL) {
    free(data);
    return -1;
  }
  n->data = data;
  l->head = n;
  return 0;
}

int uses_add_or_free(struct list *l, const char *name) {
  char *copy = strdup(name);
  if (copy == NULL)
    return -1;
  if (add_or_free(l, copy) < 0)
    return -1;
  return 0;
}

// Keeps 'data' on every path, failure included.
int push_always(struct list *l, void *data) {
  struct node *n = l->head;
  n->data = data;
  if (l->n++ > 10)
    return -1;
  return 0;
}

int uses_push_always(struct list *l, const char *name) {
  char *copy = strdup(name);
  if (copy == NULL)
    return -1;
  if (push_always(l, copy) < 0)
    return -1;
  return 0;
}

// Wrappers: one hands on list_add's status, one tests it and returns it,
// one (yajl's context_add_value) returns 0 when it kept or freed the value
// and an errno value when it did not.
int add_wrapped(struct list *l, void *data) {
  if (l == NULL)
    return -1;
  return list_add(l, data);
}

int uses_wrapper(struct list *l, const char *name) {
  char *copy = strdup(name);
  if (!copy)
    return -1;
  if (add_wrapped(l, copy) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'strdup' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-6]]:16: note: memory is allocated here
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: assuming 'copy' is non-null
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'add_wrapped(l, copy)' says it failed: add_wrapped() kept nothing
  return 0;
}

int add_logged(struct list *l, void *data) {
  int r = list_add(l, data);
  if (r < 0) {
    l->n = -1;
    return r;
  }
  return 0;
}

int uses_logged(struct list *l, const char *name) {
  char *copy = strdup(name);
  if (!copy)
    return -1;
  if (add_logged(l, copy) == -1)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'strdup' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-6]]:16: note: memory is allocated here
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: assuming 'copy' is non-null
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'add_logged(l, copy)' says it failed: add_logged() kept nothing
  return 0;
}

// Their results dropped: they keep nothing only when list_add runs out of
// memory (or they are given no list), and say so in their summaries.
void ignores_wrapped(struct list *l, const char *name) {
  char *copy = strdup(name);
  if (copy != NULL)
    add_wrapped(l, copy);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'strdup' is leaked if 'add_wrapped' runs out of memory: its result is ignored [leaklint-owning-pointer]
}

void ignores_logged(struct list *l, const char *name) {
  char *copy = strdup(name);
  if (copy != NULL)
    add_logged(l, copy);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'strdup' is leaked if 'add_logged' runs out of memory: its result is ignored [leaklint-owning-pointer]
}

struct value { int type; char *s; };
struct ctx { struct value *root; struct list *stack; };
static int add_value(struct ctx *c, struct value *v) {
  if (c->stack == NULL) {
    c->root = v;
    return 0;
  }
  if (v->type == 1) {
    free(v->s);
    free(v);
    return 0;
  }
  if (v->type == 2)
    return 22;
  return list_add(c->stack, v) == 0 ? 0 : 12;
}

int handle_string(struct ctx *c, const char *s) {
  struct value *v = malloc(sizeof *v);
  if (v == NULL)
    return 0;
  v->type = 0;
  v->s = NULL;
  return add_value(c, v) == 0 ? 1 : 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'malloc' is leaked when 'v' goes out of scope [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-7]]:21: note: memory is allocated here
  // CHECK-MESSAGES: :[[@LINE-7]]:7: note: assuming 'v' is non-null
  // CHECK-MESSAGES: :[[@LINE-4]]:10: note: assuming 'add_value(c, v)' is an error code: add_value() kept nothing
}

// Silent: the status is tested and the value freed where the call failed.
int handle_string_checked(struct ctx *c, const char *s) {
  struct value *v = malloc(sizeof *v);
  if (v == NULL)
    return 0;
  v->type = 0;
  v->s = NULL;
  if (add_value(c, v) != 0) {
    free(v);
    return 0;
  }
  return 1;
}

// libxml2's xmlSchematronParseRule: each kind of element copies its
// content into the same variable, and each loses it when the test is not
// kept. Both allocations are lost at the next turn's overwrite: one
// warning, with a note at each allocation.
struct elem { int kind; const char *text; struct elem *next; };
char *content_of(const struct elem *e) { return strdup(e->text); }
void parse_tests(struct rule *r, const struct elem *e) {
  char *report;
  for (; e != NULL; e = e->next) {
    if (e->kind == 1) {
      report = content_of(e);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'report' is overwritten while it still owns memory allocated by 'content_of' [leaklint-owning-pointer]
      // CHECK-MESSAGES: :[[@LINE-2]]:16: note: memory is allocated here
      // CHECK-MESSAGES: :[[@LINE+4]]:16: note: memory is allocated here, and lost the same way on another path
      if (rule_add_test(r, report) == NULL)
        continue;
    } else if (e->kind == 2) {
      report = content_of(e);
      if (rule_add_test(r, report) == NULL)
        continue;
    }
  }
}

// Silent: where the test is not kept, its content is freed.
void parse_tests_fixed(struct rule *r, const struct elem *e) {
  char *report;
  for (; e != NULL; e = e->next) {
    if (e->kind == 1) {
      report = content_of(e);
      if (rule_add_test(r, report) == NULL)
        free(report);
    } else if (e->kind == 2) {
      report = content_of(e);
      if (rule_add_test(r, report) == NULL)
        free(report);
    }
  }
}

// Kept by a fresh block delivered through the caller's pointer (unbound's
// port_insert: `item->socket = sock; *list = item; return 1;`).
struct port { struct port *next; void *sock; };
static int port_insert(struct port **list, void *sock) {
  struct port *item = malloc(sizeof *item);
  if (!item)
    return 0;
  item->sock = sock;
  item->next = *list;
  *list = item;
  return 1;
}
int open_ports(struct port **list, int udp, int tcp) {
  void *sock;
  if (udp) {
    sock = calloc(1, 16);
    if (!sock)
      return 0;
    if (!port_insert(list, sock)) {
      free(sock);
      return 0;
    }
  }
  if (tcp) {
    sock = calloc(1, 16); // the list keeps the first one (no warning)
    if (!sock)
      return 0;
    if (!port_insert(list, sock))
      return 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: memory allocated by 'calloc' is leaked on this early return [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-6]]:12: note: memory is allocated here
  }
  return 1;
}
