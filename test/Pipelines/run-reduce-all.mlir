// Whole-array reductions through the whole CPU path: weft-to-llvm, LLVM IR,
// linked with the runtime, run.
// RUN: weft-opt %s --weft-to-llvm | mlir-translate --mlir-to-llvmir -o %t.ll
// RUN: clang -O1 -Wno-override-module %t.ll %weft_runtime_lib -lpng -lm %openmp_link -o %t
// RUN: %t | FileCheck %s

func.func @weft_main() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  // A 2x3 float array [[0.5, 0.5, 0.5], [0.5, 4.0, -2.5]].
  %half = arith.constant 0.5 : f32
  %four = arith.constant 4.0 : f32
  %minus = arith.constant -2.5 : f32
  %a0 = weft.full %half sizes(%c2, %c3) : f32 -> tensor<?x?xf32>
  %a1 = tensor.insert %four into %a0[%c1, %c1] : tensor<?x?xf32>
  %a = tensor.insert %minus into %a1[%c1, %c2] : tensor<?x?xf32>
  %sum = weft.reduce_all <add> %a : tensor<?x?xf32> -> f32
  %max = weft.reduce_all <max> %a : tensor<?x?xf32> -> f32
  %min = weft.reduce_all <min> %a : tensor<?x?xf32> -> f32
  %mean = weft.reduce_all <mean> %a : tensor<?x?xf32> -> f64
  // CHECK:      sum 3.5 max 4.0 min -2.5 mean 0.5833333333333334
  weft.print "sum {} max {} min {} mean {}" (%sum, %max, %min, %mean : f32, f32, f32, f64)

  // Integers: the sum wraps in i8, the mean does not (it sums in i64).
  %hundred = arith.constant 100 : i8
  %v = weft.full %hundred : i8 -> tensor<3xi8>
  %isum = weft.reduce_all <add> %v : tensor<3xi8> -> i8
  %imean = weft.reduce_all <mean> %v : tensor<3xi8> -> f64
  %neg = arith.constant -7 : i64
  %w0 = weft.full %neg sizes(%c3) : i64 -> tensor<?xi64>
  %nine = arith.constant 9 : i64
  %w = tensor.insert %nine into %w0[%c0] : tensor<?xi64>
  %imax = weft.reduce_all <max> %w : tensor<?xi64> -> i64
  %imin = weft.reduce_all <min> %w : tensor<?xi64> -> i64
  // CHECK-NEXT: isum 44 imean 100.0 imax 9 imin -7
  weft.print "isum {} imean {} imax {} imin {}" (%isum, %imean, %imax, %imin : i8, f64, i64, i64)

  // Empty arrays give the identities, and a NaN mean.
  %e = weft.full %half sizes(%c0) : f32 -> tensor<?xf32>
  %esum = weft.reduce_all <add> %e : tensor<?xf32> -> f32
  %emax = weft.reduce_all <max> %e : tensor<?xf32> -> f32
  %emean = weft.reduce_all <mean> %e : tensor<?xf32> -> f64
  // CHECK-NEXT: empty 0.0 -inf nan
  weft.print "empty {} {} {}" (%esum, %emax, %emean : f32, f32, f64)
  return
}
