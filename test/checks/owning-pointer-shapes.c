// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -x c -std=gnu11
// Shapes of C code that the engine's memory model and allocator model must
// read right, with the real system headers: where a block goes when it is
// given away (silent), and the allocators and releases it must know
// (reported). Each silent case has a leaking twin beside it.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void printLine(const char *s);
void registry_take(void **slot);
void *reallocf(void *p, size_t n);
char *_strdup(const char *s);

// A block given as `void *` to a function that casts it back and frees it.
static void finish(void *arg) {
  char *d = (char *)arg;
  strcpy(d, "x");
  free(d);
}

void freedThroughVoid(void) {
  char *p = malloc(8);
  if (!p)
    return;
  finish(p); // no warning
}

static void peek(void *arg) { printLine((const char *)arg); }

void readThroughVoid(void) {
  char *p = malloc(8);
  if (!p)
    return;
  strcpy(p, "x");
  peek(p);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'p' goes out of scope [leaklint-owning-pointer]

// The address of a field given to a function that takes what it holds.
struct holder {
  char *res;
  int size;
};

void fieldAddressTaken(void) {
  struct holder h;
  h.size = 1;
  h.res = malloc(8);
  if (!h.res)
    return;
  registry_take((void **)&h.res); // no warning
}

// A stream's buffer: the stream uses it until it is closed.
void streamBuffer(void) {
  char *buf = malloc(BUFSIZ);
  if (!buf)
    return;
  setbuf(stdout, buf); // no warning
}

// A block stored with the function that releases it, released through it.
struct res {
  void *ptr;
  void (*release)(void *);
};

static void drop(struct res *r) {
  r->release(r->ptr);
  r->ptr = NULL;
}

void freeCallback(void) {
  struct res r;
  char *p = malloc(8);
  if (!p)
    return;
  r.ptr = p;
  r.release = free;
  drop(&r); // no warning
}

// Interior pointers: a header before the block the caller sees.
static char *withHeader(void) {
  char *b = malloc(80);
  if (!b)
    return NULL;
  return b + 16; // no warning
}

static void freeWithHeader(char *p) { free(p - 16); }

void interiorPointer(void) {
  char *p = withHeader();
  if (!p)
    return;
  p[0] = 1;
  freeWithHeader(p); // no warning
}

// memset returns its first argument.
void *zeroed(size_t n) {
  void *p = malloc(n);
  if (!p)
    return NULL;
  return memset(p, 0, n); // no warning
}

void *zeroedLost(size_t n) {
  void *p = malloc(n);
  if (!p)
    return NULL;
  memset(p, 0, n);
  return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'malloc' is leaked when 'p' goes out of scope [leaklint-owning-pointer]
}

// GLib's g_autofree: a cleanup function that frees what the variable holds.
static void autoFree(void *p) { free(*(void **)p); }
#define auto_free __attribute__((cleanup(autoFree)))

int autoFreed(const char *s) {
  auto_free char *d = strdup(s);
  if (!d)
    return -1;
  if (d[0] == 'x')
    return -2; // no warning
  return 0;
}

// A constant declared elsewhere is the same value in both tests.
extern const int Level;

void sameConstant(void) {
  FILE *f = NULL;
  if (Level > 0)
    f = fopen("x", "r");
  printLine("between");
  if (Level > 0) {
    if (f)
      fclose(f); // no warning
  }
}

// A wrapper that frees only when its flag says so.
static void releaseIf(char *p, int really) {
  if (really)
    free(p);
}

void flagSaysKeep(void) {
  char *p = strdup("x");
  if (!p)
    return;
  releaseIf(p, 0);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'strdup' is leaked when 'p' goes out of scope [leaklint-owning-pointer]

void flagSaysFree(void) {
  char *p = strdup("x");
  if (!p)
    return;
  releaseIf(p, 1); // no warning
}

// reallocf (BSD) and _strdup (Windows) allocate.
void fromReallocf(void) {
  char *p = reallocf(NULL, 200);
  if (!p)
    return;
  p[0] = 1;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'reallocf' is leaked when 'p' goes out of scope [leaklint-owning-pointer]

void fromWindowsStrdup(void) {
  char *p = _strdup("x");
  if (!p)
    return;
  p[0] = 'y';
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by '_strdup' is leaked when 'p' goes out of scope [leaklint-owning-pointer]

// A buffer on the stack first, a heap block when it is too small: the block
// is never the array (`if (buf != staticbuf) free(buf);`, hiredis's
// sdscatvprintf).
void print_line(const char *s);
int grow_format(size_t need) {
  char staticbuf[64], *buf = staticbuf;
  size_t len = sizeof staticbuf;
  if (need > len) {
    buf = malloc(need);
    if (buf == NULL)
      return -1;
    len = need;
  }
  while (len < need + 16) {
    if (buf != staticbuf)
      free(buf);
    len *= 2;
    buf = malloc(len);
    if (buf == NULL)
      return -1; // no warning: the block before was freed
  }
  print_line(buf);
  if (buf != staticbuf)
    free(buf);
  return 0;
}

int grow_format_leaky(size_t need) {
  char staticbuf[64], *buf = staticbuf;
  size_t len = sizeof staticbuf;
  if (need > len) {
    buf = malloc(need);
    if (buf == NULL)
      return -1;
    len = need;
  }
  print_line(buf);
  if (buf == staticbuf)
    return 1;
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'malloc' is leaked when 'buf' goes out of scope [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-10]]:11: note: memory is allocated here
}

// `x != 0` of a truth value is the truth value: a project may define
// `if(x)` as `if ((x) != 0)` (discount's config.h).
#define IF_NONZERO(x) if ((x) != 0)
char *copy_checked(const char *s) {
  char *r = malloc(strlen(s) + 1);
  IF_NONZERO(r == NULL)
    return NULL; // no warning: r is null here
  IF_NONZERO(!r)
    return NULL; // no warning: r is null here
  strcpy(r, s);
  return r;
}

// A constant null pointer with a name (`static const FolderRef
// noFolderRef = 0;`) is null in comparisons.
#include <dirent.h>
typedef DIR *FolderRef;
static const FolderRef noFolderRef = 0;
int count_entries(const char *path) {
  FolderRef folder = opendir(path);
  if (folder == noFolderRef)
    return -1; // no warning: nothing was opened
  int n = 0;
  while (readdir(folder))
    n++;
  closedir(folder);
  return n;
}

// A buffer that records its capacity in the allocating expression and is
// freed when the capacity is not 0 (discount's Cstring): a leak there
// needs an allocation of nothing.
typedef struct { char *text; int size, alloc; } Cstring;
void cs_fill(Cstring *);
int cs_dump(char **res) {
  Cstring f;
  int size;
  f.text = NULL;
  f.size = f.alloc = 0;
  cs_fill(&f);
  if ((size = f.size) > 0) {
    f.text = f.text ? realloc(f.text, f.alloc += 100) : malloc(f.alloc += 100);
    if (f.text)
      f.text[f.size] = 0;
    *res = f.text ? strdup(f.text) : NULL;
  }
  if (f.alloc)
    free(f.text); // no warning: alloc is not 0 after the allocation
  return size;
}
int sized_copy(const char *s, size_t len) {
  size_t n;
  char *p = malloc(n = len + 1);
  if (!p)
    return -1;
  if (n > 64)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-6]]:13: note: memory is allocated here
  memcpy(p, s, len);
  free(p);
  return 0;
}
