//===- TileParallelLoops.cpp - split parallel loops into GPU blocks -------===//
#include "weft/Gpu/Passes.h"

#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

#include <algorithm>

namespace weft {
#define GEN_PASS_DEF_WEFTGPUTILEPARALLELLOOPS
#include "weft/Gpu/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// The thread-block shape for a loop of `rank` dimensions, outermost first:
/// 256 threads, the innermost (contiguous) dimension a multiple of a warp
/// where it can be. Dimensions past the third run whole in one thread.
SmallVector<int64_t> blockShape(unsigned rank) {
  switch (rank) {
  case 1:
    return {256};
  case 2:
    return {8, 32};
  default: {
    SmallVector<int64_t> shape(rank, 1);
    shape[rank - 3] = 2;
    shape[rank - 2] = 4;
    shape[rank - 1] = 32;
    return shape;
  }
  }
}

struct TileParallelLoops
    : public weft::impl::WeftGpuTileParallelLoopsBase<TileParallelLoops> {
  void runOnOperation() override {
    SmallVector<scf::ParallelOp> outermost;
    getOperation().walk([&](scf::ParallelOp op) {
      if (!op->getParentOfType<scf::ParallelOp>())
        outermost.push_back(op);
    });
    for (scf::ParallelOp op : outermost) {
      SmallVector<int64_t> shape = blockShape(op.getNumLoops());
      // A block no larger than a dimension of known extent: the one-thread
      // loops of weft-gpu-wrap-serial-ops stay one thread.
      for (unsigned d = 0; d < shape.size(); ++d) {
        std::optional<int64_t> lower = getConstantIntValue(op.getLowerBound()[d]);
        std::optional<int64_t> upper = getConstantIntValue(op.getUpperBound()[d]);
        std::optional<int64_t> step = getConstantIntValue(op.getStep()[d]);
        if (lower && upper && step && *step > 0)
          shape[d] = std::clamp<int64_t>((*upper - *lower + *step - 1) / *step,
                                         1, shape[d]);
      }
      scf::tileParallelLoop(op, shape, /*noMinMaxBounds=*/true);
    }
  }
};

} // namespace
