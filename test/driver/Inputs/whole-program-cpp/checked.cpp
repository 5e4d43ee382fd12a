int checked(int n) { return n - 1; }
