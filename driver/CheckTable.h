//===--- CheckTable.h - the leaklint checks, from the one list -*- C++ -*-===//

#ifndef LEAKLINT_DRIVER_CHECKTABLE_H
#define LEAKLINT_DRIVER_CHECKTABLE_H

#include "llvm/ADT/ArrayRef.h"

namespace leaklint {

/// A check as checks/LeaklintChecks.def lists it.
struct CheckInfo {
  const char *Name;
  const char *Summary;
};

/// Every leaklint check, in the order of LeaklintChecks.def (which is the
/// order of the SARIF rule table).
inline llvm::ArrayRef<CheckInfo> leaklintChecks() {
  static constexpr CheckInfo Table[] = {
#define LEAKLINT_CHECK(Class, Name, Summary) {Name, Summary},
#include "LeaklintChecks.def"
  };
  return Table;
}

} // namespace leaklint

#endif // LEAKLINT_DRIVER_CHECKTABLE_H
