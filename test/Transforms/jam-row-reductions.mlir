// RUN: weft-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(weft-jam-row-reductions))' | FileCheck %s

// GEMV as the threaded pipeline lowers it: an scf.parallel over rows, each
// row's sum accumulated in y through subviews. The accumulator moves into an
// iter_arg; four rows share one column loop (one copy of the body per row,
// x[j] loaded in each until CSE); the rows left over run in a serial loop.
// CHECK-LABEL: func.func @gemv_parallel
// CHECK-SAME:    (%[[A:.*]]: memref<?x?xf32>, %[[X:.*]]: memref<?xf32>, %[[Y:.*]]: memref<?xf32>, %[[M:.*]]: index, %[[N:.*]]: index)
// CHECK-DAG:     %[[C4:.*]] = arith.constant 4 : index
// CHECK:         %[[SPAN:.*]] = arith.maxsi
// CHECK:         %[[GROUPS:.*]] = arith.divui %[[SPAN]], %[[C4]]
// CHECK:         %[[ROWS:.*]] = arith.muli %[[GROUPS]], %[[C4]]
// CHECK:         %[[SPLIT:.*]] = arith.addi %{{.*}}, %[[ROWS]]
// CHECK:         scf.parallel (%[[I:.*]]) = (%{{.*}}) to (%[[SPLIT]]) step (%[[C4]])
// CHECK:           %[[I3:.*]] = arith.addi %[[I]], %{{.*}}
// CHECK-COUNT-4:   memref.load %{{.*}}[%{{.*}}] : memref<1xf32, strided<[1], offset: ?>>
// CHECK:           %[[S:.*]]:4 = scf.for %[[J:.*]] = %{{.*}} to %[[N]] step %{{.*}} iter_args(%[[A0:.*]] = %{{.*}}, %[[A1:.*]] = %{{.*}}, %[[A2:.*]] = %{{.*}}, %[[A3:.*]] = %{{.*}}) -> (f32, f32, f32, f32)
// CHECK-NOT:         memref.store
// CHECK:             arith.addf %[[A0]], %{{.*}} fastmath<reassoc>
// CHECK:             arith.addf %[[A1]], %{{.*}} fastmath<reassoc>
// CHECK:             arith.addf %[[A2]], %{{.*}} fastmath<reassoc>
// CHECK:             arith.addf %[[A3]], %{{.*}} fastmath<reassoc>
// CHECK:             scf.yield
// CHECK:           memref.store %[[S]]#0
// CHECK:           memref.store %[[S]]#1
// CHECK:           memref.store %[[S]]#2
// CHECK:           memref.store %[[S]]#3
// CHECK:           scf.reduce
// CHECK:         scf.for %[[R:.*]] = %[[SPLIT]] to %[[M]] step %{{.*}} {
// CHECK:           memref.subview %[[A]][%[[R]], 0]
// CHECK:           scf.for {{.*}} iter_args({{.*}}) -> (f32)
// CHECK-NOT:     scf.for
// CHECK:         return
func.func @gemv_parallel(%A: memref<?x?xf32>, %x: memref<?xf32>, %y0: memref<?xf32>, %m: index, %n: index) -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %y = memref.alloc(%m) : memref<?xf32>
  scf.parallel (%i) = (%c0) to (%m) step (%c1) {
    %row = memref.subview %A[%i, 0] [1, %n] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    %yi = memref.subview %y[%i] [1] [1] : memref<?xf32> to memref<1xf32, strided<[1], offset: ?>>
    scf.for %j = %c0 to %n step %c1 {
      %a = memref.load %row[%c0, %j] : memref<1x?xf32, strided<[?, 1], offset: ?>>
      %xj = memref.load %x[%j] : memref<?xf32>
      %acc = memref.load %yi[%c0] : memref<1xf32, strided<[1], offset: ?>>
      %p = arith.mulf %a, %xj : f32
      %s = arith.addf %acc, %p fastmath<reassoc> : f32
      memref.store %s, %yi[%c0] : memref<1xf32, strided<[1], offset: ?>>
    }
    scf.reduce
  }
  return %y : memref<?xf32>
}

// -----

// The serial pipeline's scf.for over rows: jammed, since y is an allocation
// that every access subscripts by the row.
// CHECK-LABEL: func.func @gemv_serial
// CHECK:         scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK:           scf.for {{.*}} -> (f32, f32, f32, f32)
// CHECK:         scf.for {{.*}} {
// CHECK:           scf.for {{.*}} -> (f32) {
func.func @gemv_serial(%A: memref<?x?xf32>, %x: memref<?xf32>, %m: index, %n: index) -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %y = memref.alloc(%m) : memref<?xf32>
  scf.for %i = %c0 to %m step %c1 {
    scf.for %j = %c0 to %n step %c1 {
      %a = memref.load %A[%i, %j] : memref<?x?xf32>
      %xj = memref.load %x[%j] : memref<?xf32>
      %acc = memref.load %y[%i] : memref<?xf32>
      %p = arith.mulf %a, %xj : f32
      %s = arith.addf %acc, %p fastmath<reassoc> : f32
      memref.store %s, %y[%i] : memref<?xf32>
    }
  }
  return %y : memref<?xf32>
}

