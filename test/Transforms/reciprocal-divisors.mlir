// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-reciprocal-divisors))' | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#col = affine_map<(d0, d1) -> (d1)>

// Softmax's division by the row sum: s[r] does not change along c, so the
// division becomes a multiplication by its reciprocal (which LLVM hoists
// out of the loop over c).
// CHECK-LABEL: func.func @row_divisor
// CHECK:         ^bb0(%[[E:.*]]: f32, %[[S:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT:      %[[R:.*]] = arith.divf %[[ONE]], %[[S]] : f32
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[E]], %[[R]] : f32
// CHECK-NEXT:      linalg.yield %[[P]] : f32
func.func @row_divisor(%e: tensor<?x?xf32>, %s: tensor<?xf32>, %y: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %r = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%e, %s : tensor<?x?xf32>, tensor<?xf32>) outs(%y : tensor<?x?xf32>) {
  ^bb0(%ev: f32, %sv: f32, %out: f32):
    %q = arith.divf %ev, %sv : f32
    linalg.yield %q : f32
  } -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// A divisor from outside the op (a kernel's scalar argument) is the same in
// every iteration.
// CHECK-LABEL: func.func @outside_divisor
// CHECK-SAME:    %[[D:[^:]*]]: f64
// CHECK:         arith.divf %{{.*}}, %[[D]] : f64
// CHECK-NEXT:    arith.mulf
// CHECK-NOT:     arith.divf
func.func @outside_divisor(%x: tensor<?x?xf64>, %d: f64, %y: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<?x?xf64>) outs(%y : tensor<?x?xf64>) {
  ^bb0(%xv: f64, %out: f64):
    %q = arith.divf %xv, %d : f64
    linalg.yield %q : f64
  } -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}

// Divisors that change along the innermost loop (an element of the matrix,
// or n[c]) are divided as written.
// CHECK-LABEL: func.func @varying_divisors
// CHECK-NOT:     arith.mulf
// CHECK:         %[[Q:.*]] = arith.divf %{{.*}}, %{{.*}} : f32
// CHECK-NEXT:    arith.divf %[[Q]], %{{.*}} : f32
// CHECK-NOT:     arith.mulf
func.func @varying_divisors(%x: tensor<?x?xf32>, %n: tensor<?xf32>, %y: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %r = linalg.generic {indexing_maps = [#id, #id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %x, %n : tensor<?x?xf32>, tensor<?x?xf32>, tensor<?xf32>) outs(%y : tensor<?x?xf32>) {
  ^bb0(%a: f32, %b: f32, %nv: f32, %out: f32):
    %q = arith.divf %a, %b : f32
    %z = arith.divf %q, %nv : f32
    linalg.yield %z : f32
  } -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}
