// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -x c -std=gnu11
// Correct C code from real projects that earlier versions reported (the
// causes in test/realcode/causes.md): each section must stay silent. The
// last sections are leaks of the same shapes that must still be reported.
// "Baseline" names the binary measured in test/realcode/README.md.
#include <fcntl.h>
#include <unistd.h>
#include <sys/socket.h>
#include <stdio.h>
#include <string.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdbool.h>
#include <errno.h>
#include <netdb.h>

// -------- discarded-open-reserves-fd
/* open("/dev/null") with the result discarded, at startup, to make sure descriptors 0, 1 and 2
 * exist: the descriptor is meant to stay open for the life of the process (it becomes stdin,
 * stdout or stderr). Real code: dnsmasq main().
 * Baseline: "file descriptor opened by 'open' is leaked: the result is discarded". */
void close_fds(long max_fd);
int main(void) {
  int i;
  for (i = 0; i < 3; i++)
    open("/dev/null", O_RDWR);
  close_fds(sysconf(_SC_OPEN_MAX));
  return 0;
}

// -------- failure-value-returned
/* A connect helper that stores the descriptor in a struct and returns 0, or returns the
 * (negative) descriptor value when opening failed: the summary takes it for a function that
 * returns a fresh descriptor, and the caller's status variable "owns" it.
 * Real code: fio client.c fio_client_connect() / fio_clients_connect().
 * Baseline: "'ret' is overwritten while it still owns file descriptor opened by 'client_connect'". */
struct client { int fd; struct client *next; };
int client_connect(struct client *c) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return fd;
  c->fd = fd;
  return 0;
}
int clients_connect(struct client *list) {
  int ret = 0, ok = 0;
  for (struct client *c = list; c; c = c->next) {
    ret = client_connect(c);
    if (ret) continue;
    ok++;
  }
  return ok;
}

// -------- fopen-or-stdin
/* A stream that is either a fresh fopen() or stdin, closed under 'if (f != stdin)': a stream
 * fopen() returns is never stdin, but the baseline does not decide the comparison and reports
 * the path on which it would be equal. Real code: pbzip2 testCompressedData().
 * Baseline: "file opened by 'fopen' is leaked on this early return". */
int check(const char *name) {
  FILE *f;
  if (strcmp(name, "-") != 0) {
    f = fopen(name, "rb");
    if (f == NULL) return -1;
  } else {
    f = stdin;
  }
  if (ferror(f)) {
    if (f != stdin) fclose(f);
    return -1;
  }
  int c = fgetc(f);
  if (f != stdin) fclose(f);
  return c;
}

// -------- intrusive-list-handoff
/* An object linked into a list through the address of its embedded list node ('&p->list',
 * the Linux-kernel intrusive list): the list now holds the object, and it is freed through
 * container_of when the list is torn down. The baseline sees only '&p->list' passed on, not 'p'.
 * Real code: fio (flist_add_tail in client.c, init.c, parse.c, server.c, iolog.c, filesetup.c).
 * Baseline: "memory allocated by 'malloc' is leaked when 'p' goes out of scope". */
struct flist_head { struct flist_head *next, *prev; };
static inline void flist_add_tail(struct flist_head *entry, struct flist_head *head) {
  entry->next = head;
  entry->prev = head->prev;
  head->prev->next = entry;
  head->prev = entry;
}
struct opt { struct flist_head list; char *name; };
void add_opt(struct flist_head *opt_list, const char *name) {
  struct opt *p = malloc(sizeof(*p));
  if (!p) return;
  p->name = strdup(name);
  flist_add_tail(&p->list, opt_list);
}

// -------- loop-flag-lost
/* A flag set in one loop iteration ("have_auth") guards the acquisition in the next: once the
 * pointer has been moved to "user", the flag keeps "user_or_host" from being allocated again, so
 * "user" is never overwritten while it owns memory. The baseline loses the flag across iterations.
 * Real code: mosquitto client_shared.c and mosquitto_ctrl options.c (parsing socks5h:// URLs).
 * Baseline: "'user' is overwritten while it still owns memory allocated by 'malloc'". */
int parse(const char *str, char **user_out) {
  char *user_or_host = NULL, *user = NULL;
  bool have_auth = false;
  size_t i;
  for (i = 0; i < strlen(str); i++) {
    if (str[i] == ':') {
      if (!have_auth && !user_or_host) {
        user_or_host = malloc(8);
        if (!user_or_host) goto cleanup;
      }
    } else if (str[i] == '@') {
      have_auth = true;
      if (user_or_host) {
        user = user_or_host;
        user_or_host = NULL;
      }
    }
  }
  *user_out = user;
  free(user_or_host);
  return 0;
cleanup:
  free(user_or_host);
  free(user);
  return 1;
}

// -------- retry-accept-eintr
/* accept() retried while it fails with EINTR: the loop goes round again only when 'sd' is -1,
 * so no descriptor is overwritten. Same gap as retry-until-nonnull.c (a null/invalid test in
 * the left operand of '&&' in a loop condition is not used on the back edge).
 * Real code: Poco Net SocketImpl::acceptConnection().
 * Baseline: "'sd' is overwritten while it still owns file descriptor opened by 'accept'". */
int accept_one(int lfd) {
  struct sockaddr_storage buffer;
  socklen_t len = sizeof(buffer);
  int sd;
  do {
    sd = accept(lfd, (struct sockaddr *)&buffer, &len);
  } while (sd == -1 && errno == EINTR);
  return sd;
}

// -------- retry-until-nonnull
/* A retry loop that allocates until it succeeds: the loop goes round again only while the
 * pointer is null, so nothing is overwritten while owned. The baseline does not carry the
 * 'testmem is null' of the do-while condition to the next iteration.
 * Real code: zstd programs/benchzstd.c BMK_findMaxMem().
 * Baseline: "'testmem' is overwritten while it still owns memory allocated by 'malloc'". */
size_t find_max_mem(size_t required, size_t step) {
  void *testmem = NULL;
  do {
    testmem = malloc(required);
    required -= step;
  } while (!testmem && required > 0);
  free(testmem);
  return required;
}

// -------- same-condition-early-return
/* A descriptor opened under 'if (eo->std_redirect)' and closed under the same test before an early
 * return: the two tests are one (nothing in between writes the
 * option), but the baseline forgets the field's value across the calls in between, and on an early
 * return it reports the path that takes the first branch and skips the second. Real code: fio engines/exec.c exec_background().
 * Baseline: "file descriptor opened by 'open' is leaked on this early return". */
struct exec_options { int std_redirect; int pid; };
void log_info(const char *fmt, ...);
int start(struct exec_options *eo, const char *out) {
  int outfd = -1;
  if (eo->std_redirect) {
    outfd = open(out, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    if (outfd < 0) return -1;
  }
  log_info("%s: running\n", out);
  pid_t pid = fork();
  if (pid > 0) {
    eo->pid = pid;
    if (eo->std_redirect) close(outfd);
    return 0;
  }
  if (pid == 0) {
    if (eo->std_redirect) { dup2(outfd, 1); close(outfd); }
    execlp("true", "true", (char *)0);
    _exit(127);
  }
  if (eo->std_redirect) close(outfd);
  return -1;
}

// -------- struct-copy-handoff
/* A local struct that holds fresh memory is copied whole into an object that outlives the
 * function ('*tab = grown;'): the memory is handed off with the copy, but the baseline still
 * sees it owned by the local struct when the local goes out of scope.
 * Real code: lighttpd's lemon.c (Symbol_insert and friends, growing a hash table).
 * Baseline: "memory allocated by 'calloc' is leaked when 'grown' goes out of scope". */
struct table { int size; int count; int *slots; };
static struct table *tab; /* set up elsewhere */
int table_insert(int v) {
  if (tab->count >= tab->size) {
    struct table grown;
    grown.size = tab->size * 2;
    grown.count = tab->count;
    grown.slots = calloc(grown.size, sizeof(int));
    if (grown.slots == NULL) return 0;
    for (int i = 0; i < tab->count; i++) grown.slots[i] = tab->slots[i];
    free(tab->slots);
    *tab = grown;
  }
  tab->slots[tab->count++] = v;
  return 1;
}

// -------- zero-trip-loop
/* A resource handed off inside a loop whose count is a setting the baseline cannot bound: the
 * loop is assumed to run zero times, and the overwrite on the next outer iteration is reported.
 * Real code: memcached server_socket() (one fd per UDP worker thread).
 * Baseline: warning at the 'sfd = new_socket()' line ('sfd' is overwritten while it still owns
 * file descriptor); the code is correct whenever threads_per_udp >= 1. */
void dispatch_conn_new(int fd, int state); /* another file: queues fd for a worker */
struct settings { int threads_per_udp; } settings;
static int new_socket(void) {
  int sfd = socket(AF_INET, SOCK_DGRAM, 0);
  if (sfd == -1) return -1;
  return sfd;
}
int server_sockets(int n) {
  int sfd;
  for (int i = 0; i < n; i++) {
    if ((sfd = new_socket()) == -1) continue;
    for (int c = 0; c < settings.threads_per_udp; c++) {
      int per_thread_fd = sfd;
      if (c > 0 && (per_thread_fd = dup(sfd)) < 0) exit(1);
      dispatch_conn_new(per_thread_fd, 1);
    }
  }
  return 0;
}

// -------- field-of-escaping-object
/* A block stored in a field of the object that the function returns (the ordinary C
 * constructor): the returned object owns it. Reading it back through a typed alias (iperf's
 * `sreport = hdr->this_report`) or storing the object into the caller's struct (libarchive's
 * `f->data = state`) does not matter; the plain form below is enough.
 * Real code: iperf src/Reports.c:683, :801, :880; libarchive libarchive/archive_write.c:360;
 * libzstd programs/fileio_asyncio.c:157.
 * v2: "memory allocated by 'malloc' is leaked when 'buffer' goes out of scope". */
typedef struct { void *buffer; size_t size; } job_t;
job_t *job_new(size_t n) {
  job_t *job = malloc(sizeof(job_t));
  if (!job)
    return NULL;
  void *buffer = malloc(n);
  if (!buffer) {
    free(job);
    return NULL;
  }
  job->buffer = buffer;
  job->size = n;
  return job;
}

// -------- helper-stores-args-in-returned-struct
/* A helper that allocates a struct, stores its pointer arguments in it and returns it: the
 * arguments are handed to the returned struct (libzstd's UTIL_assembleFileNamesTable).
 * Real code: libzstd programs/util.c:641, :678, :1270, :1289.
 * v2: "memory allocated by 'malloc' is leaked when 'names' goes out of scope". */
typedef struct { const char **names; char *buf; size_t size; } table_t;
static table_t *assemble(const char **names, size_t size, char *buf) {
  table_t *t = malloc(sizeof(*t));
  if (!t)
    exit(1);
  t->names = names;
  t->buf = buf;
  t->size = size;
  return t;
}
table_t *table_new(size_t size) {
  const char **const names = malloc(size * sizeof(*names));
  table_t *t;
  if (names == NULL)
    return NULL;
  t = assemble(names, size, NULL);
  t->size = 0;
  return t;
}

// -------- first-member-address-returned
/* C's embedded-base idiom: the function returns the address of the first member
 * (`return &a->archive;`), which is the object itself; what the object's fields hold goes
 * with it. Real code: libarchive libarchive/archive_write.c:124.
 * v2: "memory allocated by 'calloc' is leaked when 'nulls' goes out of scope". */
struct archive { int magic; };
struct archive_write { struct archive archive; unsigned char *nulls; size_t null_length; };
struct archive *archive_write_new(void) {
  struct archive_write *a = calloc(1, sizeof(*a));
  unsigned char *nulls;
  if (a == NULL)
    return NULL;
  a->archive.magic = 0xb0c5c0de;
  a->null_length = 1024;
  nulls = calloc(1, a->null_length);
  if (nulls == NULL) {
    free(a);
    return NULL;
  }
  a->nulls = nulls;
  return &a->archive;
}

// -------- memcpy-result-returned
/* `return memcpy(dest, src, n);`: memcpy returns its first argument, so the fresh block is
 * returned. Real code: xz-utils src/xz/util.c:53 (xstrdup).
 * v2: "memory allocated by 'malloc' is leaked when 'dest' goes out of scope". */
char *xstrdup(const char *src) {
  const size_t size = strlen(src) + 1;
  char *dest = malloc(size);
  if (dest == NULL)
    abort();
  return memcpy(dest, src, size);
}

// -------- pointer-from-error-code-acquirer
/* A helper that returns the block posix_memalign delivered, or NULL when it failed: the
 * caller's null test is the failure test (the acquirer's own failure value is an error code).
 * Real code: fio t/io_uring.c:1061.
 * Before: "memory allocated by 'allocate_mem' is leaked on this early return", with the note
 * "assuming 'buf' is 0". */
struct io_vec { void *base; int len; };
struct submitter { struct io_vec iovecs[64]; int depth; };
static void *allocate_mem(int size) {
  void *buf;
  if (posix_memalign(&buf, 4096, size)) {
    printf("failed alloc\n");
    return NULL;
  }
  return buf;
}
int submitter_init(struct submitter *s, int bs) {
  int i;
  for (i = 0; i < s->depth; i++) {
    void *buf = allocate_mem(bs);
    if (!buf)
      return 1;
    s->iovecs[i].base = buf;
  }
  return 0;
}

// -------- array-element-per-iteration
/* A pointer to the i-th array element, taken anew in each iteration: `al->map` is a field of
 * another element every time, so nothing is overwritten.
 * Real code: fio lib/axmap.c:142.
 * v2: "'al->map' is overwritten while it still owns memory allocated by 'malloc'". */
struct level { unsigned long *map; size_t size; };
struct bitmap { struct level *levels; unsigned int nr_levels; };
struct bitmap *bitmap_new(unsigned int levels) {
  struct bitmap *b = malloc(sizeof(*b));
  unsigned int i;
  if (!b)
    return NULL;
  b->nr_levels = levels;
  b->levels = calloc(b->nr_levels, sizeof(struct level));
  if (!b->levels)
    goto free_bitmap;
  for (i = 0; i < b->nr_levels; i++) {
    struct level *al = &b->levels[i];
    al->size = 64;
    al->map = malloc(al->size * sizeof(unsigned long));
    if (!al->map)
      goto free_levels;
  }
  return b;
free_levels:
  for (i = 0; i < b->nr_levels; i++)
    free(b->levels[i].map);
  free(b->levels);
free_bitmap:
  free(b);
  return NULL;
}

// -------- break-leaves-iterator-set
/* A connect loop over getaddrinfo results: every socket that fails is closed before the next
 * result; the one that connects leaves the loop by `break`, with `res` still non-null. After
 * the loop, `res == NULL` means that no socket is open.
 * Real code: tinyproxy src/sock.c:209.
 * v2: "file descriptor opened by 'socket' is leaked on this early return". */
int open_socket(const char *host, const char *port) {
  struct addrinfo hints = {0}, *res, *ressave;
  int sockfd = -1;
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(host, port, &hints, &res) != 0)
    return -1;
  ressave = res;
  do {
    sockfd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
    if (sockfd < 0)
      continue;
    if (connect(sockfd, res->ai_addr, res->ai_addrlen) == 0)
      break;
    close(sockfd);
  } while ((res = res->ai_next) != NULL);
  freeaddrinfo(ressave);
  if (res == NULL)
    return -1;
  return sockfd;
}

