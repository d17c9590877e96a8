// weft.save_image through the whole CPU path, then the PNGs decoded.
// RUN: weft-opt %s --weft-to-llvm | mlir-translate --mlir-to-llvmir -o %t.ll
// RUN: clang -O1 -Wno-override-module %t.ll %weft_runtime_lib -lpng -lm %openmp_link -o %t
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cd %t.dir && %t
// RUN: %python %S/../Runtime/Inputs/png_show.py %t.dir/ramp.png %t.dir/clamped.png %t.dir/mask.png | FileCheck %s

// The ramp 0..3 over the array's own range: inferno's first and last colours
// at the ends.
// CHECK:      ramp.png 2x2 rgb
// CHECK-NEXT: row 0: (0, 0, 4) {{.*}}
// CHECK-NEXT: row 1: {{.*}} (252, 255, 164)
// With range (1, 2): 0 and 1 are black, 2 and 3 white.
// CHECK:      clamped.png 2x2 rgb
// CHECK-NEXT: row 0: (0, 0, 0) (0, 0, 0)
// CHECK-NEXT: row 1: (255, 255, 255) (255, 255, 255)
// CHECK:      mask.png 3x1 grey
// CHECK-NEXT: row 0: 0 255 7

func.func @weft_main() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %f0 = arith.constant 0.0 : f64
  %f1 = arith.constant 1.0 : f64
  %f2 = arith.constant 2.0 : f64
  %f3 = arith.constant 3.0 : f64
  %r0 = weft.full %f0 sizes(%c2, %c2) : f64 -> tensor<?x?xf64>
  %r1 = tensor.insert %f1 into %r0[%c0, %c1] : tensor<?x?xf64>
  %r2 = tensor.insert %f2 into %r1[%c1, %c0] : tensor<?x?xf64>
  %r = tensor.insert %f3 into %r2[%c1, %c1] : tensor<?x?xf64>
  weft.save_image %r, "ramp.png" colormap "inferno" : tensor<?x?xf64>
  weft.save_image %r, "clamped.png" colormap "grey" range(%f1, %f2) : tensor<?x?xf64>
  %i0 = arith.constant 0 : i32
  %big = arith.constant 300 : i32
  %seven = arith.constant 7 : i32
  %m0 = weft.full %i0 : i32 -> tensor<1x3xi32>
  %m1 = tensor.insert %big into %m0[%c0, %c1] : tensor<1x3xi32>
  %m = tensor.insert %seven into %m1[%c0, %c2] : tensor<1x3xi32>
  weft.save_image %m, "mask.png" : tensor<1x3xi32>
  return
}
