// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -x c -std=gnu11
// RUN: rm -f %t.summaries.json
// RUN: %leaklint --checks=-*,leaklint-owning-pointer --quiet --config="{CheckOptions: {leaklint-owning-pointer.ExportSummaries: '%t.summaries.json'}}" %s -- -x c -std=gnu11 > /dev/null || true
// RUN: FileCheck --check-prefix=SUMMARY %s < %t.summaries.json
#define _GNU_SOURCE // asprintf
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

struct node {
  struct node *next;
  char *name;
};

static int helperReturnsFive(void) { return 5; }
static void freeNode(struct node *n) {
  free(n->name);
  free(n);
}
// SUMMARY-DAG: {"complete":true,"function":"helperReturnsFive","mayThrow":false,"params":[],"returnsConstant":5,"this":"read","throwsItself":false,"usr":"c:{{.*}}@F@helperReturnsFive","writesGlobals":[],"writesUnknownGlobals":false}
// SUMMARY-DAG: "function":"freeNode","mayThrow":false,"params":["released"]
// SUMMARY-DAG: "function":"newNode",{{.*}}"returnsAcquirer":"malloc"

static struct node *newNode(const char *name) {
  struct node *n = malloc(sizeof *n);
  if (!n)
    return NULL;
  n->next = NULL;
  n->name = strdup(name);
  return n;
}

void listLeak(void) {
  struct node *n = newNode("a");
  if (n)
    printf("%s\n", n->name);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'newNode' is leaked when 'n' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:20: note: memory is allocated here
// CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'n' is non-null

void listFreed(void) {
  struct node *n = newNode("a");
  if (n)
    freeNode(n); // no warning
}

void dirLeak(const char *path) {
  DIR *d = opendir(path);
  if (d == NULL)
    return;
  readdir(d);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: directory stream opened by 'opendir' is leaked when 'd' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-6]]:12: note: directory stream is opened here
// CHECK-MESSAGES: :[[@LINE-6]]:7: note: assuming 'd' is non-null

void socketLeak(void) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0)
    return;
  if (helperReturnsFive() == 5)
    return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: file descriptor opened by 'socket' is leaked on this early return [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-6]]:11: note: file descriptor is opened here
    // CHECK-MESSAGES: :[[@LINE-6]]:7: note: assuming 's' is valid
  close(s); // unreachable: the helper always returns 5
}

void mmapLeak(size_t len) {
  void *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    return;
  memset(p, 0, 1);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory mapped by 'mmap' is leaked when 'p' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-6]]:13: note: memory is mapped here
// CHECK-MESSAGES: :[[@LINE-6]]:7: note: assuming 'p' is valid

void mmapUnmapped(size_t len) {
  void *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    return;
  munmap(p, len); // no warning
}

void *allocaIsNotOwned(void) {
  char buf[16];
  char *p = buf; // no warning: not an acquisition
  return p == NULL ? NULL : (void *)0;
}

struct node *global_head;
void pushGlobal(const char *name) {
  struct node *n = newNode(name);
  if (!n)
    return;
  n->next = global_head;
  global_head = n; // no warning: a global keeps it
}

// One finding per realloc statement, though the block it may lose comes
// from the calloc on the first iteration and from itself on the others.
char *concatLines(FILE *In) {
  char *Data = calloc(1, 1);
  char Buf[64];
  if (!Data)
    return NULL;
  while (fgets(Buf, sizeof Buf, In)) {
    size_t N = strlen(Data);
    if ((Data = realloc(Data, N + strlen(Buf) + 1)) == NULL)
      // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Data' is overwritten by the result of 'realloc': memory allocated by 'calloc' is leaked if 'realloc' fails [leaklint-owning-pointer]
      // CHECK-MESSAGES: :[[@LINE-8]]:16: note: memory is allocated here
      return NULL;
    strcat(Data, Buf);
  }
  return Data;
}

