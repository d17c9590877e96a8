//===- WeftToRuntime.cpp - Weft host ops to Weft runtime calls ------------===//
//
// Each host op becomes func.calls of the C functions in runtime.h, declared
// once per module as private func.funcs. Arrays and strings cross the ABI as
// `memref<*xi8>`, which the LLVM lowering passes as (int64_t rank,
// weft_memref *); element types travel as weft_dtype codes. The weft.arg ops
// (parameters of `fn main`) also give a function @weft_declare_args that
// declares them to the runtime before it parses the command line.
//
//===----------------------------------------------------------------------===//
#include "weft/Conversion/WeftToRuntime/WeftToRuntime.h"
#include "weft/Conversion/WeftToRuntime/RuntimeCalls.h"
#include "weft/Conversion/Passes.h"
#include "weft/Dialect/Weft/IR/WeftOps.h"
#include "weft/runtime.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Transforms/DialectConversion.h"

namespace weft {
#define GEN_PASS_DEF_CONVERTWEFTTORUNTIME
#include "weft/Conversion/Passes.h.inc"
} // namespace weft

using namespace mlir;
using namespace weft;

/// The weft_dtype code (runtime.h) of a scalar or element type. Signless
/// integers are signed unless the op marks them `isUnsigned`; index is 64
/// bits wide on every host Weft supports.
static std::optional<int32_t> getDtype(Type type, bool isUnsigned = false) {
  if (type.isInteger(1))
    return WEFT_BOOL;
  if (type.isIndex())
    return WEFT_I64;
  if (auto intType = dyn_cast<IntegerType>(type)) {
    if (!intType.isSignless())
      return std::nullopt;
    switch (intType.getWidth()) {
    case 8:
      return isUnsigned ? WEFT_U8 : WEFT_I8;
    case 16:
      return isUnsigned ? WEFT_U16 : WEFT_I16;
    case 32:
      return isUnsigned ? WEFT_U32 : WEFT_I32;
    case 64:
      return isUnsigned ? WEFT_U64 : WEFT_I64;
    default:
      return std::nullopt;
    }
  }
  if (type.isF16())
    return WEFT_F16;
  if (type.isBF16())
    return WEFT_BF16;
  if (type.isF32())
    return WEFT_F32;
  if (type.isF64())
    return WEFT_F64;
  return std::nullopt;
}

static Value i32Constant(OpBuilder &b, Location loc, int32_t value) {
  return arith::ConstantIntOp::create(b, loc, value, 32);
}

static Value i64Constant(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIntOp::create(b, loc, value, 64);
}

/// Casts a ranked memref to the runtime's `memref<*xi8>`. Every unranked
/// memref type lowers to the same (rank, descriptor pointer) pair, so one
/// declaration serves all element types; the unrealized cast between the
/// element types vanishes in reconcile-unrealized-casts.
static Value toOpaqueArray(OpBuilder &b, Location loc, Value memref) {
  auto type = cast<MemRefType>(memref.getType());
  Value unranked = memref::CastOp::create(
      b, loc, UnrankedMemRefType::get(type.getElementType(), 0), memref);
  Type opaque = getOpaqueArrayType(b.getContext());
  if (unranked.getType() == opaque)
    return unranked;
  return UnrealizedConversionCastOp::create(b, loc, opaque, unranked)
      .getResult(0);
}

/// The buffer of a tensor the runtime only reads, as `memref<*xi8>`.
static Value tensorToOpaqueArray(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  auto memrefType = MemRefType::get(type.getShape(), type.getElementType());
  Value buffer = bufferization::ToBufferOp::create(b, loc, memrefType, tensor,
                                                   /*read_only=*/true);
  return toOpaqueArray(b, loc, buffer);
}

