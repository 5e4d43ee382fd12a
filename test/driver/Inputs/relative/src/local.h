// Found next to src/main.cpp: "src/local.h" to clang.
#pragma once
#include <memory>

struct Pet;
struct Owner {
  std::shared_ptr<Pet> pet;
};
struct Pet {
  std::shared_ptr<Owner> owner;
};

// The back edge is stored here (the type level needs a store in code the
// unit runs: src/main.cpp calls it).
inline void adopt(Pet &P, const std::shared_ptr<Owner> &O) { P.owner = O; }
