// RUN: weft-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(weft-tile-contractions))' | FileCheck %s
// RUN: weft-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(weft-tile-contractions{vector-bits=256}))' | FileCheck %s --check-prefix=AVX2
// RUN: not weft-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(weft-tile-contractions{vector-bits=128}))' 2>&1 | FileCheck %s --check-prefix=BITS

#A = affine_map<(i, j, k) -> (i, k)>
#B = affine_map<(i, j, k) -> (k, j)>
#C = affine_map<(i, j, k) -> (i, j)>

// Cache tiles of 512 x 256 (independent: scf.forall) and 256 along k. Per
// k tile, the full 32-column strips of B's tile are packed into a panel
// (one contiguous 256 x 32 block per strip) that the forall body allocates.
// Full register tiles of 8 rows x 32 keep C in registers across the k loop:
// per k step, one broadcast-FMA per row on a 32-lane vector (two zmm
// registers), reading B from the panel.
// CHECK-LABEL: func.func @matmul
// CHECK-SAME:    (%[[A:.*]]: memref<?x?xf32>, %[[B:.*]]: memref<?x?xf32>, %[[C:.*]]: memref<?x?xf32>)
// CHECK:         scf.forall (%{{.*}}, %{{.*}}) = (0, 0) to (%{{.*}}, %{{.*}}) step (512, 256)
// CHECK:           %[[PANEL:.*]] = memref.alloc() {alignment = 64 : i64} : memref<2048x32xf32>
// CHECK-NOT:       linalg.fill
// CHECK:           scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c256
// CHECK:             scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c1
// CHECK:               scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c1
// CHECK:                 %[[ROW:.*]] = vector.load %[[B]]{{.*}} : memref<?x?xf32>, vector<32xf32>
// CHECK:                 vector.store %[[ROW]], %[[PANEL]]{{.*}} : memref<2048x32xf32>, vector<32xf32>
// CHECK:             scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c8
// CHECK:               scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c32
// CHECK:                 %[[ACC:.*]] = vector.transfer_read %[[C]]{{.*}} : memref<?x?xf32>, vector<8x32xf32>
// CHECK:                 %[[SUM:.*]] = scf.for {{.*}} iter_args(%[[TILE:.*]] = %[[ACC]]) -> (vector<8x32xf32>)
// CHECK:                   vector.transfer_read %[[A]]{{.*}} : memref<?x?xf32>, vector<8x1xf32>
// CHECK:                   vector.transfer_read %[[PANEL]]{{.*}} : memref<2048x32xf32>, vector<1x32xf32>
// CHECK-COUNT-8:           vector.fma %{{.*}} : vector<32xf32>
// CHECK:                   scf.yield %{{.*}} : vector<8x32xf32>
// CHECK:                 vector.transfer_write %[[SUM]], %[[C]]
// Partial tiles at the edges: scalar loops (a partial strip reads B itself).
// CHECK:               scf.for
// CHECK:                 memref.load %[[A]]
// CHECK:                 memref.load %[[B]]
// CHECK:           memref.dealloc %[[PANEL]]
// CHECK-NOT:     linalg.generic
// CHECK:         return

// AVX2 (16 registers): register tiles of 6 x 16, strips of 16 columns.
// AVX2-LABEL: func.func @matmul
// AVX2:         memref.alloc() {alignment = 64 : i64} : memref<4096x16xf32>
// AVX2:         scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c6
// AVX2:           scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c16
// AVX2:             scf.for {{.*}} -> (vector<6x16xf32>)
// AVX2-COUNT-6:       vector.fma %{{.*}} : vector<16xf32>

