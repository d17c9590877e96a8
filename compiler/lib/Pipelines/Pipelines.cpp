//===- Pipelines.cpp - the named Weft pass pipelines ----------------------===//
//
// Each stage extends the previous one, so `--weft-to-llvm` is always
// `--weft-to-loops` plus the LLVM lowering, and so on.
//
//===----------------------------------------------------------------------===//
#include "weft/Pipelines/Pipelines.h"
#include "weft/Conversion/Passes.h"
#include "weft/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/LLVMIR/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

using namespace mlir;

void weft::buildWeftToLinalgPipeline(OpPassManager &pm,
                                     const WeftPipelineOptions &options) {
  if (options.optLevel >= 2)
    pm.addPass(weft::createWeftPairTimeSteps());
  pm.addPass(createConvertWeftToLinalg());
  pm.addPass(createConvertWeftToRuntime());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // -O0 and -O1 keep one loop nest per equation, for debugging.
  if (options.optLevel >= 2) {
    // Before weft-fuse-equations, which must not make a reader of an
    // overwritten argument out of the generic that overwrites it.
    pm.addPass(weft::createWeftWriteInPlace());
    OpPassManager &funcPm = pm.nest<func::FuncOp>();
    funcPm.addPass(weft::createWeftUnrollWindows());
    funcPm.addPass(weft::createWeftSplitAtPieces());
    funcPm.addPass(weft::createWeftFuseEquations());
    funcPm.addPass(weft::createWeftFuseRows());
    funcPm.addPass(weft::createWeftReassociateReductions());
    funcPm.addPass(weft::createWeftReciprocalDivisors());
    funcPm.addPass(weft::createWeftCopyOutsideDomain());
    pm.addPass(createCanonicalizerPass());
    pm.addPass(createCSEPass());
  }
}

/// Tiling, vectorisation and parallel loops, on buffers: tiling and
/// vectorisation read and write memory through subviews and vector
/// transfers, which bufferization would otherwise have to see through.
static void addOptimizingPasses(OpPassManager &pm,
                                const weft::WeftPipelineOptions &options) {
  weft::WeftFuseTimeStepsOptions timeSteps;
  timeSteps.threads = options.threads;
  pm.addPass(weft::createWeftFuseTimeSteps(timeSteps));
  weft::WeftTileContractionsOptions tiling;
  tiling.vectorBits = options.vectorBits;
  OpPassManager &functions = pm.nest<func::FuncOp>();
  functions.addPass(weft::createWeftTileContractions(tiling));
  // At every thread count, so that sums do not depend on it.
  functions.addPass(weft::createWeftParallelizeReductions());
  if (options.threads != 1) {
    functions.addPass(weft::createWeftParallelizeRows());
    functions.addPass(weft::createWeftMergeRowLoops());
  }
  // Independent tiles run on the threads of an OpenMP team (see
  // buildWeftToLLVMPipeline), or one after the other.
  if (options.threads == 1)
    pm.addPass(createForallToForLoopPass());
  else
    pm.addPass(createForallToParallelLoopPass());
}

void weft::buildWeftToBuffersPipeline(OpPassManager &pm,
                                      const WeftPipelineOptions &options) {
  buildWeftToLinalgPipeline(pm, options);
  // An equation on a domain computes into a fresh tensor that is then
  // inserted into its output; computing it in the output's slice instead
  // saves a temporary and a copy per call.
  if (options.optLevel >= 2)
    pm.addPass(bufferization::createEmptyTensorEliminationPass());
  // Kernels take and return plain (identity-layout) memrefs, so their
  // signatures do not depend on how callers produced their arguments. Host
  // loops carry arrays that kernels return freshly allocated
  // (`u = step(u)`), hence allocs returned from loops, which
  // scf.while carries without copying where it can (weft-bufferize).
  pm.addPass(weft::createWeftBufferize());
  // The copies weft-write-in-place made return an argument's buffer: callers
  // use their operand instead, which deallocation then does not copy.
  if (options.optLevel >= 2)
    pm.addPass(bufferization::createDropEquivalentBufferResultsPass());
  bufferization::buildBufferDeallocationPipeline(pm);
  // Deallocation may leave bufferization.clone ops behind.
  pm.addPass(createConvertBufferizationToMemRefPass());
}

void weft::buildWeftToLoopsPipeline(OpPassManager &pm,
                                    const WeftPipelineOptions &options) {
  buildWeftToBuffersPipeline(pm, options);
  if (options.optLevel >= 2)
    addOptimizingPasses(pm, options);
  pm.addPass(createConvertLinalgToLoopsPass());
  pm.addPass(createCanonicalizerPass());
  if (options.optLevel >= 2) {
    OpPassManager &functions = pm.nest<func::FuncOp>();
    // A boundary read along an outer index (a wrapped row) is computed in
    // the innermost loop, where LLVM would neither hoist its scf.if nor
    // vectorise the loop around it.
    functions.addPass(createLoopInvariantCodeMotionPass());
    functions.addPass(weft::createWeftReuseStoredValues());
    functions.addPass(weft::createWeftJamRowReductions());
    functions.addPass(weft::createWeftGuardChecks());
    functions.addPass(weft::createWeftSmallAllocations());
    // Its fence is an x86 instruction; the stores are tuned for x86 caches.
    if (llvm::Triple(llvm::sys::getProcessTriple()).isX86())
      functions.addPass(weft::createWeftStreamingStores());
  }
}

