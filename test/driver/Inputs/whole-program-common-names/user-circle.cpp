#include "circle.h"

int draw(Circle &c) {
  char *p = c.make();
  return p[0];
}
