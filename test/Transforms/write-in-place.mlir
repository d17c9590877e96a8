// RUN: weft-opt %s --split-input-file --weft-write-in-place | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>
#sum = affine_map<(d0, d1) -> ()>

// CG's update: x2 = x + a p and r2 = r - a q, then rr += r2 * r2. In a
// host loop that carries x and r, neither is read after the call, so the
// call goes to a private copy that computes x2 in x and r2 in r; the
// payload reads the old element from the init. p is read after the call
// and stays an input; the public kernel is left as it was.
// CHECK-LABEL: func.func @update(
// CHECK:         outs(%{{.*}} : tensor<?x?xf32>)
// CHECK-LABEL: func.func @main(
// CHECK:         scf.for
// CHECK:           func.call @update.in_place(
// CHECK-LABEL: func.func private @update.in_place(
// CHECK-SAME:    %[[A:.*]]: f32, %[[P:.*]]: tensor<?x?xf32>, %[[Q:.*]]: tensor<?x?xf32>, %[[X:.*]]: tensor<?x?xf32>, %[[R:.*]]: tensor<?x?xf32>)
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%[[X]], %[[P]] : tensor<?x?xf32>, tensor<?x?xf32>) outs(%[[X]] : tensor<?x?xf32>)
// CHECK-NEXT:    ^bb0(%{{.*}}: f32, %[[PV:.*]]: f32, %[[XV:.*]]: f32):
// CHECK-NEXT:      %[[AP:.*]] = arith.mulf %[[A]], %[[PV]]
// CHECK-NEXT:      arith.addf %[[XV]], %[[AP]]
// CHECK:         %[[R2:.*]] = linalg.generic
// CHECK-SAME:      ins(%[[R]], %[[Q]] : tensor<?x?xf32>, tensor<?x?xf32>) outs(%[[R]] : tensor<?x?xf32>)
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%[[R2]] : tensor<?x?xf32>)
func.func @update(%a: f32, %p: tensor<?x?xf32>, %q: tensor<?x?xf32>,
                  %x: tensor<?x?xf32>, %r: tensor<?x?xf32>)
    -> (tensor<?x?xf32>, tensor<?x?xf32>, tensor<f64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %m = tensor.dim %p, %c0 : tensor<?x?xf32>
  %n = tensor.dim %p, %c1 : tensor<?x?xf32>
  %e = tensor.empty(%m, %n) : tensor<?x?xf32>
  %x2 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %p : tensor<?x?xf32>, tensor<?x?xf32>) outs(%e : tensor<?x?xf32>) {
  ^bb0(%xv: f32, %pv: f32, %o: f32):
    %ap = arith.mulf %a, %pv : f32
    %s = arith.addf %xv, %ap : f32
    linalg.yield %s : f32
  } -> tensor<?x?xf32>
  %r2 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%r, %q : tensor<?x?xf32>, tensor<?x?xf32>) outs(%e : tensor<?x?xf32>) {
  ^bb0(%rv: f32, %qv: f32, %o: f32):
    %aq = arith.mulf %a, %qv : f32
    %s = arith.subf %rv, %aq : f32
    linalg.yield %s : f32
  } -> tensor<?x?xf32>
  %e0 = tensor.empty() : tensor<f64>
  %init = linalg.fill ins(%zero : f64) outs(%e0 : tensor<f64>) -> tensor<f64>
  %rr = linalg.generic {indexing_maps = [#id, #sum], iterator_types = ["reduction", "reduction"]}
      ins(%r2 : tensor<?x?xf32>) outs(%init : tensor<f64>) {
  ^bb0(%v: f32, %acc: f64):
    %w = arith.extf %v : f32 to f64
    %sq = arith.mulf %w, %w : f64
    %s = arith.addf %acc, %sq : f64
    linalg.yield %s : f64
  } -> tensor<f64>
  return %x2, %r2, %rr : tensor<?x?xf32>, tensor<?x?xf32>, tensor<f64>
}

func.func private @source(%s: tensor<?x?xf32>) -> tensor<?x?xf32>

func.func @main(%b: tensor<?x?xf32>, %a: f32, %steps: index) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %x0 = func.call @source(%b) : (tensor<?x?xf32>) -> tensor<?x?xf32>
  %res:2 = scf.for %i = %c0 to %steps step %c1 iter_args(%x = %x0, %r = %b)
      -> (tensor<?x?xf32>, tensor<?x?xf32>) {
    %u:3 = func.call @update(%a, %b, %b, %x, %r)
        : (f32, tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xf32>)
        -> (tensor<?x?xf32>, tensor<?x?xf32>, tensor<f64>)
    scf.yield %u#0, %u#1 : tensor<?x?xf32>, tensor<?x?xf32>
  }
  return %res#0 : tensor<?x?xf32>
}

