//===- PreferVectorWidth.cpp - vector width for LLVM's vectorisers --------===//
#include "weft/Transforms/Passes.h"

namespace weft {
#define GEN_PASS_DEF_WEFTPREFERVECTORWIDTH
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// weft-streaming-stores' loops: bound by memory, they lose nothing when
/// their vectors are split.
bool storesNontemporally(Block *block) {
  return llvm::any_of(*block, [](Operation &op) {
    auto store = dyn_cast<LLVM::StoreOp>(op);
    return store && store.getNontemporal();
  });
}

bool hasVectorValues(LLVM::LLVMFuncOp func) {
  auto isVector = [](Type type) { return isa<VectorType>(type); };
  DenseMap<Block *, bool> streaming;
  WalkResult found = func.walk([&](Operation *op) {
    Block *block = op->getBlock();
    auto [known, inserted] = streaming.try_emplace(block, false);
    if (inserted)
      known->second = block && storesNontemporally(block);
    if (known->second)
      return WalkResult::advance();
    if (llvm::any_of(op->getResultTypes(), isVector) ||
        llvm::any_of(op->getOperandTypes(), isVector))
      return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return found.wasInterrupted();
}

/// weft-fast-math's exp, log and tanh are chains of fused multiply-adds:
/// loops that evaluate them are bound by arithmetic rather than memory, and
/// run faster at the full width (softmax: about 1.5x at 512 bits).
bool evaluatesPolynomials(LLVM::LLVMFuncOp func) {
  return func.walk([](LLVM::FMAOp) { return WalkResult::interrupt(); })
      .wasInterrupted();
}

struct PreferVectorWidthPass
    : weft::impl::WeftPreferVectorWidthBase<PreferVectorWidthPass> {
  using Base::Base;

  void runOnOperation() override {
    LLVM::LLVMFuncOp func = getOperation();
    if (bits == 0 || bits % 128 != 0) {
      func.emitError("weft-prefer-vector-width: bits must be a positive "
                     "multiple of 128");
      return signalPassFailure();
    }
    if (func.isExternal() || hasVectorValues(func) ||
        evaluatesPolynomials(func))
      return;
    Builder builder(&getContext());
    SmallVector<Attribute> passthrough;
    if (ArrayAttr existing = func.getPassthroughAttr())
      passthrough.append(existing.begin(), existing.end());
    passthrough.push_back(
        builder.getStrArrayAttr({"prefer-vector-width", std::to_string(bits)}));
    func.setPassthroughAttr(builder.getArrayAttr(passthrough));
  }
};

} // namespace