// -------- null-test-after-exiting-alloc
/* An allocation wrapper that never returns NULL (it exits on failure, in another file), tested
 * for NULL anyway: the early return on the null branch is dead code, so the descriptor opened
 * before it is not leaked.
 * Real code: rsync syscall.c:1959 (my_strdup -> my_alloc -> _out_of_memory).
 * v2: "file descriptor opened by 'open' is leaked on this early return". */
extern void *my_alloc(void *ptr, size_t num, size_t size, const char *file, int line); /* exits on failure */
static inline char *my_strdup(const char *str, const char *file, int line) {
  size_t len = strlen(str) + 1;
  char *buf = my_alloc(NULL, len, 1, file, line);
  memcpy(buf, str, len);
  return buf;
}
int open_under_root(const char *path) {
  int dirfd = open("/", O_RDONLY | O_DIRECTORY);
  if (dirfd < 0)
    return -1;
  char *copy = my_strdup(path, __FILE__, __LINE__);
  if (!copy)
    return -1;
  int fd = openat(dirfd, copy + 1, O_RDONLY);
  free(copy);
  close(dirfd);
  return fd;
}

// -------- fresh-or-borrowed-return
/* A function that returns either a fresh block (the decoded copy) or a pointer into its
 * argument (the data as it came); the caller frees the result only when it is not the
 * argument's buffer. A fresh block is never equal to a buffer that existed before it.
 * Real code: fio client.c:1499 (convert_iolog).
 * v2: "memory allocated by 'convert' is leaked when 'pdu' goes out of scope". */
struct cmd { int compressed; size_t len; char payload[64]; };
static char *convert(struct cmd *c) {
  char *ret;
  if (c->compressed) {
    ret = malloc(c->len);
    if (!ret)
      return NULL;
    memcpy(ret, c->payload, c->len);
  } else
    ret = c->payload;
  ret[0] = 'x';
  return ret;
}
int handle(struct cmd *c) {
  char *pdu = convert(c);
  if (!pdu)
    return 1;
  if (pdu != c->payload)
    free(pdu);
  return 0;
}
int handle_cast(struct cmd *c) {
  char *pdu = convert(c);
  int ret = 0;
  if (!pdu) {
    ret = 1;
    goto out;
  }
  ret = pdu[0];
out:
  if (pdu && pdu != (void *)c->payload)
    free(pdu);
  return ret;
}

// -------- struct-pushed-by-conditional-macro
/* A struct that holds two strings pushed onto a growing stack by a macro whose value says
 * whether the push happened (`PUSH(ctx, stack, value)`: `(top != end || extend(..)) ?
 * (*(top++) = value, 1) : (error, 0)`); the caller clears the struct after a push. The value of
 * the condition is the arm the path took; `top++` is an element of the stack, not its start.
 * Real code: libyaml src/api.c:751, :1092, :1231, :1276, :1321 (C2).
 * Before: "'value' is overwritten while it still owns memory allocated by 'strdup'". */
typedef struct { char *handle; char *prefix; } tag_pair;
struct tag_stack { tag_pair *start, *end, *top; };
int stack_extend(void **start, void **top, void **end);
#define PUSH(stack, value)                                                   \
  (((stack).top != (stack).end ||                                            \
    stack_extend((void **)&(stack).start, (void **)&(stack).top,             \
                 (void **)&(stack).end))                                     \
       ? (*((stack).top++) = value, 1)                                       \
       : 0)
int copy_tags(const tag_pair *b, const tag_pair *e, struct tag_stack *out) {
  struct tag_stack s = {NULL, NULL, NULL};
  tag_pair value = {NULL, NULL};
  s.start = malloc(16 * sizeof(tag_pair));
  if (!s.start)
    return 0;
  s.top = s.start;
  s.end = s.start + 16;
  for (; b != e; b++) {
    value.handle = strdup(b->handle);
    value.prefix = strdup(b->prefix);
    if (!value.handle || !value.prefix)
      goto error;
    if (!PUSH(s, value))
      goto error;
    value.handle = NULL;
    value.prefix = NULL;
  }
  *out = s;
  return 1;
error:
  free(s.start);
  free(value.handle);
  free(value.prefix);
  return 0;
}

// -------- failure-test-through-predicate
/* The failure test of an accepted socket made by a predicate whose body is one comparison of its
 * argument: on its false branch nothing was accepted, and the loop returns after a signal.
 * Real code: openvpn src/openvpn/socket.c:1321 (socket_defined) (C35).
 * Baseline: "file descriptor opened by 'accept' is leaked on this early return". */
#define SOCKET_UNDEFINED (-1)
static inline bool socket_defined(int sd) { return sd != SOCKET_UNDEFINED; }
int signalled(void);
int accept_until_signal(int listen_sd) {
  int new_sd = SOCKET_UNDEFINED;
  while (1) {
    new_sd = accept(listen_sd, NULL, NULL);
    if (!socket_defined(new_sd)) {
      if (signalled())
        return -1;
      continue;
    }
    return new_sd;
  }
}

// -------- init-or-allocate
/* A function that initialises the object it is given, and allocates one only when given none:
 * it returns its argument, so it is no factory, and a caller that passes its own object drops
 * nothing. Real code: lighttpd src/chunk.c chunkqueue_init(), called as
 * `chunkqueue_init(&r->write_queue);` (src/reqpool.c:48, seen in --whole-program mode).
 * Baseline (whole program): "memory allocated by 'chunkqueue_init' is leaked: the result is
 * discarded". */
struct queue { int *first; int n; };
struct request { struct queue write_queue; struct queue read_queue; };
struct queue *queue_init(struct queue *cq) {
  if (cq == NULL)
    cq = calloc(1, sizeof(*cq));
  if (cq == NULL)
    abort();
  cq->n = 0;
  return cq;
}
void request_init(struct request *r) {
  queue_init(&r->write_queue);
  queue_init(&r->read_queue);
}

// -------- returns-one-of-two-arguments
/* A function that returns one of two arguments (a list appended to another, or the other when
 * the first is empty): the caller cannot tell which it holds, so both go with the result.
 * Real code: libevent evutil.c evutil_addrinfo_append_(), whose result is stored through
 * `*res` (evutil.c:1062, seen in --whole-program mode; C42 in test/realcode/causes.md).
 * Baseline (whole program): "memory allocated by 'evutil_new_addrinfo_' is leaked on this early
 * return". */
struct addr_info { int family; struct addr_info *next; };
static struct addr_info *info_append(struct addr_info *first,
                                     struct addr_info *rest) {
  struct addr_info *a = first;
  if (!a)
    return rest;
  while (a->next)
    a = a->next;
  a->next = rest;
  return first;
}
int loopback_infos(struct addr_info **res, int want4, int want6) {
  struct addr_info *r4 = NULL, *r6 = NULL;
  if (want6 && !(r6 = calloc(1, sizeof *r6)))
    return -1;
  if (want4 && !(r4 = calloc(1, sizeof *r4))) {
    free(r6);
    return -1;
  }
  *res = info_append(r4, r6);
  return 0; // no warning: r4 and r6 are in *res
}

// -------- created-and-linked-into-parent
/* A constructor function that links the new object into its parent's list when given one, and
 * returns it: the caller does not own it alone. Real code: tmux file.c file_create_with_client()
 * (RB_INSERT into the client's tree), seen in --whole-program mode. */
struct lnode { struct lnode *next; int v; };
struct ltree { struct lnode *head; };
struct lnode *lnode_create(struct ltree *t, int v) {
  struct lnode *n = calloc(1, sizeof *n);
  if (!n)
    abort();
  n->v = v;
  if (t != NULL) {
    n->next = t->head;
    t->head = n;
  }
  return n;
}
int lnode_value(struct ltree *t) {
  struct lnode *n = lnode_create(t, 1);
  return n->v;
}

// -------- struct-bytes-copied-through-void-pointer
/* A struct holding two fresh strings given as `void *` to a helper that memcpy's it into a list:
 * the list now holds the pointers. Real code: tinyproxy src/conf.c:895 (`sblist_add
 * (conf->add_headers, &header)`, sblist.c), seen in --whole-program mode. */
struct vlist { char *items; size_t n, size; };
void vlist_add(struct vlist *l, void *item) {
  memcpy(l->items + l->n * l->size, item, l->size);
  l->n++;
}
struct header { char *name; char *value; };
int add_header(struct vlist *l, const char *n, const char *v) {
  struct header h;
  h.name = strdup(n);
  h.value = strdup(v);
  vlist_add(l, &h);
  return 0;
}

// -------- the block saved before a realloc and put back when it fails (ldns's
// ldns_fget_token_l: `old_token = *token; *token = LDNS_XREALLOC(*token, ..);
// if (*token == NULL) *token = old_token;`)
int token_grow(char **token, size_t *limit) {
  char *old_token = *token;
  *limit *= 2;
  *token = realloc(*token, *limit + 1); // no warning
  if (*token == NULL) {
    *token = old_token;
    return -1;
  }
  return 0;
}

// -------- still reported: a second turn of the loop takes the pending block
// while the first one is still held
int next_event(void);
char *two_handoffs(void) {
  char *pending = NULL, *taken = NULL;
  while (next_event()) {
    if (next_event()) {
      if (!pending)
        pending = malloc(8);
    } else if (pending) {
      taken = pending;
      pending = NULL;
    }
  }
  free(pending);
  return taken;
}
// CHECK-MESSAGES: :[[@LINE-7]]:7: warning: 'taken' is overwritten while it still owns memory allocated by 'malloc' [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-10]]:19: note: memory is allocated here

// -------- still reported: a retry loop that goes round again on success
void *retry_wrong(size_t n) {
  void *p = NULL;
  do {
    p = malloc(n);
  } while (p && n-- > 1);
  return p;
}
// CHECK-MESSAGES: :[[@LINE-4]]:5: warning: 'p' is overwritten while it still owns memory allocated by 'malloc' [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:9: note: memory is allocated here
// CHECK-MESSAGES: :[[@LINE-5]]:12: note: assuming 'p' is non-null

// -------- still reported: the object that held the block is freed, not returned
void *job_discard(size_t n) {
  job_t *job = malloc(sizeof(job_t));
  if (!job)
    return NULL;
  void *buffer = malloc(n);
  job->buffer = buffer;
  free(job);
  return NULL;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: memory allocated by 'malloc' is leaked when 'buffer' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-6]]:18: note: memory is allocated here

// -------- still reported: the copy's source block, not the returned one
char *dup_wrong(const char *src) {
  size_t size = strlen(src) + 1;
  char *tmp = malloc(size);
  char *dest = malloc(size);
  if (tmp == NULL || dest == NULL)
    abort();
  memcpy(tmp, src, size);
  return memcpy(dest, tmp, size);
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: memory allocated by 'malloc' is leaked when 'tmp' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-8]]:15: note: memory is allocated here

