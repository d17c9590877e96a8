// RUN: weft-opt %s --convert-weft-to-runtime | FileCheck %s

// Integers are signless; `unsigned_elements` and `unsigned_values` pick the
// runtime's unsigned dtype codes (u8 = 5, u16 = 6, u32 = 7, u64 = 8), and an
// unsigned scalar is zero-extended for printing.

// CHECK-LABEL: func.func @weft_main
// CHECK-SAME:    (%[[K:.*]]: i16, %[[A:.*]]: tensor<4xi8>, %[[W:.*]]: tensor<4xi64>)
func.func @weft_main(%k: i16, %a: tensor<4xi8>, %w: tensor<4xi64>) {
  // CHECK-DAG:     %[[U16:.*]] = arith.constant 6 : i32
  // CHECK-DAG:     %[[WIDE:.*]] = arith.extui %[[K]] : i16 to i64
  // CHECK:         call @weft_rt_print_int(%[[WIDE]], %[[U16]])
  // CHECK:         %[[U8:.*]] = arith.constant 5 : i32
  // CHECK:         call @weft_rt_print_array(%{{.*}}, %[[U8]])
  // The signed i16 printed after them is sign-extended, with code 2.
  // CHECK:         %[[I16:.*]] = arith.constant 2 : i32
  // CHECK:         %[[SWIDE:.*]] = arith.extsi %[[K]] : i16 to i64
  // CHECK:         call @weft_rt_print_int(%[[SWIDE]], %[[I16]])
  weft.print "{} {} {}" (%k, %a, %k : i16, tensor<4xi8>, i16) {unsigned_values = array<i64: 0, 1>}
  // CHECK:         %[[U64:.*]] = arith.constant 8 : i32
  // CHECK:         call @weft_rt_npy_write(%{{.*}}, %{{.*}}, %[[U64]])
  weft.save %w, "w.npy" {unsigned_elements} : tensor<4xi64>
  // CHECK:         %[[U32:.*]] = arith.constant 7 : i32
  // CHECK:         call @weft_rt_npy_dim(%{{.*}}, %[[U32]],
  // CHECK:         call @weft_rt_npy_read(%{{.*}}, %{{.*}}, %[[U32]])
  %l = weft.load "l.npy" {unsigned_elements} : tensor<?xi32>
  // CHECK:         %[[U8B:.*]] = arith.constant 5 : i32
  // CHECK:         call @weft_rt_save_image(%{{.*}}, %{{.*}}, %[[U8B]],
  %img = tensor.empty() : tensor<2x2xi8>
  weft.save_image %img, "u.png" {unsigned_elements} : tensor<2x2xi8>
  return
}
