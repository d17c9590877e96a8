// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-guard-checks))' | FileCheck %s

// A gather's bounds check calls the runtime only when the subscript fails
// it: the loop pays a compare and a branch per element.
// CHECK-LABEL: func.func @gather
// CHECK:         scf.for
// CHECK:           %[[J:.*]] = memref.load
// CHECK:           %[[BAD:.*]] = arith.cmpi uge, %[[J]], %[[N:.*]] : i64
// CHECK-NEXT:      scf.if %[[BAD]] {
// CHECK-NEXT:        func.call @weft_rt_check_index(%[[J]], %[[N]], %{{.*}})
// CHECK-NEXT:      }
// CHECK-NEXT:      arith.index_cast %[[J]]
func.func private @weft_rt_check_index(i64, i64, memref<*xi8>)
func.func @gather(%col: memref<?xi64>, %x: memref<?xf32>, %y: memref<?xf32>, %msg: memref<*xi8>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = memref.dim %col, %c0 : memref<?xi64>
  %n = memref.dim %x, %c0 : memref<?xf32>
  %n64 = arith.index_cast %n : index to i64
  scf.for %p = %c0 to %m step %c1 {
    %j = memref.load %col[%p] : memref<?xi64>
    func.call @weft_rt_check_index(%j, %n64, %msg) : (i64, i64, memref<*xi8>) -> ()
    %ji = arith.index_cast %j : i64 to index
    %v = memref.load %x[%ji] : memref<?xf32>
    memref.store %v, %y[%p] : memref<?xf32>
  }
  return
}

// Other runtime calls are left alone.
// CHECK-LABEL: func.func @other
// CHECK-NOT:     scf.if
func.func private @weft_rt_check_extent(i64, i64, memref<*xi8>)
func.func @other(%a: i64, %b: i64, %msg: memref<*xi8>) {
  func.call @weft_rt_check_extent(%a, %b, %msg) : (i64, i64, memref<*xi8>) -> ()
  return
}