// Allocated through an out-parameter.
int countLines(FILE *F) {
  char *Line = NULL;
  size_t Cap = 0;
  int N = 0;
  while (getline(&Line, &Cap, F) != -1) // no warning: grown, then freed below
    ++N;
  free(Line);
  return N;
}
int firstLineLength(FILE *F) {
  char *Line = NULL;
  size_t Cap = 0;
  if (getline(&Line, &Cap, F) == -1)
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'getline' is leaked on this early return [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: memory is allocated here
  int N = (int)Cap;
  free(Line);
  return N;
}
char *greeting(const char *Who) {
  char *S;
  if (asprintf(&S, "hello %s", Who) < 0)
    return NULL; // no warning: nothing was allocated
  return S;
}
void sayHello(const char *Who) {
  char *S;
  if (asprintf(&S, "hello %s", Who) == -1)
    return;
  puts(S);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'asprintf' is leaked when 'S' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:7: note: memory is allocated here
// CHECK-MESSAGES: :[[@LINE-6]]:7: note: assuming 'asprintf(&S, "hello %s", Who)' is valid
void *alignedBlock(size_t N) {
  void *P;
  if (posix_memalign(&P, 64, N) != 0)
    return NULL; // no warning: nothing was allocated
  return P;
}
// The block tested where it was delivered is the block, not the status
// the call returned, even after that status is gone.
int alignedScratch(size_t N) {
  void *P = NULL;
  int Rv = posix_memalign(&P, 64, N);
  if (Rv == 0)
    N = 1;
  Rv = 7;
  if (P)
    free(P); // no warning: `P` is the block, non-null when it succeeded
  return Rv + (int)N;
}
void greetInto(char **Out, const char *Who) {
  asprintf(Out, "hi %s", Who); // no warning: the caller's pointer holds it
}
void readAll(const char *Path) {
  FILE *F = fopen(Path, "r");
  if (!F)
    return;
  char *Line = NULL;
  size_t Cap = 0;
  while (getline(&Line, &Cap, F) != -1) // reads F: F is still ours
    puts(Line);
  free(Line);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: file opened by 'fopen' is leaked when 'F' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-10]]:13: note: file is opened here
// CHECK-MESSAGES: :[[@LINE-10]]:7: note: assuming 'F' is non-null

// The same through blocks the function does not own itself.
struct Buffer {
  size_t Len;
  char *Alloc;
  char *Data;
};
int growBuffer(struct Buffer *Self, size_t N) {
  Self->Alloc = Self->Data = realloc(Self->Alloc, N + 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Self->Alloc' is overwritten by the result of 'realloc': the block it held is leaked if 'realloc' fails [leaklint-owning-pointer]
  return Self->Alloc ? 0 : -1;
}
void growString(char **S, size_t N) {
  *S = realloc(*S, N);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: '*S' is overwritten by the result of 'realloc': the block it held is leaked if 'realloc' fails [leaklint-owning-pointer]
}
// A helper of the file whose every caller hands it a pointer still null
// loses nothing when realloc fails; one that may be given a block does.
static void growFromNull(char **S, size_t N) {
  *S = realloc(*S, N); // no warning: every caller passes a null pointer
}
static void growInLoop(char **S, size_t N) {
  *S = realloc(*S, N);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: '*S' is overwritten by the result of 'realloc': the block it held is leaked if 'realloc' fails [leaklint-owning-pointer]
}
size_t useGrowers(size_t N) {
  char *First = NULL;
  growFromNull(&First, N);
  size_t Len = First ? strlen(First) : 0;
  free(First);
  char *Again = NULL;
  growFromNull(&Again, N);
  free(Again);
  char *Grown = NULL;
  for (size_t I = 1; I < N; I *= 2)
    growInLoop(&Grown, I); // the second turn passes the first turn's block
  free(Grown);
  return Len;
}
// A pointer declared in a for's init is null on the first turn only.
static void growAcrossTurns(char **S, size_t N) {
  *S = realloc(*S, N);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: '*S' is overwritten by the result of 'realloc': the block it held is leaked if 'realloc' fails [leaklint-owning-pointer]
}
size_t readChunks(size_t N) {
  size_t Len = 0;
  for (char *Buf = NULL; Len < N; Len += 8) {
    growAcrossTurns(&Buf, Len + 8);
    if (!Buf)
      break;
    if (Len + 8 >= N) {
      free(Buf);
      break;
    }
  }
  return Len;
}
int growSafely(struct Buffer *Self, size_t N) {
  char *Grown = realloc(Self->Alloc, N + 1); // no warning: the old block survives a failure
  if (!Grown)
    return -1;
  Self->Alloc = Self->Data = Grown;
  return 0;
}

// A failed realloc moves nothing: the old block is still the caller's.
int appendFailed(const char *Text) {
  char *Data = malloc(16);
  if (!Data)
    return -1;
  char *Grown = realloc(Data, strlen(Text) + 16);
  if (!Grown)
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-7]]:16: note: memory is allocated here
    // CHECK-MESSAGES: :[[@LINE-7]]:7: note: assuming 'Data' is non-null
    // CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'Grown' is null
  strcpy(Grown, Text);
  free(Grown);
  return 0;
}
int appendFreesOnFailure(const char *Text) {
  char *Data = malloc(16);
  if (!Data)
    return -1;
  char *Grown = realloc(Data, strlen(Text) + 16);
  if (!Grown) {
    free(Data); // no warning: released once, the block realloc left
    return -1;
  }
  strcpy(Grown, Text);
  free(Grown);
  return 0;
}

