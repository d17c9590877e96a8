//===- WeftOps.cpp - Weft operations: parsing, printing, verifiers --------===//
#include "weft/Dialect/Weft/IR/WeftOps.h"

#include "mlir/IR/AffineExprVisitor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Interfaces/FunctionImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

#include <cstdlib>

using namespace mlir;
using namespace weft;

std::optional<SmallVector<int64_t>> weft::linearForm(AffineExpr expr,
                                                     unsigned numDims) {
  SimpleAffineExprFlattener flattener(numDims, /*numSymbols=*/0);
  if (failed(flattener.walkPostOrder(expr)) || flattener.numLocals != 0)
    return std::nullopt;
  ArrayRef<int64_t> flat = flattener.operandExprStack.back();
  return SmallVector<int64_t>(flat.begin(), flat.end());
}

//===----------------------------------------------------------------------===//
// KernelOp
//===----------------------------------------------------------------------===//

ParseResult KernelOp::parse(OpAsmParser &parser, OperationState &result) {
  auto buildFuncType = [](Builder &builder, ArrayRef<Type> argTypes,
                          ArrayRef<Type> results,
                          function_interface_impl::VariadicFlag,
                          std::string &) {
    return builder.getFunctionType(argTypes, results);
  };
  return function_interface_impl::parseFunctionOp(
      parser, result, /*allowVariadic=*/false,
      getFunctionTypeAttrName(result.name), buildFuncType,
      getArgAttrsAttrName(result.name), getResAttrsAttrName(result.name));
}

void KernelOp::print(OpAsmPrinter &p) {
  function_interface_impl::printFunctionOp(
      p, *this, /*isVariadic=*/false, getFunctionTypeAttrName(),
      getArgAttrsAttrName(), getResAttrsAttrName());
}

LogicalResult KernelOp::verify() {
  if (getBody().empty())
    return emitOpError("needs a body");
  for (Type t : getResultTypes())
    if (!isa<RankedTensorType>(t))
      return emitOpError("results must be ranked tensors, got ") << t;
  return success();
}

LogicalResult ReturnOp::verify() {
  auto kernel = (*this)->getParentOfType<KernelOp>();
  ArrayRef<Type> expected = kernel.getResultTypes();
  if (getNumOperands() != expected.size())
    return emitOpError("returns ") << getNumOperands() << " values but '"
                                   << kernel.getName() << "' has "
                                   << expected.size() << " results";
  for (auto [i, value, type] : llvm::enumerate(getOperands(), expected))
    if (value.getType() != type)
      return emitOpError("result #")
             << i << " has type " << value.getType() << " but '"
             << kernel.getName() << "' declares " << type;
  return success();
}

//===----------------------------------------------------------------------===//
// CallOp
//===----------------------------------------------------------------------===//

LogicalResult CallOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  Operation *callee =
      symbolTable.lookupNearestSymbolFrom(*this, getCalleeAttr());
  if (!callee)
    return emitOpError("calls '") << getCallee() << "', which is not defined";
  auto kernel = dyn_cast<KernelOp>(callee);
  if (!kernel)
    return emitOpError("'") << getCallee() << "' is not a weft.kernel";
  FunctionType type = kernel.getFunctionType();
  if (type != getCalleeType())
    return emitOpError("types do not match the signature of '")
           << getCallee() << "': " << type;
  return success();
}

//===----------------------------------------------------------------------===//
// EquationOp
//===----------------------------------------------------------------------===//

