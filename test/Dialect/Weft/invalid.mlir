// RUN: weft-opt %s -split-input-file -verify-diagnostics

// expected-error @below {{'weft.kernel' op needs a body}}
weft.kernel @decl(%x: tensor<?xf32>) -> tensor<?xf32>

// -----

// expected-error @below {{'weft.kernel' op results must be ranked tensors, got 'f32'}}
weft.kernel @scalar(%x: f32) -> f32 {
  weft.return %x : f32
}

// -----

weft.kernel @count(%x: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error @below {{'weft.return' op returns 0 values but 'count' has 1 results}}
  weft.return
}

// -----

weft.kernel @type(%x: tensor<?xf32>) -> tensor<4xf32> {
  // expected-error @below {{'weft.return' op result #0 has type 'tensor<?xf32>' but 'type' declares 'tensor<4xf32>'}}
  weft.return %x : tensor<?xf32>
}

// -----

func.func private @f(tensor<?xf32>) -> tensor<?xf32>

func.func @not_a_kernel(%x: tensor<?xf32>) {
  // expected-error @below {{'weft.call' op 'f' is not a weft.kernel}}
  %y = weft.call @f(%x) : (tensor<?xf32>) -> tensor<?xf32>
  return
}

// -----

func.func @undefined(%x: tensor<?xf32>) {
  // expected-error @below {{'weft.call' op calls 'nope', which is not defined}}
  %y = weft.call @nope(%x) : (tensor<?xf32>) -> tensor<?xf32>
  return
}

// -----

weft.kernel @k(%x: tensor<?xf32>) -> tensor<?xf32> {
  weft.return %x : tensor<?xf32>
}

func.func @signature(%x: tensor<4xf32>) {
  // expected-error @below {{'weft.call' op types do not match the signature of 'k': '(tensor<?xf32>) -> tensor<?xf32>'}}
  %y = weft.call @k(%x) : (tensor<4xf32>) -> tensor<?xf32>
  return
}

// -----

