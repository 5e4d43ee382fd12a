"""long_chains.py DIR: writes chain.c (a 3000-branch else-if chain whose
early returns leak), fixed.c (the same with the release before each
return) and switch.c (a 3000-case switch that releases after it)."""
import os
import sys

N = 3000
out = sys.argv[1]
HEAD = "#include <stdlib.h>\nint g(int);\nint f(int x) {\n  char *p = malloc(4);\n  int r = 0;\n  if (x < 0) r = g(0);\n"


def chain(path, ret):
    with open(os.path.join(out, path), "w") as f:
        f.write(HEAD)
        for i in range(N):
            f.write("  else if (x == %d) %s\n" % (i, ret % (i, i)))
        f.write("  free(p);\n  return r;\n}\n")


chain("chain.c", "return g(%d + %d);")
chain("fixed.c", "{ free(p); return g(%d + %d); }")
with open(os.path.join(out, "switch.c"), "w") as f:
    f.write(HEAD.replace("  if (x < 0) r = g(0);\n", "  switch (x) {\n"))
    for i in range(N):
        f.write("  case %d: r = g(%d); break;\n" % (i, i))
    f.write("  }\n  free(p);\n  return r;\n}\n")
