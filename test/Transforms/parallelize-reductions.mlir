// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-parallelize-reductions))' | FileCheck %s
// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-parallelize-reductions{chunk-iterations=4}))' | FileCheck %s --check-prefix=SMALL
// RUN: not weft-opt %s --pass-pipeline='builtin.module(func.func(weft-parallelize-reductions{chunk-iterations=0}))' 2>&1 | FileCheck %s --check-prefix=ERR

#id = affine_map<(i) -> (i)>
#scalar = affine_map<(i) -> ()>

// A dot product: chunks of 65536 elements reduce into partials[c] (from the
// combiner's neutral element) in an scf.forall, then the output takes the
// partials in chunk order.
// CHECK-LABEL: func.func @dot
// CHECK-SAME:    (%[[X:.*]]: memref<?xf32>, %[[Y:.*]]: memref<?xf32>, %[[OUT:.*]]: memref<f32>)
// CHECK:         %[[N:.*]] = memref.dim %[[X]]
// CHECK:         arith.ceildivui %c65536
// CHECK:         %[[PER:.*]] = arith.maxui
// CHECK:         %[[CHUNKS:.*]] = arith.ceildivui %[[N]], %[[PER]]
// CHECK:         %[[PARTIALS:.*]] = memref.alloc(%[[CHUNKS]]) : memref<?xf32>
// CHECK:         scf.forall (%[[C:.*]]) in (%[[CHUNKS]])
// CHECK:           %[[FIRST:.*]] = arith.muli %[[C]], %[[PER]]
// CHECK:           %[[XC:.*]] = memref.subview %[[X]][%[[FIRST]]]
// CHECK:           %[[YC:.*]] = memref.subview %[[Y]][%[[FIRST]]]
// CHECK:           %[[P:.*]] = memref.subview %[[PARTIALS]][%[[C]]] [1] [1] : memref<?xf32> to memref<f32, strided<[], offset: ?>>
// CHECK:           linalg.fill ins(%{{.*}} : f32) outs(%[[P]]
// CHECK:           linalg.generic {{.*}} ins(%[[XC]], %[[YC]] : {{.*}}) outs(%[[P]] : {{.*}})
// CHECK:             arith.addf {{.*}} fastmath<reassoc>
// CHECK:         }
// CHECK:         linalg.generic {{.*}} iterator_types = ["reduction"]} ins(%[[PARTIALS]] : memref<?xf32>) outs(%[[OUT]] : memref<f32>)
// CHECK:           arith.addf %{{.*}}, %{{.*}} fastmath<reassoc>
// CHECK:         memref.dealloc %[[PARTIALS]]
func.func @dot(%x: memref<?xf32>, %y: memref<?xf32>, %out: memref<f32>) {
  linalg.generic {indexing_maps = [#id, #id, #scalar], iterator_types = ["reduction"]}
      ins(%x, %y : memref<?xf32>, memref<?xf32>) outs(%out : memref<f32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %m fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  return
}

// Column sums: the partials have the output's shape after the chunk's
// dimension; the index values of a chunk are offset by its first row.
// CHECK-LABEL: func.func @column_sums
// CHECK:         memref.alloc(%{{.*}}, %{{.*}}) : memref<?x?xf32>
// CHECK:         scf.forall
// CHECK:           memref.subview {{.*}} : memref<?x?xf32> to memref<?xf32, strided<[1], offset: ?>>
// CHECK:           linalg.generic
// CHECK:             %[[I:.*]] = linalg.index 0
// CHECK:             affine.apply #{{.*}}(%{{.*}})[%[[I]]]
// CHECK:         linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]
func.func @column_sums(%x: memref<?x?xf32>, %out: memref<?xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>], iterator_types = ["reduction", "parallel"]}
      ins(%x : memref<?x?xf32>) outs(%out : memref<?xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %i = linalg.index 0 : index
    %ii = arith.index_cast %i : index to i32
    %fi = arith.sitofp %ii : i32 to f32
    %w = arith.mulf %a, %fi : f32
    %s = arith.addf %acc, %w fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  return
}

// A maximum starts its partials at -inf; integer sums regroup freely.
// CHECK-LABEL: func.func @largest
// CHECK:         scf.forall
// CHECK:           arith.constant 0xFF800000 : f32
// CHECK-LABEL: func.func @integer_sum
// CHECK:         scf.forall
func.func @largest(%x: memref<?xf32>, %out: memref<f32>) {
  linalg.generic {indexing_maps = [#id, #scalar], iterator_types = ["reduction"]}
      ins(%x : memref<?xf32>) outs(%out : memref<f32>) {
  ^bb0(%a: f32, %acc: f32):
    %m = arith.maximumf %acc, %a : f32
    linalg.yield %m : f32
  }
  return
}
func.func @integer_sum(%x: memref<?xi32>, %out: memref<i64>) {
  linalg.generic {indexing_maps = [#id, #scalar], iterator_types = ["reduction"]}
      ins(%x : memref<?xi32>) outs(%out : memref<i64>) {
  ^bb0(%a: i32, %acc: i64):
    %e = arith.extsi %a : i32 to i64
    %s = arith.addi %acc, %e : i64
    linalg.yield %s : i64
  }
  return
}

// Left alone: a float sum not marked reassoc (its order is fixed), a
// reduction already inside a forall (its rows run on threads), a row
// reduction (outermost loop parallel: weft-parallelize-rows' job), and a
// static size under two chunks (with chunks of 4 it is split).
// CHECK-LABEL: func.func @ordered_sum
// CHECK-NOT:     scf.forall
// CHECK-LABEL: func.func @in_forall
// CHECK:         scf.forall
// CHECK-NOT:     scf.forall
// CHECK-LABEL: func.func @row_sums
// CHECK-NOT:     scf.forall
// CHECK-LABEL: func.func @small
// CHECK-NOT:     scf.forall
// CHECK-LABEL: func.func @end
// SMALL-LABEL: func.func @small
// SMALL:         memref.alloc({{.*}}) : memref<?xf32>
// SMALL:         scf.forall
func.func @ordered_sum(%x: memref<?xf32>, %out: memref<f32>) {
  linalg.generic {indexing_maps = [#id, #scalar], iterator_types = ["reduction"]}
      ins(%x : memref<?xf32>) outs(%out : memref<f32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a : f32
    linalg.yield %s : f32
  }
  return
}
func.func @in_forall(%x: memref<?x?xf32>, %out: memref<?xf32>, %n: index) {
  scf.forall (%r) in (%n) {
    %row = memref.subview %x[%r, 0] [1, %n] [1, 1] : memref<?x?xf32> to memref<?xf32, strided<[1], offset: ?>>
    %o = memref.subview %out[%r] [1] [1] : memref<?xf32> to memref<f32, strided<[], offset: ?>>
    linalg.generic {indexing_maps = [#id, #scalar], iterator_types = ["reduction"]}
        ins(%row : memref<?xf32, strided<[1], offset: ?>>) outs(%o : memref<f32, strided<[], offset: ?>>) {
    ^bb0(%a: f32, %acc: f32):
      %s = arith.addf %acc, %a fastmath<reassoc> : f32
      linalg.yield %s : f32
    }
  }
  return
}
func.func @row_sums(%x: memref<?x?xf32>, %out: memref<?xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<?x?xf32>) outs(%out : memref<?xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  return
}
func.func @small(%x: memref<100xf32>, %out: memref<f32>) {
  linalg.generic {indexing_maps = [#id, #scalar], iterator_types = ["reduction"]}
      ins(%x : memref<100xf32>) outs(%out : memref<f32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  return
}
func.func @end() {
  return
}

// ERR: weft-parallelize-reductions: chunk-iterations must be positive
