//===- ExactBFloat16.cpp - f32 -> bf16 rounding keeping subnormals --------===//
//
// LLVM lowers `fptrunc float to bfloat` to AVX512-BF16's vcvtneps2bf16 where
// the host has it, and that instruction reads subnormal inputs as zero:
// bf16(1e-39) was 0 at run time but 1.01e-39 when constant-folded, and
// another value again on a CPU without the instruction. MLIR's bf16
// expansion rounds to nearest even with integer ops, like the constant
// folder, on every CPU; it also turns bf16 -> f32 into a shift.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/Passes.h"

#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace weft {
#define GEN_PASS_DEF_WEFTEXACTBFLOAT16
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

struct ExactBFloat16Pass
    : weft::impl::WeftExactBFloat16Base<ExactBFloat16Pass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    arith::populateExpandBFloat16Patterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