// -------- still reported: the aligned block is dropped on a later failure
int submitter_check(int bs, int fd) {
  void *buf = allocate_mem(bs);
  if (!buf)
    return 1;
  if (fd < 0)
    return 1;
  free(buf);
  return 0;
}
// CHECK-MESSAGES: :[[@LINE-4]]:5: warning: memory allocated by 'allocate_mem' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-9]]:15: note: memory is allocated here

// -------- still reported: the first element is the block's start
struct slot { char *name; };
void fill_first(void) {
  struct slot *slots = calloc(4, sizeof *slots);
  if (!slots)
    return;
  struct slot *first = &slots[0];
  first->name = malloc(16);
  first->name = malloc(16);
  free(first->name);
  free(slots);
}
// CHECK-MESSAGES: :[[@LINE-4]]:3: warning: 'first->name' is overwritten while it still owns memory allocated by 'malloc' [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-6]]:17: note: memory is allocated here

// -------- still reported: the socket of a failed connect is not closed
int open_socket_leaky(const char *host, const char *port) {
  struct addrinfo hints = {0}, *res, *ressave;
  int sockfd = -1;
  if (getaddrinfo(host, port, &hints, &res) != 0)
    return -1;
  ressave = res;
  do {
    sockfd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
    if (sockfd < 0)
      continue;
    if (connect(sockfd, res->ai_addr, res->ai_addrlen) == 0)
      break;
  } while ((res = res->ai_next) != NULL);
  freeaddrinfo(ressave);
  if (res == NULL)
    return -1;
  return sockfd;
}
// CHECK-MESSAGES: :[[@LINE-11]]:5: warning: 'sockfd' is overwritten while it still owns file descriptor opened by 'socket' [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-12]]:14: note: file descriptor is opened here

// -------- still reported: a helper that may return NULL, tested after an open
static char *dup_or_null(const char *str) {
  size_t len = strlen(str) + 1;
  char *buf = malloc(len);
  if (!buf)
    return NULL;
  memcpy(buf, str, len);
  return buf;
}
int open_under_root_leaky(const char *path) {
  int dirfd = open("/", O_RDONLY | O_DIRECTORY);
  if (dirfd < 0)
    return -1;
  char *copy = dup_or_null(path);
  if (!copy)
    return -1;
  int fd = openat(dirfd, copy + 1, O_RDONLY);
  free(copy);
  close(dirfd);
  return fd;
}
// CHECK-MESSAGES: :[[@LINE-6]]:5: warning: file descriptor opened by 'open' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-12]]:15: note: file descriptor is opened here

// -------- still reported: the fresh copy freed only when it is the borrowed buffer
int handle_wrong(struct cmd *c) {
  char *pdu = convert(c);
  if (!pdu)
    return 1;
  if (pdu == c->payload)
    free(pdu);
  return 0;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: memory allocated by 'convert' is leaked when 'pdu' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-8]]:15: note: memory is allocated here

// -------- still reported: a search loop that runs and does not find (memcached restart.c:175)
/* The leak on the early return does not need the loop to run zero times: a path that searched
 * and found nothing leaks too. Paths that skipped the loop and that ran it meet at its head. */
typedef struct tag_cb { const char *tag; struct tag_cb *next; } tag_cb;
typedef struct { char *line; FILE *f; tag_cb *cb; } restart_ctx;
tag_cb *cb_stack;
int restart_get(restart_ctx *c, char **key) {
  char *line = NULL;
  size_t len = 0;
  tag_cb *cb = NULL;
  if (getline(&line, &len, c->f) != -1) {
    if (line[0] == 'T') {
      cb = cb_stack;
      while (cb != NULL) {
        if (strcmp(cb->tag, line + 1) == 0)
          break;
        cb = cb->next;
      }
      if (cb == NULL) {
        fprintf(stderr, "no handler for tag %s\n", line + 1);
        return 1;
      }
      c->cb = cb;
    } else if (line[0] == 'K') {
      *key = line + 1;
      c->line = line;
      return 0;
    }
  }
  return 2;
}
// CHECK-MESSAGES: :[[@LINE-11]]:9: warning: memory allocated by 'getline' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-22]]:7: note: memory is allocated here

// -------- still reported: the arm that did not push
int push_or_drop(struct tag_stack *s, const char *h) {
  tag_pair value = {NULL, NULL};
  value.handle = strdup(h);
  if (!value.handle)
    return 0;
  int pushed = s->top != s->end ? (*(s->top++) = value, 1) : 0;
  value.handle = NULL;
  return pushed;
}
// CHECK-MESSAGES: :[[@LINE-3]]:3: warning: 'value' is overwritten while it still owns memory allocated by 'strdup' [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-8]]:18: note: memory is allocated here

// -------- still reported: the socket the predicate says was accepted
int accept_and_check(int listen_sd) {
  int sd = accept(listen_sd, NULL, NULL);
  if (socket_defined(sd)) {
    if (signalled())
      return -1;
    close(sd);
  }
  return 0;
}
// CHECK-MESSAGES: :[[@LINE-5]]:7: warning: file descriptor opened by 'accept' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-9]]:12: note: file descriptor is opened here
// CHECK-MESSAGES: :[[@LINE-9]]:7: note: assuming 'sd' is valid


