// RUN: weft-opt %s --split-input-file --verify-diagnostics --weft-check-allocation-sizes | FileCheck %s

// The size in bytes of an allocation with dynamic extents is computed with
// overflow detection before it, and the runtime stops the program when it
// does not fit in 64 bits.
// CHECK-DAG:   llvm.mlir.global private constant @__weft_cstr0("a.weft:3:7: the array is too large (its size in bytes overflows 64 bits)\00")
// CHECK-DAG:   func.func private @weft_rt_check_array_size(i32, !llvm.ptr)
// CHECK-LABEL: func.func @matrix
// CHECK-DAG:     %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-DAG:     %[[STATIC:.*]] = arith.constant 12 : i64
// CHECK:         %[[N:.*]] = arith.index_castui %arg0 : index to i64
// CHECK:         %[[LO1:.*]], %[[HI1:.*]] = arith.mului_extended %[[STATIC]], %[[N]] : i64
// CHECK:         %[[WIDE1:.*]] = arith.cmpi ne, %[[HI1]], %[[ZERO]] : i64
// CHECK:         %[[M:.*]] = arith.index_castui %arg1 : index to i64
// CHECK:         %[[LO2:.*]], %[[HI2:.*]] = arith.mului_extended %[[LO1]], %[[M]] : i64
// CHECK:         %[[WIDE2:.*]] = arith.cmpi ne, %[[HI2]], %[[ZERO]] : i64
// CHECK:         %[[WIDE:.*]] = arith.ori %[[WIDE1]], %[[WIDE2]] : i1
// CHECK:         %[[SIGN:.*]] = arith.cmpi slt, %[[LO2]], %[[ZERO]] : i64
// CHECK:         %[[BAD:.*]] = arith.ori %[[WIDE]], %[[SIGN]] : i1
// CHECK:         %[[FLAG:.*]] = arith.extui %[[BAD]] : i1 to i32
// CHECK:         %[[ADDR:.*]] = llvm.mlir.addressof @__weft_cstr0
// CHECK:         %[[MSG:.*]] = llvm.getelementptr %[[ADDR]][0, 0]
// CHECK:         call @weft_rt_check_array_size(%[[FLAG]], %[[MSG]]) : (i32, !llvm.ptr) -> ()
// CHECK-NEXT:    memref.alloc(%arg0, %arg1) : memref<?x3x?xf32>
func.func @matrix(%n: index, %m: index) -> memref<?x3x?xf32> {
  %a = memref.alloc(%n, %m) : memref<?x3x?xf32> loc("a.weft":3:7)
  return %a : memref<?x3x?xf32>
}

// Static shapes that fit need no check.
// CHECK-LABEL: func.func @fixed
// CHECK-NOT:     weft_rt_check_array_size
// CHECK:         memref.alloc() : memref<1024x1024xindex>
func.func @fixed() -> memref<1024x1024xindex> {
  %a = memref.alloc() : memref<1024x1024xindex>
  return %a : memref<1024x1024xindex>
}

// -----

// A static shape that does not fit is a compile-time error.
func.func @huge() -> memref<4294967296x4294967296xi8> {
  // expected-error @+1 {{the array is too large (its size in bytes overflows 64 bits)}}
  %a = memref.alloc() : memref<4294967296x4294967296xi8>
  return %a : memref<4294967296x4294967296xi8>
}
