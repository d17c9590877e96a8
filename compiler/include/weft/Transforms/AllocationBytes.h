//===- AllocationBytes.h - the static part of an allocation's size -------===//
#ifndef WEFT_TRANSFORMS_ALLOCATIONBYTES_H
#define WEFT_TRANSFORMS_ALLOCATIONBYTES_H

#include "mlir/Dialect/MemRef/IR/MemRef.h"

#include <optional>

namespace weft {

/// The element size (in bytes, as the data layout stores it) times the
/// allocation's static extents, which is its whole size when it has no
/// dynamic extent; nullopt when that product does not fit in an int64_t.
std::optional<int64_t> staticAllocationBytes(mlir::memref::AllocOp alloc);

} // namespace weft

#endif // WEFT_TRANSFORMS_ALLOCATIONBYTES_H