// -------- still reported: a typed pointer to the struct is only read
size_t header_length(const struct header *h) { return strlen(h->name); }
size_t measure_header(const char *n) {
  struct header h;
  h.name = strdup(n);
  h.value = NULL;
  return header_length(&h);
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: memory allocated by 'strdup' is leaked when 'h' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:12: note: memory is allocated here

// -------- C47 (libevent's EVUTIL_UNLIKELY): a failure test wrapped in
// __builtin_expect is the test it wraps
#define EXPECT_UNLIKELY(x) __builtin_expect(!!(x), 0)
struct changelist { void *changes; int size; };
int changelist_grow(struct changelist *c, int n) {
  void *grown = realloc(c->changes, (size_t)n);
  if (EXPECT_UNLIKELY(grown == NULL))
    return -1; // no warning: nothing was allocated
  c->changes = grown;
  c->size = n;
  return 0;
}
int expect_then_leak(int n) {
  char *p = malloc((size_t)n);
  if (EXPECT_UNLIKELY(!p))
    return -1; // no warning
  if (n > 4)
    return 2;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
  free(p);
  return 0;
}

// -------- C54 (dnsmasq's iface_allowed): a field of a field of a parameter
// (`addr->sa.sa_family`) tested twice reads the same value until the path
// writes it, the struct around it, a union member beside it, or gives it
// to a call by address
#include <netinet/in.h>
union peer_addr {
  struct sockaddr sa;
  struct sockaddr_in in;
  struct sockaddr_in6 in6;
};
struct addr_entry { int family; struct addr_entry *next; };
struct addr_entry *family_entry(const union peer_addr *addr, int n) {
  struct addr_entry *e = NULL;
  if (addr->sa.sa_family == AF_INET && n > 0)
    e = calloc(1, sizeof *e);
  if (addr->sa.sa_family == AF_INET6 && n > 1)
    e = calloc(1, sizeof *e); // no warning: the first block was not made
  return e;
}
struct addr_entry *refreshed_entry(int fd, union peer_addr *addr) {
  struct addr_entry *e = NULL;
  socklen_t len = sizeof *addr;
  if (addr->sa.sa_family == AF_INET)
    e = calloc(1, sizeof *e);
  if (getsockname(fd, &addr->sa, &len) == 0 && addr->sa.sa_family == AF_INET6)
    e = calloc(1, sizeof *e);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'e' is overwritten while it still owns memory allocated by 'calloc' [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:9: note: memory is allocated here
  return e;
}
struct addr_entry *rewritten_entry(union peer_addr *addr) {
  struct addr_entry *e = NULL;
  if (addr->sa.sa_family == AF_INET)
    e = calloc(1, sizeof *e);
  addr->in6.sin6_family = AF_INET6;
  if (addr->sa.sa_family == AF_INET6)
    e = calloc(1, sizeof *e);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'e' is overwritten while it still owns memory allocated by 'calloc' [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:9: note: memory is allocated here
  return e;
}
struct addr_entry *copied_entry(union peer_addr *addr,
                                const struct sockaddr *from) {
  struct addr_entry *e = NULL;
  if (addr->sa.sa_family == AF_INET)
    e = calloc(1, sizeof *e);
  addr->sa = *from;
  if (addr->sa.sa_family == AF_INET6)
    e = calloc(1, sizeof *e);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'e' is overwritten while it still owns memory allocated by 'calloc' [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:9: note: memory is allocated here
  return e;
}

// -------- C55 (dnsmasq's expand_filelist): a list grown at its tail
// through `last`: a block acquired on the path is none of the blocks
// acquired before it (linked and handed off), nor what a local that only
// copies pointers held before the loop
struct file_entry { char *name; struct file_entry *next; };
int entry_matches(const struct file_entry *e, const char *name);
void append_entries(struct file_entry *list, char **names, int n) {
  struct file_entry *last, *e;
  for (last = list; last->next; last = last->next)
    ;
  for (int i = 0; i < n; i++) {
    for (e = list; e; e = e->next)
      if (entry_matches(e, names[i]))
        break;
    if (!e) {
      if (!(e = malloc(sizeof *e)))
        continue; // no warning: the blocks before are linked
      e->name = NULL;
    }
    if (last != e)
      last->next = e;
    e->next = NULL;
    last = e; // no warning: the previous tail is linked
  }
}
void append_unlinked(struct file_entry *list, int n) {
  struct file_entry *last = list, *e;
  for (int i = 0; i < n; i++) {
    if (!(e = malloc(sizeof *e)))
      return;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: memory is allocated here
    e->next = NULL;
    if (last == e) // never: the previous tail stays unlinked
      last->next = e;
    last = e;
  }
}

// -------- C48 (mosquitto's sub__add_shared): a counting loop that stores
// the block and breaks, or runs to its bound; the test after it (`i ==
// count`) stores the block when the loop found no slot. Left by its
// condition, the counter is the bound.
struct client_sub { int qos; char topic[1]; };
struct subscriber { struct client_sub **subs; int sub_count; int protocol; };
int client_add_sub(struct subscriber *c, const char *topic) {
  size_t len = strlen(topic);
  struct client_sub *csub = calloc(1, sizeof *csub + len + 1);
  int i;
  if (!csub)
    return 1;
  memcpy(csub->topic, topic, len);
  for (i = 0; i < c->sub_count; i++) {
    if (!c->subs[i]) {
      c->subs[i] = csub;
      break;
    }
  }
  if (i == c->sub_count) {
    struct client_sub **subs =
        realloc(c->subs, sizeof *subs * (size_t)(c->sub_count + 1));
    if (!subs) {
      free(csub);
      return 1;
    }
    c->subs = subs;
    c->subs[c->sub_count++] = csub;
  }
  if (c->protocol == 5)
    return 2; // no warning: csub is in c->subs
  return 0;
}
int client_add_sub_past_end(struct subscriber *c, const char *topic) {
  struct client_sub *csub = calloc(1, sizeof *csub + strlen(topic) + 1);
  int i;
  if (!csub)
    return 1;
  for (i = 0; i < c->sub_count; i++) {
    if (!c->subs[i]) {
      c->subs[i] = csub;
      break;
    }
  }
  if (i == c->sub_count)
    return 3; // no slot: csub is lost
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'calloc' is leaked on this early return [leaklint-owning-pointer]
  return 0;
}

// -------- C56 (openvpn's string_alloc): an arena allocator that returns a
// fresh block only when it is given no arena. Given one (`&gc`, or the
// caller's own arena parameter), the block is the arena's.
struct gc_entry {
  struct gc_entry *next;
};
struct gc_arena {
  struct gc_entry *list;
};
static void *gc_malloc(size_t size, struct gc_arena *a) {
  struct gc_entry *e = malloc(size + sizeof *e);
  if (!e)
    abort();
  e->next = a->list;
  a->list = e;
  return e + 1;
}
static void gc_free(struct gc_arena *a) {
  struct gc_entry *e = a->list;
  a->list = NULL;
  while (e) {
    struct gc_entry *n = e->next;
    free(e);
    e = n;
  }
}
static char *string_alloc(const char *str, struct gc_arena *gc) {
  size_t n = strlen(str) + 1;
  char *ret;
  if (gc)
    ret = gc_malloc(n, gc);
  else
    ret = calloc(1, n);
  if (!ret)
    abort();
  memcpy(ret, str, n);
  return ret;
}
static char *string_copy(const char *str, struct gc_arena *gc) {
  return gc ? string_alloc(str, gc) : strdup(str);
}
int first_is_x(const char *s) {
  struct gc_arena gc = {NULL};
  char *copy = string_alloc(s, &gc);
  char *other = string_copy(s, &gc);
  int r = copy[0] == 'x' && other[0] == 'x';
  gc_free(&gc);
  return r; // no warning: both are in the arena
}
int first_in_arena(const char *s, struct gc_arena *gc) {
  char *copy = string_alloc(s, gc);
  return copy[0] == 'x'; // no warning: the caller's arena, if any
}
// Given no arena, the copies are the caller's.
int first_without_arena(const char *s) {
  char *copy = string_alloc(s, NULL);
  char *other = string_copy(s, NULL);
  return copy[0] == other[0];
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'string_alloc' is leaked when 'copy' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: memory allocated by 'string_copy' is leaked when 'other' goes out of scope [leaklint-owning-pointer]
}

// -------- C59 (rsync's recv_deflated_token): buffers made once, guarded by
// a static flag that the function sets and tests, in a loop whose state is
// a static of the file.
enum { tok_init, tok_idle };
static int token_state = tok_init;
static char *token_cbuf, *token_dbuf;
int read_token(int f);
int recv_token(int f, char **data) {
  static int init_done;
  for (;;) {
    switch (token_state) {
    case tok_init:
      if (!init_done) {
        token_cbuf = malloc(64); // no warning: once
        token_dbuf = malloc(64);
        if (!token_cbuf || !token_dbuf)
          abort();
        init_done = 1;
      }
      token_state = tok_idle;
      break;
    case tok_idle: {
      int n = read_token(f);
      if (n < 0) {
        token_state = tok_init;
        return -1;
      }
      *data = token_dbuf;
      return n;
    }
    }
  }
}
// The flag never set: every turn allocates again.
static char *scratch_buf;
void fill_scratch(int n) {
  static int scratch_ready;
  for (int i = 0; i < n; i++)
    if (!scratch_ready)
      scratch_buf = malloc(64);
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'scratch_buf' is overwritten while it still owns memory allocated by 'malloc' [leaklint-owning-pointer]
}

// -------- C58 (rsync's auth_server): a count computed once per call, kept
// in an int that starts at -1; an unsigned count read into it is not
// negative, so the next turn does not compute it again.
struct group_list {
  void *items;
  size_t count;
};
int get_groups(const char *user, struct group_list *out);
int match_group(const char *users, const char *user) {
  char **groups = NULL;
  int groups_cnt = -1, j, found = 0;
  for (const char *tok = users; *tok; tok++) {
    if (groups_cnt < 0) {
      struct group_list gl = {NULL, 0};
      if (get_groups(user, &gl) != 0)
        groups_cnt = 0;
      else {
        groups_cnt = gl.count;
        groups = malloc(sizeof *groups * (size_t)groups_cnt); // no warning
        if (!groups)
          abort();
      }
    }
    for (j = 0; j < groups_cnt; j++)
      found |= groups[j] && strchr(groups[j], *tok);
  }
  free(groups);
  return found;
}
// A difference of counts may wrap to a negative int: computed again.
int match_group_minus(const char *users, const char *user) {
  char **groups = NULL;
  int groups_cnt = -1, found = 0;
  for (const char *tok = users; *tok; tok++) {
    if (groups_cnt < 0) {
      struct group_list gl = {NULL, 0};
      if (get_groups(user, &gl) != 0)
        groups_cnt = 0;
      else {
        groups_cnt = gl.count - 1;
        groups = malloc(sizeof *groups * 4);
// CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'groups' is overwritten while it still owns memory allocated by 'malloc' [leaklint-owning-pointer]
        if (!groups)
          abort();
      }
    }
    found += groups_cnt;
  }
  free(groups);
  return found;
}

// -------- C28 (rsync's my_alloc, in whole-program mode): an allocator that
// returns null only to callers that give no file name; the others get a
// block or the process ends.
void die_at(const char *msg, const char *file) __attribute__((noreturn));
size_t max_alloc;
static void *xalloc_at(size_t num, size_t size, const char *file) {
  if (max_alloc && num >= max_alloc / size) {
    if (!file)
      return NULL;
    die_at("exceeded --max-alloc", file);
  }
  void *p = calloc(num, size);
  if (!p && file)
    die_at("out of memory", file);
  return p;
}
struct extent {
  void *start;
};
struct extent *grow_pool(size_t size) {
  void *start;
  struct extent *ext;
  if (!(start = xalloc_at(size, 1, __FILE__)))
    return NULL;
  if (!(ext = xalloc_at(1, sizeof *ext, __FILE__)))
    return NULL; // no warning: never null
  ext->start = start;
  return ext;
}
// Without a file name the second may fail.
struct extent *grow_pool_quietly(size_t size) {
  void *start;
  struct extent *ext;
  if (!(start = xalloc_at(size, 1, NULL)))
    return NULL;
  if (!(ext = xalloc_at(1, sizeof *ext, NULL)))
    return NULL;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'xalloc_at' is leaked on this early return [leaklint-owning-pointer]
  ext->start = start;
  return ext;
}

// -------- ImageMagick's segment.c (the real-defect sweep): a list built in a
// loop, then pruned: a node is unlinked (the head moves, or the previous
// node skips it) and freed. The walk reads 'next' fields nobody wrote in
// this function (calloc zeroed them); where it assumes such a pointer is
// the head, it is the head: freeing it frees the head's block.
struct cluster {
  int count;
  struct cluster *next;
};
int more_regions(void);
void keep_clusters(struct cluster *c);
void prune_clusters(void) {
  struct cluster *head = NULL, *cluster = NULL, *next;
  for (int i = 0; i < 2; i++) {
    if (head != NULL) {
      cluster->next = calloc(1, sizeof *cluster->next);
      cluster = cluster->next;
    } else {
      cluster = calloc(1, sizeof *cluster);
      head = cluster;
    }
  }
  for (cluster = head; cluster != NULL; cluster = next) {
    next = cluster->next;
    if (cluster->count > 0)
      continue;
    if (cluster == head)
      head = next; // no warning: the old head is freed below
    free(cluster);
  }
  keep_clusters(head);
}
// The unlinked node is not freed: the old head is lost.
void prune_clusters_leaky(void) {
  struct cluster *head = NULL, *cluster = NULL, *next;
  for (int i = 0; i < 2; i++) {
    if (head != NULL) {
      cluster->next = calloc(1, sizeof *cluster->next);
      cluster = cluster->next;
    } else {
      cluster = calloc(1, sizeof *cluster);
      head = cluster;
    }
  }
  for (cluster = head; cluster != NULL; cluster = next) {
// CHECK-MESSAGES: :[[@LINE-1]]:41: warning: 'cluster' is overwritten while it still owns memory allocated by 'calloc' [leaklint-owning-pointer]
    next = cluster->next;
    if (cluster->count > 0)
      continue;
    if (cluster == head)
      head = next;
  }
  keep_clusters(head);
}

// -------- ImageMagick's pcl.c (the real-defect sweep): two switches on one
// variable the path knows nothing of. The second takes the arm the first
// took: what the first allocates in its 'default:' the second frees there.
enum codec { PLAIN, RUNS, DELTA };
int write_rows(const unsigned char *a, const unsigned char *b);
int encode(enum codec wanted, int use_wanted) {
  unsigned char *runs = NULL, *previous = NULL;
  enum codec c = PLAIN;
  if (use_wanted)
    c = wanted;
  switch (c) {
  case PLAIN:
    break;
  case RUNS:
    runs = malloc(64);
    if (!runs)
      return -1;
    break;
  default:
    runs = malloc(64);
    if (!runs)
      return -1;
    previous = malloc(64);
    if (!previous) {
      free(runs);
      return -1;
    }
    break;
  }
  write_rows(runs, previous);
  switch (c) {
  case PLAIN:
    break;
  case RUNS:
    free(runs);
    break;
  default:
    free(previous);
    free(runs);
    break;
  }
  return 0; // no warning: each arm frees what its twin allocated
}
// The second switch forgets 'previous' in its 'default:'.
int encode_leaky(enum codec wanted, int use_wanted) {
  unsigned char *runs = NULL, *previous = NULL;
  enum codec c = PLAIN;
  if (use_wanted)
    c = wanted;
  switch (c) {
  case PLAIN:
    break;
  case RUNS:
    runs = malloc(64);
    if (!runs)
      return -1;
    break;
  default:
    runs = malloc(64);
    if (!runs)
      return -1;
    previous = malloc(64);
    if (!previous) {
      free(runs);
      return -1;
    }
    break;
  }
  write_rows(runs, previous);
  switch (c) {
  case PLAIN:
    break;
  case RUNS:
    free(runs);
    break;
  default:
    free(runs);
    break;
  }
  return 0;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'malloc' is leaked when 'previous' goes out of scope [leaklint-owning-pointer]
}

// -------- ImageMagick's sixel.c (the real-defect sweep): 'sprintf' with a
// format that has no conversion writes the format and returns its length,
// never 0: the defensive return after it is never taken.
struct sixel_out {
  char buffer[64];
  int pos;
};
int sixel_start(struct sixel_out *out, unsigned n) {
  unsigned char *map = malloc(n);
  int nwrite;
  if (!map)
    return -1;
  nwrite = sprintf(out->buffer, "\x1bP" "0;0;0" "q");
  if (nwrite <= 0)
    return -1; // no warning: never taken
  out->pos += nwrite;
  free(map);
  return 0;
}
// With a conversion the length is not known: the return may be taken.
int sixel_size(struct sixel_out *out, unsigned n, int w) {
  unsigned char *map = malloc(n);
  int nwrite;
  if (!map)
    return -1;
  nwrite = sprintf(out->buffer, "\"1;1;%d", w);
  if (nwrite <= 0)
    return -1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
  out->pos += nwrite;
  free(map);
  return 0;
}

// -------- C28, rsync's syscall.c (whole-program mode): a wrapper that
// writes into the block it allocated returns it non-null (or crashes
// first), so a null test of its result is dead, here for the descriptor
// opened before it. The allocator is another file's in rsync; here it is
// opened so that its failure is possible.
void *c28_alloc(size_t n) { return malloc(n); }
static inline char *c28_strdup(const char *str) {
  size_t len = strlen(str) + 1;
  char *buf = c28_alloc(len);
  memcpy(buf, str, len);
  return buf;
}
static inline char *c28_blank(size_t n) {
  char *buf = c28_alloc(n + 1);
  buf[n] = '\0';
  return buf;
}
int c28_walk(const char *template) {
  int dirfd = open("/", O_RDONLY);
  if (dirfd < 0)
    return -1;
  char *copy = c28_strdup(template);
  if (!copy)
    return -1; // no warning: never taken
  char *blank = c28_blank(8);
  if (!blank)
    return -1; // no warning: never taken
  free(blank);
  free(copy);
  close(dirfd);
  return 0;
}
// A wrapper that only passes the block on may return null: the test is live.
static inline char *c28_reserve(size_t n) {
  char *buf = c28_alloc(n);
  return buf;
}
int c28_reserved(void) {
  int dirfd = open("/", O_RDONLY);
  if (dirfd < 0)
    return -1;
  char *copy = c28_reserve(8);
  if (!copy)
    return -1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: file descriptor opened by 'open' is leaked on this early return [leaklint-owning-pointer]
  free(copy);
  close(dirfd);
  return 0;
}

// -------- ImageMagick's memory.c (the real-defect sweep): a function that
// returns what posix_memalign delivered returns null when it failed (the
// status is posix_memalign's, not the function's): a field tested null
// holds nothing to lose.
static void *pm_actual(size_t n) {
  void *memory;
  if (posix_memalign(&memory, 64, n) != 0)
    memory = NULL;
  return memory;
}
struct pm_info {
  void *blob;
  int type;
};
void *pm_map(size_t n);
struct pm_info *pm_acquire(size_t n, int aligned) {
  struct pm_info *info = calloc(1, sizeof(*info));
  if (!info)
    return NULL;
  if (aligned) {
    info->blob = pm_actual(n);
    if (info->blob != NULL)
      info->type = 1;
  }
  if (info->blob == NULL)
    info->blob = pm_map(n); // no warning: nothing there
  return info;
}
// Not tested, the block is lost.
struct pm_info *pm_reacquire(size_t n) {
  struct pm_info *info = calloc(1, sizeof(*info));
  if (!info)
    return NULL;
  info->blob = pm_actual(n);
  info->blob = pm_map(n);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'info->blob' is overwritten while it still owns memory allocated by 'pm_actual' [leaklint-owning-pointer]
  return info;
}

// -------- ImageMagick's morphology.c (the real-defect sweep): the first
// switch on an enum allocates in its default, for the kinds it does not
// name; the second names each of those kinds, so its default, which
// allocates again, is reached only by the kinds the first one named.
enum kernel_kind { K_UNDEFINED, K_USER, K_UNITY, K_GAUSSIAN, K_DISK };
struct kernel { int w; double *values; };
struct kernel *parse_kernel(const char *text);
struct kernel *builtin_kernel(enum kernel_kind kind) {
  struct kernel *kernel = NULL;
  switch (kind) {
  case K_UNDEFINED:
  case K_USER:
    break;
  default:
    kernel = malloc(sizeof *kernel);
    if (!kernel)
      return NULL;
    break;
  }
  switch (kind) {
  case K_UNITY:
    kernel->w = 1;
    break;
  case K_GAUSSIAN:
  case K_DISK:
    kernel->w = 3;
    break;
  default:
    kernel = parse_kernel("1:1"); // no warning: kernel is still NULL
    break;
  }
  return kernel;
}
// One kind the second switch leaves to its default: it loses the block.
struct kernel *builtin_kernel2(enum kernel_kind kind) {
  struct kernel *kernel = NULL;
  switch (kind) {
  case K_UNDEFINED:
  case K_USER:
    break;
  default:
    kernel = malloc(sizeof *kernel);
    if (!kernel)
      return NULL;
    break;
  }
  switch (kind) {
  case K_UNITY:
  case K_GAUSSIAN:
    kernel->w = 3;
    break;
  default:
    kernel = parse_kernel("1:1");
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'kernel' is overwritten while it still owns memory allocated by 'malloc' [leaklint-owning-pointer]
    break;
  }
  return kernel;
}

// -------- ImageMagick's meta.c (the real-defect sweep): a counter that a
// loop only counts up takes each value once: the `case 2:` that allocates
// runs once, however many turns follow (the loop's widening keeps that the
// counter is past every case, and an outer loop that does not write the
// inner counter keeps what it knows of its own).
int meta_token(char *out, const char *in);
void meta_parse(const char *line, char *token, char *field) {
  char *name = NULL;
  int state = 0;
  while (meta_token(token, line) == 0) {
    if (state == 0) {
      int state; // counts the fields of the line's first token
      state = 0;
      while (meta_token(field, token) == 0) {
        switch (state) {
        case 0:
        case 1:
          break;
        case 2:
          name = malloc(strlen(field) + 1); // no warning: once
          if (name)
            strcpy(name, field);
          break;
        }
        state++;
      }
    }
    state++;
  }
  free(name);
}
// A counter the loop sets back: the case comes round again.
void meta_reparse(const char *line, char *field) {
  char *name = NULL;
  int state = 0;
  while (meta_token(field, line) == 0) {
    if (state == 2) {
      name = malloc(strlen(field) + 1);
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'name' is overwritten while it still owns memory allocated by 'malloc' [leaklint-owning-pointer]
      if (name)
        strcpy(name, field);
    }
    state++;
    if (field[0] == ';')
      state = 0;
  }
  free(name);
}

// -------- civetweb's main.c (real code): `p = realloc(p, n)` whose failure the
// next statement sends to a function that does not return; the old block is
// lost only where the program goes on.
void die_oom(const char *msg) __attribute__((noreturn));
const char **domains;
int num_domains;
void add_domain(const char *name) {
  domains = (const char **)realloc((void *)domains,
                                   sizeof(char *) * (num_domains + 1u));
  if (!domains)
    die_oom("Out of memory");
  domains[num_domains++] = strdup(name);
}
void add_domain_tested(const char *name) {
  if ((domains = (const char **)realloc((void *)domains,
                                        sizeof(char *) * (num_domains + 1u))) == NULL) {
    fprintf(stderr, "Out of memory\n");
    exit(1);
  }
  domains[num_domains++] = strdup(name);
}
int grow_local(size_t n) {
  char *p = malloc(n);
  if (!p)
    return -1;
  p = realloc(p, 2 * n);
  if (!p)
    abort();
  free(p);
  return 0;
}
// Still reported: the failure returns.
int add_domain_or_fail(const char *name) {
  domains = (const char **)realloc((void *)domains,
                                   sizeof(char *) * (num_domains + 1u));
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'domains' is overwritten by the result of 'realloc': the block it held is leaked if 'realloc' fails [leaklint-owning-pointer]
  if (!domains) {
    fprintf(stderr, "Out of memory\n");
    return -1;
  }
  domains[num_domains++] = strdup(name);
  return 0;
}

// -------- haproxy's src/tools.c (real code): a formatter that leaves the
// message it builds in `*out` and also returns it; the result is a second
// name for what the caller's `*out` now owns, and dropping it loses nothing.
static inline void *my_realloc2(void *ptr, size_t size) {
  void *ret = realloc(ptr, size);
  if (!ret && size)
    free(ptr);
  return ret;
}
char *memvprintf(char **out, const char *format, va_list orig_args) {
  va_list args;
  char *ret = NULL;
  int allocated = 0, needed = 0;
  if (!out)
    return NULL;
  do {
    char buf1;
    va_copy(args, orig_args);
    needed = vsnprintf(ret ? ret : &buf1, allocated, format, args);
    va_end(args);
    if (needed < allocated)
      break;
    allocated = needed + 1;
    ret = my_realloc2(ret, allocated);
  } while (ret);
  free(*out);
  *out = ret;
  return ret;
}
char *memprintf(char **out, const char *format, ...) {
  va_list args;
  char *ret;
  va_start(args, format);
  ret = memvprintf(out, format, args);
  va_end(args);
  return ret;
}
int parse_port(const char *s, char **err) {
  if (!s) {
    memprintf(err, "missing port in '%s'", "bind");
    return -1;
  }
  return atoi(s);
}

// -------- haproxy's include/haproxy/dynbuf.h (real code): `unlikely(x)` is
// `__builtin_expect((x) != 0, 0)`; `(!area) != 0` tests `area`.
#define hap_unlikely(x) (__builtin_expect((x) != 0, 0))
struct hap_buffer { char *area; unsigned size; };
int hap_waits;
struct hap_buffer *hap_b_alloc(struct hap_buffer *buf) {
  char *area;
  if (buf->size)
    return buf;
  area = malloc(64);
  if (hap_unlikely(!area)) {
    hap_waits++;
    return NULL;
  }
  buf->area = area;
  buf->size = 64;
  return buf;
}
// Still reported: the other test says nothing of `area`.
struct hap_buffer *hap_b_alloc_or_wait(struct hap_buffer *buf) {
  char *area = malloc(64);
  if (hap_unlikely(!area))
    return NULL;
  if (hap_unlikely(hap_waits > 8))
    return NULL;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-6]]:16: note: memory is allocated here
// CHECK-MESSAGES: :[[@LINE-6]]:20: note: assuming 'area' is non-null
// CHECK-MESSAGES: :[[@LINE-5]]:20: note: assuming 'hap_waits' is > 8
  buf->area = area;
  return buf;
}

// -------- haproxy's src/cache.c (real code): the variable that walked an
// intrusive list (`list_for_each_entry`, container_of: the start of each
// element) then holds a new element, appended to the caller's list.
struct hap_list { struct hap_list *n, *p; };
#define HAP_LIST_ELEM(lh, pt, el) ((pt)(((const char *)(lh)) - ((size_t)&((pt)NULL)->el)))
#define hap_list_for_each_entry(item, list_head, member)                   \
  for (item = HAP_LIST_ELEM((list_head)->n, __typeof__(item), member);     \
       &item->member != (list_head);                                       \
       item = HAP_LIST_ELEM(item->member.n, __typeof__(item), member))
#define HAP_LIST_APPEND(lh, el) ({ (el)->p = (lh)->p; (el)->p->n = (lh)->p = (el); (el)->n = (lh); (el); })
struct hap_filter_conf { int id; struct hap_list list; };
struct hap_proxy { struct hap_list filter_configs; };
int hap_add_filter(struct hap_proxy *px, int id) {
  struct hap_filter_conf *fconf;
  hap_list_for_each_entry(fconf, &px->filter_configs, list) {
    if (fconf->id == id)
      return 1;
  }
  fconf = calloc(1, sizeof(*fconf));
  if (!fconf)
    return 0;
  fconf->id = id;
  HAP_LIST_APPEND(&px->filter_configs, &fconf->list);
  return 1;
}

// -------- weechat's src/core/hook/wee-hook-process.c (real code): the
// slot past the last one a counting loop filled is set to NULL. The loop
// stops at `i <= num_args` where the path knows both numbers: it runs as
// many turns as the counting loop before it found.
const char *wee_get_arg(int i);
void wee_exec(char **args);
void wee_launch(const char *command) {
  char **exec_args = NULL;
  const char *ptr_arg;
  int num_args = 0, i;
  while (1) {
    if (!wee_get_arg(num_args + 1))
      break;
    num_args++;
  }
  if (num_args > 0) {
    exec_args = malloc((num_args + 2) * sizeof(exec_args[0]));
    if (exec_args) {
      exec_args[0] = strdup(command);
      for (i = 1; i <= num_args; i++) {
        ptr_arg = wee_get_arg(i);
        exec_args[i] = ptr_arg ? strdup(ptr_arg) : NULL;
      }
      exec_args[num_args + 1] = NULL;
    }
  }
  if (exec_args) {
    wee_exec(exec_args);
    for (i = 0; exec_args[i]; i++)
      free(exec_args[i]);
    free(exec_args);
  }
}

// Still reported: the last slot filled is overwritten.
void wee_launch_short(const char *command) {
  int n = 2, i;
  char **args = malloc((n + 1) * sizeof(args[0]));
  if (!args)
    return;
  for (i = 0; i < n; i++)
    args[i] = strdup(command);
  args[n - 1] = NULL;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'args[n - 1]' is overwritten while it still owns memory allocated by 'strdup' [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: memory is allocated here
  wee_exec(args);
  for (i = 0; args[i]; i++)
    free(args[i]);
  free(args);
}

// -------- haproxy's src/proxy.c (real code): the direction was checked
// with two strcmp calls before the allocation; the element goes to the one
// list the direction names. The return that ends the `if` ending the body
// is the end of the function, as a last `return` is: two tests of one
// string may be one question (the precision rule).
struct hap_cap { struct hap_cap *next; };
struct hap_px { struct hap_cap *req, *rsp; };
int hap_parse_declare(char **args, struct hap_px *px) {
  if (strcmp(args[1], "capture") == 0) {
    struct hap_cap *h;
    if (strcmp(args[2], "response") != 0 && strcmp(args[2], "request") != 0)
      return -1;
    h = calloc(1, sizeof(*h));
    if (!h)
      return -1;
    if (strcmp(args[2], "request") == 0) {
      h->next = px->req;
      px->req = h;
    }
    if (strcmp(args[2], "response") == 0) {
      h->next = px->rsp;
      px->rsp = h;
    }
    return 0;
  } else {
    return -1;
  }
}

// Still reported: one undecided test after the allocation, which nothing
// else on the path may repeat.
int hap_parse_request(char **args, struct hap_px *px, int on) {
  if (on) {
    struct hap_cap *h = calloc(1, sizeof(*h));
    if (!h)
      return -1;
    if (strcmp(args[2], "request") == 0) {
      h->next = px->req;
      px->req = h;
    }
    return 0;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'calloc' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-9]]:25: note: memory is allocated here
// CHECK-MESSAGES: :[[@LINE-9]]:9: note: assuming 'h' is non-null
// CHECK-MESSAGES: :[[@LINE-8]]:9: note: assuming the condition is false
  } else {
    return -1;
  }
}

// -------- haproxy's src/resolvers.c (real code): error codes are bit
// flags; the common exit releases what was allocated when the code says
// the section is aborted, and `err_code |= ...` says it on each error path.
#define HAP_ERR_ALERT 0x02
#define HAP_ERR_ABORT 0x04
#define HAP_ERR_FATAL 0x08
struct hap_res { struct hap_res *px; };
int hap_resolvers_new(struct hap_res **out) {
  struct hap_res *r = NULL, *p = NULL;
  int err_code = 0;
  if ((r = calloc(1, sizeof(*r))) == NULL) {
    err_code |= HAP_ERR_ALERT | HAP_ERR_ABORT;
    goto out;
  }
  p = calloc(1, sizeof(*p));
  if (!p) {
    err_code |= HAP_ERR_ALERT | HAP_ERR_FATAL;
    goto out;
  }
  p->px = r;
  r->px = p;
  *out = r;
out:
  if (err_code & (HAP_ERR_FATAL | HAP_ERR_ABORT)) {
    free(r);
    free(p);
  }
  return err_code;
}

// Still reported: an alert alone does not abort.
int hap_resolvers_alert(struct hap_res **out) {
  struct hap_res *r = NULL, *p = NULL;
  int err_code = 0;
  if ((r = calloc(1, sizeof(*r))) == NULL)
    return HAP_ERR_ABORT;
  p = calloc(1, sizeof(*p));
  if (!p) {
    err_code |= HAP_ERR_ALERT;
    goto out;
  }
  p->px = r;
  r->px = p;
  *out = r;
out:
  if (err_code & (HAP_ERR_FATAL | HAP_ERR_ABORT))
    free(r);
  return err_code;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'calloc' is leaked when 'r' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-15]]:12: note: memory is allocated here
