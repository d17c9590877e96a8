// weft-to-gpu extends the CPU pipeline's bufferization; weft-to-nvvm
// extends weft-to-gpu. `weft-opt --weft-to-gpu` reproduces
// `weftc --target=cuda --emit=loops`.
// RUN: weft-opt %s --weft-to-gpu --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=GPU
// RUN: weft-opt %s --weft-to-nvvm --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefixes=GPU,NVVM
// RUN: weftc %S/emit-loops.weft --emit=weft | weft-opt --weft-to-gpu | FileCheck %s --check-prefix=STAGE

// GPU:       convert-bufferization-to-memref,
// GPU-NEXT:  func.func(
// GPU-NEXT:    weft-gpu-copies-to-kernels
// GPU-NEXT:  ),
// GPU-NEXT:  func.func(
// GPU-NEXT:    weft-gpu-defer-checks
// GPU-NEXT:  ),
// GPU-NEXT:  func.func(
// GPU-NEXT:    weft-gpu-parallelize-reductions
// GPU-NEXT:  ),
// GPU-NEXT:  func.func(
// GPU-NEXT:    weft-gpu-wrap-serial-ops
// GPU:       convert-linalg-to-parallel-loops,
// GPU-NEXT:  func.func(
// GPU-NEXT:    weft-gpu-tile-parallel-loops
// GPU:         gpu-map-parallel-loops{mapping-policy=innermost-first}
// GPU:       convert-parallel-loops-to-gpu,
// GPU-NEXT:  gpu-kernel-outlining
// GPU-NEXT:  weft-gpu-merge-kernel-modules,
// GPU-NEXT:  weft-gpu-locate-launches,
// NVVM:      gpu.module(
// NVVM-NEXT:   convert-scf-to-cf
// NVVM-NEXT:   convert-gpu-to-nvvm
// NVVM:      nvvm-attach-target{{.*}}chip=sm_90{{.*}}features=+ptx80
// NVVM-NEXT: gpu-module-to-binary{{.*}}format=fatbin
// NVVM:      finalize-memref-to-llvm{{.*}}use-generic-functions=true
// NVVM:      gpu-to-llvm

// STAGE:     gpu.launch_func @weft_kernels::@scale_kernel
// STAGE:     gpu.module @weft_kernels
module {}
