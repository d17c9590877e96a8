//===- BufferRoots.h - which buffer a memref views ------------------------===//
#ifndef WEFT_TRANSFORMS_BUFFERROOTS_H
#define WEFT_TRANSFORMS_BUFFERROOTS_H

#include "mlir/IR/Value.h"

namespace weft {

/// The buffer a memref views, through subviews and other view ops.
mlir::Value rootOf(mlir::Value memref);

/// A buffer this function allocates cannot share memory with another root.
bool isAllocation(mlir::Value root);

/// Two roots may share memory unless they differ and one is an allocation.
bool mayAlias(mlir::Value rootA, mlir::Value rootB);

} // namespace weft

#endif // WEFT_TRANSFORMS_BUFFERROOTS_H
