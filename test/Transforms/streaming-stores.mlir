// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-streaming-stores))' | FileCheck %s
// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-streaming-stores{min-bytes=4096}))' | FileCheck %s --check-prefix=SMALL

// saxpy's loop writes a fresh array that nothing reads: when the array is
// large and the first element stored starts a cache line, 16 floats at a
// time go out with non-temporal stores, then a fence, then the rest of the
// elements in the original loop; otherwise the original loop runs.
// CHECK-LABEL: func.func @saxpy
// CHECK:         %[[Z:.*]] = memref.alloc
// CHECK:         %[[N:.*]] = memref.dim %[[Z]]
// CHECK:         %[[BYTES:.*]] = arith.muli %{{.*}}, %[[N]]
// CHECK:         %[[MIN:.*]] = arith.constant 50331648 : index
// CHECK:         %[[BIG:.*]] = arith.cmpi uge, %[[BYTES]], %[[MIN]]
// CHECK:         memref.extract_strided_metadata %[[Z]]
// CHECK:         memref.extract_aligned_pointer_as_index %[[Z]]
// CHECK:         %[[MIS:.*]] = arith.andi %{{.*}}, %c63
// CHECK:         %[[ALIGNED:.*]] = arith.cmpi eq, %[[MIS]]
// CHECK:         %[[BOTH:.*]] = arith.andi %[[BIG]], %[[ALIGNED]]
// CHECK:         scf.if %[[BOTH]] {
// CHECK:           %[[END:.*]] = arith.addi %[[LB:.*]], %{{.*}} : index
// CHECK:           scf.for %[[I:.*]] = %[[LB]] to %[[END]] step %c16 {
// CHECK:             %[[X:.*]] = vector.load %{{.*}}[%[[I]]] : memref<?xf32>, vector<16xf32>
// CHECK:             %[[Y:.*]] = vector.load %{{.*}}[%[[I]]] : memref<?xf32>, vector<16xf32>
// CHECK:             %[[A:.*]] = vector.broadcast %{{.*}} : f32 to vector<16xf32>
// CHECK:             %[[AX:.*]] = arith.mulf %[[A]], %[[X]] : vector<16xf32>
// CHECK:             %[[SUM:.*]] = arith.addf %[[AX]], %[[Y]] : vector<16xf32>
// CHECK:             vector.store %[[SUM]], %[[Z]][%[[I]]] {alignment = 64 : i64, nontemporal = true}
// CHECK:           }
// CHECK:           llvm.inline_asm has_side_effects "sfence", "~{memory}"
// CHECK:           scf.for %{{.*}} = %[[END]] to %{{.*}} step %c1 {
// CHECK:             memref.store %{{.*}}, %[[Z]][%{{.*}}] : memref<?xf32>
// CHECK:         } else {
// CHECK:           scf.for %{{.*}} = %[[LB]] to %{{.*}} step %c1 {
// CHECK:             memref.store %{{.*}}, %[[Z]][%{{.*}}] : memref<?xf32>
// CHECK:         }
// CHECK:         return %[[Z]]
func.func @saxpy(%a: f32, %x: memref<?xf32>, %y: memref<?xf32>, %lb: index) -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?xf32>
  %z = memref.alloc(%n) {alignment = 64 : i64} : memref<?xf32>
  scf.for %i = %lb to %n step %c1 {
    %xi = memref.load %x[%i] : memref<?xf32>
    %yi = memref.load %y[%i] : memref<?xf32>
    %ax = arith.mulf %a, %xi : f32
    %s = arith.addf %ax, %yi : f32
    memref.store %s, %z[%i] : memref<?xf32>
  }
  return %z : memref<?xf32>
}

