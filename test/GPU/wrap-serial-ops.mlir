// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-gpu-wrap-serial-ops))' | FileCheck %s

#id = affine_map<(d0) -> (d0)>
#to0 = affine_map<(d0) -> ()>

// A full reduction has no parallel loop: it goes in a one-iteration
// scf.parallel, which becomes a one-thread kernel.
// CHECK-LABEL: func.func @total
// CHECK-DAG:     %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.*]] = arith.constant 1 : index
// CHECK:         scf.parallel (%{{.*}}) = (%[[C0]]) to (%[[C1]]) step (%[[C1]]) {
// CHECK-NEXT:      linalg.generic
// CHECK-SAME:        iterator_types = ["reduction"]
func.func @total(%x: memref<?xf32>, %s: memref<f32>) {
  linalg.generic {indexing_maps = [#id, #to0], iterator_types = ["reduction"]}
      ins(%x : memref<?xf32>) outs(%s : memref<f32>) {
  ^bb0(%e: f32, %acc: f32):
    %sum = arith.addf %acc, %e : f32
    linalg.yield %sum : f32
  }
  return
}

// An op with a parallel loop is left alone.
// CHECK-LABEL: func.func @double
// CHECK-NOT:     scf.parallel
// CHECK:         linalg.generic
func.func @double(%x: memref<?xf32>, %y: memref<?xf32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : memref<?xf32>) outs(%y : memref<?xf32>) {
  ^bb0(%e: f32, %out: f32):
    %d = arith.addf %e, %e : f32
    linalg.yield %d : f32
  }
  return
}