/// The dtype of an array's elements, or an error naming the op.
static FailureOr<int32_t> getArrayDtype(Operation *op, Type arrayType,
                                        bool isUnsigned = false) {
  Type element = cast<RankedTensorType>(arrayType).getElementType();
  if (std::optional<int32_t> dtype = getDtype(element, isUnsigned))
    return *dtype;
  return op->emitOpError("has no runtime support for arrays of ") << element;
}

/// A fresh buffer for `type`, aligned for vector loads.
static Value allocBuffer(OpBuilder &b, Location loc, RankedTensorType type,
                         ValueRange sizes) {
  auto memrefType = MemRefType::get(type.getShape(), type.getElementType());
  return memref::AllocOp::create(b, loc, memrefType, sizes,
                                 b.getI64IntegerAttr(64));
}

/// The tensor of a buffer the runtime has just filled. It is not `writable`:
/// canonicalisation folds a later reader's to_buffer into the buffer itself,
/// hiding that read from One-Shot Bufferize, so an in-place update of the
/// tensor could change what the reader sees. Updates copy the buffer instead.
static Value filledBufferToTensor(OpBuilder &b, Location loc,
                                  RankedTensorType type, Value buffer) {
  return bufferization::ToTensorOp::create(b, loc, type, buffer,
                                           /*restrict=*/true,
                                           /*writable=*/false);
}

namespace {

struct PrintLowering : OpConversionPattern<PrintOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PrintOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    for (Value value : op.getValues()) {
      Type type = getElementTypeOrSelf(value.getType());
      if (!getDtype(type))
        return op.emitOpError("cannot print a value of type ")
               << value.getType();
    }
    Location loc = op.getLoc();
    ValueRange values = adaptor.getValues();
    ArrayRef<int64_t> unsignedValues =
        op.getUnsignedValues().value_or(ArrayRef<int64_t>{});
    // The verifier guarantees one value per hole between the text pieces.
    for (auto [i, text] : llvm::enumerate(op.getTextPieces())) {
      if (i > 0)
        printValue(rewriter, loc, op, values[i - 1],
                   llvm::is_contained(unsignedValues, int64_t(i - 1)));
      if (!text.empty())
        callRuntime(rewriter, loc, op, "weft_rt_print_text", {},
                    getString(rewriter, loc, op, text));
    }
    callRuntime(rewriter, loc, op, "weft_rt_print_newline", {}, {});
    rewriter.eraseOp(op);
    return success();
  }

  static void printValue(OpBuilder &b, Location loc, Operation *op,
                         Value value, bool isUnsigned) {
    Type type = value.getType();
    Value dtype = i32Constant(
        b, loc, *getDtype(getElementTypeOrSelf(type), isUnsigned));
    if (isa<RankedTensorType>(type)) {
      callRuntime(b, loc, op, "weft_rt_print_array", {},
                  {tensorToOpaqueArray(b, loc, value), dtype});
      return;
    }
    if (auto floatType = dyn_cast<FloatType>(type)) {
      if (floatType.getWidth() < 64)
        value = arith::ExtFOp::create(b, loc, b.getF64Type(), value);
      callRuntime(b, loc, op, "weft_rt_print_float", {}, {value, dtype});
      return;
    }
    if (type.isIndex())
      value = arith::IndexCastOp::create(b, loc, b.getI64Type(), value);
    else if (type.isInteger(1) || (isUnsigned && type.getIntOrFloatBitWidth() < 64))
      value = arith::ExtUIOp::create(b, loc, b.getI64Type(), value);
    else if (type.getIntOrFloatBitWidth() < 64)
      value = arith::ExtSIOp::create(b, loc, b.getI64Type(), value);
    callRuntime(b, loc, op, "weft_rt_print_int", {}, {value, dtype});
  }
};

