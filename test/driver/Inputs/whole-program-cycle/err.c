char *base_new(void);

char *err_new(void) { return base_new(); }
