#include <stdlib.h>

static inline char *buf_new(size_t n) { return malloc(n); }
