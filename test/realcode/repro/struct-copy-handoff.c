/* A local struct that holds fresh memory is copied whole into an object that outlives the
 * function ('*tab = grown;'): the memory is handed off with the copy, but the engine still
 * sees it owned by the local struct when the local goes out of scope.
 * Real code: lighttpd's lemon.c (Symbol_insert and friends, growing a hash table).
 * Baseline: "memory allocated by 'calloc' is leaked when 'grown' goes out of scope". */
#include <stdlib.h>
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
