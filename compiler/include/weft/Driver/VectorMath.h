//===- VectorMath.h - glibc libmvec variants of sinf and cosf ---*- C++ -*-===//
#ifndef WEFT_DRIVER_VECTORMATH_H
#define WEFT_DRIVER_VECTORMATH_H

#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/Target/TargetMachine.h"

namespace weft {

/// The library functions LLVM may assume for `machine`, plus glibc libmvec's
/// vector variants of f32 sin and cos for the vector widths the machine has,
/// so that LLVM's loop vectoriser turns loops calling sinf/cosf (or
/// llvm.sin/llvm.cos on f32) into calls of _ZGV*_sinf and _ZGV*_cosf.
llvm::TargetLibraryInfoImpl
vectorMathLibraryInfo(const llvm::TargetMachine &machine);

/// Whether `module` calls a libmvec vector variant (it must then be linked
/// with -lmvec).
bool usesVectorMath(const llvm::Module &module);

} // namespace weft

#endif
