#include "outside/lib.h"

int three() { return Peer().next != nullptr; }
void four(Peer &p, const std::shared_ptr<Peer> &q) { linkBack(p, q); }
