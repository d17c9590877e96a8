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

/// CUDA allows 2^31 - 1 blocks along x but 65535 along y and z.
constexpr int64_t maxGridBlocksYZ = 65535;

/// Gives block dimension `d` (mapped to y or z) at most maxGridBlocksYZ
/// blocks per launch: the block loop goes in a host loop over chunks of
/// that many blocks, one launch each (one chunk unless the dimension is
/// huge: 600000 rows of 8-row blocks would need 75000 blocks). Chunks are
/// whole blocks, so no element is computed twice.
void capGridDimension(scf::ParallelOp blocks, unsigned d) {
  OpBuilder b(blocks);
  Location loc = blocks.getLoc();
  Value upper = blocks.getUpperBound()[d];
  Value chunk = arith::MulIOp::create(
      b, loc, blocks.getStep()[d],
      arith::ConstantIndexOp::create(b, loc, maxGridBlocksYZ));
  auto chunks =
      scf::ForOp::create(b, loc, blocks.getLowerBound()[d], upper, chunk);
  blocks->moveBefore(chunks.getBody()->getTerminator());
  b.setInsertionPoint(blocks);
  Value start = chunks.getInductionVar();
  Value end = arith::MinSIOp::create(
      b, loc, upper, arith::AddIOp::create(b, loc, start, chunk));
  blocks.getLowerBoundMutable()[d].set(start);
  blocks.getUpperBoundMutable()[d].set(end);
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
      scf::ParallelOp blocks =
          scf::tileParallelLoop(op, shape, /*noMinMaxBounds=*/true).first;
      // innermost-first mapping: the last dimension is x, then y, then z.
      unsigned rank = blocks.getNumLoops();
      for (unsigned d = rank > 3 ? rank - 3 : 0; d + 1 < rank; ++d)
        capGridDimension(blocks, d);
    }
  }
};

} // namespace
