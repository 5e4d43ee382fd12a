// A pointer handed to a virtual call whose base-class body is empty: the override, in another
// file, takes ownership. The engine uses the body it sees (the base's, which does nothing).
// Real code: cpprest Release/src/streams/fileio_posix.cpp:101 (`callback->on_opened(info)`).
// v2: "memory allocated by 'new' is leaked when 'info' goes out of scope".
#include <memory>
struct Info { int fd; };
struct Callback {
  virtual void on_opened(Info *) {}
  virtual ~Callback() = default;
};
bool open_file(int fd, Callback *cb) {
  if (fd < 0)
    return false;
  auto info = new Info{fd};
  cb->on_opened(info);
  return true;
}