struct RandomLowering : OpConversionPattern<RandomOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RandomOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<int32_t> dtype = getArrayDtype(op, op.getType());
    if (failed(dtype))
      return failure();
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value buffer = allocBuffer(rewriter, loc, type, adaptor.getSizes());
    callRuntime(rewriter, loc, op, "weft_rt_fill_random", {},
                {toOpaqueArray(rewriter, loc, buffer),
                 i32Constant(rewriter, loc, *dtype), adaptor.getSeed()});
    rewriter.replaceOp(op, filledBufferToTensor(rewriter, loc, type, buffer));
    return success();
  }
};

/// Reads a .npy file into a new tensor of `type`: through weft_rt_npy_dim
/// and weft_rt_npy_read for a path, or their weft_rt_arg_ twins for an
/// array parameter (`source` is then the parameter's name).
static FailureOr<Value> readNpy(ConversionPatternRewriter &rewriter,
                                Operation *op, RankedTensorType type,
                                bool isUnsigned, Value source,
                                StringRef dimFunction, StringRef readFunction) {
  FailureOr<int32_t> dtype = getArrayDtype(op, type, isUnsigned);
  if (failed(dtype))
    return failure();
  Location loc = op->getLoc();
  Value dtypeValue = i32Constant(rewriter, loc, *dtype);
  Value rank = i64Constant(rewriter, loc, type.getRank());
  // The runtime checks every extent (and the dtype and rank) against the
  // file; static extents are passed as the expected value.
  SmallVector<Value> sizes;
  for (auto [dim, extent] : llvm::enumerate(type.getShape())) {
    bool dynamic = ShapedType::isDynamic(extent);
    Value actual =
        callRuntime(rewriter, loc, op, dimFunction, rewriter.getI64Type(),
                    {source, dtypeValue, rank, i64Constant(rewriter, loc, dim),
                     i64Constant(rewriter, loc, dynamic ? -1 : extent)})
            .getResult(0);
    if (dynamic)
      sizes.push_back(arith::IndexCastOp::create(
          rewriter, loc, rewriter.getIndexType(), actual));
  }
  Value buffer = allocBuffer(rewriter, loc, type, sizes);
  callRuntime(rewriter, loc, op, readFunction, {},
              {source, toOpaqueArray(rewriter, loc, buffer), dtypeValue});
  return filledBufferToTensor(rewriter, loc, type, buffer);
}

struct LoadLowering : OpConversionPattern<LoadOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LoadOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<Value> result = readNpy(
        rewriter, op, cast<RankedTensorType>(op.getType()),
        op.getUnsignedElements(),
        getString(rewriter, op.getLoc(), op, op.getPath()), "weft_rt_npy_dim",
        "weft_rt_npy_read");
    if (failed(result))
      return failure();
    rewriter.replaceOp(op, *result);
    return success();
  }
};

struct SaveImageLowering : OpConversionPattern<SaveImageOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SaveImageOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<int32_t> dtype = getArrayDtype(op, op.getArray().getType(),
                                             op.getUnsignedElements());
    if (failed(dtype))
      return failure();
    Location loc = op.getLoc();
    bool hasRange = bool(adaptor.getLo());
    Value zero = arith::ConstantFloatOp::create(
        rewriter, loc, rewriter.getF64Type(), APFloat(0.0));
    // An empty colormap name asks the runtime for its default.
    callRuntime(
        rewriter, loc, op, "weft_rt_save_image", {},
        {getString(rewriter, loc, op, op.getPath()),
         tensorToOpaqueArray(rewriter, loc, adaptor.getArray()),
         i32Constant(rewriter, loc, *dtype),
         getString(rewriter, loc, op, op.getColormap().value_or("")),
         i32Constant(rewriter, loc, hasRange),
         hasRange ? adaptor.getLo() : zero, hasRange ? adaptor.getHi() : zero});
    rewriter.eraseOp(op);
    return success();
  }
};

