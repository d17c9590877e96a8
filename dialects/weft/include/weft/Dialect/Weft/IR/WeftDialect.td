//===- WeftDialect.td - the Weft dialect -------------------*- tablegen -*-===//
#ifndef WEFT_DIALECT_TD
#define WEFT_DIALECT_TD

include "mlir/IR/OpBase.td"

def Weft_Dialect : Dialect {
  let name = "weft";
  let cppNamespace = "::weft";
  let summary = "Index equations and host operations of the Weft language";
  let description = [{
    The Weft dialect keeps a `.weft` program's meaning: kernels whose bodies
    are single-assignment index equations (`weft.equation`) over an explicit
    iteration space, with the reduction kind and the subscript of every read
    as affine maps, and the host operations of `main` (printing, array
    creation, `.npy` input/output, timing). Arrays are tensors; scalars are
    builtin integer and float types.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect"
  ];
  let useDefaultAttributePrinterParser = 1;
}

class Weft_Op<string mnemonic, list<Trait> traits = []>
    : Op<Weft_Dialect, mnemonic, traits>;

#endif // WEFT_DIALECT_TD
