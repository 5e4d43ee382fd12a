#include "worker.h"

#include <stdexcept>
#include <thread>

int runJob(const Job &job) {
  int result = 0;
  std::thread helper([&result, &job] { result = job.weight * 2; });
  if (job.weight < 0)
    return -1; // 'helper' is still joinable: std::terminate
  helper.join();
  return result;
}
