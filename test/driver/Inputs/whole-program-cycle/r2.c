char *err_new(void);

int r2(void) {
  char *e = err_new();
  return e != 0;
}
