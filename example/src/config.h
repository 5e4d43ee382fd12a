#pragma once
#include <string>
#include <vector>

struct Config {
  std::vector<std::string> lines;
};

int loadConfig(const char *path, Config &config);
