//===- SplitAtPieces.cpp - element-wise equations follow peeled pieces ----===//
//
// A peeled stencil (`n[y, x] += G[y + dy, x + dx]` under `boundary wrap`) is
// built piece by piece: the interior, then strips, each inserted into the
// array. An element-wise equation that reads the whole array (Life's
// `Next[y, x] = select(n[y, x] == 3 || ...)`) then waits for all of it and
// makes a second pass over memory. Computed piece by piece instead, from
// each piece's value, each of its pieces reads what the producer just
// computed, and weft-fuse-equations can fuse the two: the interior of Life
// becomes one loop that reads G and writes Next.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/Passes.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace weft {
#define GEN_PASS_DEF_WEFTSPLITATPIECES
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

bool isUnitStrided(tensor::InsertSliceOp insert) {
  return insert.getSourceType().getRank() == insert.getDestType().getRank() &&
         llvm::all_of(insert.getMixedStrides(), [](OpFoldResult s) {
           return isConstantIntValue(s, 1);
         });
}

/// The inserts that build `value` from a tensor.empty, first to last, if
/// that is how it is built and nothing else reads the partial values.
SmallVector<tensor::InsertSliceOp> piecesOf(Value value) {
  SmallVector<tensor::InsertSliceOp> pieces;
  while (auto insert = value.getDefiningOp<tensor::InsertSliceOp>()) {
    if (!value.hasOneUse() || !isUnitStrided(insert))
      return {};
    pieces.push_back(insert);
    value = insert.getDest();
  }
  if (!value.getDefiningOp<tensor::EmptyOp>())
    return {};
  return {pieces.rbegin(), pieces.rend()};
}

/// Element-wise: only parallel loops, every operand indexed by the loops.
bool isElementwise(linalg::GenericOp op) {
  return op.hasPureTensorSemantics() && op.getNumResults() == 1 &&
         op.getNumLoops() == op.getNumParallelLoops() &&
         llvm::all_of(op.getIndexingMapsArray(),
                      [](AffineMap map) { return map.isIdentity(); });
}

/// An output a generic only writes (its block argument unused) needs no
/// value: a slice of a piece's array there becomes a tensor.empty, so that
/// the array has no reader besides the next insert.
void forgetUnreadOutputs(func::FuncOp func) {
  // Dead sizes of a slice (left by earlier rewrites) would count as readers.
  SmallVector<Operation *> ops;
  func.walk([&](Operation *op) { ops.push_back(op); });
  for (Operation *op : llvm::reverse(ops))
    if (isOpTriviallyDead(op))
      op->erase();
  func.walk([](linalg::GenericOp op) {
    if (!op.hasPureTensorSemantics())
      return;
    for (OpOperand &init : op.getDpsInitsMutable()) {
      auto slice = init.get().getDefiningOp<tensor::ExtractSliceOp>();
      if (!slice || !op.getMatchingBlockArgument(&init).use_empty() ||
          !slice->hasOneUse())
        continue;
      OpBuilder b(slice);
      init.set(tensor::EmptyOp::create(b, slice.getLoc(), slice.getType(),
                                       slice.getDynamicSizes()));
      slice.erase();
    }
  });
}

void splitAtPieces(linalg::GenericOp op, unsigned inputIndex,
                   ArrayRef<tensor::InsertSliceOp> pieces) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  Value result = op.getDpsInits()[0];
  for (tensor::InsertSliceOp piece : pieces) {
    ArrayRef<int64_t> shape = piece.getSourceType().getShape();
    auto sliceOf = [&](Value whole) -> Value {
      auto type = RankedTensorType::get(
          shape, cast<RankedTensorType>(whole.getType()).getElementType());
      return tensor::ExtractSliceOp::create(
          b, loc, type, whole, piece.getMixedOffsets(), piece.getMixedSizes(),
          piece.getMixedStrides());
    };
    SmallVector<Value> inputs;
    for (auto [i, input] : llvm::enumerate(op.getDpsInputs()))
      inputs.push_back(i == inputIndex ? piece.getSource() : sliceOf(input));
    Value init = sliceOf(result);
    IRMapping mapping;
    mapping.map(op.getDpsInputs(), inputs);
    mapping.map(op.getDpsInits()[0], init);
    Operation *part = b.clone(*op, mapping);
    part->getResult(0).setType(cast<RankedTensorType>(init.getType()));
    result = tensor::InsertSliceOp::create(
        b, loc, part->getResult(0), result, piece.getMixedOffsets(),
        piece.getMixedSizes(), piece.getMixedStrides());
  }
  op->getResult(0).replaceAllUsesWith(result);
  op.erase();
  for (tensor::InsertSliceOp piece : llvm::reverse(pieces))
    piece.erase();
}

struct WeftSplitAtPieces
    : weft::impl::WeftSplitAtPiecesBase<WeftSplitAtPieces> {
  void runOnOperation() override {
    forgetUnreadOutputs(getOperation());
    SmallVector<linalg::GenericOp> ops;
    getOperation().walk([&](linalg::GenericOp op) {
      if (isElementwise(op))
        ops.push_back(op);
    });
    for (linalg::GenericOp op : ops) {
      for (auto [i, input] : llvm::enumerate(op.getDpsInputs())) {
        SmallVector<tensor::InsertSliceOp> pieces = piecesOf(input);
        if (pieces.size() < 2)
          continue;
        splitAtPieces(op, i, pieces);
        break;
      }
    }
  }
};

} // namespace
