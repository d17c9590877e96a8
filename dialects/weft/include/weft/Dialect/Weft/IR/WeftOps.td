//===- WeftOps.td - Weft operations ------------------------*- tablegen -*-===//
#ifndef WEFT_OPS_TD
#define WEFT_OPS_TD

include "weft/Dialect/Weft/IR/WeftDialect.td"
include "weft/Dialect/Weft/IR/WeftAttrs.td"
include "mlir/IR/BuiltinAttributes.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/CallInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/FunctionInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Kernels
//===----------------------------------------------------------------------===//

def Weft_KernelOp : Weft_Op<"kernel", [
    FunctionOpInterface, IsolatedFromAbove, AutomaticAllocationScope]> {
  let summary = "a Weft kernel: array arguments in, array results out";
  let description = [{
    A kernel takes scalars and arrays (tensors) and returns the arrays its
    equations define. Its body is a list of `weft.equation`s, shape checks
    and `tensor.dim`s, ending in `weft.return`.

    ```mlir
    weft.kernel @saxpy(%a: f32, %x: tensor<?xf32>, %y: tensor<?xf32>)
        -> tensor<?xf32> {
      ...
      weft.return %z : tensor<?xf32>
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       TypeAttrOf<FunctionType>:$function_type,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs);
  let regions = (region AnyRegion:$body);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// FunctionOpInterface: the types of the arguments and results.
    ::llvm::ArrayRef<::mlir::Type> getArgumentTypes() {
      return getFunctionType().getInputs();
    }
    ::llvm::ArrayRef<::mlir::Type> getResultTypes() {
      return getFunctionType().getResults();
    }
    /// CallableOpInterface: the region a call enters.
    ::mlir::Region *getCallableRegion() { return &getBody(); }
  }];
}

def Weft_ReturnOp : Weft_Op<"return", [
    Pure, HasParent<"KernelOp">, ReturnLike, Terminator]> {
  let summary = "returns a kernel's output arrays";
  let description = [{
    ```mlir
    weft.return %z : tensor<?xf32>
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$operands);
  let assemblyFormat = "($operands^ `:` type($operands))? attr-dict";
  let hasVerifier = 1;
}

def Weft_CallOp : Weft_Op<"call", [
    CallOpInterface, DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "calls a kernel, from a kernel or from the host";
  let description = [{
    ```mlir
    %z = weft.call @saxpy(%a, %x, %y)
        : (f32, tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee, Variadic<AnyType>:$operands,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs);
  let results = (outs Variadic<AnyType>:$results);
  let assemblyFormat = [{
    $callee `(` $operands `)` attr-dict `:` functional-type($operands, $results)
  }];
  let extraClassDeclaration = [{
    ::mlir::FunctionType getCalleeType() {
      return ::mlir::FunctionType::get(getContext(), getOperandTypes(),
                                       getResultTypes());
    }
    ::mlir::CallInterfaceCallable getCallableForCallee() {
      return (*this)->getAttrOfType<::mlir::SymbolRefAttr>("callee");
    }
    void setCalleeFromCallable(::mlir::CallInterfaceCallable callee) {
      (*this)->setAttr("callee", ::llvm::cast<::mlir::SymbolRefAttr>(callee));
    }
    ::mlir::Operation::operand_range getArgOperands() { return getOperands(); }
    ::mlir::MutableOperandRange getArgOperandsMutable() {
      return getOperandsMutable();
    }
  }];
}

//===----------------------------------------------------------------------===//
// Index equations
//===----------------------------------------------------------------------===//

def Weft_EquationOp : Weft_Op<"equation", [
    RecursiveMemoryEffects, AttrSizedOperandSegments]> {
  let summary = "one index equation: an array defined over an iteration space";
  let description = [{
    `weft.equation` defines one array element-wise over an iteration space of
    named indices. `domain` gives the extent of every index (the source's
    index names are kept in `indices`). Each input is read at the subscript
    given by its map in `reads` (iteration space -> array dimensions); the
    result element at `writes` receives the value the body yields. Indices
    that `writes` does not use are reduced over with `combiner` (`none` for
    `=`, `add` for `+=`, `mul`, `max`, `min`), starting from the identity of
    the combiner; a combiner needs float or signless integer elements other
    than i1 (`any` and `all` need i1). The body receives one element of each
    input, in order.

    Index `k` runs over `[0, domain[k])`, or over `[lower[k], domain[k])`
    when the optional `from` list gives lower bounds (explicit domains like
    `i in 1..n-1` and windows like `dy in -1..=1`; an empty range runs
    nothing). Maps take the indices' values, not their positions. With
    `init`, the result starts as `init` and only the elements that `writes`
    reaches are replaced; a written index with a non-zero lower bound needs
    one. Inside the body, `weft.index` gives an index's value and
    `weft.read` reads an element at computed subscripts (shape symbols,
    gathers, boundary policies).

    `C[i, j] += A[i, k] * B[k, j]`:

    ```mlir
    %C = weft.equation ["i", "j", "k"] = (%M, %N, %K) combiner <add>
        ins(%A, %B : tensor<?x?xf32>, tensor<?x?xf32>)
        reads [affine_map<(i, j, k) -> (i, k)>, affine_map<(i, j, k) -> (k, j)>]
        writes affine_map<(i, j, k) -> (i, j)> -> tensor<?x?xf32> {
    ^bb0(%a: f32, %b: f32):
      %p = arith.mulf %a, %b : f32
      weft.yield %p : f32
    }
    ```

    `B[i in 1..n-1] = A[i - 1] + A[i + 1]` with `-> B: f32[n] = A`:

    ```mlir
    %B = weft.equation ["i"] = (%nm1) from (%c1) combiner <none>
        init(%A : tensor<?xf32>)
        ins(%A, %A : tensor<?xf32>, tensor<?xf32>)
        reads [affine_map<(i) -> (i - 1)>, affine_map<(i) -> (i + 1)>]
        writes affine_map<(i) -> (i)> -> tensor<?xf32> {
    ^bb0(%l: f32, %r: f32):
      %s = arith.addf %l, %r : f32
      weft.yield %s : f32
    }
    ```
  }];
  let arguments = (ins StrArrayAttr:$indices,
                       Variadic<Index>:$domain,
                       Variadic<Index>:$lower,
                       Weft_CombinerAttr:$combiner,
                       Optional<AnyRankedTensor>:$init,
                       Variadic<AnyRankedTensor>:$inputs,
                       AffineMapArrayAttr:$reads,
                       AffineMapAttr:$writes);
  let results = (outs AnyRankedTensor:$result);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $indices `=` `(` $domain `)` (`from` `(` $lower^ `)`)? `combiner` $combiner
    (`init` `(` $init^ `:` type($init) `)`)?
    (`ins` `(` $inputs^ `:` type($inputs) `)`)?
    `reads` $reads `writes` $writes attr-dict `->` type($result) $body
  }];
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    /// The number of indices of the iteration space.
    unsigned getNumIndices() { return getDomain().size(); }
  }];
}

def Weft_IndexOp : Weft_Op<"index", [
    Pure, ParentOneOf<["EquationOp", "ReduceRangeOp"]>]> {
  let summary = "the value of one index of the enclosing equation";
  let description = [{
    The current value of index number `position` of the enclosing
    `weft.equation` (its lower bound counted in), also inside a
    `weft.reduce_range` of its body.

    ```mlir
    %i = weft.index 0
    ```
  }];
  let arguments = (ins I64Attr:$position);
  let results = (outs Index:$result);
  let assemblyFormat = "$position attr-dict";
  let hasVerifier = 1;
}

def Weft_ReadOp : Weft_Op<"read", [
    ParentOneOf<["EquationOp", "ReduceRangeOp"]>, AttrSizedOperandSegments]> {
  let summary = "reads an array element at computed subscripts";
  let description = [{
    Reads `array` at `subscripts` inside an equation body, for reads that a
    read map cannot express: subscripts with shape symbols or gathered
    values, and reads that can leave the array. `boundary` says what a
    subscript outside `[0, extent)` reads: `none` (proved never to happen),
    `check` (a run-time error `message`, with the subscript and extent),
    `wrap` (modulo the extent), `clamp` (the nearest edge), `mirror` (the
    array reflected at its edges, edge elements repeated: `-1` reads `0`,
    `n` reads `n-1`) or `constant` (the `padding` value). Wrap, clamp and
    mirror fail with `message` when the array is empty. `inside` lists the
    dimensions whose subscripts are known to stay in `[0, extent)` (a
    peeled stencil's interior along them): those are read as they are,
    without the policy's arithmetic. `bases` gives, for each dimension, an
    index of the enclosing equation whose values all lie in `[0, extent)`
    in this equation (one that takes its range from the dimension), or -1:
    wrap, clamp and mirror read a subscript equal to that index's value as
    it is. Once weft-unroll-windows has made a window's offsets constants,
    the centre's `y + 0 == y` folds, and its read is a plain one, the same
    as a plain read of `G[y, x]`.

    ```mlir
    %v = weft.read %G[%y, %x] boundary <wrap> "life.weft:2:19: read 'G[y + dy, x + dx]'"
        {inside = array<i64: 1>, bases = array<i64: 0, -1>} : tensor<?x?xi32> -> i32
    ```
  }];
  let arguments = (ins AnyRankedTensor:$array, Variadic<Index>:$subscripts,
                       Weft_BoundaryAttr:$boundary,
                       Optional<AnyType>:$padding, StrAttr:$message,
                       OptionalAttr<DenseI64ArrayAttr>:$inside,
                       OptionalAttr<DenseI64ArrayAttr>:$bases);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $array `[` $subscripts `]` `boundary` $boundary
    (`padding` `(` $padding^ `:` type($padding) `)`)?
    $message attr-dict `:` type($array) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Weft_ReduceRangeOp : Weft_Op<"reduce_range", [
    RecursiveMemoryEffects, ParentOneOf<["EquationOp", "ReduceRangeOp"]>]> {
  let summary = "reduces a body over a range computed inside an equation";
  let description = [{
    Inside an equation body: combines with `combiner` (as `weft.equation`'s,
    never `none`) the values its body yields for each index value `p` in
    `[lower, upper)`, the body's argument. An empty or reversed range gives
    the combiner's identity. The bounds are values of the enclosing body, so
    they may differ from element to element: a CSR row's entries
    (`for p in rowptr[r]..rowptr[r + 1]`).

    ```mlir
    %sum = weft.reduce_range %lo to %hi combiner <add> : f64 {
    ^bb0(%p: index):
      %v = weft.read %vals[%p] boundary <check> "cg.weft:9:16: read of 'vals'"
          : tensor<?xf64> -> f64
      weft.yield %v : f64
    }
    ```
  }];
  let arguments = (ins Index:$lower, Index:$upper,
                       Weft_CombinerAttr:$combiner);
  let results = (outs AnyType:$result);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $lower `to` $upper `combiner` $combiner attr-dict `:` type($result) $body
  }];
  let hasRegionVerifier = 1;
}

def Weft_YieldOp : Weft_Op<"yield", [
    Pure, ParentOneOf<["EquationOp", "ReduceRangeOp"]>, ReturnLike,
    Terminator]> {
  let summary = "yields a body's value for one point of its space";
  let description = [{
    ```mlir
    weft.yield %p : f32
    ```
  }];
  let arguments = (ins AnyType:$value);
  let assemblyFormat = "$value attr-dict `:` type($value)";
}

def Weft_CheckExtentOp : Weft_Op<"check_extent"> {
  let summary = "run-time check that two extents bound to one symbol agree";
  let description = [{
    Fails the program with `message` (which names the `.weft` source location)
    and both values when `lhs != rhs`. Emitted where a shape symbol is bound a
    second time, e.g. by `B: f32[K, N]` after `A: f32[M, K]`.

    ```mlir
    weft.check_extent %k0, %k1, "mm.weft:1:30: 'B' dimension 0 must equal K"
    ```
  }];
  let arguments = (ins Index:$lhs, Index:$rhs, StrAttr:$message);
  let assemblyFormat = "$lhs `,` $rhs `,` $message attr-dict";
}

def Weft_CheckIndexOp : Weft_Op<"check_index"> {
  let summary = "run-time check that a subscript lies inside its dimension";
  let description = [{
    Fails the program with `message` (which names the `.weft` source
    location), the subscript and the extent when `index` is not in
    `[0, extent)`. Emitted for gathers (`x[col[p]]`).

    ```mlir
    weft.check_index %j, %n, "cg.weft:4:12: subscript of 'x' is out of bounds"
    ```
  }];
  let arguments = (ins Index:$index, Index:$extent, StrAttr:$message);
  let assemblyFormat = "$index `,` $extent `,` $message attr-dict";
}

def Weft_AssertOp : Weft_Op<"assert"> {
  let summary = "run-time check of a condition, failing with a message";
  let description = [{
    Fails the program (exit status 1) when `cond` is false, printing
    `<file>:<line>:<col>: error: <text>` for a `message` of the form
    `<file>:<line>:<col>: <text>`. Emitted for the host's
    `assert(cond, "text")` (with `<text>` `assertion failed: text`) and for
    the bounds of element reads and writes.

    ```mlir
    weft.assert %ok, "prog.weft:3:5: assertion failed: n must be positive"
    ```
  }];
  let arguments = (ins I1:$cond, StrAttr:$message);
  let assemblyFormat = "$cond `,` $message attr-dict";
}

//===----------------------------------------------------------------------===//
// Host operations
//===----------------------------------------------------------------------===//

def Weft_ExitOp : Weft_Op<"exit"> {
  let summary = "ends the program successfully";
  let description = [{
    The host's `return` in `fn main`: flushes the program's output and exits
    with status 0, wherever it is (inside loops and branches too).

    ```mlir
    weft.exit
    ```
  }];
  let assemblyFormat = "attr-dict";
}

def Weft_FullOp : Weft_Op<"full", [Pure]> {
  let summary = "a new array with every element set to one value";
  let description = [{
    `zeros`, `ones` and `full` of the host language. `sizes` gives the dynamic
    dimensions of the result type, in order.

    ```mlir
    %u = weft.full %zero sizes(%n, %n) : f32 -> tensor<?x?xf32>
    ```
  }];
  let arguments = (ins AnyType:$value, Variadic<Index>:$sizes);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $value (`sizes` `(` $sizes^ `)`)? attr-dict `:` type($value) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Weft_RandomOp : Weft_Op<"random"> {
  let summary = "a new array of seeded uniform random numbers in [0, 1)";
  let description = [{
    Floating-point elements are uniform in [0, 1); integer elements are
    uniform in [0, 100). The same seed gives the same array.

    ```mlir
    %x = weft.random seed(%s) sizes(%n) : tensor<?xf32>
    ```
  }];
  let arguments = (ins I64:$seed, Variadic<Index>:$sizes);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    `seed` `(` $seed `)` (`sizes` `(` $sizes^ `)`)? attr-dict `:` type($result)
  }];
  let hasVerifier = 1;
}

def Weft_LoadOp : Weft_Op<"load"> {
  let summary = "reads an array from a NumPy .npy file";
  let description = [{
    The file's dtype and rank must match the result type, and its shape any
    static dimension of it; otherwise the program fails with a message that
    names the file.

    Integer types are signless: `unsigned_elements` marks the file's
    integers as unsigned (`u8` is '<u1', not '<i1').

    ```mlir
    %a = weft.load "a.npy" : tensor<?x?xf32>
    %b = weft.load "b.npy" {unsigned_elements} : tensor<?xi8>
    ```
  }];
  let arguments = (ins StrAttr:$path, UnitAttr:$unsigned_elements);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$path attr-dict `:` type($result)";
}

def Weft_SaveOp : Weft_Op<"save"> {
  let summary = "writes an array to a NumPy .npy file";
  let description = [{
    `unsigned_elements` saves integers as unsigned, as for `weft.load`.

    ```mlir
    weft.save %u, "u.npy" : tensor<?x?xf32>
    weft.save %b, "b.npy" {unsigned_elements} : tensor<?xi8>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$array, StrAttr:$path,
                       UnitAttr:$unsigned_elements);
  let assemblyFormat = "$array `,` $path attr-dict `:` type($array)";
}

def Weft_PrintOp : Weft_Op<"print"> {
  let summary = "prints a line of text with values interpolated";
  let description = [{
    Each `{}` in `format` is replaced by the next operand: scalars as numbers,
    arrays like NumPy (truncated with `...` when large). `{{` and `}}` print
    a literal `{` and `}`; any other brace prints as itself. A newline ends
    the line. `unsigned_values` lists the positions of the integer values
    (scalars or arrays) to show as unsigned.

    ```mlir
    weft.print "{} steps, total {}" (%steps, %u : i64, tensor<?x?xf32>)
    weft.print "{}" (%pixels : tensor<4xi8>) {unsigned_values = array<i64: 0>}
    ```
  }];
  let arguments = (ins StrAttr:$format, Variadic<AnyType>:$values,
                       OptionalAttr<DenseI64ArrayAttr>:$unsigned_values);
  let assemblyFormat = [{
    $format (`(` $values^ `:` type($values) `)`)? attr-dict
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The literal text of `format` around its `{}` holes, braces undoubled:
    /// one piece before each hole and one after the last.
    ::llvm::SmallVector<std::string> getTextPieces();
  }];
}

def Weft_ClockOp : Weft_Op<"clock"> {
  let summary = "wall-clock seconds from a monotonic clock";
  let description = [{
    ```mlir
    %t0 = weft.clock : f64
    ```
  }];
  let results = (outs F64:$seconds);
  let assemblyFormat = "attr-dict `:` type($seconds)";
}

def Weft_ReduceAllOp : Weft_Op<"reduce_all", [Pure]> {
  let summary = "sum, max, min or mean of every element of an array";
  let description = [{
    `sum(a)`, `max(a)`, `min(a)` and `mean(a)` of the host language. `add`,
    `max` and `min` give a value of the element type (integer sums wrap);
    `mean` gives an f64: the sum, taken in f64 for float elements and in i64
    for integers, divided by the number of elements. Elements must be float
    or signless integers other than i1. Of an empty array, `add` gives 0,
    `max` -inf (the smallest integer), `min` +inf (the largest integer) and
    `mean` NaN. Float `max` and `min` propagate NaN. `unsigned_elements`
    makes `max`, `min` and `mean` treat the integers as unsigned (the
    smallest is then 0, the largest all ones).

    ```mlir
    %s = weft.reduce_all <add> %a : tensor<?x?xf32> -> f32
    %m = weft.reduce_all <mean> %v : tensor<?xi32> -> f64
    %u = weft.reduce_all <max> %b {unsigned_elements} : tensor<?xi8> -> i8
    ```
  }];
  let arguments = (ins Weft_ReduceAllKindAttr:$kind, AnyRankedTensor:$array,
                       UnitAttr:$unsigned_elements);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $kind $array attr-dict `:` type($array) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Weft_SaveImageOp : Weft_Op<"save_image", [AttrSizedOperandSegments]> {
  let summary = "writes an array to a PNG image";
  let description = [{
    `save_image(a, "out.png", colormap: "inferno", range: (lo, hi))` of the
    host language. A rank-2 float array becomes an RGB image through
    `colormap` (`viridis`, `inferno` or `grey`; `viridis` when absent), with
    `lo` mapped to the first colour and `hi` to the last; without `range`,
    the array's own minimum and maximum (a constant array is all the middle
    colour, NaN is black). A rank-2 integer or i1 array becomes 8-bit grey,
    a rank-3 integer array `[h, w, 3]` RGB, values clamped to 0..255; these
    take neither a colormap nor a range; `unsigned_elements` reads their
    integers as unsigned. See `weft_rt_save_image`.

    ```mlir
    weft.save_image %u, "u.png" colormap "inferno" range(%lo, %hi)
        : tensor<?x?xf32>
    weft.save_image %mask, "mask.png" : tensor<64x64xi8>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$array, StrAttr:$path,
                       OptionalAttr<StrAttr>:$colormap,
                       Optional<F64>:$lo, Optional<F64>:$hi,
                       UnitAttr:$unsigned_elements);
  let assemblyFormat = [{
    $array `,` $path (`colormap` $colormap^)?
    (`range` `(` $lo^ `,` $hi `)`)? attr-dict `:` type($array)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The colormaps the runtime knows, the default first.
    static ::llvm::ArrayRef<::llvm::StringRef> getKnownColormaps();
  }];
}

def Weft_ArgOp : Weft_Op<"arg"> {
  let summary = "a parameter of `fn main`, read from the command line";
  let description = [{
    `fn main(n: i64 = 512, scale: f64 = 1.0, input: f32[?, ?])` gives one
    `weft.arg` per parameter, in order, in `@weft_main`: each becomes the
    option `--<name>` (`--n 1024`, `--scale=0.5`, `--input data.npy`).
    Scalars (i1, i8..i64, f16..f64) take an optional default of their type;
    arrays are read from the .npy file the option names and take an optional
    default path. A parameter without a default is a required option.
    `--help` lists every option with its type and default; unknown, missing,
    repeated or malformed options stop the program before `@weft_main`
    runs, with a message naming the option. `unsigned_elements` marks an
    integer parameter (or array elements) as unsigned: `--help` shows `u8`,
    the option takes 0..255.

    ```mlir
    %n = weft.arg "n" : i64 = 512
    %k = weft.arg "k" : i8 = 200 {unsigned_elements}
    %scale = weft.arg "scale" : f64 = 1.0
    %verbose = weft.arg "verbose" : i1 = false
    %input = weft.arg "input" : tensor<?x?xf32>
    %table = weft.arg "table" : tensor<3xi32> = "table.npy"
    ```
  }];
  let arguments = (ins StrAttr:$name, OptionalAttr<AnyAttr>:$default_value,
                       UnitAttr:$unsigned_elements);
  let results = (outs AnyType:$result);
  let assemblyFormat = [{
    $name custom<ArgTypeAndDefault>(type($result), $default_value) attr-dict
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The parameter's type as `--help` shows it: `i64`, `bool`,
    /// `f32[?, ?]`.
    std::string getTypeText();
    /// The default as `--help` shows it: `512`, `1.0`, `true`, a path.
    std::optional<std::string> getDefaultText();
  }];
}

#endif // WEFT_OPS_TD
