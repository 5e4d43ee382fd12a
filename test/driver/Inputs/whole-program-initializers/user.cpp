#include "shapes.h"

int use() {
  Derived *d = new Derived();
  return d->name != nullptr;
}
