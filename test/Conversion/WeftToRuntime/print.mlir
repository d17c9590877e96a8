// RUN: weft-opt %s --convert-weft-to-runtime | FileCheck %s

// The runtime functions are declared once each, with the C ABI's types.
// CHECK-DAG: func.func private @weft_rt_print_text(memref<*xi8>)
// CHECK-DAG: func.func private @weft_rt_print_newline()
// CHECK-DAG: func.func private @weft_rt_print_int(i64, i32)
// CHECK-DAG: func.func private @weft_rt_print_float(f64, i32)
// CHECK-DAG: func.func private @weft_rt_print_array(memref<*xi8>, i32)
// Each distinct literal piece is one constant global.
// CHECK-DAG: memref.global "private" constant @[[$X:.*]] : memref<4xi8> = dense<[120, 32, 61, 32]>
// CHECK-DAG: memref.global "private" constant @[[$SEP:.*]] : memref<2xi8> = dense<[44, 32]>
// CHECK-DAG: memref.global "private" constant @[[$OPEN:.*]] : memref<1xi8> = dense<123>
// CHECK-DAG: memref.global "private" constant @[[$CLOSE:.*]] : memref<4xi8> = dense<[125, 32, 123, 125]>

// CHECK-LABEL: func.func @scalars
// CHECK-SAME:    (%[[F:.*]]: f32, %[[D:.*]]: f64, %[[I:.*]]: i32, %[[L:.*]]: i64, %[[B:.*]]: i1, %[[N:.*]]: index)
// CHECK:         %[[S:.*]] = memref.get_global @[[$X]] : memref<4xi8>
// CHECK:         %[[SU:.*]] = memref.cast %[[S]] : memref<4xi8> to memref<*xi8>
// CHECK:         call @weft_rt_print_text(%[[SU]]) : (memref<*xi8>) -> ()
// CHECK:         %[[F32:.*]] = arith.constant 11 : i32
// CHECK:         %[[FW:.*]] = arith.extf %[[F]] : f32 to f64
// CHECK:         call @weft_rt_print_float(%[[FW]], %[[F32]]) : (f64, i32) -> ()
// CHECK:         %[[SEP1:.*]] = memref.get_global @[[$SEP]] : memref<2xi8>
// CHECK:         %[[F64:.*]] = arith.constant 12 : i32
// CHECK:         call @weft_rt_print_float(%[[D]], %[[F64]])
// CHECK:         memref.get_global @[[$SEP]]
// CHECK:         %[[I32:.*]] = arith.constant 3 : i32
// CHECK:         %[[IW:.*]] = arith.extsi %[[I]] : i32 to i64
// CHECK:         call @weft_rt_print_int(%[[IW]], %[[I32]])
// CHECK:         %[[I64:.*]] = arith.constant 4 : i32
// CHECK:         call @weft_rt_print_int(%[[L]], %[[I64]])
// CHECK:         %[[BOOL:.*]] = arith.constant 0 : i32
// CHECK:         %[[BW:.*]] = arith.extui %[[B]] : i1 to i64
// CHECK:         call @weft_rt_print_int(%[[BW]], %[[BOOL]])
// CHECK:         %[[IDX:.*]] = arith.constant 4 : i32
// CHECK:         %[[NW:.*]] = arith.index_cast %[[N]] : index to i64
// CHECK:         call @weft_rt_print_int(%[[NW]], %[[IDX]])
// CHECK-NEXT:    call @weft_rt_print_newline() : () -> ()
// CHECK-NOT:     weft.print
func.func @scalars(%f: f32, %d: f64, %i: i32, %l: i64, %b: i1, %n: index) {
  weft.print "x = {}, {}, {}{}{}{}" (%f, %d, %i, %l, %b, %n : f32, f64, i32, i64, i1, index)
  return
}

// Arrays go through their buffer as an unranked memref; element types other
// than i8 take an unrealized cast to the runtime's memref<*xi8>.
// CHECK-LABEL: func.func @arrays
// CHECK-SAME:    (%[[T:.*]]: tensor<?x3xf32>, %[[U:.*]]: tensor<4xi8>)
// CHECK:         %[[F32:.*]] = arith.constant 11 : i32
// CHECK:         %[[BUF:.*]] = bufferization.to_buffer %[[T]] read_only : tensor<?x3xf32> to memref<?x3xf32>
// CHECK:         %[[UR:.*]] = memref.cast %[[BUF]] : memref<?x3xf32> to memref<*xf32>
// CHECK:         %[[OP:.*]] = builtin.unrealized_conversion_cast %[[UR]] : memref<*xf32> to memref<*xi8>
// CHECK:         call @weft_rt_print_array(%[[OP]], %[[F32]]) : (memref<*xi8>, i32) -> ()
// CHECK:         %[[I8:.*]] = arith.constant 1 : i32
// CHECK:         %[[BUF8:.*]] = bufferization.to_buffer %[[U]] read_only : tensor<4xi8> to memref<4xi8>
// CHECK:         %[[UR8:.*]] = memref.cast %[[BUF8]] : memref<4xi8> to memref<*xi8>
// CHECK-NEXT:    call @weft_rt_print_array(%[[UR8]], %[[I8]])
// CHECK-NEXT:    call @weft_rt_print_newline()
func.func @arrays(%t: tensor<?x3xf32>, %u: tensor<4xi8>) {
  weft.print "{}{}" (%t, %u : tensor<?x3xf32>, tensor<4xi8>)
  return
}

// The same text twice reuses one global.
// CHECK-LABEL: func.func @reuse
// CHECK:         memref.get_global @[[$X]]
// CHECK:         call @weft_rt_print_newline()
// CHECK:         memref.get_global @[[$X]]
// CHECK:         call @weft_rt_print_newline()
func.func @reuse() {
  weft.print "x = "
  weft.print "x = "
  return
}

// Doubled braces print as one brace; `{}` inside them is still a hole.
// CHECK-LABEL: func.func @braces
// CHECK-SAME:    (%[[X:.*]]: i32)
// CHECK:         %[[OPEN:.*]] = memref.get_global @[[$OPEN]] : memref<1xi8>
// CHECK:         %[[OPENU:.*]] = memref.cast %[[OPEN]]
// CHECK:         call @weft_rt_print_text(%[[OPENU]])
// CHECK:         %[[W:.*]] = arith.extsi %[[X]] : i32 to i64
// CHECK:         call @weft_rt_print_int(%[[W]], %{{.*}})
// CHECK:         %[[CLOSE:.*]] = memref.get_global @[[$CLOSE]] : memref<4xi8>
// CHECK:         %[[CLOSEU:.*]] = memref.cast %[[CLOSE]]
// CHECK:         call @weft_rt_print_text(%[[CLOSEU]])
// CHECK-NEXT:    call @weft_rt_print_newline()
func.func @braces(%x: i32) {
  weft.print "{{{}}} {{}}" (%x : i32)
  return
}
