// A library that marks its own headers as system headers (kj's `#pragma GCC
// system_header`): an array that keeps its elements and the address of the
// disposer it is given, which frees them when the array dies.
#pragma GCC system_header
#include <cstddef>
namespace kjlike {
typedef unsigned char byte;
class ArrayDisposer {
public:
  virtual void disposeImpl(void *first, std::size_t count) const = 0;
};
template <typename T> class Array {
public:
  Array(T *first, std::size_t n, const ArrayDisposer &disposer)
      : ptr(first), size_(n), disposer(&disposer) {}
  Array(Array &&o) : ptr(o.ptr), size_(o.size_), disposer(o.disposer) { o.ptr = nullptr; }
  ~Array() {
    if (ptr)
      disposer->disposeImpl(const_cast<void *>(static_cast<const void *>(ptr)), size_);
  }

private:
  T *ptr;
  std::size_t size_;
  const ArrayDisposer *disposer;
};
} // namespace kjlike
