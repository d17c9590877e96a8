//===- Sema.h - semantic analysis of a Weft module --------------*- C++ -*-===//
#ifndef WEFT_FRONTEND_SEMA_H
#define WEFT_FRONTEND_SEMA_H

#include "weft/AST/AST.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/LogicalResult.h"

namespace weft {

/// Resolves names, infers and checks types, shapes and index ranges, and
/// checks single assignment. Fills in the AST's "Sema:" fields. Every problem
/// is reported through `context` (several per run); fails if there was any.
llvm::LogicalResult analyzeModule(ast::Module &module,
                                  mlir::MLIRContext &context);

} // namespace weft

#endif
