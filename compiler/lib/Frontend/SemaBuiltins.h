//===- SemaBuiltins.h - names Sema treats as builtins -----------*- C++ -*-===//
#ifndef WEFT_FRONTEND_SEMABUILTINS_H
#define WEFT_FRONTEND_SEMABUILTINS_H

#include "weft/AST/AST.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

namespace weft::sema {

/// Scalar math usable in kernels and host code.
inline llvm::ArrayRef<llvm::StringRef> mathBuiltinNames() {
  static const llvm::StringRef names[] = {
      "exp", "log",   "sqrt", "rsqrt", "tanh", "sin", "cos",
      "abs", "floor", "ceil", "pow",   "min",  "max", "select"};
  return names;
}

inline bool isMathBuiltin(llvm::StringRef name) {
  return llvm::is_contained(mathBuiltinNames(), name);
}

/// Host-only builtins.
inline llvm::ArrayRef<llvm::StringRef> hostBuiltinNames() {
  static const llvm::StringRef names[] = {
      "zeros", "ones", "full",       "random", "arange", "load", "save",
      "print", "clock", "sum",       "mean",   "save_image", "assert"};
  return names;
}

inline bool isHostBuiltin(llvm::StringRef name) {
  return llvm::is_contained(hostBuiltinNames(), name);
}

/// The element type a name spells (`f32`), or Invalid.
inline ast::ElemKind elemTypeNamed(llvm::StringRef name) {
  ast::ElemKind kind = ast::elemKindFromName(name.str());
  return kind == ast::ElemKind::String ? ast::ElemKind::Invalid : kind;
}

/// Any name a kernel or function may not take.
inline bool isBuiltinName(llvm::StringRef name) {
  return isMathBuiltin(name) || isHostBuiltin(name) ||
         elemTypeNamed(name) != ast::ElemKind::Invalid;
}

} // namespace weft::sema

#endif
