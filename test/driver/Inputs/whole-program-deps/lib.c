#include <stdlib.h>
#include <string.h>
#include "names.h"

char *name_new(void) { return malloc(8); }

int name_len(const char *s) { return (int)strlen(s); }
