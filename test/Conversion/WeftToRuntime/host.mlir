// RUN: weft-opt %s --convert-weft-to-runtime | FileCheck %s

// CHECK-DAG: func.func private @weft_rt_clock() -> f64
// CHECK-DAG: func.func private @weft_rt_check_extent(i64, i64, memref<*xi8>)
// CHECK-DAG: memref.global "private" constant @[[$MSG:.*]] : memref<6xi8> = dense<[107, 58, 49, 58, 50, 32]>

// CHECK-LABEL: func.func @clock
// CHECK-NEXT:    %[[T:.*]] = call @weft_rt_clock() : () -> f64
// CHECK-NEXT:    return %[[T]] : f64
func.func @clock() -> f64 {
  %t = weft.clock : f64
  return %t : f64
}

// CHECK-LABEL: func.func @check
// CHECK-SAME:    (%[[A:.*]]: index, %[[B:.*]]: index)
// CHECK-DAG:     %[[A64:.*]] = arith.index_cast %[[A]] : index to i64
// CHECK-DAG:     %[[B64:.*]] = arith.index_cast %[[B]] : index to i64
// CHECK-DAG:     %[[M:.*]] = memref.get_global @[[$MSG]] : memref<6xi8>
// CHECK-DAG:     %[[MU:.*]] = memref.cast %[[M]] : memref<6xi8> to memref<*xi8>
// CHECK:         call @weft_rt_check_extent(%[[A64]], %[[B64]], %[[MU]]) : (i64, i64, memref<*xi8>) -> ()
// CHECK-NOT:     weft.check_extent
func.func @check(%a: index, %b: index) {
  weft.check_extent %a, %b, "k:1:2 "
  return
}

// Runtime calls inside a kernel (before convert-weft-to-linalg) work too.
// CHECK-LABEL: weft.kernel @in_kernel
// CHECK:         call @weft_rt_check_extent
weft.kernel @in_kernel(%x: tensor<?xf32>, %n: index) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %d = tensor.dim %x, %c0 : tensor<?xf32>
  weft.check_extent %d, %n, "k:1:2 "
  weft.return %x : tensor<?xf32>
}
