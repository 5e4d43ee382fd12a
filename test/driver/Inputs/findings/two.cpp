#include "../findings/inc/tree.h"

void two(const std::shared_ptr<Tree> &t) { Leaf().attach(t); }
