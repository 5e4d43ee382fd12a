// A built-in clang-tidy check, to show leaklint-clangd keeps clangd's own.
int *Global = 0;
