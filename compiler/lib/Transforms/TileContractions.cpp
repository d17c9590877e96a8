//===- TileContractions.cpp - cache/register tiling of matrix products ----===//
//
// The schedule is the one that reached ~85% of this machine's FMA peak with
// MLIR (docs/architecture.md, "Optimising pipeline"): cache tiles of
// 128 x 256 x 256, register tiles of 8 rows x 2 vectors with k innermost,
// so that each k step is a few broadcasts, two vector loads and
// 2 x rows FMAs on an accumulator tile that never leaves the registers.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Linalg/Transforms/Hoisting.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/Dominance.h"
#include "mlir/Transforms/CSE.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace weft {
#define GEN_PASS_DEF_WEFTTILECONTRACTIONS
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// Cache tile sizes for (i, j, k): an A tile of 128 x 256 and a B tile of
/// 256 x 256 f32 (256 KiB) stay in the 1 MiB L2 while the C tile streams.
constexpr int64_t cacheTileI = 128, cacheTileJ = 256, cacheTileK = 256;

/// The register tile: `rows` accumulator rows of two vectors each. AVX-512
/// has 32 vector registers (16 accumulators + loads and broadcasts); AVX2
/// has 16, so 12 accumulators.
struct RegisterTile {
  int64_t rows, cols;
};

RegisterTile registerTileFor(unsigned vectorBits, Type elementType) {
  int64_t lanes = vectorBits / elementType.getIntOrFloatBitWidth();
  return {vectorBits >= 512 ? 8 : 6, 2 * lanes};
}

/// C[i, j] (+)= A[i, k] * B[k, j] on buffers with one element type, B and C
/// unit-stride along j.
bool isMatrixProduct(linalg::LinalgOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumLoops() != 3 ||
      op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
      !linalg::isaContractionOpInterface(op))
    return false;
  MLIRContext *ctx = op.getContext();
  AffineExpr i, j, k;
  bindDims(ctx, i, j, k);
  SmallVector<AffineMap> maps = AffineMap::inferFromExprList(
      ArrayRef<ArrayRef<AffineExpr>>{{i, k}, {k, j}, {i, j}}, ctx);
  if (op.getIndexingMapsArray() != maps)
    return false;
  Type elementType = getElementTypeOrSelf(op.getDpsInits()[0].getType());
  return elementType.isIntOrFloat() &&
         llvm::all_of(op.getDpsInputs(), [&](Value input) {
           return getElementTypeOrSelf(input.getType()) == elementType;
         });
}

/// Tiles `op` by `sizes` (0: untiled) into loops of `loopType` and erases it.
FailureOr<scf::SCFTilingResult>
tile(RewriterBase &rewriter, Operation *op, ArrayRef<int64_t> sizes,
     scf::SCFTilingOptions::LoopType loopType) {
  scf::SCFTilingOptions options;
  options.setTileSizes(getAsIndexOpFoldResult(op->getContext(), sizes));
  options.setLoopType(loopType);
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> result =
      scf::tileUsingSCF(rewriter, cast<TilingInterface>(op), options);
  if (succeeded(result))
    rewriter.eraseOp(op); // on buffers the tiled ops write the result
  return result;
}

/// Tiles one matrix product for the caches and the registers and peels the
/// register-tile loops, so that full register tiles get static sizes.
/// Returns the outermost loop (the scf.forall over cache tiles).
FailureOr<Operation *> tileMatrixProduct(RewriterBase &rewriter,
                                         linalg::LinalgOp op,
                                         RegisterTile registers) {
  using LoopType = scf::SCFTilingOptions::LoopType;
  auto cacheTiles =
      tile(rewriter, op, {cacheTileI, cacheTileJ, 0}, LoopType::ForallOp);
  if (failed(cacheTiles))
    return failure();
  auto kTiles = tile(rewriter, cacheTiles->tiledOps.back(), {0, 0, cacheTileK},
                     LoopType::ForOp);
  if (failed(kTiles))
    return failure();
  auto registerTiles =
      tile(rewriter, kTiles->tiledOps.back(), {registers.rows, registers.cols, 1},
           LoopType::ForOp);
  if (failed(registerTiles))
    return failure();
  SmallVector<scf::ForOp> peeled;
  for (LoopLikeOpInterface loop : ArrayRef(registerTiles->loops).take_front(2))
    peeled.push_back(cast<scf::ForOp>(loop.getOperation()));
  linalg::peelLoops(rewriter, peeled);
  return cacheTiles->loops.front().getOperation();
}

/// The canonicalisation patterns of every loaded dialect and op, which turn
/// the peeled tiles' `affine.min` sizes into constants and their subviews
/// into static shapes.
void addCanonicalizationPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  for (Dialect *dialect : ctx->getLoadedDialects())
    dialect->getCanonicalizationPatterns(patterns);
  for (RegisteredOperationName op : ctx->getRegisteredOperations())
    op.getCanonicalizationPatterns(patterns, ctx);
}

