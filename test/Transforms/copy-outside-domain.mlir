// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-copy-outside-domain))' | FileCheck %s

// `-> B = A` written on the interior [1, n-1) x [1, n-1): only the four
// boxes around the interior are copied (rows above and below over every
// column, then the left and right columns of the interior's rows), and the
// interior is inserted into what they built.
// CHECK-DAG:   #[[$PLUS1:.*]] = affine_map<()[s0] -> (s0 + 1)>
// CHECK-DAG:   #[[$REST:.*]] = affine_map<()[s0, s1] -> (s0 - s1 - 1)>
// CHECK-LABEL: func.func @interior
// CHECK-SAME:      (%[[A:.*]]: tensor<?x?xf32>, %[[X:.*]]: tensor<?x?xf32>, %[[M:.*]]: index)
// CHECK-NOT:     linalg.copy ins(%[[A]] :
// CHECK:         %[[E:.*]] = tensor.empty
// CHECK:         %[[HI0:.*]] = affine.apply #[[$PLUS1]]()[%[[M]]]
// CHECK:         %[[UP0:.*]] = affine.apply #[[$REST]]()[%{{.*}}, %[[M]]]
// CHECK:         %[[S0:.*]] = tensor.extract_slice %[[A]][0, 0] [1, %[[N1:.*]]] [1, 1]
// CHECK:         %[[D0:.*]] = tensor.extract_slice %[[E]][0, 0] [1, %[[N1]]] [1, 1]
// CHECK:         %[[C0:.*]] = linalg.copy ins(%[[S0]] : tensor<1x?xf32>) outs(%[[D0]] : tensor<1x?xf32>)
// CHECK:         %[[I0:.*]] = tensor.insert_slice %[[C0]] into %[[E]][0, 0] [1, %[[N1]]] [1, 1]
// CHECK:         tensor.extract_slice %[[A]][%[[HI0]], 0] [%[[UP0]], %[[N1]]] [1, 1]
// CHECK:         %[[I1:.*]] = tensor.insert_slice %{{.*}} into %[[I0]][%[[HI0]], 0] [%[[UP0]], %[[N1]]] [1, 1]
// CHECK:         %[[HI1:.*]] = affine.apply #[[$PLUS1]]()[%[[M]]]
// CHECK:         %[[UP1:.*]] = affine.apply #[[$REST]]()[%[[N1]], %[[M]]]
// CHECK:         tensor.extract_slice %[[A]][1, 0] [%[[M]], 1] [1, 1]
// CHECK:         %[[I2:.*]] = tensor.insert_slice %{{.*}} into %[[I1]][1, 0] [%[[M]], 1] [1, 1]
// CHECK:         tensor.extract_slice %[[A]][1, %[[HI1]]] [%[[M]], %[[UP1]]] [1, 1]
// CHECK:         %[[I3:.*]] = tensor.insert_slice %{{.*}} into %[[I2]][1, %[[HI1]]] [%[[M]], %[[UP1]]] [1, 1]
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
