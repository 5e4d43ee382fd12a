#include "events.h"

#include <cstdint>
#include <cstdio>
#include <vector>

void watchFrames(EventBus &bus) {
  std::vector<std::uint8_t> frame(4 << 20, 0);
  frame[0] = 1;
  // The bus keeps the handler, and with it a 4 MiB copy of 'frame', forever.
  bus.subscribe([frame] { std::printf("%zu\n", frame.size()); });
}
