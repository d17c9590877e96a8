//===- WeftOps.h - Weft operations ------------------------------*- C++ -*-===//
#ifndef WEFT_DIALECT_WEFT_IR_WEFTOPS_H
#define WEFT_DIALECT_WEFT_IR_WEFTOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "weft/Dialect/Weft/IR/WeftDialect.h"

#include "weft/Dialect/Weft/IR/WeftEnums.h.inc"
#define GET_ATTRDEF_CLASSES
#include "weft/Dialect/Weft/IR/WeftAttrs.h.inc"
#define GET_OP_CLASSES
#include "weft/Dialect/Weft/IR/WeftOps.h.inc"

namespace weft {
/// The coefficients of `expr`'s dimensions, then its constant, when `expr`
/// is linear in `numDims` dimensions (no mod, floordiv, ceildiv or symbols).
std::optional<llvm::SmallVector<int64_t>> linearForm(mlir::AffineExpr expr,
                                                     unsigned numDims);
} // namespace weft

#endif
