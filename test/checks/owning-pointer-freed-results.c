// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -x c -std=gnu11
//
// A call the engine knows nothing of (a callback of the application, a
// function of a library without a model) hands over a block when the
// function that makes it frees its result where nothing but a test of the
// pointer decides: libxml2's shell, `cmdline = ctxt->input(prompt)` ...
// `free(cmdline)`.
#include <stdlib.h>
#include <string.h>

struct shell {
  char *(*input)(const char *prompt);
  int commands;
};
char *read_line(const char *prompt);
char *lookup(const char *key, int *must_free);
char *grow(char *buf, size_t n);
const char *peek(const char *key);
char *format_name(const char *fmt);

void shell_loop(struct shell *sh) {
  char *cmdline = NULL;
  for (;;) {
    cmdline = sh->input("> ");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'cmdline' is overwritten while it still owns memory allocated by 'input' [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-2]]:15: note: memory is allocated here
    if (cmdline == NULL)
      break;
    if (cmdline[0] == '\0')
      continue;
    sh->commands++;
    free(cmdline);
    cmdline = NULL;
  }
  if (cmdline != NULL)
    free(cmdline);
}

int first_word(char *out, size_t n) {
  char *line = read_line("$ ");
  if (line == NULL)
    return -1;
  if (strlen(line) >= n)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'read_line' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-6]]:16: note: memory is allocated here
  strcpy(out, line);
  free(line);
  return 0;
}

// The release decided by what a hand-off answered: the caller owned it.
int submit(void *queue, int (*push)(void *, char *)) {
  char *job = format_name("job-%d");
  if (job == NULL)
    return -1;
  if (job[0] == '-')
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'format_name' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-6]]:15: note: memory is allocated here
  if (push(queue, job) != 0) {
    free(job);
    return -1;
  }
  return 0;
}

// Negatives.

// Whether the caller owns the value is what the callee answers.
void told(const char *key) {
  int must_free = 0;
  char *v = lookup(key, &must_free);
  if (v == NULL)
    return;
  if (must_free)
    free(v);
}

// Freed on one kind only: the callback returns a static for the other.
struct entry {
  void *(*get)(void);
  int is_time;
};
void walk(struct entry *e, int n) {
  for (int i = 0; i < n; i++) {
    void *value = e[i].get();
    if (value == NULL)
      continue;
    if (!e[i].is_time)
      free(value);
  }
}

// Given the block it may return grown: not a new one.
char *fill(size_t n) {
  char *buf = NULL;
  for (size_t i = 1; i <= n; i++)
    buf = grow(buf, i);
  if (n > 8) {
    free(buf);
    return NULL;
  }
  return buf;
}

// The pointer holds something else on some path.
void mixed(int own) {
  char *s = own ? read_line("? ") : (char *)"fixed";
  if (s[0] == 'q')
    return;
  if (own)
    free(s);
}

// A pointer to const is the callee's to keep.
void borrowed(void) {
  const char *p = peek("k");
  if (p == NULL)
    return;
  if (p[0] == 'x')
    return;
  free((void *)p);
}

// ---- a block handed over through an address: `rv = get(&p)`, then
// `if (!rv) { .. release(p); }`. How the function tests the status says
// which results deliver nothing.
struct file {
  int size;
  char *data;
};
struct card;
int select_file(struct card *c, const char *path, struct file **out);
int read_block(struct card *c, char **buf, size_t *n);
int challenge(struct card *c);
int remember(struct file **slot);
static void file_free(struct file *f) {
  if (f == NULL)
    return;
  free(f->data);
  free(f);
}
#define TEST_RET(r)                                                            \
  do {                                                                         \
    int ret_ = (r);                                                            \
    if (ret_ < 0)                                                              \
      return ret_;                                                             \
  } while (0)

