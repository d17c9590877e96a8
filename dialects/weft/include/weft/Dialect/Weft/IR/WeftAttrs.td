//===- WeftAttrs.td - Weft attributes ----------------------*- tablegen -*-===//
#ifndef WEFT_ATTRS_TD
#define WEFT_ATTRS_TD

include "weft/Dialect/Weft/IR/WeftDialect.td"
include "mlir/IR/EnumAttr.td"

// How an equation combines the values its body yields for one output element.
def Weft_CombinerNone : I32EnumAttrCase<"none", 0>;  // `=`: one value per element
def Weft_CombinerAdd  : I32EnumAttrCase<"add", 1>;   // `+=`, identity 0
def Weft_CombinerMul  : I32EnumAttrCase<"mul", 2>;   // `*=`, identity 1
def Weft_CombinerMax  : I32EnumAttrCase<"max", 3>;   // `max=`, identity -inf / min int
def Weft_CombinerMin  : I32EnumAttrCase<"min", 4>;   // `min=`, identity +inf / max int
def Weft_CombinerAny  : I32EnumAttrCase<"any", 5>;   // `any=` on i1, identity false
def Weft_CombinerAll  : I32EnumAttrCase<"all", 6>;   // `all=` on i1, identity true
// `max=` and `min=` of unsigned integers (signless in the dialect).
def Weft_CombinerUMax : I32EnumAttrCase<"umax", 7>;  // identity 0
def Weft_CombinerUMin : I32EnumAttrCase<"umin", 8>;  // identity all ones

def Weft_CombinerKind : I32EnumAttr<"CombinerKind",
    "how an equation combines the values of its reduced indices",
    [Weft_CombinerNone, Weft_CombinerAdd, Weft_CombinerMul, Weft_CombinerMax,
     Weft_CombinerMin, Weft_CombinerAny, Weft_CombinerAll, Weft_CombinerUMax,
     Weft_CombinerUMin]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::weft";
}

def Weft_CombinerAttr : EnumAttr<Weft_Dialect, Weft_CombinerKind, "combiner"> {
  let assemblyFormat = "`<` $value `>`";
}

// What weft.read does with a subscript outside its array.
def Weft_BoundaryNone     : I32EnumAttrCase<"none", 0>;     // proved in range
def Weft_BoundaryCheck    : I32EnumAttrCase<"check", 1>;    // run-time error
def Weft_BoundaryWrap     : I32EnumAttrCase<"wrap", 2>;     // modulo the extent
def Weft_BoundaryClamp    : I32EnumAttrCase<"clamp", 3>;    // nearest edge
def Weft_BoundaryMirror   : I32EnumAttrCase<"mirror", 4>;   // reflect, edge repeated
def Weft_BoundaryConstant : I32EnumAttrCase<"constant", 5>; // the padding value

def Weft_BoundaryKind : I32EnumAttr<"BoundaryKind",
    "what weft.read does with a subscript outside its array",
    [Weft_BoundaryNone, Weft_BoundaryCheck, Weft_BoundaryWrap,
     Weft_BoundaryClamp, Weft_BoundaryMirror, Weft_BoundaryConstant]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::weft";
}

def Weft_BoundaryAttr : EnumAttr<Weft_Dialect, Weft_BoundaryKind, "boundary"> {
  let assemblyFormat = "`<` $value `>`";
}

// What weft.reduce_all computes over a whole array.
def Weft_ReduceAllAdd  : I32EnumAttrCase<"add", 0>;   // sum(a)
def Weft_ReduceAllMax  : I32EnumAttrCase<"max", 1>;   // max(a)
def Weft_ReduceAllMin  : I32EnumAttrCase<"min", 2>;   // min(a)
def Weft_ReduceAllMean : I32EnumAttrCase<"mean", 3>;  // mean(a), as f64

def Weft_ReduceAllKind : I32EnumAttr<"ReduceAllKind",
    "what weft.reduce_all computes over every element of an array",
    [Weft_ReduceAllAdd, Weft_ReduceAllMax, Weft_ReduceAllMin,
     Weft_ReduceAllMean]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::weft";
}

def Weft_ReduceAllKindAttr
    : EnumAttr<Weft_Dialect, Weft_ReduceAllKind, "reduce_all_kind"> {
  let assemblyFormat = "`<` $value `>`";
}

#endif // WEFT_ATTRS_TD
