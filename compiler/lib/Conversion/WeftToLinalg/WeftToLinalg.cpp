//===- WeftToLinalg.cpp - Weft kernels to func + linalg on tensors --------===//
//
// weft.kernel/return/call become func.func/return/call with the same symbols
// and bodies. A weft.equation becomes a linalg.generic over its iteration
// space: reduced indices become reduction iterators and the accumulator
// starts as a linalg.fill of the combiner's identity; a weft.reduce_range in
// its body becomes an scf.for inside the generic's. weft.full becomes a
// linalg.fill of a tensor.empty. weft.reduce_all becomes a reducing
// weft.equation into a rank-0 tensor, and so a linalg.generic too.
//
//===----------------------------------------------------------------------===//
#include "weft/Conversion/WeftToLinalg/WeftToLinalg.h"
#include "weft/Conversion/Passes.h"
#include "weft/Dialect/Weft/IR/WeftOps.h"

#include "BoundaryReads.h"

#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/SmallBitVector.h"

#include <functional>

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
  case CombinerKind::any:
    return arith::AtomicRMWKind::ori;
  case CombinerKind::all:
    return arith::AtomicRMWKind::andi;
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

/// How the generic reads one input of an equation with lower bounds.
struct LoweredRead {
  Value input;     // the operand (maybe a slice); null: read in the body
  AffineMap map;   // over the iteration positions (index value - lower)
  AffineMap whole; // the read map over index values (for body reads)
  Value array;     // the unsliced array
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
    ValueRange ends = adaptor.getDomain();
    ValueRange lower = adaptor.getLower();
    unsigned numIndices = op.getNumIndices();

    std::optional<arith::AtomicRMWKind> reduction;
    if (op.getCombiner() != CombinerKind::none) {
      reduction = getReductionKind(op.getCombiner(), elementType);
      if (!reduction) // the verifier rules this out
        return rewriter.notifyMatchFailure(op, "unsupported element type");
    }

    // Iteration counts: end - lower, and 0 for an empty range.
    SmallVector<Value> counts(ends.begin(), ends.end());
    if (!lower.empty()) {
      Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
      for (unsigned k = 0; k < numIndices; ++k) {
        Value diff =
            rewriter.createOrFold<arith::SubIOp>(loc, ends[k], lower[k]);
        counts[k] = rewriter.createOrFold<arith::MaxSIOp>(loc, diff, zero);
      }
    }

    // The generic computes the written range. With init, it writes into a
    // slice of init, which is inserted back: bufferization then writes in
    // place instead of copying the range through a subview. Init is copied
    // first unless this equation is its only user (as for the pieces of a
    // peeled stencil), which bufferization could not always do in place.
    SmallVector<OpFoldResult> offsets, sizes;
    for (AffineExpr expr : writes.getResults()) {
      unsigned k = cast<AffineDimExpr>(expr).getPosition();
      offsets.push_back(lower.empty() ? OpFoldResult(rewriter.getIndexAttr(0))
                                      : getAsOpFoldResult(lower[k]));
      sizes.push_back(getAsOpFoldResult(counts[k]));
    }
    SmallVector<OpFoldResult> strides(writes.getNumResults(),
                                      rewriter.getIndexAttr(1));
    Value base, init;
    if (Value given = adaptor.getInit()) {
      base = given;
      if (!op.getInit().getDefiningOp() || !op.getInit().hasOneUse()) {
        Value copy = tensor::EmptyOp::create(
            rewriter, loc, tensor::getMixedSizes(rewriter, loc, given),
            elementType);
        base = linalg::CopyOp::create(rewriter, loc, given, copy).getResult(0);
      }
      init = tensor::ExtractSliceOp::create(rewriter, loc, base, offsets,
                                            sizes, strides);
    } else {
      init = tensor::EmptyOp::create(rewriter, loc, sizes, elementType);
    }
    auto computedType = cast<RankedTensorType>(init.getType());
    if (reduction) {
      Value identity =
          arith::getIdentityValue(*reduction, elementType, rewriter, loc);
      init = linalg::FillOp::create(rewriter, loc, identity, init).getResult(0);
    }

    SmallVector<LoweredRead> reads;
    for (auto [input, map] : llvm::zip(adaptor.getInputs(), op.getReads()))
      reads.push_back(lowerRead(rewriter, loc, input,
                                cast<AffineMapAttr>(map).getValue(), lower,
                                counts));
    SmallVector<Value> inputs;
    SmallVector<AffineMap> maps;
    for (const LoweredRead &r : reads)
      if (r.input) {
        inputs.push_back(r.input);
        maps.push_back(r.map);
      }
    addExtentOperand(rewriter, loc, counts, writes, inputs, maps);
    maps.push_back(writes);

    SmallVector<utils::IteratorType> iterators(numIndices,
                                               utils::IteratorType::reduction);
    for (AffineExpr expr : writes.getResults())
      iterators[cast<AffineDimExpr>(expr).getPosition()] =
          utils::IteratorType::parallel;

