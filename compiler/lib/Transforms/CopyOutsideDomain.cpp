//===- CopyOutsideDomain.cpp - copy only what a domain does not write -----===//
//
// An output that starts as a copy of an input and is then written on a
// domain (`-> B: f32[n, n] = A` with `B[i in 1..n-1, j in 1..n-1] = ...`)
// becomes a whole-array `linalg.copy` whose only use is the destination of
// the domain's `tensor.insert_slice`. Every element inside the slice is
// copied and then overwritten: for a Jacobi sweep that doubles the memory
// traffic of each step. Copying the 2 * rank boxes around the slice instead
// moves only the boundary.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

namespace weft {
#define GEN_PASS_DEF_WEFTCOPYOUTSIDEDOMAIN
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// The insert_slice that overwrites part of `copy`'s result, if that is its
/// only use and the slice is a dense box of the same rank.
tensor::InsertSliceOp overwritingSlice(linalg::CopyOp copy) {
  if (!copy.hasPureTensorSemantics() || !copy->getResult(0).hasOneUse())
    return {};
  OpOperand &use = *copy->getResult(0).use_begin();
  auto insert = dyn_cast<tensor::InsertSliceOp>(use.getOwner());
  if (!insert || &use != &insert.getDestMutable() ||
      insert.getSourceType().getRank() != insert.getDestType().getRank() ||
      !llvm::all_of(insert.getMixedStrides(),
                    [](OpFoldResult s) { return isConstantIntValue(s, 1); }))
    return {};
  return insert;
}

/// Copies the box `offsets`/`sizes` of `source` into `dest`; returns the new
/// destination.
Value copyBox(OpBuilder &b, Location loc, Value source, Value dest,
              ArrayRef<OpFoldResult> offsets, ArrayRef<OpFoldResult> sizes) {
  SmallVector<OpFoldResult> strides(offsets.size(), b.getIndexAttr(1));
  Value from =
      tensor::ExtractSliceOp::create(b, loc, source, offsets, sizes, strides);
  Value to =
      tensor::ExtractSliceOp::create(b, loc, dest, offsets, sizes, strides);
  Value copied = linalg::CopyOp::create(b, loc, from, to).getResult(0);
  return tensor::InsertSliceOp::create(b, loc, copied, dest, offsets, sizes,
                                       strides);
}

void copyOutsideSlice(linalg::CopyOp copy, tensor::InsertSliceOp insert) {
  // The slice's bounds may be computed after the copy: build at the insert.
  OpBuilder b(insert);
  Location loc = copy.getLoc();
  Value source = copy.getInputs()[0];
  Value dest = copy.getOutputs()[0];
  SmallVector<OpFoldResult> extents = tensor::getMixedSizes(b, loc, source);
  AffineExpr s0, s1, s2;
  bindSymbols(b.getContext(), s0, s1, s2);
  auto min = [&](ArrayRef<AffineExpr> exprs, ArrayRef<OpFoldResult> operands) {
    return affine::makeComposedFoldedAffineMin(
        b, loc, AffineMap::get(0, operands.size(), exprs, b.getContext()),
        operands);
  };
  // The slice is [lo, hi) in each dimension, clamped to the extent: a
  // domain that starts past the end (`i in 64..n` with n = 4, or `1..n-1`
  // with n = 0) is empty, and the boxes around it must lie inside the array.
  SmallVector<OpFoldResult> lo, hi, size;
  for (auto [offset, sliceSize, extent] :
       llvm::zip(insert.getMixedOffsets(), insert.getMixedSizes(), extents)) {
    lo.push_back(min({s0, s1}, {offset, extent}));
    hi.push_back(min({s0 + s1, s2}, {offset, sliceSize, extent}));
    size.push_back(affine::makeComposedFoldedAffineApply(
        b, loc, s0 - s1, {hi.back(), lo.back()}));
  }
  // Box d spans the slice in dimensions before d, the whole extent after d,
  // and in d what lies below, then above, the slice.
  for (unsigned d = 0, rank = extents.size(); d < rank; ++d) {
    SmallVector<OpFoldResult> offsets, sizes;
    for (unsigned k = 0; k < rank; ++k) {
      offsets.push_back(k < d ? lo[k] : b.getIndexAttr(0));
      sizes.push_back(k < d ? size[k] : extents[k]);
    }
    OpFoldResult above = affine::makeComposedFoldedAffineApply(
        b, loc, s0 - s1, {extents[d], hi[d]});
    for (auto [offset, extent] :
         {std::pair(OpFoldResult(b.getIndexAttr(0)), lo[d]),
          std::pair(hi[d], above)}) {
      if (isConstantIntValue(extent, 0))
        continue;
      offsets[d] = offset;
      sizes[d] = extent;
      dest = copyBox(b, loc, source, dest, offsets, sizes);
    }
  }
  insert.getDestMutable().assign(dest);
  copy.erase();
}

struct WeftCopyOutsideDomain
    : weft::impl::WeftCopyOutsideDomainBase<WeftCopyOutsideDomain> {
  void runOnOperation() override {
    SmallVector<std::pair<linalg::CopyOp, tensor::InsertSliceOp>> work;
    getOperation().walk([&](linalg::CopyOp copy) {
      if (tensor::InsertSliceOp insert = overwritingSlice(copy))
        work.emplace_back(copy, insert);
    });
    for (auto [copy, insert] : work)
      copyOutsideSlice(copy, insert);
  }
};

} // namespace
