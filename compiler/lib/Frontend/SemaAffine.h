//===- SemaAffine.h - affine subscripts -------------------------*- C++ -*-===//
#ifndef WEFT_FRONTEND_SEMAAFFINE_H
#define WEFT_FRONTEND_SEMAAFFINE_H

#include "weft/AST/AST.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

#include <optional>
#include <string>
#include <utility>

namespace weft::sema {

/// A subscript `c0 + c1*i1 + c2*i2 ...` in the equation's indices.
struct Affine {
  llvm::SmallVector<std::pair<std::string, int64_t>, 2> terms; // no zeros
  int64_t constant = 0;

  /// The index when the subscript is exactly one index (`i`).
  std::optional<std::string> plainIndex() const;
  /// Adds `scale * other`; false (leaving this unspecified) when a
  /// coefficient or the constant does not fit in 64 bits.
  [[nodiscard]] bool add(const Affine &other, int64_t scale);
  /// `i + 1`, `2*i - j`, `0`.
  std::string toString() const;
};

/// A dimension (a constant, or a shape symbol plus an offset) as an Affine.
Affine dimAffine(const ast::Dim &dim);
/// The dimension that an index's Constant or Symbol extent spans.
ast::Dim dimOf(const ast::Extent &extent);

/// The values `[lo, hi)` of one index, affine in shape symbols.
struct IndexRange {
  Affine lo, hi;
};

/// True when every value of `subscript` (affine in indices and shape
/// symbols) provably lies in [0, dim) while each index takes the values of
/// its (non-empty) range in `ranges`, for every value >= 0 of the shape
/// symbols. False when a bound overflows 64 bits.
bool provablyInBounds(const Affine &subscript,
                      const llvm::StringMap<IndexRange> &ranges,
                      const Affine &dim);

} // namespace weft::sema

#endif
