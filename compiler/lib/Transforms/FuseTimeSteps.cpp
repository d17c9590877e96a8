//===- FuseTimeSteps.cpp - two stencil steps plane by plane ---------------===//
//
// Temporal blocking on buffers (see the pass description): the temporary t
// between two stencil steps shrinks to a ring of a few planes, so a pair of
// steps reads the grid and writes the result once instead of twice.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/Passes.h"

#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace weft {
#define GEN_PASS_DEF_WEFTFUSETIMESTEPS
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// The allocation a memref operand is (or is a subview of), or null.
memref::AllocOp baseAlloc(Value value) {
  if (auto subview = value.getDefiningOp<memref::SubViewOp>())
    value = subview.getSource();
  return value.getDefiningOp<memref::AllocOp>();
}

/// Extent `d` of an allocation: its static size or its size operand.
OpFoldResult allocSize(memref::AllocOp alloc, int64_t d) {
  MemRefType type = alloc.getType();
  if (!type.isDynamicDim(d))
    return Builder(alloc.getContext()).getIndexAttr(type.getDimSize(d));
  return alloc.getDynamicSizes()[type.getDynamicDimIndex(d)];
}

/// Where a memref operand lies in its base allocation: the offsets and
/// sizes of a rank-preserving unit-stride subview, or the whole base.
struct Box {
  SmallVector<OpFoldResult> offsets, sizes;
};

std::optional<Box> boxOf(Value value) {
  if (auto subview = value.getDefiningOp<memref::SubViewOp>()) {
    if (subview.getSourceType().getRank() != subview.getType().getRank() ||
        !llvm::all_of(subview.getMixedStrides(), isOneInteger))
      return std::nullopt;
    return Box{subview.getMixedOffsets(), subview.getMixedSizes()};
  }
  auto alloc = value.getDefiningOp<memref::AllocOp>();
  if (!alloc)
    return std::nullopt;
  Box box;
  for (int64_t d = 0; d < alloc.getType().getRank(); ++d) {
    box.offsets.push_back(Builder(alloc.getContext()).getIndexAttr(0));
    box.sizes.push_back(allocSize(alloc, d));
  }
  return box;
}

/// `a - b` when it is known at compile time.
std::optional<int64_t> constantDifference(OpFoldResult a, OpFoldResult b) {
  if (a == b)
    return 0;
  std::optional<int64_t> x = getConstantIntValue(a),
                         y = getConstantIntValue(b);
  if (x && y)
    return *x - *y;
  return std::nullopt;
}

/// A linalg op that the pass can run one outermost-index plane at a time:
/// on buffers, all loops parallel, every shaped operand read and written
/// element for element (identity maps), no linalg.index (its values would
/// change with the slice).
bool isPlaneWise(linalg::LinalgOp op, int64_t rank) {
  if (!op.hasPureBufferSemantics() || op.getNumLoops() != unsigned(rank) ||
      op.getNumParallelLoops() != op.getNumLoops() || op.hasIndexSemantics())
    return false;
  for (OpOperand &operand : op->getOpOperands())
    if (isa<ShapedType>(operand.get().getType()) &&
        !op.getMatchingIndexingMap(&operand).isIdentity())
      return false;
  return true;
}

/// One step's op: what it writes and, for the second step, the plane offset
/// of each read of t from the plane it writes.
struct StepOp {
  linalg::LinalgOp op;
  Box out;
  DenseMap<unsigned, int64_t> tOffsets; // operand number -> plane offset
};

/// Two consecutive stencil steps through the temporary t.
struct TimeSteps {
  memref::AllocOp t, v;
  SmallVector<StepOp> first, second;
  int64_t ahead = 0, behind = 0; // planes of t the second step reads
};

