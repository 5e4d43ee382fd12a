/* Cause G1: a reference-counted object whose getter returns a new reference
   (xdg-dbus-proxy: g_variant_get_child_value() needs g_variant_unref()). The pair is not
   known, and the getter is in another library. With GLib's headers: */
#include <glib.h>

gboolean arg0_is_string(GVariant *body) {
  GVariant *arg0;
  gboolean res = FALSE;
  if (g_variant_n_children(body) > 0 &&
      (arg0 = g_variant_get_child_value(body, 0)) != NULL &&
      g_variant_is_of_type(arg0, G_VARIANT_TYPE_STRING))
    res = TRUE;
  return res; /* leak: the reference to 'arg0' */
}

/* Measured: leaklint (baseline 0.1.0): nothing.
   clang-19 --analyze -Xanalyzer -analyzer-checker=unix.Malloc,unix.Stream: nothing. */
