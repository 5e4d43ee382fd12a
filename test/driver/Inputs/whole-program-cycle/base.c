#include <stdlib.h>

int r1_helper(void);

char *base_new(void) { return malloc(8); }

// Calls back into r1.c: base.c, err.c and r1.c wait for each other.
int base_check(void) { return r1_helper(); }
