// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-merge-row-loops))' | FileCheck %s

// A stencil's strip and interior over the same rows of a fresh output, each
// a one-row view at the same row offset (1), reading only the argument:
// one loop, the strip's row first. The second count is clamped twice, as
// MLIRGen's extents are, and still counts the same rows.
// CHECK-LABEL: func.func @pieces
// CHECK:         %[[OUT:.*]] = memref.alloc
// CHECK:         scf.forall (%[[I:.*]]) in
// CHECK-NEXT:      memref.subview %{{.*}}[%[[I]], 0] [1, 1] [1, 1]
// CHECK:           linalg.copy
// CHECK:           memref.subview %{{.*}}[%[[I]], 0] [1, %{{.*}}] [1, 1]
// CHECK:           linalg.generic
// CHECK-NOT:     scf.forall
// CHECK:         return %[[OUT]]
func.func @pieces(%a: memref<?x?xf32>, %n: index, %m: index) -> memref<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %out = memref.alloc(%n, %m) : memref<?x?xf32>
  %rows = arith.maxsi %n, %c0 : index
  %rows2 = arith.maxsi %rows, %c0 : index
  %src = memref.subview %a[1, 0] [%rows, 1] [1, 1] : memref<?x?xf32> to memref<?x1xf32, strided<[?, 1], offset: ?>>
  %dst = memref.subview %out[1, 0] [%rows, 1] [1, 1] : memref<?x?xf32> to memref<?x1xf32, strided<[?, 1], offset: ?>>
  scf.forall (%i) in (%rows) {
    %s = memref.subview %src[%i, 0] [1, 1] [1, 1] : memref<?x1xf32, strided<[?, 1], offset: ?>> to memref<1x1xf32, strided<[?, 1], offset: ?>>
    %d = memref.subview %dst[%i, 0] [1, 1] [1, 1] : memref<?x1xf32, strided<[?, 1], offset: ?>> to memref<1x1xf32, strided<[?, 1], offset: ?>>
    linalg.copy ins(%s : memref<1x1xf32, strided<[?, 1], offset: ?>>) outs(%d : memref<1x1xf32, strided<[?, 1], offset: ?>>)
  }
  %inner = memref.subview %out[1, 1] [%rows2, %m] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1], offset: ?>>
  scf.forall (%i) in (%rows2) {
    %x = memref.subview %a[%i, 0] [1, %m] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    %y = memref.subview %inner[%i, 0] [1, %m] [1, 1] : memref<?x?xf32, strided<[?, 1], offset: ?>> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
        ins(%x : memref<1x?xf32, strided<[?, 1], offset: ?>>) outs(%y : memref<1x?xf32, strided<[?, 1], offset: ?>>) {
    ^bb0(%v: f32, %o: f32):
      linalg.yield %v : f32
    }
  }
  return %out : memref<?x?xf32>
}

// A `boundary zero` strip reads the argument inside an scf.if (recursive
// effects: the load inside it is what counts): merged all the same.
// CHECK-LABEL: func.func @guarded_reads
// CHECK:         scf.forall
// CHECK-NOT:     scf.forall
// CHECK:           scf.if
// CHECK:             memref.load
// CHECK-NOT:     scf.forall
// CHECK:           linalg.copy
// CHECK:         return
func.func @guarded_reads(%a: memref<?x?xf32>, %n: index, %m: index) -> memref<?x?xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %out = memref.alloc(%n, %m) : memref<?x?xf32>
  %rows = arith.maxsi %n, %c0 : index
  %dst = memref.subview %out[1, 0] [%rows, 1] [1, 1] : memref<?x?xf32> to memref<?x1xf32, strided<[?, 1], offset: ?>>
  scf.forall (%i) in (%rows) {
    %d = memref.subview %dst[%i, 0] [1, 1] [1, 1] : memref<?x1xf32, strided<[?, 1], offset: ?>> to memref<1x1xf32, strided<[?, 1], offset: ?>>
    linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
        outs(%d : memref<1x1xf32, strided<[?, 1], offset: ?>>) {
    ^bb0(%o: f32):
      %inside = arith.cmpi ult, %i, %n : index
      %v = scf.if %inside -> (f32) {
        %l = memref.load %a[%i, %c0] : memref<?x?xf32>
        scf.yield %l : f32
      } else {
        scf.yield %zero : f32
      }
      linalg.yield %v : f32
    }
  }
  %inner = memref.subview %out[1, 1] [%rows, %m] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1], offset: ?>>
  scf.forall (%i) in (%rows) {
    %x = memref.subview %a[%i, 0] [1, %m] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    %y = memref.subview %inner[%i, 0] [1, %m] [1, 1] : memref<?x?xf32, strided<[?, 1], offset: ?>> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    linalg.copy ins(%x : memref<1x?xf32, strided<[?, 1], offset: ?>>) outs(%y : memref<1x?xf32, strided<[?, 1], offset: ?>>)
  }
  return %out : memref<?x?xf32>
}

