//===- GuardChecks.cpp - runtime bounds checks only on failure ------------===//
#include "weft/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

namespace weft {
#define GEN_PASS_DEF_WEFTGUARDCHECKS
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

struct GuardChecks : public weft::impl::WeftGuardChecksBase<GuardChecks> {
  void runOnOperation() override {
    SmallVector<func::CallOp> checks;
    getOperation().walk([&](func::CallOp call) {
      if (call.getCallee() == "weft_rt_check_index")
        checks.push_back(call);
    });
    for (func::CallOp call : checks) {
      OpBuilder b(call);
      // Unsigned: a negative subscript fails too (extents are >= 0).
      Value fails =
          arith::CmpIOp::create(b, call.getLoc(), arith::CmpIPredicate::uge,
                                call.getOperand(0), call.getOperand(1));
      auto guard = scf::IfOp::create(b, call.getLoc(), fails);
      call->moveBefore(guard.thenBlock()->getTerminator());
    }
  }
};

} // namespace
