//===- AllocationBytes.cpp - the static part of an allocation's size -----===//
#include "weft/Transforms/AllocationBytes.h"

#include "mlir/Interfaces/DataLayoutInterfaces.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;

std::optional<int64_t> weft::staticAllocationBytes(memref::AllocOp alloc) {
  MemRefType type = alloc.getType();
  uint64_t bytes =
      DataLayout::closest(alloc).getTypeSize(type.getElementType());
  for (int64_t extent : type.getShape()) {
    if (ShapedType::isDynamic(extent))
      continue;
    bool overflow = false;
    bytes = llvm::SaturatingMultiply(bytes, uint64_t(extent), &overflow);
    if (overflow || bytes > uint64_t(INT64_MAX))
      return std::nullopt;
  }
  return int64_t(bytes);
}
