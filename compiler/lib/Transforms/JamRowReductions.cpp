//===- JamRowReductions.cpp - reduce several rows in one column loop ------===//
//
// GEMV's y[i] += A[i, j] * x[j] lowers to a row loop around a column loop
// that accumulates into y[i]. One row at a time, the core streams one row
// of A and reloads x for every row; with four rows per column loop it
// streams four rows of A at once (more memory-level parallelism per core)
// and loads each x[j] once for the four. A C experiment on this machine
// (8192^2 f32, one thread) read A at 28 GB/s one row at a time and 35 GB/s
// four rows at a time, as Eigen does.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/BufferRoots.h"
#include "weft/Transforms/CarryThroughLoop.h"
#include "weft/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace weft {
#define GEN_PASS_DEF_WEFTJAMROWREDUCTIONS
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;
using weft::mayAlias;
using weft::rootOf;

namespace {

/// A memref load or store: its memref and indices.
struct Access {
  Operation *op;
  Value memref;
  ValueRange indices;
};

std::optional<Access> asAccess(Operation *op) {
  if (auto load = dyn_cast<memref::LoadOp>(op))
    return Access{op, load.getMemref(), load.getIndices()};
  if (auto store = dyn_cast<memref::StoreOp>(op))
    return Access{op, store.getMemref(), store.getIndices()};
  return std::nullopt;
}

/// The loads and stores of the ops in `block` (nested ones too), or nullopt
/// when an op there has another effect on memory.
std::optional<SmallVector<Access>> accessesIn(Block &block) {
  SmallVector<Access> accesses;
  WalkResult result = block.walk([&](Operation *op) {
    if (std::optional<Access> access = asAccess(op)) {
      accesses.push_back(*access);
      return WalkResult::advance();
    }
    if (op->getNumRegions() == 0 && !isMemoryEffectFree(op))
      return WalkResult::interrupt();
    return WalkResult::advance();
  });
  if (result.wasInterrupted())
    return std::nullopt;
  return accesses;
}

using Accumulator = std::pair<memref::LoadOp, memref::StoreOp>;

/// The accumulators of `loop`, an innermost loop without iter_args: each
/// buffer element that it loads and then stores at indices it does not
/// change (`y[i] = y[i] + ...`), when nothing else in the loop may touch
/// that buffer.
SmallVector<Accumulator> findAccumulators(scf::ForOp loop) {
  Block &body = *loop.getBody();
  SmallVector<Accumulator> accumulators;
  if (loop.getNumRegionIterArgs() ||
      llvm::any_of(body, [](Operation &op) { return op.getNumRegions(); }))
    return accumulators;
  std::optional<SmallVector<Access>> accesses = accessesIn(body);
  if (!accesses)
    return accumulators;
  for (Operation &op : body) {
    auto store = dyn_cast<memref::StoreOp>(op);
    if (!store || !loop.isDefinedOutsideOfLoop(store.getMemref()) ||
        !llvm::all_of(store.getIndices(), [&](Value index) {
          return loop.isDefinedOutsideOfLoop(index);
        }))
      continue;
    Value root = rootOf(store.getMemref());
    memref::LoadOp load;
    bool alone = llvm::all_of(*accesses, [&](const Access &access) {
      if (access.op == store || !mayAlias(rootOf(access.memref), root))
        return true;
      auto other = dyn_cast<memref::LoadOp>(access.op);
      if (load || !other || other.getMemref() != store.getMemref() ||
          other.getIndices() != store.getIndices() ||
          !other->isBeforeInBlock(store))
        return false;
      load = other;
      return true;
    });
    if (alone && load)
      accumulators.push_back({load, store});
  }
  return accumulators;
}

/// Keeps `accumulators` in registers: loaded before `loop`, carried as
/// iter_args, stored after it. Returns the loop that replaces `loop`.
scf::ForOp promote(scf::ForOp loop, ArrayRef<Accumulator> accumulators) {
  IRRewriter rewriter(loop);
  return weft::carryThroughLoop(
      rewriter, loop,
      llvm::map_to_vector(accumulators, [](const Accumulator &accumulator) {
        auto [load, store] = accumulator;
        return weft::CarriedAccess{load.getOperation(),
                                   &store.getValueMutable()};
      }));
}

/// The row loop around `inner`: an scf.for or one-dimensional scf.parallel
/// with step 1 and no results, whose body is `inner` and ops without
/// regions that only load, store or compute.
Operation *rowLoopAround(scf::ForOp inner) {
  Operation *outer = inner->getParentOp();
  Value step;
  if (auto loop = dyn_cast<scf::ForOp>(outer)) {
    if (loop.getNumResults())
      return nullptr;
    step = loop.getStep();
  } else if (auto loop = dyn_cast<scf::ParallelOp>(outer)) {
    if (loop.getNumLoops() != 1 || loop.getNumResults())
      return nullptr;
    step = loop.getStep()[0];
  } else {
    return nullptr;
  }
  std::optional<int64_t> constantStep = getConstantIntValue(step);
  if (!constantStep || *constantStep != 1)
    return nullptr;
  for (Operation &op : outer->getRegion(0).front())
    if (&op != inner && op.getNumRegions())
      return nullptr;
  if (!accessesIn(outer->getRegion(0).front()))
    return nullptr;
  return outer;
}

/// Whether the rows of `outer`, an scf.for, may be interleaved: every buffer
/// it writes is subscripted by the row in one dimension, by every access in
/// the loop that may touch it, so that no two rows touch the same element.
/// (The iterations of an scf.parallel are independent by definition.)
bool rowsAreIndependent(scf::ForOp outer) {
  Value row = outer.getInductionVar();
  SmallVector<Access> accesses = *accessesIn(*outer.getBody());
  for (const Access &store : accesses) {
    if (!isa<memref::StoreOp>(store.op))
      continue;
    Value root = rootOf(store.memref);
    auto rowDim = llvm::find(store.indices, row);
    if (store.memref != root || rowDim == store.indices.end())
      return false;
    size_t dim = rowDim - store.indices.begin();
    for (const Access &access : accesses)
      if (mayAlias(rootOf(access.memref), root) &&
          (access.memref != root || access.indices[dim] != row))
        return false;
  }
  return true;
}

/// Whether `inner` walks along a row: it loads, at its induction variable
/// in the last subscript, a memref of unit stride there. (A reduction down
/// the columns, `s[j] += X[i, j]`, is left alone.)
bool walksAlongRow(scf::ForOp inner) {
  return llvm::any_of(inner.getBody()->getOps<memref::LoadOp>(),
                      [&](memref::LoadOp load) {
                        return !load.getIndices().empty() &&
                               load.getIndices().back() ==
                                   inner.getInductionVar() &&
                               load.getMemRefType().isLastDimUnitStride();
                      });
}

/// Whether every accumulator is a sum (`y[i] = y[i] + ...`, arith.addf or
/// addi): GEMV's kind, the one measured. Max and min reductions are left as
/// they were.
bool sumsOnly(ArrayRef<Accumulator> accumulators) {
  return llvm::all_of(accumulators, [](const Accumulator &accumulator) {
    auto [load, store] = accumulator;
    Operation *combiner = store.getValueToStore().getDefiningOp();
    return isa_and_nonnull<arith::AddFOp, arith::AddIOp>(combiner) &&
           llvm::is_contained(combiner->getOperands(), load.getResult());
  });
}

/// Whether `inner` is a reduction worth jamming: sums along a row whose
/// bounds do not depend on the row.
bool isRowReduction(scf::ForOp inner, ArrayRef<Accumulator> accumulators,
                    Operation *outer) {
  auto loop = cast<LoopLikeOpInterface>(outer);
  return walksAlongRow(inner) && sumsOnly(accumulators) &&
         llvm::all_of(ValueRange{inner.getLowerBound(), inner.getUpperBound(),
                                 inner.getStep()},
                      [&](Value bound) {
                        return loop.isDefinedOutsideOfLoop(bound);
                      });
}

/// Rewrites `outer` (rows lb..ub) into a loop over groups of `rows` rows,
/// lb..lb + rows * floor((ub - lb) / rows), whose body runs `inner` once
/// for the whole group with the rows' accumulators side by side, and a
/// serial scf.for over the rows left over.
void jam(Operation *outer, scf::ForOp inner, int64_t rows) {
  Block &body = outer->getRegion(0).front();
  Value row = body.getArgument(0);
  auto loop = cast<LoopLikeOpInterface>(outer);
  Location loc = outer->getLoc();
  IRRewriter rewriter(outer);
  Value lower = getValueOrCreateConstantIndexOp(rewriter, loc,
                                                *loop.getSingleLowerBound());
  Value upper = getValueOrCreateConstantIndexOp(rewriter, loc,
                                                *loop.getSingleUpperBound());
  auto constant = [&](int64_t value) -> Value {
    return arith::ConstantIndexOp::create(rewriter, loc, value);
  };
  Value zero = constant(0), group = constant(rows);
  Value span = arith::MaxSIOp::create(rewriter, 
      loc, arith::SubIOp::create(rewriter, loc, upper, lower), zero);
  Value grouped = arith::MulIOp::create(rewriter, 
      loc, arith::DivUIOp::create(rewriter, loc, span, group), group);
  Value split = arith::AddIOp::create(rewriter, loc, lower, grouped);

  // The rows left over, one at a time, after the groups.
  rewriter.setInsertionPointAfter(outer);
  auto rest = scf::ForOp::create(rewriter, loc, split, upper, constant(1));
  {
    IRMapping mapping;
    mapping.map(row, rest.getInductionVar());
    rewriter.setInsertionPoint(rest.getBody()->getTerminator());
    for (Operation &op : body.without_terminator())
      rewriter.clone(op, mapping);
  }

  if (auto forOp = dyn_cast<scf::ForOp>(outer)) {
    forOp.setUpperBound(split);
    forOp.setStep(group);
  } else {
    auto parallel = cast<scf::ParallelOp>(outer);
    parallel.getUpperBoundMutable().assign(split);
    parallel.getStepMutable().assign(group);
  }

  // The group's body: each op before and after `inner` once per row, and
  // `inner` once with every row's copy of its body.
  SmallVector<Operation *> original =
      llvm::map_to_vector(body.without_terminator(),
                          [](Operation &op) { return &op; });
  rewriter.setInsertionPoint(body.getTerminator());
  SmallVector<IRMapping> mappings(rows);
  for (int64_t r = 0; r < rows; ++r)
    mappings[r].map(row, r == 0 ? row
                                : arith::AddIOp::create(rewriter, 
                                      loc, row, constant(r)));
  auto cloneForEachRow = [&](Operation *op) {
    for (IRMapping &mapping : mappings)
      rewriter.clone(*op, mapping);
  };
  auto position = llvm::find(original, inner.getOperation());
  llvm::for_each(llvm::make_range(original.begin(), position), cloneForEachRow);

  SmallVector<Value> initial;
  for (IRMapping &mapping : mappings)
    for (Value init : inner.getInitArgs())
      initial.push_back(mapping.lookupOrDefault(init));
  unsigned width = inner.getNumRegionIterArgs();
  auto jammed = scf::ForOp::create(rewriter, 
      inner.getLoc(), inner.getLowerBound(), inner.getUpperBound(),
      inner.getStep(), initial,
      [&](OpBuilder &builder, Location, Value column, ValueRange carried) {
        SmallVector<Value> yielded;
        for (auto [r, mapping] : llvm::enumerate(mappings)) {
          mapping.map(inner.getInductionVar(), column);
          mapping.map(inner.getRegionIterArgs(),
                      carried.slice(r * width, width));
          for (Operation &op : inner.getBody()->without_terminator())
            builder.clone(op, mapping);
          for (Value value : inner.getBody()->getTerminator()->getOperands())
            yielded.push_back(mapping.lookupOrDefault(value));
        }
        scf::YieldOp::create(builder, inner.getLoc(), yielded);
      });
  for (auto [r, mapping] : llvm::enumerate(mappings))
    mapping.map(inner.getResults(),
                jammed.getResults().slice(r * width, width));
  llvm::for_each(llvm::make_range(std::next(position), original.end()),
                 cloneForEachRow);

  for (Operation *op : llvm::reverse(original))
    rewriter.eraseOp(op);
}

struct WeftJamRowReductions
    : weft::impl::WeftJamRowReductionsBase<WeftJamRowReductions> {
  using Base::Base;

  void runOnOperation() override {
    if (rows < 2)
      return;
    SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) { loops.push_back(loop); });
    // Only the loops that are jammed are promoted, so that every other loop
    // reaches LLVM as before.
    for (scf::ForOp loop : loops) {
      SmallVector<Accumulator> accumulators = findAccumulators(loop);
      Operation *outer = rowLoopAround(loop);
      if (accumulators.empty() || !outer ||
          !isRowReduction(loop, accumulators, outer))
        continue;
      if (auto forOp = dyn_cast<scf::ForOp>(outer);
          forOp && !rowsAreIndependent(forOp))
        continue;
      jam(outer, promote(loop, accumulators), rows);
    }
  }
};

} // namespace
