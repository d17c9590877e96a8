//===- CheckedAllocation.cpp - arrays from the runtime's checked malloc ---===//
#include "weft/Transforms/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

namespace weft {
#define GEN_PASS_DEF_WEFTCHECKEDALLOCATION
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// LLVM knows what `malloc` does but not what `weft_rt_alloc` does: without
/// these attributes every small temporary (softmax's one-element row sum,
/// allocated once per row) stays a call, and the vectoriser checks at run
/// time that its stores do not alias the arrays. With them, LLVM keeps such
/// temporaries in registers and drops the call and its `free` (the same
/// family, "malloc"). Arrays' 64-byte aligned pointers are rounded up
/// through integer casts, which LLVM does not see through, so it never
/// drops a kernel's output (see weft-small-allocations).
void declareAsMalloc(LLVM::LLVMFuncOp func) {
  Builder b(func.getContext());
  auto pair = [&](StringRef key, StringRef value) {
    return b.getArrayAttr({b.getStringAttr(key), b.getStringAttr(value)});
  };
  // allockind 9 = alloc | uninitialized; allocsize packs (size argument 0)
  // << 32 | (no count argument: 0xFFFFFFFF).
  func.setPassthroughAttr(b.getArrayAttr({pair("allockind", "9"),
                                          pair("allocsize", "4294967295"),
                                          pair("alloc-family", "malloc")}));
  func.setResultAttr(0, LLVM::LLVMDialect::getNoAliasAttrName(),
                     b.getUnitAttr());
}

struct CheckedAllocation
    : public weft::impl::WeftCheckedAllocationBase<CheckedAllocation> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto malloc = module.lookupSymbol<LLVM::LLVMFuncOp>("malloc");
    if (!malloc || !malloc.isExternal())
      return;
    StringAttr checked = StringAttr::get(&getContext(), "weft_rt_alloc");
    if (failed(SymbolTable::replaceAllSymbolUses(malloc, checked, module)))
      return signalPassFailure();
    malloc.setSymName(checked);
    declareAsMalloc(malloc);
  }
};

} // namespace
