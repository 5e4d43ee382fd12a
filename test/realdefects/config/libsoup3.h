/* Hand-written stand-in for the availability macros that libsoup's meson build writes into
   soup-version.h ({version_macros}, {version_attributes}); they only decorate declarations. */
#define SOUP_AVAILABLE_IN_ALL extern
#define SOUP_AVAILABLE_IN_3_0 extern
#define SOUP_AVAILABLE_IN_3_2 extern
#define SOUP_DEPRECATED extern
#define SOUP_DEPRECATED_FOR(f) extern
#define SOUP_DEPRECATED_IN_3_0 extern
#define SOUP_DEPRECATED_IN_3_2 extern
#define SOUP_DEPRECATED_IN_3_0_FOR(f) extern
#define SOUP_DEPRECATED_IN_3_2_FOR(f) extern
#define SOUP_UNAVAILABLE(maj, min) extern
