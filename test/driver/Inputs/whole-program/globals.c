// Writes two globals, declared in the opposite order of their names: the
// summary lists them by name, the same in every run.
int zeta;
int alpha;

void touch(int v) {
  zeta = v;
  alpha = v;
}
