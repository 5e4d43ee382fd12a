#include "tree.h"
std::shared_ptr<HNode> makeRoot() { return std::make_shared<HNode>(); }
