//===- Passes.td - Weft optimisation passes ----------------*- tablegen -*-===//
#ifndef WEFT_TRANSFORMS_PASSES_TD
#define WEFT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def WeftFastMath : Pass<"weft-fast-math"> {
  let summary = "Replace f32 exp, log and tanh by inline polynomials";
  let description = [{
    Rewrites `math.exp`, `math.log` and `math.tanh` on f32 (scalars or vectors; f16 and bf16 through f32) into `arith` and
    `math.fma` code: range reduction plus a polynomial, with no library
    calls, so that the loop and SLP vectorisers (and MLIR's vectoriser) can
    vectorise loops that use them. The error bounds, in units in the last
    place against the correctly rounded result, are listed in
    docs/language.md ("Floating-point accuracy") and checked by
    test/e2e/fast-math-accuracy.test. f64 math, and sin and cos (whose
    approximations lose accuracy for large arguments), are left to libm.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::math::MathDialect",
                           "mlir::vector::VectorDialect"];
}

#endif // WEFT_TRANSFORMS_PASSES_TD
