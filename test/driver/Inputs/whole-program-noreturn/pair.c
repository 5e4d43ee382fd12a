#include <stdlib.h>

void novm(const char *what);
void warn(const char *what);

struct pair { char *a, *b; };

int make_pair(struct pair *p) {
  char *a = malloc(8);
  if (!a)
    return -1;
  char *b = malloc(8);
  if (!b) {
    novm("pair");
    return -1;
  }
  p->a = a;
  p->b = b;
  return 0;
}

int make_pair_warned(struct pair *p) {
  char *a = malloc(8);
  if (!a)
    return -1;
  char *b = malloc(8);
  if (!b) {
    warn("pair");
    return -1;
  }
  p->a = a;
  p->b = b;
  return 0;
}
