// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-parallelize-rows))' | FileCheck %s
// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-parallelize-rows{block-size=64}))' | FileCheck %s --check-prefix=BLOCK
// RUN: not weft-opt %s --pass-pipeline='builtin.module(func.func(weft-parallelize-rows{block-size=0}))' 2>&1 | FileCheck %s --check-prefix=ERR

// Rank 2 and more: one row per scf.forall iteration (OpenMP's static
// schedule later gives each thread a contiguous block of rows).
// CHECK-LABEL: func.func @rows
// CHECK-SAME:    (%[[X:.*]]: memref<?x?xf32>, %[[Y:.*]]: memref<?x?xf32>)
// CHECK:         %[[R:.*]] = memref.dim %[[X]], %c0
// CHECK:         scf.forall (%[[I:.*]]) in (%[[R]])
// CHECK:           %[[XR:.*]] = memref.subview %[[X]][%[[I]], 0] [1, %{{.*}}] [1, 1]
// CHECK:           %[[YR:.*]] = memref.subview %[[Y]][%[[I]], 0] [1, %{{.*}}] [1, 1]
// CHECK:           linalg.generic {{.*}} ins(%[[XR]] : {{.*}}) outs(%[[YR]] : {{.*}})
// CHECK:             math.exp
func.func @rows(%x: memref<?x?xf32>, %y: memref<?x?xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<?x?xf32>) outs(%y : memref<?x?xf32>) {
  ^bb0(%a: f32, %b: f32):
    %e = math.exp %a : f32
    linalg.yield %e : f32
  }
  return
}

// Rank 1: blocks of block-size elements (default 4096), so the inner loop
// stays long enough to vectorise; the last block may be shorter.
// CHECK-LABEL: func.func @vector
// CHECK:         scf.forall (%[[I:.*]]) = (0) to (%{{.*}}) step (4096)
// CHECK:           %[[N:.*]] = affine.min
// CHECK:           linalg.fill {{.*}} outs(%{{.*}} : memref<?xf32, strided<[1], offset: ?>>)
// BLOCK-LABEL: func.func @vector
// BLOCK:         scf.forall (%{{.*}}) = (0) to (%{{.*}}) step (64)
func.func @vector(%v: memref<?xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%v : memref<?xf32>)
  return
}

// A row reduction is parallel over rows; a whole-array sum is not (its
// outermost loop is a reduction) and stays as it is.
// CHECK-LABEL: func.func @reductions
// CHECK:         scf.forall
// CHECK:           linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK:         }
// CHECK-NOT:     scf.forall
// CHECK:         linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]
func.func @reductions(%x: memref<?x?xf32>, %r: memref<?xf32>, %s: memref<f32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<?x?xf32>) outs(%r : memref<?xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %t = arith.addf %acc, %a : f32
    linalg.yield %t : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> ()>], iterator_types = ["reduction", "reduction"]}
      ins(%x : memref<?x?xf32>) outs(%s : memref<f32>) {
  ^bb0(%a: f32, %acc: f32):
    %t = arith.addf %acc, %a : f32
    linalg.yield %t : f32
  }
  return
}

// Ops already inside an scf.forall (tiles of a contraction) stay as they are.
// CHECK-LABEL: func.func @nested
// CHECK:         scf.forall
// CHECK-NOT:       scf.forall
// CHECK:           linalg.fill
func.func @nested(%v: memref<?x?xf32>) {
  %zero = arith.constant 0.0 : f32
  scf.forall (%i) in (4) {
    linalg.fill ins(%zero : f32) outs(%v : memref<?x?xf32>)
  }
  return
}

// ERR: error: weft-parallelize-rows: block-size must be positive