int update_token(struct card *c) {
  struct file *file = NULL;
  int rv = select_file(c, "3F00", &file);
  if (!rv) {
    rv = challenge(c);
    TEST_RET(rv);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'select_file' is leaked on this early return [leaklint-owning-pointer]
    // CHECK-MESSAGES: :[[@LINE-5]]:12: note: memory is allocated here
    // CHECK-MESSAGES: :[[@LINE-5]]:7: note: assuming 'rv' is 0
    file_free(file);
  }
  return 0;
}

// A failed call delivers nothing: its early return loses nothing.
int token_size(struct card *c) {
  struct file *file = NULL;
  if (select_file(c, "3F00", &file) < 0)
    return -1;
  int n = file->size;
  file_free(file);
  return n;
}

// A function that gives up where the status is 0 says that 0 is the
// failure (unbound's `if (!tube_read_msg(t, &msg, &len, 0)) return;`).
int read_message(struct card *c, char **msg, unsigned *len);
void run_command(const char *cmd);
void exec_remote(struct card *c) {
  char *msg = NULL;
  unsigned len = 0;
  if (!read_message(c, &msg, &len)) {
    run_command("failed"); // no warning: nothing was delivered
    return;
  }
  run_command(msg);
  free(msg);
}

void exec_remote_twice(struct card *c) {
  char *msg = NULL;
  unsigned len = 0;
  if (!read_message(c, &msg, &len))
    return;
  if (len > 512)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'read_message' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-5]]:8: note: memory is allocated here
  run_command(msg);
  free(msg);
}

// Released where the status is 0, before giving up: an error message
// delivered on failure (haproxy's `if (!dup_errors(px, &msg)) { ..
// free(msg); return 1; }`), not a block kept on success.
int dup_errors(struct card *c, char **errmsg);
void format_error(char **out, const char *msg);
int setup_errors(struct card *c, char **errmsg) {
  char *msg = NULL;
  if (!dup_errors(c, &msg)) {
    format_error(errmsg, msg);
    free(msg);
    return 1;
  }
  return 0; // no warning: nothing was delivered
}

// Released at the label the failure jumps to: an error message again
// (haproxy's `if (!str2listener(.., &err)) goto error; .. error: free(err);`).
int make_listener(struct card *c, char **err);
int setup_listener(struct card *c) {
  char *err = NULL;
  if (!make_listener(c, &err))
    goto error;
  return 0; // no warning: nothing was delivered
error:
  free(err);
  return -1;
}

// Called in a loop, it may grow the buffer it is given back (getline).
int read_all(struct card *c) {
  char *buf = NULL;
  size_t n = 0;
  int total = 0;
  while (read_block(c, &buf, &n) == 0)
    total += (int)n;
  free(buf);
  return total;
}

// Released on a decision of its own, not the call's: who owns it is not
// said.
int maybe_owned(struct card *c, int copy) {
  struct file *file = NULL;
  if (select_file(c, "3F00", &file) != 0)
    return -1;
  if (challenge(c) < 0)
    return -1;
  if (copy)
    file_free(file);
  return 0;
}

// The address also goes elsewhere: kept there, perhaps.
int kept_elsewhere(struct card *c) {
  struct file *file = NULL;
  if (select_file(c, "3F00", &file) != 0)
    return -1;
  if (remember(&file) < 0)
    return -1;
  file_free(file);
  return 0;
}

// The status is never tested: what a failure delivers is not known.
void untested(struct card *c) {
  struct file *file = NULL;
  select_file(c, "3F00", &file);
  if (challenge(c) < 0)
    return;
  file_free(file);
}

// Released where the call failed: what it delivers then is an error
// message, and what it delivers when it succeeds is not said.
int read_list(const char *name, char ***caps, unsigned *n, char **cause);
void free_list(char **caps, unsigned n);
int load_terminal(const char *name) {
  char **caps = NULL, *cause;
  unsigned n = 0;
  if (name[0] != '\0' && read_list(name, &caps, &n, &cause) != 0) {
    free(cause);
    return 1;
  }
  if (n > 256)
    return 1;
  free_list(caps, n);
  return 0;
}
