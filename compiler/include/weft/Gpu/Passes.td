//===- Passes.td - passes that prepare kernels for the GPU -*- tablegen -*-===//
#ifndef WEFT_GPU_PASSES_TD
#define WEFT_GPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def WeftGpuParallelizeReductions
    : Pass<"weft-gpu-parallelize-reductions", "mlir::func::FuncOp"> {
  let summary = "Spread reductions over many GPU threads that combine atomically";
  let description = [{
    A linalg op with reduction loops whose combiner has an atomic (sums,
    min/max, boolean and/or) becomes an `scf.parallel` over its parallel
    loops plus a lane dimension: 32 lanes per output element (a warp, once
    tiled), or 65536 for a reduction to a single value. Each lane walks the
    flattened reduction space from its lane number with a stride of the
    lane count (consecutive lanes read consecutive elements), combines its
    share in a register starting from the combiner's identity; 32-bit
    shares are then combined across each warp with `gpu.shuffle xor`
    (weft-gpu-tile-parallel-loops puts the lanes along threadIdx.x), and one
    lane a warp (every lane, for other widths) combines the result into the
    output with one `memref.atomic_rmw`. Left to
    convert-linalg-to-parallel-loops (one thread per output element, a
    serial loop), or for full reductions to `weft-gpu-wrap-serial-ops`:
    products, which have no atomic; reductions that read an input
    contiguously along a parallel loop (`B[k, j]` in a matmul), which a
    warp of output elements reads coalesced; and windows of fewer than 32
    values per output element known at compile time (a stencil's
    `for dy in -1..=1, dx in -1..=1`), where lanes would mostly idle.
  }];
  let dependentDialects = ["mlir::scf::SCFDialect", "mlir::arith::ArithDialect",
                           "mlir::memref::MemRefDialect", "mlir::gpu::GPUDialect"];
}

def WeftGpuDeferChecks : Pass<"weft-gpu-defer-checks", "mlir::func::FuncOp"> {
  let summary = "Move run-time bounds checks out of future kernels to the host";
  let description = [{
    Every linalg op and `scf.parallel` becomes (part of) a GPU kernel, which
    cannot call the host runtime, but a gather's bounds check
    (`x[col[p]]`) is a call of `weft_rt_check_index` with the read's
    source location. Each such call becomes a compare in the kernel that,
    when the subscript is outside `[0, extent)`, stores the subscript and
    the extent into a two-element buffer allocated before the kernel (and
    holding `0, 1`, which pass the check). After the kernel, the host
    loads both and makes the original call, which fails with the same
    message as on the CPU. Failing threads may race to store, but every
    pair stored fails the check, and all of a read's threads share its
    extent. Launches are synchronous, so the host reads after the kernel
    has finished.

    ```mlir
    linalg.generic ... {
      func.call @weft_rt_check_index(%i, %n, %msg) : ...
    }
    ```
    becomes
    ```mlir
    %slot = memref.alloc() : memref<2xi64>   // holding 0, 1
    linalg.generic ... {
      %bad = arith.cmpi uge, %i, %n : i64
      scf.if %bad { memref.store %i, %slot[0]  memref.store %n, %slot[1] }
    }
    %i1 = memref.load %slot[0]  %n1 = memref.load %slot[1]
    func.call @weft_rt_check_index(%i1, %n1, %msg) : ...
    memref.dealloc %slot
    ```
  }];
  let dependentDialects = ["mlir::scf::SCFDialect", "mlir::arith::ArithDialect",
                           "mlir::memref::MemRefDialect"];
}

def WeftGpuCopiesToKernels
    : Pass<"weft-gpu-copies-to-kernels", "mlir::func::FuncOp"> {
  let summary = "Copy arrays with GPU kernels instead of the host";
  let description = [{
    Bufferization copies arrays with `memref.copy` (`let v = u`, a host
    loop's fresh start `u = A`), which the host would run with `memcpy`:
    on managed memory that pulls both arrays' pages to the CPU, and the next
    kernel pulls them back (hundreds of milliseconds for a few hundred
    MiB). Each such copy becomes a `linalg.copy`, which
    `convert-linalg-to-parallel-loops` turns into a kernel like any other,
    so the arrays stay on the GPU. Copies from or to a `memref.global`
    (constants in host memory) stay on the host.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect"];
}

def WeftGpuWrapSerialOps : Pass<"weft-gpu-wrap-serial-ops", "mlir::func::FuncOp"> {
  let summary = "Put linalg ops without a parallel loop in a one-iteration scf.parallel";
  let description = [{
    A full reduction (`d += x[i] * y[i]`) or a rank-0 equation has no
    parallel iterator, so `convert-linalg-to-parallel-loops` makes no
    `scf.parallel` of it and it would run on the host, pulling its operands
    out of device memory. Wrapped in a one-iteration `scf.parallel`, it
    becomes a one-thread GPU kernel instead and the data stays on the device.
  }];
  let dependentDialects = ["mlir::scf::SCFDialect", "mlir::arith::ArithDialect"];
}

def WeftGpuTileParallelLoops
    : Pass<"weft-gpu-tile-parallel-loops", "mlir::func::FuncOp"> {
  let summary = "Tile outermost scf.parallel loops into GPU blocks by their rank";
  let description = [{
    Splits each outermost `scf.parallel` into a loop over blocks and a loop
    over the threads of a block, with a thread-block shape chosen by the
    loop's rank (256 threads; the innermost dimension, which indexes
    contiguous memory, the widest, so that a warp's accesses coalesce).
    Inner loops get constant bounds and an `scf.if` bounds check rather than
    `affine.min` bounds, which `convert-parallel-loops-to-gpu` cannot map.
    CUDA allows 65535 blocks along y and z: the block loops mapped there go
    in host loops over chunks of that many blocks, a launch per chunk (one
    chunk unless the dimension is that large).
  }];
  let dependentDialects = ["mlir::scf::SCFDialect", "mlir::arith::ArithDialect",
                           "mlir::affine::AffineDialect"];
}

def WeftGpuLocateLaunches : Pass<"weft-gpu-locate-launches", "mlir::ModuleOp"> {
  let summary = "Name each kernel launch's .weft location to the runtime";
  let description = [{
    Surrounds every `gpu.launch_func` with calls of
    `weft_rt_cuda_launching("<file>:<line>:<col>")` (the launch's source
    location: the equation the kernel computes) and
    `weft_rt_cuda_launched()`, so that a CUDA error while the kernel is
    launched or run (each launch is synchronous) names the equation, as
    the CPU's run-time errors do. Launches without a file location are
    left alone.
  }];
  let dependentDialects = ["mlir::func::FuncDialect",
                           "mlir::memref::MemRefDialect"];
}

def WeftGpuMergeKernelModules
    : Pass<"weft-gpu-merge-kernel-modules", "mlir::ModuleOp"> {
  let summary = "Gather the outlined kernels into one gpu.module";
  let description = [{
    `gpu-kernel-outlining` makes one `gpu.module` per launch. Gathered into
    one `gpu.module @weft_kernels`, each kernel renamed after its old module,
    the program has one PTX file (`--emit=ptx`), one binary to embed and one
    module to load.
  }];
  let dependentDialects = ["mlir::gpu::GPUDialect"];
}

#endif // WEFT_GPU_PASSES_TD