// -----

// The accumulator is a function argument, which may share memory with A: it
// stays in memory and no rows are jammed.
// CHECK-LABEL: func.func @may_alias
// CHECK:         scf.for
// CHECK-NEXT:      scf.for
// CHECK-NOT:       iter_args
// CHECK:             memref.load %{{.*}}[%{{.*}}] : memref<?xf32>
// CHECK:             memref.store
func.func @may_alias(%A: memref<?x?xf32>, %x: memref<?xf32>, %y: memref<?xf32>, %m: index, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %m step %c1 {
    scf.for %j = %c0 to %n step %c1 {
      %a = memref.load %A[%i, %j] : memref<?x?xf32>
      %xj = memref.load %x[%j] : memref<?xf32>
      %acc = memref.load %y[%i] : memref<?xf32>
      %p = arith.mulf %a, %xj : f32
      %s = arith.addf %acc, %p fastmath<reassoc> : f32
      memref.store %s, %y[%i] : memref<?xf32>
    }
  }
  return
}

// -----

// A serial row loop where row i reads what row i - 1 wrote (y[i - 1]): the
// rows may not be interleaved, and the loops stay as they are.
// CHECK-LABEL: func.func @carried_between_rows
// CHECK:         scf.for
// CHECK-NOT:       iter_args
// CHECK:           scf.for
// CHECK-NOT:       iter_args
// CHECK:             memref.store
// CHECK:         return
func.func @carried_between_rows(%A: memref<?x?xf32>, %m: index, %n: index) -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %y = memref.alloc(%m) : memref<?xf32>
  scf.for %i = %c1 to %m step %c1 {
    %prev = arith.subi %i, %c1 : index
    %start = memref.load %y[%prev] : memref<?xf32>
    memref.store %start, %y[%i] : memref<?xf32>
    scf.for %j = %c0 to %n step %c1 {
      %a = memref.load %A[%i, %j] : memref<?x?xf32>
      %acc = memref.load %y[%i] : memref<?xf32>
      %s = arith.addf %acc, %a : f32
      memref.store %s, %y[%i] : memref<?xf32>
    }
  }
  return %y : memref<?xf32>
}

// -----

// An element-wise row (no accumulator): nothing to jam.
// CHECK-LABEL: func.func @elementwise
// CHECK:         scf.parallel (%{{.*}}) = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) {
// CHECK-NEXT:      scf.for
// CHECK-NOT:       iter_args
func.func @elementwise(%A: memref<?x?xf32>, %m: index, %n: index) -> memref<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %B = memref.alloc(%m, %n) : memref<?x?xf32>
  scf.parallel (%i) = (%c0) to (%m) step (%c1) {
    scf.for %j = %c0 to %n step %c1 {
      %a = memref.load %A[%i, %j] : memref<?x?xf32>
      %b = arith.addf %a, %a : f32
      memref.store %b, %B[%i, %j] : memref<?x?xf32>
    }
    scf.reduce
  }
  return %B : memref<?x?xf32>
}

// -----

// Column sums walk down the columns (the inner loop's index is X's first
// subscript): left alone (only jammed loops keep their sums in registers).
// CHECK-LABEL: func.func @column_sums
// CHECK:         scf.for
// CHECK-NEXT:      scf.for
// CHECK-NOT:       iter_args
// CHECK:             memref.store
// CHECK:         return
func.func @column_sums(%X: memref<?x?xf32>, %r: index, %c: index) -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %s = memref.alloc(%c) : memref<?xf32>
  scf.for %j = %c0 to %c step %c1 {
    scf.for %i = %c0 to %r step %c1 {
      %x = memref.load %X[%i, %j] : memref<?x?xf32>
      %acc = memref.load %s[%j] : memref<?xf32>
      %sum = arith.addf %acc, %x fastmath<reassoc> : f32
      memref.store %sum, %s[%j] : memref<?xf32>
    }
  }
  return %s : memref<?xf32>
}

// -----

// A max per row: left alone (see sumsOnly in JamRowReductions.cpp).
// CHECK-LABEL: func.func @row_max
// CHECK:         scf.parallel (%{{.*}}) = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) {
// CHECK-NEXT:      scf.for
// CHECK-NOT:       iter_args
// CHECK:             arith.maximumf
func.func @row_max(%A: memref<?x?xf32>, %m: index, %n: index) -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %y = memref.alloc(%m) : memref<?xf32>
  scf.parallel (%i) = (%c0) to (%m) step (%c1) {
    scf.for %j = %c0 to %n step %c1 {
      %a = memref.load %A[%i, %j] : memref<?x?xf32>
      %acc = memref.load %y[%i] : memref<?xf32>
      %b = arith.maximumf %acc, %a : f32
      memref.store %b, %y[%i] : memref<?xf32>
    }
    scf.reduce
  }
  return %y : memref<?xf32>
}
