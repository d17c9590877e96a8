//===- CarryThroughLoop.cpp - keep a memory value in registers in a loop --===//
#include "weft/Transforms/CarryThroughLoop.h"

using namespace mlir;

scf::ForOp weft::carryThroughLoop(RewriterBase &rewriter, scf::ForOp loop,
                                  ArrayRef<CarriedAccess> accesses) {
  SmallVector<Value> initial;
  for (const CarriedAccess &access : accesses) {
    loop.moveOutOfLoop(access.read);
    rewriter.moveOpAfter(access.stored->getOwner(), loop);
    initial.push_back(access.read->getResult(0));
  }
  FailureOr<LoopLikeOpInterface> replaced = loop.replaceWithAdditionalYields(
      rewriter, initial, /*replaceInitOperandUsesInLoop=*/true,
      [&](OpBuilder &, Location, ArrayRef<BlockArgument>) {
        return llvm::map_to_vector(accesses, [](const CarriedAccess &access) {
          return access.stored->get();
        });
      });
  assert(succeeded(replaced) && "scf.for always takes more iter_args");
  auto carried = cast<scf::ForOp>(replaced->getOperation());
  unsigned first = carried.getNumResults() - accesses.size();
  for (auto [n, access] : llvm::enumerate(accesses))
    rewriter.modifyOpInPlace(access.stored->getOwner(), [&] {
      access.stored->set(carried.getResult(first + n));
    });
  return carried;
}
