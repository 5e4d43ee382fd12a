// A context that several files of a library share: one starts its
// background thread, another joins it when the context is deleted.
#include <pthread.h>
struct worker_ctx {
  pthread_t bg_tid;
  int running;
};
void worker_ctx_delete(struct worker_ctx *ctx); // joins bg_tid
