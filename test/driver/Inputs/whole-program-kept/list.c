#include <stdlib.h>

struct node { void *data; struct node *next; };
struct list { struct node *head; };

int list_push(struct list *l, void *data) {
  struct node *n = malloc(sizeof *n);
  if (n == NULL)
    return -1;
  n->data = data;
  n->next = l->head;
  l->head = n;
  return 0;
}
