// A connection that stores a callback owning itself, fixed by a weak capture.
#include <functional>
#include <memory>

struct Conn {
  std::function<void()> on_close;
  void setOnClose(std::function<void()> f) { on_close = std::move(f); }
  void send() {}
};

void serve() {
  auto conn = std::make_shared<Conn>();
  conn->setOnClose([conn] { conn->send(); });
}
