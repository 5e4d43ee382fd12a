// NOLINT and NOLINTNEXTLINE silence a finding at its line.
#include <functional>

struct Matrix {
  double cells[64];
};

class Widget {
public:
  void a(Matrix m) {
    cb_ = [m] { (void)m.cells[0]; }; // NOLINT(leaklint-lambda-capture)
  }
  void b(Matrix m) {
    // NOLINTNEXTLINE(leaklint-*)
    cb_ = [m] { (void)m.cells[0]; };
  }
  void c(Matrix m) {
    cb_ = [m] { (void)m.cells[0]; }; // NOLINT
  }
  // A NOLINT for another check does not silence this one.
  void d(Matrix m) {
    cb_ = [m] { (void)m.cells[0]; }; // NOLINT(leaklint-owning-pointer)
  }

private:
  std::function<void()> cb_;
};
