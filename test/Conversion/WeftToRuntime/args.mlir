// RUN: weft-opt %s --convert-weft-to-runtime --split-input-file --verify-diagnostics | FileCheck %s

// Each weft.arg reads its option; @weft_declare_args declares them all, in
// order, with the type and default that --help shows (kind: the dtype code,
// -1 for arrays).

// CHECK-DAG: func.func private @weft_rt_declare_arg(memref<*xi8>, i32, memref<*xi8>, memref<*xi8>, i32)
// CHECK-DAG: func.func private @weft_rt_arg_int(memref<*xi8>, i64) -> i64
// CHECK-DAG: func.func private @weft_rt_arg_float(memref<*xi8>, f64) -> f64
// CHECK-DAG: func.func private @weft_rt_arg_npy_dim(memref<*xi8>, i32, i64, i64, i64) -> i64
// CHECK-DAG: func.func private @weft_rt_arg_npy_read(memref<*xi8>, memref<*xi8>, i32)
// "n", "i64", "512"
// CHECK-DAG: memref.global "private" constant @[[$N:.*]] : memref<1xi8> = dense<110>
// CHECK-DAG: memref.global "private" constant @[[$I64:.*]] : memref<3xi8> = dense<[105, 54, 52]>
// CHECK-DAG: memref.global "private" constant @[[$D512:.*]] : memref<3xi8> = dense<[53, 49, 50]>
// "half", "f32", "0.1"
// CHECK-DAG: memref.global "private" constant @[[$HALF:.*]] : memref<4xi8> = dense<[104, 97, 108, 102]>
// CHECK-DAG: memref.global "private" constant @[[$F32:.*]] : memref<3xi8> = dense<[102, 51, 50]>
// CHECK-DAG: memref.global "private" constant @[[$D01:.*]] : memref<3xi8> = dense<[48, 46, 49]>
// "verbose", "bool", "true"
// CHECK-DAG: memref.global "private" constant @[[$VERBOSE:.*]] : memref<7xi8> = dense<[118, 101, 114, 98, 111, 115, 101]>
// CHECK-DAG: memref.global "private" constant @[[$BOOL:.*]] : memref<4xi8> = dense<[98, 111, 111, 108]>
// CHECK-DAG: memref.global "private" constant @[[$TRUE:.*]] : memref<4xi8> = dense<[116, 114, 117, 101]>
// "count" (no default: ""), "input", "f32[?, 3]", "in.npy"
// CHECK-DAG: memref.global "private" constant @[[$COUNT:.*]] : memref<5xi8> = dense<[99, 111, 117, 110, 116]>
// CHECK-DAG: memref.global "private" constant @[[$NONE:.*]] : memref<0xi8> = dense<>
// CHECK-DAG: memref.global "private" constant @[[$INPUT:.*]] : memref<5xi8> = dense<[105, 110, 112, 117, 116]>
// CHECK-DAG: memref.global "private" constant @[[$ARRAY:.*]] : memref<9xi8> = dense<[102, 51, 50, 91, 63, 44, 32, 51, 93]>
// CHECK-DAG: memref.global "private" constant @[[$PATH:.*]] : memref<6xi8> = dense<[105, 110, 46, 110, 112, 121]>

