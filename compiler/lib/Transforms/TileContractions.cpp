//===- TileContractions.cpp - cache/register tiling of matrix products ----===//
//
// The schedule started from the one that reached ~85% of this machine's FMA
// peak with MLIR (docs/architecture.md, "Optimising pipeline"): register
// tiles of 8 rows x 2 vectors with k innermost, so that each k step is a few
// broadcasts, two vector loads and 2 x rows FMAs on an accumulator tile that
// never leaves the registers. B is packed per cache tile of k (a contiguous
// panel of column strips) and shared by all the rows of a 512-row cache tile.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/BufferRoots.h"
#include "weft/Transforms/CarryThroughLoop.h"
#include "weft/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
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

/// Cache tile sizes for (i, j, k). B's 256 x 256 f32 tile, packed (256 KiB),
/// stays in the 1 MiB L2 while the register tiles of 512 rows of A and C
/// stream past it: the more rows share a packed tile, the less packing
/// costs (512 rows: 7-15% faster than 128 at 1024^3 and 2048^3 here).
constexpr int64_t cacheTileI = 512, cacheTileJ = 256, cacheTileK = 256;

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

/// How a matrix product reads B: `C[i, j] (+)= A[i, k] * B[k, j]`, or
/// `A[i, k] * B[j, k]` (C = A B^T, as in attention's Q K^T).
enum class RightLayout { KByJ, JByK };

/// The layout of B if `op` is a matrix product on buffers with one element
/// type and B unit-stride along its last dimension (`j`, or `k` for B^T,
/// whose packing transposes blocks of 32- or 64-bit elements).
std::optional<RightLayout> matrixProductLayout(linalg::LinalgOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumLoops() != 3 ||
      op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
      !linalg::isaContractionOpInterface(op) ||
      !cast<MemRefType>(op.getDpsInputs()[1].getType()).isLastDimUnitStride())
    return std::nullopt;
  Type elementType = getElementTypeOrSelf(op.getDpsInits()[0].getType());
  if (!elementType.isIntOrFloat() ||
      llvm::any_of(op.getDpsInputs(), [&](Value input) {
        return getElementTypeOrSelf(input.getType()) != elementType;
      }))
    return std::nullopt;
  MLIRContext *ctx = op.getContext();
  AffineExpr i, j, k;
  bindDims(ctx, i, j, k);
  auto maps = [&](AffineExpr b0, AffineExpr b1) {
    return AffineMap::inferFromExprList(
        ArrayRef<ArrayRef<AffineExpr>>{{i, k}, {b0, b1}, {i, j}}, ctx);
  };
  SmallVector<AffineMap> actual = op.getIndexingMapsArray();
  if (actual == maps(k, j))
    return RightLayout::KByJ;
  if (actual == maps(j, k) && isa<linalg::GenericOp>(op) &&
      elementType.getIntOrFloatBitWidth() >= 32)
    return RightLayout::JByK;
  return std::nullopt;
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

/// Allocates a buffer of `shape` for the body of `forall` (one per cache
/// tile, so each thread has its own) and frees it at the end of the body.
Value allocateInTile(RewriterBase &rewriter, scf::ForallOp forall,
                     ArrayRef<int64_t> shape, Type elementType) {
  Location loc = forall.getLoc();
  rewriter.setInsertionPointToStart(forall.getBody());
  Value buffer = memref::AllocOp::create(
      rewriter, loc, MemRefType::get(shape, elementType),
      rewriter.getI64IntegerAttr(64));
  rewriter.setInsertionPoint(forall.getBody()->getTerminator());
  memref::DeallocOp::create(rewriter, loc, buffer);
  return buffer;
}

/// Before `before`, copies the full strips of `cols` columns of the k x n
/// tile `tile` of B into `panel`: strip s as rows s * cacheTileK + k, one
/// vector per row. In B the rows of a strip lie a whole row of B apart,
/// which at power-of-two widths maps them onto a few cache sets and pages;
/// in the panel each strip is contiguous.
void packStrips(RewriterBase &rewriter, Operation *before, Value tile,
                Value panel, int64_t cols) {
  Location loc = before->getLoc();
  rewriter.setInsertionPoint(before);
  auto index = [&](int64_t v) {
    return arith::ConstantIndexOp::create(rewriter, loc, v).getResult();
  };
  Value zero = index(0), one = index(1), width = index(cols);
  Value rows = memref::DimOp::create(rewriter, loc, tile, 0);
  Value strips = arith::DivUIOp::create(
      rewriter, loc, memref::DimOp::create(rewriter, loc, tile, 1), width);
  auto row = VectorType::get({cols}, getElementTypeOrSelf(tile.getType()));
  scf::ForOp::create(
      rewriter, loc, zero, rows, one, ValueRange{},
      [&](OpBuilder &b, Location loc, Value k, ValueRange) {
        scf::ForOp::create(
            b, loc, zero, strips, one, ValueRange{},
            [&](OpBuilder &b, Location loc, Value s, ValueRange) {
              Value col = arith::MulIOp::create(b, loc, s, width);
              Value v =
                  vector::LoadOp::create(b, loc, row, tile, ValueRange{k, col});
              Value at = arith::AddIOp::create(
                  b, loc, arith::MulIOp::create(b, loc, s, index(cacheTileK)),
                  k);
              vector::StoreOp::create(b, loc, v, panel, ValueRange{at, zero});
              scf::YieldOp::create(b, loc);
            });
        scf::YieldOp::create(b, loc);
      });
}

