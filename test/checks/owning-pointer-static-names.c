// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -x c -std=c11
// A `static` function is the program's own, whatever its name: an arena's
// `malloc` or a device's `fopen` in a file that includes neither <stdlib.h>
// nor <stdio.h> acquires nothing the C library would release.
typedef unsigned long size_t;
int puts(const char *s);
char *strcpy(char *dst, const char *src);

struct arena {
  unsigned char buf[256];
  size_t used;
};

static void *malloc(struct arena *a, size_t n) {
  void *p = a->buf + a->used;
  a->used += n;
  return p;
}

struct dev {
  int open;
};

static struct dev *fopen(struct dev *d, const char *mode) {
  d->open = mode[0] == 'r';
  return d;
}

void useArena(void) {
  struct arena a;
  char *data;
  a.used = 0;
  data = (char *)malloc(&a, 16);
  strcpy(data, "x");
  puts(data);
}

void useDevice(struct dev *d) {
  struct dev *f = fopen(d, "r");
  puts(f->open ? "open" : "closed");
}

// The C library's own name, declared as the library declares it, still is.
void *calloc(size_t n, size_t size);
void leakCalloc(void) {
  char *p = calloc(1, 16);
  puts(p);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'calloc' is leaked when 'p' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:13: note: memory is allocated here
