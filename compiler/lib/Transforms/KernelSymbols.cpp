//===- KernelSymbols.cpp - kernels out of the C symbol namespace ----------===//
//
// See the pass's description in Passes.td: a kernel called `free` or `sinf`
// must not become the C function of that name.
//
//===----------------------------------------------------------------------===//
#include "weft/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/SymbolTable.h"

namespace weft {
#define GEN_PASS_DEF_WEFTKERNELSYMBOLS
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kernelSymbolPrefix = "weft_k_";

/// The functions the runtime calls by name; every other public function
/// defined in the module is a kernel.
bool isRuntimeEntryPoint(StringRef name) {
  return name == "weft_main" || name == "weft_declare_args";
}

struct KernelSymbols
    : public weft::impl::WeftKernelSymbolsBase<KernelSymbols> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<func::FuncOp> kernels;
    for (auto func : module.getOps<func::FuncOp>())
      if (!func.isExternal() && func.isPublic() &&
          !isRuntimeEntryPoint(func.getSymName()))
        kernels.push_back(func);
    for (func::FuncOp kernel : kernels) {
      std::string name = (Twine(kernelSymbolPrefix) + kernel.getSymName()).str();
      if (symbols.lookup(name)) {
        kernel.emitError("the symbol '")
            << name << "' for kernel '" << kernel.getSymName()
            << "' is taken";
        return signalPassFailure();
      }
      if (failed(symbols.rename(kernel, name)))
        return signalPassFailure();
    }
  }
};

} // namespace
