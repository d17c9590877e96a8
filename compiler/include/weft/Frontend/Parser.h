//===- Parser.h - .weft source to AST ---------------------------*- C++ -*-===//
#ifndef WEFT_FRONTEND_PARSER_H
#define WEFT_FRONTEND_PARSER_H

#include "weft/AST/AST.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/SourceMgr.h"

namespace weft {

/// Parses the main buffer of `sourceMgr` into an AST. Syntax errors are
/// reported through `context`'s diagnostic engine (as `mlir::emitError` at a
/// FileLineColLoc); several are reported when ANTLR can recover. Returns null
/// when there was any syntax error.
std::unique_ptr<ast::Module> parseModule(llvm::SourceMgr &sourceMgr,
                                         mlir::MLIRContext &context);

} // namespace weft

#endif
