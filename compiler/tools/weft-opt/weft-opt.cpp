//===- weft-opt.cpp - run Weft and upstream MLIR passes -------------------===//
//
// mlir-opt with the Weft dialect, the Weft conversion passes and the named
// Weft pipelines (weft-to-linalg, weft-to-loops, weft-to-llvm) added.
//
//===----------------------------------------------------------------------===//
#include "weft/Conversion/Passes.h"
#include "weft/Dialect/Weft/IR/WeftDialect.h"
#include "weft/Pipelines/Pipelines.h"
#include "weft/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  weft::registerWeftConversionPasses();
  weft::registerWeftTransformsPasses();
  weft::registerWeftPipelines();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<weft::WeftDialect>();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "Weft optimizer driver\n", registry));
}
