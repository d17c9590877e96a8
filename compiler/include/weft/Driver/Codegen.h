//===- Codegen.h - LLVM dialect to LLVM IR, assembly, objects ---*- C++ -*-===//
#ifndef WEFT_DRIVER_CODEGEN_H
#define WEFT_DRIVER_CODEGEN_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include <memory>

namespace weft {

/// A TargetMachine for the CPU this compiler runs on, with all its features
/// (AVX-512 where present), generating code at `optLevel` (0-3). Null, after
/// printing an error, when LLVM has no code generator for this CPU.
std::unique_ptr<llvm::TargetMachine> createHostTargetMachine(unsigned optLevel);

/// The width in bits of this CPU's vector registers that the tiling passes
/// target: 512 with AVX-512, else 256.
unsigned hostVectorBits();

/// Translates a module in the LLVM dialect to LLVM IR for `machine` and runs
/// LLVM's optimisation pipeline at `optLevel` (0-3). Null on failure, after
/// reporting the error on the module.
std::unique_ptr<llvm::Module> translateToLLVMIR(mlir::ModuleOp module,
                                                llvm::LLVMContext &context,
                                                llvm::TargetMachine &machine,
                                                unsigned optLevel);

/// Writes `machine`'s assembly or an object file for `module`. Returns false
/// (after printing an error) on failure.
bool emitMachineCode(llvm::Module &module, llvm::TargetMachine &machine,
                     llvm::raw_pwrite_stream &os, bool assembly);

/// Links `objectFile` with the Weft runtime (and LLVM's OpenMP runtime when
/// `openMP`, for objects with parallel loops; glibc's libmvec when
/// `vectorMath`, for objects calling its vector sinf/cosf) into `executable`
/// using the system C compiler. Returns false (after printing an error) on
/// failure.
bool linkExecutable(const std::string &objectFile,
                    const std::string &executable, bool openMP = false,
                    bool vectorMath = false);

} // namespace weft

#endif
