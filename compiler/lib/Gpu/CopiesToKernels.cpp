//===- CopiesToKernels.cpp - array copies as GPU kernels ------------------===//
#include "weft/Gpu/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace weft {
#define GEN_PASS_DEF_WEFTGPUCOPIESTOKERNELS
#include "weft/Gpu/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// Whether `array` is (a view of) a memref.global, which lives in host
/// memory that a kernel may not reach.
bool viewsGlobal(Value array) {
  while (Operation *def = array.getDefiningOp()) {
    if (isa<memref::GetGlobalOp>(def))
      return true;
    if (auto view = dyn_cast<ViewLikeOpInterface>(def))
      array = view.getViewSource();
    else if (auto cast = dyn_cast<memref::CastOp>(def))
      array = cast.getSource();
    else
      return false;
  }
  return false;
}

struct CopiesToKernels
    : public weft::impl::WeftGpuCopiesToKernelsBase<CopiesToKernels> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp copy) {
      if (!viewsGlobal(copy.getSource()) && !viewsGlobal(copy.getTarget()) &&
          isa<MemRefType>(copy.getSource().getType()))
        copies.push_back(copy);
    });
    for (memref::CopyOp copy : copies) {
      OpBuilder b(copy);
      linalg::CopyOp::create(b, copy.getLoc(), copy.getSource(),
                             copy.getTarget());
      copy.erase();
    }
  }
};

} // namespace