// CHECK-MESSAGES: :[[@LINE-16]]:7: note: assuming 'r = calloc(1, sizeof(*r))' is non-null
// CHECK-MESSAGES: :[[@LINE-14]]:7: note: assuming 'p' is null
}

// -------- weechat's src/plugins/fifo/fifo.c (real code): the last,
// unterminated line is kept for the next read, and the loop ends there:
// `next_ptr_buf = NULL` reaches the loop's test through `ptr_buf =
// next_ptr_buf`, so the path knows the pointer it tests is null.
static char *wee_unterminated;
void wee_fifo_exec(const char *line);
int wee_fifo_read(char *buffer) {
  char *ptr_buf = buffer, *next_ptr_buf, *pos;
  free(wee_unterminated);
  wee_unterminated = NULL;
  while (ptr_buf && ptr_buf[0]) {
    next_ptr_buf = NULL;
    pos = strstr(ptr_buf, "\n");
    if (pos) {
      pos[0] = '\0';
      next_ptr_buf = pos + 1;
    } else {
      wee_unterminated = strdup(ptr_buf);
      ptr_buf = NULL;
    }
    if (ptr_buf)
      wee_fifo_exec(ptr_buf);
    ptr_buf = next_ptr_buf;
  }
  return 0;
}

// -------- weechat's src/gui/curses/headless/main.c (real code): a daemon
// closes every descriptor, opens /dev/null (descriptor 0) and fills 1 and 2
// with `(void) dup(fd)`: the copies and what they copy are kept by number.
void wee_daemonize(void) {
  int fd, i;
  setsid();
  for (i = sysconf(_SC_OPEN_MAX); i >= 0; --i)
    close(i);
  fd = open("/dev/null", O_RDWR);
  (void) dup(fd);
  (void) dup(fd);
}

