// A large object copied into a stored callback, fixed by moving it in.
#include <functional>
#include <string>
#include <vector>

struct Frame {
  std::vector<char> pixels;
  std::string name;
};
void consume(const Frame &);

class Widget {
public:
  explicit Widget(Frame f) : draw_([f] { consume(f); }) {}

private:
  std::function<void()> draw_;
};
