//===- ParallelizeRows.cpp - independent row tiles for threads ------------===//
//
// The threads split an op's outermost parallel loop statically (see the
// pass description): on this machine a thread that keeps its rows across
// time steps keeps them in its cache, which dynamic strips lose.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

namespace weft {
#define GEN_PASS_DEF_WEFTPARALLELIZEROWS
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

bool hasParallelOuterLoop(linalg::LinalgOp op) {
  return op.hasPureBufferSemantics() && op.getNumLoops() > 0 &&
         op.getIteratorTypesArray().front() == utils::IteratorType::parallel &&
         !op->getParentOfType<scf::ForallOp>();
}

struct ParallelizeRowsPass
    : weft::impl::WeftParallelizeRowsBase<ParallelizeRowsPass> {
  using Base::Base;

  void runOnOperation() override {
    if (blockSize < 1) {
      getOperation().emitError(
          "weft-parallelize-rows: block-size must be positive");
      return signalPassFailure();
    }
    SmallVector<linalg::LinalgOp> ops;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (hasParallelOuterLoop(op))
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops) {
      int64_t rows = op.getNumLoops() == 1 ? int64_t(blockSize) : 1;
      scf::SCFTilingOptions options;
      options.setTileSizes(getAsIndexOpFoldResult(&getContext(), {rows}));
      options.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
      rewriter.setInsertionPoint(op);
      if (failed(scf::tileUsingSCF(rewriter, cast<TilingInterface>(*op),
                                   options))) {
        op.emitError("weft-parallelize-rows: cannot tile this op");
        return signalPassFailure();
      }
      rewriter.eraseOp(op); // on buffers the tiles write the result
    }
  }
};

} // namespace
