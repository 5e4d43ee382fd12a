/* An object linked into a list through the address of its embedded list node ('&p->list',
 * the Linux-kernel intrusive list): the list now holds the object, and it is freed through
 * container_of when the list is torn down. The engine sees only '&p->list' passed on, not 'p'.
 * Real code: fio (flist_add_tail in client.c, init.c, parse.c, server.c, iolog.c, filesetup.c).
 * Baseline: "memory allocated by 'malloc' is leaked when 'p' goes out of scope". */
#include <stdlib.h>
#include <string.h>
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
