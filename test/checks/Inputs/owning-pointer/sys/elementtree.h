// A tree of media container elements, as its installed headers declare it
// (libebml's EbmlElement and EbmlMaster): a master element is itself an
// element, and deletes the elements it is given.
#pragma once
class Element {
public:
  virtual ~Element();
};
class UInteger : public Element {
public:
  UInteger &SetValue(unsigned long long Value); // returns *this
};
class Master : public Element {
public:
  ~Master() override;
  bool PushElement(Element &E);
};
