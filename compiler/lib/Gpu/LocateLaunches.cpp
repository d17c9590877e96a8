//===- LocateLaunches.cpp - kernels' .weft locations for CUDA errors ------===//
#include "weft/Conversion/WeftToRuntime/RuntimeCalls.h"
#include "weft/Gpu/Passes.h"

namespace weft {
#define GEN_PASS_DEF_WEFTGPULOCATELAUNCHES
#include "weft/Gpu/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

/// The first file location in `loc` (fused or call-site locations nest
/// them), if any.
std::optional<FileLineColLoc> findFileLocation(Location loc) {
  std::optional<FileLineColLoc> found;
  loc->walk([&](Location inner) {
    if (auto file = dyn_cast<FileLineColLoc>(inner)) {
      found = file;
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return found;
}

struct LocateLaunches
    : public weft::impl::WeftGpuLocateLaunchesBase<LocateLaunches> {
  void runOnOperation() override {
    SmallVector<gpu::LaunchFuncOp> launches;
    getOperation().walk(
        [&](gpu::LaunchFuncOp launch) { launches.push_back(launch); });
    for (gpu::LaunchFuncOp launch : launches) {
      std::optional<FileLineColLoc> file = findFileLocation(launch.getLoc());
      if (!file)
        continue;
      std::string text = (file->getFilename().strref() + ":" +
                          Twine(file->getLine()) + ":" +
                          Twine(file->getColumn()))
                             .str();
      OpBuilder b(launch);
      Location loc = launch.getLoc();
      weft::callRuntime(b, loc, launch, "weft_rt_cuda_launching", {},
                        {weft::getString(b, loc, launch, text)});
      b.setInsertionPointAfter(launch);
      weft::callRuntime(b, loc, launch, "weft_rt_cuda_launched", {}, {});
    }
  }
};

} // namespace
