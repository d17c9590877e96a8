//===- StreamingStores.cpp - non-temporal stores for large outputs --------===//
//
// See the pass's description in Passes.td. The loops at this point are
// scalar (LLVM's loop vectoriser vectorises them later), and LLVM does not
// vectorise a loop whose scalar stores are non-temporal: x86 has no
// non-temporal store narrower than its alignment. So the streaming copy of
// a loop is vectorised here, 64 bytes (one cache line) per store.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace weft {
#define GEN_PASS_DEF_WEFTSTREAMINGSTORES
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// One store writes a whole cache line.
constexpr int64_t lineBytes = 64;

/// The array a view (subview, cast, ...) looks into.
Value rootOf(Value memref) {
  while (auto view = memref.getDefiningOp<ViewLikeOpInterface>())
    memref = view.getViewSource();
  return memref;
}

bool isScalar(Type type) { return type.isIntOrFloat(); }

/// Whether `op` accesses `memref` at `indices` whose last one is `iv`, the
/// others invariant in `loop`, through a view with unit stride in its last
/// dimension.
bool isStreamingAccess(scf::ForOp loop, Value memref, ValueRange indices) {
  auto type = cast<MemRefType>(memref.getType());
  if (indices.empty() || indices.back() != loop.getInductionVar() ||
      !type.isLastDimUnitStride() || !loop.isDefinedOutsideOfLoop(memref))
    return false;
  return llvm::all_of(indices.drop_back(), [&](Value index) {
    return loop.isDefinedOutsideOfLoop(index);
  });
}

bool isInvariantAccess(scf::ForOp loop, Value memref, ValueRange indices) {
  return loop.isDefinedOutsideOfLoop(memref) &&
         llvm::all_of(indices, [&](Value index) {
           return loop.isDefinedOutsideOfLoop(index);
         });
}

/// Whether `op`'s vector form is vector code: an instruction, or one of
/// weft-fast-math's polynomials. Other math ops (sin, cos, pow, ...) would be
/// split into a libm call per lane, where LLVM's loop vectoriser calls
/// libmvec's sin and cos instead.
bool hasVectorCode(Operation &op) {
  if (!isa<math::MathDialect>(op.getDialect()))
    return true;
  return isa<math::SqrtOp, math::AbsFOp, math::AbsIOp, math::FmaOp,
             math::FloorOp, math::CeilOp, math::RoundOp, math::RoundEvenOp,
             math::TruncOp, math::CopySignOp, math::ExpOp, math::LogOp,
             math::TanhOp>(op);
}

/// The loop's only store, if the loop can be vectorised with it streaming:
/// unit step, no results, a body of loads, constants and element-wise ops
/// on scalars, the induction variable used only as the last subscript of
/// loads and the store, and the stored array not read in the loop.
memref::StoreOp streamingStore(scf::ForOp loop) {
  if (loop.getNumResults() != 0 || !loop.getConstantStep() ||
      *loop.getConstantStep() != 1)
    return {};
  // Measured slower (blur, conv2d, jacobi2d at 2 threads): stencils, whose
  // windows read an array at several offsets, and loops of a few elements
  // (a stencil's edge strips: fewer than 256 iterations), where the checks
  // cost more than they save.
  if (auto trips = loop.getStaticTripCount(); trips && trips->ult(256))
    return {};
  DenseSet<Value> streamedArrays;
  memref::StoreOp store;
  for (Operation &op : loop.getBody()->without_terminator()) {
    if (auto candidate = dyn_cast<memref::StoreOp>(op)) {
      if (store || !isStreamingAccess(loop, candidate.getMemRef(),
                                      candidate.getIndices()))
        return {};
      store = candidate;
      continue;
    }
    if (auto load = dyn_cast<memref::LoadOp>(op)) {
      bool streaming =
          isStreamingAccess(loop, load.getMemRef(), load.getIndices());
      if (!isScalar(load.getType()) ||
          !(streaming ||
            isInvariantAccess(loop, load.getMemRef(), load.getIndices())))
        return {};
      if (streaming && !streamedArrays.insert(rootOf(load.getMemRef())).second)
        return {};
      continue;
    }
    bool scalarOperands = llvm::all_of(op.getOperandTypes(), isScalar) &&
                          llvm::all_of(op.getResultTypes(), isScalar);
    if (isa<arith::ConstantOp>(op) && scalarOperands)
      continue;
    if (!OpTrait::hasElementwiseMappableTraits(&op) ||
        op.getNumRegions() != 0 || !isMemoryEffectFree(&op) ||
        !scalarOperands || !hasVectorCode(op))
      return {};
  }
  if (!store || !isScalar(store.getValue().getType()))
    return {};
  Type element = store.getMemRefType().getElementType();
  unsigned bits = element.getIntOrFloatBitWidth();
  if (bits % 8 != 0 || lineBytes % (bits / 8) != 0)
    return {};
  for (OpOperand &use : loop.getInductionVar().getUses()) {
    auto load = dyn_cast<memref::LoadOp>(use.getOwner());
    if (!(load && use.getOperandNumber() == load->getNumOperands() - 1) &&
        use.getOwner() != store.getOperation())
      return {};
  }
  // The stored array is not read in the loop: an update in place (softmax's
  // normalisation of its row) reads each line before writing it, so there
  // is no read for ownership to save (measured 5-8% slower streamed).
  Value root = rootOf(store.getMemRef());
  WalkResult readsStored = loop.getBody()->walk([&](memref::LoadOp load) {
    return rootOf(load.getMemRef()) == root ? WalkResult::interrupt()
                                            : WalkResult::advance();
  });
  return readsStored.wasInterrupted() ? memref::StoreOp() : store;
}