/// Matches t: everything that writes it (the first step) comes before
/// everything that reads it (the second step), in t's block, with nothing
/// but side-effect-free ops, allocations and subviews in between; the first
/// step reads neither t nor v, the second writes v and reads t at constant
/// plane offsets of at most `maxOffset`.
std::optional<TimeSteps> matchTimeSteps(memref::AllocOp t,
                                        int64_t maxOffset) {
  auto type = t.getType();
  if (type.getRank() < 2 || !type.getLayout().isIdentity())
    return std::nullopt;
  TimeSteps steps;
  steps.t = t;
  for (Operation *user : t->getUsers()) {
    if (user->getBlock() != t->getBlock())
      return std::nullopt;
    if (isa<memref::DeallocOp, linalg::LinalgOp>(user))
      continue;
    auto subview = dyn_cast<memref::SubViewOp>(user);
    if (!subview || !llvm::all_of(subview->getUsers(), [&](Operation *op) {
          return isa<linalg::LinalgOp>(op) && op->getBlock() == t->getBlock();
        }))
      return std::nullopt;
  }
  // Set by an op with memory effects after the first step's first op: the
  // steps' ops move past everything up to the second step's last op.
  bool barrier = false;
  for (Operation &op : llvm::make_range(std::next(t->getIterator()),
                                        t->getBlock()->end())) {
    auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
    bool touchesT = linalgOp && llvm::any_of(op.getOperands(), [&](Value v) {
      return baseAlloc(v) == t;
    });
    if (!touchesT) {
      if (!steps.first.empty() &&
          (linalgOp || (!isMemoryEffectFree(&op) &&
                        !isa<memref::AllocOp, memref::SubViewOp>(op))))
        barrier = true;
      continue;
    }
    if (barrier)
      return std::nullopt;
    if (!isPlaneWise(linalgOp, type.getRank()) ||
        linalgOp.getNumDpsInits() != 1)
      return std::nullopt;
    Value out = linalgOp.getDpsInitOperand(0)->get();
    std::optional<Box> outBox = boxOf(out);
    if (!outBox)
      return std::nullopt;
    StepOp step{linalgOp, *outBox, DenseMap<unsigned, int64_t>()};
    if (baseAlloc(out) == t) {
      if (!steps.second.empty())
        return std::nullopt;
      for (OpOperand *input : linalgOp.getDpsInputOperands())
        if (baseAlloc(input->get()) == t)
          return std::nullopt;
      steps.first.push_back(step);
      continue;
    }
    memref::AllocOp v = baseAlloc(out);
    if (!v || v == t || (steps.v && steps.v != v) || steps.first.empty())
      return std::nullopt;
    steps.v = v;
    for (OpOperand *input : linalgOp.getDpsInputOperands()) {
      memref::AllocOp base = baseAlloc(input->get());
      if (base == v)
        return std::nullopt;
      if (base != t)
        continue;
      std::optional<Box> in = boxOf(input->get());
      std::optional<int64_t> offset =
          in ? constantDifference(in->offsets[0], outBox->offsets[0])
             : std::nullopt;
      if (!offset || std::abs(*offset) > maxOffset)
        return std::nullopt;
      step.tOffsets[input->getOperandNumber()] = *offset;
      steps.ahead = std::max(steps.ahead, *offset);
      steps.behind = std::max(steps.behind, -*offset);
    }
    steps.second.push_back(step);
  }
  if (steps.second.empty() || steps.v->getBlock() != t->getBlock())
    return std::nullopt;
  for (StepOp &step : steps.first)
    for (Value input : step.op.getDpsInputs())
      if (baseAlloc(input) == steps.v)
        return std::nullopt;
  return steps;
}

/// Bufferization copies a box that two steps' copied faces share (`v`'s
/// face, written first from u, then copied to t): `memref.copy A, B` right
/// after `linalg.copy ins(X) outs(A)` (nothing with memory effects between)
/// copies X to B instead, so that t's face no longer reads v.
void forwardCopies(Operation *root) {
  SmallVector<memref::CopyOp> copies;
  root->walk([&](memref::CopyOp copy) { copies.push_back(copy); });
  for (memref::CopyOp copy : copies) {
    Operation *before = copy->getPrevNode();
    while (before && !isa<linalg::CopyOp>(before) &&
           (isMemoryEffectFree(before) || isa<memref::AllocOp>(before)))
      before = before->getPrevNode();
    auto fill = dyn_cast_or_null<linalg::CopyOp>(before);
    if (!fill || !fill.hasPureBufferSemantics() ||
        fill.getOutputs()[0] != copy.getSource() ||
        fill.getInputs()[0].getType() != copy.getSource().getType())
      continue;
    OpBuilder b(copy);
    b.create<linalg::CopyOp>(copy.getLoc(), fill.getInputs()[0],
                             copy.getTarget());
    copy->erase();
  }
}

