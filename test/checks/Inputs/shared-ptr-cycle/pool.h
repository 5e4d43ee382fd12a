#pragma once
#include <cstddef>
#include <memory>
#include <vector>

// A tunnel keeps its pool through a setter defined in the header: the
// units that call the setter form the link, the others only see it.
struct Pool;
struct Tunnel {
  void setPool(std::shared_ptr<Pool> p) { pool_ = std::move(p); }
  std::shared_ptr<Pool> pool_;
};
struct Pool {
  std::vector<std::shared_ptr<Tunnel>> tunnels_;
};
