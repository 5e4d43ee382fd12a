#include "names.h"

int total(const char *s) { return name_len(s) + 1; }
