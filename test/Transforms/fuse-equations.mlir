// RUN: weft-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(weft-fuse-equations))' | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>

// Softmax as convert-weft-to-linalg emits it. e = exp(X - m) is fused into
// both of its readers, the sum and the division, and its temporary is gone;
// the reductions m and s stay.
// CHECK-LABEL: func.func @softmax
// CHECK-SAME:    (%[[X:.*]]: tensor<?x?xf32>)
// CHECK:         %[[M:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK-SAME:      ins(%[[X]] : tensor<?x?xf32>)
// CHECK:           arith.maximumf
// CHECK:         %[[S:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK-SAME:      ins(%[[X]], %[[M]] : tensor<?x?xf32>, tensor<?xf32>)
// CHECK:           %[[D:.*]] = arith.subf
// CHECK:           %[[E:.*]] = math.exp %[[D]]
// CHECK:           arith.addf %{{.*}}, %[[E]]
// CHECK:         %[[Y:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-SAME:      ins(%[[X]], %[[M]], %[[S]] : tensor<?x?xf32>, tensor<?xf32>, tensor<?xf32>)
// CHECK:           %[[D2:.*]] = arith.subf
// CHECK:           %[[E2:.*]] = math.exp %[[D2]]
// CHECK:           arith.divf %[[E2]]
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[Y]]
func.func @softmax(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = tensor.dim %x, %c0 : tensor<?x?xf32>
  %c = tensor.dim %x, %c1 : tensor<?x?xf32>
  %rowEmpty = tensor.empty(%r) : tensor<?xf32>
  %mInit = linalg.fill ins(%ninf : f32) outs(%rowEmpty : tensor<?xf32>) -> tensor<?xf32>
  %m = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<?x?xf32>) outs(%mInit : tensor<?xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %v = arith.maximumf %acc, %in : f32
    linalg.yield %v : f32
  } -> tensor<?xf32>
  %matEmpty = tensor.empty(%r, %c) : tensor<?x?xf32>
  %e = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %m : tensor<?x?xf32>, tensor<?xf32>) outs(%matEmpty : tensor<?x?xf32>) {
  ^bb0(%in: f32, %max: f32, %out: f32):
    %d = arith.subf %in, %max : f32
    %v = math.exp %d : f32
    linalg.yield %v : f32
  } -> tensor<?x?xf32>
  %sInit = linalg.fill ins(%zero : f32) outs(%rowEmpty : tensor<?xf32>) -> tensor<?xf32>
  %s = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%e : tensor<?x?xf32>) outs(%sInit : tensor<?xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %v = arith.addf %acc, %in : f32
    linalg.yield %v : f32
  } -> tensor<?xf32>
  %y = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%e, %s : tensor<?x?xf32>, tensor<?xf32>) outs(%matEmpty : tensor<?x?xf32>) {
  ^bb0(%in: f32, %sum: f32, %out: f32):
    %v = arith.divf %in, %sum : f32
    linalg.yield %v : f32
  } -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#id1 = affine_map<(d0) -> (d0)>

// q[r] = 1 / sqrt(v[r]) read by a [r, c] equation would be computed again
// for every c: it is not fused.
// CHECK-LABEL: func.func @broadcast_read
// CHECK:         %[[Q:.*]] = linalg.generic {{.*}} iterator_types = ["parallel"]
// CHECK:           math.sqrt
// CHECK:         linalg.generic {{.*}} ins(%{{.*}}, %[[Q]] : tensor<?x?xf32>, tensor<?xf32>)
// CHECK-NOT:       math.sqrt
// CHECK:           arith.mulf
func.func @broadcast_read(%x: tensor<?x?xf32>, %v: tensor<?xf32>) -> tensor<?x?xf32> {
  %one = arith.constant 1.0 : f32
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = tensor.dim %x, %c0 : tensor<?x?xf32>
  %c = tensor.dim %x, %c1 : tensor<?x?xf32>
  %rowEmpty = tensor.empty(%r) : tensor<?xf32>
  %q = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%v : tensor<?xf32>) outs(%rowEmpty : tensor<?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = math.sqrt %in : f32
    %i = arith.divf %one, %s : f32
    linalg.yield %i : f32
  } -> tensor<?xf32>
  %matEmpty = tensor.empty(%r, %c) : tensor<?x?xf32>
  %y = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %q : tensor<?x?xf32>, tensor<?xf32>) outs(%matEmpty : tensor<?x?xf32>) {
  ^bb0(%in: f32, %scale: f32, %out: f32):
    %p = arith.mulf %in, %scale : f32
    linalg.yield %p : f32
  } -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>

