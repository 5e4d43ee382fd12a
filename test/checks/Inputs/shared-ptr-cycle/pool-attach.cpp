#include "pool.h"
// Calls the setter: the pool and its tunnel own each other.
void attach(const std::shared_ptr<Pool> &p, const std::shared_ptr<Tunnel> &t) {
  p->tunnels_.push_back(t);
  t->setPool(p);
}