/// A parameter of `fn main`: its value from the runtime's option table
/// (declared by weft_declare_args, see declareArgs).
struct ArgLowering : OpConversionPattern<ArgOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ArgOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value name = getString(rewriter, loc, op, op.getName());
    Type type = op.getType();
    if (auto tensor = dyn_cast<RankedTensorType>(type)) {
      FailureOr<Value> result =
          readNpy(rewriter, op, tensor, op.getUnsignedElements(), name,
                  "weft_rt_arg_npy_dim",
                  "weft_rt_arg_npy_read");
      if (failed(result))
        return failure();
      rewriter.replaceOp(op, *result);
      return success();
    }
    Attribute defaultValue = op.getDefaultValueAttr();
    Value value;
    if (auto floatType = dyn_cast<FloatType>(type)) {
      double fallback =
          defaultValue
              ? cast<FloatAttr>(defaultValue).getValue().convertToDouble()
              : 0.0;
      Value arg = arith::ConstantFloatOp::create(
          rewriter, loc, rewriter.getF64Type(), APFloat(fallback));
      value = callRuntime(rewriter, loc, op, "weft_rt_arg_float",
                          rewriter.getF64Type(), {name, arg})
                  .getResult(0);
      if (!floatType.isF64())
        value = arith::TruncFOp::create(rewriter, loc, type, value);
    } else {
      // Bools travel as 0 or 1.
      int64_t fallback = 0;
      if (defaultValue) {
        APInt bits = cast<IntegerAttr>(defaultValue).getValue();
        fallback =
            type.isInteger(1) ? bits.getZExtValue() : bits.getSExtValue();
      }
      value = callRuntime(rewriter, loc, op, "weft_rt_arg_int",
                          rewriter.getI64Type(),
                          {name, i64Constant(rewriter, loc, fallback)})
                  .getResult(0);
      if (type.getIntOrFloatBitWidth() < 64)
        value = arith::TruncIOp::create(rewriter, loc, type, value);
    }
    rewriter.replaceOp(op, value);
    return success();
  }
};

/// Emits `func.func @weft_declare_args()`, which declares every weft.arg of
/// the module, in order, for the runtime's C main to call before it parses
/// the command line. Nothing is emitted when there is no weft.arg, so that
/// the runtime's main knows the program takes no options.
static LogicalResult declareArgs(ModuleOp module) {
  SmallVector<ArgOp> args;
  module.walk([&](ArgOp op) { args.push_back(op); });
  if (args.empty())
    return success();
  llvm::StringMap<ArgOp> seen;
  bool ok = true;
  for (ArgOp arg : args) {
    auto [it, inserted] = seen.try_emplace(arg.getName(), arg);
    if (!inserted) {
      arg.emitError("parameter '")
              .append(arg.getName(), "' is declared twice")
              .attachNote(it->second.getLoc())
          << "first declared here";
      ok = false;
    }
  }
  if (!ok)
    return failure();
  if (module.lookupSymbol("weft_declare_args"))
    return module.emitError("the name 'weft_declare_args' is reserved for the "
                            "Weft runtime");
  OpBuilder b(module.getContext());
  b.setInsertionPointToEnd(module.getBody());
  Location loc = module.getLoc();
  auto func = func::FuncOp::create(b, loc, "weft_declare_args",
                                   b.getFunctionType({}, {}));
  b.setInsertionPointToStart(func.addEntryBlock());
  for (ArgOp arg : args) {
    Type type = arg.getType();
    int32_t kind = WEFT_ARG_ARRAY;
    if (!isa<RankedTensorType>(type)) {
      std::optional<int32_t> dtype =
          getDtype(type, arg.getUnsignedElements());
      if (!dtype)
        return arg.emitOpError("has no runtime support for type ") << type;
      kind = *dtype;
    }
    std::optional<std::string> defaultText = arg.getDefaultText();
    callRuntime(b, arg.getLoc(), func, "weft_rt_declare_arg", {},
                {getString(b, arg.getLoc(), func, arg.getName()),
                 i32Constant(b, arg.getLoc(), kind),
                 getString(b, arg.getLoc(), func, arg.getTypeText()),
                 getString(b, arg.getLoc(), func, defaultText.value_or("")),
                 i32Constant(b, arg.getLoc(), defaultText.has_value())});
  }
  func::ReturnOp::create(b, loc);
  return success();
}

