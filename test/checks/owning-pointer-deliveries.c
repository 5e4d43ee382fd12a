// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -x c -std=gnu11
// Resources a function of the TU delivers through an out-parameter
// (`make_sock(&fd)`, a wrapper of vasprintf), allocators reached through
// hooks set to malloc and free, and arguments a format string only prints.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

// ---- Delivered through `*out`, failure told by the result.

int make_sock(int *out) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0)
    return -1;
  *out = s;
  return 0;
}

int sendHello(void) {
  int fd;
  if (make_sock(&fd) < 0)
    return -1; // nothing delivered: no leak
  if (write(fd, "hello", 5) < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: file descriptor opened by 'make_sock' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: file descriptor is opened here
  close(fd);
  return 0;
}

int sendHelloClosed(void) {
  int fd;
  if (make_sock(&fd) < 0)
    return -1;
  int rc = write(fd, "hello", 5) < 0 ? -1 : 0;
  close(fd);
  return rc;
}

// The status of such a call is -1 or 0 (a count, for asprintf), never a
// descriptor: `== 0`, `!= 0` and `!` all say that it delivered.
int make_buf(char **out) {
  char *p = malloc(8);
  if (!p)
    return -1;
  *out = p;
  return 0;
}

int freedWhenZero(void) {
  char *s = NULL;
  if (make_buf(&s) == 0)
    free(s);
  return 0;
}

int freedUnlessNonZero(void) {
  char *s = NULL;
  if (make_buf(&s) != 0)
    return 1; // nothing delivered
  free(s);
  return 0;
}

int freedWhenNot(void) {
  char *s = NULL;
  if (!make_buf(&s))
    free(s);
  return 0;
}

int leakedWhenZero(int n) {
  char *s = NULL;
  if (make_buf(&s) == 0) {
    if (n > 3)
      return 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: memory allocated by 'make_buf' is leaked on this early return [leaklint-owning-pointer]
    free(s);
  }
  return 0;
}

// An option without a value: `*out = NULL; return 0;` is a success that
// delivers a null pointer, nothing to release; -1 says nothing was
// delivered (socat's retropt_string).
struct opt {
  const char *name, *value;
};
int take_value(const struct opt *o, const char *name, char **out) {
  for (; o->name; ++o) {
    if (strcmp(o->name, name) != 0)
      continue;
    if (o->value == NULL)
      *out = NULL;
    else if ((*out = strdup(o->value)) == NULL)
      return -1;
    return 0;
  }
  return -1;
}

int rangeOption(const struct opt *o) {
  char *range = NULL;
  if (take_value(o, "range", &range) >= 0) {
    if (range && range[0] == '!')
      return -2;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: memory allocated by 'take_value' is leaked on this early return [leaklint-owning-pointer]
    free(range);
  }
  return 0;
}

// 1 when it delivered, 0 when it matched nothing and left null, -1 on an
// error: the caller frees only on 1 (bsdtar's apply_substitution).
static int append(char **out, const char *s) {
  size_t old = *out ? strlen(*out) : 0;
  char *p = realloc(*out, old + strlen(s) + 1);
  if (p == NULL)
    return -1;
  strcpy(p + old, s);
  *out = p;
  return 0;
}
int substitute(const char *name, const char *const *rules, char **out) {
  int matched = 0;
  *out = NULL;
  if (rules == NULL)
    return 0;
  for (; *rules; ++rules) {
    if (strstr(name, *rules) == NULL)
      continue;
    matched = 1;
    if (append(out, *rules) < 0) {
      free(*out);
      *out = NULL;
      return -1;
    }
  }
  return matched;
}
int renamed(const char *name, const char *const *rules) {
  char *s;
  int r = substitute(name, rules, &s);
  if (r == -1)
    return 1;
  if (r == 1) {
    puts(s);
    free(s);
  }
  return 0; // no warning: 0 leaves null
}

// A list head given by address keeps the node, and the node returned is
// a loan of it, through two functions (rsync's recv_add_id).
struct idnode {
  struct idnode *next;
  int id, id2;
};
static struct idnode *idlist;
static struct idnode *add_node(struct idnode **root, int id, int id2) {
  struct idnode *node = malloc(sizeof *node);
  if (!node)
    abort();
  node->next = *root;
  node->id = id;
  node->id2 = id2;
  *root = node;
  return node;
}
static struct idnode *add_id(struct idnode **root, int id) {
  struct idnode *node = add_node(root, id, id + 1000);
  return node;
}
int mappedId(int id) {
  struct idnode *node = add_id(&idlist, id);
  return node->id2; // no warning: `idlist` keeps it
}

// Cleared first, then a failure: -1 still says nothing was delivered.
int clear_then_fill(int n, char **out) {
  *out = NULL;
  if (n < 0)
    return -1;
  *out = malloc(n + 1);
  return *out ? 0 : -1;
}

int clearedFirst(int n) {
  char *p = NULL;
  if (clear_then_fill(n, &p) < 0)
    return 1; // no warning: nothing delivered
  free(p);
  return 0;
}

// What was delivered, tested twice where it was stored: the second test
// agrees with the first (the result is a number, not the status).
long parse_num(const char *s, char **cause) {
  if (!s) {
    *cause = strdup("missing");
    return 0;
  }
  *cause = NULL;
  return strtol(s, NULL, 10);
}

int scaled(const char *s, long k) {
  char *cause;
  long n = parse_num(s, &cause);
  if (cause == NULL)
    n *= 2;
  if (cause != NULL) {
    free(cause);
    return -1;
  }
  if (k > n)
    return 1; // nothing delivered on this path
  return 0;
}

// A wrapper that exits when vasprintf fails, and a variadic one above it:
// both always deliver.
int safe_vasprintf(char **strp, const char *fmt, va_list ap) {
  int r = vasprintf(strp, fmt, ap);
  if (r == -1)
    exit(1);
  return r;
}

int safe_asprintf(char **strp, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = safe_vasprintf(strp, fmt, ap);
  va_end(ap);
  return r;
}

int greet(const char *name) {
  char *line;
  safe_asprintf(&line, "hello %s", name);
  if (name[0] == '\0')
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'safe_asprintf' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: memory is allocated here
  puts(line);
  free(line);
  return 0;
}

int greetFreed(const char *name) {
  char *line;
  safe_asprintf(&line, "hello %s", name);
  puts(line);
  free(line);
  return 0;
}

// 1 when delivered, 0 when not.
int read_name(FILE *f, char **out) {
  char buf[64];
  if (!fgets(buf, sizeof buf, f))
    return 0;
  char *s = strdup(buf);
  if (!s)
    return 0;
  *out = s;
  return 1;
}

int countNames(FILE *f) {
  int n = 0;
  char *name;
  while (read_name(f, &name)) {
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'name' is overwritten while it still owns memory allocated by 'read_name' [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-2]]:10: note: memory is allocated here
    if (name[0] == '#')
      continue;
    ++n;
    free(name);
  }
  return n;
}

