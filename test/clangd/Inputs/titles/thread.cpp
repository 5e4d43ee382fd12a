// A thread left joinable on an early return, fixed with std::jthread.
#include <thread>

void work();

void run(bool fail) {
  std::thread helper(work);
  if (fail)
    return;
  helper.join();
}
