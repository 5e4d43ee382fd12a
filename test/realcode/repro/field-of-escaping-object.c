/* A block stored in a field of an object that escapes (returned, or stored in the caller's
 * struct), then used through a typed local alias read back from that field: the alias's end of
 * scope is not the end of the block.
 * Real code: iperf src/Reports.c:683, :801, :880; libarchive libarchive/archive_write.c:360.
 * v2: "memory allocated by 'calloc' is leaked when 'sreport' goes out of scope". */
#include <stdlib.h>
struct settings { int peer; };
struct header { int type; void *this_report; };
struct header *init_settings_report(int peer) {
  struct header *hdr = calloc(1, sizeof(*hdr));
  if (!hdr)
    abort();
  hdr->this_report = calloc(1, sizeof(struct settings));
  if (!hdr->this_report)
    abort();
  hdr->type = 1;
  struct settings *sreport = (struct settings *)hdr->this_report;
  sreport->peer = peer;
  return hdr;
}
