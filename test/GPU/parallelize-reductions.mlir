// RUN: weft-opt %s --pass-pipeline='builtin.module(func.func(weft-gpu-parallelize-reductions))' | FileCheck %s

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#to0 = affine_map<(d0, d1) -> ()>
#id1 = affine_map<(d0) -> (d0)>
#to0_1 = affine_map<(d0) -> ()>

// A 2-D sum: 65536 threads, each walking the flattened iteration space with
// a stride of the thread count from its own index, accumulating from 0 in a
// register; the shares summed across each warp with shuffles (offsets 16,
// 8, 4, 2, 1), then one atomic add from lane 0 of each warp.
// CHECK-LABEL: func.func @sum2d
// CHECK-SAME:    (%[[X:.*]]: memref<?x?xf32>, %[[S:.*]]: memref<f32>)
// CHECK-DAG:     %[[THREADS:.*]] = arith.constant 65536 : index
// CHECK-DAG:     %[[N:.*]] = memref.dim %[[X]], %c0
// CHECK-DAG:     %[[M:.*]] = memref.dim %[[X]], %c1
// CHECK:         %[[COUNT:.*]] = arith.muli %{{.*}}, %[[M]]
// CHECK:         scf.parallel (%[[T:.*]]) = (%{{.*}}) to (%[[THREADS]])
// CHECK:           %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:           %[[SHARE:.*]] = scf.for %[[I:.*]] = %[[T]] to %[[COUNT]] step %[[THREADS]] iter_args(%[[ACC:.*]] = %[[ZERO]]) -> (f32) {
// CHECK-DAG:         %[[COL:.*]] = arith.remui %[[I]], %[[M]]
// CHECK-DAG:         %[[ROW:.*]] = arith.divui %[[I]], %[[M]]
// CHECK:             %[[V:.*]] = memref.load %[[X]][%[[ROW]], %[[COL]]]
// CHECK:             %[[NEW:.*]] = arith.addf %[[ACC]], %[[V]]
// CHECK:             scf.yield %[[NEW]]
// CHECK:           %[[SH16:.*]], %{{.*}} = gpu.shuffle  xor %[[SHARE]], %{{.*}}, %{{.*}} : f32
// CHECK:           %[[SUM16:.*]] = arith.addf %[[SHARE]], %[[SH16]]
// CHECK-COUNT-4:   gpu.shuffle  xor
// CHECK:           %[[WARPLANE:.*]] = arith.remui %[[T]], %{{.*}}
// CHECK:           %[[FIRST:.*]] = arith.cmpi eq, %[[WARPLANE]]
// CHECK:           scf.if %[[FIRST]] {
// CHECK-NEXT:        memref.atomic_rmw addf %{{.*}}, %[[S]][]
// CHECK-NOT:     linalg.generic
func.func @sum2d(%x: memref<?x?xf32>, %s: memref<f32>) {
  linalg.generic {indexing_maps = [#id2, #to0], iterator_types = ["reduction", "reduction"]}
      ins(%x : memref<?x?xf32>) outs(%s : memref<f32>) {
  ^bb0(%e: f32, %acc: f32):
    %sum = arith.addf %acc, %e : f32
    linalg.yield %sum : f32
  }
  return
}

// A float max: the same, with an atomic max from -inf.
// CHECK-LABEL: func.func @max1d
// CHECK:         arith.constant 0xFF800000 : f32
// CHECK:         memref.atomic_rmw maximumf
func.func @max1d(%x: memref<?xf32>, %s: memref<f32>) {
  linalg.generic {indexing_maps = [#id1, #to0_1], iterator_types = ["reduction"]}
      ins(%x : memref<?xf32>) outs(%s : memref<f32>) {
  ^bb0(%e: f32, %acc: f32):
    %m = arith.maximumf %acc, %e : f32
    linalg.yield %m : f32
  }
  return
}

// A row sum: the rows and 32 lanes in parallel; each lane strides along its
// row by 32 and adds its share to the row's output.
// CHECK-LABEL: func.func @row_sums
// CHECK-SAME:    (%[[X:.*]]: memref<?x?xf32>, %[[S:.*]]: memref<?xf32>)
// CHECK-DAG:     %[[LANES:.*]] = arith.constant 32 : index
// CHECK-DAG:     %[[ROWS:.*]] = memref.dim %[[X]], %c0
// CHECK-DAG:     %[[COLS:.*]] = memref.dim %[[X]], %c1
// CHECK:         scf.parallel (%[[R:.*]], %[[L:.*]]) = (%{{.*}}, %{{.*}}) to (%[[ROWS]], %[[LANES]])
// CHECK:           %[[SHARE:.*]] = scf.for %[[C:.*]] = %[[L]] to %{{.*}} step %[[LANES]] iter_args
// CHECK:             memref.load %[[X]][%[[R]], %[[C]]]
// CHECK:           gpu.shuffle  xor %[[SHARE]]
// CHECK:           scf.if
// CHECK-NEXT:        memref.atomic_rmw addf %{{.*}}, %[[S]][%[[R]]]
func.func @row_sums(%x: memref<?x?xf32>, %s: memref<?xf32>) {
  linalg.generic {indexing_maps = [#id2, affine_map<(d0, d1) -> (d0)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<?x?xf32>) outs(%s : memref<?xf32>) {
  ^bb0(%e: f32, %acc: f32):
    %sum = arith.addf %acc, %e : f32
    linalg.yield %sum : f32
  }
  return
}

// A product has no atomic: left alone.
// CHECK-LABEL: func.func @product
// CHECK-NOT:     scf.parallel
// CHECK:         linalg.generic
func.func @product(%x: memref<?xf32>, %s: memref<f32>) {
  linalg.generic {indexing_maps = [#id1, #to0_1], iterator_types = ["reduction"]}
      ins(%x : memref<?xf32>) outs(%s : memref<f32>) {
  ^bb0(%e: f32, %acc: f32):
    %m = arith.mulf %acc, %e : f32
    linalg.yield %m : f32
  }
  return
}

// An integer max has an atomic too.
// CHECK-LABEL: func.func @max_int
// CHECK:         memref.atomic_rmw maxs
func.func @max_int(%x: memref<?xi32>, %s: memref<i32>) {
  linalg.generic {indexing_maps = [#id1, #to0_1], iterator_types = ["reduction"]}
      ins(%x : memref<?xi32>) outs(%s : memref<i32>) {
  ^bb0(%e: i32, %acc: i32):
    %m = arith.maxsi %acc, %e : i32
    linalg.yield %m : i32
  }
  return
}

// A matmul reads B contiguously along the parallel loop j: one thread per
// output element reads it coalesced, so it is left alone.
// CHECK-LABEL: func.func @matmul
// CHECK-NOT:     scf.parallel
// CHECK:         linalg.generic
func.func @matmul(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %c: memref<?x?xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, k)>,
                                   affine_map<(i, j, k) -> (k, j)>,
                                   affine_map<(i, j, k) -> (i, j)>],
                  iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<?x?xf32>, memref<?x?xf32>) outs(%c : memref<?x?xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// A 64-bit share is not shuffled: every lane adds its own.
// CHECK-LABEL: func.func @sum_f64
// CHECK-NOT:     gpu.shuffle
// CHECK:         %[[SHARE:.*]] = scf.for
// CHECK:         memref.atomic_rmw addf %[[SHARE]]
func.func @sum_f64(%x: memref<?xf64>, %s: memref<f64>) {
  linalg.generic {indexing_maps = [#id1, #to0_1], iterator_types = ["reduction"]}
      ins(%x : memref<?xf64>) outs(%s : memref<f64>) {
  ^bb0(%e: f64, %acc: f64):
    %sum = arith.addf %acc, %e : f64
    linalg.yield %sum : f64
  }
  return
}

// `all=` over bools: NVPTX has no atomic on i1 (a bool is a byte in
// memory), so the shares, widened to i32, are combined across the warp
// with shuffles, and lane 0 of a warp whose share is false stores false.
// Every writer stores the same value: no atomic is needed.
// CHECK-LABEL: func.func @all_bool
// CHECK-SAME:    (%[[X:.*]]: memref<?xi1>, %[[S:.*]]: memref<i1>)
// CHECK:         %[[TRUE:.*]] = arith.constant true
// CHECK:         %[[SHARE:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %[[TRUE]]) -> (i1)
// CHECK:           arith.andi %{{.*}} : i1
// CHECK:         %[[WIDE:.*]] = arith.extui %[[SHARE]] : i1 to i32
// CHECK:         gpu.shuffle  xor %[[WIDE]]
// CHECK-COUNT-4: gpu.shuffle  xor
// CHECK:         %[[ALL:.*]] = arith.andi %{{.*}} : i32
// CHECK:         scf.if
// CHECK:           %[[FALSE:.*]] = arith.cmpi ne, %[[ALL]], %c1_i32
// CHECK:           scf.if %[[FALSE]] {
// CHECK:             %[[B:.*]] = arith.trunci %[[ALL]] : i32 to i1
// CHECK:             memref.store %[[B]], %[[S]][] : memref<i1>
// CHECK-NOT:     memref.atomic_rmw
// CHECK:         return
func.func @all_bool(%x: memref<?xi1>, %s: memref<i1>) {
  linalg.generic {indexing_maps = [#id1, #to0_1], iterator_types = ["reduction"]}
      ins(%x : memref<?xi1>) outs(%s : memref<i1>) {
  ^bb0(%e: i1, %acc: i1):
    %r = arith.andi %acc, %e : i1
    linalg.yield %r : i1
  }
  return
}

// `any=`: the same from false, and the lanes whose share is true store true.
// CHECK-LABEL: func.func @any_bool
// CHECK:         arith.constant false
// CHECK:         arith.extui %{{.*}} : i1 to i32
// CHECK-COUNT-5: gpu.shuffle  xor
// CHECK:         %[[ANY:.*]] = arith.ori %{{.*}} : i32
// CHECK:         %[[TRUE:.*]] = arith.cmpi ne, %[[ANY]], %c0_i32
// CHECK:         scf.if %[[TRUE]] {
// CHECK:           memref.store
// CHECK-NOT:     memref.atomic_rmw
// CHECK:         return
func.func @any_bool(%x: memref<?xi1>, %s: memref<i1>) {
  linalg.generic {indexing_maps = [#id1, #to0_1], iterator_types = ["reduction"]}
      ins(%x : memref<?xi1>) outs(%s : memref<i1>) {
  ^bb0(%e: i1, %acc: i1):
    %r = arith.ori %acc, %e : i1
    linalg.yield %r : i1
  }
  return
}

// A stencil's window (3 x 3 values per output element, known statically):
// a serial loop per element beats 32 lanes ending in atomics. Left alone.
// CHECK-LABEL: func.func @window
// CHECK-NOT:     scf.parallel
// CHECK-NOT:     atomic_rmw
// CHECK:         linalg.generic
func.func @window(%x: memref<?x?x3x3xi8>, %n: memref<?x?xi8>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>,
                                   affine_map<(d0, d1, d2, d3) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%x : memref<?x?x3x3xi8>) outs(%n : memref<?x?xi8>) {
  ^bb0(%e: i8, %acc: i8):
    %sum = arith.addi %acc, %e : i8
    linalg.yield %sum : i8
  }
  return
}

// A reduction of 32 values or more per element still gets lanes.
// CHECK-LABEL: func.func @wide_window
// CHECK:         scf.parallel
// CHECK:         memref.atomic_rmw addf
func.func @wide_window(%x: memref<?x32xf32>, %s: memref<?xf32>) {
  linalg.generic {indexing_maps = [#id2, affine_map<(d0, d1) -> (d0)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<?x32xf32>) outs(%s : memref<?xf32>) {
  ^bb0(%e: f32, %acc: f32):
    %sum = arith.addf %acc, %e : f32
    linalg.yield %sum : f32
  }
  return
}