// BITS: error: weft-tile-contractions: vector-bits must be 256 or 512
func.func @matmul(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %c: memref<?x?xf32>) {
  linalg.generic {indexing_maps = [#A, #B, #C], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<?x?xf32>, memref<?x?xf32>) outs(%c : memref<?x?xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// f64: 8 lanes per 512-bit vector, so register tiles of 8 x 16.
// CHECK-LABEL: func.func @matmul_f64
// CHECK:         memref.alloc() {alignment = 64 : i64} : memref<4096x16xf64>
// CHECK:         scf.for {{.*}} -> (vector<8x16xf64>)
// CHECK-COUNT-8:   vector.fma %{{.*}} : vector<16xf64>
func.func @matmul_f64(%a: memref<?x?xf64>, %b: memref<?x?xf64>, %c: memref<?x?xf64>) {
  linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, k)>, affine_map<(i, j, k) -> (k, j)>, affine_map<(i, j, k) -> (i, j)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<?x?xf64>, memref<?x?xf64>) outs(%c : memref<?x?xf64>) {
  ^bb0(%x: f64, %y: f64, %acc: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.addf %acc, %p : f64
    linalg.yield %s : f64
  }
  return
}

// -----

// The zeros of C (a fill right before the product) are written per cache
// tile, at the start of the tile, instead of over the whole of C first.
// CHECK-LABEL: func.func @filled_matmul
// CHECK-NOT:     linalg.fill
// CHECK:         scf.forall
// CHECK:           memref.alloc()
// CHECK:           scf.for
// CHECK:             scf.for
// CHECK:               memref.store %{{.*}}, %[[OUT:.*]][
// CHECK:           scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c256
func.func @filled_matmul(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %c: memref<?x?xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<?x?xf32>)
  linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, k)>, affine_map<(i, j, k) -> (k, j)>, affine_map<(i, j, k) -> (i, j)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<?x?xf32>, memref<?x?xf32>) outs(%c : memref<?x?xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// C = A B^T (B unit-stride along k): tiled like A B. Per k tile, each full
// strip of 32 rows of B is transposed into the panel in 16 x 16 blocks (16
// row loads, the shuffle network, 16 stores of a panel row), and the k's
// after the last full block are copied one element at a time. The register
// tiles then read the panel as for A B.
// CHECK-LABEL: func.func @transposed_b
// CHECK-SAME:    (%[[A:.*]]: memref<?x?xf32>, %[[B:.*]]: memref<?x?xf32>, %[[C:.*]]: memref<?x?xf32>)
// CHECK:         scf.forall
// CHECK:           %[[PANEL:.*]] = memref.alloc() {alignment = 64 : i64} : memref<2048x32xf32>
// CHECK:           scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c256
// CHECK:             scf.for
// CHECK:               scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c16
// CHECK:                 %[[BLOCK:.*]] = vector.transfer_read %[[B]]{{.*}} : memref<?x?xf32>, vector<16x16xf32>
// CHECK-COUNT-64:        vector.shuffle
// CHECK-COUNT-16:        vector.store %{{.*}}, %[[PANEL]]{{.*}} : memref<2048x32xf32>, vector<16xf32>
// CHECK:                 vector.transfer_read %[[B]]{{.*}} : memref<?x?xf32>, vector<16x16xf32>
// CHECK-COUNT-64:        vector.shuffle
// CHECK-COUNT-16:        vector.store %{{.*}}, %[[PANEL]]{{.*}} : memref<2048x32xf32>, vector<16xf32>
// CHECK:               scf.for
// CHECK:                 scf.for
// CHECK:                   %[[E:.*]] = memref.load %[[B]]
// CHECK:                   memref.store %[[E]], %[[PANEL]]
// CHECK:             scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c8
// CHECK:               scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c32
// CHECK:                 scf.for {{.*}} -> (vector<8x32xf32>)
// CHECK:                   vector.transfer_read %[[PANEL]]{{.*}} : memref<2048x32xf32>, vector<1x32xf32>
// CHECK-COUNT-8:           vector.fma %{{.*}} : vector<32xf32>
// Partial tiles read B itself, transposed.
// CHECK:                 memref.load %[[B]]
// CHECK-NOT:     linalg.generic
// CHECK:         return

// With AVX2, strips of 16 are transposed in 8 x 8 blocks.
// AVX2-LABEL: func.func @transposed_b
// AVX2:         vector.transfer_read %{{.*}} : memref<?x?xf32>, vector<8x8xf32>
// AVX2:         vector.shuffle
// AVX2:         vector.store %{{.*}} : memref<4096x16xf32>, vector<8xf32>
// AVX2:         scf.for {{.*}} -> (vector<6x16xf32>)
func.func @transposed_b(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %c: memref<?x?xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, k)>, affine_map<(i, j, k) -> (j, k)>, affine_map<(i, j, k) -> (i, j)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<?x?xf32>, memref<?x?xf32>) outs(%c : memref<?x?xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// The accumulators stay in registers across the k loop even when C has
// views elsewhere (here a row loop after the product reads C through a
// subview, as weft-fuse-rows leaves in attention).
// CHECK-LABEL: func.func @product_then_rows
// CHECK:         scf.for {{.*}} iter_args({{.*}}) -> (vector<8x32xf32>)
// CHECK:         scf.forall
// CHECK:           memref.subview
func.func @product_then_rows(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %c: memref<?x?xf32>, %r: memref<?xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, k)>, affine_map<(i, j, k) -> (k, j)>, affine_map<(i, j, k) -> (i, j)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<?x?xf32>, memref<?x?xf32>) outs(%c : memref<?x?xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  %c0 = arith.constant 0 : index
  %n = memref.dim %c, %c0 : memref<?x?xf32>
  %m = memref.dim %c, %c0 : memref<?x?xf32>
  scf.forall (%i) in (%n) {
    %row = memref.subview %c[%i, 0] [1, %m] [1, 1] : memref<?x?xf32> to memref<1x?xf32, strided<[?, 1], offset: ?>>
    %sum = memref.subview %r[%i] [1] [1] : memref<?xf32> to memref<1xf32, strided<[1], offset: ?>>
    linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>], iterator_types = ["parallel", "reduction"]}
        ins(%row : memref<1x?xf32, strided<[?, 1], offset: ?>>) outs(%sum : memref<1xf32, strided<[1], offset: ?>>) {
    ^bb0(%x: f32, %acc: f32):
      %s = arith.addf %acc, %x : f32
      linalg.yield %s : f32
    }
  }
  return
}

