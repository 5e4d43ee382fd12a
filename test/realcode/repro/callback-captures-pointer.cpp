// A raw pointer captured by copy in a callback given to an asynchronous call: the callback
// owns it (it wraps it in a unique_ptr, or the object deletes itself when called), so the
// caller's release() or its return is a hand-off, not a leak.
// Real code: cpprest http_server_asio.cpp:541 and :630 (async_accept), fileio_posix.cpp:388, :421.
// v2: "memory released from a unique_ptr by 'release()' is leaked: the result is discarded".
#include <functional>
#include <memory>
#include <vector>
struct Socket { int fd = -1; };
std::vector<std::function<void(int)>> pending;  // the I/O loop runs and drops them
void async_accept(Socket &, std::function<void(int)> handler) { pending.push_back(std::move(handler)); }
void on_accept(std::unique_ptr<Socket>, int) {}
void start_accept() {
  auto *socket = new Socket;
  std::unique_ptr<Socket> guard(socket);
  async_accept(*socket, [socket](int ec) { on_accept(std::unique_ptr<Socket>(socket), ec); });
  guard.release();
}
