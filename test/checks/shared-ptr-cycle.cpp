// RUN: %check_leaklint %s leaklint-shared-ptr-cycle %t -- -std=c++17

#include <memory>
#include <string>
#include <vector>

// The classic: a parent owns its children, each child owns its parent back.
struct Child;
struct Parent {
  std::vector<std::shared_ptr<Child>> children;
  void adopt(const std::shared_ptr<Parent> &self, std::shared_ptr<Child> c);
};
struct Child {
  std::shared_ptr<Parent> parent;
// CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Child::parent' closes a shared_ptr ownership cycle: 'Parent' and 'Child' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-6]]:39: note: 'Parent::children' holds a 'Child'
// CHECK-MESSAGES: :[[@LINE-3]]:27: note: 'Child::parent' holds a 'Parent' back
  int id = 0;
};
// CHECK-FIXES:  std::weak_ptr<Parent> parent;
void Parent::adopt(const std::shared_ptr<Parent> &self, std::shared_ptr<Child> c) {
  c->parent = self;
  children.push_back(std::move(c));
}

// Two objects that refer to each other, no name says which pointer points
// back: reported at the later member, without a fix.
struct Session;
struct Connection {
  std::shared_ptr<Session> session;
};
struct Session {
  std::shared_ptr<Connection> conn;
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'Session::conn' closes a shared_ptr ownership cycle: 'Connection' and 'Session' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-5]]:28: note: 'Connection::session' holds a 'Session'
// CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Session::conn' holds a 'Connection' back
};
// CHECK-FIXES:  std::shared_ptr<Connection> conn;

// Three types: Document -> Page -> Paragraph -> Document.
struct Page;
struct Paragraph;
struct Document {
  std::vector<std::shared_ptr<Page>> pages;
};
struct Page {
  std::vector<std::shared_ptr<Paragraph>> paragraphs;
};
struct Paragraph {
  std::shared_ptr<Document> owner;
// CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'Paragraph::owner' closes a shared_ptr ownership cycle: 'Document', 'Page' and 'Paragraph' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-8]]:38: note: 'Document::pages' holds a 'Page'
// CHECK-MESSAGES: :[[@LINE-6]]:43: note: 'Page::paragraphs' holds a 'Paragraph'
// CHECK-MESSAGES: :[[@LINE-4]]:29: note: 'Paragraph::owner' holds a 'Document' back
};
// CHECK-FIXES:  std::weak_ptr<Document> owner;

// A doubly linked list: prev and next both strong.
struct ListNode {
  std::shared_ptr<ListNode> next;
  std::shared_ptr<ListNode> prev;
// CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'ListNode::prev' closes a shared_ptr ownership cycle: a 'ListNode' and the 'ListNode' it holds through 'ListNode::next' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-3]]:29: note: 'ListNode::next' holds a 'ListNode'
// CHECK-MESSAGES: :[[@LINE-3]]:29: note: 'ListNode::prev' holds a 'ListNode' back
};
// CHECK-FIXES:  std::shared_ptr<ListNode> next;
// CHECK-FIXES:  std::weak_ptr<ListNode> prev;

// A tree whose nodes hold their parent strongly.
struct TreeNode {
  std::shared_ptr<TreeNode> m_parent;
// CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'TreeNode::m_parent' closes a shared_ptr ownership cycle: a 'TreeNode' and the 'TreeNode' it holds through 'TreeNode::m_children' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+2]]:42: note: 'TreeNode::m_children' holds a 'TreeNode'
// CHECK-MESSAGES: :[[@LINE-3]]:29: note: 'TreeNode::m_parent' holds a 'TreeNode' back
  std::vector<std::shared_ptr<TreeNode>> m_children;
};
// CHECK-FIXES:  std::weak_ptr<TreeNode> m_parent;

// The parent is used through `->`: weak_ptr would not compile here, so the
// warning comes without a fix.
struct Window;
struct Widget {
  std::shared_ptr<Window> parentWindow;
// CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Widget::parentWindow' closes a shared_ptr ownership cycle: 'Window' and 'Widget' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+6]]:40: note: 'Window::widgets' holds a 'Widget'
// CHECK-MESSAGES: :[[@LINE-3]]:27: note: 'Widget::parentWindow' holds a 'Window' back
  std::string title() const { return parentWindow ? "child" : "orphan"; }
};
// CHECK-FIXES:  std::shared_ptr<Window> parentWindow;
struct Window {
  std::vector<std::shared_ptr<Widget>> widgets;
};

// no warning: the back edge is already weak.
struct WeakChild;
struct WeakParent {
  std::vector<std::shared_ptr<WeakChild>> children;
};
struct WeakChild {
  std::weak_ptr<WeakParent> parent;
};

