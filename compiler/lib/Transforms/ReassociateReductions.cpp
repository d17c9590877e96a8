//===- ReassociateReductions.cpp - let reductions be vectorised -----------===//
//
// A float sum `s[r] += e[r, c]` written as one accumulator is a chain of
// dependent adds that no vectoriser may split without `reassoc`: LLVM keeps
// it scalar, one element per add latency. Marking the combiner `reassoc`
// allows partial sums per vector lane, added up at the end. The result may
// then differ from the sequential sum by rounding (usually it is closer to
// the exact sum); max and min are associative and do not change.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/Passes.h"

namespace weft {
#define GEN_PASS_DEF_WEFTREASSOCIATEREDUCTIONS
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// The float op that yields `yielded` by combining `accumulator` with a new
/// value, if that is what yields it.
arith::ArithFastMathInterface findCombiner(BlockArgument accumulator,
                                           Value yielded) {
  Operation *combiner = yielded.getDefiningOp();
  if (!isa_and_nonnull<arith::AddFOp, arith::MulFOp, arith::MaximumFOp,
                       arith::MinimumFOp>(combiner) ||
      !llvm::is_contained(combiner->getOperands(), Value(accumulator)))
    return {};
  return cast<arith::ArithFastMathInterface>(combiner);
}

struct WeftReassociateReductions
    : weft::impl::WeftReassociateReductionsBase<WeftReassociateReductions> {
  void runOnOperation() override {
    getOperation().walk([](linalg::GenericOp op) {
      if (op.getNumReductionLoops() == 0)
        return;
      auto yield = cast<linalg::YieldOp>(op.getBody()->getTerminator());
      for (OpOperand &init : op.getDpsInitsMutable()) {
        unsigned result = init.getOperandNumber() - op.getNumDpsInputs();
        auto combiner = findCombiner(op.getMatchingBlockArgument(&init),
                                     yield.getOperand(result));
        if (!combiner)
          continue;
        arith::FastMathFlags flags =
            combiner.getFastMathFlagsAttr().getValue() |
            arith::FastMathFlags::reassoc;
        combiner->setAttr(
            combiner.getFastMathAttrName(),
            arith::FastMathFlagsAttr::get(op.getContext(), flags));
      }
    });
  }
};

} // namespace
