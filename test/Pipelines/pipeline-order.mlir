// Each stage extends the previous one, in this order. -O0 and -O1 keep one
// plain loop nest per equation; -O2 (the default) fuses equations on
// tensors, tiles, vectorises and parallelises on buffers and uses fast math;
// num-threads=1 keeps the tiles serial.
// RUN: weft-opt %s --weft-to-linalg --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefixes=COMMON,FUSE,LINALG
// RUN: weft-opt %s '--weft-to-linalg=opt-level=0' --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefixes=COMMON,NOFUSE,LINALG
// RUN: weft-opt %s --weft-to-loops=opt-level=1 --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefixes=COMMON,NOFUSE,LOOPS,LOOPSEND
// RUN: weft-opt %s --weft-to-llvm=opt-level=1 --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefixes=COMMON,NOFUSE,LOOPS,LLVM,LIBM
// RUN: weft-opt %s --weft-to-loops --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefixes=COMMON,FUSE,LOOPS,OPT,PARALLEL,LOOPSEND
// RUN: weft-opt %s --weft-to-llvm --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefixes=COMMON,FUSE,LOOPS,OPT,PARALLEL,LLVM,FAST,LLVM-OPT,LLVM-PARALLEL
// RUN: weft-opt %s --weft-to-llvm=num-threads=1 --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefixes=COMMON,FUSE,LOOPS,OPT,SERIAL,LLVM,FAST,LLVM-OPT,LLVM-SERIAL

// COMMON:      builtin.module(
// FUSE-NEXT:     weft-pair-time-steps{max-offset=2},
// NOFUSE-NOT:    weft-pair-time-steps
// COMMON-NEXT:   convert-weft-to-linalg,
// COMMON-NEXT:   convert-weft-to-runtime,
// COMMON-NEXT:   canonicalize{
// COMMON-NEXT:   cse
// FUSE-NEXT:     weft-write-in-place,
// NOFUSE-NOT:    weft-write-in-place
// FUSE-NEXT:     func.func(
// FUSE-NEXT:       weft-unroll-windows{max-points=27},
// FUSE-NEXT:       weft-split-at-pieces,
// FUSE-NEXT:       weft-fuse-equations,
// FUSE-NEXT:       weft-fuse-rows,
// FUSE-NEXT:       weft-reassociate-reductions,
// FUSE-NEXT:       weft-reciprocal-divisors,
// FUSE-NEXT:       weft-copy-outside-domain
// FUSE-NEXT:     ),
// FUSE-NEXT:     canonicalize{
// FUSE-NEXT:     cse
// NOFUSE-NOT:    weft-fuse
// NOFUSE-NOT:    weft-copy-outside-domain
// NOFUSE-NOT:    weft-unroll-windows
// NOFUSE-NOT:    weft-split-at-pieces
// LINALG-NEXT: )

// OPT-NEXT:      eliminate-empty-tensors,
// NOFUSE-NOT:    eliminate-empty-tensors
// LOOPS-NEXT:    weft-bufferize,
// OPT-NEXT:      drop-equivalent-buffer-results,
// NOFUSE-NOT:    drop-equivalent-buffer-results
// LOOPS-NEXT:    expand-realloc
// LOOPS-NEXT:    canonicalize{
// LOOPS-NEXT:    ownership-based-buffer-deallocation
// LOOPS-NEXT:    canonicalize{
// LOOPS-NEXT:    buffer-deallocation-simplification,
// LOOPS-NEXT:    bufferization-lower-deallocations,
// LOOPS-NEXT:    cse,
// LOOPS-NEXT:    canonicalize{
// LOOPS-NEXT:    convert-bufferization-to-memref,
// PARALLEL-NEXT: weft-fuse-time-steps{max-offset=2 threads=0},
// SERIAL-NEXT:   weft-fuse-time-steps{max-offset=2 threads=1},
// OPT-NEXT:      func.func(
// OPT-NEXT:        weft-tile-contractions{vector-bits=512}
// OPT-NEXT:        weft-parallelize-reductions{chunk-iterations=65536}
// PARALLEL-NEXT:   weft-parallelize-rows{block-size=4096},
// PARALLEL-NEXT:   weft-merge-row-loops
// OPT-NEXT:      )
// PARALLEL-NEXT: scf-forall-to-parallel,
// SERIAL-NEXT:   scf-forall-to-for,
// LOOPS-NEXT:    convert-linalg-to-loops,
// LOOPS-NEXT:    canonicalize{
// OPT-NEXT:      func.func(
// OPT-NEXT:        loop-invariant-code-motion,
// OPT-NEXT:        weft-reuse-stored-values,
// OPT-NEXT:        weft-jam-row-reductions{rows=4},
// OPT-NEXT:        weft-guard-checks,
// OPT-NEXT:        weft-small-allocations
// OPT-NEXT:        weft-streaming-stores{min-bytes=50331648}
// OPT-NEXT:      )
// LOOPSEND-NEXT: )

// LLVM-NEXT:     weft-kernel-symbols
// LLVM-NEXT:     convert-vector-to-scf{full-unroll=true
// LLVM-NEXT:     convert-scf-to-openmp{
// LLVM-PARALLEL-SAME: num-threads=0
// LLVM-SERIAL-SAME:   num-threads=1
// LLVM-NEXT:     canonicalize{
// LLVM-PARALLEL-NEXT: func.func(
// LLVM-PARALLEL-NEXT:   weft-serial-short-regions
// LLVM-PARALLEL-NEXT: ),
// LLVM-NEXT:     weft-check-allocation-sizes,
// LLVM-NEXT:     expand-strided-metadata,
// LLVM-NEXT:     lower-affine,
// FAST-NEXT:     weft-fast-math
// LIBM-NOT:      weft-fast-math
// LLVM-NEXT:     arith-emulate-unsupported-floats{source-types={bf16} target-type=f32}
// LLVM-NEXT:     weft-exact-bf16
// LLVM-NEXT:     convert-math-to-llvm
// LLVM-NEXT:     convert-math-to-libm,
// LLVM-NEXT:     convert-vector-to-llvm
// LLVM-NEXT:     convert-scf-to-cf
// LLVM-NEXT:     finalize-memref-to-llvm
// LLVM-NEXT:     convert-arith-to-llvm
// LLVM-NEXT:     convert-openmp-to-llvm
// LLVM-NEXT:     convert-func-to-llvm
// LLVM-NEXT:     convert-cf-to-llvm
// LLVM-NEXT:     convert-ub-to-llvm
// LLVM-NEXT:     reconcile-unrealized-casts
// LLVM-NEXT:     weft-checked-allocation
// LLVM-OPT-NEXT: llvm.func(
// LLVM-OPT-NEXT:   weft-prefer-vector-width{bits=256}
// LLVM-OPT-NEXT: )
// LLVM-NEXT:     ensure-debug-info-scope-on-llvm-func
// LLVM-NEXT:   )
