char *err_new(void);

int r3(void) {
  char *e = err_new();
  return e != 0;
}
