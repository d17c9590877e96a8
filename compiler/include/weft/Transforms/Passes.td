//===- Passes.td - Weft optimisation passes ----------------*- tablegen -*-===//
#ifndef WEFT_TRANSFORMS_PASSES_TD
#define WEFT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def WeftTileContractions : Pass<"weft-tile-contractions", "mlir::func::FuncOp"> {
  let summary = "Tile matrix products for the caches and registers and vectorise them";
  let description = [{
    Each matrix-product-shaped `linalg` op on buffers (maps `(i, k)`,
    `(k, j)` -> `(i, j)`, a multiply-add body) is tiled three times:
    `scf.forall` over cache tiles of `i` and `j` (independent, so the
    parallelisation passes may run them on several threads), `scf.for` over
    cache tiles of `k`, and `scf.for` over register tiles of
    `rows x (2 vectors)` with `k` innermost. The register-tile loops are
    peeled so that full tiles have static sizes; those are vectorised to
    `vector.contract`, the C tile's loads and stores are hoisted out of the
    `k` loop (it stays in registers) and the contraction is lowered to
    outer products (one broadcast-FMA per row and vector). Partial tiles at
    the edges stay scalar.

    ```mlir
    scf.forall (%i, %j) = (0, 0) to (%M, %N) step (128, 256) {
      scf.for %k0 = %c0 to %K step %c256 {
        scf.for %ii = ... step %c8 {
          scf.for %jj = ... step %c32 {
            %acc = vector.transfer_read ... : memref<...>, vector<8x32xf32>
            %r = scf.for %k = ... iter_args(%c = %acc) -> (vector<8x32xf32>) {
              ... vector.outerproduct ...
    ```
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "unsigned", /*default=*/"512",
           "Width of the host's vector registers in bits (512: AVX-512, "
           "256: AVX2)">,
  ];
  let dependentDialects = [
    "mlir::scf::SCFDialect", "mlir::vector::VectorDialect",
    "mlir::memref::MemRefDialect", "mlir::affine::AffineDialect",
    "mlir::arith::ArithDialect"
  ];
}

def WeftParallelizeRows : Pass<"weft-parallelize-rows", "mlir::func::FuncOp"> {
  let summary = "Run the outermost parallel loop of linalg ops as independent tiles";
  let description = [{
    Each `linalg` op on buffers whose outermost loop is parallel (element-wise
    equations, row reductions, stencil-shaped reads, fills), and that is not
    already inside an `scf.forall`, is tiled along that loop into an
    `scf.forall`: one row per iteration for ops of rank 2 or more, blocks of
    `block-size` elements for rank 1. The pipeline turns the `scf.forall`
    into an OpenMP worksharing loop with a static schedule, so each thread
    gets the same contiguous rows on every call (and keeps them in its
    cache across time steps); the inner loops stay unit-stride, for LLVM's
    vectoriser.

    ```mlir
    scf.forall (%i) in (%n) {
      %x = memref.subview %X[%i, 0] [1, %m] [1, 1] : ...
      linalg.generic ... ins(%x : ...) outs(%y : ...)
    }
    ```
  }];
  let options = [
    Option<"blockSize", "block-size", "int64_t", /*default=*/"4096",
           "Elements per tile of a rank-1 op">,
  ];
  let dependentDialects = [
    "mlir::scf::SCFDialect", "mlir::memref::MemRefDialect",
    "mlir::affine::AffineDialect", "mlir::arith::ArithDialect"
  ];
}

def WeftPreferVectorWidth : Pass<"weft-prefer-vector-width", "mlir::LLVM::LLVMFuncOp"> {
  let summary = "Ask LLVM's vectorisers for narrower vectors in streaming code";
  let description = [{
    Functions in the LLVM dialect whose body has no vector values (their
    loops are left to LLVM's loop and SLP vectorisers: element-wise
    equations, reductions, stencil-shaped reads) get the function attribute
    `"prefer-vector-width"="<bits>"`. On this Zen 5 machine 256-bit
    vectors beat 512-bit ones by 1.35-1.5x on streaming stencils. Functions
    with vector values (tiled matrix products) keep the full width: on x86
    the attribute would also split their 512-bit vectors.

    ```mlir
    llvm.func @saxpy(...) attributes {passthrough = [["prefer-vector-width", "256"]]}
    ```
  }];
  let options = [
    Option<"bits", "bits", "unsigned", /*default=*/"256",
           "The preferred vector width in bits">,
  ];
}

#endif // WEFT_TRANSFORMS_PASSES_TD
