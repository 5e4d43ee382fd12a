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
