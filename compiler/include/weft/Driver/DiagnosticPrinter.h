//===- DiagnosticPrinter.h - file:line:col diagnostics with a caret -------===//
//
// Prints diagnostics as MLIR's SourceMgrDiagnosticHandler does, and also puts
// the caret under source lines holding non-ASCII text (a comment in another
// language, an accented string), which llvm::SMDiagnostic prints without one.
//
//===----------------------------------------------------------------------===//
#ifndef WEFT_DRIVER_DIAGNOSTICPRINTER_H
#define WEFT_DRIVER_DIAGNOSTICPRINTER_H

#include "mlir/IR/Diagnostics.h"

namespace weft {

class DiagnosticPrinter : public mlir::SourceMgrDiagnosticHandler {
public:
  DiagnosticPrinter(llvm::SourceMgr &mgr, mlir::MLIRContext *context);

private:
  /// The line `loc` points at, when it is in the source and holds non-ASCII
  /// text; nothing otherwise.
  std::optional<llvm::StringRef> nonAsciiLine(mlir::Location loc);
  /// One message: its own caret under a non-ASCII line, else MLIR's rendering.
  void emit(mlir::Location loc, const llvm::Twine &message,
            mlir::DiagnosticSeverity severity, bool displaySourceLine);
};

} // namespace weft

#endif // WEFT_DRIVER_DIAGNOSTICPRINTER_H
