#include "shapes.h"

// The base's constructor is called by the initializer only.
Derived::Derived() : Base(new char[4]) {}
