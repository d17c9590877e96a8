// RUN: weft-opt %s --split-input-file '--weft-fuse-time-steps=threads=2' | FileCheck %s
// RUN: weft-opt %s --split-input-file --weft-fuse-time-steps | FileCheck %s --check-prefix=RUNTIME

#id = affine_map<(d0, d1) -> (d0, d1)>

// Two 1-D-in-rows steps: t's first row copied from u, its rows 1..n-1 from
// u's rows i-1 and i; v's rows 1..n-2 from t's rows i-1 and i+1. t becomes
// a ring of 3 rows (offsets -1..1); each thread's chunk of v's rows first
// computes the rows of t before its first row and at it, then row q + 1 of
// t and row q of v per step, each op where its box has that row.
// CHECK-LABEL: func.func @two_steps(
// CHECK-SAME:      %[[U:.*]]: memref<?x?xf32>)
// CHECK:         %[[V:.*]] = memref.alloc
// CHECK-NOT:     memref.alloc
// CHECK:         %[[C2:.*]] = arith.constant 2 : index
// CHECK-NEXT:    scf.forall (%[[C:.*]]) in (%[[C2]]) {
// CHECK:           scf.if
// CHECK:             %[[RING:.*]] = memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<3x?xf32>
// CHECK:             scf.for %[[P:.*]] =
// CHECK:               scf.if
// CHECK:                 %[[SLOT:.*]] = arith.remui %[[P]], %{{.*}}
// CHECK:                 %[[OUT:.*]] = memref.subview %[[RING]][%[[SLOT]], 0] [1, %{{.*}}] [1, 1]
// CHECK:                 linalg.copy ins(%{{.*}} : memref<1x?xf32, {{.*}}>) outs(%[[OUT]] :
// CHECK:               scf.if
// CHECK:                 linalg.generic
// CHECK:             scf.for %[[Q:.*]] =
// CHECK:               %[[NEXT:.*]] = arith.addi %[[Q]], %{{.*}}
// CHECK:               scf.if
// CHECK:                 linalg.copy
// CHECK:                 linalg.generic
// CHECK:               %[[LOCAL:.*]] = arith.subi %[[Q]], %{{.*}}
// CHECK:               scf.if
// CHECK:                 %[[UP:.*]] = arith.addi %[[Q]], %{{.*}}
// CHECK:                 %[[S1:.*]] = arith.remui %[[UP]], %{{.*}}
// CHECK:                 %[[R1:.*]] = memref.subview %[[RING]][%[[S1]], 0] [1, %{{.*}}] [1, 1]
// CHECK:                 %[[DOWN:.*]] = arith.addi %[[Q]], %{{.*}}
// CHECK:                 %[[S2:.*]] = arith.remui %[[DOWN]], %{{.*}}
// CHECK:                 %[[R2:.*]] = memref.subview %[[RING]][%[[S2]], 0] [1, %{{.*}}] [1, 1]
// CHECK:                 %[[W:.*]] = memref.subview %{{.*}}[%[[LOCAL]], 0] [1, %{{.*}}] [1, 1]
// CHECK:                 linalg.generic {{.*}} ins(%[[R1]], %[[R2]] : {{.*}}) outs(%[[W]] :
// CHECK:             memref.dealloc %[[RING]]
// CHECK-NOT:     linalg.
// CHECK:         return %[[V]]
// RUNTIME:       func.func private @weft_rt_max_threads() -> i32
// RUNTIME-LABEL: func.func @two_steps(
// RUNTIME:         %[[N:.*]] = call @weft_rt_max_threads() : () -> i32
// RUNTIME:         %[[CHUNKS:.*]] = arith.index_cast %[[N]] : i32 to index
// RUNTIME:         scf.forall (%{{.*}}) in (%[[CHUNKS]])
func.func @two_steps(%u: memref<?x?xf32>) -> memref<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %u, %c0 : memref<?x?xf32>
  %m = memref.dim %u, %c1 : memref<?x?xf32>
  %n1 = arith.subi %n, %c1 : index
  %n2 = arith.subi %n1, %c1 : index
  %t = memref.alloc(%n, %m) {alignment = 64 : i64} : memref<?x?xf32>
  %u0 = memref.subview %u[0, 0] [1, %m] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1]>>
  %t0 = memref.subview %t[0, 0] [1, %m] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1]>>
  linalg.copy ins(%u0 : memref<1x?xf32, strided<[?, 1]>>) outs(%t0 : memref<1x?xf32, strided<[?, 1]>>)
  %ua = memref.subview %u[0, 0] [%n1, %m] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1]>>
  %ub = memref.subview %u[1, 0] [%n1, %m] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1], offset: ?>>
  %tr = memref.subview %t[1, 0] [%n1, %m] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1], offset: ?>>
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%ua, %ub : memref<?x?xf32, strided<[?, 1]>>, memref<?x?xf32, strided<[?, 1], offset: ?>>)
      outs(%tr : memref<?x?xf32, strided<[?, 1], offset: ?>>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  }
  %v = memref.alloc(%n, %m) {alignment = 64 : i64} : memref<?x?xf32>
  %ta = memref.subview %t[0, 0] [%n2, %m] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1]>>
  %tb = memref.subview %t[2, 0] [%n2, %m] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1], offset: ?>>
  %vr = memref.subview %v[1, 0] [%n2, %m] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1], offset: ?>>
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%ta, %tb : memref<?x?xf32, strided<[?, 1]>>, memref<?x?xf32, strided<[?, 1], offset: ?>>)
      outs(%vr : memref<?x?xf32, strided<[?, 1], offset: ?>>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.mulf %a, %b : f32
    linalg.yield %s : f32
  }
  memref.dealloc %t : memref<?x?xf32>
  return %v : memref<?x?xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>