struct TileContractionsPass
    : weft::impl::WeftTileContractionsBase<TileContractionsPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    MLIRContext *ctx = &getContext();
    if (vectorBits != 256 && vectorBits != 512) {
      func.emitError("weft-tile-contractions: vector-bits must be 256 or 512");
      return signalPassFailure();
    }
    SmallVector<linalg::LinalgOp> products;
    func.walk([&](linalg::LinalgOp op) {
      if (isMatrixProduct(op))
        products.push_back(op);
    });
    if (products.empty())
      return;

    IRRewriter rewriter(ctx);
    llvm::DenseSet<std::pair<int64_t, int64_t>> tileShapes;
    SmallVector<Operation *> tileNests;
    for (linalg::LinalgOp op : products) {
      RegisterTile registers = registerTileFor(
          vectorBits, getElementTypeOrSelf(op.getDpsInits()[0].getType()));
      tileShapes.insert({registers.rows, registers.cols});
      FailureOr<Operation *> nest = tileMatrixProduct(rewriter, op, registers);
      if (failed(nest)) {
        op.emitError("weft-tile-contractions: cannot tile this product");
        return signalPassFailure();
      }
      tileNests.push_back(*nest);
    }
    if (!simplify(func, [](RewritePatternSet &) {}))
      return signalPassFailure();

    // Vectorise the full register tiles (static rows x cols x 1).
    SmallVector<linalg::LinalgOp> fullTiles;
    func.walk([&](linalg::LinalgOp op) {
      SmallVector<int64_t> ranges = op.getStaticLoopRanges();
      if (isMatrixProduct(op) && ranges[2] == 1 &&
          tileShapes.contains({ranges[0], ranges[1]}))
        fullTiles.push_back(op);
    });
    for (linalg::LinalgOp op : fullTiles) {
      rewriter.setInsertionPoint(op);
      if (failed(linalg::vectorize(rewriter, op, /*inputVectorSizes=*/{},
                                   /*inputScalableVecDims=*/{},
                                   /*vectorizeNDExtract=*/false,
                                   /*flatten1DDepthwiseConv=*/false,
                                   /*assumeDynamicDimsMatchVecSizes=*/false,
                                   /*createNamedContraction=*/true))) {
        op.emitError("weft-tile-contractions: cannot vectorise a register tile");
        return signalPassFailure();
      }
      rewriter.eraseOp(op);
    }

    // The partial tiles at the edges become scalar loops, whose loads and
    // stores (like the transfers) then take the subviews' place. With no
    // view of C left, the accumulator's transfers can be hoisted.
    SmallVector<linalg::LinalgOp> partialTiles;
    for (Operation *nest : tileNests)
      nest->walk([&](linalg::LinalgOp op) { partialTiles.push_back(op); });
    for (linalg::LinalgOp op : partialTiles) {
      rewriter.setInsertionPoint(op);
      if (failed(linalg::linalgOpToLoops(rewriter, op))) {
        op.emitError("weft-tile-contractions: cannot lower a partial tile");
        return signalPassFailure();
      }
      rewriter.eraseOp(op);
    }

    // Fold the subviews into the transfers, so that the accumulator's read
    // and write are loop-invariant in k and can be hoisted out of it.
    // The vectoriser reads operands with broadcasting permutation maps and
    // reduces a product; these patterns make that one vector.contract.
    if (!simplify(func, [](RewritePatternSet &patterns) {
          vector::populateVectorTransferPermutationMapLoweringPatterns(
              patterns);
          vector::populateVectorReductionToContractPatterns(patterns);
          vector::populateSinkVectorOpsPatterns(patterns);
          memref::populateFoldMemRefAliasOpPatterns(patterns);
        }))
      return signalPassFailure();
    func.walk([](LoopLikeOpInterface loop) { moveLoopInvariantCode(loop); });
    DominanceInfo dominance(func);
    eliminateCommonSubExpressions(rewriter, dominance, func);
    // A k loop without iterations would then read and write back the same
    // tile, which is harmless.
    linalg::hoistRedundantVectorTransfers(func, /*verifyNonZeroTrip=*/false);

    // One broadcast-FMA per accumulator row and vector. Without
    // canonicalisation, which would rebuild the 2-D accumulator element by
    // element.
    RewritePatternSet lowering(ctx);
    vector::populateVectorContractLoweringPatterns(
        lowering, vector::VectorContractLowering::OuterProduct);
    if (failed(applyPatternsGreedily(func, std::move(lowering))))
      return signalPassFailure();
  }

  /// Applies `extra` patterns plus canonicalisation until nothing changes.
  bool simplify(func::FuncOp func,
                llvm::function_ref<void(RewritePatternSet &)> extra) {
    RewritePatternSet patterns(&getContext());
    extra(patterns);
    addCanonicalizationPatterns(patterns);
    return succeeded(applyPatternsGreedily(func, std::move(patterns)));
  }
};

} // namespace