struct FuseTimeStepsPass
    : weft::impl::WeftFuseTimeStepsBase<FuseTimeStepsPass> {
  using Base::Base;

  void runOnOperation() override {
    forwardCopies(getOperation());
    SmallVector<memref::AllocOp> allocs;
    getOperation().walk([&](memref::AllocOp alloc) {
      if (!alloc->getParentOfType<scf::ForallOp>())
        allocs.push_back(alloc);
    });
    for (memref::AllocOp t : allocs)
      if (std::optional<TimeSteps> steps = matchTimeSteps(t, maxOffset))
        fuse(*steps);
  }

  /// The number of chunks of planes: one per thread.
  Value chunkCount(OpBuilder &b, Location loc) {
    if (threads != 0)
      return b.create<arith::ConstantIndexOp>(loc, threads);
    ModuleOp module = getOperation();
    StringRef name = "weft_rt_max_threads";
    auto function = module.lookupSymbol<func::FuncOp>(name);
    if (!function) {
      OpBuilder top(module.getBodyRegion());
      function = top.create<func::FuncOp>(
          loc, name, top.getFunctionType({}, {top.getI32Type()}));
      function.setPrivate();
    }
    Value count = b.create<func::CallOp>(loc, function).getResult(0);
    return b.create<arith::IndexCastOp>(loc, b.getIndexType(), count);
  }

  void fuse(TimeSteps &steps) {
    linalg::LinalgOp lastOp = steps.second.back().op;
    OpBuilder b(lastOp);
    Location loc = steps.t.getLoc();
    int64_t rank = steps.t.getType().getRank();
    int64_t ringPlanes = steps.ahead + steps.behind + 1;
    Value tPlanes =
        getValueOrCreateConstantIndexOp(b, loc, allocSize(steps.t, 0));
    Value vPlanes =
        getValueOrCreateConstantIndexOp(b, loc, allocSize(steps.v, 0));
    SmallVector<OpFoldResult> ringSizes{b.getIndexAttr(ringPlanes)};
    for (int64_t d = 1; d < rank; ++d)
      ringSizes.push_back(allocSize(steps.t, d));
    Value chunks = chunkCount(b, loc);
    auto forall = b.create<scf::ForallOp>(
        loc, ArrayRef<OpFoldResult>{chunks}, ValueRange(), std::nullopt);
    b.setInsertionPointToStart(forall.getBody());
    Value c = forall.getInductionVar(0);
    Value one = b.create<arith::ConstantIndexOp>(loc, 1);
    Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
    Value ahead = b.create<arith::ConstantIndexOp>(loc, steps.ahead);
    Value behind = b.create<arith::ConstantIndexOp>(loc, steps.behind);
    Value begin = b.create<arith::DivUIOp>(
        loc, b.create<arith::MulIOp>(loc, c, vPlanes), chunks);
    Value end = b.create<arith::DivUIOp>(
        loc,
        b.create<arith::MulIOp>(
            loc, b.create<arith::AddIOp>(loc, c, one), vPlanes),
        chunks);
    Value nonEmpty =
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, begin, end);
    auto ifNonEmpty = b.create<scf::IfOp>(loc, nonEmpty, false);
    b.setInsertionPointToStart(ifNonEmpty.thenBlock());
    SmallVector<Value> dynamicSizes;
    SmallVector<int64_t> staticSizes;
    dispatchIndexOpFoldResults(ringSizes, dynamicSizes, staticSizes);
    auto ringType = MemRefType::get(staticSizes,
                                    steps.t.getType().getElementType());
    Value ring = b.create<memref::AllocOp>(loc, ringType, dynamicSizes,
                                           steps.t.getAlignmentAttr());
    // The planes of t that the chunk's first plane of v reads, but the one
    // the loop computes first.
    Value firstT = b.create<arith::MaxSIOp>(
        loc, b.create<arith::SubIOp>(loc, begin, behind), zero);
    Value prologueEnd = b.create<arith::MinSIOp>(
        loc, b.create<arith::AddIOp>(loc, begin, ahead), tPlanes);
    b.create<scf::ForOp>(loc, firstT, prologueEnd, one, ValueRange(),
                         [&](OpBuilder &nested, Location, Value p,
                             ValueRange) {
                           emitPlane(nested, steps.first, p, ring,
                                     ringPlanes, steps);
                           nested.create<scf::YieldOp>(loc);
                         });
    b.create<scf::ForOp>(
        loc, begin, end, one, ValueRange(),
        [&](OpBuilder &nested, Location, Value q, ValueRange) {
          Value p = nested.create<arith::AddIOp>(loc, q, ahead);
          Value inside = nested.create<arith::CmpIOp>(
              loc, arith::CmpIPredicate::ult, p, tPlanes);
          auto ifInside = nested.create<scf::IfOp>(loc, inside, false);
          OpBuilder then = ifInside.getThenBodyBuilder();
          emitPlane(then, steps.first, p, ring, ringPlanes, steps);
          emitPlane(nested, steps.second, q, ring, ringPlanes, steps);
          nested.create<scf::YieldOp>(loc);
        });
    b.create<memref::DeallocOp>(loc, ring);

    // The ops now run plane by plane; t and its views go.
    for (StepOp &step : llvm::concat<StepOp>(steps.first, steps.second))
      step.op->erase();
    SmallVector<Operation *> users(steps.t->getUsers());
    for (Operation *user : users)
      user->erase();
    steps.t->erase();
  }

  /// The slice of `ring` that holds plane `plane` of t, within `box`.
  Value ringSlice(OpBuilder &b, Location loc, Value ring, int64_t ringPlanes,
                  Value plane, const Box &box) {
    Value slot = b.create<arith::RemUIOp>(
        loc, plane, b.create<arith::ConstantIndexOp>(loc, ringPlanes));
    SmallVector<OpFoldResult> offsets(box.offsets), sizes(box.sizes);
    offsets[0] = slot;
    sizes[0] = b.getIndexAttr(1);
    SmallVector<OpFoldResult> strides(offsets.size(), b.getIndexAttr(1));
    return b.create<memref::SubViewOp>(loc, ring, offsets, sizes, strides);
  }

  /// Runs `ops` on plane `plane` of what they write, each where its box has
  /// that plane; writes of t go to the ring, reads of t come from it.
  void emitPlane(OpBuilder &b, ArrayRef<StepOp> ops, Value plane, Value ring,
                 int64_t ringPlanes, const TimeSteps &steps) {
    for (StepOp step : ops) {
      Location loc = step.op.getLoc();
      Value begin =
          getValueOrCreateConstantIndexOp(b, loc, step.out.offsets[0]);
      Value size = getValueOrCreateConstantIndexOp(b, loc, step.out.sizes[0]);
      // plane - begin < size, unsigned, is begin <= plane < begin + size.
      Value local = b.create<arith::SubIOp>(loc, plane, begin);
      Value has = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult,
                                          local, size);
      auto ifHas = b.create<scf::IfOp>(loc, has, false);
      OpBuilder in = ifHas.getThenBodyBuilder();
      IRMapping mapping;
      for (OpOperand &operand : step.op->getOpOperands()) {
        Value value = operand.get();
        if (!isa<MemRefType>(value.getType()))
          continue;
        memref::AllocOp base = baseAlloc(value);
        if (base == steps.t) {
          Box box = *boxOf(value);
          Value tPlane = plane;
          if (auto it = step.tOffsets.find(operand.getOperandNumber());
              it != step.tOffsets.end())
            tPlane = in.create<arith::AddIOp>(
                loc, plane, in.create<arith::ConstantIndexOp>(loc, it->second));
          mapping.map(value, ringSlice(in, loc, ring, ringPlanes, tPlane, box));
          continue;
        }
        int64_t rank = cast<MemRefType>(value.getType()).getRank();
        SmallVector<OpFoldResult> offsets(rank, in.getIndexAttr(0)),
            sizes, strides(rank, in.getIndexAttr(1));
        offsets[0] = local;
        for (int64_t d = 0; d < rank; ++d)
          sizes.push_back(d == 0 ? in.getIndexAttr(1)
                                 : memref::getMixedSize(in, loc, value, d));
        mapping.map(value, in.create<memref::SubViewOp>(loc, value, offsets,
                                                        sizes, strides));
      }
      in.clone(*step.op, mapping);
    }
  }
};

} // namespace
