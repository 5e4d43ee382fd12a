#include "scene.h"

std::shared_ptr<SceneNode> buildScene() {
  auto root = std::make_shared<SceneNode>();
  root->name = "root";
  auto child = std::make_shared<SceneNode>();
  child->name = "child";
  child->parent = root;
  root->children.push_back(child);
  return root;
}
