// Benchmark input for leaklint-shared-ptr-cycle (scripts/bench.py): many
// standard headers, a few hundred classes, some of them in cycles.
#include <algorithm>
#include <any>
#include <array>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <functional>
#include <future>
#include <iostream>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

#define CAT(a, b) a##b
#define FAMILY(N)                                                              \
  struct CAT(Child, N);                                                        \
  struct CAT(Parent, N) : std::enable_shared_from_this<CAT(Parent, N)> {       \
    std::vector<std::shared_ptr<CAT(Child, N)>> children;                      \
    std::map<std::string, std::function<void()>> handlers;                     \
    std::optional<std::pair<int, std::string>> tag;                            \
    void add(std::shared_ptr<CAT(Child, N)> c);                                \
    void watch() {                                                             \
      handlers["x"] = [w = weak_from_this()] { (void)w; };                     \
    }                                                                          \
  };                                                                           \
  struct CAT(Child, N) {                                                       \
    std::weak_ptr<CAT(Parent, N)> parent;                                      \
    std::unordered_map<int, std::vector<int>> data;                            \
    std::string name;                                                          \
  };                                                                           \
  inline void CAT(Parent, N)::add(std::shared_ptr<CAT(Child, N)> c) {          \
    c->parent = weak_from_this();                                              \
    children.push_back(std::move(c));                                          \
  }

#define TEN(N)                                                                 \
  FAMILY(N##0) FAMILY(N##1) FAMILY(N##2) FAMILY(N##3) FAMILY(N##4)             \
  FAMILY(N##5) FAMILY(N##6) FAMILY(N##7) FAMILY(N##8) FAMILY(N##9)

TEN(1) TEN(2) TEN(3) TEN(4) TEN(5) TEN(6) TEN(7) TEN(8) TEN(9) TEN(10)

template <class T> struct Tree {
  T value{};
  std::shared_ptr<Tree> parent;
  std::vector<std::shared_ptr<Tree>> children;
};
Tree<int> IntTree;
Tree<std::string> StringTree;

struct Session;
struct Connection {
  std::shared_ptr<Session> session;
};
struct Session : std::enable_shared_from_this<Session> {
  std::shared_ptr<Connection> conn;
  std::function<void()> on_close;
  void start() {
    on_close = [self = shared_from_this()] { (void)self; };
  }
};

int main() {
  std::vector<std::shared_ptr<Parent10>> all;
  std::regex r("a+b");
  std::cout << std::regex_match("aab", r) << "\n";
  return 0;
}
