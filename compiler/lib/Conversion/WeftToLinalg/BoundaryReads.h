//===- BoundaryReads.h - weft.read to tensor.extract -----------*- C++ -*-===//
//
// Private to the WeftToLinalg conversion.
//
//===----------------------------------------------------------------------===//
#ifndef WEFT_LIB_CONVERSION_WEFTTOLINALG_BOUNDARYREADS_H
#define WEFT_LIB_CONVERSION_WEFTTOLINALG_BOUNDARYREADS_H

#include "weft/Dialect/Weft/IR/WeftOps.h"

#include "mlir/IR/Builders.h"

namespace weft {

/// Emits, before an equation's loops, the run-time check that `array` (the
/// array `read` reads with boundary wrap, clamp or mirror) has an element
/// to read, unless the equation runs `iterations` = 0 times.
void checkReadable(mlir::OpBuilder &b, ReadOp read, mlir::Value array,
                   mlir::Value iterations);

/// Emits the element that `read` reads, with its boundary policy applied to
/// `subscripts`: index arithmetic, run-time checks and a tensor.extract
/// (inside an scf.if for boundary <constant>). `array`, `subscripts` and
/// `padding` are the read's operands as mapped into the new body; `bases`
/// holds, per dimension, the value of the index the read's `bases` names
/// (null for -1 or none).
mlir::Value expandRead(mlir::OpBuilder &b, ReadOp read, mlir::Value array,
                       mlir::ValueRange subscripts,
                       llvm::ArrayRef<mlir::Value> bases, mlir::Value padding);

} // namespace weft

#endif
