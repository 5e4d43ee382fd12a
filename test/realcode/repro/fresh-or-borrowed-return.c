/* A function that returns either a fresh block (the decoded copy) or a pointer into its
 * argument (the data as it came); the caller frees the result only when it is not the
 * argument's buffer. A fresh block is never equal to a buffer that existed before it.
 * Real code: fio client.c:1499 (convert_iolog).
 * v2: "memory allocated by 'convert' is leaked when 'pdu' goes out of scope". */
#include <stdlib.h>
#include <string.h>
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
