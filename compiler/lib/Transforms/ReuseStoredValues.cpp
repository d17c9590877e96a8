//===- ReuseStoredValues.cpp - store a value instead of computing it twice ===//
//
// weft-fuse-equations inlines an element-wise equation into each equation
// that reads it, so softmax's row loop computes e = exp(x - m) twice: in the
// loop that sums e and again in the loop that writes Y = e / s. When a loop
// stores a value that an earlier loop over the same range also computes, the
// earlier loop now stores it where the later one writes, and the later loop
// loads it back: the row is still in the cache, and a load costs less than
// an exp (Y is written in place, as a hand-written softmax does).
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/BufferRoots.h"
#include "weft/Transforms/Passes.h"

#include "mlir/IR/Dominance.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace weft {
#define GEN_PASS_DEF_WEFTREUSESTOREDVALUES
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;
using weft::isAllocation;
using weft::mayAlias;
using weft::rootOf;

namespace {

/// What the ops from `earlier` to `later` (both loops included) do to memory.
struct MemoryUse {
  SmallVector<Value> written; // roots written, freed or allocated
  SmallVector<std::pair<Operation *, Value>> accessed; // every access's root
  bool unknown = false; // an op with unknown effects, or on unknown memory

  MemoryUse(scf::ForOp earlier, scf::ForOp later) {
    for (Operation *op = earlier; op != later->getNextNode();
         op = op->getNextNode()) {
      auto effects = getEffectsRecursively(op);
      if (!effects) {
        unknown = true;
        return;
      }
      for (const MemoryEffects::EffectInstance &effect : *effects) {
        Value value = effect.getValue();
        if (!value) {
          unknown = true;
          return;
        }
        Value root = rootOf(value);
        accessed.push_back({op, root});
        if (!isa<MemoryEffects::Read>(effect.getEffect()))
          written.push_back(root);
      }
    }
  }

  /// No op in the range writes memory that `root` may share.
  bool isReadOnly(Value root) const {
    return !unknown &&
           llvm::none_of(written, [&](Value w) { return mayAlias(w, root); });
  }
};

/// Matches a value computed in the body of `later` with one computed in the
/// body of `earlier`, iteration for iteration.
struct LoopMatcher {
  scf::ForOp earlier, later;
  const MemoryUse &memory;

  bool equivalent(Value inLater, Value inEarlier) {
    if (inLater == later.getInductionVar())
      return inEarlier == earlier.getInductionVar();
    if (later.isDefinedOutsideOfLoop(inLater))
      return inLater == inEarlier;
    Operation *a = inLater.getDefiningOp();
    Operation *b = inEarlier.getDefiningOp();
    if (!a || !b || a->getBlock() != later.getBody() ||
        b->getBlock() != earlier.getBody() || a->getName() != b->getName() ||
        a->getAttrDictionary() != b->getAttrDictionary() ||
        a->getResultTypes() != b->getResultTypes() ||
        a->getNumOperands() != b->getNumOperands() || a->getNumRegions() ||
        cast<OpResult>(inLater).getResultNumber() !=
            cast<OpResult>(inEarlier).getResultNumber())
      return false;
    // A load gives the same value in both loops only if nothing between
    // them may change the memory it reads.
    if (!isMemoryEffectFree(a)) {
      auto load = dyn_cast<memref::LoadOp>(a);
      if (!load || !memory.isReadOnly(rootOf(load.getMemref())))
        return false;
    }
    return llvm::all_of(
        llvm::zip_equal(a->getOperands(), b->getOperands()), [&](auto pair) {
          return equivalent(std::get<0>(pair), std::get<1>(pair));
        });
  }

