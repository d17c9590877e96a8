//===- LocateLaunches.cpp - kernels' .weft locations for CUDA errors ------===//
#include "weft/Conversion/WeftToRuntime/RuntimeCalls.h"
#include "weft/Gpu/Passes.h"

namespace weft {
#define GEN_PASS_DEF_WEFTGPULOCATELAUNCHES
#include "weft/Gpu/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

struct LocateLaunches
    : public weft::impl::WeftGpuLocateLaunchesBase<LocateLaunches> {
  void runOnOperation() override {
    SmallVector<gpu::LaunchFuncOp> launches;
    getOperation().walk(
        [&](gpu::LaunchFuncOp launch) { launches.push_back(launch); });
    for (gpu::LaunchFuncOp launch : launches) {
      std::string text = weft::formatFileLocation(launch.getLoc());
      if (text.empty())
        continue;
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