// mmap reads the descriptor it is given: the descriptor is still ours.
int mapFile(const char *Path, size_t N) {
  int Fd = open(Path, O_RDONLY);
  if (Fd < 0)
    return -1;
  void *Map = mmap(NULL, N, PROT_READ, MAP_PRIVATE, Fd, 0);
  if (Map == MAP_FAILED)
    return -2;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: file descriptor opened by 'open' is leaked on this early return [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-7]]:12: note: file descriptor is opened here
  close(Fd);
  munmap(Map, N);
  return 0;
}

// Data given with its destroy notification (gdk_pixbuf_new_from_data,
// g_bytes_new_with_free_func): the callee takes it over, even as a const
// pointer, and releases it when it is done.
typedef void (*pixels_destroy_fn)(unsigned char *pixels, void *closure);
struct image;
struct image *image_new_from_data(const unsigned char *data, int width,
                                  pixels_destroy_fn destroy, void *closure);
static void free_pixels(unsigned char *pixels, void *closure) {
  (void)closure;
  free(pixels);
}

struct image *imageTakesPixels(int width) {
  unsigned char *buf = malloc(width);
  if (!buf)
    return NULL;
  return image_new_from_data(buf, width, free_pixels, NULL);
}

struct image *imageBorrowsPixels(int width) {
  unsigned char *buf = malloc(width);
  if (!buf)
    return NULL;
  struct image *im = image_new_from_data(buf, width, NULL, NULL);
  return im;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'malloc' is leaked when 'buf' goes out of scope [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-6]]:24: note: memory is allocated here
}

// execv returns only when it failed: the child below never gets past it
// with the copy still owned.
int execv(const char *path, char *const argv[]);
void _exit(int status) __attribute__((noreturn));
void runInChild(const char *shell, const char *cmd) {
  char *argv[4];
  argv[0] = (char *)shell;
  argv[1] = (char *)"-c";
  argv[2] = strdup(cmd);
  argv[3] = NULL;
  int rc = execv(argv[0], argv);
  if (rc == -1)
    _exit(1);
}

// The same question asked twice (a function that writes nothing it is
// given, with the same variable and constants) has the same answer until
// the variable is written: the second test does not undo the first.
int loadFile(const char *filename) {
  FILE *f = stdin;
  if (strcmp(filename, "-") != 0) {
    f = fopen(filename, "r");
    if (f == NULL)
      return -1;
  }
  fgetc(f);
  if (strcmp(filename, "-") == 0)
    return 0;
  fclose(f);
  return 0;
}

int loadFileOtherQuestion(const char *filename) {
  FILE *f = stdin;
  if (strcmp(filename, "-") != 0) {
    f = fopen(filename, "r");
    if (f == NULL)
      return -1;
  }
  fgetc(f);
  if (strcmp(filename, "+") == 0)
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: file opened by 'fopen' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-8]]:9: note: file is opened here
  fclose(f);
  return 0;
}

int loadFileMoved(const char *filename, const char *other) {
  FILE *f = stdin;
  if (strcmp(filename, "-") != 0) {
    f = fopen(filename, "r");
    if (f == NULL)
      return -1;
  }
  fgetc(f);
  filename = other;
  if (strcmp(filename, "-") == 0)
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: file opened by 'fopen' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-9]]:9: note: file is opened here
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming 'strcmp(filename, "-")' is 0
  fclose(f);
  return 0;
}

