struct Base {
  explicit Base(char *name);
  char *name;
};
struct Derived : Base {
  Derived();
};
