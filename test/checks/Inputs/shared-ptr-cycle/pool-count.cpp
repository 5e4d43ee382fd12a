#include "pool.h"
// Never calls the setter: no link is formed here.
std::size_t count(const Pool &p) { return p.tunnels_.size(); }
