// pthread_t handles in an array reached through a struct pointer, created in one loop and
// joined in another: compiled as C the check credits the join, compiled as C++ it does not.
// Real code: pbzip2 main() (consumer threads in fifo->consumers[]).
// Baseline: "thread created into 'consumers' is never joined or detached".
#include <pthread.h>
#include <stdlib.h>
struct queue { pthread_t *consumers; };
static void *consumer(void *q) { return q; }
int run(queue *fifo, int numCPU) {
  int i;
  for (i = 0; i < numCPU; i++)
    if (pthread_create(&fifo->consumers[i], NULL, consumer, fifo) != 0)
      return 1;
  for (i = 0; i < numCPU; i++)
    pthread_join(fifo->consumers[i], NULL);
  return 0;
}