// A string equals one text at most: found to be "r", it is not "w", until
// something is stored through a pointer.
int openMode(const char *mode, FILE **out) {
  FILE *f = NULL;
  if (strcmp(mode, "r") == 0)
    f = fopen("in", "r");
  if (!strcmp(mode, "w"))
    f = fopen("out", "w"); // no warning: a mode of "r" is not "w"
  *out = f;
  return 0;
}

int openModeWritten(char *mode, FILE **out) {
  FILE *f = NULL;
  if (strcmp(mode, "r") == 0)
    f = fopen("in", "r");
  mode[0] = 'w';
  if (!strcmp(mode, "w"))
    f = fopen("out", "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'f' is overwritten while it still owns file opened by 'fopen' [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-5]]:9: note: file is opened here
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: assuming the condition is true
  *out = f;
  return 0;
}

// A GNU statement expression's value is its last statement's, which
// outlives the locals of its braces.
void statementExpression(void) {
  char *data = ({
    char *tmp = malloc(16);
    tmp;
  });
  if (data == NULL)
    return;
  strcpy(data, "x");
  free(data);
}

void statementExpressionLeak(void) {
  char *data = ({
    char *tmp = malloc(16);
    tmp;
  });
  if (data == NULL)
    return;
  strcpy(data, "x");
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'data' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-8]]:17: note: memory is allocated here

// A stream keeps the buffer setvbuf gives it until it is closed: stdout's
// until the process exits; one the function opened lends it back at fclose.
void bufferStdout(void) {
  char *buf = malloc(BUFSIZ);
  if (buf == NULL)
    return;
  setvbuf(stdout, buf, _IOFBF, BUFSIZ);
}

void bufferOwnStream(const char *path) {
  char *buf = malloc(BUFSIZ);
  if (buf == NULL)
    return;
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    free(buf);
    return;
  }
  setvbuf(f, buf, _IOFBF, BUFSIZ);
  fputs("x", f);
  fclose(f);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'buf' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-13]]:15: note: memory is allocated here

// An array member of a block points into the block: returning it returns
// the block, and `p - offsetof(...)` gets it back.
struct packet {
  int header;
  char payload[32];
};

static char *payloadNew(void) {
  struct packet *n = malloc(sizeof *n);
  if (n == NULL)
    return NULL;
  n->header = 1;
  return n->payload;
}

static void payloadFree(char *payload) {
  free(payload - __builtin_offsetof(struct packet, payload));
}

void usePayload(void) {
  char *p = payloadNew();
  if (p == NULL)
    return;
  strcpy(p, "x");
  payloadFree(p);
}

void leakPayload(void) {
  char *p = payloadNew();
  if (p == NULL)
    return;
  strcpy(p, "x");
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'payloadNew' is leaked when 'p' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-6]]:13: note: memory is allocated here

// A local array of structs given as `const struct slot *`: the callee
// releases what an element holds.
struct slot {
  int id;
  char *res;
};

static void releaseSecond(const struct slot *items) {
  free(items[1].res);
}

void arrayOfStructs(void) {
  struct slot items[4];
  items[1].res = malloc(4);
  releaseSecond(items);
}

// What a pointer points to, tested twice, is the same until the pointer
// moves or something is stored through a pointer: `*c == '%'` picks the
// block to grow, then says where the grown block goes.
struct entity_root {
  char **entities;
};
void grow_entities(struct entity_root *root, const char *c, int more) {
  char **pre = malloc(16), **entities;
  if (!pre)
    return;
  while (more--) {
    entities = (*c == '%') ? pre : root->entities;
    char **grown = realloc(entities, 32);
    if (!grown)
      abort();
    if (*c == '%')
      pre = grown; // no warning: the block it held was the one grown
    else
      root->entities = grown;
    c++;
  }
  free(pre);
}

// A pointer copied byte for byte into another local is in both.
void copy_pointer_bytes(void) {
  int *data = calloc(4, sizeof(int));
  int *copy;
  memcpy(&copy, &data, sizeof(data));
  if (copy == NULL)
    return;
  copy[0] = 5;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'calloc' is leaked when 'data' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-8]]:15: note: memory is allocated here
// CHECK-MESSAGES: :[[@LINE-6]]:7: note: assuming 'copy' is non-null

