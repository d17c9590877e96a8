//===- ReciprocalDivisors.cpp - multiply by the reciprocal of a row value -===//
//
// Softmax's Y[r, c] = e[r, c] / s[r] divides every element of a row by the
// same s[r]. A vector division costs several times a multiplication (and
// cannot overlap with much else), so the division becomes a multiplication
// by 1 / s[r], which LLVM computes once per row: the reciprocal does not
// depend on the loop it is in, and LICM hoists it. The result may differ
// from the correctly rounded quotient by a few ULP (docs/language.md,
// "Floating-point accuracy").
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/Passes.h"

namespace weft {
#define GEN_PASS_DEF_WEFTRECIPROCALDIVISORS
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// The divisor stays the same along the innermost loop of `op`: it is read
/// from an input whose subscripts do not use that loop, or comes from
/// outside the op.
bool isInvariantAlongRows(linalg::GenericOp op, Value divisor) {
  if (!op->isAncestor(divisor.getParentRegion()->getParentOp()))
    return true;
  auto arg = dyn_cast<BlockArgument>(divisor);
  if (!arg || arg.getOwner() != op.getBody() ||
      arg.getArgNumber() >= op.getNumDpsInputs())
    return false;
  AffineMap map =
      op.getMatchingIndexingMap(op.getDpsInputOperand(arg.getArgNumber()));
  return !map.isFunctionOfDim(op.getNumLoops() - 1);
}

struct WeftReciprocalDivisors
    : weft::impl::WeftReciprocalDivisorsBase<WeftReciprocalDivisors> {
  void runOnOperation() override {
    getOperation().walk([](linalg::GenericOp op) {
      if (op.getNumLoops() == 0)
        return;
      SmallVector<arith::DivFOp> divisions;
      op.getBody()->walk([&](arith::DivFOp div) {
        if (isa<FloatType>(div.getType()) &&
            isInvariantAlongRows(op, div.getRhs()))
          divisions.push_back(div);
      });
      for (arith::DivFOp div : divisions) {
        OpBuilder builder(div);
        Location loc = div.getLoc();
        Value one = arith::ConstantOp::create(
            builder, loc, builder.getFloatAttr(div.getType(), 1.0));
        Value reciprocal = arith::DivFOp::create(
            builder, loc, one, div.getRhs(), div.getFastmathAttr());
        Value product = arith::MulFOp::create(
            builder, loc, div.getLhs(), reciprocal, div.getFastmathAttr());
        div.replaceAllUsesWith(product);
        div.erase();
      }
    });
  }
};

} // namespace
