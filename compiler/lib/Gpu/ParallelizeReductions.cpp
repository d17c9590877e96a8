//===- ParallelizeReductions.cpp - lanes with one atomic each -------------===//
#include "weft/Gpu/Passes.h"

#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/TypeSwitch.h"

namespace weft {
#define GEN_PASS_DEF_WEFTGPUPARALLELIZEREDUCTIONS
#include "weft/Gpu/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// Lanes per output element: a warp, which reads a row in coalesced 128-byte
/// pieces; for a reduction to a single value, enough 256-thread blocks to
/// fill an H100, few enough that their atomics cost little.
constexpr int32_t warpSize = 32;
constexpr int64_t lanesPerElement = warpSize;
constexpr int64_t lanesForOneValue = 256 * 256;

/// The atomic that combines a partial result into the output, if the op's
/// body is `yield combiner(out, contribution)` with a combiner that has one.
std::optional<arith::AtomicRMWKind> atomicKind(linalg::GenericOp op) {
  Block &body = op.getRegion().front();
  BlockArgument out = body.getArguments().back();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  Operation *combiner = yield.getOperand(0).getDefiningOp();
  if (!combiner || combiner->getNumOperands() != 2 || !out.hasOneUse() ||
      !llvm::is_contained(combiner->getOperands(), out))
    return std::nullopt;
  return llvm::TypeSwitch<Operation *, std::optional<arith::AtomicRMWKind>>(
             combiner)
      .Case([](arith::AddFOp) { return arith::AtomicRMWKind::addf; })
      .Case([](arith::AddIOp) { return arith::AtomicRMWKind::addi; })
      .Case([](arith::MaximumFOp) { return arith::AtomicRMWKind::maximumf; })
      .Case([](arith::MinimumFOp) { return arith::AtomicRMWKind::minimumf; })
      .Case([](arith::OrIOp) { return arith::AtomicRMWKind::ori; })
      .Case([](arith::AndIOp) { return arith::AtomicRMWKind::andi; })
      .Case([](arith::MaxSIOp) { return arith::AtomicRMWKind::maxs; })
      .Case([](arith::MinSIOp) { return arith::AtomicRMWKind::mins; })
      .Case([](arith::MaxUIOp) { return arith::AtomicRMWKind::maxu; })
      .Case([](arith::MinUIOp) { return arith::AtomicRMWKind::minu; })
      .Default([](Operation *) { return std::nullopt; });
}

/// Whether an input is read contiguously along a parallel loop (its last
/// subscript is a parallel loop's index, as B[k, j] in a matmul): then one
/// thread per output element, a warp along that loop, reads it coalesced,
/// and lanes along the reduction would not.
bool readsAlongParallelLoop(linalg::GenericOp op) {
  auto iterators = op.getIteratorTypesArray();
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(input);
    if (map.getNumResults() == 0)
      continue;
    auto last = dyn_cast<AffineDimExpr>(map.getResults().back());
    if (last && iterators[last.getPosition()] == utils::IteratorType::parallel)
      return true;
  }
  return false;
}

/// Whether the reduction loops have a known trip count below a warp (a
/// stencil's window, `for dy in -1..=1`): a serial loop per output element
/// then beats lanes that would mostly idle and end in atomics.
bool hasSmallStaticWindow(linalg::GenericOp op) {
  auto iterators = op.getIteratorTypesArray();
  int64_t trips = 1;
  for (auto [range, iterator] : llvm::zip(op.getStaticLoopRanges(), iterators))
    if (iterator == utils::IteratorType::reduction) {
      if (ShapedType::isDynamic(range))
        return false;
      trips *= range;
    }
  return trips < lanesPerElement;
}

bool isReduction(linalg::GenericOp op) {
  return op.hasPureBufferSemantics() && op.getNumDpsInits() == 1 &&
         op.getNumReductionLoops() > 0 && !readsAlongParallelLoop(op) &&
         !(op.getNumParallelLoops() > 0 && hasSmallStaticWindow(op)) &&
         !op->getParentOfType<scf::ParallelOp>();
}

