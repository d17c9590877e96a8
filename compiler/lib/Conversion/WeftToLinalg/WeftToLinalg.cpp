//===- WeftToLinalg.cpp - Weft kernels to func + linalg on tensors --------===//
//
// weft.kernel/return/call become func.func/return/call with the same symbols
// and bodies. A weft.equation becomes a linalg.generic over its iteration
// space: reduced indices become reduction iterators and the accumulator
// starts as a linalg.fill of the combiner's identity. weft.full becomes a
// linalg.fill of a tensor.empty. weft.reduce_all becomes a reducing
// weft.equation into a rank-0 tensor, and so a linalg.generic too.
//
//===----------------------------------------------------------------------===//
#include "weft/Conversion/WeftToLinalg/WeftToLinalg.h"
#include "weft/Conversion/Passes.h"
#include "weft/Dialect/Weft/IR/WeftOps.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/SmallBitVector.h"

namespace weft {
#define GEN_PASS_DEF_CONVERTWEFTTOLINALG
#include "weft/Conversion/Passes.h.inc"
} // namespace weft

using namespace mlir;
using namespace weft;

/// The arith reduction that implements `kind` on `type`, if any.
static std::optional<arith::AtomicRMWKind> getReductionKind(CombinerKind kind,
                                                            Type type) {
  bool isFloat = isa<FloatType>(type);
  if (!isFloat && !isa<IntegerType>(type))
    return std::nullopt;
  switch (kind) {
  case CombinerKind::add:
    return isFloat ? arith::AtomicRMWKind::addf : arith::AtomicRMWKind::addi;
  case CombinerKind::mul:
    return isFloat ? arith::AtomicRMWKind::mulf : arith::AtomicRMWKind::muli;
  case CombinerKind::max:
    return isFloat ? arith::AtomicRMWKind::maximumf
                   : arith::AtomicRMWKind::maxs;
  case CombinerKind::min:
    return isFloat ? arith::AtomicRMWKind::minimumf
                   : arith::AtomicRMWKind::mins;
  case CombinerKind::umax:
    return isFloat ? std::nullopt
                   : std::optional(arith::AtomicRMWKind::maxu);
  case CombinerKind::umin:
    return isFloat ? std::nullopt
                   : std::optional(arith::AtomicRMWKind::minu);
  case CombinerKind::none:
    break;
  }
  return std::nullopt;
}

namespace {

struct KernelToFunc : OpConversionPattern<KernelOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(KernelOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto func = func::FuncOp::create(rewriter, op.getLoc(), op.getSymName(),
                                     op.getFunctionType());
    func.setArgAttrsAttr(op.getArgAttrsAttr());
    func.setResAttrsAttr(op.getResAttrsAttr());
    if (auto visibility = op->getAttr(SymbolTable::getVisibilityAttrName()))
      func->setAttr(SymbolTable::getVisibilityAttrName(), visibility);
    rewriter.inlineRegionBefore(op.getBody(), func.getBody(), func.end());
    rewriter.eraseOp(op);
    return success();
  }
};

struct ReturnToFunc : OpConversionPattern<ReturnOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReturnOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<func::ReturnOp>(op, adaptor.getOperands());
    return success();
  }
};

struct CallToFunc : OpConversionPattern<CallOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(CallOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<func::CallOp>(
        op, op.getCallee(), op.getResultTypes(), adaptor.getOperands());
    return success();
  }
};

struct FullToFill : OpConversionPattern<FullOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(FullOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    Value empty =
        tensor::EmptyOp::create(rewriter, op.getLoc(), type.getShape(),
                                type.getElementType(), adaptor.getSizes());
    rewriter.replaceOpWithNewOp<linalg::FillOp>(op, adaptor.getValue(), empty);
    return success();
  }
};

