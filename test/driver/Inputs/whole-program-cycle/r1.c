char *err_new(void);

int r1_helper(void) { return 1; }

int r1(void) {
  char *e = err_new();
  return e != 0;
}