    Block &body = op.getBody().front();
    // Reads in a weft.reduce_range too: the check is before the loops, so an
    // array they read must not be empty when the equation runs at all.
    SmallVector<ReadOp> bodyReads;
    op.getBody().walk([&](ReadOp read) { bodyReads.push_back(read); });
    if (!bodyReads.empty()) {
      Value iterations = arith::ConstantIndexOp::create(rewriter, loc, 1);
      for (Value count : counts)
        iterations =
            rewriter.createOrFold<arith::MulIOp>(loc, iterations, count);
      for (ReadOp read : bodyReads)
        checkReadable(rewriter, read, rewriter.getRemappedValue(read.getArray()),
                      iterations);
    }
    auto buildBody = [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
      // Index values: positions plus lower bounds.
      SmallVector<Value> indexValues;
      auto indexValue = [&](unsigned k) {
        if (indexValues.empty())
          for (unsigned j = 0; j < numIndices; ++j) {
            Value position = linalg::IndexOp::create(b, bodyLoc, j);
            indexValues.push_back(
                lower.empty()
                    ? position
                    : b.createOrFold<arith::AddIOp>(bodyLoc, position,
                                                    lower[j]));
          }
        return indexValues[k];
      };
      IRMapping mapping;
      unsigned next = 0;
      for (auto [arg, r] : llvm::zip(body.getArguments(), reads)) {
        if (r.input) {
          mapping.map(arg, args[next++]);
          continue;
        }
        SmallVector<Value> values;
        for (unsigned k = 0; k < numIndices; ++k)
          values.push_back(indexValue(k));
        SmallVector<Value> subscripts;
        for (AffineExpr expr : r.whole.getResults())
          subscripts.push_back(
              affine::expandAffineExpr(b, bodyLoc, expr, values, {}));
        mapping.map(arg, tensor::ExtractOp::create(b, bodyLoc, r.array,
                                                   subscripts));
      }
      // Clones a body's ops, expanding weft.index, weft.read and
      // weft.reduce_range (an scf.for that carries the accumulator).
      std::function<void(OpBuilder &, Block &)> lowerOps =
          [&](OpBuilder &b, Block &block) {
            for (Operation &nested : block.without_terminator()) {
              if (auto index = dyn_cast<IndexOp>(nested)) {
                mapping.map(index.getResult(), indexValue(index.getPosition()));
              } else if (auto read = dyn_cast<ReadOp>(nested)) {
                Value padding = read.getPadding()
                                    ? mapping.lookupOrDefault(read.getPadding())
                                    : Value();
                SmallVector<Value> subscripts, bases;
                for (Value s : read.getSubscripts())
                  subscripts.push_back(mapping.lookupOrDefault(s));
                for (int64_t k : read.getBases().value_or(
                         SmallVector<int64_t>(subscripts.size(), -1)))
                  bases.push_back(k < 0 ? Value() : indexValue(k));
                mapping.map(read.getResult(),
                            expandRead(b, read,
                                       mapping.lookupOrDefault(read.getArray()),
                                       subscripts, bases, padding));
              } else if (auto range = dyn_cast<ReduceRangeOp>(nested)) {
                mapping.map(range.getResult(), lowerReduceRange(b, range,
                                                                mapping,
                                                                lowerOps));
              } else {
                b.clone(nested, mapping);
              }
            }
          };
      lowerOps(b, body);
      auto yield = cast<YieldOp>(body.getTerminator());
      Value value = mapping.lookupOrDefault(yield.getValue());
      if (reduction)
        value = arith::getReductionOp(*reduction, b, yield.getLoc(),
                                      args.back(), value);
      linalg::YieldOp::create(b, yield.getLoc(), value);
    };
    Value result =
        linalg::GenericOp::create(rewriter, loc, TypeRange{computedType},
                                  inputs, ValueRange{init}, maps, iterators,
                                  buildBody)
            .getResult(0);
    if (base) {
      result = tensor::InsertSliceOp::create(rewriter, loc, result, base,
                                             offsets, sizes, strides);
    } else if (computedType != type) {
      result = tensor::CastOp::create(rewriter, loc, type, result);
    }
    rewriter.replaceOp(op, result);
    return success();
  }

  /// `weft.reduce_range` as an scf.for from the identity of its combiner
  /// (a reversed range runs no iteration, like an empty one); `lowerOps`
  /// clones its body into the loop.
  static Value lowerReduceRange(
      OpBuilder &b, ReduceRangeOp range, IRMapping &mapping,
      const std::function<void(OpBuilder &, Block &)> &lowerOps) {
    Location loc = range.getLoc();
    Type type = range.getResult().getType();
    arith::AtomicRMWKind kind = *getReductionKind(range.getCombiner(), type);
    Value identity = arith::getIdentityValue(kind, type, b, loc);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    Block &body = range.getBody().front();
    auto loop = scf::ForOp::create(
        b, loc, mapping.lookupOrDefault(range.getLower()),
        mapping.lookupOrDefault(range.getUpper()), one, ValueRange{identity},
        [&](OpBuilder &lb, Location l, Value p, ValueRange acc) {
          mapping.map(body.getArgument(0), p);
          lowerOps(lb, body);
          Value value = mapping.lookupOrDefault(
              cast<YieldOp>(body.getTerminator()).getValue());
          scf::YieldOp::create(
              lb, l, arith::getReductionOp(kind, lb, l, acc[0], value));
        });
    return loop.getResult(0);
  }

  /// Without lower bounds a read keeps its map. With them, each subscript
  /// `sum(a_j * i_j) + c` with coefficients a_j >= 0 (`i + 1`, `y + dy`)
  /// reads a slice of the array that starts at its least value,
  /// `sum(a_j * lower_j) + c`, at `sum(a_j * position_j)`: stencil reads stay
  /// plain affine reads. A read with a negative coefficient is read in the
  /// body with tensor.extract instead.
  static LoweredRead lowerRead(OpBuilder &b, Location loc, Value array,
                               AffineMap map, ValueRange lower,
                               ArrayRef<Value> counts) {
    if (lower.empty())
      return {array, map, map, array};
    MLIRContext *ctx = b.getContext();
    unsigned numIndices = map.getNumDims();
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    SmallVector<OpFoldResult> offsets, sizes;
    SmallVector<AffineExpr> results;
    for (AffineExpr expr : map.getResults()) {
      std::optional<SmallVector<int64_t>> linear =
          linearForm(expr, numIndices);
      if (!linear || llvm::any_of(ArrayRef(*linear).drop_back(),
                                  [](int64_t a) { return a < 0; }))
        return {Value(), AffineMap(), map, array};
      Value offset = arith::ConstantIndexOp::create(b, loc, linear->back());
      Value span = zero;
      AffineExpr result = getAffineConstantExpr(0, ctx);
      for (unsigned j = 0; j < numIndices; ++j) {
        if ((*linear)[j] == 0)
          continue;
        Value a = arith::ConstantIndexOp::create(b, loc, (*linear)[j]);
        Value start = b.createOrFold<arith::MulIOp>(loc, a, lower[j]);
        offset = b.createOrFold<arith::AddIOp>(loc, offset, start);
        Value last = b.createOrFold<arith::SubIOp>(loc, counts[j], one);
        span = b.createOrFold<arith::AddIOp>(
            loc, span, b.createOrFold<arith::MulIOp>(loc, a, last));
        result = result + getAffineDimExpr(j, ctx) * (*linear)[j];
      }
      Value size = b.createOrFold<arith::AddIOp>(loc, span, one);
      size = b.createOrFold<arith::MaxSIOp>(loc, size, zero);
      offsets.push_back(getAsOpFoldResult(offset));
      sizes.push_back(getAsOpFoldResult(size));
      results.push_back(result);
    }
    auto type = cast<RankedTensorType>(array.getType());
    SmallVector<OpFoldResult> strides(type.getRank(), b.getIndexAttr(1));
    Value input =
        tensor::ExtractSliceOp::create(b, loc, array, offsets, sizes, strides);
    return {input, AffineMap::get(numIndices, 0, results, ctx), map, array};
  }

  /// linalg derives loop bounds from operand shapes, so every index needs a
  /// dimension it subscripts plainly. For indices that have none (offsets
  /// like `x[i + d]` for an explicit `d in -1..=1`), this adds an unread
  /// tensor.empty whose extents are exactly their iteration counts.
  static void addExtentOperand(OpBuilder &b, Location loc, ValueRange counts,
                               AffineMap writes, SmallVectorImpl<Value> &inputs,
                               SmallVectorImpl<AffineMap> &maps) {
    llvm::SmallBitVector covered(counts.size());
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
    SmallVector<int64_t> shape;
    SmallVector<Value> extents;
    for (unsigned index = 0; index < counts.size(); ++index) {
      if (covered.test(index))
        continue;
      exprs.push_back(b.getAffineDimExpr(index));
      std::optional<int64_t> fixed = getConstantIntValue(counts[index]);
      shape.push_back(fixed ? *fixed : ShapedType::kDynamic);
      if (!fixed)
        extents.push_back(counts[index]);
    }
    inputs.push_back(
        tensor::EmptyOp::create(b, loc, shape, b.getI8Type(), extents));
    maps.push_back(AffineMap::get(counts.size(), 0, exprs, b.getContext()));
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
        /*lower=*/ValueRange{}, CombinerKindAttr::get(ctx, combiner),
        /*init=*/Value(), ValueRange{array},
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
                        IndexOp, ReadOp, ReduceRangeOp, FullOp, ReduceAllOp>();
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
