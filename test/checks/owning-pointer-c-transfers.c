// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -x c -std=gnu11
// A field the TU hands ownership through, moved into (`e->key = v->str;
// v->str = NULL;`) and taken out of with the field nulled after, owns what
// it points to whenever it is not null. A function that takes such an
// object apart and releases it without a look at the field loses what the
// field still holds (yajl's context_pop and the pending key).
#include <stdlib.h>
#include <string.h>

struct value {
  char *str;
  int kind;
};

struct elem {
  char *key;
  struct value *value;
  struct elem *next;
};

struct context {
  struct elem *stack;
};

int add_pair(struct value *obj, char *key, struct value *v);

int add_value(struct context *ctx, struct value *v) {
  if (ctx->stack->key == NULL) {
    ctx->stack->key = v->str;
    v->str = NULL;
    free(v);
    return 0;
  }
  char *key = ctx->stack->key;
  ctx->stack->key = NULL;
  return add_pair(ctx->stack->value, key, v);
}

struct value *pop(struct context *ctx) {
  struct elem *top = ctx->stack;
  if (top == NULL)
    return NULL;
  ctx->stack = top->next;
  struct value *v = top->value;
  free(top);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: releasing 'top' loses what its field 'key' may own: 'key' is not released or taken out first [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-18]]:5: note: 'key' takes over what it points to here
  // CHECK-MESSAGES: :[[@LINE-13]]:3: note: and is nulled here once what it owns is taken out
  return v;
}

// The same release with the key released first, or looked at: silent.
struct value *pop_fixed(struct context *ctx) {
  struct elem *top = ctx->stack;
  ctx->stack = top->next;
  struct value *v = top->value;
  free(top->key);
  free(top);
  return v;
}

struct value *pop_checked(struct context *ctx) {
  struct elem *top = ctx->stack;
  if (top->key != NULL)
    return NULL;
  ctx->stack = top->next;
  struct value *v = top->value;
  free(top);
  return v;
}

// Given to a helper first, which may release the key.
void drop_key(struct elem *e);
struct value *pop_helped(struct context *ctx) {
  struct elem *top = ctx->stack;
  ctx->stack = top->next;
  struct value *v = top->value;
  drop_key(top);
  free(top);
  return v;
}

// A release that does not take the object apart: whoever calls it has
// dealt with the fields.
void elem_free_shell(struct elem *e) { free(e); }

// A field only ever moved in, never taken out with the nulling: what it
// owns is not said by the transfers.
struct node {
  char *label;
  struct node *next;
};
void set_label(struct node *n, struct value *v) {
  n->label = v->str;
  v->str = NULL;
}
struct node *node_pop(struct node **head) {
  struct node *n = *head;
  *head = n->next;
  struct node *next = n->next;
  free(n);
  return next;
}