void weft::buildWeftToLLVMPipeline(OpPassManager &pm,
                                   const WeftPipelineOptions &options) {
  buildWeftToLoopsPipeline(pm, options);
  addHostToLLVMPasses(pm, options, HostTarget::CPU);
}

void weft::addHostToLLVMPasses(OpPassManager &pm,
                               const WeftPipelineOptions &options,
                               HostTarget target) {
  pm.addPass(weft::createWeftKernelSymbols());
  // Vector transfers of more than one dimension become 1-D ones (before
  // lower-affine: this emits affine.apply).
  pm.addPass(createConvertVectorToSCFPass(
      VectorTransferToSCFOptions().enableFullUnroll()));
  // scf.parallel loops become OpenMP worksharing loops with a static
  // schedule: each thread gets the same contiguous block of iterations on
  // every call, so it keeps its rows (and its cache) across time steps.
  ConvertSCFToOpenMPPassOptions openMP;
  openMP.numThreads = options.threads;
  pm.addPass(createConvertSCFToOpenMPPass(openMP));
  // That wraps each parallel loop body in a memref.alloca_scope, as the
  // runtime conversion does around calls; scf-to-cf would split the scf.for
  // loops inside them into blocks, which a scope cannot hold. The
  // canonicaliser inlines every scope that holds no alloca.
  pm.addPass(createCanonicalizerPass());
  if (options.optLevel >= 2 && options.threads != 1)
    pm.addNestedPass<func::FuncOp>(weft::createWeftSerialShortRegions());
  // Before the lowering computes allocation sizes in 64 bits, where an
  // array of 2^32 x 2^32 bytes would wrap to 0. After the canonicaliser: a
  // call would keep a scope (it might allocate on the stack).
  pm.addPass(weft::createWeftCheckAllocationSizes());
  // expand-strided-metadata emits affine.apply, which lower-affine removes.
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  // From -O2 on, f32 exp/log/tanh become inline polynomials (scalar
  // or vector) instead of libm calls, so that their loops vectorise; -O0 and
  // -O1 keep libm's results for debugging.
  // vector-bits is 512 exactly when the host has AVX-512, whose vscalefps
  // makes ldexp one instruction.
  if (options.optLevel >= 2)
    pm.addPass(weft::createWeftFastMath({options.vectorBits >= 512}));
  // At every level, so that bf16 results do not depend on the CPU: bf16
  // arithmetic is done in f32 (as LLVM would) and every rounding to bf16
  // keeps subnormals.
  arith::ArithEmulateUnsupportedFloatsOptions bf16InF32;
  bf16InF32.sourceTypeStrs = {"bf16"};
  bf16InF32.targetTypeStr = "f32";
  pm.addPass(arith::createArithEmulateUnsupportedFloats(bf16InF32));
  pm.addPass(weft::createWeftExactBFloat16());
  // Math ops LLVM has intrinsics for become intrinsics; the rest (tanh, ...)
  // become libm calls, which must exist before func-to-llvm runs.
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createConvertVectorToLLVMPass());
  // Before memref lowering: memref.alloca_scope (around runtime calls)
  // lowers to blocks, which an scf.for body cannot have.
  pm.addPass(createSCFToControlFlowPass());
  // CUDA programs allocate through the runtime's _mlir_memref_to_llvm_*
  // functions, which give memory that both the host and the GPU can use.
  FinalizeMemRefToLLVMConversionPassOptions memrefOptions;
  memrefOptions.useGenericFunctions = target == HostTarget::CUDA;
  pm.addPass(createFinalizeMemRefToLLVMConversionPass(memrefOptions));
  // After memref lowering, which reads a memref.dim's index as a constant
  // only while it is an arith.constant: otherwise the sizes go through an
  // alloca, one per iteration in an -O0 loop (a gather over 3e6 elements
  // overflowed the stack).
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  if (target == HostTarget::CUDA)
    pm.addPass(createGpuToLLVMConversionPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  if (target == HostTarget::CPU)
    pm.addPass(weft::createWeftCheckedAllocation());
  if (options.optLevel >= 2)
    pm.addNestedPass<LLVM::LLVMFuncOp>(weft::createWeftPreferVectorWidth());
  // Line tables from the ops' .weft locations, so debuggers and profilers
  // show the source line of every instruction.
  pm.addPass(LLVM::createDIScopeForLLVMFuncOpPass());
}

void weft::registerWeftPipelines() {
  PassPipelineRegistration<WeftPipelineOptions>(
      "weft-to-linalg",
      "Lower Weft to func + linalg on tensors with runtime calls",
      buildWeftToLinalgPipeline);
  PassPipelineRegistration<WeftPipelineOptions>(
      "weft-to-loops", "Lower Weft to bufferized scf loops on memrefs",
      buildWeftToLoopsPipeline);
  PassPipelineRegistration<WeftPipelineOptions>(
      "weft-to-llvm", "Lower Weft to the LLVM dialect",
      buildWeftToLLVMPipeline);
}
