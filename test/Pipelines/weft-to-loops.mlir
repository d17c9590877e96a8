// RUN: weft-opt %S/Inputs/rowsum.mlir --weft-to-loops=opt-level=1 | FileCheck %s
// RUN: weft-opt %S/Inputs/rowsum.mlir --weft-to-loops=opt-level=1 | FileCheck %s --check-prefix=CLEAN

// Nothing of weft, linalg, tensor or bufferization is left.
// CLEAN-NOT: {{weft\.|linalg\.|tensor\.|bufferization\.}}

// The kernel takes and returns identity-layout memrefs; the reduction is a
// loop nest that accumulates into a zero-filled buffer, in source order
// (-O1: no weft-reassociate-reductions, no tiling).
// CHECK-LABEL: func.func @rowsum
// CHECK-SAME:    (%[[X:.*]]: memref<?x?xf32>) -> memref<?xf32>
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[S:.*]] = memref.alloc(%[[R:.*]]) {alignment = 64 : i64} : memref<?xf32>
// CHECK:         scf.for %[[I:.*]] = {{.*}} {
// CHECK-NEXT:      memref.store %[[ZERO]], %[[S]][%[[I]]]
// CHECK:         scf.for %[[R2:.*]] = {{.*}} {
// CHECK-NEXT:      scf.for %[[C2:.*]] = {{.*}} {
// CHECK-DAG:         %[[V:.*]] = memref.load %[[X]][%[[R2]], %[[C2]]]
// CHECK-DAG:         %[[ACC:.*]] = memref.load %[[S]][%[[R2]]]
// CHECK:             %[[E:.*]] = math.exp %[[V]] : f32
// CHECK:             %[[SUM:.*]] = arith.addf %[[ACC]], %[[E]] : f32
// CHECK:             memref.store %[[SUM]], %[[S]][%[[R2]]]
// CHECK:         return %[[S]] : memref<?xf32>

// The host fills a buffer through the runtime, passes it to the kernel,
// prints the result and frees both buffers.
// CHECK-LABEL: func.func @weft_main
// CHECK:         %[[X:.*]] = memref.alloc() {alignment = 64 : i64} : memref<3x3xf32>
// CHECK:         call @weft_rt_fill_random
// CHECK:         %[[S:.*]] = call @rowsum
// CHECK:         call @weft_rt_print_array
// CHECK:         call @weft_rt_print_newline
// CHECK-DAG:     memref.dealloc %[[X]] : memref<3x3xf32>
// CHECK-DAG:     %[[SBASE:.*]], %{{.*}}, %{{.*}}, %{{.*}} = memref.extract_strided_metadata %[[S]]
// CHECK-DAG:     memref.dealloc %[[SBASE]]
// CHECK:         return
