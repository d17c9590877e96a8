// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-unroll-windows))' | FileCheck %s
// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-unroll-windows{max-points=4}))' | FileCheck %s --check-prefix=SMALL

#window = affine_map<(y, x, dy, dx) -> (y + dy, x + dx)>
#shape = affine_map<(y, x, dy, dx) -> (dy, dx)>
#out = affine_map<(y, x, dy, dx) -> (y, x)>

// Life's neighbour count, n[y, x] += G[y + dy, x + dx] over a 2 x 2 window
// (4 points): one parallel op reading 4 slices of G, each at its shift and
// sized like the output, summed in the loops' order from the fill's value.
// The window's shape operand and the fill are gone.
// CHECK-LABEL: func.func @count
// CHECK-SAME:      (%[[G:.*]]: tensor<?x?xi8>, %[[E:.*]]: tensor<?x?xi8>)
// CHECK-NOT:     linalg.fill
// CHECK-DAG:     %[[ZERO:.*]] = arith.constant 0 : i8
// CHECK-DAG:     %[[G00:.*]] = tensor.extract_slice %[[G]][0, 0] [%[[H:.*]], %[[W:.*]]] [1, 1]
// CHECK-DAG:     %[[G01:.*]] = tensor.extract_slice %[[G]][0, 1] [%[[H]], %[[W]]] [1, 1]
// CHECK-DAG:     %[[G10:.*]] = tensor.extract_slice %[[G]][1, 0] [%[[H]], %[[W]]] [1, 1]
// CHECK-DAG:     %[[G11:.*]] = tensor.extract_slice %[[G]][1, 1] [%[[H]], %[[W]]] [1, 1]
// CHECK:         linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "parallel"]
// CHECK-SAME:      ins(%[[G00]], %[[G01]], %[[G10]], %[[G11]] : {{.*}}) outs(%[[E]] : tensor<?x?xi8>)
// CHECK-NEXT:    ^bb0(%[[A:.*]]: i8, %[[B:.*]]: i8, %[[C:.*]]: i8, %[[D:.*]]: i8, %{{.*}}: i8):
// CHECK-NEXT:      %[[S0:.*]] = arith.addi %[[ZERO]], %[[A]] : i8
// CHECK-NEXT:      %[[S1:.*]] = arith.addi %[[S0]], %[[B]] : i8
// CHECK-NEXT:      %[[S2:.*]] = arith.addi %[[S1]], %[[C]] : i8
// CHECK-NEXT:      %[[S3:.*]] = arith.addi %[[S2]], %[[D]] : i8
// CHECK-NEXT:      linalg.yield %[[S3]] : i8
// SMALL-LABEL: func.func @count
// SMALL:         iterator_types = ["parallel", "parallel"]
func.func @count(%g: tensor<?x?xi8>, %e: tensor<?x?xi8>) -> tensor<?x?xi8> {
  %zero = arith.constant 0 : i8
  %shape = tensor.empty() : tensor<2x2xi8>
  %n0 = linalg.fill ins(%zero : i8) outs(%e : tensor<?x?xi8>) -> tensor<?x?xi8>
  %n = linalg.generic {indexing_maps = [#window, #shape, #out], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%g, %shape : tensor<?x?xi8>, tensor<2x2xi8>) outs(%n0 : tensor<?x?xi8>) {
  ^bb0(%in: i8, %unused: i8, %acc: i8):
    %s = arith.addi %acc, %in : i8
    linalg.yield %s : i8
  } -> tensor<?x?xi8>
  return %n : tensor<?x?xi8>
}

// More points than max-points: left alone.
// SMALL-LABEL: func.func @window3x3
// SMALL:         iterator_types = ["parallel", "parallel", "reduction", "reduction"]
// CHECK-LABEL: func.func @window3x3
// CHECK:         iterator_types = ["parallel", "parallel"]
// CHECK-COUNT-9:   arith.addf
func.func @window3x3(%g: tensor<?x?xf32>, %init: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %shape = tensor.empty() : tensor<3x3xf32>
  %n = linalg.generic {indexing_maps = [#window, #shape, #out], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%g, %shape : tensor<?x?xf32>, tensor<3x3xf32>) outs(%init : tensor<?x?xf32>) {
  ^bb0(%in: f32, %unused: f32, %acc: f32):
    %s = arith.addf %acc, %in : f32
    linalg.yield %s : f32
  } -> tensor<?x?xf32>
  return %n : tensor<?x?xf32>
}

// Indices of the window's loops become the point's constants; those of the
// remaining loops keep their position.
// CHECK-LABEL: func.func @indices
// CHECK:         linalg.generic
// CHECK-SAME:      iterator_types = ["parallel"]
// CHECK:           linalg.index 0 : index
// CHECK:           arith.constant 0 : index
// CHECK:           linalg.index 0 : index
// CHECK:           arith.constant 1 : index
// CHECK-NOT:       linalg.index 1
#i_r = affine_map<(i, r) -> (i + r)>
#r = affine_map<(i, r) -> (r)>
#i = affine_map<(i, r) -> (i)>
func.func @indices(%x: tensor<?xindex>, %init: tensor<?xindex>) -> tensor<?xindex> {
  %shape = tensor.empty() : tensor<2xindex>
  %w = linalg.generic {indexing_maps = [#i_r, #r, #i], iterator_types = ["parallel", "reduction"]}
      ins(%x, %shape : tensor<?xindex>, tensor<2xindex>) outs(%init : tensor<?xindex>) {
  ^bb0(%in: index, %unused: index, %acc: index):
    %i = linalg.index 0 : index
    %r = linalg.index 1 : index
    %p = arith.muli %i, %r : index
    %s = arith.addi %acc, %p : index
    %t = arith.addi %s, %in : index
    linalg.yield %t : index
  } -> tensor<?xindex>
  return %w : tensor<?xindex>
}

// A filter read at the window's point (blur's W[dy, dx]) is one element per
// point, extracted once before the op, so the weights stay in registers.
// CHECK-LABEL: func.func @filter
// CHECK:         %[[W00:.*]] = tensor.extract %{{.*}} : tensor<3x3xf32>
// CHECK:         %[[W01:.*]] = tensor.extract %{{.*}} : tensor<3x3xf32>
// CHECK-COUNT-7: tensor.extract %
// CHECK-NOT:     tensor.extract %
// CHECK:         linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "parallel"]
// CHECK:         ^bb0(%[[A00:[^:]*]]: f32, %[[A01:[^:]*]]: f32,
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[A00]], %[[W00]] : f32
// CHECK-NEXT:      %[[S:.*]] = arith.addf %{{.*}}, %[[P]] : f32
// CHECK-NEXT:      arith.mulf %[[A01]], %[[W01]] : f32
func.func @filter(%a: tensor<?x?xf32>, %w: tensor<3x3xf32>, %init: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %b = linalg.generic {indexing_maps = [#window, #shape, #out], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%a, %w : tensor<?x?xf32>, tensor<3x3xf32>) outs(%init : tensor<?x?xf32>) {
  ^bb0(%in: f32, %f: f32, %acc: f32):
    %p = arith.mulf %in, %f : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<?x?xf32>
  return %b : tensor<?x?xf32>
}

// A filter of dynamic size is left alone (with no output to compute, it may
// be smaller than the window); so is a window of dynamic extent.
// CHECK-LABEL: func.func @dynamic_filter
// CHECK-NOT:     tensor.extract %
// CHECK:         iterator_types = ["parallel", "parallel", "reduction", "reduction"]
func.func @dynamic_filter(%a: tensor<?x?xf32>, %w: tensor<?x?xf32>, %init: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %b = linalg.generic {indexing_maps = [#window, #shape, #out], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%a, %w : tensor<?x?xf32>, tensor<?x?xf32>) outs(%init : tensor<?x?xf32>) {
  ^bb0(%in: f32, %f: f32, %acc: f32):
    %p = arith.mulf %in, %f : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<?x?xf32>
  return %b : tensor<?x?xf32>
}

// CHECK-LABEL: func.func @dynamic_window
// CHECK:         iterator_types = ["parallel", "parallel", "reduction", "reduction"]
func.func @dynamic_window(%a: tensor<?x?xf32>, %s: tensor<?x?xf32>, %init: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %b = linalg.generic {indexing_maps = [#window, #shape, #out], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%a, %s : tensor<?x?xf32>, tensor<?x?xf32>) outs(%init : tensor<?x?xf32>) {
  ^bb0(%in: f32, %unused: f32, %acc: f32):
    %t = arith.addf %acc, %in : f32
    linalg.yield %t : f32
  } -> tensor<?x?xf32>
  return %b : tensor<?x?xf32>
}
