//===- FastMath.cpp - inline polynomial f32 transcendental functions ------===//
//
// libm's expf, logf, ... are opaque calls: a loop that calls them cannot be
// vectorised, and row softmax then runs at scalar speed. MLIR's polynomial
// approximations compute exp, log and tanh with arith ops only; the bounds
// they keep are documented in docs/language.md and enforced by
// test/e2e/fast-math-accuracy.test. f64 has no such approximations and keeps
// libm.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/Passes.h"

#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace weft {
#define GEN_PASS_DEF_WEFTFASTMATH
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// The math ops whose f32 approximations are accurate enough to replace libm.
/// sin and cos are not among them: MLIR's versions reduce the argument in f32
/// and are wrong by far more than an ULP for large arguments (and subnormal
/// ones), so they stay calls (in vector loops, of libmvec's vector functions:
/// compiler/lib/Driver/VectorMath.cpp).
bool hasFastApproximation(StringRef opName) {
  return llvm::is_contained({math::ExpOp::getOperationName(),
                             math::LogOp::getOperationName(),
                             math::TanhOp::getOperationName()},
                            opName);
}

struct WeftFastMath : weft::impl::WeftFastMathBase<WeftFastMath> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // f16/bf16 operands are computed in f32, then rounded back.
    populateMathF32ExpansionPatterns(patterns, hasFastApproximation);
    populateMathPolynomialApproximationPatterns(patterns,
                                                hasFastApproximation);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
