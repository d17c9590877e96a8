//===- MLIRGen.cpp - AST to the Weft dialect: the driver ------------------===//
//
// Declares every kernel first (so calls may precede the callee's body), then
// emits kernel bodies and host functions, and verifies the module.
//
//===----------------------------------------------------------------------===//
#include "weft/MLIRGen/MLIRGen.h"
#include "MLIRGenImpl.h"
#include "weft/Frontend/Location.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

namespace weft::detail {

GenContext::GenContext(MLIRContext &context)
    : context(context), builder(&context) {}

Location GenContext::loc(const ast::Location &l) {
  return toMLIRLoc(context, l);
}

InFlightDiagnostic GenContext::error(const ast::Location &l) {
  failed = true;
  return emitError(loc(l));
}

void GenContext::notSupported(const ast::Location &l, StringRef what) {
  error(l) << what << " is not supported yet";
}

Type GenContext::elementType(ast::ElemKind kind, const ast::Location &l) {
  using K = ast::ElemKind;
  switch (kind) {
  case K::Bool:
    return builder.getI1Type();
  case K::I8:
  case K::U8:
    return builder.getIntegerType(8);
  case K::I16:
  case K::U16:
    return builder.getIntegerType(16);
  case K::I32:
  case K::U32:
    return builder.getIntegerType(32);
  case K::I64:
  case K::U64:
    return builder.getIntegerType(64);
  case K::F16:
    return builder.getF16Type();
  case K::BF16:
    return builder.getBF16Type();
  case K::F32:
    return builder.getF32Type();
  case K::F64:
    return builder.getF64Type();
  case K::String:
  case K::Invalid:
    break;
  }
  error(l) << "internal error: no MLIR type for a value of kind '"
           << ast::elemKindName(kind) << "'";
  return {};
}

Type GenContext::type(const ast::Type &t, const ast::Location &l) {
  Type elem = elementType(t.elem, l);
  if (!elem || !t.isArray)
    return elem;
  SmallVector<int64_t> shape;
  for (const ast::Dim &d : t.dims)
    shape.push_back(d.kind == ast::Dim::Kind::Constant ? d.constant
                                                       : ShapedType::kDynamic);
  return RankedTensorType::get(shape, elem);
}

Type GenContext::tensorType(const ast::Type &t, const ast::Location &l) {
  Type result = type(t, l);
  if (!result || t.isArray)
    return result;
  return RankedTensorType::get({}, result);
}

Value GenContext::scalarOf(Value value, const ast::Location &l) {
  auto type = value ? dyn_cast<RankedTensorType>(value.getType()) : nullptr;
  if (!type || type.getRank() != 0)
    return value;
  return tensor::ExtractOp::create(builder, loc(l), value, ValueRange{});
}

Value GenContext::coerce(Value value, Type type, const ast::Location &l,
                         StringRef what) {
  if (!value || value.getType() == type)
    return value;
  if (tensor::CastOp::areCastCompatible(value.getType(), type)) {
    auto from = cast<RankedTensorType>(value.getType());
    auto to = cast<RankedTensorType>(type);
    for (int64_t d = 0; d < to.getRank() && !what.empty(); ++d) {
      if (!from.isDynamicDim(d) || to.isDynamicDim(d))
        continue;
      Value size = tensor::DimOp::create(builder, loc(l), value, d);
      Value expected =
          arith::ConstantIndexOp::create(builder, loc(l), to.getDimSize(d));
      CheckExtentOp::create(
          builder, loc(l), size, expected,
          llvm::formatv("{0}:{1}:{2}: dimension {3} of {4} must be {5}", l.file,
                        l.line, l.col, d, what, to.getDimSize(d))
              .str());
    }
    return tensor::CastOp::create(builder, loc(l), type, value);
  }
  error(l) << "internal error: a value of type " << value.getType()
           << " is used where " << type << " is expected";
  return {};
}

Value GenContext::toIndex(Value value, const ast::Location &l,
                          bool isUnsigned) {
  if (!value || value.getType().isIndex())
    return value;
  if (isUnsigned)
    return arith::IndexCastUIOp::create(builder, loc(l), builder.getIndexType(),
                                        value);
  return arith::IndexCastOp::create(builder, loc(l), builder.getIndexType(),
                                    value);
}

Value GenContext::toIndex(Value value, const ast::Expr &e) {
  return toIndex(value, e.loc, ast::isUnsigned(e.type.elem));
}

Value GenContext::constant(Type type, double v, const ast::Location &l) {
  TypedAttr attr;
  if (isa<FloatType>(type))
    attr = builder.getFloatAttr(type, v);
  else
    attr = builder.getIntegerAttr(type, static_cast<int64_t>(v));
  return arith::ConstantOp::create(builder, loc(l), attr);
}

CallOp emitKernelCall(GenContext &gen, const ast::Expr &call,
                      ArrayRef<Value> args) {
  auto it = gen.kernels.find(call.name);
  if (it == gen.kernels.end()) {
    gen.error(call.loc) << "internal error: '" << call.name
                        << "' is not a kernel";
    return {};
  }
  KernelOp kernel = it->second.first;
  ArrayRef<Type> paramTypes = kernel.getArgumentTypes();
  if (args.size() != paramTypes.size()) {
    gen.error(call.loc) << "internal error: '" << call.name << "' takes "
                        << paramTypes.size() << " arguments, got "
                        << args.size();
    return {};
  }
  SmallVector<Value> operands;
  const ast::Kernel &callee = *it->second.second;
  for (auto [arg, type, expr, param] :
       llvm::zip(args, paramTypes, call.args, callee.params)) {
    Value v =
        gen.coerce(arg, type, expr->loc,
                   "argument '" + param.name + "' of '" + callee.name + "'");
    if (!v)
      return {};
    operands.push_back(v);
  }
  return CallOp::create(gen.builder, gen.loc(call.loc), kernel.getResultTypes(),
                        call.name, operands,
                        /*arg_attrs=*/nullptr, /*res_attrs=*/nullptr);
}

} // namespace weft::detail

OwningOpRef<ModuleOp> weft::mlirGen(MLIRContext &context,
                                    const ast::Module &module) {
  context.loadDialect<WeftDialect, func::FuncDialect, scf::SCFDialect,
                      arith::ArithDialect, math::MathDialect,
                      tensor::TensorDialect>();
  detail::GenContext gen(context);
  OwningOpRef<ModuleOp> result =
      ModuleOp::create(FileLineColLoc::get(&context, module.file, 1, 1));
  gen.module = *result;
  gen.builder.setInsertionPointToEnd(result->getBody());

  for (const ast::Function &f : module.functions)
    if (f.exprBody)
      gen.helpers[f.name] = &f;
  for (const ast::Kernel &k : module.kernels)
    detail::declareKernel(gen, k);
  for (const ast::Kernel &k : module.kernels)
    detail::emitKernelBody(gen, k);
  for (const ast::Function &f : module.functions)
    if (!f.exprBody)
      detail::emitHostFunction(gen, f);

  if (gen.failed || failed(verify(*result)))
    return nullptr;
  return result;
}
