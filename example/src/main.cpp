#include "config.h"
#include "events.h"
#include "scene.h"
#include "worker.h"

#include <cstdio>

int main(int argc, char **argv) {
  Config config;
  if (argc > 1 && loadConfig(argv[1], config) < 0)
    std::fprintf(stderr, "bad config\n");
  EventBus bus;
  watchFrames(bus);
  auto scene = buildScene();
  Job job;
  job.weight = argc;
  return runJob(job) < 0;
}