// 0 when delivered, an error number when not.
int open_log(const char *path, FILE **out) {
  FILE *f = fopen(path, "a");
  if (!f)
    return errno;
  *out = f;
  return 0;
}

int logLine(const char *path, const char *msg) {
  FILE *f;
  int err = open_log(path, &f);
  if (err)
    return err; // nothing delivered
  if (fputs(msg, f) < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: file opened by 'open_log' is leaked on this early return [leaklint-owning-pointer]
  fclose(f);
  return 0;
}

// No result to test: null when nothing was delivered.
void copy_name(const char *name, char **out) {
  if (!name)
    return;
  *out = strdup(name);
}

int nameLength(const char *name) {
  char *copy = NULL;
  copy_name(name, &copy);
  if (!copy)
    return 0;
  int n = (int)strlen(copy);
  if (n > 10)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'copy_name' is leaked on this early return [leaklint-owning-pointer]
  free(copy);
  return n;
}

// Not deliveries: what `*out` gets is also kept elsewhere, or the caller's
// own, or delivered alike whatever the result says.
static char *last_name;

int remember_name(const char *s, char **out) {
  char *c = strdup(s);
  if (!c)
    return -1;
  last_name = c;
  *out = c;
  return 0;
}

int pass_through(char *in, char **out) {
  *out = in;
  return 0;
}

int either(const char *s, char **out) {
  if (s[0] == 'x')
    return 0;
  *out = strdup(s);
  return 0;
}

int notDelivered(const char *s, char *mine) {
  char *a, *b, *c = NULL;
  if (remember_name(s, &a) < 0)
    return -1;
  pass_through(mine, &b);
  either(s, &c);
  return a[0] + b[0] + (c ? c[0] : 0); // no warning
}

// What was delivered is tested where it was stored: `fd` is a descriptor,
// valid unless negative, whatever a void function's "status" would be.
static void open_into(int *out) { *out = open("data.txt", O_RDWR); }

int testedWhereDelivered(void) {
  int fd = -1;
  open_into(&fd);
  if (fd != -1)
    write(fd, "x", 1);
  if (fd != -1)
    close(fd);
  return 0; // no warning
}

int leakedWhereDelivered(int n) {
  int fd;
  open_into(&fd);
  if (fd < 0)
    return -1;
  if (n > 1)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: file descriptor opened by 'open_into' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-6]]:3: note: file descriptor is opened here
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: assuming 'fd' is valid
  close(fd);
  return 0;
}

