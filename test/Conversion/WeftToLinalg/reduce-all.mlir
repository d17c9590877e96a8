// RUN: weft-opt %s --convert-weft-to-linalg | FileCheck %s
// RUN: weft-opt %s --weft-to-loops | FileCheck %s --check-prefix=LOOPS
// weft.reduce_all becomes a reducing equation over every dimension into a
// rank-0 tensor, lowered like any other: a linalg.generic whose iterators
// all reduce, starting from the combiner's identity.

// CHECK-DAG:   #[[$ALL2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[$NONE2:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @sum
// CHECK-SAME:    (%[[A:.*]]: tensor<?x4xf32>) -> f32
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<f32>
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<f32>) -> tensor<f32>
// CHECK:         %[[G:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ALL2]], #[[$NONE2]]]
// CHECK-SAME:      iterator_types = ["reduction", "reduction"]
// CHECK-SAME:      ins(%[[A]] : tensor<?x4xf32>) outs(%[[INIT]] : tensor<f32>)
// CHECK-NEXT:    ^bb0(%[[IN:.*]]: f32, %[[OUT:.*]]: f32):
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[OUT]], %[[IN]] : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
// CHECK:         %[[R:.*]] = tensor.extract %[[G]][] : tensor<f32>
// CHECK-NEXT:    return %[[R]] : f32
// LOOPS-LABEL: func.func @sum
// LOOPS:         scf.for
// LOOPS:           scf.for
// LOOPS:             arith.addf
func.func @sum(%a: tensor<?x4xf32>) -> f32 {
  %r = weft.reduce_all <add> %a : tensor<?x4xf32> -> f32
  return %r : f32
}

// CHECK-LABEL: func.func @max_f16
// CHECK:         %[[NEGINF:.*]] = arith.constant 0xFC00 : f16
// CHECK:         linalg.fill ins(%[[NEGINF]] : f16)
// CHECK:         arith.maximumf
func.func @max_f16(%a: tensor<3xf16>) -> f16 {
  %r = weft.reduce_all <max> %a : tensor<3xf16> -> f16
  return %r : f16
}

// CHECK-LABEL: func.func @min_i16
// CHECK:         %[[BIG:.*]] = arith.constant 32767 : i16
// CHECK:         linalg.fill ins(%[[BIG]] : i16)
// CHECK:         arith.minsi
func.func @min_i16(%a: tensor<?xi16>) -> i16 {
  %r = weft.reduce_all <min> %a : tensor<?xi16> -> i16
  return %r : i16
}

// Integer means sum in i64, then divide as f64 by the element count.
// CHECK-LABEL: func.func @mean_i32
// CHECK-SAME:    (%[[A:.*]]: tensor<?xi32>) -> f64
// CHECK:         %[[N:.*]] = tensor.dim %[[A]], %{{.*}} : tensor<?xi32>
// CHECK:         %[[G:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[A]] : tensor<?xi32>) outs(%{{.*}} : tensor<i64>)
// CHECK-NEXT:    ^bb0(%[[IN:.*]]: i32, %[[OUT:.*]]: i64):
// CHECK-NEXT:      %[[W:.*]] = arith.extsi %[[IN]] : i32 to i64
// CHECK-NEXT:      %[[S:.*]] = arith.addi %[[OUT]], %[[W]] : i64
// CHECK:         %[[SUM:.*]] = tensor.extract %[[G]][] : tensor<i64>
// CHECK:         %[[COUNT:.*]] = arith.muli %{{.*}}, %[[N]] : index
// CHECK:         %[[C64:.*]] = arith.index_cast %[[COUNT]] : index to i64
// CHECK:         %[[CF:.*]] = arith.sitofp %[[C64]] : i64 to f64
// CHECK:         %[[SF:.*]] = arith.sitofp %[[SUM]] : i64 to f64
// CHECK:         %[[M:.*]] = arith.divf %[[SF]], %[[CF]] : f64
// CHECK:         return %[[M]] : f64
func.func @mean_i32(%a: tensor<?xi32>) -> f64 {
  %r = weft.reduce_all <mean> %a : tensor<?xi32> -> f64
  return %r : f64
}

// Float means sum in f64.
// CHECK-LABEL: func.func @mean_f32
// CHECK:         ^bb0(%[[IN:.*]]: f32, %[[OUT:.*]]: f64):
// CHECK-NEXT:      %[[W:.*]] = arith.extf %[[IN]] : f32 to f64
// CHECK-NEXT:      arith.addf %[[OUT]], %[[W]] : f64
// CHECK:         arith.divf
func.func @mean_f32(%a: tensor<2x3xf32>) -> f64 {
  %r = weft.reduce_all <mean> %a : tensor<2x3xf32> -> f64
  return %r : f64
}
