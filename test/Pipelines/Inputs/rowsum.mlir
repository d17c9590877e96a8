// A kernel with a reduction and a host program that calls it: the shared
// input of the pipeline tests.
weft.kernel @rowsum(%X: tensor<?x?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = tensor.dim %X, %c0 : tensor<?x?xf32>
  %c = tensor.dim %X, %c1 : tensor<?x?xf32>
  %s = weft.equation ["r", "c"] = (%r, %c) combiner <add>
      ins(%X : tensor<?x?xf32>) reads [affine_map<(r, c) -> (r, c)>]
      writes affine_map<(r, c) -> (r)> -> tensor<?xf32> {
  ^bb0(%x: f32):
    %e = math.exp %x : f32
    weft.yield %e : f32
  }
  weft.return %s : tensor<?xf32>
}

func.func @weft_main() {
  %n = arith.constant 3 : index
  %seed = arith.constant 1 : i64
  %x = weft.random seed(%seed) sizes(%n, %n) : tensor<?x?xf32>
  %s = weft.call @rowsum(%x) : (tensor<?x?xf32>) -> tensor<?xf32>
  weft.print "sums {}" (%s : tensor<?xf32>)
  return
}
