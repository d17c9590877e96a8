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
// CHECK:           %[[ROW:.*]] = affine.max #{{.*}}(%[[FIRST]])
// CHECK:           %[[START:.*]] = affine.min #{{.*}}()[%[[ROW]], %{{.*}}]
// CHECK:           %[[XC:.*]] = memref.subview %[[X]][%[[START]], 0]
// CHECK:           %[[PC:.*]] = memref.subview %[[P]][%[[START]], 0]
// CHECK:           %[[X2C:.*]] = memref.subview %[[X2]][%[[START]], 0]
// CHECK:           linalg.generic {{.*}} ins(%[[XC]], %[[PC]] : {{.*}}) outs(%[[X2C]] : {{.*}})
// CHECK:           %[[R2C:.*]] = memref.subview %[[R2]][%{{.*}}, 0]
// CHECK:           linalg.generic {{.*}} outs(%[[R2C]] : {{.*}})
// CHECK:           memref.subview %[[R]][%[[FIRST]], 0]
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

// The same after weft-write-in-place: x and r are updated in their own
// buffers (arguments, which may share memory with p and q) and r.r reads the
// new r. Every access is at the chunk's own rows, so all three still run in
// the chunks, in program order.
// CHECK-LABEL: func.func @update_in_place
// CHECK-SAME:    (%[[A:.*]]: f32, %[[P:.*]]: memref<?x?xf32>, %[[Q:.*]]: memref<?x?xf32>, %[[X:.*]]: memref<?x?xf32>, %[[R:.*]]: memref<?x?xf32>
// CHECK-NOT:     linalg.generic
// CHECK:         scf.forall
// CHECK:           %[[XC:.*]] = memref.subview %[[X]]
// CHECK:           linalg.generic {{.*}} ins(%{{.*}} : {{.*}}) outs(%[[XC]] : {{.*}})
// CHECK:           %[[RC:.*]] = memref.subview %[[R]]
// CHECK:           linalg.generic {{.*}} ins(%{{.*}} : {{.*}}) outs(%[[RC]] : {{.*}})
// CHECK:           memref.subview %[[R]]
// CHECK:           linalg.fill
// CHECK:           linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]
// CHECK:         }
// CHECK-NOT:     linalg.generic {{.*}} ["parallel", "parallel"]
// CHECK:         return
func.func @update_in_place(%a: f32, %p: memref<?x?xf32>, %q: memref<?x?xf32>, %x: memref<?x?xf32>, %r: memref<?x?xf32>, %msg: memref<*xi8>) -> memref<f64> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f64
  %m = memref.dim %p, %c0 : memref<?x?xf32>
  %mx = memref.dim %x, %c0 : memref<?x?xf32>
  %mr = memref.dim %r, %c0 : memref<?x?xf32>
  %m64 = arith.index_cast %m : index to i64
  %mx64 = arith.index_cast %mx : index to i64
  %mr64 = arith.index_cast %mr : index to i64
  call @weft_rt_check_extent(%mx64, %m64, %msg) : (i64, i64, memref<*xi8>) -> ()
  call @weft_rt_check_extent(%mr64, %m64, %msg) : (i64, i64, memref<*xi8>) -> ()
  linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel"]}
      ins(%p : memref<?x?xf32>) outs(%x : memref<?x?xf32>) {
  ^bb0(%pe: f32, %xe: f32):
    %t = arith.mulf %a, %pe : f32
    %s = arith.addf %xe, %t : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel"]}
      ins(%q : memref<?x?xf32>) outs(%r : memref<?x?xf32>) {
  ^bb0(%qe: f32, %re: f32):
    %t = arith.mulf %a, %qe : f32
    %s = arith.subf %re, %t : f32
    linalg.yield %s : f32
  }
  %out = memref.alloc() : memref<f64>
  linalg.fill ins(%zero : f64) outs(%out : memref<f64>)
  linalg.generic {indexing_maps = [#map2, #scalar2], iterator_types = ["reduction", "reduction"]}
      ins(%r : memref<?x?xf32>) outs(%out : memref<f64>) {
  ^bb0(%re: f32, %acc: f64):
    %e = arith.extf %re : f32 to f64
    %sq = arith.mulf %e, %e : f64
    %sum = arith.addf %acc, %sq fastmath<reassoc> : f64
    linalg.yield %sum : f64
  }
  return %out : memref<f64>
}

// An argument updated in place may share memory with any other argument:
// when the reduction reads one at other rows (q transposed), an element of
// x written by one chunk could be one that another chunk's reduction has
// yet to read, so the update runs before the chunks, on its own.
// CHECK-LABEL: func.func @in_place_then_transposed
// CHECK-SAME:    (%[[A:.*]]: f32, %[[P:.*]]: memref<?x?xf32>, %[[Q:.*]]: memref<?x?xf32>, %[[X:.*]]: memref<?x?xf32>
// CHECK:         linalg.generic {{.*}} ins(%[[P]] : memref<?x?xf32>) outs(%[[X]] : memref<?x?xf32>)
// CHECK:         scf.forall
// CHECK-NOT:       outs(%{{.*}}[[X]]
// CHECK:           linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]
// CHECK:         }
#transposed = affine_map<(i, j) -> (j, i)>
func.func @in_place_then_transposed(%a: f32, %p: memref<?x?xf32>, %q: memref<?x?xf32>, %x: memref<?x?xf32>) -> memref<f32> {
  %zero = arith.constant 0.0 : f32
  linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel"]}
      ins(%p : memref<?x?xf32>) outs(%x : memref<?x?xf32>) {
  ^bb0(%pe: f32, %xe: f32):
    %s = arith.addf %xe, %pe : f32
    linalg.yield %s : f32
  }
  %out = memref.alloc() : memref<f32>
  linalg.fill ins(%zero : f32) outs(%out : memref<f32>)
  linalg.generic {indexing_maps = [#map2, #transposed, #scalar2], iterator_types = ["reduction", "reduction"]}
      ins(%x, %q : memref<?x?xf32>, memref<?x?xf32>) outs(%out : memref<f32>) {
  ^bb0(%xe: f32, %qe: f32, %acc: f32):
    %t = arith.mulf %xe, %qe : f32
    %sum = arith.addf %acc, %t fastmath<reassoc> : f32
    linalg.yield %sum : f32
  }
  return %out : memref<f32>
}

// A stencil split into pieces (weft-split-at-pieces, bufferized in place):
// the interior (rows 1 to m - 1) and the first and last rows write views of
// one fresh allocation, and the reduction reads it (CG's p.q after q = A p).
// Each chunk runs the rows of every piece that fall in its own rows (none,
// often, for the single rows), clamped to the piece, in program order, and
// then reduces its rows while they are in the cache. The pieces move past
// the run-time checks between them (a wrapped stencil's).
// CHECK-LABEL: func.func @stencil_pieces
// CHECK-SAME:    (%[[SP:.*]]: memref<?x?xf32>,
// CHECK:         %[[Q:.*]] = memref.alloc
// CHECK-NOT:     linalg.generic
// CHECK:         call @weft_rt_check_index
// CHECK-NOT:     linalg.generic
// CHECK:         scf.forall (%[[C:.*]]) in
// CHECK:           %[[FIRST:.*]] = arith.muli %[[C]]
// CHECK:           %[[LO:.*]] = affine.max #{{.*}}(%[[FIRST]])
// CHECK:           %[[START:.*]] = affine.min #{{.*}}()[%[[LO]], %[[ROWS:.*]]]
// CHECK:           %[[HI:.*]] = affine.max #{{.*}}(%[[FIRST]])
// CHECK:           %[[END:.*]] = affine.min #{{.*}}()[%[[HI]], %[[ROWS]]]
// CHECK:           affine.apply #{{.*}}()[%[[END]], %[[START]]]
// CHECK:           memref.subview %{{.*}}[%[[START]], 0]
// CHECK:           memref.subview %{{.*}}[%[[START]], 0]
// CHECK:           %[[QI:.*]] = memref.subview %{{.*}}[%[[START]], 0]
// CHECK:           linalg.generic {{.*}} outs(%[[QI]] :
// CHECK:             %[[I:.*]] = linalg.index 0
// CHECK:             affine.apply #{{.*}}(%[[START]])[%[[I]]]
// CHECK:           linalg.generic {{.*}} ["parallel", "parallel"]
// CHECK:           linalg.generic {{.*}} ["parallel", "parallel"]
// CHECK:           memref.subview %[[Q]][%[[FIRST]], 0]
// CHECK:           linalg.fill
// CHECK:           linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]
// CHECK:         }
// CHECK-NOT:     linalg.generic {{.*}} ["parallel", "parallel"]
// CHECK:         return
func.func private @weft_rt_check_index(i64, i64, memref<*xi8>)
func.func @stencil_pieces(%p: memref<?x?xf32>, %out: memref<f64>, %msg: memref<*xi8>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %zero = arith.constant 0.0 : f64
  %m = memref.dim %p, %c0 : memref<?x?xf32>
  %n = memref.dim %p, %c1 : memref<?x?xf32>
  %inner = arith.subi %m, %c2 : index
  %last = arith.subi %m, %c1 : index
  %q = memref.alloc(%m, %n) : memref<?x?xf32>
  %qi = memref.subview %q[%c1, 0] [%inner, %n] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1], offset: ?>>
  %pi = memref.subview %p[%c1, 0] [%inner, %n] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1], offset: ?>>
  %pu = memref.subview %p[%c0, 0] [%inner, %n] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1], offset: ?>>
  linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel"]}
      ins(%pi, %pu : memref<?x?xf32, strided<[?, 1], offset: ?>>, memref<?x?xf32, strided<[?, 1], offset: ?>>) outs(%qi : memref<?x?xf32, strided<[?, 1], offset: ?>>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %i = linalg.index 0 : index
    %ii = arith.index_cast %i : index to i32
    %fi = arith.sitofp %ii : i32 to f32
    %s = arith.subf %a, %b : f32
    %t = arith.addf %s, %fi : f32
    linalg.yield %t : f32
  }
  %m64 = arith.index_cast %m : index to i64
  %n64 = arith.index_cast %n : index to i64
  call @weft_rt_check_index(%m64, %n64, %msg) : (i64, i64, memref<*xi8>) -> ()
  %q0 = memref.subview %q[0, 0] [%c1, %n] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1]>>
  %p0 = memref.subview %p[0, 0] [%c1, %n] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1]>>
  linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel"]}
      ins(%p0 : memref<?x?xf32, strided<[?, 1]>>) outs(%q0 : memref<?x?xf32, strided<[?, 1]>>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  }
  %ql = memref.subview %q[%last, 0] [%c1, %n] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1], offset: ?>>
  %pl = memref.subview %p[%last, 0] [%c1, %n] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1], offset: ?>>
  linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel"]}
      ins(%pl : memref<?x?xf32, strided<[?, 1], offset: ?>>) outs(%ql : memref<?x?xf32, strided<[?, 1], offset: ?>>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  }
  linalg.fill ins(%zero : f64) outs(%out : memref<f64>)
  linalg.generic {indexing_maps = [#map2, #map2, #scalar2], iterator_types = ["reduction", "reduction"]}
      ins(%p, %q : memref<?x?xf32>, memref<?x?xf32>) outs(%out : memref<f64>) {
  ^bb0(%a: f32, %b: f32, %acc: f64):
    %ea = arith.extf %a : f32 to f64
    %eb = arith.extf %b : f32 to f64
    %mul = arith.mulf %ea, %eb : f64
    %sum = arith.addf %acc, %mul fastmath<reassoc> : f64
    linalg.yield %sum : f64
  }
  return
}

// Not run in the chunks: an element-wise op over rows not known to be the
// reduction's (no check compared them), one whose output the reduction
// reads across rows (transposed: the output must be complete first); and
// one whose output the next element-wise op reads at other rows, which
// then runs in the chunks alone (the first must not move past it).
// CHECK-LABEL: func.func @not_companions
// CHECK:         linalg.generic {{.*}} ["parallel", "parallel"]
// CHECK:         linalg.generic {{.*}} ["parallel", "parallel"]
// CHECK:         scf.forall
// CHECK-NOT:       ["parallel", "parallel"]
// CHECK:         return
// CHECK-LABEL: func.func @shifted_reader
// CHECK:         linalg.generic {{.*}} ["parallel", "parallel"]
// CHECK-NOT:     linalg.generic
// CHECK:         scf.forall
// CHECK:           linalg.generic {{.*}} ["parallel", "parallel"]
// CHECK:           linalg.generic {{.*}} ["reduction", "reduction"]
// CHECK:         }
// CHECK-NOT:     ["parallel", "parallel"]
// CHECK:         return
func.func @not_companions(%x: memref<?x?xf32>, %y: memref<?x?xf32>, %out: memref<f32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = memref.dim %x, %c0 : memref<?x?xf32>
  %n = memref.dim %x, %c1 : memref<?x?xf32>
  %my = memref.dim %y, %c0 : memref<?x?xf32>
  %other = memref.alloc(%my, %n) : memref<?x?xf32>
  linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel"]}
      ins(%y : memref<?x?xf32>) outs(%other : memref<?x?xf32>) {
  ^bb0(%ye: f32, %o: f32):
    linalg.yield %ye : f32
  }
  %read = memref.alloc(%m, %m) : memref<?x?xf32>
  linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<?x?xf32>) outs(%read : memref<?x?xf32>) {
  ^bb0(%xe: f32, %o: f32):
    %d = arith.addf %xe, %xe : f32
    linalg.yield %d : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (j, i)>, #scalar2], iterator_types = ["reduction", "reduction"]}
      ins(%read : memref<?x?xf32>) outs(%out : memref<f32>) {
  ^bb0(%e: f32, %acc: f32):
    %s = arith.addf %acc, %e fastmath<reassoc> : f32
    linalg.yield %s : f32
  }
  return
}
func.func @shifted_reader(%x: memref<?x?xf32>, %out: memref<f32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = memref.dim %x, %c0 : memref<?x?xf32>
  %n = memref.dim %x, %c1 : memref<?x?xf32>
  %rows = arith.subi %m, %c1 : index
  %a = memref.alloc(%m, %n) : memref<?x?xf32>
  linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<?x?xf32>) outs(%a : memref<?x?xf32>) {
  ^bb0(%xe: f32, %o: f32):
    linalg.yield %xe : f32
  }
  %b = memref.alloc(%m, %n) : memref<?x?xf32>
  %below = memref.subview %a[%c1, 0] [%rows, %n] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1], offset: ?>>
  %bt = memref.subview %b[0, 0] [%rows, %n] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1]>>
  linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel"]}
      ins(%below : memref<?x?xf32, strided<[?, 1], offset: ?>>) outs(%bt : memref<?x?xf32, strided<[?, 1]>>) {
  ^bb0(%e: f32, %o: f32):
    linalg.yield %e : f32
  }
  linalg.generic {indexing_maps = [#map2, #scalar2], iterator_types = ["reduction", "reduction"]}
      ins(%x : memref<?x?xf32>) outs(%out : memref<f32>) {
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
