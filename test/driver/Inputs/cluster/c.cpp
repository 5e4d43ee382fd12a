// A thread neither joined nor detached on the early return (real headers:
// the task takes a moment, long enough to be killed in).
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

int work(const std::map<std::string, std::vector<int>> &Jobs) {
  std::thread T([] {});
  if (Jobs.empty())
    return -1;
  T.join();
  return 0;
}
