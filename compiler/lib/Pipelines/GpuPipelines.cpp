//===- GpuPipelines.cpp - the Weft pass pipelines for NVIDIA GPUs ---------===//
//
// Every array lives in CUDA managed memory (see addHostToLLVMPasses), so
// kernels and host code share pointers and nothing is copied per launch:
// pages move to the GPU when a kernel first touches them and stay there
// until the host reads them.
//
//===----------------------------------------------------------------------===//
#include "weft/Pipelines/GpuPipelines.h"
#include "weft/Gpu/Passes.h"
#include "weft/Pipelines/Pipelines.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <cstdlib>
#include <vector>

using namespace mlir;

namespace {
/// The PTX ISA version each architecture needs (LLVM defaults to an older
/// one that ptxas rejects for recent chips).
struct GpuArch {
  const char *name;
  const char *ptxFeature;
};
constexpr GpuArch gpuArchs[] = {
    {"sm_75", "+ptx80"},  {"sm_80", "+ptx80"},   {"sm_86", "+ptx80"},
    {"sm_87", "+ptx80"},  {"sm_89", "+ptx80"},   {"sm_90", "+ptx80"},
    {"sm_90a", "+ptx80"}, {"sm_100", "+ptx86"},  {"sm_100a", "+ptx86"},
    {"sm_120", "+ptx87"}, {"sm_120a", "+ptx87"},
};

/// Whether `folder` is a CUDA toolkit with libdevice, where
/// gpu-module-to-binary looks for it.
bool hasLibdevice(StringRef folder) {
  llvm::SmallString<128> libdevice(folder);
  llvm::sys::path::append(libdevice, "nvvm", "libdevice", "libdevice.10.bc");
  return llvm::sys::fs::exists(libdevice);
}

/// See WeftGpuPipelineOptions::cudaPath. Without a toolkit, kernels that
/// call libdevice (exp, log, ...) would keep unresolved __nv_* calls. The
/// ptxas on PATH may be a wrapper script outside the toolkit (e.g.
/// /usr/local/bin/ptxas), so the usual install folders are tried too and
/// the first one holding libdevice wins. A toolkit named by the environment
/// is taken as given.
std::string findCudaToolkit() {
  for (const char *variable : {"CUDA_HOME", "CUDA_PATH", "CUDA_ROOT"})
    if (const char *path = std::getenv(variable); path && *path)
      return path;
  std::vector<std::string> candidates;
  if (llvm::ErrorOr<std::string> ptxas = llvm::sys::findProgramByName("ptxas"))
    candidates.push_back(
        llvm::sys::path::parent_path(llvm::sys::path::parent_path(*ptxas))
            .str());
  for (const char *folder :
       {"/usr/local/cuda", "/usr/lib/cuda", "/opt/cuda", "/usr/cuda"})
    candidates.push_back(folder);
  for (const std::string &candidate : candidates)
    if (hasLibdevice(candidate))
      return candidate;
  // Empty: gpu-module-to-binary then links no libdevice (and finds ptxas on
  // PATH).
  return "";
}

const GpuArch *findGpuArch(StringRef name) {
  for (const GpuArch &arch : gpuArchs)
    if (name == arch.name)
      return &arch;
  return nullptr;
}
} // namespace

bool weft::isSupportedGpuArch(StringRef arch) {
  return findGpuArch(arch) != nullptr;
}

StringRef weft::supportedGpuArchs() {
  return "sm_75, sm_80, sm_86, sm_87, sm_89, sm_90, sm_90a, sm_100, sm_100a, "
         "sm_120, sm_120a";
}

bool weft::isPtxasAvailable() {
  llvm::SmallString<128> inToolkit(findCudaToolkit());
  llvm::sys::path::append(inToolkit, "bin", "ptxas");
  return llvm::sys::fs::can_execute(inToolkit) ||
         static_cast<bool>(llvm::sys::findProgramByName("ptxas"));
}

void weft::buildWeftToGpuPipeline(OpPassManager &pm,
                                  const WeftGpuPipelineOptions &options) {
  // The CPU's -O2 fusion tiles row chains into host loops, which here would
  // launch one kernel per row: the GPU path keeps one kernel per equation.
  WeftPipelineOptions cpuOptions;
  cpuOptions.optLevel = std::min<unsigned>(options.optLevel, 1);
  buildWeftToBuffersPipeline(pm, cpuOptions);
  pm.addNestedPass<func::FuncOp>(createWeftGpuCopiesToKernels());
  pm.addNestedPass<func::FuncOp>(createWeftGpuDeferChecks());
  pm.addNestedPass<func::FuncOp>(createWeftGpuParallelizeReductions());
  pm.addNestedPass<func::FuncOp>(createWeftGpuWrapSerialOps());
  pm.addPass(createConvertLinalgToParallelLoopsPass());
  pm.addNestedPass<func::FuncOp>(createWeftGpuTileParallelLoops());
  // threadIdx.x walks the innermost dimension: a warp reads consecutive
  // elements.
  GpuMapParallelLoopsPassOptions mapping;
  mapping.mappingPolicyStr = "innermost-first";
  pm.addNestedPass<func::FuncOp>(createGpuMapParallelLoopsPass(mapping));
  pm.addPass(createConvertParallelLoopToGpuPass());
  pm.addPass(createGpuKernelOutliningPass());
  pm.addPass(createWeftGpuMergeKernelModules());
  pm.addPass(createWeftGpuLocateLaunches());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void weft::buildWeftToNVVMPipeline(OpPassManager &pm,
                                   const WeftGpuPipelineOptions &options) {
  buildWeftToGpuPipeline(pm, options);
  // Kernels first: by the time the host's memref and arith lowerings run
  // over the whole module, the gpu.modules hold LLVM dialect only.
  pm.addPass(createLowerAffinePass());
  OpPassManager &device = pm.nest<gpu::GPUModuleOp>();
  device.addPass(createSCFToControlFlowPass());
  device.addPass(createConvertGpuOpsToNVVMOps());
  device.addPass(createReconcileUnrealizedCastsPass());
  GpuNVVMAttachTargetOptions target;
  target.chip = options.gpuArch;
  const GpuArch *arch = findGpuArch(options.gpuArch);
  target.features = arch ? arch->ptxFeature : "+ptx80";
  target.optLevel = options.optLevel;
  pm.addPass(createGpuNVVMAttachTarget(target));
  // Before the host lowering, whose last pass gives every llvm.func a debug
  // scope: ptxas refuses debug information in optimised code.
  GpuModuleToBinaryPassOptions binary;
  binary.compilationTarget = options.binaryFormat;
  binary.toolkitPath =
      options.cudaPath.empty() ? findCudaToolkit() : options.cudaPath.getValue();
  pm.addPass(createGpuModuleToBinaryPass(binary));

  WeftPipelineOptions hostOptions;
  hostOptions.optLevel = options.optLevel;
  addHostToLLVMPasses(pm, hostOptions, HostTarget::CUDA);
}

void weft::registerWeftGpuPipelines() {
  PassPipelineRegistration<WeftGpuPipelineOptions>(
      "weft-to-gpu",
      "Lower Weft to host functions that launch outlined GPU kernels",
      buildWeftToGpuPipeline);
  PassPipelineRegistration<WeftGpuPipelineOptions>(
      "weft-to-nvvm",
      "Lower Weft to the LLVM dialect with kernels compiled for NVIDIA GPUs",
      buildWeftToNVVMPipeline);
}
