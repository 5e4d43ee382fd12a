char *name_new(void);
char *name_copy(void);
int name_len(const char *s);
int total(const char *s);

// Calls through macros that paste the name together, which a unit's
// outline by its tokens does not see.
#define NAME_NEW() name_##new()
#define NAME_LEN(s) name_##len(s)
