// RUN: weft-opt %s --pass-pipeline='builtin.module(llvm.func(weft-prefer-vector-width))' | FileCheck %s
// RUN: weft-opt %s --pass-pipeline='builtin.module(llvm.func(weft-prefer-vector-width{bits=512}))' | FileCheck %s --check-prefix=WIDE
// RUN: not weft-opt %s --pass-pipeline='builtin.module(llvm.func(weft-prefer-vector-width{bits=100}))' 2>&1 | FileCheck %s --check-prefix=ERR

// Scalar loops, left to LLVM's vectorisers: 256-bit vectors preferred.
// CHECK-LABEL: llvm.func @scalar
// CHECK-SAME:    passthrough = ["nounwind", ["prefer-vector-width", "256"]]
// WIDE-LABEL:  llvm.func @scalar
// WIDE-SAME:     ["prefer-vector-width", "512"]
llvm.func @scalar(%p: !llvm.ptr, %x: f32) attributes {passthrough = ["nounwind"]} {
  %y = llvm.fmul %x, %x : f32
  llvm.store %y, %p : f32, !llvm.ptr
  llvm.return
}

// Explicit vectors (a tiled matrix product) keep the full width.
// CHECK-LABEL: llvm.func @vectors
// CHECK-NOT:     prefer-vector-width
// CHECK:         llvm.return
llvm.func @vectors(%p: !llvm.ptr, %x: vector<16xf32>) {
  %y = llvm.fmul %x, %x : vector<16xf32>
  llvm.store %y, %p : vector<16xf32>, !llvm.ptr
  llvm.return
}

// Vectors in a block that stores non-temporally (weft-streaming-stores'
// loops, bound by memory) do not count.
// CHECK-LABEL: llvm.func @streaming
// CHECK-SAME:    ["prefer-vector-width", "256"]
llvm.func @streaming(%p: !llvm.ptr, %x: vector<16xf32>) {
  %y = llvm.fmul %x, %x : vector<16xf32>
  llvm.store %y, %p {alignment = 64 : i64, nontemporal} : vector<16xf32>, !llvm.ptr
  llvm.return
}

// Polynomial math (weft-fast-math's exp is a chain of fused multiply-adds)
// is bound by arithmetic: full width.
// CHECK-LABEL: llvm.func @polynomial
// CHECK-NOT:     prefer-vector-width
// CHECK:         llvm.return
llvm.func @polynomial(%p: !llvm.ptr, %x: f32) {
  %y = llvm.intr.fma(%x, %x, %x) : (f32, f32, f32) -> f32
  llvm.store %y, %p : f32, !llvm.ptr
  llvm.return
}

// Declarations have no code.
// CHECK-LABEL: llvm.func @external
// CHECK-NOT:     prefer-vector-width
llvm.func @external(f32)

// ERR: error: weft-prefer-vector-width: bits must be a positive multiple of 128
