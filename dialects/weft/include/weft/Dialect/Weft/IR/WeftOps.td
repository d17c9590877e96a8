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
    than i1. The body receives one element of each input, in order.

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
  }];
  let arguments = (ins StrArrayAttr:$indices,
                       Variadic<Index>:$domain,
                       Weft_CombinerAttr:$combiner,
                       Variadic<AnyRankedTensor>:$inputs,
                       AffineMapArrayAttr:$reads,
                       AffineMapAttr:$writes);
  let results = (outs AnyRankedTensor:$result);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $indices `=` `(` $domain `)` `combiner` $combiner
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

def Weft_YieldOp : Weft_Op<"yield", [
    Pure, HasParent<"EquationOp">, ReturnLike, Terminator]> {
  let summary = "yields an equation body's value for one point of its space";
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

//===----------------------------------------------------------------------===//
// Host operations
//===----------------------------------------------------------------------===//

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

    ```mlir
    %a = weft.load "a.npy" : tensor<?x?xf32>
    ```
  }];
  let arguments = (ins StrAttr:$path);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$path attr-dict `:` type($result)";
}

def Weft_SaveOp : Weft_Op<"save"> {
  let summary = "writes an array to a NumPy .npy file";
  let description = [{
    ```mlir
    weft.save %u, "u.npy" : tensor<?x?xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$array, StrAttr:$path);
  let assemblyFormat = "$array `,` $path attr-dict `:` type($array)";
}

def Weft_PrintOp : Weft_Op<"print"> {
  let summary = "prints a line of text with values interpolated";
  let description = [{
    Each `{}` in `format` is replaced by the next operand: scalars as numbers,
    arrays like NumPy (truncated with `...` when large). `{{` and `}}` print
    a literal `{` and `}`; any other brace prints as itself. A newline ends
    the line.

    ```mlir
    weft.print "{} steps, total {}" (%steps, %u : i64, tensor<?x?xf32>)
    ```
  }];
  let arguments = (ins StrAttr:$format, Variadic<AnyType>:$values);
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

#endif // WEFT_OPS_TD
