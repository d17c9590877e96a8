//===- Bufferize.cpp - One-Shot Bufferize without while-loop copies -------===//
//
// See the pass's description in Passes.td. Upstream's scf.while model copies
// every carried tensor at scf.condition unless both regions pass it on in
// its own buffer; this pass runs the same analysis and copy insertion, then
// takes those copies out again where the analysis shows that the loop owns
// the buffer alone, the rule scf.for applies to its yields.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotModuleBufferize.h"
#include "mlir/Dialect/Bufferization/Transforms/Transforms.h"

namespace weft {
#define GEN_PASS_DEF_WEFTBUFFERIZE
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;
using namespace mlir::bufferization;

namespace {

/// Whether some alias of `value` other than `except` is defined outside
/// `region` or is one of `region`'s own arguments.
bool aliasesOutside(Value value, Region &region, Value except,
                    const OneShotAnalysisState &state) {
  bool outside = false;
  state.applyOnAliases(value, [&](Value alias) {
    if (alias == except)
      return;
    Region *defined = alias.getParentRegion();
    if (isa<BlockArgument>(alias) ? !region.isProperAncestor(defined)
                                  : !region.isAncestor(defined))
      outside = true;
  });
  return outside;
}

/// Whether an alias of `value` is used inside `op`'s regions.
bool usedInside(Value value, Operation *op, const OneShotAnalysisState &state) {
  bool used = false;
  state.applyOnAliases(value, [&](Value alias) {
    for (Operation *user : alias.getUsers())
      used |= op->isProperAncestor(user);
  });
  return used;
}

/// Whether carried tensor `i` of `loop` needs no copy at scf.condition: the
/// condition passes the "before" argument on, which nothing in that region
/// writes; the body yields a buffer of its own (its argument, or one it
/// allocated), shared with no other yield; and the loop starts from a
/// buffer of its own, used nowhere in the loop and shared with no other
/// initial value.
bool ownsCarried(scf::WhileOp loop, unsigned i, ArrayRef<unsigned> tensors,
                 const OneShotAnalysisState &state) {
  BlockArgument before = loop.getBeforeArguments()[i];
  if (loop.getConditionOp().getArgs()[i] != before)
    return false;
  for (OpOperand &use : before.getUses())
    if (use.getOwner() != loop.getConditionOp() &&
        state.bufferizesToMemoryWrite(use))
      return false;
  Value yielded = loop.getYieldOp().getResults()[i];
  if (aliasesOutside(yielded, loop.getAfter(), loop.getAfterArguments()[i],
                     state))
    return false;
  OpOperand &init = loop.getInitsMutable()[i];
  if (state.isInPlace(init) && usedInside(init.get(), loop, state))
    return false;
  for (unsigned j : tensors) {
    if (j == i)
      continue;
    if (state.areAliasingBufferizedValues(
            yielded, loop.getYieldOp().getResults()[j]))
      return false;
    OpOperand &other = loop.getInitsMutable()[j];
    if (state.isInPlace(init) && state.isInPlace(other) &&
        state.areAliasingBufferizedValues(init.get(), other.get()))
      return false;
  }
  return true;
}

struct Bufferize : weft::impl::WeftBufferizeBase<Bufferize> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    OneShotBufferizationOptions options;
    options.bufferizeFunctionBoundaries = true;
    options.allowReturnAllocsFromLoops = true;
    options.setFunctionBoundaryTypeConversion(
        LayoutMapOption::IdentityLayoutMap);
    OneShotAnalysisState analysis(module, options);
    BufferizationState state;
    if (failed(analyzeModuleOp(module, analysis)))
      return signalPassFailure();

    // Decided before the copies go in, while the analysis still describes
    // the IR: the condition's operands then become the copies.
    SmallVector<std::pair<scf::WhileOp, unsigned>> owned;
    module.walk([&](scf::WhileOp loop) {
      SmallVector<unsigned> tensors;
      for (auto [i, type] : llvm::enumerate(loop.getInits().getTypes()))
        if (isa<TensorType>(type))
          tensors.push_back(i);
      for (unsigned i : tensors)
        if (ownsCarried(loop, i, tensors, analysis))
          owned.emplace_back(loop, i);
    });
    if (failed(insertTensorCopies(module, analysis, state)))
      return signalPassFailure();
    for (auto [loop, i] : owned) {
      scf::ConditionOp condition = loop.getConditionOp();
      auto copy = condition.getArgs()[i].getDefiningOp<AllocTensorOp>();
      if (!copy || copy.getCopy() != loop.getBeforeArguments()[i])
        continue;
      condition.getArgsMutable()[i].set(copy.getCopy());
      if (copy->use_empty())
        copy->erase();
    }

    if (failed(bufferizeModuleOp(module, options, state)))
      return signalPassFailure();
    removeBufferizationAttributesInModule(module);
  }
};

} // namespace
