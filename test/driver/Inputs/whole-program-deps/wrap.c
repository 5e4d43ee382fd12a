#include "names.h"

char *name_copy(void) { return NAME_NEW(); }
