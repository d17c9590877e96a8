// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-reassociate-reductions))' | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>

// The op that combines the accumulator gets `reassoc` (kept with the flags it
// had); the element-wise math before it does not.
// CHECK-LABEL: func.func @row_sum
// CHECK:         linalg.generic
// CHECK:           %[[E:.*]] = math.exp %{{.*}} : f32
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[E]], %[[E]] : f32
// CHECK-NEXT:      arith.addf %{{.*}}, %[[P]] fastmath<reassoc,nsz> : f32
func.func @row_sum(%x: tensor<?x?xf32>, %init: tensor<?xf32>) -> tensor<?xf32> {
  %s = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<?x?xf32>) outs(%init : tensor<?xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %e = math.exp %in : f32
    %p = arith.mulf %e, %e : f32
    %v = arith.addf %acc, %p fastmath<nsz> : f32
    linalg.yield %v : f32
  } -> tensor<?xf32>
  return %s : tensor<?xf32>
}

// CHECK-LABEL: func.func @row_max
// CHECK:         arith.maximumf %{{.*}}, %{{.*}} fastmath<reassoc> : f32
func.func @row_max(%x: tensor<?x?xf32>, %init: tensor<?xf32>) -> tensor<?xf32> {
  %m = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<?x?xf32>) outs(%init : tensor<?xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %v = arith.maximumf %acc, %in : f32
    linalg.yield %v : f32
  } -> tensor<?xf32>
  return %m : tensor<?xf32>
}

// Without reduction loops, and for integers, nothing changes.
// CHECK-LABEL: func.func @unchanged
// CHECK-NOT:     reassoc
// CHECK:         return
func.func @unchanged(%x: tensor<?x?xf32>, %xi: tensor<?x?xi32>, %initi: tensor<?xi32>) -> (tensor<?x?xf32>, tensor<?xi32>) {
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<?x?xf32>) outs(%x : tensor<?x?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.addf %in, %out : f32
    linalg.yield %v : f32
  } -> tensor<?x?xf32>
  %s = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%xi : tensor<?x?xi32>) outs(%initi : tensor<?xi32>) {
  ^bb0(%in: i32, %acc: i32):
    %v = arith.addi %acc, %in : i32
    linalg.yield %v : i32
  } -> tensor<?xi32>
  return %y, %s : tensor<?x?xf32>, tensor<?xi32>
}
