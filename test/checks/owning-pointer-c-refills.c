// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -x c -std=gnu11
// A field that a function fills through its parameter without looking at
// what it held, while a loop calls the function again and again on the same
// object: each call after the first loses the block the one before left
// there (gdk-pixbuf's ANI loader, a second title chunk). The TU releases the
// field elsewhere, so it owns what it holds.
#include <stdlib.h>
#include <string.h>

struct loader {
  int chunk_id;
  unsigned chunk_size;
  char *title;
  char *author;
  char *comment;
  char *label;
  char *note;
  char *scratch;
};

void loader_free(struct loader *l) {
  free(l->title);
  free(l->author);
  free(l->comment);
  free(l->label);
  free(l->note);
  free(l->scratch);
  free(l);
}

int read_word(struct loader *l) { return (int)l->chunk_size & 7; }
void fill(unsigned char *to, unsigned n) {
  memset(to, 'x', n);
  to[n] = 0;
}

int load_chunk(struct loader *l) {
  l->chunk_id = read_word(l);
  if (l->chunk_id == 0)
    return 0;
  if (l->chunk_id == 1) {
    l->title = malloc(l->chunk_size + 1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'load_chunk' overwrites 'l->title' without releasing memory allocated by 'malloc' that an earlier call left there; a loop calls it again on the same object [leaklint-owning-pointer]
    if (!l->title)
      return 0;
    // A cast to another pointer type gives the same block.
    fill((unsigned char *)l->title, l->chunk_size);
  }
  // Silent: the chunk may come once only; a second one is refused.
  if (l->chunk_id == 2) {
    if (l->author)
      return 0;
    l->author = malloc(l->chunk_size + 1);
    if (!l->author)
      return 0;
  }
  // Silent: what was there is released first.
  if (l->chunk_id == 3) {
    free(l->comment);
    l->comment = strdup("comment");
  }
  l->chunk_id = 0;
  return 1;
}

void load(struct loader *l) {
  while (load_chunk(l))
    ;
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: called here in a loop, which does not release 'title' between calls
  // CHECK-MESSAGES: :[[@LINE-48]]:3: note: 'title' is released here
}

// Silent: the loop releases the field after each call.
int next_label(struct loader *l) {
  l->label = strdup("label");
  return l->label != NULL;
}

void labels(struct loader *l) {
  for (int i = 0; i < 4; ++i) {
    if (!next_label(l))
      break;
    free(l->label);
    l->label = NULL;
  }
}

// Silent: the loop gives the object to code that may release the field.
void consume(struct loader *l);
int next_note(struct loader *l) {
  l->note = strdup("note");
  return l->note != NULL;
}

void notes(struct loader *l) {
  while (next_note(l))
    consume(l);
}

// Silent: called once, not in a loop.
int set_scratch(struct loader *l) {
  l->scratch = malloc(16);
  return l->scratch != NULL;
}

void once(struct loader *l) { set_scratch(l); }

// Silent: each turn of the loop fills another object.
void many(struct loader **all, int n) {
  for (int i = 0; i < n; ++i)
    set_scratch(all[i]);
}

// The same through `T **`: a function that overwrites `*out` without looking
// at what it held, given the same pointer of the caller on every turn of a
// loop, while the caller releases that pointer after the loop (tiffcrop's
// crop buffer, refilled for each image of the file).
static unsigned char *grab(unsigned n) { return n > 4096 ? NULL : malloc(n); }

static int crop(unsigned char **whole_ptr, unsigned char **crop_ptr,
                unsigned n) {
  unsigned char *buf;
  *crop_ptr = *whole_ptr;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'crop' overwrites '*crop_ptr' without releasing memory allocated by 'malloc' that an earlier call left there; a loop calls it again with the same pointer [leaklint-owning-pointer]
  if (n <= 16)
    return 0;
  buf = grab(n);
  if (!buf)
    return -1;
  *crop_ptr = buf;
  return 0;
}

int next_image(void);

int crop_all(void) {
  unsigned char *whole = malloc(16);
  unsigned char *cropped = NULL;
  while (next_image())
    if (crop(&whole, &cropped, 64))
      // CHECK-MESSAGES: :[[@LINE-1]]:9: note: called here in a loop, which does not release 'cropped' between calls
      break;
  free(whole);
  free(cropped);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'cropped' is released here
  return 0;
}

// Silent: `*out` is released before it is refilled.
static int fetch(char **out) {
  free(*out);
  *out = strdup("line");
  return *out != NULL;
}

// Silent: the loop hands each line to code that may keep it.
static int read_line(char **out) {
  *out = strdup("line");
  return *out != NULL;
}
void keep_line(char *line);

void lines(void) {
  char *line = NULL;
  for (int i = 0; i < 3; ++i)
    fetch(&line);
  free(line);
  char *kept = NULL;
  while (read_line(&kept))
    keep_line(kept);
  free(kept);
}

// Silent: the pointer is declared in the loop, a new one on each turn.
void fresh_each_turn(void) {
  for (int i = 0; i < 3; ++i) {
    char *line = NULL;
    read_line(&line);
    free(line);
  }
}
