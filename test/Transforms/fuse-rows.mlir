// RUN: weft-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(weft-fuse-rows),canonicalize,cse)' | FileCheck %s

// canonicalize and cse follow the pass in the pipeline too: the tiling fuses
// the max once for each of its two readers, and cse merges the two.

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>

// Softmax after weft-fuse-equations: the division is tiled by one row and
// the max and the sum (with their fills) move into the row loop (an
// scf.forall: rows are independent), on one row
// of X and one-element temporaries. Only the result is whole-matrix.
// CHECK-LABEL: func.func @softmax
// CHECK-SAME:    (%[[X:.*]]: tensor<?x?xf32>)
// CHECK-DAG:     %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.*]] = arith.constant 1 : index
// CHECK:         %[[R:.*]] = tensor.dim %[[X]], %[[C0]]
// CHECK:         %[[C:.*]] = tensor.dim %[[X]], %[[C1]]
// CHECK:         %[[OUT:.*]] = tensor.empty(%[[R]], %[[C]]) : tensor<?x?xf32>
// CHECK-NOT:     linalg.generic
// CHECK:         %[[LOOP:.*]] = scf.forall (%[[I:.*]]) in (%[[R]]) shared_outs(%[[ACC:.*]] = %[[OUT]])
// CHECK:           %[[ROW:.*]] = tensor.extract_slice %[[X]][%[[I]], 0] [1, %[[C]]] [1, 1]
// CHECK:           %[[EMPTY:.*]] = tensor.empty() : tensor<1xf32>
// CHECK:           %[[MINIT:.*]] = linalg.fill {{.*}} outs(%[[EMPTY]] : tensor<1xf32>)
// CHECK:           %[[M:.*]] = linalg.generic {{.*}} ins(%[[ROW]] : tensor<1x?xf32>) outs(%[[MINIT]] : tensor<1xf32>)
// CHECK:             arith.maximumf
// CHECK-NOT:         arith.maximumf
// CHECK:           %[[SINIT:.*]] = linalg.fill {{.*}} outs(%[[EMPTY]] : tensor<1xf32>)
// CHECK:           %[[S:.*]] = linalg.generic {{.*}} ins(%[[ROW]], %[[M]] : tensor<1x?xf32>, tensor<1xf32>) outs(%[[SINIT]] : tensor<1xf32>)
// CHECK:           %[[YROW:.*]] = tensor.extract_slice %[[ACC]][%[[I]], 0] [1, %[[C]]] [1, 1]
// CHECK:           %[[Y:.*]] = linalg.generic {{.*}} ins(%[[ROW]], %[[M]], %[[S]] : tensor<1x?xf32>, tensor<1xf32>, tensor<1xf32>) outs(%[[YROW]] : tensor<1x?xf32>)
// CHECK:           scf.forall.in_parallel
// CHECK-NEXT:        tensor.parallel_insert_slice %[[Y]] into %[[ACC]][%[[I]], 0] [1, %[[C]]] [1, 1]
// CHECK:         return %[[LOOP]]
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
  %sInit = linalg.fill ins(%zero : f32) outs(%rowEmpty : tensor<?xf32>) -> tensor<?xf32>
  %s = linalg.generic {indexing_maps = [#id, #row, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x, %m : tensor<?x?xf32>, tensor<?xf32>) outs(%sInit : tensor<?xf32>) {
  ^bb0(%in: f32, %max: f32, %acc: f32):
    %d = arith.subf %in, %max : f32
    %e = math.exp %d : f32
    %v = arith.addf %acc, %e : f32
    linalg.yield %v : f32
  } -> tensor<?xf32>
  %matEmpty = tensor.empty(%r, %c) : tensor<?x?xf32>
  %y = linalg.generic {indexing_maps = [#id, #row, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %m, %s : tensor<?x?xf32>, tensor<?xf32>, tensor<?xf32>) outs(%matEmpty : tensor<?x?xf32>) {
  ^bb0(%in: f32, %max: f32, %sum: f32, %out: f32):
    %d = arith.subf %in, %max : f32
    %e = math.exp %d : f32
    %v = arith.divf %e, %sum : f32
    linalg.yield %v : f32
  } -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#transposed = affine_map<(d0, d1) -> (d1, d0)>
#col = affine_map<(d0, d1) -> (d0)>
#colOfRow = affine_map<(d0, d1) -> (d1)>

// Column sums: every row of the result needs all of s, so s is computed
// once, before the row loop, and the loop reads it whole.
// CHECK-LABEL: func.func @column_sums
// CHECK:         %[[S:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK:         scf.forall
// CHECK-NOT:       iterator_types = ["parallel", "reduction"]
// CHECK:           %[[ALL:.*]] = tensor.extract_slice %[[S]][0] [%{{.*}}] [1] : tensor<?xf32> to tensor<?xf32>
// CHECK-NOT:       iterator_types = ["parallel", "reduction"]
// CHECK:           linalg.generic {{.*}} ins(%{{.*}}, %[[ALL]] : tensor<1x?xf32>, tensor<?xf32>)
func.func @column_sums(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = tensor.dim %x, %c0 : tensor<?x?xf32>
  %c = tensor.dim %x, %c1 : tensor<?x?xf32>
  %colEmpty = tensor.empty(%c) : tensor<?xf32>
  %sInit = linalg.fill ins(%zero : f32) outs(%colEmpty : tensor<?xf32>) -> tensor<?xf32>
  %s = linalg.generic {indexing_maps = [#transposed, #col], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<?x?xf32>) outs(%sInit : tensor<?xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %v = arith.addf %acc, %in : f32
    linalg.yield %v : f32
  } -> tensor<?xf32>
  %matEmpty = tensor.empty(%r, %c) : tensor<?x?xf32>
  %y = linalg.generic {indexing_maps = [#id, #colOfRow, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %s : tensor<?x?xf32>, tensor<?xf32>) outs(%matEmpty : tensor<?x?xf32>) {
  ^bb0(%in: f32, %sum: f32, %out: f32):
    %v = arith.divf %in, %sum : f32
    linalg.yield %v : f32
  } -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>

// No reduction feeds this equation: nothing to keep in cache, no row loop.
// CHECK-LABEL: func.func @element_wise
// CHECK-NOT:     scf.forall
// CHECK:         linalg.generic
// CHECK-NOT:     scf.forall
func.func @element_wise(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = tensor.dim %x, %c0 : tensor<?x?xf32>
  %c = tensor.dim %x, %c1 : tensor<?x?xf32>
  %empty = tensor.empty(%r, %c) : tensor<?x?xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<?x?xf32>) outs(%empty : tensor<?x?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = math.exp %in : f32
    linalg.yield %v : f32
  } -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

#a = affine_map<(d0, d1, d2) -> (d0, d2)>
#b = affine_map<(d0, d1, d2) -> (d2, d1)>
#c = affine_map<(d0, d1, d2) -> (d0, d1)>
#id = affine_map<(d0, d1) -> (d0, d1)>

// A row of a matmul reads all of B: the matmul is not fused into the row
// loop (which would also hide it from matmul tiling) and runs once, before.
// CHECK-LABEL: func.func @matmul_then_scale
// CHECK:         %[[C:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK:         scf.forall
// CHECK-NOT:       "reduction"
// CHECK:           tensor.extract_slice %[[C]]
// CHECK-NOT:       "reduction"
// CHECK:           tensor.parallel_insert_slice
func.func @matmul_then_scale(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>, %init: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %c = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<?x?xf32>, tensor<?x?xf32>) outs(%init : tensor<?x?xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<?x?xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%c : tensor<?x?xf32>) outs(%init : tensor<?x?xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.mulf %in, %in : f32
    linalg.yield %v : f32
  } -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}
