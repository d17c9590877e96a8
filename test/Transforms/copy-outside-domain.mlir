// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-copy-outside-domain))' | FileCheck %s

// `-> B = A` written on the interior [1, m+1) x [1, m+1): only the four
// boxes around the interior are copied (rows above and below over every
// column, then the left and right columns of the interior's rows), and the
// interior is inserted into what they built. The interior's bounds are
// clamped to the extents (LO = min(1, n), HI = min(m + 1, n)), so the boxes
// stay inside the array when the domain is empty.
// CHECK-DAG:   #[[$LO:.*]] = affine_map<()[s0] -> (1, s0)>
// CHECK-DAG:   #[[$HI:.*]] = affine_map<()[s0, s1] -> (s0 + 1, s1)>
// CHECK-DAG:   #[[$SUB:.*]] = affine_map<()[s0, s1] -> (s0 - s1)>
// CHECK-LABEL: func.func @interior
// CHECK-SAME:      (%[[A:.*]]: tensor<?x?xf32>, %[[X:.*]]: tensor<?x?xf32>, %[[M:.*]]: index)
// CHECK-NOT:     linalg.copy ins(%[[A]] :
// CHECK:         %[[E:.*]] = tensor.empty
// CHECK:         %[[N0:.*]] = tensor.dim %[[A]], %{{.*}}
// CHECK:         %[[N1:.*]] = tensor.dim %[[A]], %{{.*}}
// CHECK:         %[[LO0:.*]] = affine.min #[[$LO]]()[%[[N0]]]
// CHECK:         %[[HI0:.*]] = affine.min #[[$HI]]()[%[[M]], %[[N0]]]
// CHECK:         %[[SIZE0:.*]] = affine.apply #[[$SUB]]()[%[[HI0]], %[[LO0]]]
// CHECK:         %[[LO1:.*]] = affine.min #[[$LO]]()[%[[N1]]]
// CHECK:         %[[HI1:.*]] = affine.min #[[$HI]]()[%[[M]], %[[N1]]]
// CHECK:         %[[UP0:.*]] = affine.apply #[[$SUB]]()[%[[N0]], %[[HI0]]]
// CHECK:         %[[S0:.*]] = tensor.extract_slice %[[A]][0, 0] [%[[LO0]], %[[N1]]] [1, 1]
// CHECK:         %[[D0:.*]] = tensor.extract_slice %[[E]][0, 0] [%[[LO0]], %[[N1]]] [1, 1]
// CHECK:         %[[C0:.*]] = linalg.copy ins(%[[S0]] : tensor<?x?xf32>) outs(%[[D0]] : tensor<?x?xf32>)
// CHECK:         %[[I0:.*]] = tensor.insert_slice %[[C0]] into %[[E]][0, 0] [%[[LO0]], %[[N1]]] [1, 1]
// CHECK:         tensor.extract_slice %[[A]][%[[HI0]], 0] [%[[UP0]], %[[N1]]] [1, 1]
// CHECK:         %[[I1:.*]] = tensor.insert_slice %{{.*}} into %[[I0]][%[[HI0]], 0] [%[[UP0]], %[[N1]]] [1, 1]
// CHECK:         %[[UP1:.*]] = affine.apply #[[$SUB]]()[%[[N1]], %[[HI1]]]
// CHECK:         tensor.extract_slice %[[A]][%[[LO0]], 0] [%[[SIZE0]], %[[LO1]]] [1, 1]
// CHECK:         %[[I2:.*]] = tensor.insert_slice %{{.*}} into %[[I1]][%[[LO0]], 0] [%[[SIZE0]], %[[LO1]]] [1, 1]
// CHECK:         tensor.extract_slice %[[A]][%[[LO0]], %[[HI1]]] [%[[SIZE0]], %[[UP1]]] [1, 1]
// CHECK:         %[[I3:.*]] = tensor.insert_slice %{{.*}} into %[[I2]][%[[LO0]], %[[HI1]]] [%[[SIZE0]], %[[UP1]]] [1, 1]
// CHECK:         %[[R:.*]] = tensor.insert_slice %[[X]] into %[[I3]][1, 1] [%[[M]], %[[M]]] [1, 1]
// CHECK:         return %[[R]]
func.func @interior(%a: tensor<?x?xf32>, %x: tensor<?x?xf32>, %m: index) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n0 = tensor.dim %a, %c0 : tensor<?x?xf32>
  %n1 = tensor.dim %a, %c1 : tensor<?x?xf32>
  %e = tensor.empty(%n0, %n1) : tensor<?x?xf32>
  %b = linalg.copy ins(%a : tensor<?x?xf32>) outs(%e : tensor<?x?xf32>) -> tensor<?x?xf32>
  %r = tensor.insert_slice %x into %b[1, 1] [%m, %m] [1, 1] : tensor<?x?xf32> into tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// A domain that starts at 0 and ends at the array's end leaves one box of
