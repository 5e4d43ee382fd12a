// A header outside the directory leaklint runs from (a third-party header).
#pragma once
#include <memory>

struct Peer {
  std::shared_ptr<Peer> next;
  std::shared_ptr<Peer> prev;
};

inline void linkBack(Peer &p, const std::shared_ptr<Peer> &prev) { p.prev = prev; }
