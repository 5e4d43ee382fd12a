// Needs Clang's builtin headers: neither glibc nor libstdc++ has stddef.h.
#include <stddef.h>

max_align_t Aligned;
size_t Size = sizeof(Aligned);
