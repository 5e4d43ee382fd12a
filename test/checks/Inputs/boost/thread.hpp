// A minimal stand-in for <boost/thread.hpp> (Boost is not installed here):
// just the declarations leaklint-unjoined-thread tests need.
#pragma once
namespace boost {
class thread {
public:
  thread() noexcept;
  template <class F, class... Args> explicit thread(F &&f, Args &&...args);
  thread(thread &&) noexcept;
  thread &operator=(thread &&) noexcept;
  thread(const thread &) = delete;
  ~thread();
  void join();
  void detach();
  bool joinable() const noexcept;
  void interrupt();
};
} // namespace boost