// A row of a matrix, through a subview: the row's start is aligned only
// for some rows, so the offset and the row stride enter the check. A load
// at an invariant subscript (the row's sum) is fine.
// CHECK-LABEL: func.func @rows
// CHECK:         scf.parallel (%[[R:.*]]) =
// CHECK:           %[[ROW:.*]] = memref.subview
// CHECK:           memref.dim %[[Y:.*]], %c0
// CHECK:           memref.dim %[[Y]], %c1
// CHECK:           %{{.*}}, %[[OFF:.*]], %{{.*}}:2, %[[STRIDES:.*]]:2 = memref.extract_strided_metadata %[[ROW]]
// CHECK:           %[[ROWSTEP:.*]] = arith.muli %c0, %[[STRIDES]]#0
// CHECK:           arith.addi %[[OFF]], %[[ROWSTEP]]
// CHECK:           scf.if
// CHECK:             scf.for %[[I:.*]] = %c0 to %{{.*}} step %c16 {
// CHECK:               %[[S:.*]] = memref.load %{{.*}}[%c0] : memref<1xf32>
// CHECK:               %[[SV:.*]] = vector.broadcast %[[S]] : f32 to vector<16xf32>
// CHECK:               %[[E:.*]] = vector.load %{{.*}}[%[[R]], %[[I]]]
// CHECK:               %[[Q:.*]] = arith.divf %[[E]], %[[SV]] : vector<16xf32>
// CHECK:               vector.store %[[Q]], %[[ROW]][%c0, %[[I]]] {alignment = 64 : i64, nontemporal = true}
func.func @rows(%x: memref<?x?xf32>) -> memref<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %rows = memref.dim %x, %c0 : memref<?x?xf32>
  %cols = memref.dim %x, %c1 : memref<?x?xf32>
  %y = memref.alloc(%rows, %cols) {alignment = 64 : i64} : memref<?x?xf32>
  scf.parallel (%r) = (%c0) to (%rows) step (%c1) {
    %sum = memref.alloc() : memref<1xf32>
    %row = memref.subview %y[%r, 0] [1, %cols] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    scf.for %c = %c0 to %cols step %c1 {
      %s = memref.load %sum[%c0] : memref<1xf32>
      %e = memref.load %x[%r, %c] : memref<?x?xf32>
      %q = arith.divf %e, %s : f32
      memref.store %q, %row[%c0, %c] : memref<1x?xf32, strided<[?, 1], offset: ?>>
    }
    memref.dealloc %sum : memref<1xf32>
    scf.reduce
  }
  return %y : memref<?x?xf32>
}

// An update in place (softmax's normalisation of its row) reads each line
// before it writes it, so there is no read for ownership to save: not
// streamed.
// CHECK-LABEL: func.func @in_place
// CHECK-NOT:     nontemporal
func.func @in_place(%x: memref<?xf32>) -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?xf32>
  %z = memref.alloc(%n) {alignment = 64 : i64} : memref<?xf32>
  scf.for %i = %c0 to %n step %c1 {
    %zi = memref.load %z[%i] : memref<?xf32>
    %d = arith.addf %zi, %zi : f32
    memref.store %d, %z[%i] : memref<?xf32>
  }
  return %z : memref<?xf32>
}

// Not streamed: a loop that reads the stored array at another address, one
// that stores with a stride, one whose array is read after it (as the
// first loop of @rows above), a stencil and a short loop (below).
// CHECK-LABEL: func.func @reads_back
// CHECK-NOT:     scf.if
// CHECK-NOT:     nontemporal
func.func @reads_back(%x: memref<?xf32>) -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?xf32>
  %m = arith.subi %n, %c1 : index
  %z = memref.alloc(%n) {alignment = 64 : i64} : memref<?xf32>
  scf.for %i = %c0 to %m step %c1 {
    %j = arith.addi %i, %c1 : index
    %zj = memref.load %z[%j] : memref<?xf32>
    memref.store %zj, %z[%i] : memref<?xf32>
  }
  return %z : memref<?xf32>
}

// A stencil's window reads one array at several offsets: measured slower.
// CHECK-LABEL: func.func @window
// CHECK-NOT:     nontemporal
func.func @window(%x: memref<?xf32>) -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?xf32>
  %m = arith.subi %n, %c1 : index
  %z = memref.alloc(%m) {alignment = 64 : i64} : memref<?xf32>
  %right = memref.subview %x[1] [%m] [1] : memref<?xf32> to memref<?xf32, strided<[1], offset: 1>>
  scf.for %i = %c0 to %m step %c1 {
    %l = memref.load %x[%i] : memref<?xf32>
    %r = memref.load %right[%i] : memref<?xf32, strided<[1], offset: 1>>
    %s = arith.addf %l, %r : f32
    memref.store %s, %z[%i] : memref<?xf32>
  }
  return %z : memref<?xf32>
}

