// RUN: weft-opt %s --split-input-file --weft-pair-time-steps | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>
#up = affine_map<(d0, d1) -> (d0 - 1, d1)>
#down = affine_map<(d0, d1) -> (d0 + 1, d1)>
#left = affine_map<(d0, d1) -> (d0, d1 - 1)>

// A host loop `u = step(u, c)`: steps / 2 calls of a kernel with the body
// twice (the second equation reads the first's result; the extent checks
// are not repeated), then one call of the step when the count is odd.
// CHECK-LABEL: weft.kernel @step(
// CHECK-LABEL: weft.kernel @step.2steps(
// CHECK-SAME:      %[[U:.*]]: tensor<?x?xf32>, %[[C:.*]]: f32)
// CHECK:         weft.check_extent
// CHECK:         %[[T:.*]] = weft.equation {{.*}} init(%[[U]] : tensor<?x?xf32>) ins(%[[U]], %[[U]], %[[U]] :
// CHECK-NOT:     weft.check_extent
// CHECK:         %[[V:.*]] = weft.equation {{.*}} init(%[[T]] : tensor<?x?xf32>) ins(%[[T]], %[[T]], %[[T]] :
// CHECK:         weft.return %[[V]]
// CHECK-LABEL: func.func @main(
// CHECK-SAME:      %[[A:.*]]: tensor<?x?xf32>, %[[LB:.*]]: index, %[[UB:.*]]: index, %[[C2:.*]]: f32)
// CHECK:         %[[STEP:.*]] = arith.constant 1 : index
// CHECK-DAG:     %[[ZERO:.*]] = arith.constant 0 : index
// CHECK-DAG:     %[[ONE:.*]] = arith.constant 1 : index
// CHECK:         %[[SPAN:.*]] = arith.subi %[[UB]], %[[LB]]
// CHECK:         %[[POS:.*]] = arith.maxsi %[[SPAN]], %[[ZERO]]
// CHECK:         %[[TRIPS:.*]] = arith.ceildivsi %[[POS]], %[[STEP]]
// CHECK:         %[[PAIRS:.*]] = arith.shrui %[[TRIPS]], %[[ONE]]
// CHECK:         %[[LOOP:.*]] = scf.for %{{.*}} = %[[ZERO]] to %[[PAIRS]] step %[[ONE]] iter_args(%[[X:.*]] = %[[A]])
// CHECK-NEXT:      %[[Y:.*]] = weft.call @step.2steps(%[[X]], %[[C2]])
// CHECK-NEXT:      scf.yield %[[Y]]
// CHECK:         %[[ODD:.*]] = arith.andi %[[TRIPS]], %[[ONE]]
// CHECK:         %[[IS:.*]] = arith.cmpi ne, %[[ODD]], %[[ZERO]]
// CHECK:         %[[R:.*]] = scf.if %[[IS]]
// CHECK-NEXT:      %[[S:.*]] = weft.call @step(%[[LOOP]], %[[C2]])
// CHECK-NEXT:      scf.yield %[[S]]
// CHECK-NEXT:    } else {
// CHECK-NEXT:      scf.yield %[[LOOP]]
// CHECK:         weft.save %[[R]]
weft.kernel @step(%u: tensor<?x?xf32>, %c: f32) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = tensor.dim %u, %c0 : tensor<?x?xf32>
  %m = tensor.dim %u, %c1 : tensor<?x?xf32>
  weft.check_extent %m, %n, "m is n"
  %e = arith.subi %n, %c1 : index
  %v = weft.equation ["y", "x"] = (%e, %e) from(%c1, %c1) combiner <none> init(%u : tensor<?x?xf32>) ins(%u, %u, %u : tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xf32>) reads [#up, #down, #left] writes #id -> tensor<?x?xf32> {
  ^bb0(%a: f32, %b: f32, %l: f32):
    %s = arith.addf %a, %b : f32
    %t = arith.addf %s, %l : f32
    %r = arith.mulf %t, %c : f32
    weft.yield %r : f32
  }
  weft.return %v : tensor<?x?xf32>
}
func.func @main(%a: tensor<?x?xf32>, %lb: index, %ub: index, %c: f32) {
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %lb to %ub step %c1 iter_args(%u = %a) -> (tensor<?x?xf32>) {
    %unused = arith.index_cast %i : index to i64
    %v = weft.call @step(%u, %c) : (tensor<?x?xf32>, f32) -> tensor<?x?xf32>
    scf.yield %v : tensor<?x?xf32>
  }
  weft.save %r, "out.npy" : tensor<?x?xf32>
  return
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#up = affine_map<(d0, d1) -> (d0 - 1, d1)>
#far = affine_map<(d0, d1) -> (d0 + 3, d1)>
#sym = affine_map<(d0, d1) -> (d0 * 2, d1)>

// Loops that stay: another statement in the body, a second iteration
// argument, a step reading three planes away, a step reading at a
// non-constant offset (a computed subscript), a reduction.
// CHECK-LABEL: func.func @stay(
// CHECK-NOT:     2steps
// CHECK-COUNT-5: weft.call @{{[a-z]+}}(
// CHECK-NOT:     2steps
weft.kernel @step(%u: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %c1 = arith.constant 1 : index
  %c0 = arith.constant 0 : index
  %n = tensor.dim %u, %c0 : tensor<?x?xf32>
  %v = weft.equation ["y", "x"] = (%n, %n) from(%c1, %c0) combiner <none> init(%u : tensor<?x?xf32>) ins(%u : tensor<?x?xf32>) reads [#up] writes #id -> tensor<?x?xf32> {
  ^bb0(%a: f32):
    weft.yield %a : f32
  }
  weft.return %v : tensor<?x?xf32>
}
weft.kernel @far(%u: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %u, %c0 : tensor<?x?xf32>
  %v = weft.equation ["y", "x"] = (%n, %n) combiner <none> init(%u : tensor<?x?xf32>) ins(%u : tensor<?x?xf32>) reads [#far] writes #id -> tensor<?x?xf32> {
  ^bb0(%a: f32):
    weft.yield %a : f32
  }
  weft.return %v : tensor<?x?xf32>
}
weft.kernel @gather(%u: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %u, %c0 : tensor<?x?xf32>
  %v = weft.equation ["y", "x"] = (%n, %n) combiner <none> init(%u : tensor<?x?xf32>) ins(%u : tensor<?x?xf32>) reads [#id] writes #id -> tensor<?x?xf32> {
  ^bb0(%a: f32):
    %y = weft.index 0
    %x = weft.index 1
    %z = weft.read %u[%x, %y] boundary <wrap> "read u" : tensor<?x?xf32> -> f32
    weft.yield %z : f32
  }
  weft.return %v : tensor<?x?xf32>
}
weft.kernel @scaled(%u: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %u, %c0 : tensor<?x?xf32>
  %v = weft.equation ["y", "x"] = (%n, %n) combiner <none> init(%u : tensor<?x?xf32>) ins(%u : tensor<?x?xf32>) reads [#sym] writes #id -> tensor<?x?xf32> {
  ^bb0(%a: f32):
    weft.yield %a : f32
  }
  weft.return %v : tensor<?x?xf32>
}
func.func @stay(%a: tensor<?x?xf32>, %n: index, %s0: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r1 = scf.for %i = %c0 to %n step %c1 iter_args(%u = %a) -> (tensor<?x?xf32>) {
    %v = weft.call @step(%u) : (tensor<?x?xf32>) -> tensor<?x?xf32>
    weft.save %v, "each.npy" : tensor<?x?xf32>
    scf.yield %v : tensor<?x?xf32>
  }
  %r2:2 = scf.for %i = %c0 to %n step %c1 iter_args(%u = %a, %s = %s0) -> (tensor<?x?xf32>, f32) {
    %v = weft.call @step(%u) : (tensor<?x?xf32>) -> tensor<?x?xf32>
    %t = arith.addf %s, %s : f32
    scf.yield %v, %t : tensor<?x?xf32>, f32
  }
  %r3 = scf.for %i = %c0 to %n step %c1 iter_args(%u = %a) -> (tensor<?x?xf32>) {
    %v = weft.call @far(%u) : (tensor<?x?xf32>) -> tensor<?x?xf32>
    scf.yield %v : tensor<?x?xf32>
  }
  %r4 = scf.for %i = %c0 to %n step %c1 iter_args(%u = %a) -> (tensor<?x?xf32>) {
    %v = weft.call @gather(%u) : (tensor<?x?xf32>) -> tensor<?x?xf32>
    scf.yield %v : tensor<?x?xf32>
  }
  %r5 = scf.for %i = %c0 to %n step %c1 iter_args(%u = %a) -> (tensor<?x?xf32>) {
    %v = weft.call @scaled(%u) : (tensor<?x?xf32>) -> tensor<?x?xf32>
    scf.yield %v : tensor<?x?xf32>
  }
  weft.save %r1, "1.npy" : tensor<?x?xf32>
  weft.save %r2#0, "2.npy" : tensor<?x?xf32>
  weft.save %r3, "3.npy" : tensor<?x?xf32>
  weft.save %r4, "4.npy" : tensor<?x?xf32>
  weft.save %r5, "5.npy" : tensor<?x?xf32>
  return
}
