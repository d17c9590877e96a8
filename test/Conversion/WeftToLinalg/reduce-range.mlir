// RUN: weft-opt %s --convert-weft-to-linalg | FileCheck %s
// weft.reduce_range becomes an scf.for inside the generic's body, carrying
// the accumulator from the combiner's identity (a reversed range runs no
// iteration and gives it too); its weft.index and weft.read are expanded
// like those of the equation body (a <check> read: weft.check_index).

// CHECK-LABEL: func.func @csr_row
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel"]
// CHECK:           %[[R:.*]] = linalg.index 0 : index
// CHECK:           %[[LO:.*]] = tensor.extract %{{.*}}[%[[R]]]
// CHECK:           %[[HI:.*]] = tensor.extract
// CHECK:           %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK:           %[[S:.*]] = scf.for %[[P:.*]] = %[[LO]] to %[[HI]] step %{{.*}} iter_args(%[[ACC:.*]] = %[[ZERO]]) -> (f64) {
// CHECK:             weft.check_index %[[P]], %{{.*}}, "m is out of bounds"
// CHECK:             %[[V:.*]] = tensor.extract %{{.*}}[%[[P]]] : tensor<?xf64>
// CHECK:             %[[W:.*]] = arith.mulf %[[V]], %{{.*}} : f64
// CHECK:             %[[SUM:.*]] = arith.addf %[[ACC]], %[[W]] : f64
// CHECK:             scf.yield %[[SUM]] : f64
// CHECK:           linalg.yield %[[S]] : f64
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
      %f = arith.index_cast %i : index to i64
      %g = arith.sitofp %f : i64 to f64
      %v = weft.read %vals[%p] boundary <check> "m" : tensor<?xf64> -> f64
      %w = arith.mulf %v, %g : f64
      weft.yield %w : f64
    }
    weft.yield %s : f64
  }
  return %y : tensor<?xf64>
}

// Nested ranges (a max of sums) and an outer reduced index: the equation
// keeps its combiner for `k`, each range has its own.
// CHECK-LABEL: func.func @nested
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK:           scf.for {{.*}} -> (f32) {
// CHECK:             scf.for {{.*}} -> (f32) {
// CHECK:               arith.maximumf
// CHECK:             arith.maximumf
// CHECK:           arith.maximumf
func.func @nested(%m: index, %k: index, %n: index) -> tensor<?xf32> {
  %y = weft.equation ["r", "k"] = (%m, %k) combiner <max>
      reads [] writes affine_map<(r, k) -> (r)> -> tensor<?xf32> {
    %r = weft.index 0
    %s = weft.reduce_range %r to %n combiner <max> : f32 {
    ^bb0(%p: index):
      %t = weft.reduce_range %p to %n combiner <max> : f32 {
      ^bb0(%q: index):
        %c = arith.constant 1.0 : f32
        weft.yield %c : f32
      }
      weft.yield %t : f32
    }
    weft.yield %s : f32
  }
  return %y : tensor<?xf32>
}
