// REQUIRES: glib
// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -x c -std=gnu11 %glib_cflags
// GLib's GVariant references, with GLib's own headers: the getters that
// return a new reference (g_variant_get_child_value, g_variant_lookup_value,
// g_variant_iter_next_value, ...) owe a g_variant_unref; GLib's functions
// given a GVariant take their own reference, so the caller's stays owed.
#include <glib.h>
#include <string.h>

gboolean argIsString(GVariant *body) {
  GVariant *arg0;
  gboolean res = FALSE;
  if ((arg0 = g_variant_get_child_value(body, 0)) != NULL &&
      g_variant_is_of_type(arg0, G_VARIANT_TYPE_STRING))
    res = strstr(g_variant_get_string(arg0, NULL), "=") == NULL;
  return res;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: reference returned by 'g_variant_get_child_value' is leaked when 'arg0' goes out of scope [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-5]]:15: note: reference is returned here
}

gboolean bothStrings(GVariant *body) {
  GVariant *a = g_variant_get_child_value(body, 0);
  gboolean first = g_variant_is_of_type(a, G_VARIANT_TYPE_STRING);
  g_variant_unref(a);
  GVariant *b = g_variant_get_child_value(body, 1);
  if (!first || !g_variant_is_of_type(b, G_VARIANT_TYPE_STRING))
    return FALSE;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: reference returned by 'g_variant_get_child_value' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: reference is returned here
  g_variant_unref(b);
  return TRUE;
}

gint32 lookupPort(GVariant *dict) {
  GVariant *v = g_variant_lookup_value(dict, "port", G_VARIANT_TYPE_INT32);
  if (!v)
    return -1; // nothing was returned: nothing leaks
  gint32 port = g_variant_get_int32(v);
  if (port < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: reference returned by 'g_variant_lookup_value' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-7]]:17: note: reference is returned here
  g_variant_unref(v);
  return port;
}

gchar *firstName(GVariant *names) {
  gchar *s = g_variant_dup_string(names, NULL);
  if (s[0] == 0)
    return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'g_variant_dup_string' is leaked on this early return [leaklint-owning-pointer]
  // CHECK-MESSAGES: :[[@LINE-4]]:14: note: memory is allocated here
  return s;
}

// Silent below.

gboolean autoptrChild(GVariant *body) {
  g_autoptr(GVariant) arg0 = g_variant_get_child_value(body, 0);
  if (!g_variant_is_of_type(arg0, G_VARIANT_TYPE_STRING))
    return FALSE;
  return TRUE;
}

gsize countStrings(GVariant *array) {
  GVariantIter iter;
  GVariant *child;
  gsize n = 0;
  g_variant_iter_init(&iter, array);
  while ((child = g_variant_iter_next_value(&iter)) != NULL) {
    if (g_variant_is_of_type(child, G_VARIANT_TYPE_STRING))
      n++;
    g_variant_unref(child);
  }
  return n;
}

GVariant *rebuild(GVariant *body) {
  GVariantBuilder builder;
  GVariant *child = g_variant_get_child_value(body, 0);
  g_variant_builder_init(&builder, G_VARIANT_TYPE_ARRAY);
  g_variant_builder_add_value(&builder, child); // the builder takes its own
  g_variant_unref(child);
  return g_variant_builder_end(&builder);
}

GVariant *returned(GVariant *body) {
  return g_variant_get_child_value(body, 1);
}

struct holder {
  GVariant *state;
};

void keepInStruct(struct holder *h, GVariant *body) {
  g_clear_pointer(&h->state, g_variant_unref);
  h->state = g_variant_get_child_value(body, 0);
}

void clearedByMacro(GVariant *body) {
  GVariant *v = g_variant_get_child_value(body, 0);
  g_print("%s\n", g_variant_get_type_string(v));
  g_clear_pointer(&v, g_variant_unref);
}

void keep(GVariant *v); // another file: may keep it

void handedToTheProgram(GVariant *body) {
  keep(g_variant_get_child_value(body, 0));
}

GVariant *floatingIsTheReceivers(void) {
  GVariant *v = g_variant_new_string("x"); // floating: not tracked
  if (!v)
    return NULL;
  return v;
}
