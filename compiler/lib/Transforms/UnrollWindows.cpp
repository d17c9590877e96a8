//===- UnrollWindows.cpp - small constant reductions into the body --------===//
//
// A window equation (`n[y, x] += G[y + dy, x + dx] for dy in -1..=1, ...`)
// is a linalg.generic whose innermost loops run over the 3 x 3 window. As a
// loop nest, every output element is loaded and stored once per window
// point, behind loops of 3 iterations that LLVM's vectoriser sees inside
// the loop it should vectorise. With the window unrolled into the body, the
// op has only parallel loops: each element reads its 9 neighbours and is
// stored once, and the innermost loop runs along a row, unit stride.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/Passes.h"

#include "mlir/IR/IRMapping.h"

namespace weft {
#define GEN_PASS_DEF_WEFTUNROLLWINDOWS
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// The window's extents (those of the reduction loops), if all are static
/// and they hold at most `maxPoints` points.
std::optional<SmallVector<int64_t>> windowOf(linalg::GenericOp op,
                                             int64_t maxPoints) {
  if (!op.hasPureTensorSemantics() || op.getNumReductionLoops() == 0)
    return std::nullopt;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<int64_t> window;
  int64_t points = 1;
  for (auto [range, type] : llvm::zip(ranges, op.getIteratorTypesArray())) {
    if (type != utils::IteratorType::reduction)
      continue;
    if (ShapedType::isDynamic(range) || range < 1)
      return std::nullopt;
    points *= range;
    if (points > maxPoints)
      return std::nullopt;
    window.push_back(range);
  }
  return window;
}

/// Every point of the window, in the order the loops visit them.
SmallVector<SmallVector<int64_t>> pointsOf(ArrayRef<int64_t> window) {
  SmallVector<SmallVector<int64_t>> points(1);
  for (int64_t extent : window) {
    SmallVector<SmallVector<int64_t>> longer;
    for (const SmallVector<int64_t> &prefix : points)
      for (int64_t i = 0; i < extent; ++i) {
        longer.push_back(prefix);
        longer.back().push_back(i);
      }
    points = std::move(longer);
  }
  return points;
}

/// The offset added to each result of `map` when each is a loop index plus
/// a constant (`(y, x) -> (y + 1, x)`), which is how stencil reads look.
std::optional<SmallVector<int64_t>> shiftsOf(AffineMap map) {
  SmallVector<int64_t> shifts;
  for (AffineExpr result : map.getResults()) {
    if (isa<AffineDimExpr>(result)) {
      shifts.push_back(0);
      continue;
    }
    auto sum = dyn_cast<AffineBinaryOpExpr>(result);
    if (!sum || sum.getKind() != AffineExprKind::Add ||
        !isa<AffineDimExpr>(sum.getLHS()))
      return std::nullopt;
    auto shift = dyn_cast<AffineConstantExpr>(sum.getRHS());
    if (!shift || shift.getValue() < 0)
      return std::nullopt;
    shifts.push_back(shift.getValue());
  }
  return shifts;
}

/// Whether `map` reads `input` at a constant point (a filter's `W[dy, dx]`)
/// that lies inside it: a dynamic-size input may be smaller when the op's
/// loops do not run, so only static ones count.
bool isConstantRead(Value input, AffineMap map) {
  auto type = dyn_cast<RankedTensorType>(input.getType());
  if (!map.isConstant() || !type || !type.hasStaticShape())
    return false;
  return llvm::all_of(llvm::zip(map.getConstantResults(), type.getShape()),
                      [](auto pair) {
                        auto [at, extent] = pair;
                        return at >= 0 && at < extent;
                      });
}

/// Unrolls `op`'s window; does nothing when a read would be neither a loop
/// index plus a constant nor at a constant point of a static-size input.
void unrollWindow(linalg::GenericOp op, ArrayRef<int64_t> window) {
  MLIRContext *ctx = op.getContext();
  SmallVector<utils::IteratorType> types = op.getIteratorTypesArray();
  unsigned numLoops = types.size();
  // Where each parallel loop goes among the new op's loops, and each
  // reduction loop among the window's coordinates.
  SmallVector<int64_t> newDim(numLoops, -1), windowDim(numLoops, -1);
  unsigned numParallel = 0, numWindow = 0;
  for (unsigned d = 0; d < numLoops; ++d) {
    if (types[d] == utils::IteratorType::parallel)
      newDim[d] = numParallel++;
    else
      windowDim[d] = numWindow++;
  }

  auto mapAt = [&](AffineMap map, ArrayRef<int64_t> point) {
    SmallVector<AffineExpr> dims;
    for (unsigned d = 0; d < numLoops; ++d)
      dims.push_back(newDim[d] >= 0
                         ? getAffineDimExpr(newDim[d], ctx)
                         : getAffineConstantExpr(point[windowDim[d]], ctx));
    return simplifyAffineMap(map.replaceDimsAndSymbols(
        dims, {}, numParallel, map.getNumSymbols()));
  };

  // One input per distinct (value, map) read at some window point; inputs
  // the body never reads (the window's shape operand) are dropped. A read
  // at a constant point is one element, extracted once before the op (the
  // filter stays in registers).
  SmallVector<SmallVector<int64_t>> points = pointsOf(window);
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  // For each point and old input, the index of its new input, or the
  // point of the input it reads (extracted below).
  SmallVector<SmallVector<int64_t>> inputAt(points.size());
  SmallVector<DenseMap<unsigned, AffineMap>> elementAt(points.size());
  for (auto [p, point] : llvm::enumerate(points)) {
    for (OpOperand *input : op.getDpsInputOperands()) {
      if (op.getMatchingBlockArgument(input).use_empty()) {
        inputAt[p].push_back(-1);
        continue;
      }
      AffineMap map = mapAt(op.getMatchingIndexingMap(input), point);
      if (isConstantRead(input->get(), map)) {
        elementAt[p][inputAt[p].size()] = map;
        inputAt[p].push_back(-1);
        continue;
      }
      int64_t index = 0;
      while (index < int64_t(inputs.size()) &&
             (inputs[index] != input->get() || maps[index] != map))
        ++index;
      if (index == int64_t(inputs.size())) {
        inputs.push_back(input->get());
        maps.push_back(map);
      }
      inputAt[p].push_back(index);
    }
  }
  // Each read becomes a slice starting at its shift, read at the plain loop
  // indices: linalg takes loop extents from the first operand indexed by a
  // plain loop index, which must then be the loops' extent, not a window's
  // worth more.
  SmallVector<SmallVector<int64_t>> shifts;
  for (AffineMap map : maps) {
    std::optional<SmallVector<int64_t>> shift = shiftsOf(map);
    if (!shift)
      return;
    shifts.push_back(*shift);
  }
  OpBuilder b(op);
  SmallVector<DenseMap<unsigned, Value>> elements(points.size());
  for (auto [p, reads] : llvm::enumerate(elementAt))
    for (auto [i, map] : reads) {
      SmallVector<Value> indices;
      for (int64_t at : map.getConstantResults())
        indices.push_back(arith::ConstantIndexOp::create(b, op.getLoc(), at));
      elements[p][i] = tensor::ExtractOp::create(
          b, op.getLoc(), op.getDpsInputOperand(i)->get(), indices);
    }
  SmallVector<Range> loops =
      cast<linalg::LinalgOp>(*op).createLoopRanges(b, op.getLoc());
  for (auto [input, map, shift] : llvm::zip(inputs, maps, shifts)) {
    SmallVector<OpFoldResult> offsets, sizes, strides;
    SmallVector<AffineExpr> plain;
    for (auto [result, offset] : llvm::zip(map.getResults(), shift)) {
      AffineExpr dim = isa<AffineDimExpr>(result)
                           ? result
                           : cast<AffineBinaryOpExpr>(result).getLHS();
      unsigned newPos = cast<AffineDimExpr>(dim).getPosition();
      unsigned oldPos = llvm::find(newDim, newPos) - newDim.begin();
      offsets.push_back(b.getIndexAttr(offset));
      sizes.push_back(loops[oldPos].size);
      strides.push_back(b.getIndexAttr(1));
      plain.push_back(dim);
    }
    input = tensor::ExtractSliceOp::create(b, op.getLoc(), input, offsets,
                                           sizes, strides);
    map = AffineMap::get(numParallel, 0, plain, ctx);
  }
  // An output filled with a constant starts from the constant instead, so
  // the fill's separate pass over the output disappears.
  SmallVector<Value> outputs, initial;
  SmallVector<linalg::FillOp> fills;
  for (OpOperand &init : op.getDpsInitsMutable()) {
    auto fill = init.get().getDefiningOp<linalg::FillOp>();
    bool fromFill = fill && fill.hasPureTensorSemantics();
    if (fromFill)
      fills.push_back(fill);
    outputs.push_back(fromFill ? fill.getOutputs()[0] : init.get());
    initial.push_back(fromFill ? fill.getInputs()[0] : Value());
    // Outputs do not depend on the window: any point will do.
    maps.push_back(mapAt(op.getMatchingIndexingMap(&init), points.front()));
  }

  Block *body = op.getBody();
  auto unrolled = linalg::GenericOp::create(
      b, op.getLoc(), op->getResultTypes(), inputs, outputs, maps,
      SmallVector<utils::IteratorType>(numParallel,
                                       utils::IteratorType::parallel),
      [&](OpBuilder &nested, Location loc, ValueRange args) {
        SmallVector<Value> acc;
        for (auto [i, start] : llvm::enumerate(initial))
          acc.push_back(start ? start : args[inputs.size() + i]);
        for (auto [p, point] : llvm::enumerate(points)) {
          IRMapping mapping;
          for (auto [i, at] : llvm::enumerate(inputAt[p]))
            if (at >= 0)
              mapping.map(body->getArgument(i), args[at]);
          for (auto [i, element] : elements[p])
            mapping.map(body->getArgument(i), element);
          for (auto [i, value] : llvm::enumerate(acc))
            mapping.map(body->getArgument(op.getNumDpsInputs() + i), value);
          for (Operation &inner : body->without_terminator()) {
            auto index = dyn_cast<linalg::IndexOp>(inner);
            if (!index) {
              nested.clone(inner, mapping);
              continue;
            }
            uint64_t d = index.getDim();
            Value replacement =
                newDim[d] >= 0
                    ? Value(linalg::IndexOp::create(nested, loc, newDim[d]))
                    : Value(arith::ConstantIndexOp::create(
                          nested, loc, point[windowDim[d]]));
            mapping.map(index.getResult(), replacement);
          }
          for (auto [i, yielded] :
               llvm::enumerate(body->getTerminator()->getOperands()))
            acc[i] = mapping.lookupOrDefault(yielded);
        }
        linalg::YieldOp::create(nested, loc, acc);
      });
  op->replaceAllUsesWith(unrolled->getResults());
  op.erase();
  // Left alone, a fill would still read (and keep alive) its output. The
  // loop extents above may ask it for its sizes: its output has them too.
  for (linalg::FillOp fill : fills) {
    fill->getResult(0).replaceUsesWithIf(
        fill.getOutputs()[0],
        [](OpOperand &use) { return isa<tensor::DimOp>(use.getOwner()); });
    if (fill->use_empty())
      fill.erase();
  }
}

struct WeftUnrollWindows
    : weft::impl::WeftUnrollWindowsBase<WeftUnrollWindows> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<std::pair<linalg::GenericOp, SmallVector<int64_t>>> work;
    getOperation().walk([&](linalg::GenericOp op) {
      if (auto window = windowOf(op, maxPoints))
        work.emplace_back(op, *window);
    });
    for (auto &[op, window] : work)
      unrollWindow(op, window);
  }
};

} // namespace
