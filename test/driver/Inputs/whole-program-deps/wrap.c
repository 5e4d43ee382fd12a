#include "names.h"

char *name_copy(void) { return name_new(); }