struct EquationToGeneric : OpConversionPattern<EquationOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(EquationOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Type elementType = type.getElementType();
    AffineMap writes = op.getWrites();
    ValueRange domain = adaptor.getDomain();

    std::optional<arith::AtomicRMWKind> reduction;
    if (op.getCombiner() != CombinerKind::none) {
      reduction = getReductionKind(op.getCombiner(), elementType);
      if (!reduction) // the verifier rules this out
        return rewriter.notifyMatchFailure(op, "unsupported element type");
    }

    // The result's dynamic extents are those of the indices it is written at.
    SmallVector<Value> sizes;
    for (auto [dim, expr] : llvm::enumerate(writes.getResults()))
      if (type.isDynamicDim(dim))
        sizes.push_back(domain[cast<AffineDimExpr>(expr).getPosition()]);
    Value init = tensor::EmptyOp::create(rewriter, loc, type.getShape(),
                                         elementType, sizes);
    if (reduction) {
      Value identity =
          arith::getIdentityValue(*reduction, elementType, rewriter, loc);
      init = linalg::FillOp::create(rewriter, loc, identity, init).getResult(0);
    }

    SmallVector<Value> inputs(adaptor.getInputs());
    SmallVector<AffineMap> maps;
    for (Attribute map : op.getReads())
      maps.push_back(cast<AffineMapAttr>(map).getValue());
    addExtentOperand(rewriter, loc, domain, writes, inputs, maps);
    maps.push_back(writes);

    SmallVector<utils::IteratorType> iterators(op.getNumIndices(),
                                               utils::IteratorType::reduction);
    for (AffineExpr expr : writes.getResults())
      iterators[cast<AffineDimExpr>(expr).getPosition()] =
          utils::IteratorType::parallel;

    Block &body = op.getBody().front();
    auto buildBody = [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
      IRMapping mapping;
      mapping.map(body.getArguments(), args.take_front(body.getNumArguments()));
      for (Operation &nested : body.without_terminator())
        b.clone(nested, mapping);
      auto yield = cast<YieldOp>(body.getTerminator());
      Value value = mapping.lookupOrDefault(yield.getValue());
      if (reduction)
        value = arith::getReductionOp(*reduction, b, yield.getLoc(),
                                      args.back(), value);
      linalg::YieldOp::create(b, yield.getLoc(), value);
    };
    auto generic =
        linalg::GenericOp::create(rewriter, loc, TypeRange{type}, inputs,
                                  ValueRange{init}, maps, iterators, buildBody);
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }

  /// linalg derives loop bounds from operand shapes, so every index needs a
  /// dimension it subscripts plainly. For indices that have none (offsets
  /// like `x[i + d]` for an explicit `d in -1..=1`), this adds an unread
  /// tensor.empty whose extents are exactly their domains.
  static void addExtentOperand(OpBuilder &b, Location loc, ValueRange domain,
                               AffineMap writes, SmallVectorImpl<Value> &inputs,
                               SmallVectorImpl<AffineMap> &maps) {
    llvm::SmallBitVector covered(domain.size());
    auto cover = [&](AffineMap map) {
      for (AffineExpr expr : map.getResults())
        if (auto dim = dyn_cast<AffineDimExpr>(expr))
          covered.set(dim.getPosition());
    };
    llvm::for_each(maps, cover);
    cover(writes);
    if (covered.all())
      return;
    SmallVector<AffineExpr> exprs;
    SmallVector<Value> extents;
    for (unsigned index = 0; index < domain.size(); ++index) {
      if (covered.test(index))
        continue;
      exprs.push_back(b.getAffineDimExpr(index));
      extents.push_back(domain[index]);
    }
    SmallVector<int64_t> shape(extents.size(), ShapedType::kDynamic);
    inputs.push_back(
        tensor::EmptyOp::create(b, loc, shape, b.getI8Type(), extents));
    maps.push_back(AffineMap::get(domain.size(), 0, exprs, b.getContext()));
  }
};