struct SaveLowering : OpConversionPattern<SaveOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SaveOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<int32_t> dtype = getArrayDtype(op, op.getArray().getType(),
                                             op.getUnsignedElements());
    if (failed(dtype))
      return failure();
    Location loc = op.getLoc();
    callRuntime(rewriter, loc, op, "weft_rt_npy_write", {},
                {getString(rewriter, loc, op, op.getPath()),
                 tensorToOpaqueArray(rewriter, loc, adaptor.getArray()),
                 i32Constant(rewriter, loc, *dtype)});
    rewriter.eraseOp(op);
    return success();
  }
};

struct ClockLowering : OpConversionPattern<ClockOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ClockOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    func::CallOp call = callRuntime(rewriter, op.getLoc(), op, "weft_rt_clock",
                                    rewriter.getF64Type(), {});
    rewriter.replaceOp(op, call.getResults());
    return success();
  }
};

struct ExitLowering : OpConversionPattern<ExitOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ExitOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    callRuntime(rewriter, op.getLoc(), op, "weft_rt_exit", {}, {});
    rewriter.eraseOp(op);
    return success();
  }
};

/// weft.check_extent and weft.check_index: a runtime check of two index
/// values (cast to i64) that prints `message` when it fails.
static void replaceByCheck(ConversionPatternRewriter &rewriter, Operation *op,
                           StringRef function, Value first, Value second,
                           StringRef message) {
  Location loc = op->getLoc();
  Type i64 = rewriter.getI64Type();
  callRuntime(rewriter, loc, op, function, {},
              {arith::IndexCastOp::create(rewriter, loc, i64, first),
               arith::IndexCastOp::create(rewriter, loc, i64, second),
               getString(rewriter, loc, op, message)});
  rewriter.eraseOp(op);
}

struct CheckExtentLowering : OpConversionPattern<CheckExtentOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(CheckExtentOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    replaceByCheck(rewriter, op, "weft_rt_check_extent", adaptor.getLhs(),
                   adaptor.getRhs(), op.getMessage());
    return success();
  }
};

struct CheckIndexLowering : OpConversionPattern<CheckIndexOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(CheckIndexOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    replaceByCheck(rewriter, op, "weft_rt_check_index", adaptor.getIndex(),
                   adaptor.getExtent(), op.getMessage());
    return success();
  }
};

struct AssertLowering : OpConversionPattern<AssertOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AssertOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    callRuntime(rewriter, loc, op, "weft_rt_assert", {},
                {arith::ExtUIOp::create(rewriter, loc, rewriter.getI32Type(),
                                        adaptor.getCond()),
                 getString(rewriter, loc, op, op.getMessage())});
    rewriter.eraseOp(op);
    return success();
  }
};

/// The runtime's functions share the program's symbol namespace, so no
/// kernel may take a `weft_rt_` name; only declarations of runtime functions
/// (from an earlier run of this pass) may.
static LogicalResult checkRuntimeNamesAreFree(ModuleOp module) {
  bool ok = true;
  for (Operation &op : *module.getBody()) {
    auto symbol = dyn_cast<SymbolOpInterface>(op);
    if (!symbol || !symbol.getName().starts_with("weft_rt_"))
      continue;
    auto func = dyn_cast<func::FuncOp>(op);
    if (func && func.isExternal())
      continue;
    op.emitError("the name '")
        << symbol.getName() << "' is reserved for the Weft runtime";
    ok = false;
  }
  return success(ok);
}

