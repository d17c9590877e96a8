//===- SemaKernel.h - checks of kernels -------------------------*- C++ -*-===//
#ifndef WEFT_FRONTEND_SEMAKERNEL_H
#define WEFT_FRONTEND_SEMAKERNEL_H

#include "SemaContext.h"

#include "llvm/ADT/StringMap.h"

namespace weft::sema {

/// Checks a kernel's parameters and outputs. Runs for every kernel before any
/// body, so that a body may call a kernel defined further down. Returns false
/// after reporting an error.
bool checkKernelSignature(SemaContext &ctx, ast::Kernel &kernel);

/// Checks a kernel's equations (single assignment, ranges, types) and fills
/// in their "Sema:" fields. Only for kernels whose signature checked.
void checkKernelBody(SemaContext &ctx, ast::Kernel &kernel);

/// What the names of a kernel refer to, and how far its body has been
/// checked: arrays are "defined" once their equation has been checked.
struct KernelScope {
  explicit KernelScope(ast::Kernel &kernel);

  ast::Kernel &kernel;
  llvm::StringMap<const ast::Param *> inputs;
  llvm::StringMap<const ast::Param *> outputs;
  /// Shape symbol -> the dim of the first parameter that binds it.
  llvm::StringMap<ast::Dim> symbols;
  /// Equation target -> its first equation.
  llvm::StringMap<const ast::Equation *> targets;
  /// Arrays whose equation has been checked -> their type (invalid when the
  /// equation had errors; their uses are then not checked again).
  llvm::StringMap<ast::Type> defined;

  /// True when `name` is not free for an index: it names a parameter,
  /// output, shape symbol, array or a builtin.
  bool isTaken(llvm::StringRef name) const;
  /// All names a user may have meant, for "did you mean" notes.
  std::vector<std::string> candidates() const;
};

} // namespace weft::sema

#endif
