// A 512-byte object copied into a callback member (leaklint-lambda-capture).
#include <functional>

struct Matrix {
  double cells[64];
};

class Widget {
public:
  void setMatrix(Matrix m) {
    onDraw_ = [m] { (void)m.cells[0]; };
  }

private:
  std::function<void()> onDraw_;
};
