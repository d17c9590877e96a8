//===- BufferRoots.cpp - which buffer a memref views ----------------------===//
#include "weft/Transforms/BufferRoots.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;

Value weft::rootOf(Value memref) {
  while (auto view = memref.getDefiningOp<ViewLikeOpInterface>())
    memref = view.getViewSource();
  return memref;
}

bool weft::isAllocation(Value root) {
  return root.getDefiningOp<memref::AllocOp>() ||
         root.getDefiningOp<memref::AllocaOp>();
}

bool weft::mayAlias(Value rootA, Value rootB) {
  return rootA == rootB || (!isAllocation(rootA) && !isAllocation(rootB));
}
