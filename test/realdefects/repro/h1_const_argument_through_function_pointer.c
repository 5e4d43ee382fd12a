/* Cause H1: a pointer passed as a `const T *` argument of a call through a function
   pointer (a field of a method table, a parameter) is taken as handed off, whereas the same
   argument of a declared function is only read (docs: "passing it as a const T * (to any
   function)"). Real case: sgt-puzzles midend_game_id_int passes `par` to
   me->ourgame->decode_params(params, par) (`char const *string`) before the leaking return;
   in whole-program mode, where `par` is known to come from smalloc, this alone hides it. */
#include <stdlib.h>

struct ops { void (*show)(const char *); };
void show_direct(const char *);

int through_table(const struct ops *o, int bad) {
  char *s = malloc(10);
  if (!s)
    return -1;
  o->show(s);   /* const char *: only read */
  if (bad)
    return -1;  /* leak: 's' */
  free(s);
  return 0;
}

int direct(int bad) {
  char *s = malloc(10);
  if (!s)
    return -1;
  show_direct(s);
  if (bad)
    return -1;  /* leak: 's' */
  free(s);
  return 0;
}

/* Measured: leaklint (main, 2026-12-03): nothing in through_table; the control direct() is
   reported ("memory allocated by 'malloc' is leaked on this early return").
   clang-19 --analyze (unix.Malloc): the same, direct() only. */
