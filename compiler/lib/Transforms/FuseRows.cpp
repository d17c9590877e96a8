//===- FuseRows.cpp - one loop over rows for reduction chains -------------===//
//
// After weft-fuse-equations, softmax is still three loop nests over the
// whole matrix (row max, row sum of exp, divide), each reading X from memory.
// Tiling the last equation by one row and fusing its producers into that
// loop computes max, sum and result one row at a time, so a row is read from
// memory once and the other passes over it hit the cache. Producers are
// fused only when the row loop needs just a row of them; a producer that
// every row needs whole (a column sum) stays outside the loop and runs once.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/Passes.h"

#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/SmallBitVector.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace weft {
#define GEN_PASS_DEF_WEFTFUSEROWS
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

bool hasReductionLoop(Operation *op) {
  auto linalgOp = dyn_cast_or_null<linalg::LinalgOp>(op);
  return linalgOp && linalgOp.getNumReductionLoops() > 0;
}

/// The last equation of a chain that reads a reduction: at least two loops,
/// the outermost parallel, and no result read by another linalg op.
bool isChainEnd(linalg::GenericOp op) {
  if (op.getNumLoops() < 2 ||
      op.getIteratorTypesArray().front() != utils::IteratorType::parallel)
    return false;
  for (Operation *user : op->getUsers())
    if (isa<linalg::LinalgOp>(user))
      return false;
  return llvm::any_of(op.getDpsInputs(), [](Value input) {
    return hasReductionLoop(input.getDefiningOp());
  });
}

/// The loops of `producer` that the row loop tiles: those whose index gives a
/// dimension of `result` that `slice` takes at an offset moving with the row.
llvm::SmallBitVector tiledLoops(linalg::LinalgOp producer, OpResult result,
                                tensor::ExtractSliceOp slice) {
  llvm::SmallBitVector tiled(producer.getNumLoops());
  AffineMap map = producer.getIndexingMapMatchingResult(result);
  for (auto [offset, expr] :
       llvm::zip_equal(slice.getMixedOffsets(), map.getResults()))
    if (!getConstantIntValue(offset))
      if (auto dim = dyn_cast<AffineDimExpr>(expr))
        tiled.set(dim.getPosition());
  return tiled;
}

/// Fuse a producer into the row loop only when the loop reads a slice of it
/// that moves with the row and computing that slice reads only rows of the
/// producer's own inputs. Otherwise (a column sum, whose slice is the whole
/// result; a matmul row, which reads all of B) the producer stays outside
/// and runs once, instead of once a row over data the loop cannot shrink.
std::optional<scf::SCFTileAndFuseOptions::ControlFnResult>
fuseIfRowSliced(tensor::ExtractSliceOp slice, OpResult result, bool) {
  auto producer = dyn_cast<linalg::LinalgOp>(result.getOwner());
  if (!producer)
    return std::nullopt;
  llvm::SmallBitVector tiled = tiledLoops(producer, result, slice);
  if (tiled.none())
    return std::nullopt;
  for (OpOperand *input : producer.getDpsInputOperands()) {
    AffineMap map = producer.getMatchingIndexingMap(input);
    bool readsByRow = map.getNumResults() == 0 ||
                      llvm::any_of(tiled.set_bits(), [&](unsigned loop) {
                        return map.isFunctionOfDim(loop);
                      });
    if (!readsByRow)
      return std::nullopt;
  }
  return scf::SCFTileAndFuseOptions::ControlFnResult{};
}

struct WeftFuseRows : weft::impl::WeftFuseRowsBase<WeftFuseRows> {
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> chainEnds;
    getOperation().walk([&](linalg::GenericOp op) {
      if (isChainEnd(op))
        chainEnds.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::GenericOp op : chainEnds)
      fuseIntoRowLoop(rewriter, op);

    // Slices of the temporaries' tensor.empty become row-sized empties.
    RewritePatternSet patterns(&getContext());
    tensor::populateFoldTensorEmptyPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }

  /// Tiles `op` by one row and fuses its row-sliced producers into the loop.
  /// An equation that cannot be tiled is left as it is.
  void fuseIntoRowLoop(IRRewriter &rewriter, linalg::GenericOp op) {
    SmallVector<OpFoldResult> tileSizes(op.getNumLoops(),
                                        rewriter.getIndexAttr(0));
    tileSizes.front() = rewriter.getIndexAttr(1);
    scf::SCFTileAndFuseOptions options;
    options.tilingOptions.setTileSizes(tileSizes);
    // Rows are independent: an scf.forall, which weft-to-loops runs on
    // OpenMP threads (or serially with --threads=1).
    options.tilingOptions.setLoopType(
        scf::SCFTilingOptions::LoopType::ForallOp);
    options.setFusionControlFn(fuseIfRowSliced);
    rewriter.setInsertionPoint(op);
    FailureOr<scf::SCFTileAndFuseResult> fused =
        scf::tileConsumerAndFuseProducersUsingSCF(
            rewriter, cast<TilingInterface>(op.getOperation()), options);
    if (failed(fused))
      return;
    for (OpResult result : op->getResults())
      rewriter.replaceAllUsesWith(result, fused->replacements.lookup(result));
    rewriter.eraseOp(op);
  }
};

} // namespace
