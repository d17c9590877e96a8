//===- WriteInPlace.cpp - kernel outputs in the buffers of dead inputs ----===//
//
// See the pass's description in Passes.td. Only the choice is made here:
// One-Shot Bufferize decides where buffers are shared and copies where the
// tensor program needs it, so a wrong choice costs a copy, never a wrong
// result. The conditions make sure it has no reason to copy: inside the
// kernel, nothing but the generic reads the argument; at the call, the caller never reads the value again, and it is a buffer the
// caller owns (a call's result, or carried by a loop).
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/Passes.h"

#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/STLExtras.h"

#include <map>

namespace weft {
#define GEN_PASS_DEF_WEFTWRITEINPLACE
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// A kernel result that can be computed in the buffer of an argument: the
/// generic's init `init` becomes argument `arg`, which `input` reads.
struct InPlaceResult {
  unsigned result;
  unsigned arg;
  OpOperand *init;
  OpOperand *input;
};

/// Whether `op` is element-wise: every loop parallel, every map the
/// identity, so each iteration reads its inputs where it writes.
bool isElementwise(linalg::GenericOp op) {
  return op.getNumParallelLoops() == op.getNumLoops() &&
         llvm::all_of(op.getIndexingMapsArray(),
                      [](AffineMap map) { return map.isIdentity(); });
}

/// Whether `writer` is the only op that reads `arg`'s elements (others may
/// read its sizes). An earlier reader would not do: weft-fuse-equations may
/// inline it into `writer` (Life's neighbour count into its rule), which
/// would then read other elements of the array it overwrites.
bool isOnlyReader(BlockArgument arg, linalg::GenericOp writer) {
  return llvm::all_of(arg.getUsers(), [&](Operation *user) {
    return user == writer || isa<tensor::DimOp>(user);
  });
}

/// Every (result, argument) pair of `kernel` where the result could be
/// computed in the argument's buffer.
SmallVector<InPlaceResult> findInPlaceResults(func::FuncOp kernel) {
  SmallVector<InPlaceResult> found;
  if (kernel.isExternal() || !kernel.getBody().hasOneBlock())
    return found;
  Block &entry = kernel.getBody().front();
  auto ret = dyn_cast<func::ReturnOp>(entry.getTerminator());
  if (!ret)
    return found;
  for (auto [result, value] : llvm::enumerate(ret.getOperands())) {
    auto writer = value.getDefiningOp<linalg::GenericOp>();
    if (!writer || writer->getBlock() != &entry || !isElementwise(writer) ||
        llvm::count(ret.getOperands(), value) != 1)
      continue;
    OpOperand *init =
        writer.getDpsInitOperand(cast<OpResult>(value).getResultNumber());
    if (!init->get().getDefiningOp<tensor::EmptyOp>() ||
        !writer.getMatchingBlockArgument(init).use_empty())
      continue;
    for (OpOperand *input : writer.getDpsInputOperands()) {
      auto arg = dyn_cast<BlockArgument>(input->get());
      if (arg && arg.getOwner() == &entry &&
          arg.getType() == value.getType() && isOnlyReader(arg, writer))
        found.push_back({unsigned(result), arg.getArgNumber(), init, input});
    }
  }
  return found;
}

/// Whether `value` is carried by a loop into its body: an scf.for
/// iteration argument, or an argument of an scf.while's "after" region
/// (weft-bufferize keeps those in the loop's own buffers, as scf.for's).
bool isCarriedIntoBody(Value value) {
  auto arg = dyn_cast<BlockArgument>(value);
  if (!arg)
    return false;
  Operation *loop = arg.getOwner()->getParentOp();
  if (auto whileLoop = dyn_cast<scf::WhileOp>(loop))
    return arg.getParentRegion() == &whileLoop.getAfter();
  return isa<scf::ForOp>(loop);
}

/// Whether the caller can give `call` the buffer of operand `index`: a
/// value it owns (a call's result, or carried by a loop), passed once, and
/// read nowhere after the call.
bool isDeadAfter(func::CallOp call, unsigned index) {
  Value value = call.getOperand(index);
  bool owned = value.getDefiningOp<func::CallOp>() || isCarriedIntoBody(value);
  if (!owned || llvm::count(call.getOperands(), value) != 1)
    return false;
  Block *block = call->getBlock();
  return llvm::all_of(value.getUsers(), [&](Operation *user) {
    Operation *ancestor = block->findAncestorOpInBlock(*user);
    return ancestor && (ancestor == call || ancestor->isBeforeInBlock(call));
  });
}

struct WriteInPlacePass
    : weft::impl::WeftWriteInPlaceBase<WriteInPlacePass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    // Each kernel's copy for each set of (result, argument) pairs.
    std::map<std::pair<Operation *, SmallVector<unsigned>>, func::FuncOp>
        copies;
    SmallVector<func::CallOp> calls;
    module.walk([&](func::CallOp call) { calls.push_back(call); });
    for (func::CallOp call : calls) {
      auto kernel = symbols.lookup<func::FuncOp>(call.getCallee());
      if (!kernel)
        continue;
      // Indices into findInPlaceResults: the first argument that dies for
      // each result, each argument given to one result.
      SmallVector<unsigned> chosen;
      SmallVector<InPlaceResult> candidates = findInPlaceResults(kernel);
      auto taken = [&](const InPlaceResult &candidate) {
        return llvm::any_of(chosen, [&](unsigned i) {
          return candidates[i].result == candidate.result ||
                 candidates[i].arg == candidate.arg;
        });
      };
      for (auto [i, candidate] : llvm::enumerate(candidates))
        if (!taken(candidate) && isDeadAfter(call, candidate.arg))
          chosen.push_back(i);
      if (chosen.empty())
        continue;
      func::FuncOp &copy = copies[{kernel, chosen}];
      if (!copy)
        copy = makeInPlaceCopy(kernel, chosen, symbols);
      call.setCallee(copy.getSymName());
    }
  }

  /// A private copy of `kernel` computing the chosen results in place.
  static func::FuncOp makeInPlaceCopy(func::FuncOp kernel,
                                      ArrayRef<unsigned> chosen,
                                      SymbolTable &symbols) {
    auto copy = cast<func::FuncOp>(kernel->clone());
    copy.setSymName((kernel.getSymName() + ".in_place").str());
    copy.setPrivate();
    symbols.insert(copy);
    SmallVector<InPlaceResult> candidates = findInPlaceResults(copy);
    for (unsigned i : chosen) {
      InPlaceResult &candidate = candidates[i];
      candidate.init->set(copy.getArgument(candidate.arg));
      // The payload reads the element from the init: linalg's patterns
      // would otherwise give an unread init back its tensor.empty.
      auto writer = cast<linalg::GenericOp>(candidate.init->getOwner());
      writer.getMatchingBlockArgument(candidate.input)
          .replaceAllUsesWith(writer.getMatchingBlockArgument(candidate.init));
    }
    return copy;
  }
};

} // namespace
