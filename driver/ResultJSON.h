//===--- ResultJSON.h - a unit's result as JSON -------------------*- C++ -*-===//
//
// The findings and the files a unit read, written and read back exactly:
// the cache keeps them (Cache.h), shards hand them to the merge (Main.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_DRIVER_RESULTJSON_H
#define LEAKLINT_DRIVER_RESULTJSON_H

#include "Analyzer.h"
#include "llvm/Support/JSON.h"
#include <optional>

namespace leaklint {

llvm::json::Value toJSON(const Finding &F);
std::optional<Finding> findingFrom(const llvm::json::Value &V);
/// The whole result: file, failure, findings and the digests of what it
/// read (a file whose content changed while it was read has none).
llvm::json::Value toJSON(const UnitResult &R);
std::optional<UnitResult> unitResultFrom(const llvm::json::Value &V);

} // namespace leaklint

#endif // LEAKLINT_DRIVER_RESULTJSON_H
