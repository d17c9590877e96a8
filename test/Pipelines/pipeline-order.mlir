// Each stage extends the previous one, in this order.
// RUN: weft-opt %s --weft-to-linalg --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefixes=COMMON,FUSE,LINALG
// RUN: weft-opt %s '--weft-to-linalg=opt-level=0' --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefixes=COMMON,NOFUSE,LINALG
// RUN: weft-opt %s --weft-to-loops --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefixes=COMMON,FUSE,LOOPS,LOOPSEND
// RUN: weft-opt %s --weft-to-llvm --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefixes=COMMON,FUSE,LOOPS,LLVM,FAST
// RUN: weft-opt %s '--weft-to-llvm=opt-level=0' --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefixes=COMMON,NOFUSE,LOOPS,LLVM,LIBM

// COMMON:      builtin.module(
// COMMON-NEXT:   convert-weft-to-linalg,
// COMMON-NEXT:   convert-weft-to-runtime,
// COMMON-NEXT:   canonicalize{
// COMMON-NEXT:   cse
// FUSE-NEXT:     func.func(
// FUSE-NEXT:       weft-fuse-equations,
// FUSE-NEXT:       weft-fuse-rows,
// FUSE-NEXT:       weft-reassociate-reductions
// FUSE-NEXT:     ),
// FUSE-NEXT:     canonicalize{
// FUSE-NEXT:     cse
// NOFUSE-NOT:    weft-fuse
// LINALG-NEXT: )

// LOOPS-NEXT:    one-shot-bufferize{
// LOOPS-SAME:      allow-return-allocs-from-loops=true
// LOOPS-SAME:      bufferize-function-boundaries=true
// LOOPS-SAME:      function-boundary-type-conversion=identity-layout-map
// LOOPS-NEXT:    expand-realloc
// LOOPS-NEXT:    canonicalize{
// LOOPS-NEXT:    ownership-based-buffer-deallocation
// LOOPS-NEXT:    canonicalize{
// LOOPS-NEXT:    buffer-deallocation-simplification,
// LOOPS-NEXT:    bufferization-lower-deallocations,
// LOOPS-NEXT:    cse,
// LOOPS-NEXT:    canonicalize{
// LOOPS-NEXT:    convert-bufferization-to-memref,
// LOOPS-NEXT:    convert-linalg-to-loops,
// LOOPS-NEXT:    canonicalize{
// LOOPSEND-NEXT: )

// LLVM-NEXT:     expand-strided-metadata,
// LLVM-NEXT:     lower-affine,
// LLVM-NEXT:     convert-scf-to-cf
// FAST-NEXT:     weft-fast-math
// LIBM-NOT:      weft-fast-math
// LLVM-NEXT:     convert-math-to-llvm
// LLVM-NEXT:     convert-math-to-libm,
// LLVM-NEXT:     convert-arith-to-llvm
// LLVM-NEXT:     finalize-memref-to-llvm
// LLVM-NEXT:     convert-func-to-llvm
// LLVM-NEXT:     convert-cf-to-llvm
// LLVM-NEXT:     convert-ub-to-llvm
// LLVM-NEXT:     reconcile-unrealized-casts
// LLVM-NEXT:     ensure-debug-info-scope-on-llvm-func
// LLVM-NEXT:   )
