// RUN: %check_leaklint --config="{CheckOptions: {leaklint-owning-pointer.MaxSteps: 400}}" %s leaklint-owning-pointer %t -- -x c -std=gnu11
#include <stdlib.h>

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
