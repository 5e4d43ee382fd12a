// NOLINT and NOLINTNEXTLINE silence a finding at its line.
#include <memory>

struct B1;
struct A1 { std::shared_ptr<B1> b; };
struct B1 { std::shared_ptr<A1> a; }; // NOLINT(leaklint-shared-ptr-cycle)

struct B2;
struct A2 { std::shared_ptr<B2> b; };
// NOLINTNEXTLINE(leaklint-*)
struct B2 { std::shared_ptr<A2> a; };

struct B3;
struct A3 { std::shared_ptr<B3> b; };
struct B3 { std::shared_ptr<A3> a; }; // NOLINT

// A NOLINT for another check does not silence this one.
struct B4;
struct A4 { std::shared_ptr<B4> b; };
struct B4 { std::shared_ptr<A4> a; }; // NOLINT(leaklint-owning-pointer)

// The back edges are stored here (the type level needs a store).
void link(B1 &x, const std::shared_ptr<A1> &a) { x.a = a; }
void link(B2 &x, const std::shared_ptr<A2> &a) { x.a = a; }
void link(B3 &x, const std::shared_ptr<A3> &a) { x.a = a; }
void link(B4 &x, const std::shared_ptr<A4> &a) { x.a = a; }
