// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -x c -std=gnu11
// C structs and their destructors: the function that releases the fields of
// a struct (and allocates none) is its destructor; a field it skips, which
// the TU assigns fresh memory and releases only to assign it again, leaks
// with every object.
#include <stdlib.h>
#include <string.h>

// A GObject-style private struct: setters free the old value, finalize
// frees the fields, all but one.
struct progress_priv {
  char *package_id;
  char *transaction_id;
  char *sender;
  int percentage;
};
struct progress {
  void *parent;
  struct progress_priv *priv;
};

void progress_set_package_id(struct progress *p, const char *id) {
  free(p->priv->package_id);
  p->priv->package_id = strdup(id);
}

void progress_set_transaction_id(struct progress *p, const char *id) {
  free(p->priv->transaction_id);
  p->priv->transaction_id = strdup(id);
}

void progress_set_sender(struct progress *p, const char *name) {
  if (p->priv->sender && strcmp(p->priv->sender, name) == 0)
    return;
  free(p->priv->sender);
  p->priv->sender = strdup(name);
}

char *progress_get_sender(struct progress *p) {
  return p->priv->sender; // lends it: the setter frees it
}

static void progress_finalize(struct progress *p) {
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'progress_finalize' releases the fields of 'progress_priv' but not 'sender', which owns memory allocated by 'strdup' [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-9]]:21: note: memory is allocated here
  free(p->priv->package_id);
  free(p->priv->transaction_id);
  // CHECK-FIXES:static void progress_finalize(struct progress *p) {
  // CHECK-FIXES:  free(p->priv->transaction_id);
  // CHECK-FIXES-NEXT:  free(p->priv->sender);
  free(p->priv);
}

// A configuration with a typedef name; the field is set once, never freed.
typedef struct {
  char *host;
  char *user;
  char *banner;
} conf_t;

conf_t *conf_new(const char *host, const char *user) {
  conf_t *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  c->host = strdup(host);
  c->user = strdup(user);
  return c;
}

void conf_set_banner(conf_t *c, const char *b) {
  c->banner = malloc(strlen(b) + 1);
  if (c->banner)
    strcpy(c->banner, b);
}

void conf_free(conf_t *c) {
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'conf_free' releases the fields of 'conf_t' but not 'banner', which owns memory allocated by 'malloc' [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-7]]:15: note: memory is allocated here
  if (!c)
    return;
  free(c->host);
  free(c->user);
  // CHECK-FIXES:void conf_free(conf_t *c) {
  // CHECK-FIXES:  free(c->user);
  // CHECK-FIXES-NEXT:  free(c->banner);
  free(c);
}

// Silent below.

// The field is released for good by another function (a close()).
struct conn {
  char *name;
  char *peer;
  char *buffer;
};
void conn_open(struct conn *c) { c->buffer = malloc(64); }
void conn_close(struct conn *c) { free(c->buffer); c->buffer = NULL; }
void conn_set_name(struct conn *c, const char *n) { free(c->name); c->name = strdup(n); }
void conn_set_peer(struct conn *c, const char *n) { free(c->peer); c->peer = strdup(n); }
void conn_destroy(struct conn *c) {
  free(c->name);
  free(c->peer);
  free(c);
}

// The field's value is given away: a getter without const.
struct msg {
  char *head;
  char *body;
  char *trailer;
};
void msg_set_trailer(struct msg *m, const char *t) { m->trailer = strdup(t); }
char *msg_take_trailer(struct msg *m) { return m->trailer; }
void msg_free(struct msg *m) {
  free(m->head);
  free(m->body);
  free(m);
}

// The destructor hands the struct to a function the TU cannot see, which
// may release what is left.
struct job {
  char *id;
  char *cmd;
  char *log;
};
void job_free_extra(struct job *j);
void job_set_log(struct job *j, const char *l) { free(j->log); j->log = strdup(l); }
void job_free(struct job *j) {
  free(j->id);
  free(j->cmd);
  job_free_extra(j);
  free(j);
}

// Only one field released: no sign of a destructor.
struct pair {
  char *a;
  char *b;
};
void pair_set_b(struct pair *p, const char *s) { p->b = strdup(s); }
void pair_free(struct pair *p) {
  free(p->a);
  free(p);
}

// The function that releases the most fields also allocates: a reset, not
// a destructor.
struct digest {
  char *nonce;
  char *domain;
  char *opaque;
};
void digest_update(struct digest *d, const char *n, const char *o) {
  free(d->nonce);
  free(d->domain);
  free(d->opaque);
  d->nonce = strdup(n);
  d->opaque = strdup(o);
}

