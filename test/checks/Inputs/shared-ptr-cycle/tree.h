#pragma once
#include <memory>
#include <vector>

// A cycle declared in a header: reported once, at the header, without a
// fix (other translation units may use the public member).
struct HNode {
  std::shared_ptr<HNode> parent;
  std::vector<std::shared_ptr<HNode>> children;
};
