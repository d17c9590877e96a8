// RUN: weft-opt %s --convert-weft-to-runtime | FileCheck %s

// A runtime call in a loop sits in a memref.alloca_scope together with the
// casts that make its unranked descriptors, so the stack does not grow with
// the iterations; a call without descriptors, or outside loops, needs none.

// CHECK-LABEL: func.func @print_in_loop
// CHECK:         scf.for
// CHECK:           memref.alloca_scope {
// CHECK-NEXT:        %[[TEXT:.*]] = memref.cast %{{.*}} : memref<4xi8> to memref<*xi8>
// CHECK-NEXT:        func.call @weft_rt_print_text(%[[TEXT]])
// CHECK-NEXT:      }
// CHECK-NEXT:      func.call @weft_rt_print_newline()
// CHECK-LABEL: func.func @print_once
// CHECK-NOT:     memref.alloca_scope
func.func @print_in_loop(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
    weft.print "step"
  }
  return
}

func.func @print_once() {
  weft.print "once"
  return
}