void parallelize(linalg::GenericOp op, arith::AtomicRMWKind kind) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Value lanes = arith::ConstantIndexOp::create(
      b, loc,
      op.getNumParallelLoops() ? lanesPerElement : lanesForOneValue);

  // The parallel loops' extents, then the lanes; the reduction loops'
  // extents and their product.
  SmallVector<Value> upper, reductionSizes;
  SmallVector<unsigned> reductionDims;
  Value reductionCount = one;
  auto ranges =
      cast<linalg::LinalgOp>(op.getOperation()).createLoopRanges(b, loc);
  for (auto [dim, range] : llvm::enumerate(ranges)) {
    Value size = getValueOrCreateConstantIndexOp(b, loc, range.size);
    if (op.getIteratorTypesArray()[dim] == utils::IteratorType::parallel) {
      upper.push_back(size);
      continue;
    }
    reductionDims.push_back(dim);
    reductionSizes.push_back(size);
    reductionCount = arith::MulIOp::create(b, loc, reductionCount, size);
  }
  upper.push_back(lanes);
  SmallVector<Value> lower(upper.size(), zero), steps(upper.size(), one);
  auto parallel = scf::ParallelOp::create(b, loc, lower, upper, steps);
  b.setInsertionPoint(parallel.getBody()->getTerminator());

  // Every loop's index: the parallel ones from scf.parallel, the reduction
  // ones (zero until the inner loop defines them).
  SmallVector<Value> indices(op.getNumLoops(), zero);
  ValueRange parallelIvs = parallel.getInductionVars();
  for (unsigned dim = 0, next = 0; dim < op.getNumLoops(); ++dim)
    if (!llvm::is_contained(reductionDims, dim))
      indices[dim] = parallelIvs[next++];
  Value lane = parallelIvs.back();

  Value output = op.getDpsInits()[0];
  Type elementType = cast<MemRefType>(output.getType()).getElementType();
  Value identity = arith::getIdentityValue(kind, elementType, b, loc);
  SmallVector<Value> inits{identity};
  auto loop =
      scf::ForOp::create(b, loc, lane, reductionCount, lanes, inits);
  b.setInsertionPointToStart(loop.getBody());
  // The flat reduction index -> reduction loop indices, innermost fastest.
  Value rest = loop.getInductionVar();
  for (size_t r = reductionDims.size(); r-- > 1;) {
    indices[reductionDims[r]] =
        arith::RemUIOp::create(b, loc, rest, reductionSizes[r]);
    rest = arith::DivUIOp::create(b, loc, rest, reductionSizes[r]);
  }
  indices[reductionDims[0]] = rest;

  Block &body = op.getRegion().front();
  IRMapping mapping;
  for (OpOperand *input : op.getDpsInputOperands()) {
    Value value = input->get();
    if (isa<MemRefType>(value.getType())) {
      std::optional<SmallVector<Value, 8>> subscripts = affine::expandAffineMap(
          b, loc, op.getMatchingIndexingMap(input), indices);
      value = memref::LoadOp::create(b, loc, value, *subscripts);
    }
    mapping.map(op.getMatchingBlockArgument(input), value);
  }
  mapping.map(body.getArguments().back(), loop.getRegionIterArgs()[0]);
  for (Operation &inner : body.without_terminator()) {
    if (auto index = dyn_cast<linalg::IndexOp>(inner)) {
      mapping.map(index.getResult(), indices[index.getDim()]);
      continue;
    }
    b.clone(inner, mapping);
  }
  scf::YieldOp::create(b, loc,
                       mapping.lookup(body.getTerminator()->getOperand(0)));

  // The output's subscripts use parallel loops only.
  b.setInsertionPointAfter(loop);
  Value partial = loop.getResult(0);
  // A bool (`all=`, `any=`) has no atomic: NVPTX has none on i1, and a bool
  // in memory is a byte. Its share is widened to i32 for the shuffles, and
  // the combine is a plain store of the absorbing value (false for `all=`,
  // true for `any=`) by the lanes whose share is that value: every writer
  // stores the same value, so the stores need no atomic.
  bool isBool = elementType.isInteger(1);
  Type i32 = b.getI32Type();
  if (isBool)
    partial = arith::ExtUIOp::create(b, loc, i32, partial);
  if (isBool || elementType.getIntOrFloatBitWidth() == 32) {
    // The 32 lanes of a warp (weft-gpu-tile-parallel-loops puts the lane
    // dimension, a multiple of 32, along threadIdx.x) combine their shares
    // with shuffles; only lane 0 of each warp then needs an atomic.
    for (int32_t offset = warpSize / 2; offset > 0; offset /= 2) {
      auto shuffle = gpu::ShuffleOp::create(b, loc, partial, offset, warpSize,
                                            gpu::ShuffleMode::XOR);
      partial = arith::getReductionOp(kind, b, loc, partial,
                                      shuffle.getShuffleResult());
    }
    Value warpLane = arith::RemUIOp::create(
        b, loc, lane, arith::ConstantIndexOp::create(b, loc, warpSize));
    Value first = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                        warpLane, zero);
    auto ifFirst = scf::IfOp::create(b, loc, first);
    b.setInsertionPointToStart(&ifFirst.getThenRegion().front());
  }
  for (unsigned dim : reductionDims)
    indices[dim] = zero;
  std::optional<SmallVector<Value, 8>> subscripts = affine::expandAffineMap(
      b, loc, op.getMatchingIndexingMap(op.getDpsInitOperand(0)), indices);
  if (isBool) {
    // The share (0 or 1) differs from the identity (1 for `all=`, 0 for
    // `any=`): it is the absorbing value.
    Value identity32 = arith::ConstantIntOp::create(
        b, loc, i32, kind == arith::AtomicRMWKind::andi ? 1 : 0);
    Value absorbed = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne,
                                           partial, identity32);
    auto ifAbsorbed = scf::IfOp::create(b, loc, absorbed);
    b.setInsertionPointToStart(&ifAbsorbed.getThenRegion().front());
    Value value = arith::TruncIOp::create(b, loc, b.getI1Type(), partial);
    memref::StoreOp::create(b, loc, value, output, *subscripts);
  } else {
    memref::AtomicRMWOp::create(b, loc, kind, partial, output, *subscripts);
  }
  op.erase();
}

struct ParallelizeReductions
    : public weft::impl::WeftGpuParallelizeReductionsBase<
          ParallelizeReductions> {
  void runOnOperation() override {
    SmallVector<std::pair<linalg::GenericOp, arith::AtomicRMWKind>> work;
    getOperation().walk([&](linalg::GenericOp op) {
      if (!isReduction(op))
        return;
      std::optional<arith::AtomicRMWKind> kind = atomicKind(op);
      if (!kind)
        return;
      // A bool reduces by a store of its absorbing value, which needs an
      // idempotent combiner: `all=` (andi) or `any=` (ori).
      Type elementType = getElementTypeOrSelf(op.getDpsInits()[0].getType());
      if (elementType.isInteger(1) && *kind != arith::AtomicRMWKind::andi &&
          *kind != arith::AtomicRMWKind::ori)
        return;
      work.emplace_back(op, *kind);
    });
    for (auto [op, kind] : work)
      parallelize(op, kind);
  }
};

} // namespace
