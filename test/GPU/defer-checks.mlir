// RUN: weft-opt %s --weft-gpu-defer-checks | FileCheck %s

// A gather's bounds check inside a future kernel: the kernel records a bad
// subscript and its extent and reads at subscript 0 instead; the host checks
// them after it.
memref.global "private" constant @__weft_str0 : memref<4xi8> = dense<[103, 46, 119, 58]>
func.func private @weft_rt_check_index(i64, i64, memref<*xi8>)

// CHECK-LABEL: func.func @gather
// CHECK:      %[[SLOT:.*]] = memref.alloc() : memref<2xi64>
// CHECK-DAG:  memref.store %{{.*}}, %[[SLOT]][%{{.*}}] : memref<2xi64>
// CHECK:      scf.parallel
// CHECK:        %[[BAD:.*]] = arith.cmpi uge, %[[SUB:.*]], %[[EXT:.*]] : i64
// CHECK:        scf.if %[[BAD]] {
// CHECK-NEXT:     %[[Z:.*]] = arith.constant 0 : index
// CHECK-NEXT:     %[[O:.*]] = arith.constant 1 : index
// CHECK-NEXT:     memref.store %[[SUB]], %[[SLOT]][%[[Z]]]
// CHECK-NEXT:     memref.store %[[EXT]], %[[SLOT]][%[[O]]]
// CHECK-NEXT:   }
// CHECK-NEXT:   %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-NEXT:   %[[SAFE:.*]] = arith.select %[[BAD]], %[[ZERO]], %[[SUB]] : i64
// CHECK-NEXT:   %[[SAFEI:.*]] = arith.index_cast %[[SAFE]] : i64 to index
// CHECK-NEXT:   memref.load %{{.*}}[%[[SAFEI]]] : memref<?xf32>
// CHECK-NOT:    call @weft_rt_check_index
// CHECK:      scf.reduce
// CHECK:      %[[S:.*]] = memref.load %[[SLOT]][%{{.*}}] : memref<2xi64>
// CHECK:      %[[E:.*]] = memref.load %[[SLOT]][%{{.*}}] : memref<2xi64>
// CHECK:      %[[G:.*]] = memref.get_global @__weft_str0
// CHECK:      %[[M:.*]] = memref.cast %[[G]]
// CHECK:      call @weft_rt_check_index(%[[S]], %[[E]], %[[M]])
// CHECK:      memref.dealloc %[[SLOT]]
func.func @gather(%col: memref<?xi64>, %x: memref<?xf32>, %y: memref<?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %col, %c0 : memref<?xi64>
  %m = memref.dim %x, %c0 : memref<?xf32>
  scf.parallel (%p) = (%c0) to (%n) step (%c1) {
    %j = memref.load %col[%p] : memref<?xi64>
    %ji = arith.index_cast %j : i64 to index
    %extent = arith.index_cast %m : index to i64
    %g = memref.get_global @__weft_str0 : memref<4xi8>
    %msg = memref.cast %g : memref<4xi8> to memref<*xi8>
    func.call @weft_rt_check_index(%j, %extent, %msg) : (i64, i64, memref<*xi8>) -> ()
    %v = memref.load %x[%ji] : memref<?xf32>
    memref.store %v, %y[%p] : memref<?xf32>
    scf.reduce
  }
  return
}

// A check on the host stays as it is.
// CHECK-LABEL: func.func @host
// CHECK-NOT:   memref.alloc
// CHECK:       call @weft_rt_check_index(%arg0, %arg1, %{{.*}})
func.func @host(%i: i64, %n: i64) {
  %g = memref.get_global @__weft_str0 : memref<4xi8>
  %msg = memref.cast %g : memref<4xi8> to memref<*xi8>
  func.call @weft_rt_check_index(%i, %n, %msg) : (i64, i64, memref<*xi8>) -> ()
  return
}
