// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -x c -std=gnu11
// What globals hold, followed across the functions of the TU: a global
// whose every use names it (or a field, or an element at a constant index)
// keeps what is stored there until it is overwritten or emptied.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void printLine(const char *line); // another TU's
void unknown_work(void);          // another TU's
void on_event(void (*cb)(void));  // keeps the callback

// ---- Overwritten in the function that stored it.
static char *s_direct;

void store_twice(void) {
  s_direct = malloc(16);
  s_direct = malloc(32);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 's_direct' is overwritten while it still owns memory allocated by 'malloc' [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: memory is allocated here
}

// ---- Taken out of the global by a consumer that never releases it.
static char *s_data;

static void produce(void) { s_data = malloc(100); }

static void consume(void) {
  char *data = s_data;
  s_data = NULL;
  if (data == NULL)
    exit(1);
  strcpy(data, "flow");
  printLine(data);
}

void take(void) {
  produce();
  consume();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'produce' is leaked: 'consume' takes it out of 's_data' and never releases it [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: memory is allocated here
}

// ---- Overwritten by the next producer call.
static FILE *s_log;

static void open_log(void) { s_log = fopen("/tmp/log", "w"); }

static void close_log(void) {
  if (s_log)
    fclose(s_log);
  s_log = NULL;
}

void reopen(void) {
  open_log();
  open_log();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: file opened by 'open_log' is leaked: 'open_log' overwrites 's_log' while it still owns it [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: file is opened here
  close_log();
}

// ---- Emptied by the caller: a field of a global struct, an element of a
// global array.
struct holder {
  char *res;
  int size;
};
static struct holder g_holder = {NULL, 0};
static int *g_slots[4];

static void fill(void) {
  g_holder.res = strdup("x");
  g_holder.size = 1;
  g_slots[1] = calloc(4, sizeof(int));
}

void reset(void) {
  fill();
  printf("%s\n", g_holder.res);
  g_holder.res = NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'g_holder.res' is overwritten while it still owns memory allocated by 'fill' [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: memory is allocated here
  free(g_slots[1]);
  g_slots[1] = NULL;
}

// ---- A global other TUs see: a call of their code may change it, but
// not what was taken out of it before.
char *g_shared;

static void take_shared(void) {
  char *p = g_shared;
  g_shared = NULL;
  printLine(p);
}

void take_visible(void) {
  g_shared = strdup("y");
  take_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'strdup' is leaked: 'take_shared' takes it out of 'g_shared' and never releases it [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: memory is allocated here
}

// ---- Silent: each is released, kept, or out of the engine's sight.

// Released before it is replaced, and by the consumer.
static char *s_fixed;
static void produce_fixed(void) {
  free(s_fixed);
  s_fixed = malloc(8);
}
static void consume_fixed(void) {
  char *p = s_fixed;
  s_fixed = NULL;
  free(p);
}
void fixed_twice(void) {
  produce_fixed();
  produce_fixed();
  consume_fixed();
}

// Created once, on first use: the cache keeps it.
static char *s_cache;
static char *cached(void) {
  if (s_cache == NULL)
    s_cache = malloc(64);
  return s_cache;
}
void use_cache(void) {
  cached();
  cached();
}

// Replaced through a setter that releases the old value when there is one.
static char *s_name;
static void set_name(const char *n) {
  if (s_name)
    free(s_name);
  s_name = strdup(n);
}
void rename_twice(void) {
  set_name("a");
  set_name("b");
}

// Another TU's code runs between: it may have released and cleared it.
void visible_then_unknown(void) {
  g_shared = malloc(4);
  unknown_work();
  g_shared = NULL;
}

// A static global that a callback given away releases: code outside the TU
// can reach it through the callback.
static char *s_pending;
static void drop_pending(void) {
  free(s_pending);
  s_pending = NULL;
}
void register_drop(void) { on_event(drop_pending); }
void pending_then_unknown(void) {
  s_pending = malloc(4);
  unknown_work();
  s_pending = NULL;
}

// Its address is taken: not followed.
static char *s_addressed;
static char **s_alias = &s_addressed;
void addressed(void) {
  s_addressed = malloc(4);
  *s_alias = NULL;
  s_addressed = NULL;
}

// An element picked at run time: not followed.
static char *s_table[4];
void by_index(int i) {
  s_table[0] = malloc(4);
  free(s_table[i]);
  s_table[0] = NULL;
}

// Handed to a list by the callee before the global is cleared.
struct node {
  char *data;
  struct node *next;
};
static struct node *s_list;
static char *s_item;
static void move_to_list(void) {
  struct node *n = malloc(sizeof *n);
  if (!n)
    exit(1);
  n->data = s_item;
  n->next = s_list;
  s_list = n;
  s_item = NULL;
}
void queue_item(void) {
  s_item = strdup("z");
  move_to_list();
}

// Still held by a local that releases it.
static char *s_view;
void view(void) {
  char *p = malloc(4);
  s_view = p;
  s_view = NULL;
  free(p);
}

// A call through a pointer may run any function of the TU.
static void (*s_hook)(void);
void through_pointer(void) {
  s_pending = malloc(4);
  s_hook();
  s_pending = NULL;
}

// Returned to the caller and kept by the global as well: two owners, and
// the caller releases what it gets.
static char *s_last;
static char *remember(const char *s) {
  char *c = strdup(s);
  s_last = c;
  return c;
}
void remember_twice(void) {
  free(remember("a"));
  free(remember("b"));
}
