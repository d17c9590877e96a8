// At -O0 exp stays the llvm.exp intrinsic (libm); from -O2 on it is inline
// code (weft-fast-math), and only the LLVM dialect is left at either level.
// RUN: weft-opt %S/Inputs/rowsum.mlir '--weft-to-llvm=opt-level=0' | FileCheck %s
// RUN: weft-opt %S/Inputs/rowsum.mlir '--weft-to-llvm=opt-level=0' | FileCheck %s --check-prefix=CLEAN
// RUN: weft-opt %S/Inputs/rowsum.mlir --weft-to-llvm | FileCheck %s --check-prefix=CLEAN

// Only the LLVM dialect is left.
// CLEAN-NOT: {{^ *(%.* = )?(weft|func|linalg|tensor|bufferization|memref|scf|cf|arith|math|affine|ub|builtin)\.}}

// Runtime functions take arrays and strings as (rank, descriptor pointer),
// exactly as runtime.h declares them.
// CHECK-DAG: llvm.func @weft_rt_fill_random(i64, !llvm.ptr, i32, i64)
// CHECK-DAG: llvm.func @weft_rt_print_text(i64, !llvm.ptr)
// CHECK-DAG: llvm.func @weft_rt_print_array(i64, !llvm.ptr, i32)
// CHECK-DAG: llvm.func @weft_rt_print_newline()
// CHECK-DAG: llvm.func @weft_rt_alloc(i64) -> (!llvm.ptr {llvm.noalias})
// CHECK-DAG: llvm.mlir.global private constant @{{.*}}(dense<[115, 117, 109, 115, 32]> : tensor<5xi8>)

// CHECK-LABEL: llvm.func @weft_k_rowsum
// CHECK:         llvm.call @weft_rt_alloc
// CHECK:         llvm.intr.exp
// CHECK:         llvm.fadd

// CHECK-LABEL: llvm.func @weft_main()
// CHECK:         llvm.call @weft_rt_fill_random(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (i64, !llvm.ptr, i32, i64) -> ()
// CHECK:         llvm.call @weft_k_rowsum
// CHECK:         llvm.call @weft_rt_print_array(%{{.*}}, %{{.*}}, %{{.*}}) : (i64, !llvm.ptr, i32) -> ()
// CHECK:         llvm.call @free
