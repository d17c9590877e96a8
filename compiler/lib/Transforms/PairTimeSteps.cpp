//===- PairTimeSteps.cpp - two stencil time steps per kernel call ---------===//
//
// `for s in 0..steps { u = step(u) }` becomes a loop of steps / 2 calls to
// `step.2steps` (the kernel's body twice, the second reading the first's
// result) and one call of `step` when the count is odd. weft-fuse-time-steps
// then computes both steps of the pair plane by plane, so the grid goes
// through memory once per two steps.
//
//===----------------------------------------------------------------------===//
#include "weft/Dialect/Weft/IR/WeftOps.h"
#include "weft/Transforms/Passes.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace weft {
#define GEN_PASS_DEF_WEFTPAIRTIMESTEPS
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// The constant offset of `expr` from the index it reads (`d0 + 1` -> 1,
/// `d0` -> 0), or nothing when it is not an index plus a constant.
std::optional<int64_t> constantOffset(AffineExpr expr) {
  if (isa<AffineDimExpr>(expr))
    return 0;
  auto sum = dyn_cast<AffineBinaryOpExpr>(expr);
  if (!sum || sum.getKind() != AffineExprKind::Add ||
      !isa<AffineDimExpr>(sum.getLHS()))
    return std::nullopt;
  if (auto c = dyn_cast<AffineConstantExpr>(sum.getRHS()))
    return c.getValue();
  return std::nullopt;
}

/// Whether `kernel` is a stencil time step on its argument `arg`: one
/// equation, written element for element into a copy of `arg` (`= u`, so
/// the result has `arg`'s shape), that reads `arg` only at constant
/// offsets, at most `maxOffset` planes away along the outermost dimension,
/// and whose result (of `arg`'s type) the kernel returns.
bool isStencilStep(weft::KernelOp kernel, unsigned arg, int64_t maxOffset) {
  if (!kernel.getBody().hasOneBlock() ||
      kernel.getFunctionType().getNumResults() != 1 ||
      kernel.getFunctionType().getResult(0) != kernel.getArgumentTypes()[arg])
    return false;
  Block &body = kernel.getBody().front();
  Value u = body.getArgument(arg);
  weft::EquationOp equation;
  for (Operation &op : body) {
    if (isa<weft::CallOp>(op))
      return false;
    if (auto eq = dyn_cast<weft::EquationOp>(op)) {
      if (equation)
        return false;
      equation = eq;
    }
  }
  if (!equation ||
      body.getTerminator()->getOperand(0) != equation.getResult() ||
      equation.getInit() != u ||
      equation.getCombiner() != weft::CombinerKind::none ||
      !equation.getWrites().isIdentity() ||
      equation.getWrites().getNumResults() != equation.getNumIndices())
    return false;
  // Computed subscripts may read anywhere.
  if (equation.getBody().walk([](weft::ReadOp) {
        return WalkResult::interrupt();
      }).wasInterrupted())
    return false;
  bool readsU = false;
  for (auto [input, map] : llvm::zip(
           equation.getInputs(),
           equation.getReads().getAsValueRange<AffineMapAttr>())) {
    if (input != u)
      continue;
    readsU = true;
    for (AffineExpr expr : map.getResults())
      if (!constantOffset(expr))
        return false;
    if (std::abs(*constantOffset(map.getResult(0))) > maxOffset)
      return false;
  }
  return readsU;
}

/// `kernel` with its body twice, the second copy reading the first's
/// result in place of argument `arg`.
weft::KernelOp buildTwoSteps(weft::KernelOp kernel, unsigned arg,
                             StringRef name) {
  OpBuilder builder(kernel);
  builder.setInsertionPointAfter(kernel);
  auto twice = cast<weft::KernelOp>(builder.clone(*kernel));
  twice.setSymName(name);
  Block &first = kernel.getBody().front();
  Block &body = twice.getBody().front();
  Operation *ret = body.getTerminator();
  IRMapping mapping;
  for (auto [from, to] : llvm::zip(first.getArguments(), body.getArguments()))
    mapping.map(from, to);
  mapping.map(first.getArgument(arg), ret->getOperand(0));
  builder.setInsertionPoint(ret);
  // The first step's result has its argument's shape, which the first
  // copy's extent checks have already checked.
  for (Operation &op : first.without_terminator())
    if (!isa<weft::CheckExtentOp>(op))
      builder.clone(op, mapping);
  ret->setOperand(0, mapping.lookup(first.getTerminator()->getOperand(0)));
  return twice;
}

