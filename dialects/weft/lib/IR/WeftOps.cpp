//===- WeftOps.cpp - Weft operations: parsing, printing, verifiers --------===//
#include "weft/Dialect/Weft/IR/WeftOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/FunctionImplementation.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace weft;

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

LogicalResult EquationOp::verify() {
  unsigned numIndices = getNumIndices();
  if (getIndices().size() != numIndices)
    return emitOpError("names ") << getIndices().size()
                                 << " indices but its domain has "
                                 << numIndices << " extents";
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
  // The lowering combines with arith's signed integer ops, which would get
  // i1 wrong (true is -1, so max(true, false) is false).
  Type element = resultType.getElementType();
  if (getCombiner() != CombinerKind::none && !isa<FloatType>(element) &&
      (!element.isSignlessInteger() || element.isInteger(1)))
    return emitOpError("combiner <")
           << stringifyCombinerKind(getCombiner())
           << "> needs float or signless integer elements other than i1, got "
           << element;
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
  return success();
}

#define GET_OP_CLASSES
#include "weft/Dialect/Weft/IR/WeftOps.cpp.inc"
