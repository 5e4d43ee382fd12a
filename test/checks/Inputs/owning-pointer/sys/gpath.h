// A system library's strings, declared as GLib declares them (G_GNUC_MALLOC),
// and a malloc-attributed handle that fails with -1 (as iconv_open).
typedef char gchar;
typedef void *gpointer;
gchar *g_path_get_dirname(const gchar *file_name) __attribute__((malloc));
gchar *g_path_get_basename(const gchar *file_name) __attribute__((malloc));
void g_free(gpointer mem);
typedef void *conv_t;
conv_t conv_open(const char *to, const char *from) __attribute__((malloc));
int conv_close(conv_t cd);
