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