// Temporaries that stay: the second step reads t 3 rows away; a call
// between the steps; a first step that uses linalg.index; a second step
// writing an argument instead of a fresh allocation.
// CHECK-LABEL: func.func @far(
// CHECK-NOT:     scf.forall
// CHECK-LABEL: func.func @call_between(
// CHECK-NOT:     scf.forall
// CHECK-LABEL: func.func @index(
// CHECK-NOT:     scf.forall
// CHECK-LABEL: func.func @into_argument(
// CHECK-NOT:     scf.forall
func.func @far(%u: memref<?x?xf32>, %n: index, %m: index) -> memref<?x?xf32> {
  %t = memref.alloc(%n, %m) : memref<?x?xf32>
  linalg.copy ins(%u : memref<?x?xf32>) outs(%t : memref<?x?xf32>)
  %v = memref.alloc(%n, %m) : memref<?x?xf32>
  %ta = memref.subview %t[3, 0] [%n, %m] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1], offset: ?>>
  %vr = memref.subview %v[0, 0] [%n, %m] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1]>>
  linalg.copy ins(%ta : memref<?x?xf32, strided<[?, 1], offset: ?>>) outs(%vr : memref<?x?xf32, strided<[?, 1]>>)
  memref.dealloc %t : memref<?x?xf32>
  return %v : memref<?x?xf32>
}
func.func private @effect()
func.func @call_between(%u: memref<?x?xf32>, %n: index, %m: index) -> memref<?x?xf32> {
  %t = memref.alloc(%n, %m) : memref<?x?xf32>
  linalg.copy ins(%u : memref<?x?xf32>) outs(%t : memref<?x?xf32>)
  func.call @effect() : () -> ()
  %v = memref.alloc(%n, %m) : memref<?x?xf32>
  linalg.copy ins(%t : memref<?x?xf32>) outs(%v : memref<?x?xf32>)
  memref.dealloc %t : memref<?x?xf32>
  return %v : memref<?x?xf32>
}
func.func @index(%u: memref<?x?xf32>, %n: index, %m: index) -> memref<?x?xf32> {
  %t = memref.alloc(%n, %m) : memref<?x?xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%u : memref<?x?xf32>) outs(%t : memref<?x?xf32>) {
  ^bb0(%a: f32, %o: f32):
    %i = linalg.index 0 : index
    %j = arith.index_cast %i : index to i32
    %f = arith.sitofp %j : i32 to f32
    %s = arith.addf %a, %f : f32
    linalg.yield %s : f32
  }
  %v = memref.alloc(%n, %m) : memref<?x?xf32>
  linalg.copy ins(%t : memref<?x?xf32>) outs(%v : memref<?x?xf32>)
  memref.dealloc %t : memref<?x?xf32>
  return %v : memref<?x?xf32>
}
func.func @into_argument(%u: memref<?x?xf32>, %w: memref<?x?xf32>, %n: index, %m: index) {
  %t = memref.alloc(%n, %m) : memref<?x?xf32>
  linalg.copy ins(%u : memref<?x?xf32>) outs(%t : memref<?x?xf32>)
  linalg.copy ins(%t : memref<?x?xf32>) outs(%w : memref<?x?xf32>)
  memref.dealloc %t : memref<?x?xf32>
  return
}
