// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -std=c++17
// C++ shapes of the deliveries of owning-pointer-deliveries.c: an owner
// passed by reference, and buffers the standard library only fills.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>

struct Parser {
  explicit Parser(const std::string &s);
  ~Parser();
  int parse();
};

bool makeParser(const std::string &text, Parser *&out) {
  if (text.empty())
    return false;
  out = new Parser(text);
  return true;
}

int parseAll(const std::string &text) {
  Parser *p = nullptr;
  if (!makeParser(text, p))
    return -1; // nothing delivered
  if (p->parse() < 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'makeParser' is leaked on this early return [leaklint-owning-pointer]
  delete p;
  return 0;
}

// `std::istream::read` fills the buffer and keeps nothing.
bool loadFile(const std::string &name, std::string &out) {
  std::ifstream in(name, std::ios::binary);
  in.seekg(0, std::ios::end);
  std::streamsize n = in.tellg();
  in.seekg(0);
  char *buf = new char[n];
  in.read(buf, n);
  if (!in)
    return false;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memory allocated by 'new[]' is leaked on this early return [leaklint-owning-pointer]
  out.assign(buf, n);
  delete[] buf;
  return true;
}

bool loadFileFreed(const std::string &name, std::string &out) {
  std::ifstream in(name, std::ios::binary);
  char *buf = new char[256];
  in.read(buf, 256);
  out.assign(buf, in.gcount());
  delete[] buf;
  return true;
}

// A smart pointer's reset() takes a character buffer in: it is not a
// buffer the library only fills (cpprest, libtorrent, fcitx5).
void adoptBuffers(std::unique_ptr<char[]> &u, std::shared_ptr<unsigned char> &sp,
                  int n) {
  u.reset(new char[n]);                                                 // no warning
  sp.reset(new unsigned char[n], [](unsigned char *p) { delete[] p; }); // no warning
}
