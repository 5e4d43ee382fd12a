// A leak on an early return, with a fix.
#include <memory>
#include <string>
#include <vector>

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
