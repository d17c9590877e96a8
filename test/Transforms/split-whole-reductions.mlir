// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-split-whole-reductions))' | FileCheck %s

// A whole-matrix dot product in f64 (reassociable): each row is reduced into
// a buffer of partials that starts at 0, with the outermost loop parallel,
// then the partials are added into the output.
// CHECK-LABEL: func.func @dot
// CHECK-SAME:    (%[[X:.*]]: memref<?x?xf32>, %[[Y:.*]]: memref<?x?xf32>, %[[D:.*]]: memref<f64>)
// CHECK:         %[[R:.*]] = memref.dim %[[X]], %c0
// CHECK:         %[[P:.*]] = memref.alloc(%[[R]]) : memref<?xf64>
// CHECK:         %[[Z:.*]] = arith.constant {{-?}}0.000000e+00 : f64
// CHECK:         linalg.fill ins(%[[Z]] : f64) outs(%[[P]] : memref<?xf64>)
// CHECK:         linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}, #[[ROW:.*]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME:      ins(%[[X]], %[[Y]] : {{.*}}) outs(%[[P]] : memref<?xf64>)
// CHECK:           arith.mulf
// CHECK:           arith.addf %{{.*}}, %{{.*}} fastmath<reassoc> : f64
// CHECK:         linalg.generic {{{.*}} iterator_types = ["reduction"]}
// CHECK-SAME:      ins(%[[P]] : memref<?xf64>) outs(%[[D]] : memref<f64>)
// CHECK-NEXT:    ^bb0(%[[IN:.*]]: f64, %[[OUT:.*]]: f64):
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[OUT]], %[[IN]] fastmath<reassoc> : f64
// CHECK-NEXT:      linalg.yield %[[S]] : f64
// CHECK:         memref.dealloc %[[P]] : memref<?xf64>
// CHECK-NOT:     iterator_types = ["reduction", "reduction"]
func.func @dot(%x: memref<?x?xf32>, %y: memref<?x?xf32>, %d: memref<f64>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> ()>], iterator_types = ["reduction", "reduction"]}
      ins(%x, %y : memref<?x?xf32>, memref<?x?xf32>) outs(%d : memref<f64>) {
  ^bb0(%a: f32, %b: f32, %acc: f64):
    %ea = arith.extf %a : f32 to f64
    %eb = arith.extf %b : f32 to f64
    %m = arith.mulf %ea, %eb : f64
    %s = arith.addf %acc, %m fastmath<reassoc> : f64
    linalg.yield %s : f64
  }
  return
}

// Rank 3, an integer max with the accumulator second: the partials start at
// the smallest i32 and the combiner keeps its operand order.
// CHECK-LABEL: func.func @max3
// CHECK:         %[[P:.*]] = memref.alloc(%{{.*}}) : memref<?xi32>
// CHECK:         %[[MIN:.*]] = arith.constant -2147483648 : i32
// CHECK:         linalg.fill ins(%[[MIN]] : i32) outs(%[[P]] : memref<?xi32>)
// CHECK:         iterator_types = ["parallel", "reduction", "reduction"]
// CHECK:         ^bb0(%[[IN:.*]]: i32, %[[OUT:.*]]: i32):
// CHECK-NEXT:      arith.maxsi %[[IN]], %[[OUT]] : i32
func.func @max3(%x: memref<4x?x?xi32>, %m: memref<i32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, j, k)>, affine_map<(i, j, k) -> ()>], iterator_types = ["reduction", "reduction", "reduction"]}
      ins(%x : memref<4x?x?xi32>) outs(%m : memref<i32>) {
  ^bb0(%a: i32, %acc: i32):
    %r = arith.maxsi %a, %acc : i32
    linalg.yield %r : i32
  }
  return
}

// Left alone: a float sum without reassoc (its order is fixed), a division
// (no neutral element), an accumulator used beyond its combiner, a rank-1
// sum, a row reduction.
// CHECK-LABEL: func.func @kept
// CHECK-NOT:     memref.alloc
// CHECK-COUNT-3: iterator_types = ["reduction", "reduction"]
// CHECK:         iterator_types = ["reduction"]
// CHECK:         iterator_types = ["parallel", "reduction"]
// CHECK-NOT:     linalg.generic
func.func @kept(%x: memref<?x?xf32>, %v: memref<?xf32>, %r: memref<?xf32>, %s: memref<f32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> ()>], iterator_types = ["reduction", "reduction"]}
      ins(%x : memref<?x?xf32>) outs(%s : memref<f32>) {
  ^bb0(%a: f32, %acc: f32):
    %t = arith.addf %acc, %a : f32
    linalg.yield %t : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> ()>], iterator_types = ["reduction", "reduction"]}
      ins(%x : memref<?x?xf32>) outs(%s : memref<f32>) {
  ^bb0(%a: f32, %acc: f32):
    %t = arith.divf %acc, %a fastmath<reassoc> : f32
    linalg.yield %t : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> ()>], iterator_types = ["reduction", "reduction"]}
      ins(%x : memref<?x?xf32>) outs(%s : memref<f32>) {
  ^bb0(%a: f32, %acc: f32):
    %big = arith.cmpf ogt, %acc, %a : f32
    %b = arith.select %big, %acc, %a : f32
    %t = arith.addf %acc, %b fastmath<reassoc> : f32
    linalg.yield %t : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> ()>], iterator_types = ["reduction"]}
      ins(%v : memref<?xf32>) outs(%s : memref<f32>) {
  ^bb0(%a: f32, %acc: f32):
    %t = arith.addf %acc, %a fastmath<reassoc> : f32
    linalg.yield %t : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<?x?xf32>) outs(%r : memref<?xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %t = arith.addf %acc, %a fastmath<reassoc> : f32
    linalg.yield %t : f32
  }
  return
}