/// Whether `combiner` can combine values of type `element`.
static LogicalResult verifyCombiner(Operation *op, CombinerKind combiner,
                                    Type element) {
  // The lowering combines with arith's signed integer ops, which would get
  // i1 wrong (true is -1, so max(true, false) is false); any and all are the
  // boolean combiners.
  bool isBoolean = combiner == CombinerKind::any || combiner == CombinerKind::all;
  if (isBoolean && !element.isInteger(1))
    return op->emitOpError("combiner <")
           << stringifyCombinerKind(combiner) << "> needs i1 elements, got "
           << element;
  if (!isBoolean && combiner != CombinerKind::none &&
      !isa<FloatType>(element) &&
      (!element.isSignlessInteger() || element.isInteger(1)))
    return op->emitOpError("combiner <")
           << stringifyCombinerKind(combiner)
           << "> needs float or signless integer elements other than i1, got "
           << element;
  bool isUnsignedOrder =
      combiner == CombinerKind::umax || combiner == CombinerKind::umin;
  if (isUnsignedOrder && isa<FloatType>(element))
    return op->emitOpError("combiner <")
           << stringifyCombinerKind(combiner)
           << "> compares integers as unsigned, not " << element;
  return success();
}

LogicalResult EquationOp::verify() {
  unsigned numIndices = getNumIndices();
  if (getIndices().size() != numIndices)
    return emitOpError("names ") << getIndices().size()
                                 << " indices but its domain has "
                                 << numIndices << " extents";
  if (!getLower().empty() && getLower().size() != numIndices)
    return emitOpError("has ") << getLower().size()
                               << " lower bounds for " << numIndices
                               << " indices";
  if (getReads().size() != getInputs().size())
    return emitOpError("has ") << getInputs().size() << " inputs but "
                               << getReads().size() << " read maps";

  auto checkMap = [&](AffineMap map, RankedTensorType type,
                      StringRef what) -> LogicalResult {
    if (map.getNumDims() != numIndices || map.getNumSymbols() != 0)
      return emitOpError(what)
             << " map " << AffineMapAttr::get(map) << " must have "
             << numIndices << " dimensions and no symbols";
    if (map.getNumResults() != type.getRank())
      return emitOpError(what) << " map " << AffineMapAttr::get(map) << " has "
                               << map.getNumResults()
                               << " results for an array of rank "
                               << type.getRank();
    return success();
  };
  for (auto [map, input] : llvm::zip(getReads(), getInputs()))
    if (failed(checkMap(cast<AffineMapAttr>(map).getValue(),
                        cast<RankedTensorType>(input.getType()), "read")))
      return failure();
  auto resultType = cast<RankedTensorType>(getResult().getType());
  if (failed(checkMap(getWrites(), resultType, "write")))
    return failure();
  if (!getWrites().isProjectedPermutation())
    return emitOpError("write map ")
           << getWritesAttr() << " must subscript with distinct plain indices";
  if (getCombiner() == CombinerKind::none &&
      getWrites().getNumResults() != numIndices)
    return emitOpError("reduces over an index but has combiner <none>");
  if (getInit() && getInit().getType() != resultType)
    return emitOpError("init of type ")
           << getInit().getType() << " does not match the result type "
           << resultType;
  // Without init the result holds exactly the written range.
  if (!getInit() && !getLower().empty())
    for (AffineExpr expr : getWrites().getResults()) {
      unsigned index = cast<AffineDimExpr>(expr).getPosition();
      if (!matchPattern(getLower()[index], m_Zero()))
        return emitOpError("writes index '")
               << cast<StringAttr>(getIndices()[index]).getValue()
               << "' from a lower bound that may not be 0, which needs init";
    }
  return verifyCombiner(*this, getCombiner(), resultType.getElementType());
}

LogicalResult IndexOp::verify() {
  auto equation = (*this)->getParentOfType<EquationOp>();
  if (static_cast<uint64_t>(getPosition()) >= equation.getNumIndices())
    return emitOpError("position ")
           << getPosition() << " is not an index of an equation with "
           << equation.getNumIndices() << " indices";
  return success();
}

