//===- Passes.td - Weft optimisation passes ----------------*- tablegen -*-===//
#ifndef WEFT_TRANSFORMS_PASSES_TD
#define WEFT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def WeftFuseEquations : Pass<"weft-fuse-equations", "mlir::func::FuncOp"> {
  let summary = "Fuse element-wise equations into the equations that read them";
  let description = [{
    A `linalg.generic` on tensors with only parallel loops (an element-wise
    equation: `e[r, c] = exp(X[r, c] - m[r])`) is inlined into each
    `linalg.generic` that reads it element for element (a reduction such as
    `s[r] += e[r, c]`, or another element-wise equation), so that its value
    is computed where it is used instead of being stored in a temporary and
    read back. A producer read by several equations is computed again in
    each; once it has no other reader, it and its temporary disappear.
    Reads at shifted or broadcast subscripts (stencils, `x[i+1]`, `m[r]` in
    an `[r, c]` loop) are not fused: that would compute the producer again
    for every reader of each element. Reduction order does not change.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect",
                           "mlir::tensor::TensorDialect"];
}

def WeftFuseRows : Pass<"weft-fuse-rows", "mlir::func::FuncOp"> {
  let summary = "Compute a chain of row reductions one row at a time";
  let description = [{
    The last equation of a chain that reads a reduction (softmax's
    `Y[r, c] = e[r, c] / s[r]`, layer norm's output) is tiled by one row of
    its outermost parallel loop (`scf.for` over rows), and the equations it
    reads are fused into that loop when it needs only the current row of them
    (`m[r] max= X[r, c]`, `s[r] += ...`, and what they read in turn). Each
    row of the input is then read from memory once and stays in cache for
    the max, the sum and the result; the temporaries shrink to one row.
    Producers that every row needs whole (a column sum), or whose row reads
    a whole input (a matmul row reads all of B), stay outside the loop and
    run once. Results are
    the same as without the pass: each reduction still runs over its row in
    the same order.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect",
                           "mlir::scf::SCFDialect",
                           "mlir::tensor::TensorDialect"];
}

def WeftReassociateReductions
    : Pass<"weft-reassociate-reductions", "mlir::func::FuncOp"> {
  let summary = "Allow float reductions to be summed in any order";
  let description = [{
    In each `linalg.generic` with reduction loops, the float op that combines
    the accumulator with the next value (`arith.addf`, `mulf`, `maximumf`,
    `minimumf`) gets the `reassoc` fast-math flag, so that the vectorisers
    may keep one partial result per vector lane. Sums and products may then
    round differently from the sequential order; max and min do not change.
    No other fast-math assumption (no NaN, no infinity) is made.
  }];
}

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
