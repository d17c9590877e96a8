// RUN: weft-opt %s --weft-gpu-merge-kernel-modules | FileCheck %s

// Two outlined modules, each with a kernel called @k: one module, the
// kernels renamed after their old modules, the launches retargeted.
// CHECK-LABEL: func.func @host
// CHECK:         gpu.launch_func @weft_kernels::@first
// CHECK:         gpu.launch_func @weft_kernels::@second
// CHECK:       gpu.module @weft_kernels {
// CHECK:         gpu.func @first() kernel
// CHECK:         gpu.func @second() kernel
// CHECK-NOT:   gpu.module
module attributes {gpu.container_module} {
  func.func @host() {
    %c1 = arith.constant 1 : index
    gpu.launch_func @first::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
    gpu.launch_func @second::@k blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
    return
  }
  gpu.module @first {
    gpu.func @k() kernel {
      gpu.return
    }
  }
  gpu.module @second {
    gpu.func @k() kernel {
      gpu.return
    }
  }
}
