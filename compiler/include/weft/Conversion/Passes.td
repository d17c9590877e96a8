//===- Passes.td - Weft conversion passes ------------------*- tablegen -*-===//
#ifndef WEFT_CONVERSION_PASSES_TD
#define WEFT_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertWeftToLinalg : Pass<"convert-weft-to-linalg", "mlir::ModuleOp"> {
  let summary = "Lower Weft kernels and equations to func and linalg on tensors";
  let description = [{
    `weft.kernel` becomes `func.func`, `weft.call` becomes `func.call`, and
    each `weft.equation` becomes a `linalg.generic` over its iteration space
    (reduced indices as reduction iterators, the accumulator filled with the
    combiner's identity). Lower bounds become slices of the inputs (or reads
    in the body), an `init` a `tensor.insert_slice` of the written range, and
    `weft.read` index arithmetic for its boundary policy plus
    `tensor.extract`. `weft.full` becomes `linalg.fill`.
  }];
  let dependentDialects = [
    "mlir::func::FuncDialect", "mlir::linalg::LinalgDialect",
    "mlir::tensor::TensorDialect", "mlir::arith::ArithDialect",
    "mlir::math::MathDialect", "mlir::scf::SCFDialect"
  ];
}

def ConvertWeftToRuntime : Pass<"convert-weft-to-runtime", "mlir::ModuleOp"> {
  let summary = "Lower Weft host operations to calls into the Weft runtime";
  let description = [{
    `weft.print`, `weft.random`, `weft.load`, `weft.save`, `weft.clock`, `weft.assert` and
    `weft.check_extent` become `func.call`s of the C functions declared in
    `runtime/include/weft/runtime.h`, each declared once as a private
    `func.func`. Arrays and strings are passed as `memref<*xi8>`, which
    lowers to the ABI's (rank, descriptor pointer): arrays through
    `bufferization.to_buffer` + `memref.cast` (+ an unrealized cast of the
    element type that reconcile-unrealized-casts removes), strings as one
    constant `memref.global` of i8 per distinct text. Element types travel as
    `weft_dtype` codes. Arrays that `weft.random` and `weft.load` fill become
    tensors through a non-writable `bufferization.to_tensor`.
  }];
  let dependentDialects = [
    "mlir::func::FuncDialect", "mlir::memref::MemRefDialect",
    "mlir::bufferization::BufferizationDialect", "mlir::arith::ArithDialect"
  ];
}

#endif // WEFT_CONVERSION_PASSES_TD
