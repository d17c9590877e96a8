// RUN: weft-opt %s --convert-weft-to-linalg | FileCheck %s
// Unsigned integers are signless in the dialect: the umax/umin combiners
// and `unsigned_elements` on weft.reduce_all compare them as unsigned,
// starting from 0 and from all ones, and mean widens them with extui.

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>

// CHECK-LABEL: func.func @row_max
// CHECK:         %[[ZERO:.*]] = arith.constant 0 : i8
// CHECK:         linalg.fill ins(%[[ZERO]] : i8)
// CHECK:         linalg.generic
// CHECK:           arith.maxui
func.func @row_max(%x: tensor<4x5xi8>) -> tensor<4xi8> {
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %m = weft.equation ["i", "j"] = (%c4, %c5) combiner <umax> ins(%x : tensor<4x5xi8>) reads [#id] writes #row -> tensor<4xi8> {
  ^bb0(%v: i8):
    weft.yield %v : i8
  }
  return %m : tensor<4xi8>
}

// CHECK-LABEL: func.func @row_min
// CHECK:         %[[ONES:.*]] = arith.constant -1 : i16
// CHECK:         linalg.fill ins(%[[ONES]] : i16)
// CHECK:         linalg.generic
// CHECK:           arith.minui
func.func @row_min(%x: tensor<4x5xi16>) -> tensor<4xi16> {
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %m = weft.equation ["i", "j"] = (%c4, %c5) combiner <umin> ins(%x : tensor<4x5xi16>) reads [#id] writes #row -> tensor<4xi16> {
  ^bb0(%v: i16):
    weft.yield %v : i16
  }
  return %m : tensor<4xi16>
}

// CHECK-LABEL: func.func @max_all
// CHECK:         linalg.generic
// CHECK:           arith.maxui
func.func @max_all(%a: tensor<?xi8>) -> i8 {
  %r = weft.reduce_all <max> %a {unsigned_elements} : tensor<?xi8> -> i8
  return %r : i8
}

// CHECK-LABEL: func.func @mean_all
// CHECK:         linalg.generic
// CHECK:           arith.extui %{{.*}} : i32 to i64
// CHECK:         %[[S:.*]] = tensor.extract
// CHECK:         arith.uitofp %[[S]] : i64 to f64
func.func @mean_all(%a: tensor<?xi32>) -> f64 {
  %r = weft.reduce_all <mean> %a {unsigned_elements} : tensor<?xi32> -> f64
  return %r : f64
}
