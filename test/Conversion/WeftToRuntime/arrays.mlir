// RUN: weft-opt %s --convert-weft-to-runtime | FileCheck %s

// CHECK-DAG: func.func private @weft_rt_fill_random(memref<*xi8>, i32, i64)
// CHECK-DAG: func.func private @weft_rt_npy_dim(memref<*xi8>, i32, i64, i64, i64) -> i64
// CHECK-DAG: func.func private @weft_rt_npy_read(memref<*xi8>, memref<*xi8>, i32)
// CHECK-DAG: func.func private @weft_rt_npy_write(memref<*xi8>, memref<*xi8>, i32)
// CHECK-DAG: memref.global "private" constant @[[$A:.*]] : memref<5xi8> = dense<[97, 46, 110, 112, 121]>
// CHECK-DAG: memref.global "private" constant @[[$B:.*]] : memref<5xi8> = dense<[98, 46, 110, 112, 121]>

// CHECK-LABEL: func.func @random
// CHECK-SAME:    (%[[SEED:.*]]: i64, %[[N:.*]]: index)
// CHECK:         %[[BUF:.*]] = memref.alloc(%[[N]]) {alignment = 64 : i64} : memref<?x4xf64>
// CHECK:         %[[UR:.*]] = memref.cast %[[BUF]] : memref<?x4xf64> to memref<*xf64>
// CHECK:         %[[OP:.*]] = builtin.unrealized_conversion_cast %[[UR]] : memref<*xf64> to memref<*xi8>
// CHECK:         %[[F64:.*]] = arith.constant 12 : i32
// CHECK:         call @weft_rt_fill_random(%[[OP]], %[[F64]], %[[SEED]]) : (memref<*xi8>, i32, i64) -> ()
// Not writable: an update of the array copies it (see Pipelines/run.mlir).
// CHECK:         %[[T:.*]] = bufferization.to_tensor %[[BUF]] restrict : memref<?x4xf64> to tensor<?x4xf64>
// CHECK-NEXT:    return %[[T]]
func.func @random(%seed: i64, %n: index) -> tensor<?x4xf64> {
  %r = weft.random seed(%seed) sizes(%n) : tensor<?x4xf64>
  return %r : tensor<?x4xf64>
}

// Every extent is read from the file; static ones are passed as expected.
// CHECK-LABEL: func.func @load
// CHECK:         %[[P:.*]] = memref.get_global @[[$A]] : memref<5xi8>
// CHECK:         %[[PU:.*]] = memref.cast %[[P]] : memref<5xi8> to memref<*xi8>
// CHECK:         %[[I32:.*]] = arith.constant 3 : i32
// CHECK:         %[[RANK:.*]] = arith.constant 2 : i64
// CHECK:         %[[D0:.*]] = arith.constant 0 : i64
// CHECK:         %[[ANY:.*]] = arith.constant -1 : i64
// CHECK:         %[[E0:.*]] = call @weft_rt_npy_dim(%[[PU]], %[[I32]], %[[RANK]], %[[D0]], %[[ANY]]) : (memref<*xi8>, i32, i64, i64, i64) -> i64
// CHECK:         %[[N:.*]] = arith.index_cast %[[E0]] : i64 to index
// CHECK:         %[[D1:.*]] = arith.constant 1 : i64
// CHECK:         %[[FIVE:.*]] = arith.constant 5 : i64
// CHECK:         call @weft_rt_npy_dim(%[[PU]], %[[I32]], %[[RANK]], %[[D1]], %[[FIVE]])
// CHECK:         %[[BUF:.*]] = memref.alloc(%[[N]]) {alignment = 64 : i64} : memref<?x5xi32>
// CHECK:         %[[UR:.*]] = memref.cast %[[BUF]] : memref<?x5xi32> to memref<*xi32>
// CHECK:         %[[OP:.*]] = builtin.unrealized_conversion_cast %[[UR]] : memref<*xi32> to memref<*xi8>
// CHECK:         call @weft_rt_npy_read(%[[PU]], %[[OP]], %[[I32]]) : (memref<*xi8>, memref<*xi8>, i32) -> ()
// CHECK:         %[[T:.*]] = bufferization.to_tensor %[[BUF]] restrict : memref<?x5xi32> to tensor<?x5xi32>
// CHECK-NEXT:    return %[[T]]
func.func @load() -> tensor<?x5xi32> {
  %a = weft.load "a.npy" : tensor<?x5xi32>
  return %a : tensor<?x5xi32>
}

// CHECK-LABEL: func.func @save
// CHECK-SAME:    (%[[T:.*]]: tensor<2x2xf32>)
// CHECK:         %[[P:.*]] = memref.get_global @[[$B]] : memref<5xi8>
// CHECK:         %[[PU:.*]] = memref.cast %[[P]]
// CHECK:         %[[BUF:.*]] = bufferization.to_buffer %[[T]] read_only : tensor<2x2xf32> to memref<2x2xf32>
// CHECK:         %[[UR:.*]] = memref.cast %[[BUF]] : memref<2x2xf32> to memref<*xf32>
// CHECK:         %[[OP:.*]] = builtin.unrealized_conversion_cast %[[UR]]
// CHECK:         %[[F32:.*]] = arith.constant 11 : i32
// CHECK:         call @weft_rt_npy_write(%[[PU]], %[[OP]], %[[F32]])
func.func @save(%t: tensor<2x2xf32>) {
  weft.save %t, "b.npy" : tensor<2x2xf32>
  return
}