/// `weft.reduce_all` becomes a weft.equation over every dimension of the
/// array into a rank-0 tensor, which EquationToGeneric then lowers like any
/// reducing equation (same combiner identities), plus a tensor.extract.
/// `mean` sums in f64 (floats) or i64 (integers), then divides by the
/// element count as f64.
struct ReduceAllToEquation : OpConversionPattern<ReduceAllOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReduceAllOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value array = adaptor.getArray();
    auto type = cast<RankedTensorType>(array.getType());
    Type element = type.getElementType();
    bool isMean = op.getKind() == ReduceAllKind::mean;
    bool isFloat = isa<FloatType>(element);
    Type accumulator = !isMean ? element
                       : isFloat ? Type(rewriter.getF64Type())
                                 : Type(rewriter.getI64Type());
    bool isUnsigned = op.getUnsignedElements();
    CombinerKind combiner = CombinerKind::add;
    if (op.getKind() == ReduceAllKind::max)
      combiner = isUnsigned ? CombinerKind::umax : CombinerKind::max;
    else if (op.getKind() == ReduceAllKind::min)
      combiner = isUnsigned ? CombinerKind::umin : CombinerKind::min;

    int64_t rank = type.getRank();
    SmallVector<Value> domain;
    SmallVector<Attribute> names;
    for (int64_t dim = 0; dim < rank; ++dim) {
      domain.push_back(tensor::DimOp::create(rewriter, loc, array, dim));
      names.push_back(rewriter.getStringAttr("d" + std::to_string(dim)));
    }
    MLIRContext *ctx = rewriter.getContext();
    auto resultType = RankedTensorType::get({}, accumulator);
    auto equation = EquationOp::create(
        rewriter, loc, resultType, rewriter.getArrayAttr(names), domain,
        CombinerKindAttr::get(ctx, combiner), ValueRange{array},
        rewriter.getAffineMapArrayAttr(
            {AffineMap::getMultiDimIdentityMap(rank, ctx)}),
        AffineMapAttr::get(AffineMap::get(rank, 0, {}, ctx)));
    Block *body = rewriter.createBlock(&equation.getBody(), {}, {element},
                                       {loc});
    Value value = body->getArgument(0);
    if (accumulator != element)
      value = isFloat
                  ? Value(arith::ExtFOp::create(rewriter, loc, accumulator,
                                                value))
                  : isUnsigned
                  ? Value(arith::ExtUIOp::create(rewriter, loc, accumulator,
                                                 value))
                  : Value(arith::ExtSIOp::create(rewriter, loc, accumulator,
                                                 value));
    YieldOp::create(rewriter, loc, value);
    rewriter.setInsertionPointAfter(equation);

    Value result = tensor::ExtractOp::create(
        rewriter, loc, equation.getResult(), ValueRange{});
    if (isMean) {
      Value count = arith::ConstantIndexOp::create(rewriter, loc, 1);
      for (Value extent : domain)
        count = arith::MulIOp::create(rewriter, loc, count, extent);
      Type f64 = rewriter.getF64Type();
      count = arith::IndexCastOp::create(rewriter, loc, rewriter.getI64Type(),
                                         count);
      count = arith::SIToFPOp::create(rewriter, loc, f64, count);
      // An unsigned i64 sum above 2^63 is read as unsigned too.
      if (!isFloat)
        result = isUnsigned
                     ? Value(arith::UIToFPOp::create(rewriter, loc, f64, result))
                     : Value(arith::SIToFPOp::create(rewriter, loc, f64, result));
      result = arith::DivFOp::create(rewriter, loc, result, count);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ConvertWeftToLinalg
    : weft::impl::ConvertWeftToLinalgBase<ConvertWeftToLinalg> {
  void runOnOperation() override {
    ConversionTarget target(getContext());
    target.addIllegalOp<KernelOp, ReturnOp, CallOp, EquationOp, YieldOp,
                        FullOp, ReduceAllOp>();
    // Needed even in a partial conversion: the ops a pattern creates (and
    // those it moves, like a kernel's body) must be legal, not just unknown.
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet patterns(&getContext());
    populateWeftToLinalgConversionPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

void weft::populateWeftToLinalgConversionPatterns(RewritePatternSet &patterns) {
  patterns.add<KernelToFunc, ReturnToFunc, CallToFunc, FullToFill,
               EquationToGeneric, ReduceAllToEquation>(patterns.getContext());
}
