// Parameters of `fn main` as command-line options, through the whole CPU
// path: weft-to-llvm, LLVM IR, linked with the runtime, run.
// RUN: weft-opt %s --weft-to-llvm | mlir-translate --mlir-to-llvmir -o %t.ll
// RUN: clang -O1 -Wno-override-module %t.ll %weft_runtime_lib -lpng -lm -o %t
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cd %t.dir
// RUN: %python -c "import numpy; numpy.save('in.npy', numpy.arange(6, dtype=numpy.float32).reshape(2, 3))"
// RUN: %t --input in.npy | FileCheck %s
// RUN: %t --input=in.npy --n 7 --scale 0.25 --verbose | FileCheck %s --check-prefix=OPTS
// RUN: %t --help | FileCheck %s --check-prefix=HELP
// RUN: not %t 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not %t --input in.npy --n x 2>&1 | FileCheck %s --check-prefix=MALFORMED
// RUN: not %t --input in.npy --size 3 2>&1 | FileCheck %s --check-prefix=UNKNOWN

// CHECK:      n 512 scale 1.0 verbose false
// CHECK-NEXT: input {{\[\[}}0. 1. 2.]
// CHECK-NEXT: [3. 4. 5.]]
// OPTS:       n 7 scale 0.25 verbose true
// HELP:       usage: {{.*}} [options]
// HELP:       --n <i64>{{ +}}default: 512
// HELP-NEXT:  --scale <f64>{{ +}}default: 1.0
// HELP-NEXT:  --verbose <bool>{{ +}}default: false
// HELP-NEXT:  --input <f32[?, 3]>{{ +}}a .npy file; required
// HELP-NEXT:  --help{{ +}}show this help
// MISSING:    weft: error: missing option '--input' (a .npy file of f32[?, 3]; see --help)
// MALFORMED:  weft: error: option '--n' expects a value of type i64, not 'x'
// UNKNOWN:    weft: error: unknown option '--size' (see --help)

func.func @weft_main() {
  %n = weft.arg "n" : i64 = 512
  %scale = weft.arg "scale" : f64 = 1.0
  %verbose = weft.arg "verbose" : i1 = false
  %input = weft.arg "input" : tensor<?x3xf32>
  weft.print "n {} scale {} verbose {}" (%n, %scale, %verbose : i64, f64, i1)
  weft.print "input {}" (%input : tensor<?x3xf32>)
  return
}
