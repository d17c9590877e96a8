// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-split-at-pieces))' | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>
#shifted = affine_map<(d0, d1) -> (d0, d1 + 1)>

// n is built from two pieces (an interior, then a strip written into a
// slice of the partial array, which the strip never reads); the rule reads
// n and g element for element. It becomes one copy per piece, in the
// pieces' order, reading the piece and the same slice of g.
// CHECK-LABEL: func.func @rule
// CHECK-SAME:      (%[[G:.*]]: tensor<8x8xi8>, %[[OUT:.*]]: tensor<8x8xi8>)
// CHECK:         %[[P0:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<6x8xi8>)
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<2x8xi8>
// CHECK:         %[[P1:.*]] = linalg.generic {{.*}} outs(%[[E]] : tensor<2x8xi8>)
// CHECK-NOT:     tensor.insert_slice %[[P0]]
// CHECK:         %[[G0:.*]] = tensor.extract_slice %[[G]][1, 0] [6, 8] [1, 1]
// CHECK:         %[[O0:.*]] = tensor.extract_slice %[[OUT]][1, 0] [6, 8] [1, 1]
// CHECK:         %[[R0:.*]] = linalg.generic {{.*}} ins(%[[P0]], %[[G0]] : tensor<6x8xi8>, tensor<6x8xi8>) outs(%[[O0]] : tensor<6x8xi8>)
// CHECK:         %[[Y0:.*]] = tensor.insert_slice %[[R0]] into %[[OUT]][1, 0] [6, 8] [1, 1]
// CHECK:         %[[G1:.*]] = tensor.extract_slice %[[G]][0, 0] [2, 8] [1, 1]
// CHECK:         %[[O1:.*]] = tensor.extract_slice %[[Y0]][0, 0] [2, 8] [1, 1]
// CHECK:         %[[R1:.*]] = linalg.generic {{.*}} ins(%[[P1]], %[[G1]] : tensor<2x8xi8>, tensor<2x8xi8>) outs(%[[O1]] : tensor<2x8xi8>)
// CHECK:         %[[Y1:.*]] = tensor.insert_slice %[[R1]] into %[[Y0]][0, 0] [2, 8] [1, 1]
// CHECK:         return %[[Y1]]
func.func @rule(%g: tensor<8x8xi8>, %out: tensor<8x8xi8>) -> tensor<8x8xi8> {
  %c1 = arith.constant 1 : i8
  %c3 = arith.constant 3 : i8
  %n0 = tensor.empty() : tensor<8x8xi8>
  %e0 = tensor.empty() : tensor<6x8xi8>
  %interior = linalg.generic {indexing_maps = [#id], iterator_types = ["parallel", "parallel"]} outs(%e0 : tensor<6x8xi8>) {
  ^bb0(%o: i8):
    linalg.yield %c3 : i8
  } -> tensor<6x8xi8>
  %n1 = tensor.insert_slice %interior into %n0[1, 0] [6, 8] [1, 1] : tensor<6x8xi8> into tensor<8x8xi8>
  %s = tensor.extract_slice %n1[0, 0] [2, 8] [1, 1] : tensor<8x8xi8> to tensor<2x8xi8>
  %strip = linalg.generic {indexing_maps = [#id], iterator_types = ["parallel", "parallel"]} outs(%s : tensor<2x8xi8>) {
  ^bb0(%o: i8):
    linalg.yield %c1 : i8
  } -> tensor<2x8xi8>
  %n = tensor.insert_slice %strip into %n1[0, 0] [2, 8] [1, 1] : tensor<2x8xi8> into tensor<8x8xi8>
  %next = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%n, %g : tensor<8x8xi8>, tensor<8x8xi8>) outs(%out : tensor<8x8xi8>) {
  ^bb0(%a: i8, %b: i8, %o: i8):
    %eq = arith.cmpi eq, %a, %c3 : i8
    %r = arith.select %eq, %c1, %b : i8
    linalg.yield %r : i8
  } -> tensor<8x8xi8>
  return %next : tensor<8x8xi8>
}

// The pieces' array is read by something else too: left alone.
// CHECK-LABEL: func.func @read_twice
// CHECK:         %[[N:.*]] = tensor.insert_slice
// CHECK:         %[[N2:.*]] = tensor.insert_slice
// CHECK:         linalg.generic {{.*}} ins(%[[N2]] : tensor<8xi8>)
// CHECK:         return
func.func @read_twice(%a: tensor<4xi8>, %b: tensor<4xi8>, %out: tensor<8xi8>) -> (tensor<8xi8>, tensor<8xi8>) {
  %e = tensor.empty() : tensor<8xi8>
  %n1 = tensor.insert_slice %a into %e[0] [4] [1] : tensor<4xi8> into tensor<8xi8>
  %n = tensor.insert_slice %b into %n1[4] [4] [1] : tensor<4xi8> into tensor<8xi8>
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%n : tensor<8xi8>) outs(%out : tensor<8xi8>) {
  ^bb0(%x: i8, %o: i8):
    %y = arith.addi %x, %x : i8
    linalg.yield %y : i8
  } -> tensor<8xi8>
  return %r, %n : tensor<8xi8>, tensor<8xi8>
}

// A reader at a shifted subscript needs its neighbours' pieces: left alone.
// CHECK-LABEL: func.func @shifted
// CHECK:         %[[N2:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[0, 4]
// CHECK:         linalg.generic {{.*}} ins(%[[N2]] : tensor<4x9xi8>)
func.func @shifted(%a: tensor<4x4xi8>, %b: tensor<4x5xi8>, %out: tensor<4x8xi8>) -> tensor<4x8xi8> {
  %e = tensor.empty() : tensor<4x9xi8>
  %n1 = tensor.insert_slice %a into %e[0, 0] [4, 4] [1, 1] : tensor<4x4xi8> into tensor<4x9xi8>
  %n = tensor.insert_slice %b into %n1[0, 4] [4, 5] [1, 1] : tensor<4x5xi8> into tensor<4x9xi8>
  %r = linalg.generic {indexing_maps = [#shifted, #id], iterator_types = ["parallel", "parallel"]}
      ins(%n : tensor<4x9xi8>) outs(%out : tensor<4x8xi8>) {
  ^bb0(%x: i8, %o: i8):
    linalg.yield %x : i8
  } -> tensor<4x8xi8>
  return %r : tensor<4x8xi8>
}