// A callee given `&data` as `void *`: what it reads through its own typed
// copy of the pointer is the caller's block; whether it keeps it depends
// on what it does with it, and on whether it copies the bytes.
static void use_through_void(void *arg) {
  int **pp = (int **)arg;
  int *data = *pp;
  if (data != NULL)
    data[0] = 1;
}
static void free_through_void(void *arg) {
  int **pp = (int **)arg;
  free(*pp);
}
struct slot_table {
  char slots[4][sizeof(void *)];
  int n;
};
static void store_bytes(struct slot_table *t, const void *elem) {
  memcpy(t->slots[t->n++], elem, sizeof(void *));
}
void void_sinks(struct slot_table *t) {
  int *a = malloc(sizeof(int));
  use_through_void(&a);
  int *b = malloc(sizeof(int));
  free_through_void(&b); // no warning: released there
  int *c = malloc(sizeof(int));
  store_bytes(t, &c); // no warning: its bytes are kept in the table
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'a' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-8]]:12: note: memory is allocated here

// An allocator called through a pointer to it.
void through_allocator_pointer(void) {
  void *(*alloc_fn)(size_t, size_t) = calloc;
  int *data = alloc_fn(10, sizeof(int));
  if (data == NULL)
    return;
  data[0] = 1;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'calloc' is leaked when 'data' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-6]]:15: note: memory is allocated here
// CHECK-MESSAGES: :[[@LINE-6]]:7: note: assuming 'data' is non-null

// One variable tested against two constants: the range the path knows
// decides the second test (`level > 1` after `level > 0` leaves level 1).
extern const int open_level;
void opened_at_level(void) {
  FILE *f = NULL;
  if (open_level > 0)
    f = fopen("level.txt", "r");
  puts("between");
  if (open_level > 1) {
    if (f)
      fclose(f);
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: file opened by 'fopen' is leaked when 'f' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-8]]:9: note: file is opened here
// CHECK-MESSAGES: :[[@LINE-7]]:7: note: assuming 'open_level' is <= 1

void freed_at_lower_level(int n) {
  char *p = NULL;
  if (n >= 2)
    p = malloc(4);
  if (n > 1)
    free(p); // no warning: n >= 2 is n > 1
  char *q = NULL;
  if (n == 3)
    q = malloc(4);
  if (n > 2)
    free(q); // no warning: n == 3 is n > 2
}

// ---- a number read through a parameter is not the pointer: given to code
// that may keep it, it is the caller's descriptor behind `&fd` that escapes,
// not the block a pointer points to.
void print_int_line(int value); // another TU's

static void show_value(int *d) { print_int_line(*d); }
// SUMMARY-DAG: "function":"show_value",{{.*}}"params":["read"],"pointeeEscapes":[0]

void read_through_helper(void) {
  int *data = malloc(sizeof *data);
  if (data == NULL)
    return;
  *data = 5;
  show_value(data);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'data' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-7]]:15: note: memory is allocated here
// CHECK-MESSAGES: :[[@LINE-7]]:7: note: assuming 'data' is non-null

void descriptor_through_helper(void) {
  int fd = open("/dev/null", O_RDONLY);
  if (fd < 0)
    return;
  show_value(&fd); // no warning: 'print_int_line' may keep the descriptor
}

struct conn { int fd; char *name; };
static void show_conn(struct conn *c) { print_int_line(c->fd); }

void block_through_helper(void) {
  struct conn *c = malloc(sizeof *c);
  if (c == NULL)
    return;
  c->fd = socket(AF_INET, SOCK_STREAM, 0);
  show_conn(c);
  free(c); // no warning for 'c->fd': 'print_int_line' may keep it
}

// ---- a helper that frees a field of the struct it is given (`free(r->line)`)
// says nothing of how the caller releases what the other fields hold: no
// mismatch for the file in 'rd.f', the struct's first field.
struct reader { FILE *f; char *line; };
static int next_char(void *p) {
  struct reader *r = (struct reader *)p;
  if (r->line != NULL) {
    free(r->line);
    r->line = NULL;
  }
  return fgetc(r->f);
}
// SUMMARY-DAG: "function":"next_char",{{.*}}"params":["released"],"this"

int read_first(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    return -1;
  struct reader rd;
  rd.f = f;
  rd.line = NULL;
  int c = next_char(&rd); // no warning: 'next_char' frees 'line', not 'f'
  fclose(f);
  return c;
}

