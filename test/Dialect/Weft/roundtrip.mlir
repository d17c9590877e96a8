// RUN: weft-opt %s | weft-opt | FileCheck %s
// RUN: weft-opt %s --mlir-print-op-generic | weft-opt | FileCheck %s

// CHECK-LABEL: weft.kernel @matmul
// CHECK-SAME:    (%[[A:.*]]: tensor<?x?xf32>, %[[B:.*]]: tensor<?x?xf32>) -> tensor<?x?xf32>
// CHECK:         weft.check_extent %[[K:.*]], %[[K2:.*]], "mm.weft:1:30: 'B' dimension 0 must equal K"
// CHECK:         %[[C:.*]] = weft.equation ["i", "j", "k"] = (%[[M:.*]], %[[N:.*]], %[[K]]) combiner <add>
// CHECK-SAME:      ins(%[[A]], %[[B]] : tensor<?x?xf32>, tensor<?x?xf32>)
// CHECK-SAME:      reads [#{{.*}}, #{{.*}}] writes #{{.*}} -> tensor<?x?xf32>
// CHECK:         ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32):
// CHECK:           %[[P:.*]] = arith.mulf %[[X]], %[[Y]] : f32
// CHECK:           weft.yield %[[P]] : f32
// CHECK:         weft.return %[[C]] : tensor<?x?xf32>
weft.kernel @matmul(%A: tensor<?x?xf32>, %B: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %M = tensor.dim %A, %c0 : tensor<?x?xf32>
  %K = tensor.dim %A, %c1 : tensor<?x?xf32>
  %K2 = tensor.dim %B, %c0 : tensor<?x?xf32>
  %N = tensor.dim %B, %c1 : tensor<?x?xf32>
  weft.check_extent %K, %K2, "mm.weft:1:30: 'B' dimension 0 must equal K"
  %C = weft.equation ["i", "j", "k"] = (%M, %N, %K) combiner <add>
      ins(%A, %B : tensor<?x?xf32>, tensor<?x?xf32>)
      reads [affine_map<(i, j, k) -> (i, k)>, affine_map<(i, j, k) -> (k, j)>]
      writes affine_map<(i, j, k) -> (i, j)> -> tensor<?x?xf32> {
  ^bb0(%a: f32, %b: f32):
    %p = arith.mulf %a, %b : f32
    weft.yield %p : f32
  }
  weft.return %C : tensor<?x?xf32>
}

