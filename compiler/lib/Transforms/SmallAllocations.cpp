//===- SmallAllocations.cpp - no over-alignment for scalar temporaries ----===//
//
// See the pass's description in Passes.td: a 64-byte alignment hides a
// scalar temporary from LLVM, which could otherwise keep it in a register.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/AllocationBytes.h"
#include "weft/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace weft {
#define GEN_PASS_DEF_WEFTSMALLALLOCATIONS
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// malloc's own alignment on x86-64 (and AArch64) glibc.
constexpr int64_t mallocAlignment = 16;

struct SmallAllocations
    : public weft::impl::WeftSmallAllocationsBase<SmallAllocations> {
  void runOnOperation() override {
    getOperation().walk([](memref::AllocOp alloc) {
      if (!alloc.getType().hasStaticShape())
        return;
      std::optional<int64_t> bytes = weft::staticAllocationBytes(alloc);
      if (bytes && *bytes <= mallocAlignment)
        alloc.removeAlignmentAttr();
    });
  }
};

} // namespace
