char *name_new(void);
char *name_copy(void);
int name_len(const char *s);
int total(const char *s);

// Calls through macros, which a unit's outline by its tokens does not see.
#define NAME_NEW() name_new()
#define NAME_LEN(s) name_len(s)
