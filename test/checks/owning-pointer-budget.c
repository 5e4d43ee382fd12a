// RUN: %check_leaklint --config="{CheckOptions: {leaklint-owning-pointer.MaxSteps: 400}}" %s leaklint-owning-pointer %t -- -x c -std=gnu11
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

// The budget (MaxSteps, here 400 block visits) bounds the paths of one
// function. Paths meet where they differ only in what no later statement
// reads, so that the cost of a function grows with its parts, not with
// their product. Each function below needs more than the budget without
// that, and is then skipped: its leak is not reported.

// What a path knows of a local that no later statement reads is forgotten:
// the 2^24 paths of these flags meet after each test.
int check_step(int k);
#define CHECKED_STEP(flag, k)                                                  \
  flag = 0;                                                                    \
  if (check_step(k))                                                           \
    flag = 1;                                                                  \
  if (flag)                                                                    \
    check_step(-k);

int many_checked_steps(int n) {
  int a, b, c, d, e, f, g, h, i, j, k, l, m, o, p, q, r, s, t, u, v, w, x, y;
  char *buf = malloc(16);
  CHECKED_STEP(a, 1) CHECKED_STEP(b, 2) CHECKED_STEP(c, 3) CHECKED_STEP(d, 4)
  CHECKED_STEP(e, 5) CHECKED_STEP(f, 6) CHECKED_STEP(g, 7) CHECKED_STEP(h, 8)
  CHECKED_STEP(i, 9) CHECKED_STEP(j, 10) CHECKED_STEP(k, 11) CHECKED_STEP(l, 12)
  CHECKED_STEP(m, 13) CHECKED_STEP(o, 14) CHECKED_STEP(p, 15) CHECKED_STEP(q, 16)
  CHECKED_STEP(r, 17) CHECKED_STEP(s, 18) CHECKED_STEP(t, 19) CHECKED_STEP(u, 20)
  CHECKED_STEP(v, 21) CHECKED_STEP(w, 22) CHECKED_STEP(x, 23) CHECKED_STEP(y, 24)
  if (n < 0)
    return -1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-10]]:15: note: memory is allocated here
  free(buf);
  return 0;
}

// Once a path has left a loop, whether it ran the loop is forgotten: the
// 2^8 ways of running these loops or not meet after each.
int many_loops(const int *v, int n) {
  char *buf = malloc(64);
  int total = 0;
  for (int i = 0; i < n; i++)
    total += v[i];
  for (int i = 0; i < n; i++)
    total += v[i];
  for (int i = 0; i < n; i++)
    total += v[i];
  for (int i = 0; i < n; i++)
    total += v[i];
  for (int i = 0; i < n; i++)
    total += v[i];
  for (int i = 0; i < n; i++)
    total += v[i];
  for (int i = 0; i < n; i++)
    total += v[i];
  for (int i = 0; i < n; i++)
    total += v[i];
  if (total < 0)
    return -1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-21]]:15: note: memory is allocated here
  free(buf);
  return 0;
}

// A loop whose end the path cannot decide (`n` is unknown) forgets its
// counters after 8 turns instead of 32: unrolling it further decides
// nothing.
int classify(int c);

int count_classes(const int *v, int n) {
  char *buf = malloc(64);
  int letters = 0, digits = 0, spaces = 0, other = 0;
  for (int i = 0; i < n; i++) {
    int c = classify(v[i]);
    if (c == 1)
      letters++;
    else if (c == 2)
      digits++;
    else if (c == 3)
      spaces++;
    else
      other++;
  }
  if (letters + digits + spaces + other != n)
    return -1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-16]]:15: note: memory is allocated here
  free(buf);
  return 0;
}

// A dead local that still names a descriptor it closed, handed off, or
// failed to open tells nothing: the 3^8 ways these sections end meet.
void keep_open(int fd);
#define OPEN_AND_SETTLE(fd, k)                                                 \
  fd = open(paths[k], O_RDONLY);                                               \
  if (fd >= 0 && check_step(k))                                                \
    close(fd);                                                                 \
  else if (fd >= 0)                                                            \
    keep_open(fd);

int open_each(const char **paths, int n) {
  int a, b, c, d, e, f, g, h;
  char *log = malloc(64);
  OPEN_AND_SETTLE(a, 0) OPEN_AND_SETTLE(b, 1) OPEN_AND_SETTLE(c, 2)
  OPEN_AND_SETTLE(d, 3) OPEN_AND_SETTLE(e, 4) OPEN_AND_SETTLE(f, 5)
  OPEN_AND_SETTLE(g, 6) OPEN_AND_SETTLE(h, 7)
  if (n < 0)
    return -1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-7]]:15: note: memory is allocated here
  free(log);
  return 0;
}

// The summaries of helpers: what a parameter points to is read lazily, and
// a path that read 'r->a' is the same as one that did not; a dead local
// that names what the parameter holds (`s = r->s1`) tells nothing either:
// reading the parameter again gives the same. The helpers' 2^12 and 2^8
// paths meet; a summary cut by the budget would hand 'r' off.
void use_field(int v);
void use_name(const char *s);
struct request {
  int a, b, c, d, e, f, g, h, i, j, k, l;
  const char *s1, *s2, *s3, *s4, *s5, *s6, *s7, *s8;
};

static void report_fields(struct request *r) {
  if (check_step(1))
    use_field(r->a);
  if (check_step(2))
    use_field(r->b);
  if (check_step(3))
    use_field(r->c);
  if (check_step(4))
    use_field(r->d);
  if (check_step(5))
    use_field(r->e);
  if (check_step(6))
    use_field(r->f);
  if (check_step(7))
    use_field(r->g);
  if (check_step(8))
    use_field(r->h);
  if (check_step(9))
    use_field(r->i);
  if (check_step(10))
    use_field(r->j);
  if (check_step(11))
    use_field(r->k);
  if (check_step(12))
    use_field(r->l);
}

#define USE_NAME(var, field, k)                                                \
  if (check_step(k) && (var = r->field))                                       \
    use_name(var);

static void report_names(struct request *r) {
  const char *a, *b, *c, *d, *e, *f, *g, *h;
  USE_NAME(a, s1, 1) USE_NAME(b, s2, 2) USE_NAME(c, s3, 3) USE_NAME(d, s4, 4)
  USE_NAME(e, s5, 5) USE_NAME(f, s6, 6) USE_NAME(g, s7, 7) USE_NAME(h, s8, 8)
}

int handle_request(int n) {
  struct request *r = calloc(1, sizeof *r);
  if (!r)
    return -1;
  report_fields(r);
  report_names(r);
  if (n < 0)
    return -1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'calloc' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-8]]:23: note: memory is allocated here
  free(r);
  return 0;
}

// A path that left a loop by `break` has left it, as one that left by the
// condition: the ways of leaving these loops (never entered, run to the
// end, broken out of) meet after each.
#define FIND(k)                                                                \
  for (int i = 0; i < n; i++)                                                  \
    if (v[i] == k)                                                             \
      break;

int find_each(const int *v, int n) {
  char *buf = malloc(64);
  FIND(1) FIND(2) FIND(3) FIND(4) FIND(5) FIND(6) FIND(7) FIND(8)
  if (n < 0)
    return -1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:15: note: memory is allocated here
  free(buf);
  return 0;
}
