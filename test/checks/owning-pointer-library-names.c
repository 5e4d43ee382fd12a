// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -x c -std=gnu11
// A function of the program that has a C library function's name but not
// its prototype is the program's own, `static` or not: an arena's
// `malloc(struct arena *, n)` acquires nothing that `free` would release.
// Clang knows the library's prototype (of strdup in the GNU modes only)
// and says which declaration fits.
struct arena;
void *malloc(struct arena *a, unsigned long n);
char *strdup(struct arena *a);
void *calloc(unsigned long n, unsigned long size);

void arenaBlocks(struct arena *a) {
  char *d = malloc(a, 16);
  char *s = strdup(a);
  d[0] = s[0]; // no warning
}

// The library's own prototype, declared by hand, is the library's.
void libraryBlock(void) {
  char *d = calloc(4, 4);
  if (!d)
    return;
  d[0] = 1;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'calloc' is leaked when 'd' goes out of scope [leaklint-owning-pointer]
