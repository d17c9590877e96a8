// RUN: weft-opt %s --convert-weft-to-linalg --split-input-file | FileCheck %s
// RUN: weft-opt %s --convert-weft-to-linalg --split-input-file | weft-opt --split-input-file --weft-to-loops | FileCheck %s --check-prefix=LOOPS
// Scalars a kernel defines are rank-0 tensors: `r = sqrt(s)` is an equation
// with an empty iteration space, which becomes a zero-dimensional
// linalg.generic; a rank-0 input is read through a map to `()`.

// CHECK-DAG:   #[[$SCALAR:.*]] = affine_map<() -> ()>
// CHECK-LABEL: func.func @sqrt_of
// CHECK-SAME:    (%[[S:.*]]: tensor<f64>) -> tensor<f64>
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<f64>
// CHECK-NOT:     linalg.fill
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$SCALAR]], #[[$SCALAR]]]
// CHECK-SAME:      iterator_types = []
// CHECK-SAME:      ins(%[[S]] : tensor<f64>) outs(%[[E]] : tensor<f64>)
// CHECK-NEXT:    ^bb0(%[[SE:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[Q:.*]] = math.sqrt %[[SE]] : f64
// CHECK-NEXT:      linalg.yield %[[Q]] : f64
// CHECK:         return %[[R]] : tensor<f64>
// LOOPS-LABEL: func.func @sqrt_of
// LOOPS-SAME:    (%[[S:.*]]: memref<f64>) -> memref<f64>
// LOOPS:         %[[A:.*]] = memref.alloc() {{.*}}: memref<f64>
// LOOPS:         %[[SE:.*]] = memref.load %[[S]][] : memref<f64>
// LOOPS:         %[[Q:.*]] = math.sqrt %[[SE]] : f64
// LOOPS:         memref.store %[[Q]], %[[A]][] : memref<f64>
// LOOPS:         return %[[A]] : memref<f64>
weft.kernel @sqrt_of(%s: tensor<f64>) -> tensor<f64> {
  %r = weft.equation [] = () combiner <none>
      ins(%s : tensor<f64>) reads [affine_map<() -> ()>]
      writes affine_map<() -> ()> -> tensor<f64> {
  ^bb0(%se: f64):
    %q = math.sqrt %se : f64
    weft.yield %q : f64
  }
  weft.return %r : tensor<f64>
}

// -----

// No inputs at all: `r = 42`.
// CHECK-LABEL: func.func @constant
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<i64>
// CHECK:         %[[R:.*]] = linalg.generic
// CHECK-SAME:      iterator_types = []
// CHECK-SAME:      outs(%[[E]] : tensor<i64>)
// CHECK-NEXT:    ^bb0(%{{.*}}: i64):
// CHECK-NEXT:      %[[C:.*]] = arith.constant 42 : i64
// CHECK-NEXT:      linalg.yield %[[C]] : i64
// CHECK:         return %[[R]] : tensor<i64>
// LOOPS-LABEL: func.func @constant
// LOOPS:         %[[A:.*]] = memref.alloc() {{.*}}: memref<i64>
// LOOPS:         memref.store %{{.*}}, %[[A]][] : memref<i64>
// LOOPS:         return %[[A]] : memref<i64>
weft.kernel @constant() -> tensor<i64> {
  %r = weft.equation [] = () combiner <none> reads []
      writes affine_map<() -> ()> -> tensor<i64> {
    %c = arith.constant 42 : i64
    weft.yield %c : i64
  }
  weft.return %r : tensor<i64>
}

// -----

// `y[i] = x[i] / m` with a scalar `m`: the rank-0 input is broadcast.
// CHECK-DAG:   #[[$ID:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG:   #[[$BCAST:.*]] = affine_map<(d0) -> ()>
// CHECK-LABEL: func.func @divide_by
// CHECK-SAME:    (%[[X:.*]]: tensor<?xf32>, %[[M:.*]]: tensor<f32>, %[[N:.*]]: index)
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID]], #[[$BCAST]], #[[$ID]]]
// CHECK-SAME:      iterator_types = ["parallel"]
// CHECK-SAME:      ins(%[[X]], %[[M]] : tensor<?xf32>, tensor<f32>)
// LOOPS-LABEL: func.func @divide_by
// LOOPS:         scf.for
// LOOPS:           memref.load %{{.*}}[] : memref<f32>
// LOOPS:           arith.divf
weft.kernel @divide_by(%x: tensor<?xf32>, %m: tensor<f32>, %n: index) -> tensor<?xf32> {
  %y = weft.equation ["i"] = (%n) combiner <none>
      ins(%x, %m : tensor<?xf32>, tensor<f32>)
      reads [affine_map<(i) -> (i)>, affine_map<(i) -> ()>]
      writes affine_map<(i) -> (i)> -> tensor<?xf32> {
  ^bb0(%xe: f32, %me: f32):
    %q = arith.divf %xe, %me : f32
    weft.yield %q : f32
  }
  weft.return %y : tensor<?xf32>
}
