// RUN: weft-opt %s --split-input-file --weft-bufferize | FileCheck %s

// CG's loop: the body yields arrays a kernel returned freshly allocated and
// the condition reads only a scalar. Upstream's scf.while model copied both
// arrays at scf.condition on every iteration; the loop owns them, so the
// condition passes its arguments on. r and p start as the same b, read
// after the loop: the analysis gives the loop copies of b to start from.
// CHECK-LABEL: func.func @main(
// CHECK-SAME:    %[[B:.*]]: memref<?xf64>
// CHECK:         scf.while
// CHECK-NOT:       memref.copy
// CHECK:           scf.condition(%{{.*}}) %arg2, %arg3, %arg4 :
// CHECK-NOT:       memref.copy
// CHECK:         } do {
// CHECK-NOT:       memref.copy
// CHECK:           scf.yield
// CHECK-NEXT:    }
// CHECK:         call @step(%[[B]]
func.func @step(%a: tensor<?xf64>, %b: tensor<?xf64>) -> tensor<?xf64> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %a, %c0 : tensor<?xf64>
  %e = tensor.empty(%n) : tensor<?xf64>
  %s = linalg.add ins(%a, %b : tensor<?xf64>, tensor<?xf64>) outs(%e : tensor<?xf64>) -> tensor<?xf64>
  return %s : tensor<?xf64>
}

func.func @main(%b: tensor<?xf64>, %n: i64) -> (tensor<?xf64>, tensor<?xf64>) {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %w:3 = scf.while (%r = %b, %p = %b, %s = %c0)
      : (tensor<?xf64>, tensor<?xf64>, i64) -> (tensor<?xf64>, tensor<?xf64>, i64) {
    %go = arith.cmpi slt, %s, %n : i64
    scf.condition(%go) %r, %p, %s : tensor<?xf64>, tensor<?xf64>, i64
  } do {
  ^bb0(%r: tensor<?xf64>, %p: tensor<?xf64>, %s: i64):
    %r2 = func.call @step(%r, %p) : (tensor<?xf64>, tensor<?xf64>) -> tensor<?xf64>
    %p2 = func.call @step(%p, %r2) : (tensor<?xf64>, tensor<?xf64>) -> tensor<?xf64>
    %s2 = arith.addi %s, %c1 : i64
    scf.yield %r2, %p2, %s2 : tensor<?xf64>, tensor<?xf64>, i64
  }
  %after = func.call @step(%b, %w#0) : (tensor<?xf64>, tensor<?xf64>) -> tensor<?xf64>
  return %after, %w#1 : tensor<?xf64>, tensor<?xf64>
}

// -----

// The copies stay where the loop does not own the buffer: the body yields
// b, defined outside (r = b), and yields the same fresh array twice
// (p = q, x = q), so the next iteration would see b, or p and x, shared.
// CHECK-LABEL: func.func @shared(
// CHECK:         scf.while
// CHECK-COUNT-3:   memref.copy
// CHECK:           scf.condition
func.func @step(%a: tensor<?xf64>, %b: tensor<?xf64>) -> tensor<?xf64> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %a, %c0 : tensor<?xf64>
  %e = tensor.empty(%n) : tensor<?xf64>
  %s = linalg.add ins(%a, %b : tensor<?xf64>, tensor<?xf64>) outs(%e : tensor<?xf64>) -> tensor<?xf64>
  return %s : tensor<?xf64>
}

func.func @shared(%b: tensor<?xf64>, %n: i64) -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %w:4 = scf.while (%r = %b, %p = %b, %x = %b, %s = %c0)
      : (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, i64)
        -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, i64) {
    %go = arith.cmpi slt, %s, %n : i64
    scf.condition(%go) %r, %p, %x, %s : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, i64
  } do {
  ^bb0(%r: tensor<?xf64>, %p: tensor<?xf64>, %x: tensor<?xf64>, %s: i64):
    %q = func.call @step(%r, %p) : (tensor<?xf64>, tensor<?xf64>) -> tensor<?xf64>
    %s2 = arith.addi %s, %c1 : i64
    scf.yield %b, %q, %q, %s2 : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, i64
  }
  return %w#0, %w#1, %w#2 : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}
