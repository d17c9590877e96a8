//===- Pipelines.h - the named Weft pass pipelines --------------*- C++ -*-===//
//
// The compiler's pass order lives here and nowhere else: weftc's --emit=
// levels and weft-opt's --weft-to-* pipelines call these same builders, so
// `weft-opt x.mlir --weft-to-loops` reproduces `weftc x.weft --emit=loops`.
//
//===----------------------------------------------------------------------===//
#ifndef WEFT_PIPELINES_PIPELINES_H
#define WEFT_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace weft {

/// weftc applies -O0..-O3 to LLVM's pipeline and code generator; from -O2 on
/// the MLIR pipelines add Weft's optimisation passes too (equation fusion,
/// fast math), while -O0 keeps the simple path for debugging.
struct WeftPipelineOptions
    : public mlir::PassPipelineOptions<WeftPipelineOptions> {
  Option<unsigned> optLevel{
      *this, "opt-level",
      llvm::cl::desc("Optimisation level 0-3 (>= 2 fuses and uses fast math)"),
      llvm::cl::init(2)};
};

/// weft -> func + linalg/tensor/arith/math (+ runtime calls): `--emit=linalg`.
void buildWeftToLinalgPipeline(mlir::OpPassManager &pm,
                               const WeftPipelineOptions &options);
/// ... -> bufferized memrefs, linalg ops still whole: where the CPU and GPU
/// pipelines part.
void buildWeftToBuffersPipeline(mlir::OpPassManager &pm,
                                const WeftPipelineOptions &options);
/// ... -> bufferized memrefs and scf loops: `--emit=loops`.
void buildWeftToLoopsPipeline(mlir::OpPassManager &pm,
                              const WeftPipelineOptions &options);
/// ... -> the LLVM dialect only: `--emit=llvm-mlir`.
void buildWeftToLLVMPipeline(mlir::OpPassManager &pm,
                             const WeftPipelineOptions &options);

/// Whose host code addHostToLLVMPasses lowers: a CPU program's, or a CUDA
/// program's (allocations in CUDA managed memory, gpu.launch_func as calls
/// into the runtime's mgpu* functions).
enum class HostTarget { CPU, CUDA };
/// The host half of weft-to-llvm: loops on memrefs -> the LLVM dialect;
/// `optLevel` as in WeftPipelineOptions.
void addHostToLLVMPasses(mlir::OpPassManager &pm,
                         unsigned optLevel, HostTarget target);

/// Registers weft-to-linalg, weft-to-loops and weft-to-llvm for weft-opt.
void registerWeftPipelines();

} // namespace weft

#endif
