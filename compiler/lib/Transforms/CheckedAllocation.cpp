//===- CheckedAllocation.cpp - arrays from the runtime's checked malloc ---===//
#include "weft/Transforms/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/SymbolTable.h"

namespace weft {
#define GEN_PASS_DEF_WEFTCHECKEDALLOCATION
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

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
  }
};

} // namespace
