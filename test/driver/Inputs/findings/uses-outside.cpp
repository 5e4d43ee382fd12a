#include "outside/lib.h"

int three() { return Peer().next != nullptr; }