/// Whether `array`, allocated in the function, is read outside `loop`
/// (through any view of it). Streaming stores push the lines they write out
/// of the caches, so a later read would fetch them back from memory. Where
/// a read comes in program order is not considered, as an enclosing loop
/// would bring a read before `loop` after it again: any read counts, except
/// returning the array (the caller reads it, after the kernel has written
/// all of it) and asking for its shape.
bool isReadOutside(scf::ForOp loop, Value array) {
  for (OpOperand &use : array.getUses()) {
    Operation *user = use.getOwner();
    if (loop->isAncestor(user))
      continue;
    if (auto view = dyn_cast<ViewLikeOpInterface>(user)) {
      if (view.getViewSource() == array &&
          llvm::any_of(user->getResults(), [&](Value result) {
            return isReadOutside(loop, result);
          }))
        return true;
      continue;
    }
    if (isa<memref::StoreOp>(user) && use.getOperandNumber() == 1)
      continue;
    if (isa<memref::DimOp, memref::DeallocOp, func::ReturnOp>(user))
      continue;
    return true;
  }
  return false;
}

/// Whether an array of `type` has a static size below `minBytes`.
bool isKnownSmall(MemRefType type, int64_t minBytes) {
  return type.hasStaticShape() &&
         type.getNumElements() * (type.getElementTypeBitWidth() / 8) <
             minBytes;
}

Value indexConstant(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

/// Whether the array `root` holds at least `minBytes` bytes.
Value isLarge(OpBuilder &b, Location loc, Value root, int64_t minBytes) {
  auto type = cast<MemRefType>(root.getType());
  Value bytes =
      indexConstant(b, loc, type.getElementTypeBitWidth() / 8);
  for (int64_t dim = 0; dim < type.getRank(); ++dim) {
    Value size = memref::DimOp::create(b, loc, root, dim);
    bytes = arith::MulIOp::create(b, loc, bytes, size);
  }
  return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::uge, bytes,
                               indexConstant(b, loc, minBytes));
}

/// Whether the element the loop stores first lies on a cache line's start.
Value isAligned(OpBuilder &b, Location loc, memref::StoreOp store,
                Value lowerBound) {
  Value memref = store.getMemRef();
  auto metadata = memref::ExtractStridedMetadataOp::create(b, loc, memref);
  Value element = metadata.getOffset();
  for (auto [index, stride] :
       llvm::zip(store.getIndices().drop_back(), metadata.getStrides())) {
    Value step = arith::MulIOp::create(b, loc, index, stride);
    element = arith::AddIOp::create(b, loc, element, step);
  }
  // The last dimension has unit stride.
  element = arith::AddIOp::create(b, loc, element, lowerBound);
  int64_t elementBytes = store.getMemRefType().getElementTypeBitWidth() / 8;
  Value offset = arith::MulIOp::create(
      b, loc, element, indexConstant(b, loc, elementBytes));
  Value base = memref::ExtractAlignedPointerAsIndexOp::create(b, loc, memref);
  Value address = arith::AddIOp::create(b, loc, base, offset);
  Value misalignment = arith::AndIOp::create(
      b, loc, address, indexConstant(b, loc, lineBytes - 1));
  return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, misalignment,
                               indexConstant(b, loc, 0));
}