LogicalResult ReadOp::verify() {
  auto type = cast<RankedTensorType>(getArray().getType());
  if (static_cast<int64_t>(getSubscripts().size()) != type.getRank())
    return emitOpError("has ") << getSubscripts().size()
                               << " subscripts for an array of rank "
                               << type.getRank();
  if (getResult().getType() != type.getElementType())
    return emitOpError("result of type ")
           << getResult().getType() << " does not match element type "
           << type.getElementType();
  bool isConstant = getBoundary() == BoundaryKind::constant;
  if (isConstant != static_cast<bool>(getPadding()))
    return emitOpError(isConstant ? "boundary <constant> needs a padding value"
                                  : "only boundary <constant> takes a padding "
                                    "value");
  if (getPadding() && getPadding().getType() != type.getElementType())
    return emitOpError("padding of type ")
           << getPadding().getType() << " does not match element type "
           << type.getElementType();
  if (std::optional<ArrayRef<int64_t>> inside = getInside()) {
    for (auto [i, d] : llvm::enumerate(*inside))
      if (d < 0 || d >= type.getRank() || (i > 0 && d <= (*inside)[i - 1]))
        return emitOpError("inside dimensions must be increasing dimensions "
                           "of the array");
  }
  if (std::optional<ArrayRef<int64_t>> bases = getBases()) {
    int64_t numIndices = (*this)->getParentOfType<EquationOp>().getNumIndices();
    if (static_cast<int64_t>(bases->size()) != type.getRank() ||
        llvm::any_of(*bases,
                     [&](int64_t k) { return k < -1 || k >= numIndices; }))
      return emitOpError("bases must give one index of the equation, or -1, "
                         "per dimension of the array");
  }
  return success();
}

/// The body is checked after its ops, so that it is known to end in a
/// terminator.
LogicalResult EquationOp::verifyRegions() {
  auto resultType = cast<RankedTensorType>(getResult().getType());
  Block &body = getBody().front();
  if (body.getNumArguments() != getInputs().size())
    return emitOpError("body takes ") << body.getNumArguments()
                                      << " arguments for "
                                      << getInputs().size() << " inputs";
  for (auto [arg, input] : llvm::zip(body.getArguments(), getInputs())) {
    Type elem = cast<RankedTensorType>(input.getType()).getElementType();
    if (arg.getType() != elem)
      return emitOpError("body argument of type ")
             << arg.getType() << " does not match input element type " << elem;
  }
  auto yield = dyn_cast<YieldOp>(body.getTerminator());
  if (!yield || yield.getValue().getType() != resultType.getElementType())
    return emitOpError("body must yield one ") << resultType.getElementType();
  return success();
}

LogicalResult ReduceRangeOp::verifyRegions() {
  if (getCombiner() == CombinerKind::none)
    return emitOpError("needs a combiner other than <none>");
  Block &body = getBody().front();
  if (body.getNumArguments() != 1 || !body.getArgument(0).getType().isIndex())
    return emitOpError("body must take one index argument");
  auto yield = dyn_cast<YieldOp>(body.getTerminator());
  if (!yield || yield.getValue().getType() != getResult().getType())
    return emitOpError("body must yield one ") << getResult().getType();
  return verifyCombiner(*this, getCombiner(), getResult().getType());
}

//===----------------------------------------------------------------------===//
// Host operations
//===----------------------------------------------------------------------===//

/// `sizes` must give exactly the dynamic dimensions of `type`.
static LogicalResult verifySizes(Operation *op, RankedTensorType type,
                                 ValueRange sizes) {
  if (static_cast<int64_t>(sizes.size()) != type.getNumDynamicDims())
    return op->emitOpError("has ")
           << sizes.size() << " sizes for " << type.getNumDynamicDims()
           << " dynamic dimensions of " << type;
  return success();
}

LogicalResult FullOp::verify() {
  auto type = cast<RankedTensorType>(getResult().getType());
  if (getValue().getType() != type.getElementType())
    return emitOpError("value of type ")
           << getValue().getType() << " does not match element type "
           << type.getElementType();
  return verifySizes(*this, type, getSizes());
}

LogicalResult RandomOp::verify() {
  return verifySizes(*this, cast<RankedTensorType>(getResult().getType()),
                     getSizes());
}

SmallVector<std::string> PrintOp::getTextPieces() {
  SmallVector<std::string> pieces(1);
  StringRef format = getFormat();
  for (size_t i = 0; i < format.size(); ++i) {
    StringRef rest = format.drop_front(i);
    if (rest.starts_with("{{") || rest.starts_with("}}")) {
      pieces.back() += format[i++];
    } else if (rest.starts_with("{}")) {
      pieces.emplace_back();
      ++i;
    } else {
      pieces.back() += format[i];
    }
  }
  return pieces;
}

