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

// Element-wise ops right before the reduction, over as many rows (the
// dimensions weft_rt_check_extent compared), run in its chunks: CG's x and r
// updates with r.r, in one parallel loop. Each writes the chunk's rows of
// its fresh output; the fill of the output between them stays outside.
#map2 = affine_map<(i, j) -> (i, j)>
#scalar2 = affine_map<(i, j) -> ()>
func.func private @weft_rt_check_extent(i64, i64, memref<*xi8>)
// CHECK-LABEL: func.func @update
// CHECK-SAME:    (%[[A:.*]]: f32, %[[P:.*]]: memref<?x?xf32>, %[[Q:.*]]: memref<?x?xf32>, %[[X:.*]]: memref<?x?xf32>, %[[R:.*]]: memref<?x?xf32>
// CHECK:         %[[X2:.*]] = memref.alloc
// CHECK:         %[[R2:.*]] = memref.alloc
// CHECK-NOT:     linalg.generic
// CHECK:         linalg.fill
// CHECK-NOT:     linalg.generic
// CHECK:         scf.forall (%[[C:.*]]) in
// CHECK:           %[[FIRST:.*]] = arith.muli %[[C]]
// CHECK:           %[[XC:.*]] = memref.subview %[[X]][%[[FIRST]], 0]
// CHECK:           %[[PC:.*]] = memref.subview %[[P]][%[[FIRST]], 0]
// CHECK:           %[[X2C:.*]] = memref.subview %[[X2]][%[[FIRST]], 0]
// CHECK:           linalg.generic {{.*}} ins(%[[XC]], %[[PC]] : {{.*}}) outs(%[[X2C]] : {{.*}})
// CHECK:           %[[R2C:.*]] = memref.subview %[[R2]][%[[FIRST]], 0]
// CHECK:           linalg.generic {{.*}} outs(%[[R2C]] : {{.*}})
// CHECK:           linalg.fill
// CHECK:           linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]
// CHECK:         }
// CHECK-NOT:     linalg.generic {{.*}} ["parallel", "parallel"]
// CHECK:         return
func.func @update(%a: f32, %p: memref<?x?xf32>, %q: memref<?x?xf32>, %x: memref<?x?xf32>, %r: memref<?x?xf32>, %out: memref<f64>, %msg: memref<*xi8>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %m = memref.dim %p, %c0 : memref<?x?xf32>
  %n = memref.dim %p, %c1 : memref<?x?xf32>
  %mx = memref.dim %x, %c0 : memref<?x?xf32>
  %mr = memref.dim %r, %c0 : memref<?x?xf32>
  %m64 = arith.index_cast %m : index to i64
  %mx64 = arith.index_cast %mx : index to i64
  %mr64 = arith.index_cast %mr : index to i64
  call @weft_rt_check_extent(%mx64, %m64, %msg) : (i64, i64, memref<*xi8>) -> ()
  call @weft_rt_check_extent(%mr64, %m64, %msg) : (i64, i64, memref<*xi8>) -> ()
  %x2 = memref.alloc(%m, %n) : memref<?x?xf32>
  %r2 = memref.alloc(%m, %n) : memref<?x?xf32>
  linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel"]}
      ins(%x, %p : memref<?x?xf32>, memref<?x?xf32>) outs(%x2 : memref<?x?xf32>) {
  ^bb0(%xe: f32, %pe: f32, %o: f32):
    %t = arith.mulf %a, %pe : f32
    %s = arith.addf %xe, %t : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel"]}
      ins(%r, %q : memref<?x?xf32>, memref<?x?xf32>) outs(%r2 : memref<?x?xf32>) {
  ^bb0(%re: f32, %qe: f32, %o: f32):
    %t = arith.mulf %a, %qe : f32
    %s = arith.subf %re, %t : f32
    linalg.yield %s : f32
  }
  linalg.fill ins(%zero : f64) outs(%out : memref<f64>)
  linalg.generic {indexing_maps = [#map2, #map2, #scalar2], iterator_types = ["reduction", "reduction"]}
      ins(%r, %q : memref<?x?xf32>, memref<?x?xf32>) outs(%out : memref<f64>) {
  ^bb0(%re: f32, %qe: f32, %acc: f64):
    %t = arith.mulf %a, %qe : f32
    %s = arith.subf %re, %t : f32
    %e = arith.extf %s : f32 to f64
    %sq = arith.mulf %e, %e : f64
    %sum = arith.addf %acc, %sq fastmath<reassoc> : f64
    linalg.yield %sum : f64
  }
  return
}

// Not run in the chunks: an element-wise op over rows not known to be the
// reduction's (no check compared them), and one whose output the reduction
// reads (it must be complete first).
// CHECK-LABEL: func.func @not_companions
// CHECK:         linalg.generic {{.*}} ["parallel", "parallel"]
// CHECK:         linalg.generic {{.*}} ["parallel", "parallel"]
// CHECK:         scf.forall
// CHECK-NOT:       ["parallel", "parallel"]
// CHECK:         return
func.func @not_companions(%x: memref<?x?xf32>, %y: memref<?x?xf32>, %out: memref<f32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = memref.dim %x, %c0 : memref<?x?xf32>
  %n = memref.dim %x, %c1 : memref<?x?xf32>
  %other = memref.alloc(%m, %n) : memref<?x?xf32>
  linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel"]}
      ins(%y : memref<?x?xf32>) outs(%other : memref<?x?xf32>) {
  ^bb0(%ye: f32, %o: f32):
    linalg.yield %ye : f32
  }
  %read = memref.alloc(%m, %n) : memref<?x?xf32>
  linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<?x?xf32>) outs(%read : memref<?x?xf32>) {
  ^bb0(%xe: f32, %o: f32):
    %d = arith.addf %xe, %xe : f32
    linalg.yield %d : f32
  }
  linalg.generic {indexing_maps = [#map2, #scalar2], iterator_types = ["reduction", "reduction"]}
      ins(%read : memref<?x?xf32>) outs(%out : memref<f32>) {
  ^bb0(%e: f32, %acc: f32):
    %s = arith.addf %acc, %e fastmath<reassoc> : f32
    linalg.yield %s : f32
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
