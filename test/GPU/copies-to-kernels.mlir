// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-gpu-copies-to-kernels))' | FileCheck %s

// An array copy on the host would pull managed pages to the CPU: it becomes
// a linalg.copy, which the GPU pipeline makes a kernel.
// CHECK-LABEL: func.func @fresh_start
// CHECK-NOT:     memref.copy
// CHECK:         linalg.copy ins(%arg0 : memref<?x?xf32>) outs(%{{.*}} : memref<?x?xf32>)
func.func @fresh_start(%a: memref<?x?xf32>) -> memref<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = memref.dim %a, %c0 : memref<?x?xf32>
  %n = memref.dim %a, %c1 : memref<?x?xf32>
  %u = memref.alloc(%m, %n) : memref<?x?xf32>
  memref.copy %a, %u : memref<?x?xf32> to memref<?x?xf32>
  return %u : memref<?x?xf32>
}

// Constants in host memory (memref.global) stay with a host copy.
memref.global "private" constant @table : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>
// CHECK-LABEL: func.func @from_global
// CHECK:         memref.copy
// CHECK-NOT:     linalg.copy
func.func @from_global() -> memref<4xf32> {
  %g = memref.get_global @table : memref<4xf32>
  %v = memref.cast %g : memref<4xf32> to memref<?xf32>
  %u = memref.alloc() : memref<4xf32>
  %w = memref.cast %u : memref<4xf32> to memref<?xf32>
  memref.copy %v, %w : memref<?xf32> to memref<?xf32>
  return %u : memref<4xf32>
}