// czmq's zsys_daemonize: the copies kept in variables that are only tested
// (`assert(fh_stdout)`) are kept by their numbers as well.
#include <assert.h>
int czmq_daemonize(void) {
  int file_handle = sysconf(_SC_OPEN_MAX);
  while (file_handle)
    close(file_handle--);
  file_handle = open("/dev/null", O_RDWR);
  int fh_stdout = dup(file_handle);
  int fh_stderr = dup(file_handle);
  assert(fh_stdout);
  assert(fh_stderr);
  return 0; // no warning: descriptors 0, 1 and 2 stay open on purpose
}

// Still reported: a copy kept in a variable says nothing of the original.
int wee_copy_then_forget(const char *path) {
  int fd = open(path, O_RDONLY);
  int other;
  if (fd < 0)
    return -1;
  other = dup(fd);
  if (other < 0)
    return -1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: file descriptor opened by 'open' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-8]]:12: note: file descriptor is opened here
  close(other);
  return 0;
}

// Still reported: a local given the pointer to walk the block (libconfig's
// __scanctx_add_filename: `for (f = ctx->filenames; ..; ++f)`) is not put
// back when realloc fails.
struct names {
  const char **list;
  unsigned count;
};
void names_add(struct names *n, const char *name) {
  const char **f;
  for (f = n->list; f && *f; ++f)
    if (!strcmp(*f, name))
      return;
  if (n->count % 32 == 0)
    n->list = realloc(n->list, (n->count + 32) * sizeof *n->list);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'n->list' is overwritten by the result of 'realloc': the block it held is leaked if 'realloc' fails [leaklint-owning-pointer]
  n->list[n->count++] = name;
}

// -------- mxml's mxml-index.c (real code): an index grows its array by 64
// in the loop that fills it, `malloc` while the capacity is 0 and `realloc`
// after. The index comes from `calloc`, so its capacity starts at 0, and
// `+= 64` leaves it above 0: no turn takes the `malloc` branch again.
struct mx_index {
  int num_nodes, alloc_nodes;
  void **nodes;
};
void mx_index_delete(struct mx_index *ind);
void *mx_next(void *node);
struct mx_index *mx_index_new(void *node) {
  struct mx_index *ind;
  void **temp;
  if ((ind = calloc(1, sizeof(struct mx_index))) == NULL)
    return NULL;
  for (void *current = node; current; current = mx_next(current)) {
    if (ind->num_nodes >= ind->alloc_nodes) {
      if (!ind->alloc_nodes)
        temp = malloc(64 * sizeof(void *));
      else
        temp = realloc(ind->nodes, (ind->alloc_nodes + 64) * sizeof(void *));
      if (!temp) {
        mx_index_delete(ind);
        return NULL;
      }
      ind->nodes = temp;
      ind->alloc_nodes += 64;
    }
    ind->nodes[ind->num_nodes++] = current;
  }
  return ind;
}

// Still reported: a block made on every turn, whatever the capacity says.
struct mx_index *mx_index_remade(void *node) {
  struct mx_index *ind = calloc(1, sizeof(struct mx_index));
  if (!ind)
    return NULL;
  for (void *current = node; current; current = mx_next(current)) {
    if (ind->num_nodes >= ind->alloc_nodes) {
      void **fresh = malloc((ind->alloc_nodes + 64) * sizeof(void *));
      if (!fresh) {
        mx_index_delete(ind);
        return NULL;
      }
      ind->nodes = fresh;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'ind->nodes' is overwritten while it still owns memory allocated by 'malloc' [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-7]]:22: note: memory is allocated here
      ind->alloc_nodes += 64;
    }
    ind->nodes[ind->num_nodes++] = current;
  }
  return ind;
}

// -------- libusb's os/linux_usbfs.c (real code): the descriptor is either
// opened here or the one the caller wrapped, and `if (fd != wrapped_fd)
// close(fd);` closes it only in the first case. A descriptor just opened is
// none of the descriptors the caller holds.
int usb_cache_descriptors(const char *sysfs_dir, int wrapped_fd, char **out) {
  int fd;
  if (sysfs_dir)
    fd = open(sysfs_dir, O_RDONLY);
  else
    fd = wrapped_fd;
  if (fd < 0)
    return -1;
  char *descriptors = malloc(256);
  if (!descriptors) {
    if (fd != wrapped_fd)
      close(fd);
    return -2;
  }
  if (read(fd, descriptors, 256) < 0) {
    free(descriptors);
    if (fd != wrapped_fd)
      close(fd);
    return -3;
  }
  if (fd != wrapped_fd)
    close(fd);
  *out = descriptors;
  return 0;
}

// Still reported: closed only when it is the caller's.
int usb_close_wrong_one(const char *path, int wrapped_fd) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  if (fd == wrapped_fd)
    close(fd);
  return 0;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: file descriptor opened by 'open' is leaked when 'fd' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-7]]:12: note: file descriptor is opened here
}

// -------- fcgiwrap's fcgiwrap.c (real code): `-p` grows the list of allowed
// programs with `p = realloc(p, n)` in a `case`, and aborts when it fails:
// the block that failure would lose dies with the process.
static char **fcgi_allowed;
static int fcgi_allowed_count;
void fcgi_option(int c, const char *arg) {
  switch (c) {
  case 'p':
    fcgi_allowed = realloc(fcgi_allowed, (fcgi_allowed_count + 1) * sizeof(char *));
    if (!fcgi_allowed)
      abort();
    fcgi_allowed[fcgi_allowed_count++] = strdup(arg);
    break;
  }
}

// Still reported: the same in a `case` that carries on.
void fcgi_option_unchecked(int c, const char *arg) {
  switch (c) {
  case 'p':
    fcgi_allowed = realloc(fcgi_allowed, (fcgi_allowed_count + 1) * sizeof(char *));
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'fcgi_allowed' is overwritten by the result of 'realloc': the block it held is leaked if 'realloc' fails [leaklint-owning-pointer]
    if (!fcgi_allowed)
      return;
    fcgi_allowed[fcgi_allowed_count++] = strdup(arg);
    break;
  }
}

// -------- liburcu's urcu-bp.c and rculfhash-mm-mmap.c (real code): a chunk
// mapped with `mmap` is linked into a list by its embedded node, as a
// `malloc`ed one would be; `mmap(ptr, .., MAP_FIXED | ..)` remaps pages of
// a range the caller reserved and returns `ptr`: it maps nothing new.
#include <sys/mman.h>
struct urcu_list { struct urcu_list *next, *prev; };
static inline void urcu_list_add_tail(struct urcu_list *newp,
                                      struct urcu_list *head) {
  head->prev->next = newp;
  newp->next = head;
  newp->prev = head->prev;
  head->prev = newp;
}
struct urcu_chunk {
  size_t data_len;
  struct urcu_list node;
};
struct urcu_arena { struct urcu_list chunk_list; };
void urcu_expand_arena(struct urcu_arena *arena, size_t len) {
  struct urcu_chunk *new_chunk =
      mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
  if (new_chunk == MAP_FAILED)
    abort();
  new_chunk->data_len = len - sizeof(struct urcu_chunk);
  urcu_list_add_tail(&new_chunk->node, &arena->chunk_list);
}
void urcu_memory_populate(void *ptr, size_t length) {
  if (mmap(ptr, length, PROT_READ | PROT_WRITE,
           MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != ptr) {
    perror("mmap");
    abort();
  }
}

// Still reported: a mapping of its own, not kept.
int urcu_probe(size_t length) {
  if (mmap(NULL, length, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED)
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: memory mapped by 'mmap' is leaked: the result is discarded [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-2]]:7: note: memory is mapped here
    return -1;
  return 0;
}

// -------- mongo-c-driver's mongoc-socket.c (real code): whether `accept`
// failed is kept in a flag (`failed = (sd == -1)`) and the flag is tested:
// where it is set, there is no descriptor to close.
int mongoc_wait(int sd);
int mongoc_errno_is_again(void);
int mongoc_accept(int lsd) {
  int sd;
  bool failed, try_again;
again:
  sd = accept(lsd, NULL, NULL);
  failed = (sd == -1);
  try_again = (failed && mongoc_errno_is_again());
  if (failed && try_again) {
    if (mongoc_wait(lsd))
      goto again;
    return -1;
  } else if (failed) {
    return -1;
  }
  return sd;
}
char *mongoc_copy(const char *s) {
  char *copy = strdup(s);
  bool ok = copy != NULL;
  if (!ok)
    return NULL;
  return copy;
}

// Still reported: the flag says the descriptor is there, and it is dropped.
int mongoc_accept_and_drop(int lsd) {
  int sd = accept(lsd, NULL, NULL);
  bool failed = (sd == -1);
  if (failed)
    return -1;
  return 0;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: file descriptor opened by 'accept' is leaked when 'sd' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-6]]:12: note: file descriptor is opened here
}

// -------- vpnc's isakmp-pkt.c (real code): the block grows by `malloc` or
// `realloc` in the two arms of an `if`, and the test after them calls
// `error(1, ..)`, which exits when its status is not 0.
#include <error.h>
struct vpnc_flow {
  unsigned char *base;
  size_t len, allocated;
};
void vpnc_flow_reserve(struct vpnc_flow *f, size_t sz) {
  size_t new_len = f->allocated ? f->allocated : 64;
  while (f->len + sz > new_len)
    new_len *= 2;
  if (f->base == NULL)
    f->base = malloc(new_len);
  else
    f->base = realloc(f->base, new_len);
  if (f->base == NULL)
    error(1, errno, "alloc of %lu bytes failed", (unsigned long)new_len);
  f->allocated = new_len;
}
int vpnc_open_config(const char *path, FILE **out) {
  char *copy = strdup(path);
  if (!copy)
    error(1, errno, "can't allocate memory");
  FILE *f = fopen(copy, "r");
  if (f == NULL) {
    error(1, errno, "couldn't open `%s'", copy);
    return -1; // not reached
  }
  free(copy);
  *out = f;
  return 0;
}

// Still reported: `error(0, ..)` only prints.
int vpnc_warn_only(const char *path) {
  char *copy = strdup(path);
  if (!copy)
    return -1;
  if (access(copy, R_OK) != 0) {
    error(0, errno, "cannot read `%s'", copy);
    return -1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'strdup' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-7]]:16: note: memory is allocated here
  }
  free(copy);
  return 0;
}

// -------- bird's sysdep/unix/alloc.c (real code): `free_page` frees a page
// with `free` only in the fallback mode that allocates with
// `posix_memalign`; otherwise it keeps the page in a list by the node the
// page holds (`add_tail(&hot, &fp->n)`, defined in another file), and a
// page made by `mmap` goes there.
typedef struct bird_node { struct bird_node *next, *prev; } bird_node;
typedef struct bird_list { bird_node head; } bird_list;
void bird_add_tail(bird_list *l, bird_node *n);
struct bird_free_page { bird_node n; };
static _Bool bird_use_fake;
static bird_list bird_hot;
static void *bird_alloc_cold_page(void) {
  void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    abort();
  return p;
}
void bird_free_page(void *ptr) {
  if (bird_use_fake) {
    free(ptr);
    return;
  }
  struct bird_free_page *fp = ptr;
  bird_add_tail(&bird_hot, &fp->n);
}
void bird_replenish(int n) {
  while (n--)
    bird_free_page(bird_alloc_cold_page());
}

// -------- libpsl's psl.c (real code): the buffer is trimmed to what was
// read; `realloc` to 0 bytes frees it and returns NULL, which the `else`
// arm knows (`else if (!len) psl->dafsa = NULL;`).
struct psl_ctx {
  char *dafsa;
  size_t dafsa_size;
};
struct psl_ctx *psl_load(FILE *fp) {
  struct psl_ctx *psl = calloc(1, sizeof *psl);
  size_t size = 65536, len = 0, n;
  void *m;
  if (!psl)
    return NULL;
  if (!(psl->dafsa = malloc(size)))
    goto fail;
  while ((n = fread(psl->dafsa + len, 1, size - len, fp)) > 0) {
    len += n;
    if (len >= size) {
      if (!(m = realloc(psl->dafsa, size *= 2)))
        goto fail;
      psl->dafsa = m;
    }
  }
  if ((m = realloc(psl->dafsa, len)))
    psl->dafsa = m;
  else if (!len)
    psl->dafsa = NULL; /* realloc() just freed psl->dafsa */
  psl->dafsa_size = len;
  return psl;
fail:
  free(psl->dafsa);
  free(psl);
  return NULL;
}

