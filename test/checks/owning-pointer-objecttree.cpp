// RUN: %check_leaklint %s leaklint-owning-pointer %t -- -std=c++17 -isystem %S/Inputs/owning-pointer/sys
// Objects owned by their parent in a framework's object tree (Qt's QObject,
// GTK's containers): the framework's headers are system headers and declare
// the constructors and methods without bodies. An object made with a parent,
// or given one, is deleted by that parent (causes.md C33).
#include <objecttree.h>
#include <memory>

class View : public Widget {
public:
  explicit View(Widget *parent = nullptr);
  void addAnother();
};

// The parent is `this`: the dropped result and the reassigned local are
// the tree's.
View::View(Widget *parent) : Widget(parent) {
  new Shortcut(1, this, "1contextMenu()");
  auto *shortcut = new Shortcut(2, this);
  shortcut = new Shortcut(3, this);
  new Layout(this);
}

// A parent given after the construction.
void adopt(Widget *root) {
  Label *l = new Label("status");
  l->setParent(root);
}

// The project's own tree of framework objects: an entry put in a group
// (both are Objects, the framework's tree node) belongs to the group. Real
// code: keepassxc src/gui/csvImport/CsvImportWidget.cpp:199.
class Group : public Object {
public:
  Group();
};
class Entry : public Object {
public:
  Entry();
  void setTitle(const char *title);
  void setGroup(Group *group, bool trackPrevious = true);
};
void import_row(Group *root) {
  Entry *entry = new Entry();
  entry->setTitle("row");
  entry->setGroup(root);
}

// Still reported: given an object outside its hierarchy that is not a tree
// node of any kind.
struct Record {
  void fill(Group *from);
};
void copy_row(Group *root) {
  Record *r = new Record();
  r->fill(root);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'new' is leaked when 'r' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:15: note: memory is allocated here

// Standard library objects never register themselves.
void std_objects(std::shared_ptr<int> &keep) {
  auto *p = new std::shared_ptr<int>(keep);
  (void)p;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'new' is leaked when 'p' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:13: note: memory is allocated here

// Still reported: no parent (the default is null), or a null one.
void orphans() {
  Label *l = new Label("x");
  Shortcut *s = new Shortcut(4, nullptr);
  (void)l;
  (void)s;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'new' is leaked when 'l' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-6]]:14: note: memory is allocated here
// CHECK-MESSAGES: :[[@LINE-3]]:1: warning: memory allocated by 'new' is leaked when 's' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-7]]:17: note: memory is allocated here

// -------- elements given to a master element by reference
// libebml's elements: a master element is an element too, and deletes the
// elements pushed into it. An object tree whose node is given a node by
// reference (`master.PushElement(*child)`) keeps it, also through a setter
// that returns the element it is called on. Real code: mkvtoolnix
// src/common/chapters/chapters.cpp:1292, src/common/construct.h.
#include <elementtree.h>

class Edition : public Master {};
class ChapterAtom : public Master {};
class ChapterUID : public UInteger {};
class ChapterStart : public UInteger {};
class Translate : public Master {};

void add_edition(Master *chapters) {
  auto *edition = new Edition;
  chapters->PushElement(*edition);
}
void add_uid(Master &atom) {
  atom.PushElement((new ChapterUID)->SetValue(7));
}
void copy_translate(Master &infos, const Translate &from) {
  infos.PushElement(*new Translate(from));
}

// The project's variadic constructor of a master from its children.
inline void cons_impl(Master *) {}
template <typename T, typename... Rest>
void cons_impl(Master *M, T *Child, unsigned long long Value, Rest... More) {
  if (Child)
    M->PushElement(Child->SetValue(Value));
  cons_impl(M, More...);
}
template <typename M, typename... Args> M *cons(Args... As) {
  auto *Made = new M;
  cons_impl(Made, As...);
  return Made;
}
void add_atom(Master &edition, unsigned long long uid) {
  auto *atom = cons<ChapterAtom>(new ChapterUID, uid, new ChapterStart, 0);
  edition.PushElement(*atom);
}

// Still reported: an element given by reference to an object that is no
// element, and an object of a class without virtual methods given to a
// method of another class.
struct Writer {
  void write(Element &E);
};
void write_uid(Writer &w) {
  auto *uid = new ChapterUID;
  w.write(*uid);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'new' is leaked when 'uid' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:15: note: memory is allocated here
struct Frame {
  int size = 0;
};
struct Encoder {
  void encode(Frame &F);
};
void encode_one(Encoder &e) {
  auto *f = new Frame;
  e.encode(*f);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: memory allocated by 'new' is leaked when 'f' goes out of scope [leaklint-owning-pointer]
// CHECK-MESSAGES: :[[@LINE-4]]:13: note: memory is allocated here
