char *buf_make(unsigned n);

// aria2's DL_ABORT_EX, tmux's log macros: the call is behind a macro of a
// project header, found along the include path (-Iinclude).
#define MAKE_BUFFER(n) buf_make(n)
#define SMALL_BUFFER() MAKE_BUFFER(16)
