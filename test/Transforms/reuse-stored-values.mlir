// RUN: weft-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(weft-reuse-stored-values))' | FileCheck %s

// A softmax row after weft-fuse-rows and bufferization: the sum loop stores
// exp(x - m) into the output row (whose view moves before it), and the
// division loads it instead of computing exp again.
// CHECK-LABEL: func.func @softmax_row
// CHECK:         %[[YROW:.*]] = memref.subview %[[Y:.*]][%{{.*}}, 0]
// CHECK:         scf.for %[[C1:.*]] =
// CHECK:           %[[E:.*]] = math.exp
// CHECK-NEXT:      memref.store %[[E]], %[[YROW]][%{{.*}}, %[[C1]]]
// CHECK:           arith.addf %{{.*}}, %[[E]]
// CHECK:         scf.for %[[C2:.*]] =
// CHECK-NOT:       math.exp
// CHECK-NOT:       arith.subf
// CHECK:           %[[L:.*]] = memref.load %[[YROW]][%{{.*}}, %[[C2]]]
// CHECK-NEXT:      %[[Q:.*]] = arith.divf %[[L]], %{{.*}} : f32
// CHECK-NEXT:      memref.store %[[Q]], %[[YROW]][%{{.*}}, %[[C2]]]
func.func @softmax_row(%x: memref<1x?xf32, strided<[?, 1], offset: ?>>, %r: index, %n: index) -> memref<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %y = memref.alloc(%r, %n) : memref<?x?xf32>
  %m = memref.alloc() : memref<1xf32>
  %s = memref.alloc() : memref<1xf32>
  memref.store %zero, %s[%c0] : memref<1xf32>
  scf.for %c = %c0 to %n step %c1 {
    %xv = memref.load %x[%c0, %c] : memref<1x?xf32, strided<[?, 1], offset: ?>>
    %mv = memref.load %m[%c0] : memref<1xf32>
    %sv = memref.load %s[%c0] : memref<1xf32>
    %d = arith.subf %xv, %mv : f32
    %e = math.exp %d : f32
    %a = arith.addf %sv, %e fastmath<reassoc> : f32
    memref.store %a, %s[%c0] : memref<1xf32>
  }
  %yrow = memref.subview %y[%r, 0] [1, %n] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1], offset: ?>>
  scf.for %c = %c0 to %n step %c1 {
    %xv = memref.load %x[%c0, %c] : memref<1x?xf32, strided<[?, 1], offset: ?>>
    %mv = memref.load %m[%c0] : memref<1xf32>
    %sv = memref.load %s[%c0] : memref<1xf32>
    %d = arith.subf %xv, %mv : f32
    %e = math.exp %d : f32
    %q = arith.divf %e, %sv : f32
    memref.store %q, %yrow[%c0, %c] : memref<1x?xf32, strided<[?, 1], offset: ?>>
  }
  return %y : memref<?x?xf32>
}

// -----

// Without a math function the value costs no more than a load: unchanged.
// CHECK-LABEL: func.func @cheap
// CHECK:         scf.for
// CHECK-NOT:       memref.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<?xf32>
// CHECK:         scf.for
// CHECK:           arith.subf
// CHECK:           arith.mulf
func.func @cheap(%x: memref<?xf32>, %n: index, %mu: f32) -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %y = memref.alloc(%n) : memref<?xf32>
  %v = memref.alloc() : memref<1xf32>
  scf.for %c = %c0 to %n step %c1 {
    %xv = memref.load %x[%c] : memref<?xf32>
    %d = arith.subf %xv, %mu : f32
    %acc = memref.load %v[%c0] : memref<1xf32>
    %sq = arith.mulf %d, %d : f32
    %a = arith.addf %acc, %sq : f32
    memref.store %a, %v[%c0] : memref<1xf32>
  }
  scf.for %c = %c0 to %n step %c1 {
    %xv = memref.load %x[%c] : memref<?xf32>
    %d = arith.subf %xv, %mu : f32
    %q = arith.mulf %d, %mu : f32
    memref.store %q, %y[%c] : memref<?xf32>
  }
  return %y : memref<?xf32>
}

// -----

// The destination is an argument, which may share memory with %x: unchanged.
// CHECK-LABEL: func.func @argument_destination
// CHECK:         scf.for
// CHECK:         scf.for
// CHECK:           math.exp
func.func @argument_destination(%x: memref<?xf32>, %y: memref<?xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %s = memref.alloc() : memref<1xf32>
  scf.for %c = %c0 to %n step %c1 {
    %xv = memref.load %x[%c] : memref<?xf32>
    %e = math.exp %xv : f32
    %acc = memref.load %s[%c0] : memref<1xf32>
    %a = arith.addf %acc, %e : f32
    memref.store %a, %s[%c0] : memref<1xf32>
  }
  scf.for %c = %c0 to %n step %c1 {
    %xv = memref.load %x[%c] : memref<?xf32>
    %e = math.exp %xv : f32
    memref.store %e, %y[%c] : memref<?xf32>
  }
  return
}

// -----

// The value reads memory (%t) that is written between the loops, so the
// second loop's exp is not the first one's: unchanged.
// CHECK-LABEL: func.func @input_written_between
// CHECK:         scf.for
// CHECK:         memref.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<?xf32>
// CHECK:         scf.for
// CHECK:           math.exp
func.func @input_written_between(%n: index, %z: f32) -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %t = memref.alloc(%n) : memref<?xf32>
  %y = memref.alloc(%n) : memref<?xf32>
  %s = memref.alloc() : memref<1xf32>
  scf.for %c = %c0 to %n step %c1 {
    %tv = memref.load %t[%c] : memref<?xf32>
    %e = math.exp %tv : f32
    %acc = memref.load %s[%c0] : memref<1xf32>
    %a = arith.addf %acc, %e : f32
    memref.store %a, %s[%c0] : memref<1xf32>
  }
  memref.store %z, %t[%c0] : memref<?xf32>
  scf.for %c = %c0 to %n step %c1 {
    %tv = memref.load %t[%c] : memref<?xf32>
    %e = math.exp %tv : f32
    memref.store %e, %y[%c] : memref<?xf32>
  }
  return %y : memref<?xf32>
}

// -----

// The loops run over different ranges: unchanged.
// CHECK-LABEL: func.func @other_range
// CHECK:         scf.for
// CHECK:         scf.for
// CHECK:           math.exp
func.func @other_range(%x: memref<?xf32>, %n: index, %k: index) -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %y = memref.alloc(%n) : memref<?xf32>
  %s = memref.alloc() : memref<1xf32>
  scf.for %c = %c0 to %k step %c1 {
    %xv = memref.load %x[%c] : memref<?xf32>
    %e = math.exp %xv : f32
    %acc = memref.load %s[%c0] : memref<1xf32>
    %a = arith.addf %acc, %e : f32
    memref.store %a, %s[%c0] : memref<1xf32>
  }
  scf.for %c = %c0 to %n step %c1 {
    %xv = memref.load %x[%c] : memref<?xf32>
    %e = math.exp %xv : f32
    memref.store %e, %y[%c] : memref<?xf32>
  }
  return %y : memref<?xf32>
}