// ---- a helper that grows the caller's buffer in place (`*buf =
// xrealloc(*buf, n)`) and delivers the new block through `buf`, called with
// a constant length: its guard against overflow, `SIZE_MAX - 1 - addlen`,
// is no known number (not the signed -3), so the summary for that call
// still releases the old block and delivers the new one (tmux's
// yylex_append, C51).
static void *grow_or_die(void *p, size_t n) {
  void *q = realloc(p, n);
  if (q == NULL)
    abort();
  return q;
}

static void append_bytes(char **buf, size_t *len, const char *add,
                         size_t addlen) {
  if (addlen > SIZE_MAX - 1 || *len > SIZE_MAX - 1 - addlen)
    abort();
  *buf = grow_or_die(*buf, *len + 1 + addlen);
  memcpy(*buf + *len, add, addlen);
  *len += addlen;
}

char *read_token(void) {
  size_t len = 0;
  char *buf = malloc(1);
  if (buf == NULL)
    return NULL;
  int ch;
  while ((ch = getchar()) != EOF && ch != ' ') {
    char c = (char)ch;
    append_bytes(&buf, &len, &c, 1); // no warning: the old block is released
  }
  buf[len] = '\0';
  return buf;
}

// A table of constructors picked by a kind (Simon Tatham's puzzles'
// `grid_news[type](w, h, desc)`): a static table that the TU only reads,
// every entry of which returns a fresh block, makes the call a factory.
typedef struct grid {
  int faces;
} grid;
static grid *grid_empty(void) {
  grid *g = malloc(sizeof *g);
  if (!g)
    abort();
  g->faces = 0;
  return g;
}
static grid *grid_new_square(int w) {
  grid *g = grid_empty();
  g->faces = w * w;
  return g;
}
static grid *grid_new_hex(int w) {
  grid *g = grid_empty();
  g->faces = 3 * w;
  return g;
}
static grid *(*grid_news[])(int) = {grid_new_square, &grid_new_hex};
grid *grid_new(int type, int w) { return grid_news[type](w); }
int validate_grid(int type, int w, int faces) {
  grid *g = grid_new(type, w);
  if (g->faces != faces)
    return 1;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'grid_new' is leaked on this early return [leaklint-owning-pointer]
  free(g);
  return 0;
}
// An entry that returns what is not fresh (a shared grid), or a table the
// TU writes into: the call is not a factory.
static grid shared_grid;
static grid *grid_shared(int w) {
  (void)w;
  return &shared_grid;
}
static grid *(*grid_mixed[])(int) = {grid_new_square, grid_shared};
int validate_mixed(int type, int w, int faces) {
  grid *g = grid_mixed[type](w);
  if (g->faces != faces)
    return 1; // no warning: 'g' may be the shared grid
  return 0;
}
static grid *(*grid_hooks[])(int) = {grid_new_square, grid_new_hex};
void set_grid_hook(int type, grid *(*make)(int)) { grid_hooks[type] = make; }
int validate_hooked(int type, int w, int faces) {
  grid *g = grid_hooks[type](w);
  if (g->faces != faces)
    return 1; // no warning: the table holds what a caller gave
  return 0;
}

