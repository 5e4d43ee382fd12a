#include "names.h"

int total(const char *s) { return NAME_LEN(s) + 1; }
