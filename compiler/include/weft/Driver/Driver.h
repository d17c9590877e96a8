//===- Driver.h - compile a .weft file as far as asked -----------*- C++ -*-===//
#ifndef WEFT_DRIVER_DRIVER_H
#define WEFT_DRIVER_DRIVER_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace weft {

/// How far compilation goes; each level prints (or writes) that stage.
enum class EmitKind {
  Parse,    // the AST as parsed, before Sema
  AST,      // the AST after Sema, with types and iteration spaces
  Weft,     // the Weft dialect, as MLIRGen made it
  Linalg,   // after the weft-to-linalg pipeline
  Loops,    // after the weft-to-loops pipeline (weft-to-gpu for CUDA)
  LLVMMLIR, // after the weft-to-llvm pipeline (weft-to-nvvm for CUDA)
  PTX,      // the kernels' PTX (--target=cuda only)
  LLVM,     // LLVM IR after LLVM's optimisation pipeline
  Asm,      // host assembly
  Obj,      // an object file
  Exe,      // an executable linked with the runtime
};

/// Parses an --emit= value; false if it names no level.
bool parseEmitKind(llvm::StringRef name, EmitKind &kind);
/// The --emit= spelling of a level.
llvm::StringRef getEmitKindName(EmitKind kind);

/// Where kernels run: on the host CPU, or on an NVIDIA GPU with the host
/// code on the CPU.
enum class Target { CPU, CUDA };

struct CompileOptions {
  std::string inputFile;
  // "-" for stdout (any level but exe); empty for the default: stdout for
  // text, else `foo.o` or `foo` in the current folder for `dir/foo.weft`.
  std::string outputFile;
  EmitKind emit = EmitKind::Exe;
  unsigned optLevel = 2;
  // Threads for parallel loops (-O2/-O3): 0 chooses at run time, 1 emits
  // serial code (see WeftPipelineOptions::threads).
  unsigned threads = 0;
  bool verifyDiagnostics = false;
  bool printIRAfterAll = false;
  std::string printIRBefore; // a pass argument, e.g. convert-weft-to-linalg
  std::string printIRAfter;
  bool timePasses = false;
  Target target = Target::CPU;
  std::string gpuArch = "sm_90"; // --gpu-arch, for Target::CUDA
};

/// Compiles `options.inputFile`. Diagnostics go to stderr in clang's format.
/// Returns the process exit code: 0 on success, 1 on any user error.
int compile(const CompileOptions &options);

} // namespace weft

#endif
