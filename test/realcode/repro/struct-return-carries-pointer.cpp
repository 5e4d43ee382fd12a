// A helper of the translation unit wraps the pointer it gets into the struct it returns (an
// iovec), and the caller stores that struct in a container it returns: the memory goes with it.
// The engine sees the helper's result as unrelated to its argument, so the allocation looks
// discarded. Real code: Poco Net Socket::makeBufVec() / makeBuffer().
// Baseline: "memory allocated by 'malloc' is leaked: the result is discarded".
#include <cstdlib>
#include <sys/uio.h>
#include <vector>
static iovec makeBuffer(void *buffer, std::size_t length) {
  iovec ret;
  ret.iov_base = buffer;
  ret.iov_len = length;
  return ret;
}
std::vector<iovec> makeBufVec(std::size_t size, std::size_t bufLen) {
  std::vector<iovec> buf(size);
  for (auto it = buf.begin(); it != buf.end(); ++it)
    *it = makeBuffer(std::malloc(bufLen), bufLen);
  return buf;
}
