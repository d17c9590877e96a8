// RUN: weft-opt %s --convert-weft-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @id
// CHECK-SAME:    (%[[X:.*]]: tensor<?xf32> {weft.name = "x"}) -> tensor<?xf32>
// CHECK-NEXT:    return %[[X]] : tensor<?xf32>
weft.kernel @id(%x: tensor<?xf32> {weft.name = "x"}) -> tensor<?xf32> {
  weft.return %x : tensor<?xf32>
}

// Kernels calling kernels.
// CHECK-LABEL: func.func private @twice
// CHECK-SAME:    (%[[X:.*]]: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>)
// CHECK-NEXT:    %[[A:.*]] = call @id(%[[X]]) : (tensor<?xf32>) -> tensor<?xf32>
// CHECK-NEXT:    %[[B:.*]] = call @id(%[[A]]) : (tensor<?xf32>) -> tensor<?xf32>
// CHECK-NEXT:    return %[[A]], %[[B]] : tensor<?xf32>, tensor<?xf32>
weft.kernel private @twice(%x: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>) {
  %a = weft.call @id(%x) : (tensor<?xf32>) -> tensor<?xf32>
  %b = weft.call @id(%a) : (tensor<?xf32>) -> tensor<?xf32>
  weft.return %a, %b : tensor<?xf32>, tensor<?xf32>
}

// Host code calling a kernel; other host ops are left for convert-weft-to-runtime.
// CHECK-LABEL: func.func @weft_main
// CHECK-SAME:    (%[[X:.*]]: tensor<?xf32>)
// CHECK-NEXT:    %[[R:.*]]:2 = call @twice(%[[X]]) : (tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>)
// CHECK-NEXT:    weft.print "{}"(%[[R]]#1 : tensor<?xf32>)
func.func @weft_main(%x: tensor<?xf32>) {
  %r:2 = weft.call @twice(%x) : (tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>)
  weft.print "{}" (%r#1 : tensor<?xf32>)
  return
}
