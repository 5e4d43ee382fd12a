#include "shapes.h"

Base::Base(char *n) : name(n) {}
