//===- ASTDump.h - print the AST (--emit=ast) -------------------*- C++ -*-===//
#ifndef WEFT_AST_ASTDUMP_H
#define WEFT_AST_ASTDUMP_H

#include "weft/AST/AST.h"
#include "llvm/Support/raw_ostream.h"

namespace weft {

/// Prints `module` as an indented tree, one node a line with its location.
void dumpAST(const ast::Module &module, llvm::raw_ostream &os);

} // namespace weft

#endif