// Row i of the first loop writes row i of the output, row i of the second
// writes row i + 1: iteration i of the merged loop would write both, and
// two threads could then write the same row. Kept apart.
// CHECK-LABEL: func.func @shifted_rows
// CHECK:         scf.forall
// CHECK:         scf.forall
func.func @shifted_rows(%a: memref<?x?xf32>, %n: index, %m: index) -> memref<?x?xf32> {
  %out = memref.alloc(%n, %m) : memref<?x?xf32>
  %top = memref.subview %out[0, 0] [%n, %m] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1]>>
  scf.forall (%i) in (%n) {
    %x = memref.subview %a[%i, 0] [1, %m] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    %y = memref.subview %top[%i, 0] [1, %m] [1, 1] : memref<?x?xf32, strided<[?, 1]>> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    linalg.copy ins(%x : memref<1x?xf32, strided<[?, 1], offset: ?>>) outs(%y : memref<1x?xf32, strided<[?, 1], offset: ?>>)
  }
  %low = memref.subview %out[1, 0] [%n, %m] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1], offset: ?>>
  scf.forall (%i) in (%n) {
    %x = memref.subview %a[%i, 0] [1, %m] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    %y = memref.subview %low[%i, 0] [1, %m] [1, 1] : memref<?x?xf32, strided<[?, 1], offset: ?>> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    linalg.copy ins(%x : memref<1x?xf32, strided<[?, 1], offset: ?>>) outs(%y : memref<1x?xf32, strided<[?, 1], offset: ?>>)
  }
  return %out : memref<?x?xf32>
}

// The second loop reads what the first writes (row i + 1 of it): kept apart.
// CHECK-LABEL: func.func @reads_result
// CHECK:         scf.forall
// CHECK:         scf.forall
func.func @reads_result(%a: memref<?x?xf32>, %n: index, %m: index) -> memref<?x?xf32> {
  %t = memref.alloc(%n, %m) : memref<?x?xf32>
  %out = memref.alloc(%n, %m) : memref<?x?xf32>
  scf.forall (%i) in (%n) {
    %x = memref.subview %a[%i, 0] [1, %m] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    %y = memref.subview %t[%i, 0] [1, %m] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    linalg.copy ins(%x : memref<1x?xf32, strided<[?, 1], offset: ?>>) outs(%y : memref<1x?xf32, strided<[?, 1], offset: ?>>)
  }
  scf.forall (%i) in (%n) {
    %j = arith.addi %i, %i : index
    %x = memref.subview %t[%j, 0] [1, %m] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    %y = memref.subview %out[%i, 0] [1, %m] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    linalg.copy ins(%x : memref<1x?xf32, strided<[?, 1], offset: ?>>) outs(%y : memref<1x?xf32, strided<[?, 1], offset: ?>>)
  }
  return %out : memref<?x?xf32>
}

// Writes into an argument (which may alias the argument the second loop
// reads), a call between the loops, or different row counts: kept apart.
// CHECK-LABEL: func.func @kept
// CHECK-COUNT-4: scf.forall
func.func private @effect()
func.func @kept(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %n: index, %k: index, %m: index) {
  scf.forall (%i) in (%n) {
    %x = memref.subview %a[%i, 0] [1, %m] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    %y = memref.subview %b[%i, 0] [1, %m] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    linalg.copy ins(%x : memref<1x?xf32, strided<[?, 1], offset: ?>>) outs(%y : memref<1x?xf32, strided<[?, 1], offset: ?>>)
  }
  %out = memref.alloc(%n, %m) : memref<?x?xf32>
  scf.forall (%i) in (%n) {
    %x = memref.subview %a[%i, 0] [1, %m] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    %y = memref.subview %out[%i, 0] [1, %m] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    linalg.copy ins(%x : memref<1x?xf32, strided<[?, 1], offset: ?>>) outs(%y : memref<1x?xf32, strided<[?, 1], offset: ?>>)
  }
  func.call @effect() : () -> ()
  scf.forall (%i) in (%n) {
    %x = memref.subview %a[%i, 0] [1, %m] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    %y = memref.subview %out[%i, 0] [1, %m] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    linalg.copy ins(%x : memref<1x?xf32, strided<[?, 1], offset: ?>>) outs(%y : memref<1x?xf32, strided<[?, 1], offset: ?>>)
  }
  scf.forall (%i) in (%k) {
    %x = memref.subview %a[%i, 0] [1, %m] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    %y = memref.subview %out[%i, 0] [1, %m] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    linalg.copy ins(%x : memref<1x?xf32, strided<[?, 1], offset: ?>>) outs(%y : memref<1x?xf32, strided<[?, 1], offset: ?>>)
  }
  memref.dealloc %out : memref<?x?xf32>
  return
}
