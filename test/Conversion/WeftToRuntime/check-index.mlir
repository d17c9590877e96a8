// RUN: weft-opt %s --convert-weft-to-runtime | FileCheck %s

// weft.check_index becomes a call with the subscript, the extent and the
// message (a constant global).
// CHECK-DAG: func.func private @weft_rt_check_index(i64, i64, memref<*xi8>)
// CHECK-LABEL: func.func @gather_check
// CHECK-SAME:    (%[[I:.*]]: index, %[[N:.*]]: index)
// CHECK-DAG:     %[[I64:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK-DAG:     %[[N64:.*]] = arith.index_cast %[[N]] : index to i64
// CHECK-DAG:     %[[M:.*]] = memref.cast %{{.*}} : memref<{{.*}}xi8> to memref<*xi8>
// CHECK:         call @weft_rt_check_index(%[[I64]], %[[N64]], %[[M]]) : (i64, i64, memref<*xi8>) -> ()
// CHECK-NOT:     weft.check_index
func.func @gather_check(%i: index, %n: index) {
  weft.check_index %i, %n, "cg.weft:5:19: read of 'x' is out of bounds"
  return
}
