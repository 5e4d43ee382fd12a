class Store {
public:
  Store();
  char *take(int n);
  void give(char *p);

private:
  int count_;
  const char *name_;
};
