// A GUI framework's object tree, as its installed headers declare it (given
// with -isystem, as CMake does for an imported target): constructors and
// methods without bodies. An object made with a parent is deleted by it.
#pragma once
class Object {
public:
  explicit Object(Object *parent = nullptr);
  virtual ~Object();
  void setParent(Object *parent);
};
class Widget : public Object {
public:
  explicit Widget(Widget *parent = nullptr);
};
class Shortcut : public Object {
public:
  Shortcut(int key, Widget *parent, const char *member = nullptr);
};
class Layout : public Object {
public:
  explicit Layout(Widget *parent);
};
class Label : public Widget {
public:
  explicit Label(const char *text, Widget *parent = nullptr);
};