// CHECK-LABEL: func.func @weft_main
// CHECK:         %[[NS:.*]] = memref.get_global @[[$N]]
// CHECK:         %[[NU:.*]] = memref.cast %[[NS]]
// CHECK:         %[[D:.*]] = arith.constant 512 : i64
// CHECK:         %[[NV:.*]] = call @weft_rt_arg_int(%[[NU]], %[[D]]) : (memref<*xi8>, i64) -> i64
// CHECK:         memref.get_global @[[$HALF]]
// CHECK:         %[[HD:.*]] = arith.constant 0.10000000149011612 : f64
// CHECK:         %[[HV:.*]] = call @weft_rt_arg_float(%{{.*}}, %[[HD]]) : (memref<*xi8>, f64) -> f64
// CHECK:         %[[H:.*]] = arith.truncf %[[HV]] : f64 to f32
// CHECK:         memref.get_global @[[$VERBOSE]]
// CHECK:         %[[VD:.*]] = arith.constant 1 : i64
// CHECK:         %[[VV:.*]] = call @weft_rt_arg_int(%{{.*}}, %[[VD]])
// CHECK:         %[[V:.*]] = arith.trunci %[[VV]] : i64 to i1
// CHECK:         memref.get_global @[[$COUNT]]
// CHECK:         %[[CV:.*]] = call @weft_rt_arg_int
// CHECK:         %[[C:.*]] = arith.trunci %[[CV]] : i64 to i32
// Arrays are read like weft.load, from the file the option names.
// CHECK:         %[[IS:.*]] = memref.get_global @[[$INPUT]]
// CHECK:         %[[IU:.*]] = memref.cast %[[IS]]
// CHECK:         %[[E0:.*]] = call @weft_rt_arg_npy_dim(%[[IU]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) : (memref<*xi8>, i32, i64, i64, i64) -> i64
// CHECK:         %[[R:.*]] = arith.index_cast %[[E0]] : i64 to index
// CHECK:         call @weft_rt_arg_npy_dim(%[[IU]]
// CHECK:         %[[BUF:.*]] = memref.alloc(%[[R]]) {alignment = 64 : i64} : memref<?x3xf32>
// CHECK:         call @weft_rt_arg_npy_read(%[[IU]], %{{.*}}, %{{.*}})
// CHECK:         %[[T:.*]] = bufferization.to_tensor %[[BUF]] restrict : memref<?x3xf32> to tensor<?x3xf32>
// CHECK:         call @use(%[[NV]], %[[H]], %[[V]], %[[C]], %[[T]])

// CHECK-LABEL: func.func @weft_declare_args()
// CHECK:         %[[N:.*]] = memref.cast %{{.*}} : memref<1xi8> to memref<*xi8>
// CHECK:         %[[K:.*]] = arith.constant 4 : i32
// CHECK:         %[[TY:.*]] = memref.cast %{{.*}} : memref<3xi8> to memref<*xi8>
// CHECK:         %[[DF:.*]] = memref.cast %{{.*}} : memref<3xi8> to memref<*xi8>
// CHECK:         %[[HAS:.*]] = arith.constant 1 : i32
// CHECK:         call @weft_rt_declare_arg(%[[N]], %[[K]], %[[TY]], %[[DF]], %[[HAS]])
// CHECK:         memref.get_global @[[$HALF]]
// CHECK:         arith.constant 11 : i32
// CHECK:         memref.get_global @[[$F32]]
// CHECK:         memref.get_global @[[$D01]]
// CHECK:         call @weft_rt_declare_arg
// CHECK:         memref.get_global @[[$VERBOSE]]
// CHECK:         arith.constant 0 : i32
// CHECK:         memref.get_global @[[$BOOL]]
// CHECK:         memref.get_global @[[$TRUE]]
// CHECK:         call @weft_rt_declare_arg
// CHECK:         memref.get_global @[[$COUNT]]
// CHECK:         arith.constant 3 : i32
// CHECK:         memref.get_global @[[$NONE]]
// CHECK:         %[[NO:.*]] = arith.constant 0 : i32
// CHECK:         call @weft_rt_declare_arg(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[NO]])
// CHECK:         memref.get_global @[[$INPUT]]
// CHECK:         arith.constant -1 : i32
// CHECK:         memref.get_global @[[$ARRAY]]
// CHECK:         memref.get_global @[[$PATH]]
// CHECK:         call @weft_rt_declare_arg
// CHECK-NEXT:    return
func.func private @use(i64, f32, i1, i32, tensor<?x3xf32>)
func.func @weft_main() {
  %n = weft.arg "n" : i64 = 512
  %h = weft.arg "half" : f32 = 0.1
  %v = weft.arg "verbose" : i1 = true
  %c = weft.arg "count" : i32
  %t = weft.arg "input" : tensor<?x3xf32> = "in.npy"
  call @use(%n, %h, %v, %c, %t) : (i64, f32, i1, i32, tensor<?x3xf32>) -> ()
  return
}

// -----

// Without parameters there is no @weft_declare_args: the runtime's main
// then takes no options.
// CHECK-LABEL: func.func @weft_main
// CHECK-NOT:   weft_declare_args
func.func @weft_main() {
  return
}

// -----

func.func @weft_main() {
  // expected-note @below {{first declared here}}
  %a = weft.arg "n" : i64
  // expected-error @below {{parameter 'n' is declared twice}}
  %b = weft.arg "n" : f64
  return
}

// -----

// expected-error @below {{the name 'weft_declare_args' is reserved for the Weft runtime}}
module {
  func.func @weft_declare_args() {
    return
  }
  func.func @weft_main() {
    %a = weft.arg "n" : i64
    return
  }
}
