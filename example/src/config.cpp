#include "config.h"

#include <cstdio>
#include <cstring>

// Reads "key=value" lines; returns the number of entries, or -1.
int loadConfig(const char *path, Config &config) {
  std::FILE *file = std::fopen(path, "r");
  if (!file)
    return -1;
  char *line = new char[256];
  int entries = 0;
  while (std::fgets(line, 256, file)) {
    if (line[0] == '#')
      continue;
    if (!std::strchr(line, '='))
      return -1; // leaks 'line' and 'file' on malformed input
    config.lines.push_back(line);
    ++entries;
  }
  delete[] line;
  std::fclose(file);
  return entries;
}
