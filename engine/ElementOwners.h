//===--- ElementOwners.h - classes that delete their elements -*- C++ -*-===//
//
// A class whose destructor deletes every element of a container member
// (`for (i = 0; i < ranges_.size(); ++i) delete ranges_[i];`) owns what is
// put into that member: a block added to it is released with the object,
// on every way out of the scope of a local one, an exception included.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_ELEMENTOWNERS_H
#define LEAKLINT_ENGINE_ELEMENTOWNERS_H

#include "clang/AST/Decl.h"

namespace clang::tidy::leaklint::ownership::detail {

/// Whether the destructor of \p F's class (or a method of the class it
/// calls on its object) deletes each element of the container \p F in a
/// loop over it: by index, through an iterator, or as the variable of a
/// range-for.
bool destructorDeletesElements(const FieldDecl *F);

} // namespace clang::tidy::leaklint::ownership::detail

#endif
