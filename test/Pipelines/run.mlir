// The whole CPU path: weft-to-llvm, LLVM IR, linked with the runtime, run.
// RUN: weft-opt %s --weft-to-llvm | mlir-translate --mlir-to-llvmir -o %t.ll
// RUN: clang -O1 -Wno-override-module %t.ll %weft_runtime_lib -lpng -lm %openmp_link -o %t
// RUN: %t | FileCheck %s

weft.kernel @matmul(%A: tensor<?x?xf32>, %B: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %M = tensor.dim %A, %c0 : tensor<?x?xf32>
  %K = tensor.dim %A, %c1 : tensor<?x?xf32>
  %K2 = tensor.dim %B, %c0 : tensor<?x?xf32>
  %N = tensor.dim %B, %c1 : tensor<?x?xf32>
  weft.check_extent %K, %K2, "run.weft:1:1: 'B' dimension 0 must equal K"
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

// Softmax over rows, with the temporaries m (max=), e and s (+=).
weft.kernel @softmax(%X: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %R = tensor.dim %X, %c0 : tensor<?x?xf64>
  %C = tensor.dim %X, %c1 : tensor<?x?xf64>
  %m = weft.equation ["r", "c"] = (%R, %C) combiner <max>
      ins(%X : tensor<?x?xf64>) reads [affine_map<(r, c) -> (r, c)>]
      writes affine_map<(r, c) -> (r)> -> tensor<?xf64> {
  ^bb0(%x: f64):
    weft.yield %x : f64
  }
  %e = weft.equation ["r", "c"] = (%R, %C) combiner <none>
      ins(%X, %m : tensor<?x?xf64>, tensor<?xf64>)
      reads [affine_map<(r, c) -> (r, c)>, affine_map<(r, c) -> (r)>]
      writes affine_map<(r, c) -> (r, c)> -> tensor<?x?xf64> {
  ^bb0(%x: f64, %mx: f64):
    %d = arith.subf %x, %mx : f64
    %ex = math.exp %d : f64
    weft.yield %ex : f64
  }
  %s = weft.equation ["r", "c"] = (%R, %C) combiner <add>
      ins(%e : tensor<?x?xf64>) reads [affine_map<(r, c) -> (r, c)>]
      writes affine_map<(r, c) -> (r)> -> tensor<?xf64> {
  ^bb0(%x: f64):
    weft.yield %x : f64
  }
  %Y = weft.equation ["r", "c"] = (%R, %C) combiner <none>
      ins(%e, %s : tensor<?x?xf64>, tensor<?xf64>)
      reads [affine_map<(r, c) -> (r, c)>, affine_map<(r, c) -> (r)>]
      writes affine_map<(r, c) -> (r, c)> -> tensor<?x?xf64> {
  ^bb0(%x: f64, %sum: f64):
    %q = arith.divf %x, %sum : f64
    weft.yield %q : f64
  }
  weft.return %Y : tensor<?x?xf64>
}

// Integer min and product of one vector.
weft.kernel @int_stats(%v: tensor<4xi64>) -> (tensor<i64>, tensor<i32>) {
  %c4 = arith.constant 4 : index
  %mn = weft.equation ["i"] = (%c4) combiner <min>
      ins(%v : tensor<4xi64>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> ()> -> tensor<i64> {
  ^bb0(%x: i64):
    weft.yield %x : i64
  }
  %p = weft.equation ["i"] = (%c4) combiner <mul>
      ins(%v : tensor<4xi64>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> ()> -> tensor<i32> {
  ^bb0(%x: i64):
    %t = arith.trunci %x : i64 to i32
    weft.yield %t : i32
  }
  weft.return %mn, %p : tensor<i64>, tensor<i32>
}

func.func @weft_main() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %two = arith.constant 2.0 : f32
  %half = arith.constant 0.5 : f32
  %A = weft.full %two sizes(%c2, %c3) : f32 -> tensor<?x?xf32>
  %B = weft.full %half sizes(%c3, %c2) : f32 -> tensor<?x?xf32>
  %C = weft.call @matmul(%A, %B) : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  // CHECK:      C = {{\[\[}}3. 3.]
  // CHECK-NEXT: [3. 3.]]
  weft.print "C = {}" (%C : tensor<?x?xf32>)

  // Row [0, ln 3] gives [1/4, 3/4].
  %zero = arith.constant 0.0 : f64
  %ln3 = arith.constant 1.0986122886681098 : f64
  %X0 = weft.full %zero sizes(%c1, %c2) : f64 -> tensor<?x?xf64>
  %X = tensor.insert %ln3 into %X0[%c0, %c1] : tensor<?x?xf64>
  %Y = weft.call @softmax(%X) : (tensor<?x?xf64>) -> tensor<?x?xf64>
  // CHECK-NEXT: softmax {{\[\[}}0.25 0.75]]
  weft.print "softmax {}" (%Y : tensor<?x?xf64>)

  // An array updated in place while its old value is still printed later:
  // the update must not show through.
  %seed = arith.constant 9 : i64
  %r = weft.random seed(%seed) : tensor<3xi64>
  %big = arith.constant 1000 : i64
  %r2 = tensor.insert %big into %r[%c1] : tensor<3xi64>
  // CHECK-NEXT: old {{\[ *[0-9]{1,2} +[0-9]{1,2} +[0-9]{1,2}\]}} new {{\[ *[0-9]{1,2} +1000 +[0-9]{1,2}\]}}
  weft.print "old {} new {}" (%r, %r2 : tensor<3xi64>, tensor<3xi64>)

  %three = arith.constant 3 : i64
  %v0 = weft.full %three : i64 -> tensor<4xi64>
  %minus = arith.constant -2 : i64
  %v = tensor.insert %minus into %v0[%c2] : tensor<4xi64>
  %stats:2 = weft.call @int_stats(%v) : (tensor<4xi64>) -> (tensor<i64>, tensor<i32>)
  // CHECK-NEXT: min -2 product -54
  weft.print "min {} product {}" (%stats#0, %stats#1 : tensor<i64>, tensor<i32>)

  // A host loop carrying an array through a kernel call.
  %l0 = arith.constant 0 : index
  %l4 = arith.constant 4 : index
  %acc = scf.for %i = %l0 to %l4 step %c1 iter_args(%a = %C) -> (tensor<?x?xf32>) {
    %n = weft.call @matmul(%a, %C) : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
    scf.yield %n : tensor<?x?xf32>
  }
  // CHECK-NEXT: loop {{\[\[}}3888. 3888.]
  // CHECK-NEXT: [3888. 3888.]]
  weft.print "loop {}" (%acc : tensor<?x?xf32>)
  return
}
