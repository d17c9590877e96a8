// RUN: weft-opt %s --convert-weft-to-runtime | FileCheck %s

// CHECK-DAG: func.func private @weft_rt_assert(i32, memref<*xi8>)
// CHECK-DAG: memref.global "private" constant @[[$MSG:.*]] : memref<6xi8> = dense<[107, 58, 49, 58, 50, 32]>

// CHECK-LABEL: func.func @check
// CHECK-SAME:    (%[[C:.*]]: i1)
// CHECK-DAG:     %[[C32:.*]] = arith.extui %[[C]] : i1 to i32
// CHECK-DAG:     %[[M:.*]] = memref.get_global @[[$MSG]] : memref<6xi8>
// CHECK-DAG:     %[[MU:.*]] = memref.cast %[[M]] : memref<6xi8> to memref<*xi8>
// CHECK:         call @weft_rt_assert(%[[C32]], %[[MU]]) : (i32, memref<*xi8>) -> ()
// CHECK-NOT:     weft.assert
func.func @check(%c: i1) {
  weft.assert %c, "k:1:2 "
  return
}

// In a loop, the call goes into a memref.alloca_scope with its message.
// CHECK-LABEL: func.func @in_loop
// CHECK:         scf.for
// CHECK:           memref.alloca_scope
// CHECK:             call @weft_rt_assert
func.func @in_loop(%c: i1, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
    weft.assert %c, "k:1:2 "
  }
  return
}