// -----

#id = affine_map<(d0) -> (d0)>

// z = y + a x. Each call gets the copy for the argument that dies there,
// and calls that agree share it: x at the first two, y at the third. The
// fourth passes one value as both x and y, the fifth reads both after the
// call, the sixth passes a function argument (its caller's buffer) and the
// seventh a value made by an op that is not a call: they keep the kernel.
// CHECK-LABEL: func.func @axpy(
// CHECK-LABEL: func.func @calls(
// CHECK-SAME:    %[[ARG:[^:]*]]: tensor<?xf32>,
// CHECK:         %[[U:.*]] = call @make
// CHECK:         %[[V:.*]] = call @make
// CHECK:         %[[W:.*]] = call @make
// CHECK:         %[[Z1:.*]] = call @axpy.in_place(%{{.*}}, %[[U]], %[[V]])
// CHECK:         %[[Z2:.*]] = call @axpy.in_place(%{{.*}}, %[[Z1]], %[[V]])
// CHECK:         %[[Z3:.*]] = call @axpy.in_place_0(%{{.*}}, %[[V]], %[[Z2]])
// CHECK:         %[[Z4:.*]] = call @axpy(%{{.*}}, %[[Z3]], %[[Z3]])
// CHECK:         %[[Z5:.*]] = call @axpy(%{{.*}}, %[[Z4]], %[[W]])
// CHECK:         %[[Z6:.*]] = call @axpy(%{{.*}}, %[[ARG]], %[[ARG]])
// CHECK:         %[[E:.*]] = tensor.empty
// CHECK:         %[[Z7:.*]] = call @axpy(%{{.*}}, %[[E]], %[[E]])
// CHECK:         return %[[Z4]], %[[Z5]], %[[Z6]], %[[Z7]], %[[W]]
// CHECK-LABEL: func.func private @axpy.in_place(
// CHECK-SAME:    %{{.*}}: f32, %[[X:.*]]: tensor<?xf32>, %[[Y:.*]]: tensor<?xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[Y]], %[[X]] : tensor<?xf32>, tensor<?xf32>) outs(%[[X]] : tensor<?xf32>)
// CHECK-LABEL: func.func private @axpy.in_place_0(
// CHECK-SAME:    %{{.*}}: f32, %[[X:.*]]: tensor<?xf32>, %[[Y:.*]]: tensor<?xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[Y]], %[[X]] : tensor<?xf32>, tensor<?xf32>) outs(%[[Y]] : tensor<?xf32>)
func.func @axpy(%a: f32, %x: tensor<?xf32>, %y: tensor<?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?xf32>
  %e = tensor.empty(%n) : tensor<?xf32>
  %z = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%y, %x : tensor<?xf32>, tensor<?xf32>) outs(%e : tensor<?xf32>) {
  ^bb0(%yv: f32, %xv: f32, %o: f32):
    %ax = arith.mulf %a, %xv : f32
    %s = arith.addf %yv, %ax : f32
    linalg.yield %s : f32
  } -> tensor<?xf32>
  return %z : tensor<?xf32>
}

func.func private @make() -> tensor<?xf32>

