#include <memory>

struct Widget {
  void use() {}
};
int checked(int n);

int run(int n) {
  Widget *w = new Widget;
  if (checked(n) < 0)
    return -1;
  w->use();
  delete w;
  return 0;
}
