#pragma once
#include <memory>
#include <string>
#include <vector>

// A scene graph in which parents and children own each other.
struct SceneNode {
  std::string name;
  std::vector<std::shared_ptr<SceneNode>> children;
  std::shared_ptr<SceneNode> parent;
};

std::shared_ptr<SceneNode> buildScene();