// A producer that is also returned stays for its other use, and is computed
// again inside the reader it was fused into.
// CHECK-LABEL: func.func @also_returned
// CHECK:         %[[T:.*]] = linalg.generic
// CHECK:           math.tanh
// CHECK:         %[[U:.*]] = linalg.generic
// CHECK:           math.tanh
// CHECK:           arith.mulf
// CHECK:         return %[[T]], %[[U]]
func.func @also_returned(%x: tensor<?x?xf32>) -> (tensor<?x?xf32>, tensor<?x?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = tensor.dim %x, %c0 : tensor<?x?xf32>
  %c = tensor.dim %x, %c1 : tensor<?x?xf32>
  %empty = tensor.empty(%r, %c) : tensor<?x?xf32>
  %t = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<?x?xf32>) outs(%empty : tensor<?x?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = math.tanh %in : f32
    linalg.yield %v : f32
  } -> tensor<?x?xf32>
  %u = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%t : tensor<?x?xf32>) outs(%empty : tensor<?x?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.mulf %in, %in : f32
    linalg.yield %v : f32
  } -> tensor<?x?xf32>
  return %t, %u : tensor<?x?xf32>, tensor<?x?xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>

// A producer that overwrites its argument (weft-write-in-place's
// `outs(%x)`, the payload reading the old element) is not fused: its reader
// would read x after it, and bufferization would copy x to keep it.
// CHECK-LABEL: func.func @in_place_producer
// CHECK-SAME:    (%[[X:.*]]: tensor<?x?xf32>)
// CHECK:         %[[T:.*]] = linalg.generic {{.*}} outs(%[[X]] : tensor<?x?xf32>)
// CHECK:           math.tanh
// CHECK:         linalg.generic {{.*}} ins(%[[T]] : tensor<?x?xf32>)
// CHECK-NOT:       math.tanh
// CHECK:           arith.mulf
func.func @in_place_producer(%x: tensor<?x?xf32>) -> (tensor<?x?xf32>, tensor<?x?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = tensor.dim %x, %c0 : tensor<?x?xf32>
  %c = tensor.dim %x, %c1 : tensor<?x?xf32>
  %empty = tensor.empty(%r, %c) : tensor<?x?xf32>
  %t = linalg.generic {indexing_maps = [#id], iterator_types = ["parallel", "parallel"]}
      outs(%x : tensor<?x?xf32>) {
  ^bb0(%out: f32):
    %v = math.tanh %out : f32
    linalg.yield %v : f32
  } -> tensor<?x?xf32>
  %u = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%t : tensor<?x?xf32>) outs(%empty : tensor<?x?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.mulf %in, %in : f32
    linalg.yield %v : f32
  } -> tensor<?x?xf32>
  return %t, %u : tensor<?x?xf32>, tensor<?x?xf32>
}

// -----

// A fused producer makes the combiner fold to its absorbing value
// (`p[r] min= t[r, c]` with t = u8(0) * x yields 0), so the payload no
// longer reads the accumulator. The reduction then starts from an empty
// tensor, and the identity's fill is kept for rows whose reduction range is
// empty (C = 0), where it is the result.
// CHECK-LABEL: func.func @absorbed_combiner
// CHECK-SAME:      (%[[X:.*]]: tensor<?x?xi8>)
// CHECK:         %[[FILL:.*]] = linalg.fill
// CHECK:         %[[C:.*]] = tensor.dim %[[X]], %c1
// CHECK:         %[[NONEMPTY:.*]] = arith.cmpi sgt, %[[C]], %c0
// CHECK:         %[[EMPTY:.*]] = tensor.empty
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<?x?xi8>) outs(%[[EMPTY]] : tensor<?xi8>)
// CHECK:         %[[SEL:.*]] = arith.select %[[NONEMPTY]], %[[R]], %[[FILL]] : tensor<?xi8>
// CHECK:         return %[[SEL]]
func.func @absorbed_combiner(%x: tensor<?x?xi8>) -> tensor<?xi8> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0 : i8
  %max = arith.constant -1 : i8
  %r = tensor.dim %x, %c0 : tensor<?x?xi8>
  %c = tensor.dim %x, %c1 : tensor<?x?xi8>
  %e = tensor.empty(%r, %c) : tensor<?x?xi8>
  %t = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<?x?xi8>) outs(%e : tensor<?x?xi8>) {
  ^bb0(%in: i8, %out: i8):
    %m = arith.muli %in, %zero : i8
    linalg.yield %m : i8
  } -> tensor<?x?xi8>
  %pe = tensor.empty(%r) : tensor<?xi8>
  %fill = linalg.fill ins(%max : i8) outs(%pe : tensor<?xi8>) -> tensor<?xi8>
  %p = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>],
                       iterator_types = ["parallel", "reduction"]}
      ins(%t : tensor<?x?xi8>) outs(%fill : tensor<?xi8>) {
  ^bb0(%in: i8, %acc: i8):
    %m = arith.minui %acc, %in : i8
    linalg.yield %m : i8
  } -> tensor<?xi8>
  return %p : tensor<?xi8>
}
