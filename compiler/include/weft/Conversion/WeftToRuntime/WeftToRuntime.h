//===- WeftToRuntime.h - Weft host ops to runtime calls ---------*- C++ -*-===//
#ifndef WEFT_CONVERSION_WEFTTORUNTIME_WEFTTORUNTIME_H
#define WEFT_CONVERSION_WEFTTORUNTIME_WEFTTORUNTIME_H

#include "mlir/IR/PatternMatch.h"

namespace weft {

/// Patterns that turn weft.print/random/load/save/clock/check_extent into
/// calls of the C functions of runtime/include/weft/runtime.h. They declare
/// those functions and the string constants they need in the enclosing module.
void populateWeftToRuntimeConversionPatterns(mlir::RewritePatternSet &patterns);

} // namespace weft

#endif
