// A pointer initialized with braces, 'void *output{malloc(n)}', then tested for null: on the
// null branch nothing is owned, but the engine does not tie the brace-initialized variable to
// the allocation, so the null test does not clear it and the throw is reported as a leak.
// The same code with '=' is not reported. Real code: libpqxx binarystring.cxx to_buffer().
// Baseline: "memory allocated by 'malloc' is leaked when the exception is thrown".
#include <cstdlib>
#include <cstring>
#include <new>
struct buffer { unsigned char *data; std::size_t size; };
buffer to_buffer(const void *data, std::size_t len) {
  void *const output{std::malloc(len + 1)};
  if (output == nullptr) throw std::bad_alloc{};
  std::memcpy(output, data, len);
  return buffer{static_cast<unsigned char *>(output), len};
}
