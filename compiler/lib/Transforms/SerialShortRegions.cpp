//===- SerialShortRegions.cpp - no fork for a one-iteration loop ---------===//
//
// A strip of a stencil one row thick is a parallel loop whose size is a run
// time value. With a static schedule the second thread gets no row, yet the
// region still wakes it and waits for it: under load, for a whole time
// slice. An `if` clause keeps such a region on the calling thread.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/Passes.h"

#include "mlir/Dialect/OpenMP/OpenMPDialect.h"

namespace weft {
#define GEN_PASS_DEF_WEFTSERIALSHORTREGIONS
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// The loop nest of a region that holds only a one-dimensional
/// worksharing loop with bounds from outside the region.
omp::LoopNestOp onlyLoop(omp::ParallelOp region) {
  Block &body = region.getRegion().front();
  auto wsloop = dyn_cast<omp::WsloopOp>(body.front());
  if (!wsloop || !isa<omp::TerminatorOp>(wsloop->getNextNode()))
    return {};
  auto nest = dyn_cast<omp::LoopNestOp>(wsloop.getWrappedLoop());
  if (!nest || nest.getLoopUpperBounds().size() != 1)
    return {};
  for (Value bound : nest->getOperands())
    if (region->isAncestor(bound.getParentBlock()->getParentOp()))
      return {};
  return nest;
}

struct SerialShortRegionsPass
    : weft::impl::WeftSerialShortRegionsBase<SerialShortRegionsPass> {
  void runOnOperation() override {
    getOperation().walk([](omp::ParallelOp region) {
      omp::LoopNestOp nest = region.getIfExpr() ? nullptr : onlyLoop(region);
      if (!nest)
        return;
      // Two iterations or more: upper - lower > step (steps are positive).
      OpBuilder builder(region);
      Location loc = region.getLoc();
      Value span = arith::SubIOp::create(builder, loc,
                                         nest.getLoopUpperBounds().front(),
                                         nest.getLoopLowerBounds().front());
      Value more =
          arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::sgt, span,
                                nest.getLoopSteps().front());
      region.getIfExprMutable().assign(more);
    });
  }
};

} // namespace