// A field that points into another object: never assigned fresh memory.
struct view {
  char *data;
  char *copy;
  char *cursor;
};
void view_set(struct view *v, char *at) { v->cursor = at; }
void view_load(struct view *v) { v->data = malloc(8); v->copy = strdup("x"); }
void view_free(struct view *v) {
  free(v->data);
  free(v->copy);
}

// The function a container is given to dispose of each element, which
// releases the element's fields but not the element (gnutls's test server:
// `listener_free`), while the TU allocates the elements and releases them
// nowhere else: each element leaks its own block.
typedef struct list list;
list *list_create(void (*dispose)(const void *elt));
void list_add(list *l, const void *elt);
struct listener {
  char *request;
  char *response;
  int fd;
};
static void listener_free(const void *elt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'listener_free' releases the fields of 'listener' but not the object itself, memory allocated by 'calloc' [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE+10]]:24: note: memory is allocated here
  // CHECK-MESSAGES: :[[@LINE+8]]:17: note: given here as the function that disposes of each object
  struct listener *j = (struct listener *)elt;
  free(j->request);
  free(j->response);
}
static list *listeners;
void listen_on(int fd) {
  if (!listeners)
    listeners = list_create(listener_free);
  struct listener *j = calloc(1, sizeof *j);
  if (!j)
    return;
  j->fd = fd;
  j->request = strdup("");
  list_add(listeners, j);
}

// Negatives: the disposer releases the element too (queued_free); the
// disposer only clears what an element holds, and the TU releases the
// element where it takes it out of the container (task_done).
void list_remove(list *l, const void *elt);
struct queued {
  char *name;
  char *args;
};
static void queued_free(const void *elt) {
  struct queued *q = (struct queued *)elt;
  free(q->name);
  free(q->args);
  free(q);
}
void enqueue(list **queue, const char *name) {
  if (!*queue)
    *queue = list_create(queued_free);
  struct queued *q = calloc(1, sizeof *q);
  if (q) {
    q->name = strdup(name);
    list_add(*queue, q);
  }
}
struct task {
  char *title;
  char *command;
  int pid;
};
static void task_clear(const void *elt) {
  const struct task *t = elt;
  free(t->title);
  free(t->command);
}
struct task *task_start(list **tasks, const char *title, int pid) {
  if (!*tasks)
    *tasks = list_create(task_clear);
  struct task *t = malloc(sizeof *t);
  if (!t)
    return NULL;
  t->title = strdup(title);
  t->command = NULL;
  t->pid = pid;
  list_add(*tasks, t);
  return t;
}
void task_done(list *tasks, struct task *t) {
  list_remove(tasks, t);
  task_clear(t);
  free(t);
}

// dhcpcd's dhcpcd.c (real code): `free_globals` releases the arrays of the
// context; the log file name is freed by `main` itself, after it, and
// before each new copy an option gives. A release with no new value after
// it ends the field's last value: not the destructor's to free.
struct dhcp_ctx {
  char **ifav, **ifdv;
  int ifac, ifdc;
  char *logfile;
};
static void free_globals(struct dhcp_ctx *ctx) {
  for (; ctx->ifac > 0; ctx->ifac--)
    free(ctx->ifav[ctx->ifac - 1]);
  free(ctx->ifav);
  for (; ctx->ifdc > 0; ctx->ifdc--)
    free(ctx->ifdv[ctx->ifdc - 1]);
  free(ctx->ifdv);
}
int getopt(int, char *const[], const char *);
extern char *optarg;
int dhcp_main(int argc, char **argv) {
  struct dhcp_ctx ctx = {0};
  int opt;
  while ((opt = getopt(argc, argv, "j:")) != -1) {
    if (opt == 'j') {
      free(ctx.logfile);
      ctx.logfile = strdup(optarg);
    }
  }
  ctx.ifav = calloc(4, sizeof(char *));
  ctx.ifdv = calloc(4, sizeof(char *));
  free_globals(&ctx);
  free(ctx.logfile);
  return 0;
}

// Still reported: the field is released only to be assigned again.
struct dhcp_opts {
  char **names;
  int count;
  char *script;
  char *hostname;
};
static void dhcp_opts_free(struct dhcp_opts *o) {
// CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'dhcp_opts_free' releases the fields of 'dhcp_opts' but not 'hostname', which owns memory allocated by 'strdup' [leaklint-owning-pointer]
  for (; o->count > 0; o->count--)
    free(o->names[o->count - 1]);
  free(o->names);
  free(o->script);
  free(o);
}
void dhcp_opts_set_host(struct dhcp_opts *o, const char *name) {
  free(o->hostname);
  o->hostname = strdup(name);
// CHECK-MESSAGES: :[[@LINE-1]]:17: note: memory is allocated here
}
