// RUN: weft-opt %s --convert-weft-to-linalg --split-input-file | FileCheck %s

// Element-wise, with a scalar captured from the kernel body.
// CHECK-DAG:   #[[$ID:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @saxpy
// CHECK-SAME:    (%[[A:.*]]: f32, %[[X:.*]]: tensor<?xf32>, %[[Y:.*]]: tensor<?xf32>)
// CHECK:         %[[N:.*]] = tensor.dim %[[X]]
// CHECK:         %[[E:.*]] = tensor.empty(%[[N]]) : tensor<?xf32>
// CHECK-NOT:     linalg.fill
// CHECK:         %[[Z:.*]] = linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$ID]], #[[$ID]], #[[$ID]]]
// CHECK-SAME:      iterator_types = ["parallel"]
// CHECK-SAME:      ins(%[[X]], %[[Y]] : tensor<?xf32>, tensor<?xf32>) outs(%[[E]] : tensor<?xf32>)
// CHECK-NEXT:    ^bb0(%[[XE:.*]]: f32, %[[YE:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[A]], %[[XE]] : f32
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[P]], %[[YE]] : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
// CHECK:         return %[[Z]]
weft.kernel @saxpy(%a: f32, %x: tensor<?xf32>, %y: tensor<?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?xf32>
  %z = weft.equation ["i"] = (%n) combiner <none>
      ins(%x, %y : tensor<?xf32>, tensor<?xf32>)
      reads [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>]
      writes affine_map<(i) -> (i)> -> tensor<?xf32> {
  ^bb0(%xe: f32, %ye: f32):
    %p = arith.mulf %a, %xe : f32
    %s = arith.addf %p, %ye : f32
    weft.yield %s : f32
  }
  weft.return %z : tensor<?xf32>
}

// -----

