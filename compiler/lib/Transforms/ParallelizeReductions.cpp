//===- ParallelizeReductions.cpp - whole-array reductions in chunks --------===//
//
// A reduction along its outermost loop (a dot product, the sum of every
// element, column sums) has no parallel outer loop for weft-parallelize-rows,
// so it ran on one thread. This pass cuts that loop into chunks, reduces each
// chunk into a partial result of its own inside an scf.forall, and then
// combines the partials in chunk order. The chunks depend on the sizes only,
// never on the thread count, so results are the same on any number of
// threads (and with --threads=1, where the forall becomes a plain loop).
//
// Element-wise ops over the same rows right before the reduction (CG's
// `x2 = x + a p` and `r2 = r - a q` before `rr += r2 * r2`, which
// weft-fuse-equations made recompute r2) are cut into the same chunks and
// run in the chunk's iteration, before its partial reduction: the reduction
// then reads the chunk's rows from the cache instead of from memory again.
// So do the pieces of a stencil that write views of one array from some row
// on (CG's q = A p with `boundary zero`, before pq += p q), each clamped to
// the chunk's rows; the reduction may then read what they wrote.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/BufferRoots.h"
#include "weft/Transforms/Passes.h"

#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace weft {
#define GEN_PASS_DEF_WEFTPARALLELIZEREDUCTIONS
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;
using weft::isAllocation;
using weft::mayAlias;
using weft::rootOf;

namespace {

/// The combiner of a generic op that reduces along its outermost loop into
/// one output, when the chunks may regroup its terms: integer combiners and
/// float maxima/minima are associative, float sums and products only when
/// marked `reassoc` (weft-reassociate-reductions marks them). Null otherwise.
Operation *getRegroupableCombiner(linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumDpsInits() != 1 ||
      op.getNumLoops() == 0 ||
      op.getIteratorTypesArray().front() != utils::IteratorType::reduction ||
      op->getParentOfType<scf::ForallOp>() ||
      op->getParentOfType<scf::ParallelOp>())
    return nullptr;
  AffineMap outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  if (!outputMap.isProjectedPermutation() || outputMap.isFunctionOfDim(0))
    return nullptr;
  SmallVector<Operation *, 4> combiners;
  if (!matchReduction(op.getRegionOutputArgs(), 0, combiners) ||
      combiners.size() != 1)
    return nullptr;
  Operation *combiner = combiners.front();
  if (!arith::getNeutralElement(combiner))
    return nullptr;
  if (isa<arith::AddFOp, arith::MulFOp>(combiner) &&
      !bitEnumContainsAll(
          cast<arith::ArithFastMathInterface>(combiner).getFastMathFlagsAttr()
              .getValue(),
          arith::FastMathFlags::reassoc))
    return nullptr;
  return combiner;
}

/// False when the op's iterations are known to be too few to share.
bool isWorthSplitting(linalg::GenericOp op, int64_t chunkIterations) {
  int64_t iterations = 1;
  for (int64_t size : op.getStaticLoopRanges()) {
    if (ShapedType::isDynamic(size))
      return true;
    iterations *= size;
  }
  return iterations >= 2 * chunkIterations;
}

/// The sizes of `op`'s loops, at the builder's position.
SmallVector<OpFoldResult> loopSizesOf(OpBuilder &b, linalg::GenericOp op) {
  SmallVector<OpFoldResult> sizes;
  auto linalgOp = cast<linalg::LinalgOp>(*op);
  for (Range range : linalgOp.createLoopRanges(b, op.getLoc()))
    sizes.push_back(range.size);
  return sizes;
}

/// Sizes known to be equal in one block: the same value, the same dimension
/// of the same buffer (`memref.dim`), or two sizes that an earlier
/// `weft_rt_check_extent` call compared (it stops the program when they
/// differ), transitively.
class EqualSizes {
public:
  EqualSizes(Block &block, Operation *before) {
    for (Operation &op : block) {
      if (&op == before)
        break;
      auto call = dyn_cast<func::CallOp>(op);
      if (call && call.getCallee() == "weft_rt_check_extent" &&
          call.getNumOperands() == 3)
        parent[find(key(call.getOperand(0)))] = find(key(call.getOperand(1)));
    }
  }

