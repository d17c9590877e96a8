//===- FuseEquations.cpp - element-wise equations into their readers -----===//
//
// convert-weft-to-linalg gives every equation its own linalg.generic and its
// own temporary, so softmax's `e = exp(X - m)` is written to memory by one
// loop nest and read back by two more. Inlining element-wise producers into
// the generics that read them element for element removes those temporaries
// and their memory traffic; linalg's element-wise fusion patterns do the
// rewriting, this pass chooses what to fuse.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace weft {
#define GEN_PASS_DEF_WEFTFUSEEQUATIONS
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// Fuses a producer only where its consumer reads it at a permutation of the
/// consumer's loops, i.e. each element once: `q[r]` read by a `[r, c]`
/// equation would otherwise be computed again for every `c`. (linalg's
/// patterns already require the producer to be element-wise.) A producer
/// with several such readers is computed once in each: cheaper than a write
/// and a read of a whole temporary for element-wise math, exp included once
/// weft-fast-math has inlined it.
///
/// A producer that reads what it overwrites (weft-write-in-place's
/// `outs(%x)`) is not fused: its consumer would read x after it, and
/// bufferization would have to copy x first.
bool readsEachElementOnce(OpOperand *fusedOperand) {
  auto consumer = dyn_cast<linalg::LinalgOp>(fusedOperand->getOwner());
  auto producer = fusedOperand->get().getDefiningOp<linalg::GenericOp>();
  return consumer && producer &&
         consumer.getMatchingIndexingMap(fusedOperand).isPermutation() &&
         llvm::none_of(producer.getDpsInitsMutable(), [&](OpOperand &init) {
           return producer.payloadUsesValueFromOperand(&init);
         });
}

/// A fused producer may make a reduction's combiner fold to its absorbing
/// value (`p[r] min= t[r, c]` with `t = u8(0) * x` yields 0), after which the
/// payload no longer reads the accumulator. linalg's fusion patterns then
/// replace the init (the identity's fill) with `tensor.empty`, which is
/// right only if every output element is combined at least once: over an
/// empty reduction range the result must be the init. Before they can, this
/// pattern (of higher benefit) computes the reduction from `tensor.empty`
/// and selects the old init when the reduction range is empty.
struct KeepInitOfEmptyReduction : OpRewritePattern<linalg::GenericOp> {
  KeepInitOfEmptyReduction(MLIRContext *context)
      : OpRewritePattern(context, /*benefit=*/2) {}

  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics() || op.getNumReductionLoops() == 0)
      return failure();
    SmallVector<OpOperand *> ignoredInits;
    for (OpOperand &init : op.getDpsInitsMutable())
      if (!op.payloadUsesValueFromOperand(&init) &&
          !init.get().getDefiningOp<tensor::EmptyOp>())
        ignoredInits.push_back(&init);
    if (ignoredInits.empty())
      return failure();
    Location loc = op.getLoc();
    rewriter.setInsertionPoint(op);
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value nonEmpty = arith::ConstantIntOp::create(rewriter, loc, 1, 1);
    SmallVector<Range, 4> ranges = cast<linalg::LinalgOp>(op.getOperation())
                                       .createLoopRanges(rewriter, loc);
    for (auto [range, iterator] :
         llvm::zip(ranges, op.getIteratorTypesArray())) {
      if (iterator != utils::IteratorType::reduction)
        continue;
      Value size = getValueOrCreateConstantIndexOp(rewriter, loc, range.size);
      Value positive = arith::CmpIOp::create(
          rewriter, loc, arith::CmpIPredicate::sgt, size, zero);
      nonEmpty = arith::AndIOp::create(rewriter, loc, nonEmpty, positive);
    }
    for (OpOperand *init : ignoredInits) {
      Value oldInit = init->get();
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPoint(op);
      Value empty = tensor::EmptyOp::create(
          rewriter, loc, tensor::getMixedSizes(rewriter, loc, oldInit),
          getElementTypeOrSelf(oldInit.getType()));
      rewriter.modifyOpInPlace(op, [&] { init->set(empty); });
      Value result = op.getTiedOpResult(init);
      rewriter.setInsertionPointAfter(op);
      Value selected =
          arith::SelectOp::create(rewriter, loc, nonEmpty, result, oldInit);
      rewriter.replaceAllUsesExcept(result, selected, selected.getDefiningOp());
    }
    return success();
  }
};

struct WeftFuseEquations
    : weft::impl::WeftFuseEquationsBase<WeftFuseEquations> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    linalg::populateElementwiseOpsFusionPatterns(patterns,
                                                 readsEachElementOnce);
    patterns.add<KeepInitOfEmptyReduction>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
