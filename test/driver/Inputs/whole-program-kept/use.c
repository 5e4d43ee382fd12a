#include <string.h>

struct list;
int list_push(struct list *l, void *data);

int remember(struct list *l, const char *s) {
  char *copy = strdup(s);
  if (copy == NULL)
    return -1;
  if (list_push(l, copy) < 0)
    return -1;
  return 0;
}

void note_name(struct list *l, const char *s) {
  char *copy = strdup(s);
  if (copy != NULL)
    list_push(l, copy);
}
