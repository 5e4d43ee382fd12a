// A minimal stand-in for <boost/signals2.hpp> (Boost is not installed here):
// a signal whose connect() keeps the slot until the connection it returns is
// disconnected, and a scoped_connection that disconnects when destroyed.
#pragma once
#include <functional>
namespace boost {
namespace signals2 {
class connection {
public:
  void disconnect() const;
  bool connected() const;
};
class scoped_connection : public connection {
public:
  scoped_connection() = default;
  scoped_connection(const connection &c);
  ~scoped_connection() { disconnect(); }
  scoped_connection(const scoped_connection &) = delete;
  scoped_connection &operator=(const scoped_connection &) = delete;
};
template <class Signature> class signal {
public:
  connection connect(const std::function<Signature> &slot);
  template <class... Args> void operator()(Args &&...args);
};
} // namespace signals2
} // namespace boost