  bool equal(OpFoldResult a, OpFoldResult b) {
    if (a == b)
      return true;
    std::optional<int64_t> ca = getConstantIntValue(a),
                           cb = getConstantIntValue(b);
    if (ca || cb)
      return ca == cb;
    return find(key(cast<Value>(a))) == find(key(cast<Value>(b)));
  }

private:
  /// A size: a buffer and a dimension for `memref.dim`, else the value
  /// itself (dimension -1); index casts, and dimensions of allocations
  /// (their size operands), are looked through.
  using Key = std::pair<Value, int64_t>;
  static Key key(Value v) {
    if (auto cast = v.getDefiningOp<arith::IndexCastOp>())
      v = cast.getIn();
    auto dim = v.getDefiningOp<memref::DimOp>();
    std::optional<int64_t> index = dim ? dim.getConstantIndex() : std::nullopt;
    if (!index)
      return {v, -1};
    auto alloc = dim.getSource().getDefiningOp<memref::AllocOp>();
    if (alloc && alloc.getType().isDynamicDim(*index))
      return key(alloc.getDynamicSizes()[alloc.getType().getDynamicDimIndex(
          *index)]);
    return {dim.getSource(), *index};
  }
  Key find(Key k) {
    auto it = parent.find(k);
    if (it == parent.end() || it->second == k)
      return k;
    return it->second = find(it->second);
  }
  llvm::DenseMap<Key, Key> parent;
};

/// The buffers `op` reads or writes, as allocations or arguments.
SmallVector<Value> rootsOf(linalg::LinalgOp op) {
  SmallVector<Value> roots;
  for (Value v : op->getOperands())
    roots.push_back(rootOf(v));
  return roots;
}

/// The row of rootOf(v) that row 0 of `v` is: the first offsets of the
/// unit-stride, rank-preserving subviews between them (casts add none).
/// Null for any other view.
OpFoldResult rowOffsetInRoot(OpBuilder &b, Location loc, Value v) {
  OpFoldResult offset = b.getIndexAttr(0);
  while (Operation *def = v.getDefiningOp()) {
    if (auto cast = dyn_cast<memref::CastOp>(def)) {
      v = cast.getSource();
      continue;
    }
    auto subview = dyn_cast<memref::SubViewOp>(def);
    if (!subview) {
      if (isa<ViewLikeOpInterface>(def))
        return {};
      break;
    }
    if (subview.getType().getRank() != subview.getSourceType().getRank() ||
        !llvm::all_of(subview.getMixedStrides(), [](OpFoldResult stride) {
          return isConstantIntValue(stride, 1);
        }))
      return {};
    AffineExpr s0, s1;
    bindSymbols(b.getContext(), s0, s1);
    offset = affine::makeComposedFoldedAffineApply(
        b, loc, s0 + s1, {offset, subview.getMixedOffsets().front()});
    v = subview.getSource();
  }
  return offset;
}

/// An element-wise op that can run chunk by chunk with `reduction`, and the
/// row of its outputs' buffer that its first row writes: every loop
/// parallel, each output written at the identity map into a fresh
/// allocation (or a unit-stride view of one, as the pieces of a stencil
/// that weft-split-at-pieces left) or into a whole argument (in place, as
/// weft-write-in-place makes CG's `x += a p`), with as many rows as the
/// reduction, all outputs from the same row. Null when it cannot.
OpFoldResult companionRow(linalg::GenericOp op, linalg::GenericOp reduction,
                          EqualSizes &sizes, IRRewriter &rewriter) {
  if (!op.hasPureBufferSemantics() ||
      op.getNumLoops() != reduction.getNumLoops() ||
      op.getNumParallelLoops() != op.getNumLoops())
    return {};
  rewriter.setInsertionPoint(reduction);
  OpFoldResult rows = loopSizesOf(rewriter, reduction).front();
  OpFoldResult row;
  for (OpOperand &init : op.getDpsInitsMutable()) {
    Value root = rootOf(init.get());
    auto alloc = root.getDefiningOp<memref::AllocOp>();
    bool inPlace = isa<BlockArgument>(root) && init.get() == root;
    if (!op.getMatchingIndexingMap(&init).isIdentity() || (!alloc && !inPlace))
      return {};
    OpFoldResult offset =
        rowOffsetInRoot(rewriter, op.getLoc(), init.get());
    OpFoldResult rootRows =
        alloc && alloc.getType().isDynamicDim(0)
            ? OpFoldResult(alloc.getDynamicSizes().front())
            : memref::getMixedSize(rewriter, op.getLoc(), root, 0);
    if (!offset || (row && !isEqualConstantIntOrValue(row, offset)) ||
        !sizes.equal(rootRows, rows))
      return {};
    row = offset;
  }
  return row;
}

