//===--- ConstantTables.h - table entries tested by text ------*- C++ -*-===//
//
// A loop over a table of descriptors, each branch matching one entry's
// name: `if (!strcmp(blk.descr[i].name, "name")) name = strdup(..);`.
// Where the table is a global whose initializer names every entry, the
// test holds for the indices whose entry has that text and for no other,
// so a branch taken for one index is not taken again for another.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_CONSTANTTABLES_H
#define LEAKLINT_ENGINE_CONSTANTTABLES_H

#include "Comparisons.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <optional>

namespace clang::tidy::leaklint::ownership::detail {

/// A text test of a field of a table's entry chosen by a local index:
/// the index, and the indices whose entry holds the text.
struct TableTextTest {
  const VarDecl *Index = nullptr;
  llvm::SmallVector<int64_t, 2> Matches;
};

/// \p T as a test of a constant table's entry, if it is one: its string is
/// `table[i].field` or `blk.table[i].field`, where `i` is a local integer,
/// `table` a global array (reached directly or through a field of a
/// global struct's initializer), each global either const or named by
/// this translation unit alone, and every entry's field a string literal
/// or null.
std::optional<TableTextTest> tableTextTest(const TextTest &T);

} // namespace clang::tidy::leaklint::ownership::detail

#endif