/// As packStrips for a product with B^T: `tile` is B's n x k tile (rows
/// along j), and strip s's row k in the panel is column k of the tile's
/// rows s * cols ... s * cols + cols - 1. Blocks of lanes x lanes are read
/// row by row and transposed in registers; the columns after the last full
/// block are copied one element at a time.
void packTransposedStrips(RewriterBase &rewriter, Operation *before,
                          Value tile, Value panel, int64_t cols,
                          int64_t lanes) {
  Location loc = before->getLoc();
  rewriter.setInsertionPoint(before);
  auto index = [&](int64_t v) {
    return arith::ConstantIndexOp::create(rewriter, loc, v).getResult();
  };
  Type elementType = getElementTypeOrSelf(tile.getType());
  Value zero = index(0), one = index(1), width = index(cols),
        step = index(lanes);
  Value depth = memref::DimOp::create(rewriter, loc, tile, 1);
  Value fullDepth = arith::MulIOp::create(
      rewriter, loc, arith::DivUIOp::create(rewriter, loc, depth, step), step);
  Value strips = arith::DivUIOp::create(
      rewriter, loc, memref::DimOp::create(rewriter, loc, tile, 0), width);
  Value padding = arith::ConstantOp::create(
      rewriter, loc, cast<TypedAttr>(rewriter.getZeroAttr(elementType)));
  auto block = VectorType::get({lanes, lanes}, elementType);
  scf::ForOp::create(
      rewriter, loc, zero, strips, one, ValueRange{},
      [&](OpBuilder &b, Location loc, Value s, ValueRange) {
        Value firstRow = arith::MulIOp::create(b, loc, s, width);
        Value firstPanelRow =
            arith::MulIOp::create(b, loc, s, index(cacheTileK));
        scf::ForOp::create(
            b, loc, zero, fullDepth, step, ValueRange{},
            [&](OpBuilder &b, Location loc, Value k, ValueRange) {
              Value panelRow = arith::AddIOp::create(b, loc, firstPanelRow, k);
              for (int64_t half = 0; half < cols; half += lanes) {
                Value row =
                    arith::AddIOp::create(b, loc, firstRow, index(half));
                Value rows = vector::TransferReadOp::create(
                    b, loc, block, tile, ValueRange{row, k}, padding,
                    ArrayRef<bool>{true, true});
                Value columns =
                    vector::TransposeOp::create(b, loc, rows, {1, 0});
                for (int64_t r = 0; r < lanes; ++r) {
                  Value v = vector::ExtractOp::create(b, loc, columns, r);
                  Value at = arith::AddIOp::create(b, loc, panelRow, index(r));
                  vector::StoreOp::create(b, loc, v, panel,
                                          ValueRange{at, index(half)});
                }
              }
              scf::YieldOp::create(b, loc);
            });
        scf::ForOp::create(
            b, loc, fullDepth, depth, one, ValueRange{},
            [&](OpBuilder &b, Location loc, Value k, ValueRange) {
              Value panelRow = arith::AddIOp::create(b, loc, firstPanelRow, k);
              scf::ForOp::create(
                  b, loc, zero, width, one, ValueRange{},
                  [&](OpBuilder &b, Location loc, Value c, ValueRange) {
                    Value row = arith::AddIOp::create(b, loc, firstRow, c);
                    Value v = memref::LoadOp::create(b, loc, tile,
                                                     ValueRange{row, k});
                    memref::StoreOp::create(b, loc, v, panel,
                                            ValueRange{panelRow, c});
                    scf::YieldOp::create(b, loc);
                  });
              scf::YieldOp::create(b, loc);
            });
        scf::YieldOp::create(b, loc);
      });
}

