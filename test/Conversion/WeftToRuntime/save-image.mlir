// RUN: weft-opt %s --convert-weft-to-runtime | FileCheck %s

// CHECK-DAG: func.func private @weft_rt_save_image(memref<*xi8>, memref<*xi8>, i32, memref<*xi8>, i32, f64, f64)
// CHECK-DAG: memref.global "private" constant @[[$A:.*]] : memref<5xi8> = dense<[97, 46, 112, 110, 103]>
// CHECK-DAG: memref.global "private" constant @[[$INFERNO:.*]] : memref<7xi8> = dense<[105, 110, 102, 101, 114, 110, 111]>
// CHECK-DAG: memref.global "private" constant @[[$G:.*]] : memref<5xi8> = dense<[103, 46, 112, 110, 103]>
// CHECK-DAG: memref.global "private" constant @[[$EMPTY:.*]] : memref<0xi8> = dense<>

// A float image with a colormap and a range: the range travels as f64s
// with has_range = 1.
// CHECK-LABEL: func.func @colormap
// CHECK-SAME:    (%[[T:.*]]: tensor<?x?xf32>, %[[LO:.*]]: f64, %[[HI:.*]]: f64)
// CHECK:         %[[P:.*]] = memref.get_global @[[$A]] : memref<5xi8>
// CHECK:         %[[PU:.*]] = memref.cast %[[P]] : memref<5xi8> to memref<*xi8>
// CHECK:         %[[BUF:.*]] = bufferization.to_buffer %[[T]] read_only : tensor<?x?xf32> to memref<?x?xf32>
// CHECK:         %[[UR:.*]] = memref.cast %[[BUF]] : memref<?x?xf32> to memref<*xf32>
// CHECK:         %[[OP:.*]] = builtin.unrealized_conversion_cast %[[UR]] : memref<*xf32> to memref<*xi8>
// CHECK:         %[[F32:.*]] = arith.constant 11 : i32
// CHECK:         %[[CM:.*]] = memref.get_global @[[$INFERNO]] : memref<7xi8>
// CHECK:         %[[CMU:.*]] = memref.cast %[[CM]]
// CHECK:         %[[YES:.*]] = arith.constant 1 : i32
// CHECK:         call @weft_rt_save_image(%[[PU]], %[[OP]], %[[F32]], %[[CMU]], %[[YES]], %[[LO]], %[[HI]])
func.func @colormap(%t: tensor<?x?xf32>, %lo: f64, %hi: f64) {
  weft.save_image %t, "a.png" colormap "inferno" range(%lo, %hi) : tensor<?x?xf32>
  return
}

// Without a colormap the runtime gets "" (its default); without a range,
// has_range = 0 and zeros.
// CHECK-LABEL: func.func @grey
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK:         %[[P:.*]] = memref.get_global @[[$G]] : memref<5xi8>
// CHECK:         %[[I64:.*]] = arith.constant 4 : i32
// CHECK:         %[[CM:.*]] = memref.get_global @[[$EMPTY]] : memref<0xi8>
// CHECK:         %[[NO:.*]] = arith.constant 0 : i32
// CHECK:         call @weft_rt_save_image(%{{.*}}, %{{.*}}, %[[I64]], %{{.*}}, %[[NO]], %[[ZERO]], %[[ZERO]])
func.func @grey(%g: tensor<4x4xi64>) {
  weft.save_image %g, "g.png" : tensor<4x4xi64>
  return
}
