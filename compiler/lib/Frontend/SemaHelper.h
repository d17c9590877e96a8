//===- SemaHelper.h - scalar helper functions -------------------*- C++ -*-===//
//
// `fn gelu(x: f32) -> f32 = 0.5 * x * (1.0 + tanh(...))`: a function of
// scalars whose body is one expression. Kernels and host code call helpers
// like builtins, and MLIRGen inlines each call.
//
//===----------------------------------------------------------------------===//
#ifndef WEFT_FRONTEND_SEMAHELPER_H
#define WEFT_FRONTEND_SEMAHELPER_H

#include "SemaContext.h"

namespace weft::sema {

/// True for a helper function (an expression body), as opposed to `main`.
inline bool isHelper(const ast::Function &fn) { return fn.exprBody != nullptr; }

/// Checks a helper's parameters and return type; they must be right before
/// any call to it is checked.
bool checkHelperSignature(SemaContext &ctx, ast::Function &fn);
/// Checks a helper's body against its signature; records the helpers it
/// calls in `ctx.helperCalls`.
void checkHelperBody(SemaContext &ctx, ast::Function &fn);

} // namespace weft::sema

#endif
