// A minimal stand-in for <boost/asio.hpp> (Boost is not installed here): the
// executors leaklint-lambda-capture tests need, declared without bodies as
// a prebuilt library would show them.
#pragma once
#include <cstddef>
namespace boost {
namespace asio {
class io_context {
public:
  class executor_type;
  template <class Handler> void post(Handler &&h);
  template <class Handler> void dispatch(Handler &&h);
  std::size_t run();
  void stop();
};
template <class Executor> class strand {
public:
  explicit strand(const Executor &ex);
  template <class Handler> void post(Handler &&h);
  template <class Handler> void dispatch(Handler &&h);
};
template <class Context, class Handler> void post(Context &ctx, Handler &&h);
template <class Context, class Handler> void dispatch(Context &ctx, Handler &&h);
template <class Context, class Handler> void defer(Context &ctx, Handler &&h);
} // namespace asio
} // namespace boost
