// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -std=c++17
// Blocks kept in a local standard container: followed into its elements,
// lost when the container dies holding them, released by a loop over it,
// and through the functions of the TU it is passed to.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <list>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

void printLine(const char *s);

static void readSink(std::vector<char *> v) { printLine(v[2]); }
static void freeSink(std::vector<char *> v) { free(v[2]); }

void vectorToReadingSink() {
  char *data = (char *)malloc(100);
  if (!data)
    return;
  std::vector<char *> v;
  v.insert(v.end(), 1, data);
  v.insert(v.end(), 1, data);
  v.insert(v.end(), 1, data);
  readSink(v);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'data' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-10]]:24: note: memory is allocated here
// CHECK-MESSAGES: :[[@LINE-10]]:7: note: assuming 'data' is non-null

void vectorToFreeingSink() {
  char *data = (char *)malloc(100);
  if (!data)
    return;
  std::vector<char *> v;
  v.push_back(data);
  v.push_back(data);
  v.push_back(data);
  freeSink(v); // frees v[2], which is data
}

static void listSink(std::list<int *> &l) {
  int *p = l.back();
  printf("%d\n", *p);
}

void listByReference() {
  std::list<int *> l;
  l.push_back(new int(5));
  listSink(l);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'new' is leaked when 'l' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:15: note: memory is allocated here

void mapElements() {
  std::map<int, char *> m;
  m[0] = strdup("zero");
  m[1] = strdup("one");
  free(m[0]);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'strdup' is leaked when 'm' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:10: note: memory is allocated here

// No warnings below.

void drainedByRangeFor() {
  std::vector<int *> v;
  for (int i = 0; i < 3; ++i)
    v.push_back(new int(i));
  for (int *p : v)
    delete p;
}

void drainedByIndex() {
  std::vector<char *> v;
  v.push_back(strdup("a"));
  v.push_back(strdup("b"));
  for (size_t i = 0; i < v.size(); ++i)
    free(v[i]);
}

void drainedByIterator() {
  std::list<char *> l;
  l.push_back(strdup("a"));
  for (auto it = l.begin(); it != l.end(); ++it)
    free(*it);
}

void drainedFromTheBack() {
  std::vector<int *> v;
  v.push_back(new int(1));
  v.push_back(new int(2));
  while (!v.empty()) {
    delete v.back();
    v.pop_back();
  }
}

void mapDrained() {
  std::map<int, char *> m;
  m.emplace(1, strdup("a"));
  m.insert(std::make_pair(2, strdup("b")));
  for (auto &e : m)
    free(e.second);
}

std::vector<char *> handedToCaller() {
  std::vector<char *> v;
  v.push_back(strdup("a"));
  return v;
}

void keep(std::vector<int *> &v);

void handedToUnknownCode() {
  std::vector<int *> v;
  v.push_back(new int(1));
  keep(v);
}

void movedIntoContainer() {
  std::vector<int *> v;
  int *p = new int(1);
  v.push_back(std::move(p));
  for (int *q : v)
    delete q;
}

void copiedContainer() {
  std::vector<int *> v;
  v.push_back(new int(1));
  std::vector<int *> w = v;
  for (int *q : w)
    delete q;
}

// `*c.begin()` is the first element: a sink given the set releases it.
static void releaseFirst(std::set<char *> c) {
  char *data = *c.begin();
  free(data);
}

static void readFirst(const std::set<char *> &c) {
  char *data = *c.begin();
  puts(data);
}

void setReleasedBySink() {
  std::set<char *> c;
  char *data = static_cast<char *>(malloc(16));
  c.insert(data);
  releaseFirst(c);
}

void setOnlyRead() {
  std::set<char *> c;
  char *data = static_cast<char *>(malloc(16));
  c.insert(data);
  readFirst(c);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'malloc' is leaked when 'data' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:36: note: memory is allocated here

// `dst.insert(pos, src.begin(), src.end())` copies the elements of `src`:
// into a member's container, they are kept (exempi's P2 handler).
struct XmlNode {
  explicit XmlNode(XmlNode *p) : parent(p) {}
  XmlNode *parent;
  std::vector<XmlNode *> content;
};
XmlNode *addChild(XmlNode *parent, bool indent) {
  XmlNode *before = new XmlNode(parent);
  XmlNode *child = new XmlNode(parent);
  XmlNode *after = new XmlNode(parent);
  if (indent) {
    std::vector<XmlNode *> indented;
    indented.push_back(after);
    indented.push_back(before);
    indented.push_back(child);
    parent->content.insert(parent->content.begin(), indented.begin(),
                           indented.end()); // no warning: kept by the parent
  } else {
    parent->content.push_back(before);
    parent->content.push_back(child);
    parent->content.push_back(after);
  }
  return child;
}
void addGrandchild(XmlNode *root) {
  XmlNode *n = addChild(root, true);
  n = addChild(n, false); // no warning: the parent owns both
}
int copyIntoLocal() {
  std::vector<XmlNode *> from, to;
  from.push_back(new XmlNode(nullptr));
  to.insert(to.end(), from.begin(), from.end());
  return 0;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: memory allocated by 'new' is leaked when 'from' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:18: note: memory is allocated here

// A local object whose destructor deletes every element of its container
// member (libvmime's messageSet::byNumber, real code): the ranges pushed
// into it are the set's, released as an exception unwinds it.
struct MsgRange {
  MsgRange(int First, int Last) : First(First), Last(Last) {
    if (First < 1)
      throw std::invalid_argument("first");
  }
  virtual ~MsgRange();
  int First, Last;
};
class MsgSet {
public:
  ~MsgSet() {
    for (size_t I = 0, N = Ranges.size(); I < N; ++I)
      delete Ranges[I];
  }
  static MsgSet byNumber(const std::vector<int> &Numbers);
  static MsgSet byRanges(const std::vector<int> &Numbers);

private:
  std::vector<MsgRange *> Ranges;
  friend class MsgList;
};
MsgSet MsgSet::byNumber(const std::vector<int> &Numbers) {
  MsgSet Set;
  for (int N : Numbers) {
    if (N < 0)
      throw std::invalid_argument("numbers");
    Set.Ranges.push_back(new MsgRange(N, N));
  }
  Set.Ranges.push_back(new MsgRange(1, 1));
  return Set;
}

// The same, deleted through a range-for in a method the destructor calls.
class MsgList {
public:
  ~MsgList() { clear(); }
  void clear() {
    for (MsgRange *R : Items)
      delete R;
    Items.clear();
  }
  static int count(const std::vector<int> &Numbers);

private:
  std::vector<MsgRange *> Items;
};
int MsgList::count(const std::vector<int> &Numbers) {
  MsgList L;
  for (int N : Numbers)
    L.Items.push_back(new MsgRange(N, N));
  return (int)L.Items.size();
}

// Still reported: a struct with no destructor keeps nothing.
struct MsgBag {
  std::vector<MsgRange *> Items;
};
int fillBag(const std::vector<int> &Numbers) {
  MsgBag Bag;
  for (int N : Numbers)
    Bag.Items.push_back(new MsgRange(N, N));
  return (int)Bag.Items.size();
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory allocated by 'new' is leaked when 'Bag' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-3]]:25: note: memory is allocated here
}

// A loop that hands every element of a local container to a place that
// outlives the function, or puts each into another local container that
// does: the container leaves them there (tesseract's StringRenderer, a
// `std::map<int, BoxChar *>` by byte offset appended to a member vector).
struct Glyph {
  int Code;
};
int nextCluster(int *Start);
struct Layout {
  std::vector<Glyph *> Glyphs;
  std::map<int, Glyph *> ByCode;
  void render();
  void renderThrough();
  void index(std::vector<Glyph *> &Out);
  void keepFirst();
};
void Layout::render() {
  std::map<int, Glyph *> ByStart;
  int Start;
  while (nextCluster(&Start))
    ByStart[Start] = new Glyph{Start}; // no warning: appended to Glyphs
  for (auto &E : ByStart)
    Glyphs.push_back(E.second);
}
void Layout::renderThrough() {
  std::map<int, Glyph *> ByStart;
  int Start;
  while (nextCluster(&Start))
    ByStart[Start] = new Glyph{Start}; // no warning: on to Page, then Glyphs
  std::vector<Glyph *> Page;
  for (auto It = ByStart.begin(); It != ByStart.end(); ++It)
    Page.push_back(It->second);
  Glyphs.insert(Glyphs.end(), Page.begin(), Page.end());
}
void Layout::index(std::vector<Glyph *> &Out) {
  std::vector<Glyph *> Fresh;
  int Start;
  while (nextCluster(&Start))
    Fresh.push_back(new Glyph{Start}); // no warning: each one into Out
  for (Glyph *G : Fresh) {
    ByCode[G->Code] = G;
    Out.push_back(G);
  }
}
// Still reported: a loop over the elements that hands none of them on.
void Layout::keepFirst() {
  std::vector<Glyph *> Fresh;
  int Start;
  while (nextCluster(&Start))
    Fresh.push_back(new Glyph{Start});
  for (Glyph *G : Fresh)
    if (G->Code == 0)
      return;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: memory allocated by 'new' is leaked on this early return [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-5]]:21: note: memory is allocated here
}