// -------- A comparator called through a pointer (libxml2's list.c keeps
// one to order its elements): `int (*)(const void *, const void *)` only
// reads what both point to, so a search hands nothing off. Another
// `const void *` callback may keep it (a key of a registry).
typedef int (*compare_fn)(const void *a, const void *b);
typedef int (*keep_fn)(const void *key, void *value);
struct slink { struct slink *next; void *data; };
struct slist { struct slink *head; compare_fn cmp; keep_fn keep; };
static struct slink *slink_search(struct slist *l, void *data) {
  for (struct slink *lk = l->head; lk != NULL; lk = lk->next)
    if (l->cmp(lk->data, data) == 0)
      return lk;
  return NULL;
}
void *slist_search(struct slist *l, void *data) {
  struct slink *lk = slink_search(l, data);
  return lk ? lk->data : NULL;
}
struct nsentry { char *prefix; const char *uri; };
int push_namespace(struct slist *stack, const char *prefix, const char *uri) {
  struct nsentry e, *found;
  char *buf = strdup(prefix);
  if (buf == NULL)
    return -1;
  e.prefix = buf;
  e.uri = uri;
  found = slist_search(stack, &e);
  if (found != NULL) {
    free(buf);
    return 0;
  }
  struct nsentry *p = malloc(sizeof *p);
  if (p == NULL)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'strdup' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-14]]:15: note: memory is allocated here
  // CHECK-MESSAGES: :[[@LINE-14]]:7: note: assuming 'buf' is non-null
  // CHECK-MESSAGES: :[[@LINE-10]]:7: note: assuming 'found' is null
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: assuming 'p' is null
  p->prefix = buf;
  p->uri = uri;
  free(p->prefix);
  free(p);
  return 0;
}
int keep_key(struct slist *l, const char *name) {
  char *key = strdup(name);
  if (key == NULL)
    return -1;
  if (l->keep(key, NULL) != 0)
    return -1; // no warning: the callback may keep its key
  return 0;
}
// What a parameter's block holds, handed on, is not the block: a callee
// that gives `c->buf` to code it cannot see lets the buffer go, not `c`.
struct link_conn { char *buf; int fd; };
void link_keep_buffer(char *buf);
static int link_start(struct link_conn *c) {
  link_keep_buffer(c->buf);
  return c->fd < 0 ? -1 : 0;
}
int link_open(int fd) {
  struct link_conn *c = malloc(sizeof *c);
  if (c == NULL)
    return -1;
  c->buf = NULL;
  c->fd = fd;
  if (link_start(c) < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-8]]:25: note: memory is allocated here
  free(c);
  return 0;
}
// SUMMARY-DAG: "function":"link_start",{{.*}}"params":["read"],"pointeeEscapes":[0]
// A block acquired on this path is no part of an object that existed
// before it (`buffer == &side->header`, `side` a copy of a parameter).
typedef struct { int pos; } rd_buffer;
typedef struct { rd_buffer header; rd_buffer *current; int got; int closed; } rd_side;
void rd_keep(rd_buffer *b);
void rd_read(void *user_data) {
  rd_side *side = user_data;
  rd_buffer *buffer;
  while (!side->closed) {
    if (!side->got)
      buffer = calloc(1, sizeof *buffer); // no warning: kept, or not fresh
    else
      buffer = side->current;
    if (buffer == NULL)
      return;
    buffer->pos = 1;
    if (buffer == &side->header) {
      side->closed = 1;
    } else {
      rd_keep(buffer);
      side->current = &side->header;
    }
  }
}
// SUMMARY-DAG: "function":"slist_search"{{.*}}"params":["read","read"]

// A flag the function never writes still decides, after a loop whose
// turns the walk stopped telling apart, what it decided before it: the
// pipe `popen` opened goes to `pclose`, the other one to its own closer.
static int as_user;
FILE *popen_as_user(const char *command);
int pclose_as_user(FILE *f) { return fclose(f); }
void note_line(const char *line, int kind);
#define READ_LINES(f)                                                          \
  char line[256];                                                              \
  while (fgets(line, sizeof line, f)) {                                        \
    if (quiet) note_line(line, 1);                                             \
    if (verbose) note_line(line, 2);                                           \
    if (strict) note_line(line, 3);                                            \
    if (trace) note_line(line, 4);                                             \
    if (color) note_line(line, 5);                                             \
    if (wide) note_line(line, 6);                                              \
    if (raw) note_line(line, 7);                                               \
  }
void run_command(const char *command, int quiet, int verbose, int strict,
                 int trace, int color, int wide, int raw) {
  FILE *f;
  if (as_user)
    f = popen_as_user(command);
  else
    f = popen(command, "r");
  if (!f)
    return;
  READ_LINES(f)
  if (as_user)
    pclose_as_user(f); // no warning: only what popen_as_user opened
  else
    pclose(f);
}
void run_command_swapped(const char *command, int quiet, int verbose,
                         int strict, int trace, int color, int wide, int raw) {
  FILE *f = as_user ? popen_as_user(command) : popen(command, "r");
  if (f == NULL)
    return;
  READ_LINES(f)
  if (as_user)
    pclose(f);
  else
    pclose_as_user(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: pipe opened by 'popen' is released with 'fclose' by 'pclose_as_user' instead of 'pclose' [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-9]]:48: note: pipe is opened here
}

