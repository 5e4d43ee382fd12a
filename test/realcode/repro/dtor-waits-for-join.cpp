// The destructor does not join the thread itself: it waits for a completion that the close
// handler signals only after it has joined the thread (cpprest's websocket client: the
// destructor calls close().wait(); the handler the client registered joins m_thread, then sets
// the event).
// Real code: cpprest Release/src/websockets/client/ws_client_wspp.cpp:762.
// v2: "thread member 'm_thread' is started but the destructor ... does not join or detach it".
#include <functional>
#include <future>
#include <thread>
extern void register_close_handler(std::function<void()> h);  // the transport calls it on close
extern void request_close();
class Client {
public:
  void connect() {
    register_close_handler([this] { on_closed(); });
    m_thread = std::thread([this] { run(); });
  }
  ~Client() { close().wait(); }
private:
  void run() {}
  std::shared_future<void> close() {
    request_close();
    return m_done;
  }
  void on_closed() {
    if (m_thread.joinable()) m_thread.join();
    m_closed.set_value();
  }
  std::promise<void> m_closed;
  std::shared_future<void> m_done = m_closed.get_future().share();
  std::thread m_thread;
};
