// RUN: weft-opt %s --convert-weft-to-runtime -split-input-file -verify-diagnostics

func.func @print_complex(%c: complex<f32>) {
  // expected-error @below {{'weft.print' op cannot print a value of type 'complex<f32>'}}
  // expected-error @below {{failed to legalize operation 'weft.print'}}
  weft.print "{}" (%c : complex<f32>)
  return
}

// -----

func.func @random_index(%seed: i64) {
  // expected-error @below {{'weft.random' op has no runtime support for arrays of 'i128'}}
  // expected-error @below {{failed to legalize operation 'weft.random'}}
  %r = weft.random seed(%seed) : tensor<4xi128>
  return
}

// -----

// Kernels cannot take the runtime's names; its declarations can be there.
func.func private @weft_rt_print_newline()

// expected-error @below {{the name 'weft_rt_clock' is reserved for the Weft runtime}}
func.func @weft_rt_clock(%x: tensor<?xf32>) -> tensor<?xf32> {
  return %x : tensor<?xf32>
}

func.func @weft_main() -> f64 {
  %t = weft.clock : f64
  return %t : f64
}
