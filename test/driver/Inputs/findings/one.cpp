#include "inc/tree.h"

int one() { return Tree().leaves.size(); }