func.func @index_names(%n: index, %x: tensor<?xf32>) {
  // expected-error @below {{'weft.equation' op names 2 indices but its domain has 1 extents}}
  %y = weft.equation ["i", "j"] = (%n) combiner <none>
      ins(%x : tensor<?xf32>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> (i)> -> tensor<?xf32> {
  ^bb0(%e: f32):
    weft.yield %e : f32
  }
  return
}

// -----

func.func @read_count(%n: index, %x: tensor<?xf32>) {
  // expected-error @below {{'weft.equation' op has 1 inputs but 0 read maps}}
  %y = weft.equation ["i"] = (%n) combiner <none>
      ins(%x : tensor<?xf32>) reads []
      writes affine_map<(i) -> (i)> -> tensor<?xf32> {
  ^bb0(%e: f32):
    weft.yield %e : f32
  }
  return
}

// -----

func.func @read_dims(%n: index, %x: tensor<?xf32>) {
  // expected-error @below {{'weft.equation' op read map affine_map<(d0, d1) -> (d0)> must have 1 dimensions and no symbols}}
  %y = weft.equation ["i"] = (%n) combiner <none>
      ins(%x : tensor<?xf32>) reads [affine_map<(i, j) -> (i)>]
      writes affine_map<(i) -> (i)> -> tensor<?xf32> {
  ^bb0(%e: f32):
    weft.yield %e : f32
  }
  return
}

// -----

func.func @read_rank(%n: index, %x: tensor<?x?xf32>) {
  // expected-error @below {{'weft.equation' op read map affine_map<(d0) -> (d0)> has 1 results for an array of rank 2}}
  %y = weft.equation ["i"] = (%n) combiner <none>
      ins(%x : tensor<?x?xf32>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> (i)> -> tensor<?xf32> {
  ^bb0(%e: f32):
    weft.yield %e : f32
  }
  return
}

// -----

func.func @write_dims(%n: index, %x: tensor<?xf32>) {
  // expected-error @below {{'weft.equation' op write map affine_map<(d0)[s0] -> (d0)> must have 1 dimensions and no symbols}}
  %y = weft.equation ["i"] = (%n) combiner <none>
      ins(%x : tensor<?xf32>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i)[s] -> (i)> -> tensor<?xf32> {
  ^bb0(%e: f32):
    weft.yield %e : f32
  }
  return
}

// -----

func.func @write_rank(%n: index, %x: tensor<?xf32>) {
  // expected-error @below {{'weft.equation' op write map affine_map<(d0) -> (d0)> has 1 results for an array of rank 2}}
  %y = weft.equation ["i"] = (%n) combiner <none>
      ins(%x : tensor<?xf32>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> (i)> -> tensor<?x?xf32> {
  ^bb0(%e: f32):
    weft.yield %e : f32
  }
  return
}

// -----

func.func @write_plain(%n: index, %x: tensor<?xf32>) {
  // expected-error @below {{'weft.equation' op write map affine_map<(d0) -> (d0 + 1)> must subscript with distinct plain indices}}
  %y = weft.equation ["i"] = (%n) combiner <none>
      ins(%x : tensor<?xf32>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> (i + 1)> -> tensor<?xf32> {
  ^bb0(%e: f32):
    weft.yield %e : f32
  }
  return
}

// -----

func.func @no_combiner(%n: index, %x: tensor<?x?xf32>) {
  // expected-error @below {{'weft.equation' op reduces over an index but has combiner <none>}}
  %y = weft.equation ["i", "j"] = (%n, %n) combiner <none>
      ins(%x : tensor<?x?xf32>) reads [affine_map<(i, j) -> (i, j)>]
      writes affine_map<(i, j) -> (i)> -> tensor<?xf32> {
  ^bb0(%e: f32):
    weft.yield %e : f32
  }
  return
}

// -----

func.func @combiner_type(%n: index, %x: tensor<?xindex>) {
  // expected-error @below {{'weft.equation' op combiner <add> needs float or signless integer elements other than i1, got 'index'}}
  %y = weft.equation ["i"] = (%n) combiner <add>
      ins(%x : tensor<?xindex>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> ()> -> tensor<index> {
  ^bb0(%e: index):
    weft.yield %e : index
  }
  return
}

// -----

func.func @combiner_bool(%n: index, %x: tensor<?xi1>) {
  // expected-error @below {{'weft.equation' op combiner <max> needs float or signless integer elements other than i1, got 'i1'}}
  %y = weft.equation ["i"] = (%n) combiner <max>
      ins(%x : tensor<?xi1>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> ()> -> tensor<i1> {
  ^bb0(%e: i1):
    weft.yield %e : i1
  }
  return
}

// -----

func.func @combiner_umax_float(%n: index, %x: tensor<?xf32>) {
  // expected-error @below {{'weft.equation' op combiner <umax> compares integers as unsigned, not 'f32'}}
  %y = weft.equation ["i"] = (%n) combiner <umax>
      ins(%x : tensor<?xf32>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> ()> -> tensor<f32> {
  ^bb0(%e: f32):
    weft.yield %e : f32
  }
  return
}

// -----

func.func @combiner_unsigned(%n: index, %x: tensor<?xui32>) {
  // expected-error @below {{'weft.equation' op combiner <min> needs float or signless integer elements other than i1, got 'ui32'}}
  %y = weft.equation ["i"] = (%n) combiner <min>
      ins(%x : tensor<?xui32>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> ()> -> tensor<ui32> {
  ^bb0(%e: ui32):
    weft.yield %e : ui32
  }
  return
}

// -----

func.func @body_args(%n: index, %x: tensor<?xf32>) {
  // expected-error @below {{'weft.equation' op body takes 0 arguments for 1 inputs}}
  %y = weft.equation ["i"] = (%n) combiner <none>
      ins(%x : tensor<?xf32>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> (i)> -> tensor<?xf32> {
    %c = arith.constant 1.0 : f32
    weft.yield %c : f32
  }
  return
}

// -----

func.func @body_arg_type(%n: index, %x: tensor<?xf32>) {
  // expected-error @below {{'weft.equation' op body argument of type 'f64' does not match input element type 'f32'}}
  %y = weft.equation ["i"] = (%n) combiner <none>
      ins(%x : tensor<?xf32>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> (i)> -> tensor<?xf64> {
  ^bb0(%e: f64):
    weft.yield %e : f64
  }
  return
}

// -----

func.func @yield_type(%n: index, %x: tensor<?xf32>) {
  // expected-error @below {{'weft.equation' op body must yield one 'f64'}}
  %y = weft.equation ["i"] = (%n) combiner <none>
      ins(%x : tensor<?xf32>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> (i)> -> tensor<?xf64> {
  ^bb0(%e: f32):
    weft.yield %e : f32
  }
  return
}

// -----

// The body's checks run after its block is known to end in a terminator.
func.func @no_terminator(%n: index, %x: tensor<?xf32>) {
  %y = "weft.equation"(%n, %x) <{combiner = #weft<combiner <none>>, indices = ["i"], reads = [affine_map<(i) -> (i)>], writes = affine_map<(i) -> (i)>, operandSegmentSizes = array<i32: 1, 0, 0, 1>}> ({
  ^bb0(%e: f32):
    // expected-error @below {{block with no terminator}}
    %c = arith.addf %e, %e : f32
  }) : (index, tensor<?xf32>) -> tensor<?xf32>
  return
}

// -----

func.func @full_type(%v: f64) {
  // expected-error @below {{'weft.full' op value of type 'f64' does not match element type 'f32'}}
  %z = weft.full %v : f64 -> tensor<4xf32>
  return
}

// -----

func.func @full_sizes(%v: f32, %n: index) {
  // expected-error @below {{'weft.full' op has 1 sizes for 2 dynamic dimensions of 'tensor<?x?xf32>'}}
  %z = weft.full %v sizes(%n) : f32 -> tensor<?x?xf32>
  return
}

// -----

func.func @random_sizes(%seed: i64, %n: index) {
  // expected-error @below {{'weft.random' op has 1 sizes for 0 dynamic dimensions of 'tensor<4xf32>'}}
  %r = weft.random seed(%seed) sizes(%n) : tensor<4xf32>
  return
}

// -----

func.func @print_holes(%x: f32) {
  // expected-error @below {{'weft.print' op format has 2 '{}' holes for 1 values}}
  weft.print "{} and {}" (%x : f32)
  return
}

// -----

func.func @print_unsigned_float(%x: f32, %k: i8) {
  // expected-error @below {{'weft.print' op unsigned_values names 0, which is not the position of an integer value}}
  weft.print "{} {}" (%x, %k : f32, i8) {unsigned_values = array<i64: 0>}
  return
}

// -----

func.func @print_unsigned_out_of_range(%k: i8) {
  // expected-error @below {{'weft.print' op unsigned_values names 1, which is not the position of an integer value}}
  weft.print "{}" (%k : i8) {unsigned_values = array<i64: 1>}
  return
}

// -----

func.func @print_escaped(%x: f32) {
  // expected-error @below {{'weft.print' op format has 0 '{}' holes for 1 values}}
  weft.print "{{}}" (%x : f32)
  return
}

// -----

func.func @reduce_all_bool(%a: tensor<4xi1>) {
  // expected-error @below {{'weft.reduce_all' op needs float or signless integer elements other than i1, got 'i1'}}
  %r = weft.reduce_all <add> %a : tensor<4xi1> -> i1
  return
}

// -----

func.func @reduce_all_type(%a: tensor<?xf32>) {
  // expected-error @below {{'weft.reduce_all' op <max> of 'f32' elements gives 'f32', not 'f64'}}
  %r = weft.reduce_all <max> %a : tensor<?xf32> -> f64
  return
}

// -----

func.func @reduce_all_mean(%a: tensor<?xi32>) {
  // expected-error @below {{'weft.reduce_all' op <mean> of 'i32' elements gives 'f64', not 'i32'}}
  %r = weft.reduce_all <mean> %a : tensor<?xi32> -> i32
  return
}

// -----

func.func @reduce_all_scalar(%a: f32) {
  // expected-error @below {{'weft.reduce_all' op operand #0 must be ranked tensor of any type values, but got 'f32'}}
  %r = "weft.reduce_all"(%a) <{kind = #weft<reduce_all_kind<add>>}> : (f32) -> f32
  return
}

// -----

func.func @save_image_element(%a: tensor<2x2xindex>) {
  // expected-error @below {{'weft.save_image' op cannot save an image of 'index' elements}}
  weft.save_image %a, "a.png" : tensor<2x2xindex>
  return
}

// -----

func.func @save_image_float_rank(%a: tensor<2x2x3xf32>) {
  // expected-error @below {{'weft.save_image' op needs a rank-2 array [height, width] of floats, got 'tensor<2x2x3xf32>'}}
  weft.save_image %a, "a.png" : tensor<2x2x3xf32>
  return
}

// -----

func.func @save_image_int_shape(%a: tensor<2x2x4xi8>) {
  // expected-error @below {{'weft.save_image' op needs a rank-2 array [height, width] or a rank-3 array [height, width, 3] of integers, got 'tensor<2x2x4xi8>'}}
  weft.save_image %a, "a.png" : tensor<2x2x4xi8>
  return
}

// -----

func.func @save_image_half_range(%a: tensor<?x?xf32>, %lo: f64) {
  // expected-error @below {{'weft.save_image' op needs both ends of its range or neither}}
  "weft.save_image"(%a, %lo) <{path = "a.png", operandSegmentSizes = array<i32: 1, 1, 0>}> : (tensor<?x?xf32>, f64) -> ()
  return
}

// -----

func.func @save_image_int_colormap(%a: tensor<?x?xi32>) {
  // expected-error @below {{'weft.save_image' op colormap applies only to float arrays, got 'tensor<?x?xi32>'}}
  weft.save_image %a, "a.png" colormap "grey" : tensor<?x?xi32>
  return
}

// -----

func.func @save_image_int_range(%a: tensor<?x?xi32>, %lo: f64, %hi: f64) {
  // expected-error @below {{'weft.save_image' op range applies only to float arrays, got 'tensor<?x?xi32>'}}
  weft.save_image %a, "a.png" range(%lo, %hi) : tensor<?x?xi32>
  return
}

// -----

func.func @save_image_colormap(%a: tensor<?x?xf32>) {
  // expected-error @below {{'weft.save_image' op unknown colormap 'jet' (known colormaps: viridis, inferno, grey)}}
  weft.save_image %a, "a.png" colormap "jet" : tensor<?x?xf32>
  return
}

// -----

func.func @not_main() {
  // expected-error @below {{'weft.arg' op must be at the top level of @weft_main}}
  %n = weft.arg "n" : i64
  return
}

// -----

func.func @weft_main() {
  // expected-error @below {{'weft.arg' op cannot name an option 'help'}}
  %n = weft.arg "help" : i1
  return
}

// -----

func.func @weft_main() {
  // expected-error @below {{'weft.arg' op cannot name an option 'a=b'}}
  %n = weft.arg "a=b" : i64
  return
}

// -----

func.func @weft_main() {
  // expected-error @below {{'weft.arg' op cannot be of type 'index'}}
  %n = weft.arg "n" : index
  return
}

// -----

func.func @weft_main() {
  // expected-error @below {{'weft.arg' op cannot be of type 'tensor<?xui8>'}}
  %n = weft.arg "n" : tensor<?xui8>
  return
}

// -----

func.func @weft_main() {
  // expected-error @below {{'weft.arg' op default of an array parameter must be the path of a .npy file, got 3 : i64}}
  %n = "weft.arg"() <{name = "a", default_value = 3 : i64}> : () -> tensor<?xf32>
  return
}

// -----

func.func @weft_main() {
  // expected-error @below {{'weft.arg' op default 2.500000e+00 : f32 is not a value of type 'f64'}}
  %n = "weft.arg"() <{name = "x", default_value = 2.5 : f32}> : () -> f64
  return
}

// -----

func.func @lower_count(%n: index, %x: tensor<?xf32>) {
  // expected-error @below {{'weft.equation' op has 1 lower bounds for 2 indices}}
  %y = weft.equation ["i", "j"] = (%n, %n) from(%n) combiner <add> init(%x : tensor<?xf32>)
      reads [] writes affine_map<(i, j) -> (i)> -> tensor<?xf32> {
    %c = arith.constant 1.0 : f32
    weft.yield %c : f32
  }
  return
}

// -----

func.func @init_type(%n: index, %x: tensor<?xf64>) {
  // expected-error @below {{'weft.equation' op init of type 'tensor<?xf64>' does not match the result type 'tensor<?xf32>'}}
  %y = weft.equation ["i"] = (%n) combiner <none> init(%x : tensor<?xf64>)
      reads [] writes affine_map<(i) -> (i)> -> tensor<?xf32> {
    %c = arith.constant 1.0 : f32
    weft.yield %c : f32
  }
  return
}

// -----

func.func @lower_without_init(%n: index, %lo: index) {
  // expected-error @below {{'weft.equation' op writes index 'i' from a lower bound that may not be 0, which needs init}}
  %y = weft.equation ["i"] = (%n) from(%lo) combiner <none>
      reads [] writes affine_map<(i) -> (i)> -> tensor<?xf32> {
    %c = arith.constant 1.0 : f32
    weft.yield %c : f32
  }
  return
}

// -----

func.func @any_of_floats(%n: index, %x: tensor<?xf32>) {
  // expected-error @below {{'weft.equation' op combiner <any> needs i1 elements, got 'f32'}}
  %y = weft.equation ["i"] = (%n) combiner <any> ins(%x : tensor<?xf32>)
      reads [affine_map<(i) -> (i)>] writes affine_map<(i) -> ()> -> tensor<f32> {
  ^bb0(%e: f32):
    weft.yield %e : f32
  }
  return
}

// -----

func.func @index_position(%n: index) {
  %y = weft.equation ["i"] = (%n) combiner <none>
      reads [] writes affine_map<(i) -> (i)> -> tensor<?xindex> {
    // expected-error @below {{'weft.index' op position 1 is not an index of an equation with 1 indices}}
    %i = weft.index 1
    weft.yield %i : index
  }
  return
}

// -----

func.func @read_rank(%n: index, %x: tensor<?x?xf32>) {
  %y = weft.equation ["i"] = (%n) combiner <none>
      reads [] writes affine_map<(i) -> (i)> -> tensor<?xf32> {
    %i = weft.index 0
    // expected-error @below {{'weft.read' op has 1 subscripts for an array of rank 2}}
    %v = weft.read %x[%i] boundary <none> "m" : tensor<?x?xf32> -> f32
    weft.yield %v : f32
  }
  return
}

// -----

func.func @read_type(%n: index, %x: tensor<?xf32>) {
  %y = weft.equation ["i"] = (%n) combiner <none>
      reads [] writes affine_map<(i) -> (i)> -> tensor<?xf64> {
    %i = weft.index 0
    // expected-error @below {{'weft.read' op result of type 'f64' does not match element type 'f32'}}
    %v = weft.read %x[%i] boundary <none> "m" : tensor<?xf32> -> f64
    weft.yield %v : f64
  }
  return
}

// -----

func.func @read_inside(%n: index, %x: tensor<?x?xf32>) {
  %y = weft.equation ["i"] = (%n) combiner <none>
      reads [] writes affine_map<(i) -> (i)> -> tensor<?xf32> {
    %i = weft.index 0
    // expected-error @below {{'weft.read' op inside dimensions must be increasing dimensions of the array}}
    %v = weft.read %x[%i, %i] boundary <wrap> "m" {inside = array<i64: 2>} : tensor<?x?xf32> -> f32
    weft.yield %v : f32
  }
  return
}

// -----

func.func @read_bases(%n: index, %x: tensor<?x?xf32>) {
  %y = weft.equation ["i"] = (%n) combiner <none>
      reads [] writes affine_map<(i) -> (i)> -> tensor<?xf32> {
    %i = weft.index 0
    // expected-error @below {{'weft.read' op bases must give one index of the equation, or -1, per dimension of the array}}
    %v = weft.read %x[%i, %i] boundary <wrap> "m" {bases = array<i64: 0, 1>} : tensor<?x?xf32> -> f32
    weft.yield %v : f32
  }
  return
}

// -----

func.func @read_no_padding(%n: index, %x: tensor<?xf32>) {
  %y = weft.equation ["i"] = (%n) combiner <none>
      reads [] writes affine_map<(i) -> (i)> -> tensor<?xf32> {
    %i = weft.index 0
    // expected-error @below {{'weft.read' op boundary <constant> needs a padding value}}
    %v = weft.read %x[%i] boundary <constant> "m" : tensor<?xf32> -> f32
    weft.yield %v : f32
  }
  return
}

// -----

func.func @read_stray_padding(%n: index, %x: tensor<?xf32>, %p: f32) {
  %y = weft.equation ["i"] = (%n) combiner <none>
      reads [] writes affine_map<(i) -> (i)> -> tensor<?xf32> {
    %i = weft.index 0
    // expected-error @below {{'weft.read' op only boundary <constant> takes a padding value}}
    %v = weft.read %x[%i] boundary <wrap> padding(%p : f32) "m" : tensor<?xf32> -> f32
    weft.yield %v : f32
  }
  return
}

// -----

func.func @read_padding_type(%n: index, %x: tensor<?xf32>, %p: f64) {
  %y = weft.equation ["i"] = (%n) combiner <none>
      reads [] writes affine_map<(i) -> (i)> -> tensor<?xf32> {
    %i = weft.index 0
    // expected-error @below {{'weft.read' op padding of type 'f64' does not match element type 'f32'}}
    %v = weft.read %x[%i] boundary <constant> padding(%p : f64) "m" : tensor<?xf32> -> f32
    weft.yield %v : f32
  }
  return
}

// -----

func.func @read_outside_equation(%x: tensor<?xf32>, %i: index) {
  // expected-error @below {{'weft.read' op expects parent op to be one of 'weft.equation, weft.reduce_range'}}
  %v = weft.read %x[%i] boundary <none> "m" : tensor<?xf32> -> f32
  return
}

// -----

func.func @reduce_range_none(%n: index, %lo: index, %hi: index) {
  %y = weft.equation ["i"] = (%n) combiner <none>
      reads [] writes affine_map<(i) -> (i)> -> tensor<?xf32> {
    // expected-error @below {{'weft.reduce_range' op needs a combiner other than <none>}}
    %s = weft.reduce_range %lo to %hi combiner <none> : f32 {
    ^bb0(%p: index):
      %c = arith.constant 1.0 : f32
      weft.yield %c : f32
    }
    weft.yield %s : f32
  }
  return
}

// -----

func.func @reduce_range_yield(%n: index, %lo: index, %hi: index) {
  %y = weft.equation ["i"] = (%n) combiner <none>
      reads [] writes affine_map<(i) -> (i)> -> tensor<?xf32> {
    // expected-error @below {{'weft.reduce_range' op body must yield one 'f32'}}
    %s = weft.reduce_range %lo to %hi combiner <add> : f32 {
    ^bb0(%p: index):
      %c = arith.constant 1.0 : f64
      weft.yield %c : f64
    }
    weft.yield %s : f32
  }
  return
}

// -----

func.func @reduce_range_argument(%n: index, %lo: index, %hi: index) {
  %y = weft.equation ["i"] = (%n) combiner <none>
      reads [] writes affine_map<(i) -> (i)> -> tensor<?xf32> {
    // expected-error @below {{'weft.reduce_range' op body must take one index argument}}
    %s = weft.reduce_range %lo to %hi combiner <add> : f32 {
    ^bb0(%p: i64):
      %c = arith.constant 1.0 : f32
      weft.yield %c : f32
    }
    weft.yield %s : f32
  }
  return
}

// -----

func.func @reduce_range_bool_sum(%n: index, %lo: index, %hi: index) {
  %y = weft.equation ["i"] = (%n) combiner <none>
      reads [] writes affine_map<(i) -> (i)> -> tensor<?xi1> {
    // expected-error @below {{'weft.reduce_range' op combiner <add> needs float or signless integer elements other than i1, got 'i1'}}
    %s = weft.reduce_range %lo to %hi combiner <add> : i1 {
    ^bb0(%p: index):
      %c = arith.constant true
      weft.yield %c : i1
    }
    weft.yield %s : i1
  }
  return
}

// -----

func.func @reduce_range_outside_equation(%lo: index, %hi: index) {
  // expected-error @below {{'weft.reduce_range' op expects parent op to be one of 'weft.equation, weft.reduce_range'}}
  %s = weft.reduce_range %lo to %hi combiner <add> : f32 {
  ^bb0(%p: index):
    %c = arith.constant 1.0 : f32
    weft.yield %c : f32
  }
  return
}