func.func @calls(%arg: tensor<?xf32>, %a: f32, %n: index)
    -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  %u = call @make() : () -> tensor<?xf32>
  %v = call @make() : () -> tensor<?xf32>
  %w = call @make() : () -> tensor<?xf32>
  %z1 = call @axpy(%a, %u, %v) : (f32, tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  %z2 = call @axpy(%a, %z1, %v) : (f32, tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  %z3 = call @axpy(%a, %v, %z2) : (f32, tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  %z4 = call @axpy(%a, %z3, %z3) : (f32, tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  %z5 = call @axpy(%a, %z4, %w) : (f32, tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  %z6 = call @axpy(%a, %arg, %arg) : (f32, tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  %e = tensor.empty(%n) : tensor<?xf32>
  %z7 = call @axpy(%a, %e, %e) : (f32, tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  return %z4, %z5, %z6, %z7, %w : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

#id = affine_map<(d0) -> (d0)>
#t = affine_map<(d0, d1) -> (d1, d0)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>

// Kernels whose outputs stay fresh: two generics read x (@read_after:
// weft-fuse-equations could inline the first into the second, which would
// then read x where it writes it), @transpose reads x transposed (an element
// would be overwritten before it is read), and @from_fill's output does not
// start from tensor.empty.
// CHECK-LABEL: func.func @main(
// CHECK:         call @read_after(
// CHECK:         call @transpose(
// CHECK:         call @from_fill(
// CHECK-NOT:     in_place
func.func @read_after(%x: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>) {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?xf32>
  %e = tensor.empty(%n) : tensor<?xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<?xf32>) outs(%e : tensor<?xf32>) {
  ^bb0(%v: f32, %o: f32):
    %s = arith.addf %v, %v : f32
    linalg.yield %s : f32
  } -> tensor<?xf32>
  %z = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<?xf32>) outs(%e : tensor<?xf32>) {
  ^bb0(%v: f32, %o: f32):
    %s = arith.mulf %v, %v : f32
    linalg.yield %s : f32
  } -> tensor<?xf32>
  return %y, %z : tensor<?xf32>, tensor<?xf32>
}

func.func @transpose(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x?xf32>
  %e = tensor.empty(%n, %n) : tensor<?x?xf32>
  %y = linalg.generic {indexing_maps = [#t, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<?x?xf32>) outs(%e : tensor<?x?xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  } -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

func.func @from_fill(%x: tensor<?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %one = arith.constant 1.0 : f32
  %n = tensor.dim %x, %c0 : tensor<?xf32>
  %e = tensor.empty(%n) : tensor<?xf32>
  %f = linalg.fill ins(%one : f32) outs(%e : tensor<?xf32>) -> tensor<?xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<?xf32>) outs(%f : tensor<?xf32>) {
  ^bb0(%v: f32, %o: f32):
    %s = arith.addf %v, %o : f32
    linalg.yield %s : f32
  } -> tensor<?xf32>
  return %y : tensor<?xf32>
}

func.func private @make() -> tensor<?xf32>
func.func private @make2() -> tensor<?x?xf32>

func.func @main() -> (tensor<?xf32>, tensor<?xf32>, tensor<?x?xf32>, tensor<?xf32>) {
  %u = call @make() : () -> tensor<?xf32>
  %y:2 = call @read_after(%u) : (tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>)
  %m = call @make2() : () -> tensor<?x?xf32>
  %t = call @transpose(%m) : (tensor<?x?xf32>) -> tensor<?x?xf32>
  %w = call @make() : () -> tensor<?xf32>
  %f = call @from_fill(%w) : (tensor<?xf32>) -> tensor<?xf32>
  return %y#0, %y#1, %t, %f : tensor<?xf32>, tensor<?xf32>, tensor<?x?xf32>, tensor<?xf32>
}

// -----

#id = affine_map<(d0) -> (d0)>

// An scf.while carries its arrays into its body like an scf.for
// (weft-bufferize keeps them in the loop's own buffers): a body argument
// that dies at the call is overwritten; the condition region's argument,
// which the condition passes on, is not.
// CHECK-LABEL: func.func @loop(
// CHECK:         scf.while (%[[B:.*]] = %{{.*}})
// CHECK:           call @double(%[[B]])
// CHECK:           scf.condition
// CHECK:         ^bb0(%[[A:.*]]: tensor<?xf32>):
// CHECK:           %[[D:.*]] = func.call @double.in_place(%[[A]])
// CHECK:           scf.yield %[[D]]
func.func @double(%x: tensor<?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?xf32>
  %e = tensor.empty(%n) : tensor<?xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<?xf32>) outs(%e : tensor<?xf32>) {
  ^bb0(%v: f32, %o: f32):
    %s = arith.addf %v, %v : f32
    linalg.yield %s : f32
  } -> tensor<?xf32>
  return %y : tensor<?xf32>
}

func.func private @make() -> tensor<?xf32>
func.func private @test(%x: tensor<?xf32>) -> i1

func.func @loop() -> tensor<?xf32> {
  %x0 = call @make() : () -> tensor<?xf32>
  %res = scf.while (%b = %x0) : (tensor<?xf32>) -> tensor<?xf32> {
    %d = func.call @double(%b) : (tensor<?xf32>) -> tensor<?xf32>
    %go = func.call @test(%d) : (tensor<?xf32>) -> i1
    scf.condition(%go) %b : tensor<?xf32>
  } do {
  ^bb0(%a: tensor<?xf32>):
    %d = func.call @double(%a) : (tensor<?xf32>) -> tensor<?xf32>
    scf.yield %d : tensor<?xf32>
  }
  return %res : tensor<?xf32>
}
