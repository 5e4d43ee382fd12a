/* Hand-written stand-in for a gnulib config.h: the attribute and inline macros that gnulib
   headers expect from configure, so that single files parse without running configure. */
#define _GL_CONFIG_H_INCLUDED 1
#define _GL_INLINE_HEADER_BEGIN
#define _GL_INLINE_HEADER_END
#define _GL_INLINE static inline
#define _GL_EXTERN_INLINE static inline
#define _GL_ATTRIBUTE_MALLOC __attribute__ ((__malloc__)) /* what configure defines for clang */
#define _GL_ATTRIBUTE_NODISCARD
#define _GL_ATTRIBUTE_PURE
#define _GL_ATTRIBUTE_CONST
#define _GL_ATTRIBUTE_FORMAT(spec)
#define _GL_ATTRIBUTE_FORMAT_PRINTF_STANDARD(a, b)
#define _GL_ATTRIBUTE_DEALLOC(f, i)
#define _GL_ATTRIBUTE_DEALLOC_FREE
#define _GL_ATTRIBUTE_RETURNS_NONNULL
#define _GL_ATTRIBUTE_ALLOC_SIZE(args)
#define _GL_ATTRIBUTE_MAYBE_UNUSED
#define _GL_ATTRIBUTE_FALLTHROUGH
#define _GL_ATTRIBUTE_COLD
#define _GL_ATTRIBUTE_NOTHROW
#define _GL_ATTRIBUTE_DEPRECATED
#define _GL_ATTRIBUTE_NONNULL(args)
#define _GL_UNUSED
#define _GL_ARG_NONNULL(params)
#define _GL_WARN_ON_USE(function, message)
#define _GL_ASYNC_SAFE
#define HAVE_STDINT_H 1
#define HAVE_UNISTD_H 1
#define HAVE_STRINGS_H 1
#define HAVE_STDBOOL_H 1
#include <stddef.h>
void xalloc_die(void);
/* As gnulib's xalloc.h declares them. */
void *xmalloc(size_t n) _GL_ATTRIBUTE_MALLOC;
void *xzalloc(size_t n) _GL_ATTRIBUTE_MALLOC;
void *xcalloc(size_t n, size_t s) _GL_ATTRIBUTE_MALLOC;
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s) _GL_ATTRIBUTE_MALLOC;