/// A run-time check (of an index or an extent) that reads only its scalar
/// operands and a constant message: the companions may move past it
/// (boundary pieces come with checks between them); when it fails, the
/// program stops before anything reads what they wrote.
bool isRuntimeCheck(Operation *op) {
  auto call = dyn_cast<func::CallOp>(op);
  return call && (call.getCallee() == "weft_rt_check_index" ||
                  call.getCallee() == "weft_rt_check_extent");
}

/// An element-wise op that runs in `reduction`'s chunks, from `row` of its
/// outputs' allocation on.
struct Companion {
  linalg::GenericOp op;
  OpFoldResult row;
};

/// Whether `reader` reads `input` in the buffer itself (not a view), at
/// the row of the iteration (the first subscript its outermost loop).
bool readsOwnRows(linalg::GenericOp reader, OpOperand *input) {
  AffineMap map = reader.getMatchingIndexingMap(input);
  return input->get() == rootOf(input->get()) && map.getNumResults() != 0 &&
         map.getResult(0) == getAffineDimExpr(0, reader.getContext());
}

/// The element-wise ops right before `reduction` (with only allocations,
/// ops without memory effects, run-time checks and the fill of the
/// reduction's output between them) that can share its chunks, in program
/// order. A chunk runs their rows inside its own rows, in program order,
/// before its partial reduction, so each element is written in the order it
/// was: their outputs may share an allocation, but none of them reads a
/// fresh allocation one of them writes, and the reduction reads those only
/// at its own rows, never writes them. An argument written in place may be
/// any argument (they may share memory), so what reads an argument reads it
/// at its own rows there.
SmallVector<Companion> findCompanions(linalg::GenericOp reduction,
                                      IRRewriter &rewriter) {
  EqualSizes sizes(*reduction->getBlock(), reduction);
  Value output = rootOf(reduction.getDpsInitOperand(0)->get());
  SmallVector<Companion> companions;
  for (Operation *prev = reduction->getPrevNode(); prev;
       prev = prev->getPrevNode()) {
    if (isMemoryEffectFree(prev) || isa<memref::AllocOp>(prev) ||
        isRuntimeCheck(prev))
      continue;
    auto fill = dyn_cast<linalg::FillOp>(prev);
    if (fill && fill.hasPureBufferSemantics() &&
        rootOf(fill.getDpsInitOperand(0)->get()) == output)
      continue;
    auto op = dyn_cast<linalg::GenericOp>(prev);
    OpFoldResult row;
    if (op)
      row = companionRow(op, reduction, sizes, rewriter);
    if (!row)
      break;
    companions.push_back({op, row});
  }
  std::reverse(companions.begin(), companions.end());
  // Drop companions until the conditions hold, earliest first: a companion
  // must not move past one that stays.
  auto conflicts = [&](Companion companion) {
    linalg::GenericOp op = companion.op;
    if (llvm::is_contained(rootsOf(op), output))
      return true;
    for (Value init : op.getDpsInits()) {
      Value written = rootOf(init);
      bool inPlace = !isAllocation(written);
      auto readsWritten = [&](linalg::GenericOp reader, bool atOwnRows) {
        return llvm::any_of(reader.getDpsInputOperands(), [&](OpOperand *in) {
          return mayAlias(rootOf(in->get()), written) &&
                 !(atOwnRows && readsOwnRows(reader, in));
        });
      };
      if ((inPlace && mayAlias(written, output)) ||
          readsWritten(reduction, /*atOwnRows=*/true) ||
          llvm::any_of(companions, [&](Companion other) {
            return readsWritten(other.op, /*atOwnRows=*/inPlace);
          }))
        return true;
    }
    return false;
  };
  while (!companions.empty() && llvm::any_of(companions, conflicts))
    companions.erase(companions.begin());
  return companions;
}

