// Two findings with a fix each (a shared_ptr cycle, a leak on an early
// return), for the --fix tests.
#include <memory>
#include <vector>

struct Leaf;
struct Tree {
  std::vector<std::shared_ptr<Leaf>> leaves;
};
struct Leaf {
  std::shared_ptr<Tree> parent;
};

struct Point {
  Point(int X, int Y) : X(X), Y(Y) {}
  int X, Y;
};

int parse(int Limit) {
  Point *P = new Point(Limit, 2);
  if (Limit > 10)
    return -1;
  int R = P->X;
  delete P;
  return R;
}

// The back edge is stored here (the type level needs a store).
void adopt(Leaf &L, const std::shared_ptr<Tree> &T) { L.parent = T; }
