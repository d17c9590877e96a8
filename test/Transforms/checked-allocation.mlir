// RUN: weft-opt %s --weft-checked-allocation | FileCheck %s

// Arrays come from the runtime's checked malloc: a failed allocation stops
// the program with a message instead of handing out NULL. The declaration
// tells LLVM that it is a malloc (fresh, unaliased memory that `free`
// releases), so LLVM can keep small temporaries in registers.
// CHECK-NOT:   @malloc
// CHECK:       llvm.func @weft_rt_alloc(i64) -> (!llvm.ptr {llvm.noalias})
// CHECK-SAME:    passthrough = {{\[\["allockind", "9"\], \["allocsize", "4294967295"\], \["alloc-family", "malloc"\]\]}}
// CHECK-LABEL: llvm.func @array
// CHECK:         llvm.call @weft_rt_alloc(%arg0) : (i64) -> !llvm.ptr
llvm.func @malloc(i64) -> !llvm.ptr
llvm.func @array(%bytes: i64) -> !llvm.ptr {
  %p = llvm.call @malloc(%bytes) : (i64) -> !llvm.ptr
  llvm.return %p : !llvm.ptr
}