// static sizes: boxes of size 0 are not copied.
// CHECK-LABEL: func.func @suffix
// CHECK:         tensor.extract_slice %{{.*}}[0] [2] [1] : tensor<8xf32> to tensor<2xf32>
// CHECK:         linalg.copy
// CHECK-NOT:     linalg.copy
// CHECK:         return
func.func @suffix(%a: tensor<8xf32>, %x: tensor<6xf32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<8xf32>
  %b = linalg.copy ins(%a : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %r = tensor.insert_slice %x into %b[2] [6] [1] : tensor<6xf32> into tensor<8xf32>
  return %r : tensor<8xf32>
}

// The copy is read elsewhere (an equation that accumulates into its
// output, or a second user): all of it is needed.
// CHECK-LABEL: func.func @read_elsewhere
// CHECK:         linalg.copy ins(%{{.*}} : tensor<8xf32>) outs(%{{.*}} : tensor<8xf32>)
func.func @read_elsewhere(%a: tensor<8xf32>, %x: tensor<6xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %e = tensor.empty() : tensor<8xf32>
  %b = linalg.copy ins(%a : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %r = tensor.insert_slice %x into %b[1] [6] [1] : tensor<6xf32> into tensor<8xf32>
  return %r, %b : tensor<8xf32>, tensor<8xf32>
}

// A strided slice does not overwrite a box: left alone.
// CHECK-LABEL: func.func @strided
// CHECK:         linalg.copy ins(%{{.*}} : tensor<8xf32>) outs(%{{.*}} : tensor<8xf32>)
func.func @strided(%a: tensor<8xf32>, %x: tensor<4xf32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<8xf32>
  %b = linalg.copy ins(%a : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %r = tensor.insert_slice %x into %b[0] [4] [2] : tensor<4xf32> into tensor<8xf32>
  return %r : tensor<8xf32>
}

// The copy is the inserted value, not the destination: left alone.
// CHECK-LABEL: func.func @copy_is_source
// CHECK:         linalg.copy ins(%{{.*}} : tensor<4xf32>) outs(%{{.*}} : tensor<4xf32>)
func.func @copy_is_source(%a: tensor<4xf32>, %d: tensor<8xf32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<4xf32>
  %b = linalg.copy ins(%a : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %r = tensor.insert_slice %b into %d[2] [4] [1] : tensor<4xf32> into tensor<8xf32>
  return %r : tensor<8xf32>
}

// A domain whose start is known only at run time (`B[i in lo..8]`) may lie
// past the end (lo = 64): then the box below it is the whole array
// (min(lo, 8)) and the box above it is empty (8 - min(lo + n, 8)), so
// nothing is written outside the array.
// CHECK-LABEL: func.func @past_end
// CHECK-SAME:      (%[[A:.*]]: tensor<8xf32>, %[[X:.*]]: tensor<?xf32>, %[[LO:.*]]: index, %[[N:.*]]: index)
// CHECK:         %[[BELOW:.*]] = affine.min #{{.*}}()[%[[LO]]]
// CHECK:         %[[TOP:.*]] = affine.min #{{.*}}()[%[[LO]], %[[N]]]
// CHECK:         %[[ABOVE:.*]] = affine.apply #{{.*}}()[%[[TOP]]]
// CHECK:         tensor.extract_slice %[[A]][0] [%[[BELOW]]] [1]
// CHECK:         tensor.extract_slice %[[A]][%[[TOP]]] [%[[ABOVE]]] [1]
// CHECK:         tensor.insert_slice %[[X]] into %{{.*}}[%[[LO]]] [%[[N]]] [1]
func.func @past_end(%a: tensor<8xf32>, %x: tensor<?xf32>, %lo: index, %n: index) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<8xf32>
  %b = linalg.copy ins(%a : tensor<8xf32>) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %r = tensor.insert_slice %x into %b[%lo] [%n] [1] : tensor<?xf32> into tensor<8xf32>
  return %r : tensor<8xf32>
}