// A pointer read through a parameter and returned (`g->dots + n`, an
// element of the array the board holds) is no alias of the parameter: the
// caller that hands it on keeps its board, a fresh block still.
typedef struct { int x, y; } board_dot;
typedef struct { int num_dots; board_dot *dots; } board;
static board_dot *board_dot_add(board *g, int x, int y) {
  board_dot *d = g->dots + g->num_dots;
  d->x = x;
  d->y = y;
  g->num_dots++;
  return d;
}
// SUMMARY-DAG: "function":"board_dot_add","mayThrow":false,"params":["read","escapes","escapes"],"pointeeEscapes":[0],"this"
void index_dot(board_dot *d);
static board *board_square(int n) {
  board *g = malloc(sizeof *g);
  if (!g)
    return NULL;
  g->dots = calloc(n, sizeof(board_dot));
  g->num_dots = 0;
  for (int i = 0; i < n; i++)
    index_dot(board_dot_add(g, i, i));
  return g;
}
int board_check(int n, const char *desc) {
  board *g = board_square(n);
  if (!g)
    return -1;
  if (*desc == '!')
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'board_square' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-6]]:14: note: memory is allocated here
  free(g->dots);
  free(g);
  return 0;
}

// The same through a typed copy of a `void *` parameter (a callback's
// `struct pipe_ctx *ctx = opaque;`): handing on `ctx->buf` hands on what
// the caller's block holds, not the block.
struct pipe_ctx { char *buf; int n; };
void queue_buffer(char *b);
static void flush_ctx(void *opaque) {
  struct pipe_ctx *ctx = opaque;
  queue_buffer(ctx->buf);
}
// SUMMARY-DAG: "function":"flush_ctx","mayThrow":false,"params":["read"],"pointeeEscapes":[0]
int run_ctx(int n) {
  struct pipe_ctx *ctx = malloc(sizeof *ctx);
  if (!ctx)
    return -1;
  ctx->buf = NULL;
  flush_ctx(ctx);
  if (n < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'malloc' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-8]]:26: note: memory is allocated here
  free(ctx);
  return 0;
}

// A count the loop sets once (`if (cnt < 0) { cnt = list.count; groups =
// malloc(..); }`) is not unset again on a later turn, however many paths
// the turns take: what a loop does not write keeps its facts past it.
typedef struct { void *items; size_t count; } id_list;
int user_groups(const char *user, id_list *out);
const char *group_name(unsigned gid);
int wildmatch(const char *pattern, const char *text);
int match_groups(char *line, const char *user) {
  const char **groups = NULL;
  int groups_cnt = -1, found = -1;
  for (char *tok = strtok(line, " "); tok; tok = strtok(NULL, " ")) {
    int opt = 0, neg = 0, wide = 0, raw = 0;
    if (tok[0] == '-') { neg = 1; tok++; }
    if (tok[0] == '+') { wide = 1; tok++; }
    if (tok[0] == ':') { raw = 1; tok++; }
    if (tok[0] == 'd' && tok[1] == ':') { opt = 'd'; tok += 2; }
    else if (tok[0] == 'r' && tok[1] == ':') { opt = 'r'; tok += 2; }
    if (*tok != '@')
      continue;
    if (groups_cnt < 0) {
      id_list gids = {NULL, 0};
      if (user_groups(user, &gids) != 0)
        groups_cnt = 0;
      else {
        unsigned *ids = gids.items;
        groups_cnt = gids.count;
        groups = malloc(groups_cnt * sizeof *groups); // no warning: once
        for (int j = 0; j < groups_cnt; j++)
          groups[j] = group_name(ids[j]);
      }
    }
    for (int j = 0; j < groups_cnt; j++) {
      if (groups[j] && wildmatch(tok + 1, groups[j])) {
        found = neg ? -2 - j : j;
        if (opt == 'd' || wide || raw)
          found = -1;
        break;
      }
    }
    if (found >= 0)
      break;
  }
  free(groups);
  return found;
}
// A count that may still be negative after it is set lets the next turn
// allocate again.
int count_groups_again(char *line, const char *user) {
  const char **groups = NULL;
  int groups_cnt = -1;
  for (char *tok = strtok(line, " "); tok; tok = strtok(NULL, " ")) {
    if (groups_cnt >= 0)
      continue;
    id_list gids = {NULL, 0};
    user_groups(user, &gids);
    groups_cnt = (int)gids.count - 1;
    groups = malloc((groups_cnt + 1) * sizeof *groups);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'groups' is overwritten while it still owns memory allocated by 'malloc' [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-2]]:14: note: memory is allocated here
  }
  free(groups);
  return groups_cnt;
}