/// Makes `strip` (a register-tile row x one full strip, at column `col` of
/// its k tile) read its B operand from the packed panel; with B^T, the
/// strip then reads it as `B[k, j]`.
void readStripFromPanel(RewriterBase &rewriter, linalg::LinalgOp strip,
                        Value col, Value panel, int64_t cols,
                        RightLayout layout) {
  OpOperand &right = *strip.getDpsInputOperand(1);
  Location loc = strip.getLoc();
  rewriter.setInsertionPoint(strip);
  Value s = arith::DivUIOp::create(
      rewriter, loc, col, arith::ConstantIndexOp::create(rewriter, loc, cols));
  Value first = arith::MulIOp::create(
      rewriter, loc, s, arith::ConstantIndexOp::create(rewriter, loc, cacheTileK));
  Value rows = memref::DimOp::create(rewriter, loc, right.get(),
                                     layout == RightLayout::KByJ ? 0 : 1);
  Value view = memref::SubViewOp::create(
      rewriter, loc, panel, ArrayRef<OpFoldResult>{first, rewriter.getIndexAttr(0)},
      ArrayRef<OpFoldResult>{rows, rewriter.getIndexAttr(cols)},
      ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1), rewriter.getIndexAttr(1)});
  rewriter.modifyOpInPlace(strip, [&] {
    right.set(view);
    if (layout == RightLayout::JByK) {
      SmallVector<AffineMap> maps = strip.getIndexingMapsArray();
      maps[1] = AffineMap::getPermutationMap(ArrayRef<unsigned>{1, 0},
                                             strip.getContext())
                    .compose(maps[1]);
      strip->setAttr("indexing_maps", rewriter.getAffineMapArrayAttr(maps));
    }
  });
}

/// Tiles one matrix product for the caches and the registers and peels the
/// register-tile loops, so that full register tiles get static sizes. Per
/// cache tile of k, B's full strips are packed once (packStrips, or
/// packTransposedStrips for B^T) and read by every row of the cache tile.
/// Returns the outermost loop (the scf.forall over cache tiles).
FailureOr<Operation *> tileMatrixProduct(RewriterBase &rewriter,
                                         linalg::LinalgOp op,
                                         RightLayout layout,
                                         RegisterTile registers) {
  using LoopType = scf::SCFTilingOptions::LoopType;
  auto fill = dyn_cast_or_null<linalg::FillOp>(op->getPrevNode());
  // Read before the first tile() erases `op`.
  Value result = op.getDpsInits()[0];
  Type elementType = getElementTypeOrSelf(result.getType());
  auto cacheTiles =
      tile(rewriter, op, {cacheTileI, cacheTileJ, 0}, LoopType::ForallOp);
  if (failed(cacheTiles))
    return failure();
  // A fill of C right before the product (its initial zeros) moves into
  // the cache tiles: each tile is then filled while it is in the cache,
  // instead of the whole of C going through memory once more.
  if (fill && fill.getOutputs()[0] == result) {
    Operation *cacheTile = cacheTiles->tiledOps.back();
    rewriter.setInsertionPoint(cacheTile);
    linalg::FillOp::create(rewriter, fill.getLoc(), fill.value(),
                           cast<linalg::LinalgOp>(cacheTile).getDpsInits()[0]);
    rewriter.eraseOp(fill);
  }
  auto kTiles = tile(rewriter, cacheTiles->tiledOps.back(), {0, 0, cacheTileK},
                     LoopType::ForOp);
  if (failed(kTiles))
    return failure();
  Value bTile = kTiles->tiledOps.back()->getOperand(1);
  auto rowTiles = tile(rewriter, kTiles->tiledOps.back(), {registers.rows, 0, 0},
                       LoopType::ForOp);
  if (failed(rowTiles))
    return failure();
  auto rowLoop = cast<scf::ForOp>(rowTiles->loops.front().getOperation());
  linalg::peelLoops(rewriter, rowLoop);
  auto strips = tile(rewriter, rowTiles->tiledOps.back(), {0, registers.cols, 0},
                     LoopType::ForOp);
  if (failed(strips))
    return failure();
  auto stripLoop = cast<scf::ForOp>(strips->loops.front().getOperation());
  linalg::peelLoops(rewriter, stripLoop);

  auto forall = cast<scf::ForallOp>(cacheTiles->loops.front().getOperation());
  Value panel = allocateInTile(
      rewriter, forall,
      {cacheTileJ / registers.cols * cacheTileK, registers.cols}, elementType);
  if (layout == RightLayout::KByJ)
    packStrips(rewriter, rowLoop, bTile, panel, registers.cols);
  else
    packTransposedStrips(rewriter, rowLoop, bTile, panel, registers.cols,
                         registers.cols / 2);
  auto fullStrip = cast<linalg::LinalgOp>(strips->tiledOps.back());
  readStripFromPanel(rewriter, fullStrip, stripLoop.getInductionVar(), panel,
                     registers.cols, layout);

  // k innermost: one rank-1 update of the accumulators per step.
  if (failed(tile(rewriter, fullStrip, {0, 0, 1}, LoopType::ForOp)))
    return failure();
  return forall.getOperation();
}

