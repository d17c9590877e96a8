// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-small-allocations))' | FileCheck %s

// A row's one-element sum needs no 64-byte alignment (malloc gives 16),
// which the LLVM lowering would obtain through integer casts that hide the
// allocation from LLVM. Blocks over 16 bytes and dynamic ones keep it.
// CHECK-LABEL: func.func @temporaries
// CHECK:         memref.alloc() : memref<1xf32>
// CHECK:         memref.alloc() : memref<2xf64>
// CHECK:         memref.alloc() {alignment = 64 : i64} : memref<5xf32>
// CHECK:         memref.alloc(%{{.*}}) {alignment = 64 : i64} : memref<?xf32>
func.func @temporaries(%n: index) -> memref<?xf32> {
  %s = memref.alloc() {alignment = 64 : i64} : memref<1xf32>
  %t = memref.alloc() {alignment = 64 : i64} : memref<2xf64>
  %u = memref.alloc() {alignment = 64 : i64} : memref<5xf32>
  %y = memref.alloc(%n) {alignment = 64 : i64} : memref<?xf32>
  memref.dealloc %s : memref<1xf32>
  memref.dealloc %t : memref<2xf64>
  memref.dealloc %u : memref<5xf32>
  return %y : memref<?xf32>
}