/// The body of `loop` on `lanes` consecutive elements from `iv` on, its
/// store streaming.
void emitVectorBody(OpBuilder &b, scf::ForOp loop, Value iv, int64_t lanes) {
  Block *body = loop.getBody();
  DenseMap<Value, Value> vectors;
  auto vectorType = [&](Type scalar) {
    return VectorType::get({lanes}, scalar);
  };
  // Values from outside the loop (and invariant loads) are broadcast; in
  // the loop, where LLVM hoists them.
  auto vectorOf = [&](Value scalar) {
    if (Value vector = vectors.lookup(scalar))
      return vector;
    Value vector = vector::BroadcastOp::create(
        b, scalar.getLoc(), vectorType(scalar.getType()), scalar);
    vectors[scalar] = vector;
    return vector;
  };
  auto streamingIndices = [&](ValueRange indices) {
    SmallVector<Value> result(indices.drop_back());
    result.push_back(iv);
    return result;
  };
  for (Operation &op : body->without_terminator()) {
    Location loc = op.getLoc();
    if (auto store = dyn_cast<memref::StoreOp>(op)) {
      vector::StoreOp::create(b, loc, vectorOf(store.getValue()),
                              store.getMemRef(),
                              streamingIndices(store.getIndices()),
                              /*nontemporal=*/true, llvm::Align(lineBytes));
      continue;
    }
    auto load = dyn_cast<memref::LoadOp>(op);
    if (load && !load.getIndices().empty() &&
        load.getIndices().back() == loop.getInductionVar()) {
      vectors[load.getResult()] = vector::LoadOp::create(
          b, loc, vectorType(load.getType()), load.getMemRef(),
          streamingIndices(load.getIndices()));
      continue;
    }
    if (load || isa<arith::ConstantOp>(op)) {
      Operation *scalar = b.clone(op);
      vectors[op.getResult(0)] = vectorOf(scalar->getResult(0));
      continue;
    }
    OperationState state(loc, op.getName());
    for (Value operand : op.getOperands())
      state.addOperands(vectorOf(operand));
    for (Type type : op.getResultTypes())
      state.addTypes(vectorType(type));
    state.addAttributes(op.getAttrs());
    Operation *vectorised = b.create(state);
    for (auto [scalar, vector] :
         llvm::zip(op.getResults(), vectorised->getResults()))
      vectors[scalar] = vector;
  }
}

/// Versions `loop` on the alignment of its first store and the size of the
/// stored array (see the pass's description).
void streamStores(scf::ForOp loop, memref::StoreOp store, Value root,
                  int64_t minBytes) {
  OpBuilder b(loop);
  Location loc = loop.getLoc();
  int64_t lanes = lineBytes / (store.getMemRefType().getElementTypeBitWidth() / 8);
  Value lowerBound = loop.getLowerBound();
  Value large = isLarge(b, loc, root, minBytes);
  Value aligned = isAligned(b, loc, store, lowerBound);
  Value condition = arith::AndIOp::create(b, loc, large, aligned);
  auto ifOp = scf::IfOp::create(b, loc, condition, /*withElseRegion=*/true);
  loop->moveBefore(ifOp.elseBlock()->getTerminator());

  b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
  Value zero = indexConstant(b, loc, 0);
  Value step = indexConstant(b, loc, lanes);
  Value count = arith::MaxSIOp::create(
      b, loc, arith::SubIOp::create(b, loc, loop.getUpperBound(), lowerBound),
      zero);
  Value vectorCount = arith::MulIOp::create(
      b, loc, arith::DivUIOp::create(b, loc, count, step), step);
  Value vectorEnd = arith::AddIOp::create(b, loc, lowerBound, vectorCount);
  scf::ForOp::create(b, loc, lowerBound, vectorEnd, step, ValueRange(),
                     [&](OpBuilder &nested, Location, Value iv, ValueRange) {
                       emitVectorBody(nested, loop, iv, lanes);
                       scf::YieldOp::create(nested, loc);
                     });
  // Non-temporal stores are weakly ordered: they may become visible to
  // other threads after later ordinary stores. Within the thread program
  // order holds (the tail and later loads see them). Other threads read the
  // array after the OpenMP region's closing barrier; x86 orders
  // non-temporal stores before locked instructions, but a barrier that
  // signals arrival with a plain release store would not order them, and
  // which one libomp uses is its business. So the fence makes them visible
  // before the thread can reach the barrier: once per versioned loop (a row
  // or a block of 4096 elements), not per vector.
  // Inline assembly rather than the intrinsic: an op without memory
  // effects would keep the OpenMP body's memref.alloca_scope alive.
  LLVM::InlineAsmOp::create(b, loc, TypeRange(), ValueRange(), "sfence",
                            "~{memory}", /*has_side_effects=*/true,
                            /*is_align_stack=*/false,
                            LLVM::tailcallkind::TailCallKind::None,
                            LLVM::AsmDialectAttr(), ArrayAttr());
  auto rest = cast<scf::ForOp>(b.clone(*loop));
  rest.setLowerBound(vectorEnd);
}

struct StreamingStores
    : public weft::impl::WeftStreamingStoresBase<StreamingStores> {
  using Base::Base;

  void runOnOperation() override {
    // Every loop is examined before any is versioned: versioning adds
    // metadata reads of the arrays that later checks would count.
    SmallVector<std::tuple<scf::ForOp, memref::StoreOp, Value>> loops;
    getOperation().walk([&](scf::ForOp loop) {
      memref::StoreOp store = streamingStore(loop);
      if (!store)
        return;
      Value root = rootOf(store.getMemRef());
      auto alloc = root.getDefiningOp<memref::AllocOp>();
      if (alloc && !isKnownSmall(alloc.getType(), minBytes) &&
          !isReadOutside(loop, root))
        loops.emplace_back(loop, store, root);
    });
    for (auto [loop, store, root] : loops)
      streamStores(loop, store, root, minBytes);
  }
};

} // namespace