struct ParallelizeReductionsPass
    : weft::impl::WeftParallelizeReductionsBase<ParallelizeReductionsPass> {
  using Base::Base;

  void runOnOperation() override {
    if (chunkIterations < 1) {
      getOperation().emitError(
          "weft-parallelize-reductions: chunk-iterations must be positive");
      return signalPassFailure();
    }
    SmallVector<std::pair<linalg::GenericOp, Operation *>> reductions;
    getOperation().walk([&](linalg::GenericOp op) {
      if (Operation *combiner = getRegroupableCombiner(op))
        if (isWorthSplitting(op, chunkIterations))
          reductions.push_back({op, combiner});
    });
    IRRewriter rewriter(&getContext());
    for (auto [op, combiner] : reductions)
      splitIntoChunks(rewriter, op, combiner);
  }

  void splitIntoChunks(IRRewriter &rewriter, linalg::GenericOp op,
                       Operation *combiner) {
    SmallVector<Companion> companions = findCompanions(op, rewriter);
    Location loc = op.getLoc();
    rewriter.setInsertionPoint(op);
    auto index = [&](int64_t v) {
      return arith::ConstantIndexOp::create(rewriter, loc, v).getResult();
    };

    // Rows of the outer loop per chunk: about chunkIterations iterations of
    // the whole nest each (at least one row; an empty inner nest counts as
    // one iteration per row).
    SmallVector<OpFoldResult> loopSizes = loopSizesOf(rewriter, op);
    Value inner = index(1);
    for (OpFoldResult size : llvm::drop_begin(loopSizes))
      inner = arith::MulIOp::create(
          rewriter, loc, inner,
          getValueOrCreateConstantIndexOp(rewriter, loc, size));
    inner = arith::MaxUIOp::create(rewriter, loc, inner, index(1));
    Value rows = getValueOrCreateConstantIndexOp(rewriter, loc, loopSizes[0]);
    Value rowsPerChunk = arith::MaxUIOp::create(
        rewriter, loc,
        arith::CeilDivUIOp::create(rewriter, loc, index(chunkIterations),
                                   inner),
        index(1));
    Value chunks = arith::CeilDivUIOp::create(rewriter, loc, rows,
                                              rowsPerChunk);

    // partials[c] is chunk c's result, with the output's shape.
    Value output = op.getDpsInitOperand(0)->get();
    auto outputType = cast<MemRefType>(output.getType());
    SmallVector<int64_t> partialShape{ShapedType::kDynamic};
    llvm::append_range(partialShape, outputType.getShape());
    SmallVector<Value> partialSizes{chunks};
    for (auto [dim, size] : llvm::enumerate(outputType.getShape()))
      if (ShapedType::isDynamic(size))
        partialSizes.push_back(memref::DimOp::create(rewriter, loc, output,
                                                     int64_t(dim)));
    auto partialsType =
        MemRefType::get(partialShape, outputType.getElementType());
    Value partials =
        memref::AllocOp::create(rewriter, loc, partialsType, partialSizes);

    auto forall = scf::ForallOp::create(
        rewriter, loc, ArrayRef<OpFoldResult>{chunks}, ValueRange{},
        std::nullopt);
    rewriter.setInsertionPointToStart(forall.getBody());
    Value chunk = forall.getInductionVar(0);
    Value firstRow = arith::MulIOp::create(rewriter, loc, chunk, rowsPerChunk);
    // The chunk's rows of `o`, whose loops have `sizes`, on the operands
    // `replace` gives: the reduction's (null `row`), or a companion's whose
    // first row is row `row` of the reduction's.
    auto cloneForChunk = [&](linalg::GenericOp o,
                             ArrayRef<OpFoldResult> sizes, OpFoldResult row,
                             function_ref<void(SmallVector<Value> &)> replace) {
      auto linalgOp = cast<linalg::LinalgOp>(*o);
      OpFoldResult first = firstRow, rowCount = rowsPerChunk;
      if (row) {
        // The chunk's rows, shifted to the companion's and clamped to its
        // rows (a piece of a stencil often has none in a chunk).
        AffineExpr d0, s0, s1;
        bindDims(rewriter.getContext(), d0);
        bindSymbols(rewriter.getContext(), s0, s1);
        auto clamped = [&](AffineExpr start) {
          AffineMap atLeastZero =
              AffineMap::get(1, 2, {start, rewriter.getAffineConstantExpr(0)},
                             rewriter.getContext());
          OpFoldResult low = affine::makeComposedFoldedAffineMax(
              rewriter, loc, atLeastZero, {firstRow, row, rowsPerChunk});
          return affine::makeComposedFoldedAffineMin(
              rewriter, loc,
              AffineMap::get(0, 2, {s0, s1}, rewriter.getContext()),
              {low, sizes[0]});
        };
        first = clamped(d0 - s0);
        OpFoldResult end = clamped(d0 - s0 + s1);
        rowCount = affine::makeComposedFoldedAffineApply(
            rewriter, loc, s0 - s1, {end, first});
      }
      SmallVector<OpFoldResult> offsets(o.getNumLoops(),
                                        rewriter.getIndexAttr(0));
      offsets[0] = first;
      SmallVector<OpFoldResult> tileSizes(o.getNumLoops(),
                                          rewriter.getIndexAttr(0));
      tileSizes[0] = rowCount;
      SmallVector<Value> operands = linalg::makeTiledShapes(
          rewriter, loc, linalgOp, o->getOperands(),
          {getValueOrCreateConstantIndexOp(rewriter, loc, first)}, tileSizes,
          sizes, /*omitPartialTileCheck=*/bool(row));
      replace(operands);
      auto clone = cast<linalg::LinalgOp>(
          mlir::clone(rewriter, o.getOperation(), TypeRange{}, operands));
      linalg::offsetIndices(rewriter, clone, offsets);
    };
    for (Companion companion : companions)
      cloneForChunk(companion.op, loopSizesOf(rewriter, companion.op),
                    companion.row, [](SmallVector<Value> &) {});
    cloneForChunk(op, loopSizes, OpFoldResult(),
                  [&](SmallVector<Value> &operands) {
      operands.back() = chunkResult(rewriter, loc, partials, chunk, output);
      Value identity = arith::ConstantOp::create(
          rewriter, loc, *arith::getNeutralElement(combiner));
      linalg::FillOp::create(rewriter, loc, identity, operands.back());
    });

    rewriter.setInsertionPointAfter(forall);
    combineInOrder(rewriter, loc, partials, output, combiner);
    memref::DeallocOp::create(rewriter, loc, partials);
    rewriter.eraseOp(op);
    for (Companion companion : companions)
      rewriter.eraseOp(companion.op);
  }

  /// partials[chunk], as a memref of the output's rank.
  static Value chunkResult(OpBuilder &b, Location loc, Value partials,
                           Value chunk, Value output) {
    auto outputType = cast<MemRefType>(output.getType());
    int64_t rank = outputType.getRank();
    SmallVector<OpFoldResult> offsets(rank + 1, b.getIndexAttr(0));
    offsets[0] = chunk;
    SmallVector<OpFoldResult> sizes{b.getIndexAttr(1)};
    llvm::append_range(sizes, memref::getMixedSizes(b, loc, output));
    SmallVector<OpFoldResult> strides(rank + 1, b.getIndexAttr(1));
    auto type = memref::SubViewOp::inferRankReducedResultType(
        outputType.getShape(), cast<MemRefType>(partials.getType()), offsets,
        sizes, strides);
    return memref::SubViewOp::create(b, loc, cast<MemRefType>(type), partials,
                                     offsets, sizes, strides);
  }

  /// output = combiner(output, partials[0]), then partials[1], ...: a
  /// reduction over the partials' first dimension, which lowers to a loop in
  /// chunk order.
  static void combineInOrder(OpBuilder &b, Location loc, Value partials,
                             Value output, Operation *combiner) {
    int64_t rank = cast<MemRefType>(output.getType()).getRank();
    MLIRContext *ctx = b.getContext();
    AffineMap all = AffineMap::getMultiDimIdentityMap(rank + 1, ctx);
    AffineMap withoutChunk = all.dropResult(0);
    SmallVector<utils::IteratorType> iterators(rank + 1,
                                               utils::IteratorType::parallel);
    iterators[0] = utils::IteratorType::reduction;
    linalg::GenericOp::create(
        b, loc, ValueRange{partials}, ValueRange{output},
        ArrayRef<AffineMap>{all, withoutChunk}, iterators,
        [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
          OperationState state(nestedLoc, combiner->getName());
          state.addOperands({args[1], args[0]});
          state.addTypes(args[1].getType());
          state.addAttributes(combiner->getAttrs());
          Value combined = nested.create(state)->getResult(0);
          linalg::YieldOp::create(nested, nestedLoc, combined);
        });
  }
};

} // namespace
