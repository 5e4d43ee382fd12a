// RUN: %check_leaklint %s leaklint-unjoined-thread %t -- -x c -std=gnu11 -I %S/Inputs/unjoined-thread
// C threads: POSIX pthread_create, C11 thrd_create and libuv's
// uv_thread_create (declared here as <uv.h> declares it), never joined or
// detached on some path.
#include <pthread.h>
#include <stdio.h>
#include <threads.h>

typedef pthread_t uv_thread_t;
typedef void (*uv_thread_cb)(void *arg);
int uv_thread_create(uv_thread_t *tid, uv_thread_cb entry, void *arg);
int uv_thread_join(uv_thread_t *tid);

static void worker(void *arg) { (void)arg; }
static int c11_worker(void *arg) { return arg != 0; }
static void *posix_worker(void *arg) { return arg; }

int uvNeverJoined(void) {
  uv_thread_t tid;
  if (uv_thread_create(&tid, worker, 0))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: thread created into 'tid' is never joined or detached; its stack and thread descriptor are never reclaimed [leaklint-unjoined-thread]
  return 0;
}

int uvJoined(void) {
  uv_thread_t tid;
  if (uv_thread_create(&tid, worker, 0))
    return -1; // no warning: no thread was created
  return uv_thread_join(&tid);
}

int uvJoinedOnOnePath(int fast) {
  uv_thread_t tid;
  if (uv_thread_create(&tid, worker, 0))
    return -1;
  if (fast)
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread created into 'tid' is neither joined nor detached when it goes out of scope on this path; its stack and thread descriptor are never reclaimed [leaklint-unjoined-thread]
  return uv_thread_join(&tid);
}

int c11NeverJoined(void) {
  thrd_t t;
  if (thrd_create(&t, c11_worker, 0) != thrd_success)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: thread created into 't' is never joined or detached; its stack and thread descriptor are never reclaimed [leaklint-unjoined-thread]
  return 0;
}

int c11Joined(void) {
  thrd_t t;
  if (thrd_create(&t, c11_worker, 0) != thrd_success)
    return -1;
  int res;
  thrd_join(t, &res);
  return res;
}

int c11Detached(void) {
  thrd_t t;
  if (thrd_create(&t, c11_worker, 0) != thrd_success)
    return -1;
  return thrd_detach(t); // no warning
}

void posixFireAndForget(void *arg) {
  pthread_t tid;
  pthread_create(&tid, NULL, posix_worker, arg);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: thread created into 'tid' is never joined or detached; its stack and thread descriptor are never reclaimed [leaklint-unjoined-thread]
}

struct pool {
  pthread_t workers[4];
  int n;
};

int poolStart(struct pool *p) {
  for (p->n = 0; p->n < 4; ++p->n)
    if (pthread_create(&p->workers[p->n], NULL, posix_worker, p))
      return -1;
  return 0;
}

void poolStop(struct pool *p) {
  for (int i = 0; i < p->n; ++i)
    pthread_join(p->workers[i], NULL); // no warning: joined here
}

// A handle in a global that other files name: the shutdown code of another
// file may join it (stunnel's cron_thread_id, joined in stunnel.c).
pthread_t cron_tid;
int cronInit(void) {
  if (pthread_create(&cron_tid, NULL, posix_worker, NULL)) // no warning
    return -1;
  return 0;
}
// A field of a struct a header declares: the file that deletes the context
// may join it (unbound's `ctx->bg_tid`).
#include "worker_ctx.h"
int startBackground(struct worker_ctx *ctx) {
  ctx->running = 1;
  return pthread_create(&ctx->bg_tid, NULL, posix_worker, ctx); // no warning
}
// A field of a struct only this file declares has no joiner elsewhere.
struct local_ctx {
  pthread_t tid;
};
int startLocal(struct local_ctx *ctx) {
  return pthread_create(&ctx->tid, NULL, posix_worker, ctx);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: thread created into 'tid' is never joined or detached; its stack and thread descriptor are never reclaimed [leaklint-unjoined-thread]
}
// One only this file names has no joiner elsewhere.
static pthread_t ticker_tid;
int tickerInit(void) {
  if (pthread_create(&ticker_tid, NULL, posix_worker, NULL))
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: thread created into 'ticker_tid' is never joined or detached; its stack and thread descriptor are never reclaimed [leaklint-unjoined-thread]
    return -1;
  return 0;
}
