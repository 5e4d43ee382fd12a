// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -x c -std=gnu11 -isystem %S/Inputs/owning-pointer/sys
// Allocators beyond the table's C library: what a declaration's attributes
// say (malloc, ownership_returns/takes/holds), GLib's g_malloc family,
// getcwd/realpath when given no buffer, realloc(p, 0), cleanup variables,
// and functions that share a library name but not its prototype.
#define _GNU_SOURCE
#include <gpath.h>
#include <iconv.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct node;
struct node *node_new(void) __attribute__((malloc));
void node_free(struct node *n);
int node_weight(const struct node *n);
char *xstrdup(const char *s) __attribute__((ownership_returns(malloc)));
void *pool_get(unsigned long n) __attribute__((ownership_returns(pool)));
void pool_put(void *p) __attribute__((ownership_takes(pool, 1)));
void pool_keep(const void *p) __attribute__((ownership_holds(pool, 1)));
// ImageMagick's AcquireQuantumMemory / ResizeQuantumMemory: a malloc-attributed
// function that takes a block of its own result type reallocates it.
void *block_new(unsigned long n) __attribute__((malloc));
void *block_resize(void *p, unsigned long n) __attribute__((malloc));
void block_free(void *p);

int nodeWeight(void) {
  struct node *n = node_new();
  if (!n)
    return -1;
  int w = node_weight(n);
  if (w < 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'node_new' is leaked on this early return [leaklint-owning-pointer]
  node_free(n);
  return w;
}

// A list built with the program's own malloc-attributed allocator, which
// aborts rather than fail (htop's xCalloc): the tail is never null again.
struct item {
  struct item *next;
};
void *xcalloc(unsigned long n, unsigned long size) __attribute__((malloc));
struct list {
  struct item *head;
};

void buildList(struct list *l, int n) {
  struct item *tail = NULL;
  for (int i = 0; i < n; ++i) {
    struct item *it = xcalloc(1, sizeof *it);
    if (tail == NULL)
      l->head = it; // no warning
    else
      tail->next = it;
    tail = it;
  }
}

// A system library's malloc-attributed function may fail otherwise than
// with null: iconv_open returns (iconv_t)-1.
int openConverter(iconv_t *out, const char *to, const char *from) {
  iconv_t cd = iconv_open(to, from);
  if (cd == (iconv_t)-1)
    cd = iconv_open(to, "SJIS"); // no warning
  if (cd == (iconv_t)-1)
    return -1;
  *out = cd;
  return 0;
}

int copyName(const char *s) {
  char *d = xstrdup(s);
  if (!d)
    return -1;
  if (d[0] == '-')
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'xstrdup' is leaked on this early return [leaklint-owning-pointer]
  free(d);
  return 0;
}

int poolUse(int k) {
  char *p = pool_get(16);
  if (!p)
    return -1;
  if (k > 3)
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'pool_get' is leaked on this early return [leaklint-owning-pointer]
  pool_put(p);
  return 0;
}

int poolKept(void) {
  char *p = pool_get(16);
  if (!p)
    return -1;
  pool_keep(p); // no warning: the pool holds it
  return 0;
}

// GLib (declared as glib.h declares them; gpath.h is a system header).
gpointer g_malloc(unsigned long n);

int glibBuffer(int n) {
  char *b = g_malloc(n);
  if (n > 64)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'g_malloc' is leaked on this early return [leaklint-owning-pointer]
  g_free(b);
  return 0;
}

int currentDir(void) {
  char *d = getcwd(NULL, 0);
  if (!d)
    return -1;
  if (d[0] != '/')
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'getcwd' is leaked on this early return [leaklint-owning-pointer]
  free(d);
  return 0;
}

int currentDirInBuffer(void) {
  char buf[PATH_MAX];
  char *d = getcwd(buf, sizeof buf);
  if (!d)
    return -1;
  return d[0]; // no warning: getcwd filled buf
}

int canonical(const char *path) {
  char *r = realpath(path, NULL);
  if (!r)
    return -1;
  if (r[1] == '\0')
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'realpath' is leaked on this early return [leaklint-owning-pointer]
  free(r);
  return 0;
}

int shrinkToNothing(void) {
  char *p = malloc(10);
  if (!p)
    return -1;
  p = realloc(p, 0); // no warning: frees p
  return 0;
}

static inline void freep(void *p) { free(*(void **)p); }
#define _cleanup_free_ __attribute__((cleanup(freep)))

int cleanupVariable(const char *s) {
  _cleanup_free_ char *d = strdup(s);
  if (!d)
    return -1;
  if (d[0] == 'x')
    return -2; // no warning: freep(&d) runs here
  return 0;
}

// A program's own function named like the library's, with another
// prototype, is not the library's.
struct vfs;
int fopen(struct vfs *fs, const char *name);

int openInVfs(struct vfs *fs) {
  int h = fopen(fs, "a");
  if (h < 0)
    return -1;
  return 0; // no warning: not a FILE
}

// A system library's malloc-attributed strings are fresh memory; its other
// malloc-attributed results may fail otherwise than with null.
int sameDir(const char *a, const char *b) {
  char *da = g_path_get_dirname(a);
  char *db = g_path_get_dirname(b);
  int same = da && db && strcmp(da, db) == 0;
  g_free(da);
  return same;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'g_path_get_dirname' is leaked when 'db' goes out of scope [leaklint-owning-pointer]
}

int convert(void) {
  conv_t cd = conv_open("UTF-8", "latin1");
  if (cd == (conv_t)-1)
    cd = conv_open("UTF-8", "ascii"); // no warning: the first one failed
  return cd == (conv_t)-1 ? -1 : conv_close(cd);
}

// `memcpy` of structs copies the pointers they hold: the destination has
// them now (xz's lzma_filters_copy).
struct filter {
  int id;
  void *options;
};

int copyFilters(struct filter *real_dest, int n) {
  struct filter dest[4];
  int i;
  for (i = 0; i < n && i < 4; ++i) {
    dest[i].id = i;
    dest[i].options = malloc(16);
    if (!dest[i].options)
      goto error;
  }
  memcpy(real_dest, dest, (size_t)i * sizeof(struct filter));
  return 0; // no warning
error:
  while (i-- > 0)
    free(dest[i].options);
  return -1;
}

int copyBytes(char *out, int n) {
  char *buf = malloc(64);
  if (!buf)
    return -1;
  memcpy(out, buf, 64); // copies the bytes, keeps nothing of buf
  if (n > 3)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
  free(buf);
  return 0;
}

// The block moves into the one block_resize returns: nothing is overwritten.
char *growBlock(const char *s) {
  char *b = block_new(8);
  for (int i = 0; s[i]; i++) {
    b = block_resize(b, i + 2);
    b[i] = s[i];
  }
  return b;
}

int growThenFail(int n) {
  char *b = block_new(8);
  b = block_resize(b, n);
  if (n > 100)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'block_resize' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: memory is allocated here
  block_free(b);
  return 0;
}

// An allocator given a memory context first (pgbouncer's cx_alloc): the
// block goes with the pool, whatever the attribute promises of aliases.
typedef const struct CxMem CxMem;
void *cx_alloc(CxMem *cx, unsigned long len) __attribute__((malloc));
struct strset {
  CxMem *pool;
  int count;
};
int strset_add(struct strset *set, unsigned long len) {
  char *node = cx_alloc(set->pool, len + 1);
  if (!node)
    return 0;
  if (set->count > 10)
    return 0;
  node[0] = 0;
  return 1;
}

// An allocator that also stores its result through an out-parameter
// (bitlbee's help_init, real code): the caller's variable holds it, so
// testing the result and dropping it loses nothing.
typedef struct help help_t;
help_t *help_init(help_t **help, const char *helpfile) __attribute__((malloc));
struct bee_global {
  help_t *help;
} bee_global;
void bee_log(const char *msg);
void bee_load_help(const char *file) {
  if (help_init(&bee_global.help, file) == 0)
    bee_log("Error opening helpfile");
}
