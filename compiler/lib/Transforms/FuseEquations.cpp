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

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
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

struct WeftFuseEquations
    : weft::impl::WeftFuseEquationsBase<WeftFuseEquations> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    linalg::populateElementwiseOpsFusionPatterns(patterns,
                                                 readsEachElementOnce);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
