//===- Location.h - AST locations as MLIR locations -------------*- C++ -*-===//
#ifndef WEFT_FRONTEND_LOCATION_H
#define WEFT_FRONTEND_LOCATION_H

#include "weft/AST/AST.h"
#include "mlir/IR/Location.h"

namespace weft {

/// The FileLineColLoc of an AST location: every diagnostic and every op made
/// from the AST uses this, so all errors render the same way.
inline mlir::Location toMLIRLoc(mlir::MLIRContext &context,
                                const ast::Location &loc) {
  return mlir::FileLineColLoc::get(&context, loc.file, loc.line, loc.col);
}

} // namespace weft

#endif