// An equation without inputs, and the other combiners.
// CHECK-LABEL: weft.kernel @constant
// CHECK-SAME:    (%[[S:.*]]: f64, %[[N:.*]]: index) -> tensor<4xf64>
// CHECK:         %[[Z:.*]] = weft.equation ["i"] = (%[[N]]) combiner <none> reads [] writes #{{.*}} -> tensor<4xf64> {
// CHECK-NEXT:      weft.yield %[[S]] : f64
// CHECK:         weft.equation ["i", "j"] = (%[[N]], %[[N]]) combiner <mul>
// CHECK:         weft.equation ["i"] = (%[[N]]) combiner <max>
// CHECK:         weft.equation ["i"] = (%[[N]]) combiner <min>
// CHECK:         weft.return %[[Z]] : tensor<4xf64>
weft.kernel @constant(%s: f64, %n: index) -> tensor<4xf64> {
  %z = weft.equation ["i"] = (%n) combiner <none> reads []
      writes affine_map<(i) -> (i)> -> tensor<4xf64> {
    weft.yield %s : f64
  }
  %p = weft.equation ["i", "j"] = (%n, %n) combiner <mul>
      ins(%z : tensor<4xf64>) reads [affine_map<(i, j) -> (j)>]
      writes affine_map<(i, j) -> (i)> -> tensor<4xf64> {
  ^bb0(%x: f64):
    weft.yield %x : f64
  }
  %mx = weft.equation ["i"] = (%n) combiner <max>
      ins(%p : tensor<4xf64>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> ()> -> tensor<f64> {
  ^bb0(%x: f64):
    weft.yield %x : f64
  }
  %mn = weft.equation ["i"] = (%n) combiner <min>
      ins(%p : tensor<4xf64>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> ()> -> tensor<f64> {
  ^bb0(%x: f64):
    weft.yield %x : f64
  }
  weft.return %z : tensor<4xf64>
}

// CHECK-LABEL: func.func @reductions_and_images
// CHECK-SAME:    (%[[A:.*]]: tensor<?x?xf32>, %[[V:.*]]: tensor<4xi32>, %[[RGB:.*]]: tensor<2x2x3xi8>, %[[LO:.*]]: f64, %[[HI:.*]]: f64)
// CHECK:         %{{.*}} = weft.reduce_all <add> %[[A]] : tensor<?x?xf32> -> f32
// CHECK:         %{{.*}} = weft.reduce_all <max> %[[V]] : tensor<4xi32> -> i32
// CHECK:         %{{.*}} = weft.reduce_all <min> %[[A]] : tensor<?x?xf32> -> f32
// CHECK:         %{{.*}} = weft.reduce_all <mean> %[[V]] : tensor<4xi32> -> f64
// CHECK:         weft.save_image %[[A]], "a.png" colormap "inferno" range(%[[LO]], %[[HI]]) : tensor<?x?xf32>
// CHECK:         weft.save_image %[[A]], "b.png" : tensor<?x?xf32>
// CHECK:         weft.save_image %[[A]], "c.png" range(%[[LO]], %[[HI]]) : tensor<?x?xf32>
// CHECK:         weft.save_image %[[RGB]], "d.png" : tensor<2x2x3xi8>
func.func @reductions_and_images(%a: tensor<?x?xf32>, %v: tensor<4xi32>,
                                 %rgb: tensor<2x2x3xi8>, %lo: f64, %hi: f64) {
  %s = weft.reduce_all <add> %a : tensor<?x?xf32> -> f32
  %m = weft.reduce_all <max> %v : tensor<4xi32> -> i32
  %n = weft.reduce_all <min> %a : tensor<?x?xf32> -> f32
  %e = weft.reduce_all <mean> %v : tensor<4xi32> -> f64
  weft.save_image %a, "a.png" colormap "inferno" range(%lo, %hi) : tensor<?x?xf32>
  weft.save_image %a, "b.png" : tensor<?x?xf32>
  weft.save_image %a, "c.png" range(%lo, %hi) : tensor<?x?xf32>
  weft.save_image %rgb, "d.png" : tensor<2x2x3xi8>
  return
}

// CHECK-LABEL: func.func @weft_main
// CHECK:         %{{.*}} = weft.arg "n" : i64 = 512
// CHECK:         %{{.*}} = weft.arg "scale" : f64 = 1.000000e+00
// CHECK:         %{{.*}} = weft.arg "verbose" : i1 = false
// CHECK:         %{{.*}} = weft.arg "count" : i32
// CHECK:         %{{.*}} = weft.arg "input" : tensor<?x?xf32>
// CHECK:         %{{.*}} = weft.arg "table" : tensor<3xi32> = "table.npy"
// An unsigned default keeps its bits (200 as an i8 is -56).
// CHECK:         %{{.*}} = weft.arg "k" : i8 = -56 {unsigned_elements}
// CHECK:         %[[Z:.*]] = weft.full %{{.*}} sizes(%[[N:.*]], %[[N]]) : f32 -> tensor<?x?xf32>
// CHECK:         %[[O:.*]] = weft.full %{{.*}} : i32 -> tensor<3xi32>
// CHECK:         %[[R:.*]] = weft.random seed(%{{.*}}) sizes(%[[N]]) : tensor<?xf64>
// CHECK:         %[[L:.*]] = weft.load "a.npy" : tensor<?x4xi64>
// CHECK:         %[[C:.*]] = weft.call @matmul(%[[Z]], %[[Z]]) : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
// CHECK:         %[[T:.*]] = weft.clock : f64
// CHECK:         weft.save %[[C]], "c.npy" : tensor<?x?xf32>
// CHECK:         weft.print "t = {}, c = {}"(%[[T]], %[[C]] : f64, tensor<?x?xf32>)
// CHECK:         weft.print "done"
func.func @weft_main() {
  %pn = weft.arg "n" : i64 = 512
  %ps = weft.arg "scale" : f64 = 1.0
  %pv = weft.arg "verbose" : i1 = false
  %pc = weft.arg "count" : i32
  %pi = weft.arg "input" : tensor<?x?xf32>
  %pt = weft.arg "table" : tensor<3xi32> = "table.npy"
  %pk = weft.arg "k" : i8 = 200 {unsigned_elements}
  %n = arith.constant 3 : index
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1 : i32
  %seed = arith.constant 7 : i64
  %z = weft.full %zero sizes(%n, %n) : f32 -> tensor<?x?xf32>
  %o = weft.full %one : i32 -> tensor<3xi32>
  %r = weft.random seed(%seed) sizes(%n) : tensor<?xf64>
  %l = weft.load "a.npy" : tensor<?x4xi64>
  %c = weft.call @matmul(%z, %z) : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  %t = weft.clock : f64
  weft.save %c, "c.npy" : tensor<?x?xf32>
  weft.print "t = {}, c = {}" (%t, %c : f64, tensor<?x?xf32>)
  weft.print "done"
  return
}

// CHECK-LABEL: func.func @assert
// CHECK-SAME:    (%[[C:.*]]: i1)
// CHECK:         weft.assert %[[C]], "p.weft:3:5: assertion failed: n must be positive"
func.func @assert(%c: i1) {
  weft.assert %c, "p.weft:3:5: assertion failed: n must be positive"
  return
}

// Lower bounds, init, weft.index and weft.read with each boundary policy.
// CHECK-LABEL: func.func @stencil
// CHECK:         weft.equation ["i", "d"] = (%{{.*}}, %{{.*}}) from(%{{.*}}, %{{.*}}) combiner <add> init(%{{.*}} : tensor<?xf32>) ins(%{{.*}} : tensor<?xf32>) reads [#{{.*}}] writes #{{.*}} -> tensor<?xf32> {
// CHECK:           %[[I:.*]] = weft.index 0
// CHECK:           weft.read %{{.*}}[%[[I]]] boundary <none> "s.weft:1:1: read of 'x'" : tensor<?xf32> -> f32
// CHECK:           weft.read %{{.*}}[%[[I]]] boundary <check> "s.weft:1:2: read of 'x'" : tensor<?xf32> -> f32
// CHECK:           weft.read %{{.*}}[%[[I]]] boundary <wrap> "s.weft:1:3: read of 'x'" : tensor<?xf32> -> f32
// CHECK:           weft.read %{{.*}}[%[[I]]] boundary <clamp> "s.weft:1:4: read of 'x'" : tensor<?xf32> -> f32
// CHECK:           weft.read %{{.*}}[%[[I]]] boundary <mirror> "s.weft:1:5: read of 'x'" : tensor<?xf32> -> f32
// CHECK:           weft.read %{{.*}}[%[[I]]] boundary <constant> padding(%{{.*}} : f32) "s.weft:1:6: read of 'x'" : tensor<?xf32> -> f32
// CHECK:           weft.read %{{.*}}[%[[I]]] boundary <wrap> "s.weft:1:7: read of 'x'" {inside = array<i64: 0>} : tensor<?xf32> -> f32
// CHECK:           weft.read %{{.*}}[%[[I]]] boundary <clamp> "s.weft:1:8: read of 'x'" {bases = array<i64: 0>} : tensor<?xf32> -> f32
func.func @stencil(%n: index, %lo: index, %x: tensor<?xf32>, %pad: f32) -> tensor<?xf32> {
  %c3 = arith.constant 3 : index
  %m1 = arith.constant -1 : index
  %y = weft.equation ["i", "d"] = (%n, %c3) from(%lo, %m1) combiner <add>
      init(%x : tensor<?xf32>) ins(%x : tensor<?xf32>)
      reads [affine_map<(i, d) -> (i + d)>] writes affine_map<(i, d) -> (i)>
      -> tensor<?xf32> {
  ^bb0(%e: f32):
    %i = weft.index 0
    %a = weft.read %x[%i] boundary <none> "s.weft:1:1: read of 'x'" : tensor<?xf32> -> f32
    %b = weft.read %x[%i] boundary <check> "s.weft:1:2: read of 'x'" : tensor<?xf32> -> f32
    %c = weft.read %x[%i] boundary <wrap> "s.weft:1:3: read of 'x'" : tensor<?xf32> -> f32
    %d = weft.read %x[%i] boundary <clamp> "s.weft:1:4: read of 'x'" : tensor<?xf32> -> f32
    %f = weft.read %x[%i] boundary <mirror> "s.weft:1:5: read of 'x'" : tensor<?xf32> -> f32
    %g = weft.read %x[%i] boundary <constant> padding(%pad : f32) "s.weft:1:6: read of 'x'" : tensor<?xf32> -> f32
    %h = weft.read %x[%i] boundary <wrap> "s.weft:1:7: read of 'x'" {inside = array<i64: 0>} : tensor<?xf32> -> f32
    %k = weft.read %x[%i] boundary <clamp> "s.weft:1:8: read of 'x'" {bases = array<i64: 0>} : tensor<?xf32> -> f32
    %s1 = arith.addf %a, %b : f32
    %s2 = arith.addf %s1, %c : f32
    %s3 = arith.addf %s2, %d : f32
    %s4 = arith.addf %s3, %f : f32
    %s5 = arith.addf %s4, %g : f32
    %s6 = arith.addf %s5, %e : f32
    %s7 = arith.addf %s6, %h : f32
    %s8 = arith.addf %s7, %k : f32
    weft.yield %s8 : f32
  }
  return %y : tensor<?xf32>
}

// CHECK-LABEL: func.func @any_all
// CHECK:         combiner <any>
// CHECK:         combiner <all>
// CHECK:         weft.check_index %{{.*}}, %{{.*}}, "s.weft:2:1: read of 'x' is out of bounds"
func.func @any_all(%n: index, %m: index, %b: tensor<?x?xi1>) -> (tensor<?xi1>, tensor<?xi1>) {
  %any = weft.equation ["i", "j"] = (%n, %m) combiner <any>
      ins(%b : tensor<?x?xi1>) reads [affine_map<(i, j) -> (i, j)>]
      writes affine_map<(i, j) -> (i)> -> tensor<?xi1> {
  ^bb0(%e: i1):
    weft.yield %e : i1
  }
  %all = weft.equation ["i", "j"] = (%n, %m) combiner <all>
      ins(%b : tensor<?x?xi1>) reads [affine_map<(i, j) -> (i, j)>]
      writes affine_map<(i, j) -> (i)> -> tensor<?xi1> {
  ^bb0(%e: i1):
    weft.yield %e : i1
  }
  weft.check_index %n, %m, "s.weft:2:1: read of 'x' is out of bounds"
  return %any, %all : tensor<?xi1>, tensor<?xi1>
}

// Unsigned integers are signless; the host ops say how to show and store
// them. weft.exit is the host's `return`.
// CHECK-LABEL: func.func @unsigned_host
// CHECK:         %[[L:.*]] = weft.load "u.npy" {unsigned_elements} : tensor<?xi16>
// CHECK:         weft.save %[[L]], "v.npy" {unsigned_elements} : tensor<?xi16>
// CHECK:         weft.print "{}"(%[[L]] : tensor<?xi16>) {unsigned_values = array<i64: 0>}
// CHECK:         %{{.*}} = weft.reduce_all <max> %[[L]] {unsigned_elements} : tensor<?xi16> -> i16
// CHECK:         weft.exit
func.func @unsigned_host() {
  %l = weft.load "u.npy" {unsigned_elements} : tensor<?xi16>
  weft.save %l, "v.npy" {unsigned_elements} : tensor<?xi16>
  weft.print "{}" (%l : tensor<?xi16>) {unsigned_values = array<i64: 0>}
  %m = weft.reduce_all <max> %l {unsigned_elements} : tensor<?xi16> -> i16
  weft.exit
  return
}

// CHECK-LABEL: weft.kernel @row_umax
// CHECK:         weft.equation ["i", "j"] {{.*}} combiner <umax>
weft.kernel @row_umax(%x: tensor<4x5xi8>) -> tensor<4xi8> {
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %m = weft.equation ["i", "j"] = (%c4, %c5) combiner <umax> ins(%x : tensor<4x5xi8>) reads [affine_map<(d0, d1) -> (d0, d1)>] writes affine_map<(d0, d1) -> (d0)> -> tensor<4xi8> {
  ^bb0(%v: i8):
    weft.yield %v : i8
  }
  weft.return %m : tensor<4xi8>
}

// A CSR row: the entries rowptr[r] .. rowptr[r + 1] - 1, reduced inside the
// body; weft.index and weft.read inside weft.reduce_range.
// CHECK-LABEL: func.func @csr_row
// CHECK:         weft.equation ["r"]
// CHECK:           %[[LO:.*]] = weft.read
// CHECK:           %[[HI:.*]] = weft.read
// CHECK:           %[[S:.*]] = weft.reduce_range %[[LO]] to %[[HI]] combiner <add> : f64 {
// CHECK:           ^bb0(%[[P:.*]]: index):
// CHECK:             %[[R:.*]] = weft.index 0
// CHECK:             weft.read %{{.*}}[%[[P]]] boundary <check>
// CHECK:             weft.yield %{{.*}} : f64
// CHECK:           }
// CHECK:           weft.yield %[[S]] : f64
func.func @csr_row(%m: index, %rowptr: tensor<?xindex>, %vals: tensor<?xf64>) -> tensor<?xf64> {
  %y = weft.equation ["r"] = (%m) combiner <none>
      reads [] writes affine_map<(r) -> (r)> -> tensor<?xf64> {
    %r = weft.index 0
    %c1 = arith.constant 1 : index
    %r1 = arith.addi %r, %c1 : index
    %lo = weft.read %rowptr[%r] boundary <none> "m" : tensor<?xindex> -> index
    %hi = weft.read %rowptr[%r1] boundary <none> "m" : tensor<?xindex> -> index
    %s = weft.reduce_range %lo to %hi combiner <add> : f64 {
    ^bb0(%p: index):
      %i = weft.index 0
      %v = weft.read %vals[%p] boundary <check> "m" : tensor<?xf64> -> f64
      weft.yield %v : f64
    }
    weft.yield %s : f64
  }
  return %y : tensor<?xf64>
}