// A function that stores the block into `*list` and returns it too (as
// lighttpd's ck_realloc_u32): the caller holds it through `list`; the result
// is another name for it, not a second block to free.
void *grow_list(void **list, size_t n, size_t size) {
  void *p = realloc(*list, n * size);
  if (!p)
    abort();
  return (*list = p);
}

struct poller {
  int *fds;
  size_t size;
};

void growPoller(struct poller *ev) {
  grow_list((void **)&ev->fds, ev->size + 16, sizeof *ev->fds); // no warning
  ev->size += 16;
}

int growLocal(int k) {
  int *arr = NULL;
  grow_list((void **)&arr, 16, sizeof *arr);
  if (k)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'grow_list' is leaked on this early return [leaklint-owning-pointer]
  free(arr);
  return 0;
}

// ---- Allocator hooks: function pointers the library sets to malloc and
// free, which the application may replace.

typedef struct {
  void *(*allocate)(size_t);
  void (*deallocate)(void *);
} hooks_t;

static hooks_t global_hooks = {malloc, free};

void init_hooks(void *(*alloc_fn)(size_t), void (*free_fn)(void *)) {
  global_hooks.allocate = alloc_fn ? alloc_fn : malloc;
  global_hooks.deallocate = free_fn ? free_fn : free;
}

char *hookStrdup(const char *s, const hooks_t *hooks) {
  size_t n = strlen(s) + 1;
  char *c = hooks->allocate(n);
  if (!c)
    return NULL;
  memcpy(c, s, n);
  return c;
}

int hookUse(const char *s) {
  char *c = hookStrdup(s, &global_hooks);
  if (!c)
    return -1;
  if (c[0] == '-')
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'hookStrdup' is leaked on this early return [leaklint-owning-pointer]
  global_hooks.deallocate(c);
  return 0;
}

int hookUseFreed(const char *s) {
  char *c = global_hooks.allocate(strlen(s) + 1);
  if (!c)
    return -1;
  strcpy(c, s);
  puts(c);
  global_hooks.deallocate(c);
  return 0;
}

// A table of operations set to a function of the program is not a hook:
// another TU may fill it with another implementation.
struct source_ops {
  void (*consume)(char *);
};
static void consume_line(char *line) { free(line); }
static const struct source_ops line_ops = {consume_line};

void feed(const struct source_ops *ops, const char *s) {
  ops->consume(strdup(s)); // no warning
}

// Whatever it points to, a function given a `const char *` only reads it.
struct show_ops {
  void (*show)(const char *);
};

int showThenFail(const struct show_ops *ops, int bad) {
  char *s = strdup("name");
  if (!s)
    return -1;
  ops->show(s);
  if (bad)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'strdup' is leaked on this early return [leaklint-owning-pointer]
  free(s);
  return 0;
}

// ---- Arguments a format string consumes are only printed.

void logf_(int level, const char *fmt, ...);
void set_props(void *obj, const char *first, ...);

