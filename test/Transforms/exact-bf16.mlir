// RUN: weft-opt %s --weft-exact-bf16 | FileCheck %s

// f32 -> bf16 (scalar or vector) rounds with integer ops: no truncf to bf16
// is left for LLVM, whose AVX512-BF16 instruction flushes subnormals.
// CHECK-LABEL: func.func @to_bf16
// CHECK-NOT:     arith.truncf
// CHECK:         arith.bitcast %{{.*}} : f32 to i32
// CHECK:         arith.bitcast %{{.*}} : i16 to bf16
func.func @to_bf16(%x: f32) -> bf16 {
  %y = arith.truncf %x : f32 to bf16
  return %y : bf16
}

// CHECK-LABEL: func.func @vector_to_bf16
// CHECK-NOT:     arith.truncf
// CHECK:         arith.bitcast %{{.*}} : vector<16xi16> to vector<16xbf16>
func.func @vector_to_bf16(%x: vector<16xf32>) -> vector<16xbf16> {
  %y = arith.truncf %x : vector<16xf32> to vector<16xbf16>
  return %y : vector<16xbf16>
}

// bf16 -> f32 is a shift; f64 -> bf16 is left to the runtime's __truncdfbf2.
// CHECK-LABEL: func.func @others
// CHECK-NOT:     arith.extf
// CHECK:         arith.truncf %{{.*}} : f64 to bf16
func.func @others(%x: bf16, %d: f64) -> (f32, bf16) {
  %y = arith.extf %x : bf16 to f32
  %z = arith.truncf %d : f64 to bf16
  return %y, %z : f32, bf16
}
