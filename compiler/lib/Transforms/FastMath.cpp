//===- FastMath.cpp - inline polynomial f32 transcendental functions ------===//
//
// libm's expf, logf, ... are opaque calls: a loop that calls them cannot be
// vectorised, and row softmax then runs at scalar speed. MLIR's polynomial
// approximations compute exp, log and tanh with arith ops only; the bounds
// they keep are documented in docs/language.md and enforced by
// test/e2e/fast-math-accuracy.test. f64 has no such approximations and keeps
// libm.
//
// Where ldexp is one instruction (AVX-512's vscalefps), f32 exp is this
// pass's own, shorter expansion (ExpWithLdexp): softmax was bound by exp's
// arithmetic.
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

/// f32 exp(x) = 2^n e^r, n = round(x / ln 2), r = x - n ln 2 (ln 2 in two
/// parts, Cody and Waite), e^r by a degree-5 polynomial fitted for the least
/// maximum relative error on |r| <= ln 2 / 2 (1.5 * 2^-24), and 2^n applied
/// by llvm.ldexp, which rounds subnormal results and overflows to +inf
/// itself: x is clamped only so that n fits an i32, and a NaN passes the
/// clamps. n is converted to an integer once (lrint) and back to f32 once:
/// the ldexp lowering converts it to f32 again, the same value, which LLVM
/// merges. MLIR's approximation adds a longer polynomial, clamps on n and
/// 2^n built from bits and multiplied.
struct ExpWithLdexp : OpRewritePattern<math::ExpOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(math::ExpOp op,
                                PatternRewriter &rewriter) const override {
    Type type = op.getType();
    if (!getElementTypeOrSelf(type).isF32())
      return failure();
    Location loc = op.getLoc();
    Type intType = rewriter.getI32Type();
    auto vector = dyn_cast<VectorType>(type);
    if (vector)
      intType = vector.clone(intType);
    auto constant = [&](float value) -> Value {
      FloatAttr scalar = rewriter.getF32FloatAttr(value);
      if (vector)
        return arith::ConstantOp::create(
            rewriter, loc, DenseElementsAttr::get(vector, scalar));
      return arith::ConstantOp::create(rewriter, loc, scalar);
    };
    auto fma = [&](Value a, Value b, Value c) -> Value {
      return math::FmaOp::create(rewriter, loc, a, b, c);
    };
    // Clamps as compare and select (not maximumf/minimumf, which x86 lowers
    // with extra NaN checks): one vmaxps/vminps each, and a NaN x is kept.
    // exp(-104) < 2^-150 rounds to 0; exp(89) overflows.
    auto clamp = [&](Value v, arith::CmpFPredicate keep, float bound) {
      Value limit = constant(bound);
      Value inside = arith::CmpFOp::create(rewriter, loc, keep, v, limit);
      return arith::SelectOp::create(rewriter, loc, inside, v, limit);
    };
    Value x = clamp(op.getOperand(), arith::CmpFPredicate::UGE, -104.0f);
    x = clamp(x, arith::CmpFPredicate::ULE, 89.0f);
    Value t = arith::MulFOp::create(rewriter, loc, x,
                                    constant(1.44269504088896341f));
    Value n = LLVM::LrintOp::create(rewriter, loc, intType, t);
    Value nf = arith::SIToFPOp::create(rewriter, loc, type, n);
    Value r = fma(nf, constant(-0.693359375f), x);
    r = fma(nf, constant(2.12194440e-4f), r);
    Value p = fma(constant(0x1.0fa7d8p-7f), r, constant(0x1.573ad0p-5f));
    p = fma(p, r, constant(0x1.555a6ep-3f));
    p = fma(p, r, constant(0x1.fffdc4p-2f));
    p = fma(p, r, constant(0x1.fffff6p-1f));
    p = fma(p, r, constant(1.0f));
    // Through llvm.call_intrinsic: MLIR 22's llvm.intr.ldexp takes scalars
    // only, and weft-streaming-stores vectorises loops of exp itself.
    rewriter.replaceOpWithNewOp<LLVM::CallIntrinsicOp>(
        op, type, rewriter.getStringAttr("llvm.ldexp"), ValueRange{p, n});
    return success();
  }
};

struct WeftFastMath : weft::impl::WeftFastMathBase<WeftFastMath> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    // f16/bf16 operands are computed in f32, then rounded back.
    RewritePatternSet expansions(context);
    populateMathF32ExpansionPatterns(expansions, hasFastApproximation);
    if (fastLdexp)
      expansions.add<ExpWithLdexp>(context);
    // Then MLIR's approximations, for what ExpWithLdexp left.
    RewritePatternSet approximations(context);
    populateMathPolynomialApproximationPatterns(approximations,
                                                hasFastApproximation);
    if (failed(applyPatternsGreedily(getOperation(), std::move(expansions))) ||
        failed(applyPatternsGreedily(getOperation(),
                                     std::move(approximations))))
      signalPassFailure();
  }
};

} // namespace
