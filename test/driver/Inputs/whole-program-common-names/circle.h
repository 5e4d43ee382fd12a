// One class's header, named as the file that defines its methods.
#include "shapes.h"
