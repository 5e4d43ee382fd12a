struct Circle {
  char *make();
};
struct Square {
  char *make();
};
struct Line {
  char *make();
};