// no warning: a singly linked list (a chain, not a cycle).
struct SList {
  std::shared_ptr<SList> next;
  int value = 0;
};

// no warning: a chain of scopes, each holding the enclosing one.
struct Scope {
  std::shared_ptr<Scope> parent;
};

// no warning: a binary tree; left and right both point down.
struct BinTree {
  std::shared_ptr<BinTree> left;
  std::shared_ptr<BinTree> right;
};

// no warning: unique_ptr children and a raw back pointer.
struct UNode {
  std::vector<std::unique_ptr<UNode>> children;
  UNode *parent = nullptr;
};

// no warning: a raw back pointer to a shared owner.
struct RawChild;
struct RawParent {
  std::vector<std::shared_ptr<RawChild>> children;
};
struct RawChild {
  RawParent *parent = nullptr;
  RawParent &root;
};

// no warning: a recursive value (JSON-like) through containers both ways.
struct JsonArray;
struct JsonValue {
  std::vector<std::shared_ptr<JsonArray>> arrays;
};
struct JsonArray {
  std::vector<std::shared_ptr<JsonValue>> items;
};

// no warning: unrelated types sharing a third one.
struct Texture {};
struct Sprite {
  std::shared_ptr<Texture> texture;
};
struct Scene {
  std::vector<std::shared_ptr<Sprite>> sprites;
  std::shared_ptr<Texture> background;
};

// no warning: unique_ptr both ways cannot keep each other alive through a
// reference count.
struct UB;
struct UA {
  std::unique_ptr<UB> b;
};
struct UB {
  std::unique_ptr<UA> a;
};

// no warning: no member points down, so `parent` and `next_sibling` cannot
// close a cycle; this translation unit never stores `parent` either.
struct Sibling {
  std::shared_ptr<Sibling> parent;
  std::shared_ptr<Sibling> next_sibling;
};


// The type level reports a cycle only where this translation unit stores
// the back edge (here on objects it receives, so the object level cannot
// follow them) and never breaks it.
void link(Session &s, const std::shared_ptr<Connection> &c) { s.conn = c; }
void link(Paragraph &p, const std::shared_ptr<Document> &d) { p.owner = d; }
void link(ListNode &n, const std::shared_ptr<ListNode> &p) { n.prev = p; }
void link(TreeNode &n, const std::shared_ptr<TreeNode> &p) { n.m_parent = p; }
void link(Widget &w, const std::shared_ptr<Window> &p) { w.parentWindow = p; }

// no warning: the member that would close the cycle is only ever given its
// default member initializer, `{nullptr}`, by the constructors (a member
// kept for later and never assigned, as dnsdist's `d_sender`).
struct Backend;
struct Query {
  std::shared_ptr<Backend> backend;
};
struct Backend {
  Backend() {}
  explicit Backend(int Port) : port(Port) {}
  std::shared_ptr<Query> sender{nullptr};
  int port = 0;
};
void route(Query &q, const std::shared_ptr<Backend> &b) { q.backend = b; }

// no warning: a link in the middle of the cycle is a member declared empty
// (`{nullptr}`) that nothing here stores into, in either order of
// declaration; the stored back edge alone does not close it.
struct Sender;
struct Conn {
  Conn() {}
  std::shared_ptr<Sender> sender{nullptr};
};
struct State {
  std::shared_ptr<Conn> conn;
};
struct Sender {
  explicit Sender(const std::shared_ptr<State> &s) : state(s) {}
  std::shared_ptr<State> state;
};
void attach(State &st, const std::shared_ptr<Conn> &c) { st.conn = c; }

struct Sender2;
struct State2;
struct Sender2 {
  explicit Sender2(const std::shared_ptr<State2> &s) : state(s) {}
  std::shared_ptr<State2> state;
};
struct State2 {
  std::shared_ptr<struct Conn2> conn;
};
struct Conn2 {
  Conn2() {}
  std::shared_ptr<Sender2> sender{nullptr};
};
void attach(State2 &st, const std::shared_ptr<Conn2> &c) { st.conn = c; }

// The same declared empty, but stored here: a cycle.
struct Sender3;
struct Conn3 {
  std::shared_ptr<Sender3> sender{nullptr};
};
struct State3 {
  std::shared_ptr<Conn3> conn;
};
struct Sender3 {
  explicit Sender3(const std::shared_ptr<State3> &s) : state(s) {}
  std::shared_ptr<State3> state;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Sender3::state' closes a shared_ptr ownership cycle{{.*}} [leaklint-shared-ptr-cycle]
};
void attach(State3 &st, const std::shared_ptr<Conn3> &c) {
  st.conn = c;
  c->sender = std::make_shared<Sender3>(std::make_shared<State3>());
}