// `C[i, j] += A[i, k] * B[k, j]`: k is a reduction, C starts at 0.
// CHECK-DAG:   #[[$MA:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG:   #[[$MB:.*]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG:   #[[$MC:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @matmul
// CHECK-SAME:    (%[[A:.*]]: tensor<?x?xf32>, %[[B:.*]]: tensor<?x?xf32>)
// CHECK-DAG:     %[[M:.*]] = tensor.dim %[[A]], %{{.*}}
// CHECK-DAG:     %[[N:.*]] = tensor.dim %[[B]], %{{.*}}
// CHECK:         %[[E:.*]] = tensor.empty(%[[M]], %[[N]]) : tensor<?x?xf32>
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[F:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<?x?xf32>)
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$MA]], #[[$MB]], #[[$MC]]]
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "reduction"]
// CHECK-SAME:      ins(%[[A]], %[[B]] : {{.*}}) outs(%[[F]] : tensor<?x?xf32>)
// CHECK-NEXT:    ^bb0(%[[AE:.*]]: f32, %[[BE:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[AE]], %[[BE]] : f32
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
weft.kernel @matmul(%A: tensor<?x?xf32>, %B: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %M = tensor.dim %A, %c0 : tensor<?x?xf32>
  %K = tensor.dim %A, %c1 : tensor<?x?xf32>
  %N = tensor.dim %B, %c1 : tensor<?x?xf32>
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

// -----

// Row max of f64 starts at -inf and combines with maximumf.
// CHECK-LABEL: func.func @row_max
// CHECK:         %[[INIT:.*]] = arith.constant 0xFFF0000000000000 : f64
// CHECK:         linalg.fill ins(%[[INIT]] : f64)
// CHECK:         linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "reduction"]
// CHECK:         ^bb0(%[[X:.*]]: f64, %[[ACC:.*]]: f64):
// CHECK-NEXT:      %[[M:.*]] = arith.maximumf %[[ACC]], %[[X]] : f64
// CHECK-NEXT:      linalg.yield %[[M]] : f64
weft.kernel @row_max(%X: tensor<?x?xf64>, %r: index, %c: index) -> tensor<?xf64> {
  %m = weft.equation ["r", "c"] = (%r, %c) combiner <max>
      ins(%X : tensor<?x?xf64>) reads [affine_map<(r, c) -> (r, c)>]
      writes affine_map<(r, c) -> (r)> -> tensor<?xf64> {
  ^bb0(%x: f64):
    weft.yield %x : f64
  }
  weft.return %m : tensor<?xf64>
}

// -----

// CHECK-LABEL: func.func @min_f32
// CHECK:         %[[INIT:.*]] = arith.constant 0x7F800000 : f32
// CHECK:         linalg.fill ins(%[[INIT]] : f32)
// CHECK:         ^bb0(%[[X:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT:      %[[M:.*]] = arith.minimumf %[[ACC]], %[[X]] : f32
// CHECK-NEXT:      linalg.yield %[[M]] : f32
weft.kernel @min_f32(%X: tensor<8xf32>, %n: index) -> tensor<f32> {
  %m = weft.equation ["i"] = (%n) combiner <min>
      ins(%X : tensor<8xf32>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> ()> -> tensor<f32> {
  ^bb0(%x: f32):
    weft.yield %x : f32
  }
  weft.return %m : tensor<f32>
}

// -----

// CHECK-LABEL: func.func @prod_f32
// CHECK:         %[[INIT:.*]] = arith.constant 1.000000e+00 : f32
// CHECK:         linalg.fill ins(%[[INIT]] : f32)
// CHECK:         ^bb0(%[[X:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT:      %[[M:.*]] = arith.mulf %[[ACC]], %[[X]] : f32
// CHECK-NEXT:      linalg.yield %[[M]] : f32
weft.kernel @prod_f32(%X: tensor<8xf32>, %n: index) -> tensor<f32> {
  %m = weft.equation ["i"] = (%n) combiner <mul>
      ins(%X : tensor<8xf32>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> ()> -> tensor<f32> {
  ^bb0(%x: f32):
    weft.yield %x : f32
  }
  weft.return %m : tensor<f32>
}

// -----

// Integer combiners: signed min/max with INT_MIN/INT_MAX identities.
// CHECK-LABEL: func.func @int_reductions
// CHECK:         %[[I32MIN:.*]] = arith.constant -2147483648 : i32
// CHECK:         linalg.fill ins(%[[I32MIN]] : i32)
// CHECK:         arith.maxsi
// CHECK:         %[[I64MAX:.*]] = arith.constant 9223372036854775807 : i64
// CHECK:         linalg.fill ins(%[[I64MAX]] : i64)
// CHECK:         arith.minsi
// CHECK:         %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK:         linalg.fill ins(%[[ZERO]] : i32)
// CHECK:         arith.addi
// CHECK:         %[[ONE:.*]] = arith.constant 1 : i64
// CHECK:         linalg.fill ins(%[[ONE]] : i64)
// CHECK:         arith.muli
weft.kernel @int_reductions(%X: tensor<8xi32>, %Y: tensor<8xi64>, %n: index)
    -> (tensor<i32>, tensor<i64>, tensor<i32>, tensor<i64>) {
  %mx = weft.equation ["i"] = (%n) combiner <max>
      ins(%X : tensor<8xi32>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> ()> -> tensor<i32> {
  ^bb0(%x: i32):
    weft.yield %x : i32
  }
  %mn = weft.equation ["i"] = (%n) combiner <min>
      ins(%Y : tensor<8xi64>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> ()> -> tensor<i64> {
  ^bb0(%x: i64):
    weft.yield %x : i64
  }
  %s = weft.equation ["i"] = (%n) combiner <add>
      ins(%X : tensor<8xi32>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> ()> -> tensor<i32> {
  ^bb0(%x: i32):
    weft.yield %x : i32
  }
  %p = weft.equation ["i"] = (%n) combiner <mul>
      ins(%Y : tensor<8xi64>) reads [affine_map<(i) -> (i)>]
      writes affine_map<(i) -> ()> -> tensor<i64> {
  ^bb0(%x: i64):
    weft.yield %x : i64
  }
  weft.return %mx, %mn, %s, %p : tensor<i32>, tensor<i64>, tensor<i32>, tensor<i64>
}

// -----

// A transposing write: result dimension 0 is index j, so its extent is %n.
// CHECK-DAG:   #[[$READ:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[$WRITE:.*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func @transpose
// CHECK-SAME:    (%[[X:.*]]: tensor<?x?xi64>, %[[M:.*]]: index, %[[N:.*]]: index)
// CHECK:         %[[E:.*]] = tensor.empty(%[[N]], %[[M]]) : tensor<?x?xi64>
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$READ]], #[[$WRITE]]]
// CHECK-SAME:      iterator_types = ["parallel", "parallel"]
// CHECK-SAME:      outs(%[[E]] : tensor<?x?xi64>)
weft.kernel @transpose(%X: tensor<?x?xi64>, %m: index, %n: index) -> tensor<?x?xi64> {
  %t = weft.equation ["i", "j"] = (%m, %n) combiner <none>
      ins(%X : tensor<?x?xi64>) reads [affine_map<(i, j) -> (i, j)>]
      writes affine_map<(i, j) -> (j, i)> -> tensor<?x?xi64> {
  ^bb0(%x: i64):
    weft.yield %x : i64
  }
  weft.return %t : tensor<?x?xi64>
}

// -----

// Index d subscripts no dimension plainly (only `x[i + d]`): an unread
// tensor.empty of extent %k gives linalg its range.
// CHECK-DAG:   #[[$SHIFT:.*]] = affine_map<(d0, d1) -> (d0 + d1)>
// CHECK-DAG:   #[[$EXT:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG:   #[[$OUT:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @window_sum
// CHECK-SAME:    (%[[X:.*]]: tensor<?xf32>, %[[N:.*]]: index, %[[K:.*]]: index)
// CHECK:         %[[D:.*]] = tensor.empty(%[[K]]) : tensor<?xi8>
// CHECK:         linalg.generic
// CHECK-SAME:      indexing_maps = [#[[$SHIFT]], #[[$EXT]], #[[$OUT]]]
// CHECK-SAME:      iterator_types = ["parallel", "reduction"]
// CHECK-SAME:      ins(%[[X]], %[[D]] : tensor<?xf32>, tensor<?xi8>)
// CHECK-NEXT:    ^bb0(%[[XE:.*]]: f32, %{{.*}}: i8, %[[ACC:.*]]: f32):
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[ACC]], %[[XE]] : f32
weft.kernel @window_sum(%x: tensor<?xf32>, %n: index, %k: index) -> tensor<?xf32> {
  %s = weft.equation ["i", "d"] = (%n, %k) combiner <add>
      ins(%x : tensor<?xf32>) reads [affine_map<(i, d) -> (i + d)>]
      writes affine_map<(i, d) -> (i)> -> tensor<?xf32> {
  ^bb0(%e: f32):
    weft.yield %e : f32
  }
  weft.return %s : tensor<?xf32>
}

// -----

// CHECK-LABEL: func.func @full
// CHECK-SAME:    (%[[V:.*]]: f32, %[[N:.*]]: index)
// CHECK:         %[[E:.*]] = tensor.empty(%[[N]]) : tensor<4x?xf32>
// CHECK:         %[[F:.*]] = linalg.fill ins(%[[V]] : f32) outs(%[[E]] : tensor<4x?xf32>) -> tensor<4x?xf32>
// CHECK:         return %[[F]]
func.func @full(%v: f32, %n: index) -> tensor<4x?xf32> {
  %t = weft.full %v sizes(%n) : f32 -> tensor<4x?xf32>
  return %t : tensor<4x?xf32>
}