// -----

// Not matrix products: B^T not unit-stride along k, a u8 product with B^T
// (only 32- and 64-bit elements are transposed), and a row sum. All are
// left alone.
// CHECK-LABEL: func.func @not_products
// CHECK-NOT:     scf.forall
// CHECK-NOT:     vector.
// CHECK:         linalg.generic
// CHECK:         linalg.generic
// CHECK:         linalg.generic
func.func @not_products(%a: memref<?x?xf32>, %b: memref<?x?xf32, strided<[1, ?]>>, %c: memref<?x?xf32>, %r: memref<?xf32>,
                        %a8: memref<?x?xi8>, %b8: memref<?x?xi8>, %c8: memref<?x?xi8>) {
  linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, k)>, affine_map<(i, j, k) -> (j, k)>, affine_map<(i, j, k) -> (i, j)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<?x?xf32>, memref<?x?xf32, strided<[1, ?]>>) outs(%c : memref<?x?xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, k)>, affine_map<(i, j, k) -> (j, k)>, affine_map<(i, j, k) -> (i, j)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a8, %b8 : memref<?x?xi8>, memref<?x?xi8>) outs(%c8 : memref<?x?xi8>) {
  ^bb0(%x: i8, %y: i8, %acc: i8):
    %p = arith.muli %x, %y : i8
    %s = arith.addi %acc, %p : i8
    linalg.yield %s : i8
  }
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>], iterator_types = ["parallel", "reduction"]}
      ins(%a : memref<?x?xf32>) outs(%r : memref<?xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %s = arith.addf %acc, %x : f32
    linalg.yield %s : f32
  }
  return
}