/// The accumulator tile of `loop`: a transfer_read of C in its body and the
/// transfer_write of the same tile that ends it, at loop-invariant indices,
/// with nothing else in the loop writing memory or touching C's buffer
/// (through any view of it). Returns null ops if there is none.
std::pair<vector::TransferReadOp, vector::TransferWriteOp>
accumulatorOf(scf::ForOp loop) {
  for (auto write : loop.getBody()->getOps<vector::TransferWriteOp>()) {
    Value c = write.getBase();
    auto read = llvm::find_if(
        loop.getBody()->getOps<vector::TransferReadOp>(),
        [&](vector::TransferReadOp read) {
          return read.getBase() == c && read.getIndices() == write.getIndices() &&
                 read.getVectorType() == write.getVectorType() &&
                 read.getPermutationMap() == write.getPermutationMap();
        });
    if (read == loop.getBody()->getOps<vector::TransferReadOp>().end() ||
        !loop.isDefinedOutsideOfLoop(c) ||
        !llvm::all_of(write.getIndices(), [&](Value index) {
          return loop.isDefinedOutsideOfLoop(index);
        }))
      continue;
    bool alone = true;
    loop.getBody()->walk([&](Operation *op) {
      if (op == write || op == *read)
        return;
      auto effects = dyn_cast<MemoryEffectOpInterface>(op);
      bool viewsC = llvm::any_of(op->getOperands(), [&](Value operand) {
        return isa<MemRefType>(operand.getType()) &&
               weft::rootOf(operand) == weft::rootOf(c);
      });
      if (viewsC ||
          (!effects && !op->hasTrait<OpTrait::HasRecursiveMemoryEffects>()) ||
          (effects && effects.hasEffect<MemoryEffects::Write>()))
        alone = false;
    });
    if (alone && (*read)->isBeforeInBlock(write))
      return {*read, write};
  }
  return {};
}

/// Keeps each register tile's accumulator in registers across its k loop
/// (carryThroughLoop). linalg::hoistRedundantVectorTransfers would do this,
/// but gives up when C has a view anywhere in the function, e.g. a later
/// row loop's subview.
void hoistAccumulators(RewriterBase &rewriter, func::FuncOp func) {
  SmallVector<scf::ForOp> loops;
  func.walk([&](scf::ForOp loop) { loops.push_back(loop); });
  for (scf::ForOp loop : loops) {
    auto [read, write] = accumulatorOf(loop);
    if (read)
      weft::carryThroughLoop(
          rewriter, loop,
          {{read.getOperation(), &write.getValueToStoreMutable()}});
  }
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
    SmallVector<std::pair<linalg::LinalgOp, RightLayout>> products;
    func.walk([&](linalg::LinalgOp op) {
      if (std::optional<RightLayout> layout = matrixProductLayout(op))
        products.push_back({op, *layout});
    });
    if (products.empty())
      return;

    IRRewriter rewriter(ctx);
    llvm::DenseSet<std::pair<int64_t, int64_t>> tileShapes;
    SmallVector<Operation *> tileNests;
    for (auto [op, layout] : products) {
      RegisterTile registers = registerTileFor(
          vectorBits, getElementTypeOrSelf(op.getDpsInits()[0].getType()));
      tileShapes.insert({registers.rows, registers.cols});
      Location loc = op.getLoc(); // tiling erases `op`
      FailureOr<Operation *> nest =
          tileMatrixProduct(rewriter, op, layout, registers);
      if (failed(nest)) {
        emitError(loc, "weft-tile-contractions: cannot tile this product");
        return signalPassFailure();
      }
      tileNests.push_back(*nest);
    }
    if (!simplify(func, [](RewritePatternSet &) {}))
      return signalPassFailure();

    // Vectorise the full register tiles (static rows x cols x 1; all read
    // B as B[k, j] from a panel).
    SmallVector<linalg::LinalgOp> fullTiles;
    func.walk([&](linalg::LinalgOp op) {
      SmallVector<int64_t> ranges = op.getStaticLoopRanges();
      if (matrixProductLayout(op) == RightLayout::KByJ && ranges[2] == 1 &&
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
    hoistAccumulators(rewriter, func);

    // One broadcast-FMA per accumulator row and vector. Without
    // canonicalisation, which would rebuild the 2-D accumulator element by
    // element.
    // The packing of B^T transposes its blocks with shuffles (16 x 16 f32:
    // the 8-stage unpack/shuffle network).
    RewritePatternSet lowering(ctx);
    vector::populateVectorContractLoweringPatterns(
        lowering, vector::VectorContractLowering::OuterProduct);
    vector::populateVectorTransposeLoweringPatterns(
        lowering, vector::VectorTransposeLowering::Shuffle16x16);
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
