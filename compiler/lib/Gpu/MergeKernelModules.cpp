//===- MergeKernelModules.cpp - one gpu.module for all kernels ------------===//
#include "weft/Gpu/Passes.h"

#include "mlir/IR/SymbolTable.h"

namespace weft {
#define GEN_PASS_DEF_WEFTGPUMERGEKERNELMODULES
#include "weft/Gpu/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

struct MergeKernelModules
    : public weft::impl::WeftGpuMergeKernelModulesBase<MergeKernelModules> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto kernelModules = llvm::to_vector(module.getOps<gpu::GPUModuleOp>());
    if (kernelModules.empty())
      return;
    SymbolTable symbols(module);
    OpBuilder builder(kernelModules.front());
    auto merged = gpu::GPUModuleOp::create(builder, module.getLoc(),
                                           "weft_kernels");
    symbols.insert(merged); // renamed if a kernel is called weft_kernels
    SymbolTable mergedSymbols(merged);

    // Old @module::@function -> the function's name in the merged module.
    llvm::DenseMap<SymbolRefAttr, StringAttr> renamed;
    for (gpu::GPUModuleOp old : kernelModules) {
      auto functions = llvm::to_vector(old.getOps<gpu::GPUFuncOp>());
      for (gpu::GPUFuncOp function : functions) {
        SymbolRefAttr oldRef = SymbolRefAttr::get(
            old.getSymNameAttr(),
            {FlatSymbolRefAttr::get(function.getNameAttr())});
        function->moveBefore(merged.getBody(), merged.getBody()->end());
        SymbolTable::setSymbolName(
            function, functions.size() == 1
                          ? old.getSymName().str()
                          : (old.getSymName() + "_" + function.getName()).str());
        renamed[oldRef] = mergedSymbols.insert(function);
      }
      old.erase();
    }
    module.walk([&](gpu::LaunchFuncOp launch) {
      auto it = renamed.find(launch.getKernel());
      if (it == renamed.end())
        return;
      launch.setKernelAttr(SymbolRefAttr::get(
          merged.getSymNameAttr(), {FlatSymbolRefAttr::get(it->second)}));
    });
  }
};

} // namespace
