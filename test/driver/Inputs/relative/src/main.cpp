// Compiled from the project's root as "src/main.cpp", with "-Iinc".
#include "local.h"
#include "tree.h"

int parse(int Limit) {
  int *Buffer = new int[16];
  if (Limit < 0)
    return -1;
  delete[] Buffer;
  return 0;
}

// The headers' setters, called: the links are formed in this unit.
void link(Leaf &L, Pet &P, const std::shared_ptr<Tree> &T,
          const std::shared_ptr<Owner> &O) {
  adopt(L, T);
  adopt(P, O);
}