LogicalResult PrintOp::verify() {
  size_t holes = getTextPieces().size() - 1;
  if (holes != getValues().size())
    return emitOpError("format has ")
           << holes << " '{}' holes for " << getValues().size() << " values";
  for (int64_t position : getUnsignedValues().value_or(ArrayRef<int64_t>{})) {
    bool isInteger =
        position >= 0 && position < int64_t(getValues().size()) &&
        getElementTypeOrSelf(getValues()[position].getType()).isInteger() &&
        !getElementTypeOrSelf(getValues()[position].getType()).isInteger(1);
    if (!isInteger)
      return emitOpError("unsigned_values names ")
             << position << ", which is not the position of an integer value";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// ReduceAllOp
//===----------------------------------------------------------------------===//

LogicalResult ReduceAllOp::verify() {
  Type element = getArray().getType().getElementType();
  // The lowering combines with arith's signed integer ops, as equations do.
  if (!isa<FloatType>(element) &&
      (!element.isSignlessInteger() || element.isInteger(1)))
    return emitOpError("needs float or signless integer elements other than "
                       "i1, got ")
           << element;
  Type expected = getKind() == ReduceAllKind::mean
                      ? Type(Float64Type::get(getContext()))
                      : element;
  if (getResult().getType() != expected)
    return emitOpError("<")
           << stringifyReduceAllKind(getKind()) << "> of " << element
           << " elements gives " << expected << ", not "
           << getResult().getType();
  return success();
}

//===----------------------------------------------------------------------===//
// SaveImageOp
//===----------------------------------------------------------------------===//

ArrayRef<StringRef> SaveImageOp::getKnownColormaps() {
  static const StringRef names[] = {"viridis", "inferno", "grey"};
  return names;
}

LogicalResult SaveImageOp::verify() {
  auto type = getArray().getType();
  Type element = type.getElementType();
  bool isFloat = isa<FloatType>(element);
  if (!isFloat && !isa<IntegerType>(element))
    return emitOpError("cannot save an image of ") << element << " elements";
  if (isFloat && type.getRank() != 2)
    return emitOpError("needs a rank-2 array [height, width] of floats, got ")
           << type;
  if (!isFloat && type.getRank() != 2 &&
      !(type.getRank() == 3 && type.getDimSize(2) == 3))
    return emitOpError("needs a rank-2 array [height, width] or a rank-3 "
                       "array [height, width, 3] of integers, got ")
           << type;
  if (bool(getLo()) != bool(getHi()))
    return emitOpError("needs both ends of its range or neither");
  if (!isFloat && getColormap())
    return emitOpError("colormap applies only to float arrays, got ") << type;
  if (!isFloat && getLo())
    return emitOpError("range applies only to float arrays, got ") << type;
  if (std::optional<StringRef> colormap = getColormap())
    if (!llvm::is_contained(getKnownColormaps(), *colormap))
      return emitOpError("unknown colormap '")
             << *colormap << "' (known colormaps: "
             << llvm::join(getKnownColormaps(), ", ") << ")";
  return success();
}

//===----------------------------------------------------------------------===//
// ArgOp
//===----------------------------------------------------------------------===//

/// `: type`, then an optional `= default` read as a value of that type.
static ParseResult parseArgTypeAndDefault(OpAsmParser &parser, Type &type,
                                          Attribute &value) {
  if (parser.parseColonType(type))
    return failure();
  if (failed(parser.parseOptionalEqual()))
    return success();
  // Paths (of array parameters) and `true`/`false` carry their own type.
  if (isa<RankedTensorType>(type) || type.isInteger(1))
    return parser.parseAttribute(value);
  return parser.parseAttribute(value, type);
}

static void printArgTypeAndDefault(OpAsmPrinter &p, ArgOp, Type type,
                                   Attribute value) {
  p << ": " << type;
  if (!value)
    return;
  p << " = ";
  p.printAttributeWithoutType(value);
}

/// A scalar type a parameter can have, as --help shows it.
static std::optional<std::string> getScalarText(Type type, bool isUnsigned) {
  if (type.isInteger(1))
    return std::string("bool");
  if (type.isSignlessInteger(8) || type.isSignlessInteger(16) ||
      type.isSignlessInteger(32) || type.isSignlessInteger(64))
    return (isUnsigned ? "u" : "i") +
           std::to_string(type.getIntOrFloatBitWidth());
  if (type.isF16() || type.isBF16() || type.isF32() || type.isF64()) {
    std::string text;
    llvm::raw_string_ostream os(text);
    type.print(os);
    return text;
  }
  return std::nullopt;
}

std::string ArgOp::getTypeText() {
  Type type = getResult().getType();
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return getScalarText(type, getUnsignedElements()).value_or("?");
  std::string text =
      getScalarText(tensor.getElementType(), getUnsignedElements())
          .value_or("?");
  text += "[";
  for (auto [i, extent] : llvm::enumerate(tensor.getShape())) {
    if (i > 0)
      text += ", ";
    text += ShapedType::isDynamic(extent) ? "?" : std::to_string(extent);
  }
  return text + "]";
}

std::optional<std::string> ArgOp::getDefaultText() {
  Attribute value = getDefaultValueAttr();
  if (!value)
    return std::nullopt;
  if (auto text = dyn_cast<StringAttr>(value))
    return text.str();
  if (auto integer = dyn_cast<IntegerAttr>(value)) {
    if (integer.getType().isInteger(1))
      return std::string(integer.getValue().isZero() ? "false" : "true");
    return getUnsignedElements()
               ? std::to_string(integer.getValue().getZExtValue())
               : std::to_string(integer.getValue().getSExtValue());
  }
  // The shortest text that reads back as the same value of its type, always
  // with a point or an exponent so that it reads as a float.
  APFloat number = cast<FloatAttr>(value).getValue();
  bool losesInfo;
  APFloat asDouble = number;
  asDouble.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven,
                   &losesInfo);
  std::string text;
  for (int digits = 1; digits <= 17; ++digits) {
    text = llvm::formatv("{0}", llvm::format("%.*g", digits,
                                             asDouble.convertToDouble()))
               .str();
    APFloat back(std::strtod(text.c_str(), nullptr));
    back.convert(number.getSemantics(), APFloat::rmNearestTiesToEven,
                 &losesInfo);
    if (back.bitwiseIsEqual(number))
      break;
  }
  if (StringRef(text).find_first_of(".eni") == StringRef::npos)
    text += ".0";
  return text;
}

LogicalResult ArgOp::verify() {
  auto func = (*this)->getParentOfType<FunctionOpInterface>();
  if (!func || func.getName() != "weft_main" ||
      (*this)->getParentOp() != func.getOperation())
    return emitOpError("must be at the top level of @weft_main");
  StringRef name = getName();
  if (name.empty() || name.starts_with("-") ||
      name.find_first_of("= \t\n") != StringRef::npos || name == "help" ||
      name == "h")
    return emitOpError("cannot name an option '") << name << "'";
  Type type = getResult().getType();
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!getScalarText(tensor ? tensor.getElementType() : type,
                     getUnsignedElements()))
    return emitOpError("cannot be of type ") << type;
  Attribute value = getDefaultValueAttr();
  if (!value)
    return success();
  if (tensor) {
    auto path = dyn_cast<StringAttr>(value);
    if (!path || path.getValue().empty())
      return emitOpError("default of an array parameter must be the path of "
                         "a .npy file, got ")
             << value;
    return success();
  }
  auto typed = dyn_cast<TypedAttr>(value);
  if (!typed || typed.getType() != type ||
      !isa<IntegerAttr, FloatAttr>(value))
    return emitOpError("default ") << value << " is not a value of type "
                                   << type;
  return success();
}

#define GET_OP_CLASSES
#include "weft/Dialect/Weft/IR/WeftOps.cpp.inc"
