/* A block stored in a field of the object that the function returns (the ordinary C
 * constructor): the returned object owns it. Reading it back through a typed alias (iperf's
 * `sreport = hdr->this_report`) or storing the object into the caller's struct (libarchive's
 * `f->data = state`) does not matter; the plain form below is enough.
 * Real code: iperf src/Reports.c:683, :801, :880; libarchive libarchive/archive_write.c:360;
 * libzstd programs/fileio_asyncio.c:157.
 * v2: "memory allocated by 'malloc' is leaked when 'buffer' goes out of scope". */
#include <stdlib.h>
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
