//===- MLIRGen.h - AST to the Weft dialect ----------------------*- C++ -*-===//
#ifndef WEFT_MLIRGEN_MLIRGEN_H
#define WEFT_MLIRGEN_MLIRGEN_H

#include "weft/AST/AST.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace weft {

/// Emits a module of `weft.kernel`s and host `func.func`s (`fn main` becomes
/// `@weft_main`) for a module that Sema accepted. Every op carries the
/// FileLineColLoc of the construct it came from. Returns null (after
/// emitting an error) only on an internal inconsistency.
mlir::OwningOpRef<mlir::ModuleOp> mlirGen(mlir::MLIRContext &context,
                                          const ast::Module &module);

} // namespace weft

#endif
