// RUN: weft-opt %s --weft-fast-math | FileCheck %s --check-prefixes=CHECK,MLIR
// RUN: weft-opt %s --weft-fast-math=fast-ldexp=1 | FileCheck %s --check-prefixes=CHECK,LDEXP

// f32 exp, log and tanh, scalar or vector, become arith code: no math op and
// no call is left.
// Without fast ldexp (AVX2 hosts), MLIR's approximation builds 2^n from its
// bits. With it (AVX-512: vscalefps), x is clamped, n = lrint(x / ln 2) is
// converted once each way, ln 2 is taken off in two parts, then a degree-5
// polynomial (5 fmas, the last adding 1) is scaled by llvm.ldexp.
// CHECK-LABEL: func.func @exp_f32
// CHECK-NOT:     math.exp
// MLIR:          arith.fptosi
// MLIR:          arith.bitcast
// LDEXP:         %[[HIGH:.*]] = arith.constant 8.900000e+01 : f32
// LDEXP:         %[[LOW:.*]] = arith.constant -1.040000e+02 : f32
// LDEXP:         arith.cmpf uge, %{{.*}}, %[[LOW]] : f32
// LDEXP:         %[[X1:.*]] = arith.select %{{.*}}, %{{.*}}, %[[LOW]] : f32
// LDEXP:         arith.cmpf ule, %[[X1]], %[[HIGH]] : f32
// LDEXP:         %[[X:.*]] = arith.select %{{.*}}, %[[X1]], %[[HIGH]] : f32
// LDEXP:         %[[T:.*]] = arith.mulf %[[X]], %{{.*}} : f32
// LDEXP:         %[[N:.*]] = llvm.intr.lrint(%[[T]]) : (f32) -> i32
// LDEXP:         %[[NF:.*]] = arith.sitofp %[[N]] : i32 to f32
// LDEXP:         %[[R1:.*]] = math.fma %[[NF]], %{{.*}}, %[[X]] : f32
// LDEXP:         %[[R:.*]] = math.fma %[[NF]], %{{.*}}, %[[R1]] : f32
// LDEXP-COUNT-4: math.fma %{{.*}}, %[[R]], %{{.*}} : f32
// LDEXP-NEXT:    %[[P:.*]] = math.fma %{{.*}}, %[[R]], %{{.*}} : f32
// LDEXP-NEXT:    llvm.call_intrinsic "llvm.ldexp"(%[[P]], %[[N]]) : (f32, i32) -> f32
// CHECK-NOT:     math.exp
// CHECK:         return
func.func @exp_f32(%x: f32) -> f32 {
  %y = math.exp %x : f32
  return %y : f32
}

// Vectors (from weft-streaming-stores) alike, on every lane.
// CHECK-LABEL: func.func @exp_vector
// CHECK-NOT:     math.exp
// MLIR:          arith.bitcast %{{.*}} : vector<16xi32> to vector<16xf32>
// LDEXP:         arith.constant dense<-1.040000e+02> : vector<16xf32>
// LDEXP:         llvm.intr.lrint(%{{.*}}) : (vector<16xf32>) -> vector<16xi32>
// LDEXP-COUNT-7: math.fma
// LDEXP-NEXT:    llvm.call_intrinsic "llvm.ldexp"(%{{.*}}, %{{.*}}) : (vector<16xf32>, vector<16xi32>) -> vector<16xf32>
// CHECK-NOT:     math.exp
// CHECK:         return
func.func @exp_vector(%x: vector<16xf32>) -> vector<16xf32> {
  %y = math.exp %x : vector<16xf32>
  return %y : vector<16xf32>
}

// CHECK-LABEL: func.func @log_tanh_f32
// CHECK-NOT:     math.log
// CHECK-NOT:     math.tanh
// CHECK:         return
func.func @log_tanh_f32(%x: f32) -> f32 {
  %l = math.log %x : f32
  %t = math.tanh %l : f32
  return %t : f32
}

// f16 is computed in f32 and rounded back.
// CHECK-LABEL: func.func @exp_f16
// CHECK:         arith.extf %{{.*}} : f16 to f32
// CHECK-NOT:     math.exp
// CHECK:         arith.truncf %{{.*}} : f32 to f16
func.func @exp_f16(%x: f16) -> f16 {
  %y = math.exp %x : f16
  return %y : f16
}

// f64 has no approximation, and sin and cos stay exact: libm computes them.
// CHECK-LABEL: func.func @kept
// CHECK:         math.exp %{{.*}} : f64
// CHECK:         math.sin %{{.*}} : f32
// CHECK:         math.cos %{{.*}} : f32
func.func @kept(%x: f64, %y: f32) -> (f64, f32, f32) {
  %e = math.exp %x : f64
  %s = math.sin %y : f32
  %c = math.cos %y : f32
  return %e, %s, %c : f64, f32, f32
}