// -------- opendkim's opendkim-db.c (real code): the array is made on the
// loop's first turn, which sets the count to 1 (`if (nr == 0) { out =
// malloc(..); ..; nr = 1; } else { ..; nr++; }`): no later turn has a count
// of 0 again, however many turns run.
int dkim_db_walk(int first, char *key);
char **dkim_mkarray(void) {
  char **out = NULL;
  int nr = 0, na = 0, status = 0;
  char key[256];
  while (status == 0) {
    status = dkim_db_walk(nr == 0, key);
    if (nr == 0) {
      out = malloc(sizeof(char *) * 16);
      if (out == NULL)
        return NULL;
      out[0] = NULL;
      na = 16;
      nr = 1;
    } else {
      if (nr + 1 == na)
        break;
      out[nr++] = NULL;
    }
  }
  return out;
}

// -------- dbus's dbus-sysdeps-unix.c (real code): /dev/null is opened again
// only while the descriptor is below the standard one the loop is at (`if
// (devnull < i)`, `i` up to 2); a descriptor opened while stdin, stdout and
// stderr are open is above 2, so it is never opened twice.
int dbus_ensure_standard_fds(int flags) {
  int devnull = -1;
  int i, ok = 0;
  for (i = 0; i <= 2; i++) {
    if (devnull < i)
      devnull = open("/dev/null", O_RDWR);
    if (devnull < 0)
      goto out;
    if (devnull != i && (flags & (1 << i)) != 0)
      if (dup2(devnull, i) < 0)
        goto out;
  }
  ok = 1;
out:
  if (devnull > 2)
    close(devnull);
  return ok;
}

// -------- knot's keymgr/functions.c (real code): the key's id goes into a
// struct given as `const S *` to a function of another file, which copies
// the struct, pointers and all, into the zone (`memcpy(&keys[n], appkey,
// sizeof(*appkey))`); the caller frees the id only where that failed.
struct knot_key {
  char *id;
  int flags;
};
struct knot_zone;
int knot_zone_append(struct knot_zone *zone, const struct knot_key *appkey);
int knot_import_key(struct knot_zone *zone, const char *param) {
  int ret;
  char *keyid = strdup(param);
  struct knot_key *kkey = calloc(1, sizeof(*kkey));
  if (kkey == NULL) {
    ret = -12;
    goto fail;
  }
  kkey->id = keyid;
  ret = knot_zone_append(zone, kkey);
  free(kkey);
  if (ret != 0)
    goto fail;
  return 0;
fail:
  free(keyid);
  return ret;
}

// Still reported: a function of the library that only reads.
int knot_print_key(struct knot_zone *zone, const char *param) {
  struct knot_key *kkey = calloc(1, sizeof(*kkey));
  if (kkey == NULL)
    return -12;
  kkey->id = strdup(param);
  puts(kkey->id);
  free(kkey);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'kkey->id' still owns memory allocated by 'strdup' when 'kkey' is freed [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:14: note: memory is allocated here
  return 0;
}

// -------- khash's kh_resize, as h2o instantiates it (real code): an
// unchecked shrinking realloc written in the body of a macro is named as
// the macro spells it.
#define KH_INIT(name)                                                          \
  struct kh_##name {                                                           \
    unsigned n;                                                                \
    int *keys;                                                                 \
  };                                                                           \
  static void kh_shrink_##name(struct kh_##name *h, unsigned n) {              \
    h->keys = (int *)realloc((void *)h->keys, n * sizeof(int));                \
    h->n = n;                                                                  \
  }
KH_INIT(cache)
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'h->keys' is overwritten by the result of 'realloc': the block it held is leaked if 'realloc' fails [leaklint-owning-pointer]

// -------- dhcpcd's ipv4.c (real code): the address is either found or
// made here, and a flag set on the block it made says which; on failure
// it is freed only if the flag says this function made it. The callee is
// given the block as `const`, so the flag is still what was set.
#define ADDR_NEW 0x01
struct ipv4_addr {
  struct ipv4_addr *next;
  int flags;
  char saddr[32];
};
struct ipv4_addr *ipv4_find(int key);
int if_address(unsigned char cmd, const struct ipv4_addr *ia);
struct ipv4_addr *ipv4_addaddr(int key) {
  struct ipv4_addr *ia = ipv4_find(key);
  if (ia == NULL) {
    ia = malloc(sizeof(*ia));
    if (ia == NULL)
      return NULL;
    ia->flags = ADDR_NEW;
  } else
    ia->flags &= ~ADDR_NEW;
  snprintf(ia->saddr, sizeof(ia->saddr), "%d", key);
  if (if_address(1, ia) == -1) {
    if (errno != EEXIST)
      perror("if_address");
    if (ia->flags & ADDR_NEW)
      free(ia);
    return NULL;
  }
  return ia;
}

// Still reported: the flag was cleared before the test.
struct ipv4_addr *ipv4_addaddr_cleared(int key) {
  struct ipv4_addr *ia = malloc(sizeof(*ia));
  if (ia == NULL)
    return NULL;
  ia->flags = ADDR_NEW;
  ia->flags &= ~ADDR_NEW;
  if (if_address(1, ia) == -1) {
    if (ia->flags & ADDR_NEW)
      free(ia);
    return NULL;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-10]]:26: note: memory is allocated here
  }
  return ia;
}

// -------- ppp's radius plugin (real code, its novm() moved into the
// file): a function that prints and exits never returns, though nothing
// declares it `noreturn`: the return after it is never reached.
static void rc_novm(const char *what) {
  fprintf(stderr, "out of memory in %s\n", what);
  exit(1);
}
struct avpair {
  char *name, *value;
};
int avpair_make(struct avpair *vp, const char *n, const char *v) {
  char *name = strdup(n);
  if (name == NULL)
    return -1;
  char *value = strdup(v);
  if (value == NULL) {
    rc_novm("avpair_make");
    return -1;
  }
  vp->name = name;
  vp->value = value;
  return 0;
}

// Still reported: a function that exits only on some of its paths.
static void rc_complain(const char *what, int fatal) {
  fprintf(stderr, "out of memory in %s\n", what);
  if (fatal)
    exit(1);
}
int avpair_make_quietly(struct avpair *vp, const char *n, const char *v) {
  char *name = strdup(n);
  if (name == NULL)
    return -1;
  char *value = strdup(v);
  if (value == NULL) {
    rc_complain("avpair_make", 0);
    return -1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'strdup' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-8]]:16: note: memory is allocated here
  }
  vp->name = name;
  vp->value = value;
  return 0;
}

// -------- miniupnpd's upnpsoap.c (real code): the old body is kept in a
// local before `body = realloc(body, ..)` and freed when realloc fails.
char *soap_port_list(const char **items, int n) {
  unsigned bodyalloc = 4096, bodylen = 0;
  char *body = malloc(bodyalloc);
  if (!body)
    return NULL;
  for (int i = 0; i < n; i++) {
    if (bodylen + 1024 > bodyalloc) {
      char *body_sav = body;
      bodyalloc += 4096;
      body = realloc(body, bodyalloc);
      if (!body) {
        free(body_sav);
        return NULL;
      }
    }
    bodylen += strlen(items[i]);
  }
  return body;
}

// -------- rsyslog's net.c (real code): each resolved address goes, by the
// address of a local struct, to a helper of the file that memcpy's the
// struct, pointer and all, into the list entry it links.
struct rs_netaddr {
  int flags;
  void *addr;
};
struct rs_allowed {
  struct rs_allowed *next;
  struct rs_netaddr sender;
};
static int rs_add_entry(struct rs_allowed **root, struct rs_netaddr *allow) {
  struct rs_allowed *e = calloc(1, sizeof(*e));
  if (!e)
    return -1;
  memcpy(&e->sender, allow, sizeof(struct rs_netaddr));
  e->next = *root;
  *root = e;
  return 0;
}
int rs_add_all(struct rs_allowed **root, int n) {
  struct rs_netaddr allow;
  for (int i = 0; i < n; i++) {
    allow.flags = 0;
    if ((allow.addr = malloc(16)) == NULL)
      return -1;
    if (rs_add_entry(root, &allow) != 0) {
      free(allow.addr);
      return -1;
    }
  }
  return 0;
}

// -------- icecast's cfgfile.c (real code): a mount's HTTP headers are
// parsed into `&mount->http_headers` for each <http-headers> element; the
// parser stores its first header there only when the list is empty and
// appends to the list otherwise, so a second element overwrites nothing.
struct ice_header {
  struct ice_header *next;
  int status;
};
struct ice_node {
  struct ice_node *next;
  const char *name;
};
struct ice_mount {
  struct ice_header *http_headers;
  struct ice_mount *next;
};
static void ice_parse_http_headers(struct ice_node *node,
                                   struct ice_header **http_headers) {
  struct ice_header *header, *next;
  do {
    if (node == NULL)
      break;
    header = calloc(1, sizeof(*header));
    if (!header)
      break;
    if (!*http_headers) {
      *http_headers = header;
      continue;
    }
    next = *http_headers;
    while (next->next)
      next = next->next;
    next->next = header;
  } while ((node = node->next));
}
struct ice_mount *ice_mounts;
void ice_parse_mount(struct ice_node *node) {
  struct ice_mount *mount = calloc(1, sizeof(*mount));
  if (!mount)
    return;
  do {
    if (strcmp(node->name, "http-headers") == 0)
      ice_parse_http_headers(node, &mount->http_headers);
  } while ((node = node->next));
  mount->next = ice_mounts;
  ice_mounts = mount;
}

// Still reported: a list nobody takes.
void ice_count_headers(struct ice_node *node) {
  struct ice_header *list = NULL;
  ice_parse_http_headers(node, &list);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'ice_parse_http_headers' is leaked when 'list' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: memory is allocated here

// -------- tgt's tgtadm.c (real code): a program function's count of
// entries delivered through `&namelist`, freed after the loops over them;
// the function gives up when the count is 0, which delivers no list. The
// loops' `i < nr` count entries: they are not a test of the count's sign.
struct tgt_dirent {
  char d_name[256];
};
int tgt_scan(const char *path, struct tgt_dirent ***namelist);
int tgt_bus_to_host(const char *path) {
  int i, nr, host = -1;
  struct tgt_dirent **namelist;
  nr = tgt_scan(path, &namelist);
  if (!nr)
    return -2;
  for (i = 0; i < nr; i++)
    host = atoi(namelist[i]->d_name);
  for (i = 0; i < nr; i++)
    free(namelist[i]);
  free(namelist);
  return host;
}

// -------- rsyslog's parameter blocks (real code: runtime/dynstats.c,
// perctile_stats.c, timezones.c): a loop over the entries of a table of
// descriptors that a global's initializer gives, each branch matching one
// entry's name. A name is in the table once, so each branch runs on one
// turn and nothing it allocates is overwritten on a later one.
struct rs_paramdescr {
  const char *name;
  int type;
};
struct rs_paramblk {
  int version;
  unsigned short nParams;
  struct rs_paramdescr *descr;
};
struct rs_paramval {
  int bUsed;
  const char *str;
};
static struct rs_paramdescr rs_descr[] = {
    {"name", 1}, {"delim", 1}, {"width", 2}};
static struct rs_paramblk rs_blk = {
    1, sizeof(rs_descr) / sizeof(struct rs_paramdescr), rs_descr};
struct rs_paramval *rs_get_params(void *cnf, struct rs_paramblk *blk);
int rs_register(const char *name, const char *delim, int width);
int rs_process(void *cnf) {
  char *name = NULL, *delim = NULL;
  int width = 0;
  struct rs_paramval *pvals = rs_get_params(cnf, &rs_blk);
  if (!pvals)
    return -1;
  for (short i = 0; i < rs_blk.nParams; ++i) {
    if (!pvals[i].bUsed)
      continue;
    if (!strcmp(rs_blk.descr[i].name, "name")) {
      name = strdup(pvals[i].str);
    } else if (!strcmp(rs_blk.descr[i].name, "delim")) {
      delim = strdup(pvals[i].str);
    } else if (!strcmp(rs_blk.descr[i].name, "width")) {
      width = atoi(pvals[i].str);
    }
  }
  int rc = rs_register(name, delim, width);
  free(name);
  free(delim);
  return rc;
}

// The table itself, with the test written the other way round.
static const struct rs_paramdescr rs_tz_descr[] = {{"id", 1}, {"offset", 1}};
int rs_tz(const struct rs_paramval *pvals) {
  char *id = NULL, *offset = NULL;
  int i;
  for (i = 0; i < 2; i++) {
    if (strcmp(rs_tz_descr[i].name, "id") == 0)
      id = strdup(pvals[i].str);
    else if (strcmp(rs_tz_descr[i].name, "offset") == 0)
      offset = strdup(pvals[i].str);
  }
  int rc = rs_register(id, offset, 0);
  free(id);
  free(offset);
  return rc;
}

// Still reported: a table that names an entry twice matches on two turns.
static const struct rs_paramdescr rs_twice_descr[] = {
    {"name", 1}, {"alias", 1}, {"name", 2}};
int rs_twice(const struct rs_paramval *pvals) {
  char *name = NULL;
  for (int i = 0; i < 3; i++)
    if (!strcmp(rs_twice_descr[i].name, "name"))
      name = strdup(pvals[i].str);
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'name' is overwritten while it still owns memory allocated by 'strdup' {{.*}}[leaklint-owning-pointer]
  int rc = rs_register(name, NULL, 0);
  free(name);
  return rc;
}

// Still reported: the names of a table other translation units may fill.
struct rs_paramdescr rs_open_descr[2];
int rs_open(const struct rs_paramval *pvals) {
  char *name = NULL;
  for (int i = 0; i < 2; i++)
    if (!strcmp(rs_open_descr[i].name, "name"))
      name = strdup(pvals[i].str);
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'name' is overwritten while it still owns memory allocated by 'strdup' {{.*}}[leaklint-owning-pointer]
  int rc = rs_register(name, NULL, 0);
  free(name);
  return rc;
}

// -------- descriptors kept by their number (real code: openssh's
// monitor.c fills descriptor 0 after closing it and checks it got 0;
// redis's rdb.c leaves a temp file open on purpose in a signal handler,
// marked unused).
int ssh_fill_stdin(int ttyfd) {
  int fd0;
  if (dup2(ttyfd, 0) == -1)
    return -1;
  close(0);
  if ((fd0 = open("/dev/null", O_RDONLY)) == -1)
    return -1;
  if (fd0 != 0)
    fprintf(stderr, "fd0 %d != 0\n", fd0);
  return 0;
}
#define RS_UNUSED(V) ((void)(V))
void rs_remove_temp(const char *tmpfile, int from_signal) {
  if (from_signal) {
    int fd = open(tmpfile, O_RDONLY | O_NONBLOCK);
    RS_UNUSED(fd);
    unlink(tmpfile);
  }
}

// Still reported: a descriptor read from and dropped.
int rs_first_byte(const char *path) {
  char c;
  int fd = open(path, O_RDONLY);
  if (fd == -1)
    return -1;
  if (read(fd, &c, 1) != 1)
    return -1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: file descriptor opened by 'open' is leaked on this early return [leaklint-owning-pointer]
  close(fd);
  return c;
}

// -------- openssh's misc.c subprocess() (real code): the stream is made
// only when "capture stdout" is asked for, and the caller asks for it
// exactly when it gives a place for the stream: two tests tied by `!=`,
// then each tested again (a bit of the flags, the out-parameter).
#define SP_DISCARD (1 << 0)
#define SP_CAPTURE (1 << 1)
pid_t ssh_subprocess(unsigned flags, FILE **child) {
  int p[2];
  FILE *f = NULL;
  if (child != NULL)
    *child = NULL;
  if ((flags & SP_DISCARD) != 0 && (flags & SP_CAPTURE) != 0)
    return 0;
  if (((flags & SP_CAPTURE) == 0) != (child == NULL))
    return 0;
  if (pipe(p) == -1)
    return 0;
  pid_t pid = fork();
  if (pid == -1) {
    close(p[0]);
    close(p[1]);
    return 0;
  }
  close(p[1]);
  if ((flags & SP_CAPTURE) == 0)
    close(p[0]);
  else if ((f = fdopen(p[0], "r")) == NULL) {
    close(p[0]);
    return 0;
  }
  if (child != NULL)
    *child = f;
  return pid;
}

// Still reported: tied the other way, the stream is made for a caller
// that gave no place for it.
pid_t ssh_subprocess_crossed(unsigned flags, FILE **child) {
  int p[2];
  FILE *f = NULL;
  if (((flags & SP_CAPTURE) != 0) != (child == NULL))
    return 0;
  if (pipe(p) == -1)
    return 0;
  close(p[1]);
  if ((flags & SP_CAPTURE) == 0)
    close(p[0]);
  else if ((f = fdopen(p[0], "r")) == NULL) {
    close(p[0]);
    return 0;
  }
  if (child != NULL)
    *child = f;
  return 1;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: file opened by 'fdopen' is leaked when 'f' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-9]]:17: note: file is opened here

