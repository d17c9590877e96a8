//===- DeferChecks.cpp - bounds checks of GPU kernels made on the host ----===//
#include "weft/Gpu/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"

namespace weft {
#define GEN_PASS_DEF_WEFTGPUDEFERCHECKS
#include "weft/Gpu/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

constexpr StringLiteral checkFunction = "weft_rt_check_index";

/// The outermost linalg op or scf.parallel around `op`: the kernel it will
/// be part of, or null when it stays on the host.
Operation *enclosingKernel(Operation *op) {
  Operation *kernel = nullptr;
  for (Operation *parent = op->getParentOp(); parent;
       parent = parent->getParentOp())
    if (isa<linalg::LinalgOp, scf::ParallelOp>(parent))
      kernel = parent;
  return kernel;
}

/// `value` for use after `kernel`: itself when defined outside, else a
/// clone of the side-effect-free ops computing it (the message's
/// memref.get_global and memref.cast).
Value cloneAfter(OpBuilder &b, Operation *kernel, Value value) {
  Operation *def = value.getDefiningOp();
  if (!def || !kernel->isAncestor(def))
    return value;
  IRMapping mapping;
  for (Value operand : def->getOperands())
    mapping.map(operand, cloneAfter(b, kernel, operand));
  return b.clone(*def, mapping)
      ->getResult(cast<OpResult>(value).getResultNumber());
}

/// Replaces the uses of `from` that `by` dominates.
void replaceDominatedUses(Value from, Operation *by, DominanceInfo &dominance) {
  from.replaceUsesWithIf(by->getResult(0), [&](OpOperand &use) {
    return dominance.properlyDominates(by, use.getOwner());
  });
}

/// A kernel does not stop at a failed check: what follows it reads at
/// subscript 0 instead of a bad `subscript`, so that reads stay inside the
/// array (an empty one too: the runtime's smallest allocation is a whole
/// page). Reads use index casts of `subscript`, often made before the check.
void readSafely(OpBuilder &b, Location loc, Value subscript, Value outside,
                DominanceInfo &dominance) {
  if (matchPattern(subscript, m_Constant()))
    return;
  Value zero = arith::ConstantIntOp::create(b, loc, subscript.getType(), 0);
  auto safe = arith::SelectOp::create(b, loc, outside, zero, subscript);
  SmallVector<arith::IndexCastOp> casts;
  for (Operation *user : subscript.getUsers())
    if (auto cast = dyn_cast<arith::IndexCastOp>(user))
      casts.push_back(cast);
  replaceDominatedUses(subscript, safe, dominance);
  for (arith::IndexCastOp cast : casts) {
    auto safeCast =
        arith::IndexCastOp::create(b, loc, cast.getType(), safe.getResult());
    replaceDominatedUses(cast, safeCast, dominance);
  }
}

/// Replaces one check call inside `kernel` (see the pass description).
void deferCheck(func::CallOp call, Operation *kernel,
                DominanceInfo &dominance) {
  Location loc = call.getLoc();
  OpBuilder b(kernel);
  Type i64 = b.getI64Type();
  Value slot =
      memref::AllocOp::create(b, loc, MemRefType::get({2}, i64)).getResult();
  auto storeSlot = [&](Value subscript, Value extent) {
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    memref::StoreOp::create(b, loc, subscript, slot, zero);
    memref::StoreOp::create(b, loc, extent, slot, one);
  };
  storeSlot(arith::ConstantIntOp::create(b, loc, i64, 0),
            arith::ConstantIntOp::create(b, loc, i64, 1));

  b.setInsertionPoint(call);
  Value subscript = call.getOperand(0), extent = call.getOperand(1);
  // Unsigned: a negative subscript is out of range too (extents are >= 0).
  Value outside = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::uge,
                                        subscript, extent);
  auto ifOutside = scf::IfOp::create(b, loc, outside);
  b.setInsertionPointToStart(ifOutside.thenBlock());
  storeSlot(subscript, extent);
  b.setInsertionPointAfter(ifOutside);
  readSafely(b, loc, subscript, outside, dominance);

  b.setInsertionPointAfter(kernel);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  SmallVector<Value> operands = {
      memref::LoadOp::create(b, loc, slot, zero).getResult(),
      memref::LoadOp::create(b, loc, slot, one).getResult()};
  for (Value operand : call.getOperands().drop_front(2))
    operands.push_back(cloneAfter(b, kernel, operand));
  func::CallOp::create(b, loc, call.getCallee(), call.getResultTypes(),
                       operands);
  memref::DeallocOp::create(b, loc, slot);
  call.erase();
}

struct DeferChecks : public weft::impl::WeftGpuDeferChecksBase<DeferChecks> {
  void runOnOperation() override {
    SmallVector<std::pair<func::CallOp, Operation *>> checks;
    getOperation().walk([&](func::CallOp call) {
      if (call.getCallee() != checkFunction)
        return;
      if (Operation *kernel = enclosingKernel(call))
        checks.push_back({call, kernel});
    });
    DominanceInfo dominance(getOperation());
    for (auto [call, kernel] : checks)
      deferCheck(call, kernel, dominance);
  }
};

} // namespace
