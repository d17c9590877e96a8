//===- CarryThroughLoop.h - keep a memory value in registers in a loop ----===//
#ifndef WEFT_TRANSFORMS_CARRYTHROUGHLOOP_H
#define WEFT_TRANSFORMS_CARRYTHROUGHLOOP_H

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

namespace weft {

/// A value that a loop reads from memory and writes back every iteration:
/// `read` (one result, loop-invariant operands) and `stored`, the operand of
/// the write that holds the new value.
struct CarriedAccess {
  mlir::Operation *read;
  mlir::OpOperand *stored;
};

/// Moves each read before `loop` and each write after it, and carries the
/// value between them as a loop-carried value (an iter_arg), so that it
/// stays in registers. The caller proves that nothing else in the loop
/// touches that memory. A loop without iterations then writes back what it
/// read. Returns the loop that replaces `loop`.
mlir::scf::ForOp carryThroughLoop(mlir::RewriterBase &rewriter,
                                  mlir::scf::ForOp loop,
                                  llvm::ArrayRef<CarriedAccess> accesses);

} // namespace weft

#endif // WEFT_TRANSFORMS_CARRYTHROUGHLOOP_H
