// RUN: weft-opt %s --convert-weft-to-runtime | FileCheck %s

// weft.exit (the host's `return`) is a call of the runtime's weft_rt_exit,
// wherever it is.

// CHECK: func.func private @weft_rt_exit()
// CHECK-LABEL: func.func @weft_main
// CHECK:         scf.if %{{.*}} {
// CHECK-NEXT:      func.call @weft_rt_exit() : () -> ()
// CHECK-NEXT:    }
// CHECK-NOT:     weft.exit
func.func @weft_main(%stop: i1) {
  scf.if %stop {
    weft.exit
  }
  return
}
