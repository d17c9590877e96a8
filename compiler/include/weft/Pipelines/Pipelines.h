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

/// -O0 and -O1 lower every linalg op to plain loops (easy to debug); -O2
/// and -O3 add the optimising passes (equation fusion, tiling,
/// vectorisation, threads, fast math). The level also selects LLVM's
/// pipeline and code generator in weftc.
struct WeftPipelineOptions
    : public mlir::PassPipelineOptions<WeftPipelineOptions> {
  Option<unsigned> optLevel{
      *this, "opt-level",
      llvm::cl::desc("Optimisation level 0-3 (2 and 3 fuse, tile, vectorise, "
                     "parallelise and use fast math)"),
      llvm::cl::init(2)};
  Option<unsigned> vectorBits{
      *this, "vector-bits",
      llvm::cl::desc("Vector register width to tile for: 512 (AVX-512) or "
                     "256 (AVX2); weftc passes the host's"),
      llvm::cl::init(512)};
  Option<unsigned> threads{
      *this, "num-threads",
      llvm::cl::desc("Threads for parallel loops: 0 decides at run time "
                     "(WEFT_NUM_THREADS, then OMP_NUM_THREADS, then every "
                     "core), 1 emits serial code, N fixes N"),
      llvm::cl::init(0)};
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
/// The host half of weft-to-llvm: loops on memrefs -> the LLVM dialect.
void addHostToLLVMPasses(mlir::OpPassManager &pm,
                         const WeftPipelineOptions &options,
                         HostTarget target);

/// Registers weft-to-linalg, weft-to-loops and weft-to-llvm for weft-opt.
void registerWeftPipelines();

} // namespace weft

#endif
