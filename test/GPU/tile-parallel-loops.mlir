// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-gpu-tile-parallel-loops))' | FileCheck %s

// 1-D: blocks of 256 threads; the inner loop has constant bounds and an
// scf.if bounds check (no affine.min, which the GPU mapping cannot map).
// CHECK-LABEL: func.func @one_d
// CHECK:         %[[C256:.*]] = arith.constant 256 : index
// CHECK:         %[[BLOCK:.*]] = arith.muli %{{.*}}, %[[C256]] : index
// CHECK:         scf.parallel (%{{.*}}) = (%{{.*}}) to (%{{.*}}) step (%[[BLOCK]]) {
// CHECK:           scf.parallel (%{{.*}}) = (%{{.*}}) to (%[[BLOCK]])
// CHECK:             scf.if
// CHECK-NOT:     affine.min
func.func @one_d(%x: memref<?xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %v = arith.constant 1.0 : f32
  scf.parallel (%i) = (%c0) to (%n) step (%c1) {
    memref.store %v, %x[%i] : memref<?xf32>
  }
  return
}

// 2-D: 8 x 32, the innermost (contiguous) dimension the warp-wide one.
// CUDA allows only 65535 blocks along y: the row blocks go in a host loop
// over chunks of that many blocks, one launch each (one chunk unless there
// are more than 524280 rows).
// CHECK-LABEL: func.func @two_d
// CHECK-SAME:    (%{{.*}}: memref<?x?xf32>, %[[N:.*]]: index, %[[M:.*]]: index)
// CHECK:         %[[C8:.*]] = arith.constant 8 : index
// CHECK:         %[[C32:.*]] = arith.constant 32 : index
// CHECK:         %[[ROWS:.*]] = arith.muli %{{.*}}, %[[C8]] : index
// CHECK:         %[[COLS:.*]] = arith.muli %{{.*}}, %[[C32]] : index
// CHECK:         %[[C65535:.*]] = arith.constant 65535 : index
// CHECK:         %[[CHUNK:.*]] = arith.muli %[[ROWS]], %[[C65535]] : index
// CHECK:         scf.for %[[START:.*]] = %{{.*}} to %[[N]] step %[[CHUNK]] {
// CHECK:           %[[NEXT:.*]] = arith.addi %[[START]], %[[CHUNK]] : index
// CHECK:           %[[END:.*]] = arith.minsi %[[N]], %[[NEXT]] : index
// CHECK:           scf.parallel (%{{.*}}, %{{.*}}) = (%[[START]], %{{.*}}) to (%[[END]], %[[M]]) step (%[[ROWS]], %[[COLS]])
// CHECK:             scf.parallel (%{{.*}}, %{{.*}}) = (%{{.*}}, %{{.*}}) to (%[[ROWS]], %[[COLS]])
func.func @two_d(%x: memref<?x?xf32>, %n: index, %m: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %v = arith.constant 1.0 : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%n, %m) step (%c1, %c1) {
    memref.store %v, %x[%i, %j] : memref<?x?xf32>
  }
  return
}

// A dimension of known extent smaller than the block shrinks the block:
// a one-iteration loop stays one thread.
// CHECK-LABEL: func.func @one_iteration
// CHECK-NOT:     arith.constant 256
// CHECK:         scf.parallel
func.func @one_iteration(%x: memref<f32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %v = arith.constant 1.0 : f32
  scf.parallel (%i) = (%c0) to (%c1) step (%c1) {
    memref.store %v, %x[] : memref<f32>
  }
  return
}