/// The call of a loop whose body is only `%v = weft.call @k(..., %u, ...)`
/// yielding %v as its only iteration argument %u (other operands defined
/// outside the loop), and the position of %u among its operands.
std::optional<std::pair<weft::CallOp, unsigned>> stepCall(scf::ForOp loop) {
  if (loop.getNumRegionIterArgs() != 1)
    return std::nullopt;
  Value u = loop.getRegionIterArgs().front();
  weft::CallOp call;
  for (Operation &op : loop.getBody()->without_terminator()) {
    if (auto c = dyn_cast<weft::CallOp>(op); c && !call) {
      call = c;
      continue;
    }
    // Dead pure ops (the index cast of an unused loop variable) may stay.
    if (!isPure(&op) || !op.use_empty())
      return std::nullopt;
  }
  if (!call || call.getNumResults() != 1 ||
      loop.getBody()->getTerminator()->getOperand(0) != call.getResult(0) ||
      !u.hasOneUse())
    return std::nullopt;
  std::optional<unsigned> position;
  for (auto [i, operand] : llvm::enumerate(call.getOperands())) {
    if (operand == u)
      position = i;
    else if (!loop.isDefinedOutsideOfLoop(operand))
      return std::nullopt;
  }
  if (!position)
    return std::nullopt;
  return std::make_pair(call, *position);
}

struct PairTimeStepsPass
    : weft::impl::WeftPairTimeStepsBase<PairTimeStepsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<scf::ForOp> loops;
    module.walk([&](scf::ForOp loop) {
      if (!loop->getParentOfType<weft::KernelOp>())
        loops.push_back(loop);
    });
    for (scf::ForOp loop : loops) {
      auto found = stepCall(loop);
      if (!found)
        continue;
      auto [call, arg] = *found;
      auto kernel = symbols.lookup<weft::KernelOp>(call.getCallee());
      if (!kernel || !isStencilStep(kernel, arg, maxOffset))
        continue;
      // A kernel may be iterated on different arguments in different loops.
      std::string name =
          (kernel.getSymName() + ".2steps" + (arg ? "." + Twine(arg) : ""))
              .str();
      auto twice = symbols.lookup<weft::KernelOp>(name);
      if (!twice) {
        twice = buildTwoSteps(kernel, arg, name);
        symbols.insert(twice);
      }
      pairLoop(loop, call, arg, twice);
    }
  }

  /// Rewrites `loop` into trip / 2 calls of `twice` and one call of the
  /// step when the trip count is odd.
  void pairLoop(scf::ForOp loop, weft::CallOp call, unsigned arg,
                weft::KernelOp twice) {
    OpBuilder b(loop);
    Location loc = loop.getLoc();
    Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
    Value one = b.create<arith::ConstantIndexOp>(loc, 1);
    Value span = b.create<arith::MaxSIOp>(
        loc, b.create<arith::SubIOp>(loc, loop.getUpperBound(),
                                     loop.getLowerBound()),
        zero);
    Value trips = b.create<arith::CeilDivSIOp>(loc, span, loop.getStep());
    Value pairs = b.create<arith::ShRUIOp>(loc, trips, one);
    Type type = loop.getResultTypes().front();
    auto paired = b.create<scf::ForOp>(
        loc, zero, pairs, one, loop.getInitArgs(),
        [&](OpBuilder &nested, Location nestedLoc, Value, ValueRange args) {
          SmallVector<Value> operands(call.getOperands());
          operands[arg] = args.front();
          auto pair = nested.create<weft::CallOp>(
              call.getLoc(), TypeRange{type},
              SymbolRefAttr::get(twice.getSymNameAttr()), operands,
              ArrayAttr(), ArrayAttr());
          nested.create<scf::YieldOp>(nestedLoc, pair.getResults());
        });
    Value odd = b.create<arith::CmpIOp>(
        loc, arith::CmpIPredicate::ne,
        b.create<arith::AndIOp>(loc, trips, one), zero);
    auto last = b.create<scf::IfOp>(
        loc, odd,
        [&](OpBuilder &nested, Location nestedLoc) {
          IRMapping mapping;
          mapping.map(call.getOperand(arg), paired.getResult(0));
          Operation *step = nested.clone(*call, mapping);
          nested.create<scf::YieldOp>(nestedLoc, step->getResults());
        },
        [&](OpBuilder &nested, Location nestedLoc) {
          nested.create<scf::YieldOp>(nestedLoc, paired.getResults());
        });
    loop.replaceAllUsesWith(last.getResults());
    loop.erase();
  }
};

} // namespace
