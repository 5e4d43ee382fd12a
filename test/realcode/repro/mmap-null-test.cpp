// mmap() tested with '!data' (the code should test MAP_FAILED; that is a separate bug): the
// engine takes a null mmap result for a successful mapping, so on the path where 'data' is null
// and the fallback malloc fails it reports a mapping that cannot exist (mmap without MAP_FIXED
// never returns address 0). Real code: fcitx5 src/lib/fcitx-utils/library.cpp Library::findData().
// Baseline: "memory mapped by 'mmap' is leaked when 'needunmap' goes out of scope".
#include <cstdlib>
#include <memory>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
struct Free { void operator()(void *p) const { std::free(p); } };
bool scan(int fd) {
  std::unique_ptr<void, Free> needfree;
  bool result = false;
  do {
    struct stat statbuf;
    if (fstat(fd, &statbuf) < 0) break;
    void *needunmap = nullptr;
    void *data = needunmap = mmap(0, statbuf.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (!data) {
      data = std::malloc(statbuf.st_size);
      needfree.reset(data);
      if (!data) break;
      if (read(fd, data, statbuf.st_size) != statbuf.st_size) break;
    }
    result = static_cast<char *>(data)[0] != 0;
    if (needunmap) munmap(needunmap, statbuf.st_size);
  } while (0);
  close(fd);
  return result;
}
