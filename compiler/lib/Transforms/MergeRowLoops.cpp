//===- MergeRowLoops.cpp - one row loop for a stencil's pieces -----------===//
//
// A stencil's interior and the strips beside it are separate row loops after
// weft-parallelize-rows; as separate OpenMP regions each costs a fork and a
// barrier per time step, which on a loaded machine waits for a descheduled
// thread. Pieces over the same rows of the same output share one loop.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/Passes.h"

#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace weft {
#define GEN_PASS_DEF_WEFTMERGEROWLOOPS
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// `v` without `maxsi(x, 0)` around an x that is already a `maxsi` with a
/// non-negative constant: pieces' extents are clamped more than once.
Value withoutRepeatedClamps(Value v) {
  while (auto max = v.getDefiningOp<arith::MaxSIOp>()) {
    auto inner = max.getLhs().getDefiningOp<arith::MaxSIOp>();
    std::optional<int64_t> c =
        inner ? getConstantIntValue(inner.getRhs()) : std::nullopt;
    if (!matchPattern(max.getRhs(), m_Zero()) || !c || *c < 0)
      break;
    v = max.getLhs();
  }
  return v;
}

/// A loop over rows `0 .. n` one at a time, as weft-parallelize-rows makes.
std::optional<Value> rowCount(scf::ForallOp loop) {
  if (loop.getRank() != 1 || !loop.getOutputs().empty() ||
      loop.getMapping() || !loop.isNormalized())
    return std::nullopt;
  OpFoldResult n = loop.getMixedUpperBound().front();
  if (auto value = dyn_cast<Value>(n))
    return withoutRepeatedClamps(value);
  return std::nullopt;
}

/// One buffer a loop body reads or writes; for a write into an allocation,
/// the row of that allocation where iteration 0 writes, when the write goes
/// through a one-row view `%base[%i, ...]` of a view `%alloc[offset, ...]`.
struct Access {
  Value root;
  bool write;
  std::optional<OpFoldResult> rowOffset;
};

Value rootOf(Value v) {
  while (auto view = v.getDefiningOp<ViewLikeOpInterface>())
    v = view.getViewSource();
  return v;
}

bool unitRowStride(memref::SubViewOp view) {
  return isConstantIntValue(view.getMixedStrides().front(), 1);
}

std::optional<OpFoldResult> rowOffsetOf(Value written, scf::ForallOp loop) {
  auto row = written.getDefiningOp<memref::SubViewOp>();
  if (!row || !unitRowStride(row) ||
      row.getMixedOffsets().front() !=
          OpFoldResult(loop.getInductionVars().front()) ||
      !isConstantIntValue(row.getMixedSizes().front(), 1))
    return std::nullopt;
  auto base = row.getSource().getDefiningOp<memref::SubViewOp>();
  if (!base || !unitRowStride(base) ||
      !base.getSource().getDefiningOp<memref::AllocOp>() ||
      loop->isAncestor(base))
    return std::nullopt;
  return base.getMixedOffsets().front();
}

/// Every buffer the body of `loop` touches, or nothing when an op's effects
/// are unknown or are not plain reads and writes of a value.
std::optional<SmallVector<Access>> accessesOf(scf::ForallOp loop) {
  SmallVector<Access> accesses;
  WalkResult result = loop.getBody()->walk([&](Operation *op) {
    // An op with only recursive effects (the scf.if around a `boundary
    // zero` read) has those of the ops inside it, which the walk visits.
    // (linalg ops declare their operands' effects as well: those count.)
    if (isMemoryEffectFree(op) ||
        (!isa<MemoryEffectOpInterface>(op) &&
         op->hasTrait<OpTrait::HasRecursiveMemoryEffects>()))
      return WalkResult::advance();
    auto effecting = dyn_cast<MemoryEffectOpInterface>(op);
    if (!effecting)
      return WalkResult::interrupt();
    SmallVector<MemoryEffects::EffectInstance> effects;
    effecting.getEffects(effects);
    for (const MemoryEffects::EffectInstance &effect : effects) {
      Value value = effect.getValue();
      bool write = isa<MemoryEffects::Write>(effect.getEffect());
      if (!value || !(write || isa<MemoryEffects::Read>(effect.getEffect())))
        return WalkResult::interrupt();
      accesses.push_back({rootOf(value), write,
                          write ? rowOffsetOf(value, loop) : std::nullopt});
    }
    return WalkResult::advance();
  });
  if (result.wasInterrupted())
    return std::nullopt;
  return accesses;
}

/// Whether row i of `second` may run right after row i of `first` instead
/// of after all of `first`: neither reads what the other writes, and what
/// both write is an allocation written a row at a time at the same offset.
bool independent(ArrayRef<Access> first, ArrayRef<Access> second) {
  for (const Access &a : first)
    for (const Access &b : second) {
      if (a.root != b.root || (!a.write && !b.write))
        continue;
      if (!a.write || !b.write || !a.rowOffset || !b.rowOffset ||
          !isEqualConstantIntOrValue(*a.rowOffset, *b.rowOffset))
        return false;
    }
  // Distinct roots must not alias: written ones are this function's
  // allocations, read ones those or its arguments.
  auto distinct = [](const Access &a) {
    if (a.root.getDefiningOp<memref::AllocOp>())
      return true;
    auto argument = dyn_cast<BlockArgument>(a.root);
    return !a.write && argument &&
           isa<func::FuncOp>(argument.getOwner()->getParentOp());
  };
  return llvm::all_of(first, distinct) && llvm::all_of(second, distinct);
}

bool canMerge(scf::ForallOp first, scf::ForallOp second) {
  std::optional<Value> rows = rowCount(first);
  if (!rows || rows != rowCount(second))
    return false;
  std::optional<SmallVector<Access>> a = accessesOf(first);
  std::optional<SmallVector<Access>> b = accessesOf(second);
  return a && b && independent(*a, *b);
}

/// Moves the body of `first` to the start of `second`'s and erases it.
void merge(scf::ForallOp first, scf::ForallOp second, RewriterBase &rewriter) {
  Block *from = first.getBody();
  Block *into = second.getBody();
  rewriter.eraseOp(from->getTerminator());
  rewriter.inlineBlockBefore(from, into, into->begin(),
                             second.getInductionVars());
  rewriter.eraseOp(first);
}

struct MergeRowLoopsPass
    : weft::impl::WeftMergeRowLoopsBase<MergeRowLoopsPass> {
  void runOnOperation() override {
    // Innermost blocks first, so a block is done before its loop can move.
    SmallVector<Block *> blocks;
    getOperation().walk([&](Block *block) { blocks.push_back(block); });
    IRRewriter rewriter(&getContext());
    for (Block *block : blocks) {
      scf::ForallOp previous;
      for (Operation &op : llvm::make_early_inc_range(*block)) {
        auto loop = dyn_cast<scf::ForallOp>(op);
        if (!loop) {
          // Ops between the loops must not care which runs first.
          if (!isMemoryEffectFree(&op))
            previous = nullptr;
          continue;
        }
        if (previous && canMerge(previous, loop))
          merge(previous, loop, rewriter);
        previous = loop;
      }
    }
  }
};

} // namespace