  /// Worth storing: computing it in `later` takes a math function (exp,
  /// log, ...); arithmetic alone costs no more than the load would.
  bool isCostly(Operation *op) {
    if (isa<math::MathDialect>(op->getDialect()))
      return true;
    return llvm::any_of(op->getOperands(), [&](Value operand) {
      Operation *def = operand.getDefiningOp();
      return def && def->getBlock() == later.getBody() && isCostly(def);
    });
  }
};

struct WeftReuseStoredValues
    : weft::impl::WeftReuseStoredValuesBase<WeftReuseStoredValues> {
  void runOnOperation() override {
    SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) { loops.push_back(loop); });
    // Moving a view op within its block keeps the dominance trees valid.
    DominanceInfo dominance(getOperation());
    for (scf::ForOp later : loops)
      for (Operation *op = later->getPrevNode(); op; op = op->getPrevNode())
        if (auto earlier = dyn_cast<scf::ForOp>(op))
          if (reuse(earlier, later, dominance))
            break;
  }

  /// The single store of `later`'s body, when it writes a distinct element
  /// in each iteration at indices that `earlier` can use too.
  memref::StoreOp findStore(scf::ForOp earlier, scf::ForOp later,
                            DominanceInfo &dominance) {
    SmallVector<memref::StoreOp> stores(
        later.getBody()->getOps<memref::StoreOp>());
    if (stores.size() != 1)
      return {};
    memref::StoreOp store = stores.front();
    bool byIteration = false;
    for (Value index : store.getIndices()) {
      if (index == later.getInductionVar())
        byIteration = true;
      else if (!dominance.properlyDominates(index, earlier))
        return {};
    }
    return byIteration ? store : memref::StoreOp();
  }

  /// Makes `later` load what `earlier` stored, if `later` stores a value
  /// that `earlier` computes too.
  bool reuse(scf::ForOp earlier, scf::ForOp later, DominanceInfo &dominance) {
    if (earlier.getLowerBound() != later.getLowerBound() ||
        earlier.getUpperBound() != later.getUpperBound() ||
        earlier.getStep() != later.getStep())
      return false;
    memref::StoreOp store = findStore(earlier, later, dominance);
    if (!store)
      return false;
    // The destination must be a buffer of this function that nothing from
    // `earlier` to `later` touches but this store: then `earlier` may write
    // it, and the element `later` loads is the one `earlier` stored.
    Value dest = store.getMemref();
    Value root = rootOf(dest);
    MemoryUse memory(earlier, later);
    if (!isAllocation(root) || memory.unknown ||
        llvm::any_of(memory.accessed, [&](auto access) {
          return access.first != later && mayAlias(access.second, root);
        }))
      return false;
    // Nor may `later` touch it anywhere but in the store.
    bool touched = false;
    later.getBody()->walk([&](Operation *op) {
      if (op == store.getOperation())
        return;
      auto effects = getEffectsRecursively(op);
      touched |= !effects || llvm::any_of(*effects, [&](auto &effect) {
        return !effect.getValue() || mayAlias(rootOf(effect.getValue()), root);
      });
    });
    if (touched)
      return false;
    // The destination view, if made between the loops, moves before both.
    Operation *destDef = dest.getDefiningOp();
    if (!dominance.properlyDominates(dest, earlier)) {
      if (!destDef || destDef->getBlock() != earlier->getBlock() ||
          !isPure(destDef) ||
          llvm::any_of(destDef->getOperands(), [&](Value operand) {
            return !dominance.properlyDominates(operand, earlier);
          }))
        return false;
    }

    LoopMatcher matcher{earlier, later, memory};
    Type element = cast<MemRefType>(dest.getType()).getElementType();
    for (Operation &op : llvm::reverse(later.getBody()->getOperations())) {
      if (!op.isBeforeInBlock(store) || op.getNumResults() != 1 ||
          op.getResult(0).getType() != element || !matcher.isCostly(&op))
        continue;
      for (Operation &candidate : earlier.getBody()->getOperations()) {
        if (candidate.getNumResults() != 1 ||
            !matcher.equivalent(op.getResult(0), candidate.getResult(0)))
          continue;
        if (!dominance.properlyDominates(dest, earlier))
          destDef->moveBefore(earlier);
        replaceWithLoad(earlier, later, store, &op, candidate.getResult(0));
        return true;
      }
    }
    return false;
  }

  void replaceWithLoad(scf::ForOp earlier, scf::ForOp later,
                       memref::StoreOp store, Operation *recomputed,
                       Value computed) {
    SmallVector<Value> indices;
    for (Value index : store.getIndices())
      indices.push_back(
          index == later.getInductionVar() ? earlier.getInductionVar() : index);
    OpBuilder builder(computed.getContext());
    builder.setInsertionPointAfterValue(computed);
    memref::StoreOp::create(builder, store.getLoc(), computed,
                            store.getMemref(), indices);
    builder.setInsertionPoint(recomputed);
    Value loaded = memref::LoadOp::create(
        builder, recomputed->getLoc(), store.getMemref(), store.getIndices());
    recomputed->getResult(0).replaceAllUsesWith(loaded);
    // What only the recomputation used goes with it.
    for (Operation &op : llvm::make_early_inc_range(
             llvm::reverse(later.getBody()->getOperations())))
      if (isOpTriviallyDead(&op))
        op.erase();
  }
};

} // namespace