// -------- setter-fails-only-for-null
/* A setter whose only failure is a null object (tor's
 * tor_main_configuration_set_command_line: `if (cfg == NULL) return -1;`),
 * called on an object just tested not null: its error branch is dead.
 * Real code: tor tor_api.c:164 (tor_main). */
struct main_cfg { int argc; char **argv; };
struct main_cfg *main_cfg_new(void) { return calloc(1, sizeof(struct main_cfg)); }
void main_cfg_free(struct main_cfg *cfg) { free(cfg); }
int main_cfg_set_args(struct main_cfg *cfg, int argc, char **argv) {
  if (cfg == NULL)
    return -1;
  cfg->argc = argc;
  cfg->argv = argv;
  return 0;
}
int run_cfg(struct main_cfg *cfg);
int run_main(int argc, char **argv) {
  struct main_cfg *cfg = main_cfg_new();
  if (!cfg)
    return 1;
  if (main_cfg_set_args(cfg, argc, argv) < 0)
    return 1; // no warning: fails only for a null cfg
  int rv = run_cfg(cfg);
  main_cfg_free(cfg);
  return rv;
}

// Still reported: a setter that can fail on a good object too.
int main_cfg_set_checked(struct main_cfg *cfg, int argc, char **argv) {
  if (cfg == NULL)
    return -1;
  if (argc < 1)
    return -2;
  cfg->argc = argc;
  cfg->argv = argv;
  return 0;
}
int run_checked(int argc, char **argv) {
  struct main_cfg *cfg = main_cfg_new();
  if (!cfg)
    return 1;
  if (main_cfg_set_checked(cfg, argc, argv) < 0)
    return 1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'main_cfg_new' is leaked on this early return [leaklint-owning-pointer]
  int rv = run_cfg(cfg);
  main_cfg_free(cfg);
  return rv;
}

// -------- fdopen-guarded-by-descriptor
/* A stream opened on a descriptor a callee delivered, closed only where the
 * descriptor is valid: fdopen() makes no stream of a negative descriptor.
 * Real code: exim4 transports/lmtp.c:797 (lmtp_transport_entry). */
int child_start(const char *cmd, int *fd_in, int *fd_out);
int converse(FILE *in) { return fgetc(in) != EOF; }
int transport_given(int fd_out) {
  FILE *out = fdopen(fd_out, "rb");
  int yield = converse(out);
  if (fd_out >= 0)
    fclose(out); // no warning: no stream where fd_out < 0
  return yield;
}
int transport_entry(const char *cmd) {
  int fd_in = -1, fd_out = -1;
  if (child_start(cmd, &fd_in, &fd_out) < 0)
    return 0;
  FILE *out = fdopen(fd_out, "rb");
  int yield = converse(out);
  if (fd_in >= 0)
    close(fd_in);
  if (fd_out >= 0)
    fclose(out); // no warning: no stream where fd_out < 0
  return yield;
}

// Still reported: closed only when the caller does not keep it. (Whether
// the child started says nothing of `keep`: a test of a call given the
// address of a local reads what the call returns, not the local.)
int transport_kept(const char *cmd, int keep) {
  int fd_in = -1, fd_out = -1;
  if (child_start(cmd, &fd_in, &fd_out) < 0)
    return 0;
  FILE *out = fdopen(fd_out, "rb");
  int yield = converse(out);
  if (!keep)
    fclose(out);
  return yield;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: file opened by 'fdopen' is leaked when 'out' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-7]]:15: note: file is opened here

// -------- parameter-lost-on-early-return
/* A descriptor opened into a parameter, kept in a block that an error
 * return frees without closing it: lost at that return, which the warning
 * names (not the end of the body, where the parameter's scope ends).
 * Real code: alsa-lib pcm/pcm_file.c:953 (snd_pcm_file_open). */
struct pcm_file { int ifd; char *fname; };
int pcm_new(void **pcmp);
int pcm_file_open(void **pcmp, const char *ifname, int ifd) {
  struct pcm_file *file = calloc(1, sizeof *file);
  if (!file)
    return -1;
  if (ifname) {
    ifd = open(ifname, O_RDONLY);
    if (ifd < 0) {
      free(file);
      return -1;
    }
  }
  file->ifd = ifd;
  int err = pcm_new(pcmp);
  if (err < 0) {
    free(file);
    return err;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: file descriptor opened by 'open' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-12]]:11: note: file descriptor is opened here
  }
  *pcmp = file;
  return 0;
}

// -------- list-walk-from-a-tested-head
/* A walk to the end of a list whose head was tested not null: the loop
 * runs at least once, so `prev`, a copy of a node, is not null where the
 * new node is linked after it. Real code: icecast2 util.c:733
 * (util_dict_set). */
typedef struct dict { char *key, *val; struct dict *next; } dict_t;
dict_t *dict_new(void) { return calloc(1, sizeof(dict_t)); }
void dict_free(dict_t *d) { free(d->key); free(d->val); free(d); }
int dict_set(dict_t *dict, const char *key, const char *val) {
  dict_t *prev;
  if (!dict || !key)
    return 0;
  prev = NULL;
  while (dict) {
    if (!dict->key || !strcmp(dict->key, key))
      break;
    prev = dict;
    dict = dict->next;
  }
  if (!dict) {
    dict = dict_new();
    if (!dict)
      return 0;
    if (prev)
      prev->next = dict;
  }
  if (dict->key)
    free(dict->val);
  else if (!(dict->key = strdup(key))) {
    if (prev)
      prev->next = NULL;
    dict_free(dict);
    return 0;
  }
  dict->val = strdup(val);
  if (!dict->val)
    return 0; // no warning: linked after prev
  return 1;
}

// Still reported: a head that may be null leaves `prev` null, and the new
// node linked nowhere.
int dict_set_any(dict_t *dict, const char *key) {
  dict_t *prev = NULL;
  while (dict) {
    prev = dict;
    dict = dict->next;
  }
  dict = dict_new();
  if (!dict)
    return 0;
  if (prev)
    prev->next = dict;
  if (!(dict->key = strdup(key)))
    return 0;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'dict_new' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-8]]:10: note: memory is allocated here
  return 1;
}

// -------- unsigned-status-at-most-zero
/* A call of another file that delivers through `&config` and returns a
 * size (`size_t`), tested `<= 0`: an unsigned size at most 0 is 0, which
 * says that nothing was delivered. Real code: lldpd daemon/client.c:65
 * (client_handle_set_configuration, lldpd_config_unserialize). */
struct wire_cfg { int a; char *name; };
size_t wire_cfg_unserialize(void *buf, size_t len, struct wire_cfg **out);
void wire_cfg_cleanup(struct wire_cfg *);
int handle_set_config(void *input, int len, int *type) {
  struct wire_cfg *config;
  if (wire_cfg_unserialize(input, len, &config) <= 0) {
    *type = 0;
    return 0; // no warning: nothing was delivered
  }
  int r = config->a;
  wire_cfg_cleanup(config);
  free(config);
  return r;
}

// Still reported: a size above 0 delivered it, and one path drops it.
int handle_get_config(void *input, int len) {
  struct wire_cfg *config;
  if (wire_cfg_unserialize(input, len, &config) <= 0)
    return 0;
  if (config->a < 0)
    return -1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'wire_cfg_unserialize' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:7: note: memory is allocated here
  int r = config->a;
  free(config);
  return r;
}

// -------- walk-of-a-list-just-made
/* A list head made here (TAILQ_INIT: its first node is none) and walked at
 * once, with a return in the walk: the walk of an empty list takes no turn.
 * Real code: lldpd marshal.c:104 (marshal_serialize_). */
struct ref_node { void *pointer; struct ref_node *next; };
struct ref_list { struct ref_node *first; struct ref_node **last; };
int serialize_once(void *p, void *given) {
  struct ref_list *refs = given;
  struct ref_node *cref;
  if (!refs) {
    refs = malloc(sizeof(struct ref_list));
    if (!refs)
      return -1;
    refs->first = NULL;
    refs->last = &refs->first;
  }
  for (cref = refs->first; cref; cref = cref->next)
    if (p == cref->pointer)
      return 0; // no warning: a list just made has no node
  if (!given)
    free(refs);
  return 1;
}

// Still reported: a head made with a first node.
int serialize_seeded(void *p, struct ref_node *seed) {
  struct ref_list *refs = malloc(sizeof(struct ref_list));
  struct ref_node *cref;
  if (!refs)
    return -1;
  refs->first = seed;
  for (cref = refs->first; cref; cref = cref->next)
    if (p == cref->pointer)
      return 0;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-9]]:27: note: memory is allocated here
  free(refs);
  return 1;
}

// -------- read-only-owner-given-away
/* A copy held by a pointer to const (which `free` takes only with a cast),
 * given to a function of another file: the caller means it to be kept, as
 * lldpd's command tree keeps the tokens of its nodes for good.
 * Real code: lldpd client/conf-lldp.c:645 (register_commands_configure_lldp). */
struct cmd_node;
struct cmd_node *cmd_new(struct cmd_node *root, const char *token,
                         const char *doc);
const char *to_tag(const char *);
void register_statuses(struct cmd_node *root, const char **names) {
  for (; *names; names++) {
    const char *tag = strdup(to_tag(*names));
    cmd_new(root, tag, *names); // no warning: kept by the command tree
  }
}

// Still reported: an owner that is not read-only, whose block the function
// could have freed.
void register_copies(struct cmd_node *root, const char **names) {
  for (; *names; names++) {
    char *tag = strdup(to_tag(*names));
    cmd_new(root, tag, *names);
  }
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'strdup' is leaked when 'tag' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:17: note: memory is allocated here
}
