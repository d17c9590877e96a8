//===- SplitWholeReductions.cpp - whole-array reductions by rows ----------===//
//
// A whole-array reduction (`d += x[i, j] * y[i, j]`) has no parallel loop,
// so weft-parallelize-rows leaves it to one thread: in a conjugate-gradient
// iteration its three dot products ran serially while the other thread
// waited. Reducing each row into a partial result first makes the big loop
// parallel over rows; only the short sum of the partials stays serial.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/Passes.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"

namespace weft {
#define GEN_PASS_DEF_WEFTSPLITWHOLEREDUCTIONS
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// The op that combines `accumulator` with the next value and yields
/// `yielded`, if it may combine partial results in any order: an integer op
/// with a neutral element, or a float one marked `reassoc` (by
/// weft-reassociate-reductions). The accumulator must have no other use.
Operation *findCombiner(BlockArgument accumulator, Value yielded) {
  Operation *combiner = yielded.getDefiningOp();
  if (!combiner || combiner->getNumOperands() != 2 ||
      !accumulator.hasOneUse() ||
      !llvm::is_contained(combiner->getOperands(), Value(accumulator)) ||
      !arith::getNeutralElement(combiner))
    return nullptr;
  if (auto fm = dyn_cast<arith::ArithFastMathInterface>(combiner))
    if (!bitEnumContainsAll(fm.getFastMathFlagsAttr().getValue(),
                            arith::FastMathFlags::reassoc))
      return nullptr;
  return combiner;
}

/// A reduction over every loop (two or more) into one 0-d buffer.
Operation *wholeReductionCombiner(linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumLoops() < 2 ||
      op.getNumReductionLoops() != op.getNumLoops() ||
      op.getNumDpsInits() != 1 || op->getParentOfType<scf::ForallOp>())
    return nullptr;
  OpOperand *init = op.getDpsInitOperand(0);
  if (cast<MemRefType>(init->get().getType()).getRank() != 0)
    return nullptr;
  auto yield = cast<linalg::YieldOp>(op.getBody()->getTerminator());
  return findCombiner(op.getMatchingBlockArgument(init), yield.getOperand(0));
}

/// partial[i] = the reduction of row i (starting from the neutral element),
/// then out = out combined with every partial[i].
void splitByRows(linalg::GenericOp op, Operation *combiner,
                 IRRewriter &rewriter) {
  MLIRContext *ctx = op.getContext();
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  Value out = op.getDpsInitOperand(0)->get();
  Type elem = cast<MemRefType>(out.getType()).getElementType();
  Value rows = getValueOrCreateConstantIndexOp(
      rewriter, loc,
      cast<linalg::LinalgOp>(*op).createLoopRanges(rewriter, loc).front().size);
  Value partial = memref::AllocOp::create(
      rewriter, loc, MemRefType::get({ShapedType::kDynamic}, elem), rows);
  Value neutral = arith::ConstantOp::create(
      rewriter, loc, *arith::getNeutralElement(combiner));
  linalg::FillOp::create(rewriter, loc, neutral, partial);

  // The same body, with the outermost loop parallel and the result per row.
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  maps.back() = AffineMap::get(op.getNumLoops(), 0,
                               getAffineDimExpr(0, ctx), ctx);
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  iterators.front() = utils::IteratorType::parallel;
  auto byRows = linalg::GenericOp::create(
      rewriter, loc, TypeRange{}, op.getDpsInputs(), ValueRange{partial},
      maps, iterators);
  rewriter.inlineRegionBefore(op.getRegion(), byRows.getRegion(),
                              byRows.getRegion().begin());

  AffineMap row = AffineMap::getMultiDimIdentityMap(1, ctx);
  AffineMap whole = AffineMap::get(1, 0, {}, ctx);
  linalg::GenericOp::create(
      rewriter, loc, TypeRange{}, ValueRange{partial}, ValueRange{out},
      ArrayRef<AffineMap>{row, whole},
      ArrayRef<utils::IteratorType>{utils::IteratorType::reduction},
      [&](OpBuilder &b, Location l, ValueRange args) {
        // The combiner again, on (out, partial) where it had (acc, value).
        BlockArgument acc = byRows.getMatchingBlockArgument(
            byRows.getDpsInitOperand(0));
        IRMapping mapping;
        for (Value operand : combiner->getOperands())
          mapping.map(operand, operand == acc ? args[1] : args[0]);
        Operation *combined = b.clone(*combiner, mapping);
        linalg::YieldOp::create(b, l, combined->getResults());
      });
  memref::DeallocOp::create(rewriter, loc, partial);
  rewriter.eraseOp(op);
}

struct SplitWholeReductionsPass
    : weft::impl::WeftSplitWholeReductionsBase<SplitWholeReductionsPass> {
  void runOnOperation() override {
    SmallVector<std::pair<linalg::GenericOp, Operation *>> ops;
    getOperation().walk([&](linalg::GenericOp op) {
      if (Operation *combiner = wholeReductionCombiner(op))
        ops.push_back({op, combiner});
    });
    IRRewriter rewriter(&getContext());
    for (auto [op, combiner] : ops)
      splitByRows(op, combiner, rewriter);
  }
};

} // namespace
