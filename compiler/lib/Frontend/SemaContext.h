//===- SemaContext.h - state shared by the Sema checkers --------*- C++ -*-===//
//
// Private to compiler/lib/Frontend. Holds the module's kernel and function
// tables and reports diagnostics; every Sema checker gets one by reference.
//
//===----------------------------------------------------------------------===//
#ifndef WEFT_FRONTEND_SEMACONTEXT_H
#define WEFT_FRONTEND_SEMACONTEXT_H

#include "weft/AST/AST.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace weft::sema {

class SemaContext {
public:
  SemaContext(ast::Module &module, mlir::MLIRContext &context)
      : module(module), context(context) {}

  mlir::Location loc(const ast::Location &l) const;

  /// Reports an error at `l`; Sema then fails at the end.
  mlir::InFlightDiagnostic error(const ast::Location &l);
  /// Reports "<what> is not supported yet" at `l`.
  void unsupported(const ast::Location &l, const llvm::Twine &what);
  /// Attaches "did you mean 'x'?" to `diag` when a candidate is close to
  /// `name`.
  void suggest(mlir::InFlightDiagnostic &diag, llvm::StringRef name,
               llvm::ArrayRef<std::string> candidates) const;

  bool hasErrors() const { return errors; }

  ast::Module &module;
  mlir::MLIRContext &context;
  llvm::StringMap<ast::Kernel *> kernels;
  llvm::StringMap<ast::Function *> functions;
  /// Kernels whose signature failed to check; calls to them are not checked
  /// further, so one mistake gives one error.
  llvm::StringMap<bool> badSignatures;

  /// A kernel-to-kernel or helper-to-helper call, for the recursion checks.
  struct CallEdge {
    std::string caller, callee;
    ast::Location loc;
  };
  std::vector<CallEdge> kernelCalls;
  /// A call of a helper function from another one.
  std::vector<CallEdge> helperCalls;

private:
  bool errors = false;
};

//===----------------------------------------------------------------------===//
// Type helpers
//===----------------------------------------------------------------------===//

ast::Type scalarType(ast::ElemKind elem);
/// A type is "valid" once Sema could compute it (elem is not Invalid).
inline bool isValid(const ast::Type &t) {
  return t.elem != ast::ElemKind::Invalid;
}
/// True for a scalar or array of a numeric or bool element type (not a
/// string, not invalid).
bool isValue(const ast::Type &t);
bool isNumeric(ast::ElemKind elem);
/// Same element kind, arrayness and rank, and no two constant dims differ.
/// Symbolic and unknown dims are left to run-time checks.
bool compatibleTypes(const ast::Type &a, const ast::Type &b);
/// `1 argument`, `2 arguments`, for messages.
std::string plural(size_t n, llvm::StringRef noun);
/// `'f32'`, quoted, for messages.
std::string quoted(const ast::Type &t);
/// `(a, b)`, for messages.
std::string nameTuple(llvm::ArrayRef<std::string> names);
/// The names of `kernel`'s outputs.
std::vector<std::string> outputNames(const ast::Kernel &kernel);

} // namespace weft::sema

#endif
