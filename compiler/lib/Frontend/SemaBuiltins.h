//===- SemaBuiltins.h - names Sema treats as builtins -----------*- C++ -*-===//
#ifndef WEFT_FRONTEND_SEMABUILTINS_H
#define WEFT_FRONTEND_SEMABUILTINS_H

#include "weft/AST/AST.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

namespace weft::sema {

/// Scalar math usable in kernels and host code.
inline bool isMathBuiltin(llvm::StringRef name) {
  static const llvm::StringRef names[] = {"exp", "log", "sqrt", "tanh", "sin",
                                          "cos", "abs", "min",  "max"};
  return llvm::is_contained(names, name);
}

/// Math of the full language that this milestone does not lower yet.
inline bool isLaterMathBuiltin(llvm::StringRef name) {
  static const llvm::StringRef names[] = {"rsqrt", "floor", "ceil", "pow",
                                          "select"};
  return llvm::is_contained(names, name);
}

/// Host-only builtins of this milestone.
inline bool isHostBuiltin(llvm::StringRef name) {
  static const llvm::StringRef names[] = {
      "zeros", "ones",  "full", "random", "load",       "save",
      "print", "clock", "sum",  "mean",   "save_image", "assert"};
  return llvm::is_contained(names, name);
}

/// Host builtins of the full language that this milestone does not have yet.
inline bool isLaterHostBuiltin(llvm::StringRef name) {
  static const llvm::StringRef names[] = {"arange"};
  return llvm::is_contained(names, name);
}

/// The element type a name spells (`f32`), or Invalid.
inline ast::ElemKind elemTypeNamed(llvm::StringRef name) {
  ast::ElemKind kind = ast::elemKindFromName(name.str());
  return kind == ast::ElemKind::String ? ast::ElemKind::Invalid : kind;
}

/// Any name a kernel or function may not take.
inline bool isBuiltinName(llvm::StringRef name) {
  return isMathBuiltin(name) || isLaterMathBuiltin(name) ||
         isHostBuiltin(name) || isLaterHostBuiltin(name) ||
         elemTypeNamed(name) != ast::ElemKind::Invalid;
}

} // namespace weft::sema

#endif