// A loop of a few iterations (a stencil's edge strip) is not worth the
// checks.
// CHECK-LABEL: func.func @short
// CHECK-NOT:     nontemporal
func.func @short(%x: memref<?xf32>) -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %n = memref.dim %x, %c0 : memref<?xf32>
  %z = memref.alloc(%n) {alignment = 64 : i64} : memref<?xf32>
  scf.for %i = %c0 to %c2 step %c1 {
    %xi = memref.load %x[%i] : memref<?xf32>
    memref.store %xi, %z[%i] : memref<?xf32>
  }
  return %z : memref<?xf32>
}

// sin (like cos, pow, ...) has no vector code of its own: a vector sin
// would become a libm call per lane, where LLVM's loop vectoriser calls
// libmvec. The loop stays as it is; exp (a polynomial) streams.
// CHECK-LABEL: func.func @sine
// CHECK-NOT:     nontemporal
// CHECK-LABEL: func.func @exponential
// CHECK:         math.exp {{.*}} : vector<16xf32>
// CHECK:         nontemporal = true
func.func @sine(%x: memref<?xf32>) -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?xf32>
  %z = memref.alloc(%n) {alignment = 64 : i64} : memref<?xf32>
  scf.for %i = %c0 to %n step %c1 {
    %xi = memref.load %x[%i] : memref<?xf32>
    %s = math.sin %xi : f32
    memref.store %s, %z[%i] : memref<?xf32>
  }
  return %z : memref<?xf32>
}
func.func @exponential(%x: memref<?xf32>) -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?xf32>
  %z = memref.alloc(%n) {alignment = 64 : i64} : memref<?xf32>
  scf.for %i = %c0 to %n step %c1 {
    %xi = memref.load %x[%i] : memref<?xf32>
    %e = math.exp %xi : f32
    memref.store %e, %z[%i] : memref<?xf32>
  }
  return %z : memref<?xf32>
}

// CHECK-LABEL: func.func @strided
// CHECK-NOT:     nontemporal
func.func @strided(%x: memref<?xf32>) -> memref<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?xf32>
  %z = memref.alloc(%n, %n) {alignment = 64 : i64} : memref<?x?xf32>
  %col = memref.subview %z[0, 0] [%n, 1] [1, 1] : memref<?x?xf32> to memref<?xf32, strided<[?]>>
  scf.for %i = %c0 to %n step %c1 {
    %xi = memref.load %x[%i] : memref<?xf32>
    memref.store %xi, %col[%i] : memref<?xf32, strided<[?]>>
  }
  return %z : memref<?x?xf32>
}

// CHECK-LABEL: func.func @read_later
// CHECK-NOT:     nontemporal
// CHECK:         return
func.func @read_later(%x: memref<?xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?xf32>
  %z = memref.alloc(%n) {alignment = 64 : i64} : memref<?xf32>
  scf.for %i = %c0 to %n step %c1 {
    %xi = memref.load %x[%i] : memref<?xf32>
    memref.store %xi, %z[%i] : memref<?xf32>
  }
  %z0 = memref.load %z[%c0] : memref<?xf32>
  memref.dealloc %z : memref<?xf32>
  return %z0 : f32
}

// An array whose static size is below the threshold keeps its loop as it
// is; with a lower threshold it streams.
// CHECK-LABEL: func.func @small
// CHECK-NOT:     nontemporal
// SMALL-LABEL: func.func @small
// SMALL:         nontemporal = true
func.func @small(%x: memref<1024xf32>) -> memref<1024xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c1024 = arith.constant 1024 : index
  %z = memref.alloc() {alignment = 64 : i64} : memref<1024xf32>
  scf.for %i = %c0 to %c1024 step %c1 {
    %xi = memref.load %x[%i] : memref<1024xf32>
    memref.store %xi, %z[%i] : memref<1024xf32>
  }
  return %z : memref<1024xf32>
}
