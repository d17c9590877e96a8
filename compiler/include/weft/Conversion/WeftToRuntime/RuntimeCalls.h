//===- RuntimeCalls.h - building calls of the Weft runtime ------*- C++ -*-===//
//
// Shared by the conversion of host ops (WeftToRuntime), the GPU passes that
// call the runtime around kernel launches and the allocation size check.
//
//===----------------------------------------------------------------------===//
#ifndef WEFT_CONVERSION_WEFTTORUNTIME_RUNTIMECALLS_H
#define WEFT_CONVERSION_WEFTTORUNTIME_RUNTIMECALLS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

namespace weft {

/// `memref<*xi8>`: how arrays and strings cross the runtime's ABI (the LLVM
/// lowering passes it as int64_t rank, weft_memref *).
mlir::Type getOpaqueArrayType(mlir::MLIRContext *ctx);

/// Calls runtime function `name`, declaring it in `user`'s module on first
/// use.
mlir::func::CallOp callRuntime(mlir::OpBuilder &b, mlir::Location loc,
                               mlir::Operation *user, llvm::StringRef name,
                               mlir::TypeRange results, mlir::ValueRange args);

/// A `memref<*xi8>` view of constant text: one private memref.global per
/// distinct string in `user`'s module.
mlir::Value getString(mlir::OpBuilder &b, mlir::Location loc,
                      mlir::Operation *user, llvm::StringRef text);

/// "file:line:col" of the first file location in `loc` (fused or call-site
/// locations nest them), or "" when it has none.
std::string formatFileLocation(mlir::Location loc);

} // namespace weft

#endif
