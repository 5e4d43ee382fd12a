char *name_new(void);
char *name_copy(void);
int name_len(const char *s);
int total(const char *s);
