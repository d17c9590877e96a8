// RUN: weft-opt %s --weft-checked-allocation | FileCheck %s

// Arrays come from the runtime's checked malloc: a failed allocation stops
// the program with a message instead of handing out NULL.
// CHECK-NOT:   @malloc
// CHECK:       llvm.func @weft_rt_alloc(i64) -> !llvm.ptr
// CHECK-LABEL: llvm.func @array
// CHECK:         llvm.call @weft_rt_alloc(%arg0) : (i64) -> !llvm.ptr
llvm.func @malloc(i64) -> !llvm.ptr
llvm.func @array(%bytes: i64) -> !llvm.ptr {
  %p = llvm.call @malloc(%bytes) : (i64) -> !llvm.ptr
  llvm.return %p : !llvm.ptr
}
