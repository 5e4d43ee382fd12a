"""Writes N types that all hold each other through containers of shared_ptr
(a recursive tree shape, not a cycle the check reports), and two that do
form a cycle: the number of cycle candidates grows exponentially with N."""
import sys

n = int(sys.argv[1])
print("#include <memory>\n#include <vector>")
for i in range(n):
    print("struct T%d;" % i)
for i in range(n):
    members = "".join("  std::vector<std::shared_ptr<T%d>> to%d;\n" % (j, j)
                      for j in range(n) if j != i)
    print("struct T%d {\n%s};" % (i, members))
print("""struct Child;
struct Parent {
  std::shared_ptr<Child> child;
};
struct Child {
  std::shared_ptr<Parent> parent;
};
void link(Child &c, const std::shared_ptr<Parent> &p) { c.parent = p; }""")