int connectOrLog(void) {
  int sock = socket(AF_INET, SOCK_STREAM, 0);
  if (sock < 0)
    return -1;
  if (listen(sock, 5) < 0) {
    logf_(3, "listen failed on %d", sock);
    return -1;
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: file descriptor opened by 'socket' is leaked on this early return [leaklint-owning-pointer]
  return sock;
}

// A logging function the unit defines: its summary names its declared
// parameters only; what its format consumes is printed all the same.
__attribute__((format(printf, 2, 3)))
void log_at(int level, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (level > 2)
    vfprintf(stderr, fmt, ap);
  va_end(ap);
}

int openOrLog(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  if (lseek(fd, 0, SEEK_END) < 0) {
    log_at(3, "cannot seek %s on %d", path, fd);
    return -1;
  }
  // CHECK-MESSAGES: :[[@LINE-2]]:5: warning: file descriptor opened by 'open' is leaked on this early return [leaklint-owning-pointer]
  return fd;
}

int handOverAsProperty(void *obj) {
  char *name = strdup("x");
  if (!name)
    return -1;
  set_props(obj, "name", name, (void *)0); // no warning: not a format
  return 0;
}

// A factory that says through an integer out-parameter whether its result
// is the fresh block (jq's sort_items sets `*too_deep` and returns NULL;
// tmux's window_copy_cellstring sets `*allocated` only for a copy): the
// caller's test of the flag settles the result.
struct entry { int key; };
int compare_failed(void);
static struct entry *sort_entries(int n, int *too_deep) {
  *too_deep = 0;
  struct entry *entries = calloc((size_t)n, sizeof *entries);
  if (!entries)
    abort();
  if (compare_failed()) {
    free(entries);
    *too_deep = 1;
    return NULL;
  }
  return entries;
}
int first_key(int n) {
  int too_deep = 0;
  struct entry *entries = sort_entries(n, &too_deep);
  if (too_deep)
    return -1; // no warning: sort_entries returned NULL
  int k = entries[0].key;
  free(entries);
  return k;
}
int first_key_leak(int n) {
  int too_deep = 0;
  struct entry *entries = sort_entries(n, &too_deep);
  if (too_deep)
    return -1;
  if (n > 4)
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'sort_entries' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-6]]:27: note: memory is allocated here
  free(entries);
  return 0;
}
static const char *cell_text(const char *cells, int i, int *allocated) {
  if (cells[i] == ' ') {
    *allocated = 0;
    return " ";
  }
  *allocated = 1;
  return strdup(cells + i);
}
size_t cell_length(const char *cells, int i) {
  int allocated;
  const char *d = cell_text(cells, i, &allocated);
  size_t len = strlen(d);
  if (allocated)
    free((void *)d); // no warning: a copy only when allocated is set
  return len;
}
size_t cell_length_leak(const char *cells, int i) {
  int allocated;
  const char *d = cell_text(cells, i, &allocated);
  size_t len = strlen(d);
  if (!allocated)
    return len;
  return len + 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'cell_text' is leaked when 'd' goes out of scope [leaklint-owning-pointer]
}
// A flag the callee also sets through another pointer says nothing the
// engine can trust: here the copy is returned with the flag set, and the
// caller's test of the flag leaks it.
static char *copy_and_mark(const char *s, int *marked) {
  int *alias = marked;
  *marked = 0;
  if (!*s) {
    *marked = 2;
    return NULL;
  }
  char *c = strdup(s);
  *alias = 2;
  return c;
}
int copy_marked(const char *s) {
  int marked = 0;
  char *c = copy_and_mark(s, &marked);
  if (marked)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'copy_and_mark' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: memory is allocated here
  free(c);
  return 0;
}

// A wrapper that returns the status of the call that delivers (`return
// asprintf(strp, ..);`) fails as that call does: -1, nothing delivered
// (libnl's build_sysconf_path).
static int sysconf_path(char **strp, const char *name) {
  const char *dir = getenv("CONFDIR");
  if (!dir)
    dir = "/etc";
  return asprintf(strp, "%s/%s", dir, name);
}
int read_conf(void) {
  char *path;
  if (sysconf_path(&path, "classid") < 0)
    return -1; // no warning: nothing was delivered
  puts(path);
  free(path);
  return 0;
}
int read_conf_early(void) {
  char *path;
  if (sysconf_path(&path, "classid") < 0)
    return -1;
  if (path[0] != '/')
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'sysconf_path' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-5]]:7: note: memory is allocated here
  free(path);
  return 0;
}

// One status compared twice: `<= 0` and then not `== 0` leave only -1, the
// failure, which delivered nothing (openssh's vasnmprintf); `== 0` is the
// empty string, handed on.
int format_or_empty(char **str, const char *fmt, va_list ap) {
  char *src = NULL;
  int ret;
  if ((ret = vasprintf(&src, fmt, ap)) <= 0)
    goto fail;
  if (strlen(src) > 80) {
    free(src);
    ret = -1;
    goto fail;
  }
  *str = src;
  return ret;
fail:
  if (ret == 0) {
    *str = src;
    return 0;
  }
  *str = NULL;
  return -1; // no warning: only the failure comes here
}
// Not `== 1`: the empty string (0) comes here too.
int format_or_one(char **str, const char *fmt, va_list ap) {
  char *src = NULL;
  int ret;
  if ((ret = vasprintf(&src, fmt, ap)) <= 0)
    goto fail;
  *str = src;
  return ret;
fail:
  if (ret == 1) {
    *str = src;
    return 0;
  }
  *str = NULL;
  return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'vasprintf' is leaked when 'src' goes out of scope [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-12]]:14: note: memory is allocated here
}
