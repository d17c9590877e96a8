//===- WeftToLinalg.h - Weft kernels to func + linalg -----------*- C++ -*-===//
#ifndef WEFT_CONVERSION_WEFTTOLINALG_WEFTTOLINALG_H
#define WEFT_CONVERSION_WEFTTOLINALG_WEFTTOLINALG_H

#include "mlir/IR/PatternMatch.h"

namespace weft {

/// Patterns that turn weft.kernel/return/call into func ops and
/// weft.equation/full into tensor.empty + linalg.fill/linalg.generic.
void populateWeftToLinalgConversionPatterns(mlir::RewritePatternSet &patterns);

} // namespace weft

#endif