/// An array or string reaches the runtime through an unranked memref, whose
/// descriptor the LLVM lowering puts on the stack where the cast is. In a
/// host loop that stack memory would pile up every iteration, so each runtime
/// call in a loop goes, with the casts that feed it, into a
/// memref.alloca_scope, which releases it after the call.
static void scopeRuntimeCallsInLoops(ModuleOp module) {
  SmallVector<func::CallOp> calls;
  module.walk([&](func::CallOp call) {
    if (call.getCallee().starts_with("weft_rt_") &&
        call->getParentOfType<LoopLikeOpInterface>())
      calls.push_back(call);
  });
  for (func::CallOp call : calls) {
    SmallVector<Operation *> casts;
    for (Value arg : call.getOperands())
      for (Operation *def = arg.getDefiningOp();
           isa_and_nonnull<memref::CastOp, UnrealizedConversionCastOp>(def) &&
           def->hasOneUse() && def->getBlock() == call->getBlock();
           def = def->getOperand(0).getDefiningOp())
        casts.push_back(def);
    if (casts.empty())
      continue;
    llvm::sort(casts, [](Operation *a, Operation *b) {
      return a->isBeforeInBlock(b);
    });
    OpBuilder b(call);
    auto scope = memref::AllocaScopeOp::create(b, call.getLoc(),
                                               call.getResultTypes());
    Block *body = b.createBlock(&scope.getBodyRegion());
    call->replaceAllUsesWith(scope.getResults());
    for (Operation *op : casts)
      op->moveBefore(body, body->end());
    call->moveBefore(body, body->end());
    b.setInsertionPointToEnd(body);
    memref::AllocaScopeReturnOp::create(b, call.getLoc(), call.getResults());
  }
}

/// A check in an equation's body (a gather's weft.check_index) calls the
/// runtime once per element; the loops that linalg becomes would make its
/// message's descriptor on the stack every time. The message is a constant,
/// so its memref.get_global and cast move in front of the outermost linalg
/// op, where they run once (and stay out of GPU kernels).
static void hoistMessagesOutOfEquations(ModuleOp module) {
  module.walk([](func::CallOp call) {
    if (!call.getCallee().starts_with("weft_rt_"))
      return;
    Operation *equation = nullptr;
    for (Operation *parent = call->getParentOp(); parent;
         parent = parent->getParentOp())
      if (isa<linalg::LinalgOp>(parent))
        equation = parent;
    if (!equation)
      return;
    for (Value arg : call.getOperands()) {
      auto cast = arg.getDefiningOp<memref::CastOp>();
      auto global =
          cast ? cast.getSource().getDefiningOp<memref::GetGlobalOp>() : nullptr;
      if (!global || !equation->isAncestor(cast))
        continue;
      global->moveBefore(equation);
      cast->moveBefore(equation);
    }
  });
}

struct ConvertWeftToRuntime
    : weft::impl::ConvertWeftToRuntimeBase<ConvertWeftToRuntime> {
  void runOnOperation() override {
    if (failed(checkRuntimeNamesAreFree(getOperation())) ||
        failed(declareArgs(getOperation())))
      return signalPassFailure();
    ConversionTarget target(getContext());
    target.addIllegalOp<PrintOp, RandomOp, LoadOp, SaveOp, SaveImageOp,
                        ClockOp, ExitOp, CheckExtentOp, CheckIndexOp,
                        AssertOp, ArgOp>();
    // Needed even in a partial conversion: the ops a pattern creates must be
    // legal, not just unknown.
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet patterns(&getContext());
    populateWeftToRuntimeConversionPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      return signalPassFailure();
    hoistMessagesOutOfEquations(getOperation());
    scopeRuntimeCallsInLoops(getOperation());
  }
};

} // namespace

void weft::populateWeftToRuntimeConversionPatterns(
    RewritePatternSet &patterns) {
  patterns.add<PrintLowering, RandomLowering, LoadLowering, SaveLowering,
               SaveImageLowering, ClockLowering, ExitLowering,
               CheckExtentLowering, CheckIndexLowering, AssertLowering,
               ArgLowering>(patterns.getContext());
}
