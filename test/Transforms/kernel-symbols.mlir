// RUN: weft-opt %s --weft-kernel-symbols --split-input-file -verify-diagnostics | FileCheck %s

// Kernels (public definitions) are renamed with their calls; the runtime's
// entry points and declarations keep their names.
// CHECK-LABEL: func.func @weft_k_free(
// CHECK:       func.func private @weft_rt_print_newline()
// CHECK-LABEL: func.func @weft_main()
// CHECK:         call @weft_k_free(
// CHECK:         call @weft_rt_print_newline()
// CHECK-LABEL: func.func @weft_declare_args()
// CHECK-LABEL: func.func private @helper()
func.func @free(%x: f32) -> f32 {
  return %x : f32
}
func.func private @weft_rt_print_newline()
func.func @weft_main() {
  %c = arith.constant 1.0 : f32
  %r = call @free(%c) : (f32) -> f32
  call @weft_rt_print_newline() : () -> ()
  return
}
func.func @weft_declare_args() {
  return
}
func.func private @helper() {
  return
}

// -----

// The front end reserves `weft_`; a module from elsewhere may still hold
// the name a kernel would take.
// expected-error @below {{the symbol 'weft_k_scale' for kernel 'scale' is taken}}
func.func @scale() {
  return
}
func.func private @weft_k_scale()
