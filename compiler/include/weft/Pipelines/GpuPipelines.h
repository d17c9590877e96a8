//===- GpuPipelines.h - the Weft pass pipelines for NVIDIA GPUs -*- C++ -*-===//
//
// `--target=cuda`: the CPU pipelines up to bufferization, then kernels'
// linalg ops become GPU kernels (weft-to-gpu, `--emit=loops`), which are
// lowered to NVVM and compiled to a binary embedded in the host module
// (weft-to-nvvm, `--emit=llvm-mlir`). Host code stays on the CPU.
//
//===----------------------------------------------------------------------===//
#ifndef WEFT_PIPELINES_GPUPIPELINES_H
#define WEFT_PIPELINES_GPUPIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace weft {

struct WeftGpuPipelineOptions
    : public mlir::PassPipelineOptions<WeftGpuPipelineOptions> {
  Option<unsigned> optLevel{*this, "opt-level",
                            llvm::cl::desc("Optimisation level 0-3 (NVVM's)"),
                            llvm::cl::init(2)};
  Option<std::string> gpuArch{
      *this, "gpu-arch",
      llvm::cl::desc("NVIDIA architecture, sm_75 .. sm_120 (see "
                     "isSupportedGpuArch)"),
      llvm::cl::init("sm_90")};
  Option<std::string> binaryFormat{
      *this, "format",
      llvm::cl::desc("What the kernels are compiled to: fatbin (cubin + PTX, "
                     "needs ptxas), bin (cubin) or isa (PTX text)"),
      llvm::cl::init("fatbin")};
  Option<std::string> cudaPath{
      *this, "cuda-path",
      llvm::cl::desc("The CUDA toolkit (for libdevice and ptxas); default: "
                     "$CUDA_HOME, $CUDA_PATH or $CUDA_ROOT, else the first of "
                     "the folder above the ptxas on PATH, /usr/local/cuda, "
                     "/usr/lib/cuda, /opt/cuda, /usr/cuda that holds "
                     "nvvm/libdevice/libdevice.10.bc")};
};

/// Whether weftc knows the PTX version that `arch` (e.g. sm_90) needs.
bool isSupportedGpuArch(llvm::StringRef arch);
/// The architectures isSupportedGpuArch accepts, for messages.
llvm::StringRef supportedGpuArchs();

/// Whether gpu-module-to-binary will find ptxas (needed for the fatbin of
/// an executable; not for --emit=ptx): in the toolkit that cudaPath
/// defaults to, or on PATH.
bool isPtxasAvailable();

/// ... -> host functions that launch outlined gpu.func kernels.
void buildWeftToGpuPipeline(mlir::OpPassManager &pm,
                            const WeftGpuPipelineOptions &options);
/// ... -> the LLVM dialect on the host, kernels in a gpu.binary.
void buildWeftToNVVMPipeline(mlir::OpPassManager &pm,
                             const WeftGpuPipelineOptions &options);

/// Registers weft-to-gpu and weft-to-nvvm for weft-opt.
void registerWeftGpuPipelines();

} // namespace weft

#endif
