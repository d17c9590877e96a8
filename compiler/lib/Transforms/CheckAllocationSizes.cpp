//===- CheckAllocationSizes.cpp - arrays whose size overflows 64 bits -----===//
#include "weft/Conversion/WeftToRuntime/RuntimeCalls.h"
#include "weft/Transforms/AllocationBytes.h"
#include "weft/Transforms/Passes.h"

namespace weft {
#define GEN_PASS_DEF_WEFTCHECKALLOCATIONSIZES
#include "weft/Transforms/Passes.h.inc"
} // namespace weft

using namespace mlir;

namespace {

constexpr StringLiteral kTooLarge =
    "the array is too large (its size in bytes overflows 64 bits)";

/// The message weft_rt_assert prints: located when the allocation has a
/// .weft location.
std::string tooLargeMessage(Location loc) {
  std::string where = weft::formatFileLocation(loc);
  return where.empty() ? kTooLarge.str() : where + ": " + kTooLarge.str();
}

/// Inserts before `alloc` an i1 that is true when its size in bytes, the
/// product of `bytes` and its dynamic extents, exceeds INT64_MAX.
Value buildOverflowFlag(OpBuilder &b, memref::AllocOp alloc, int64_t bytes) {
  Location loc = alloc.getLoc();
  Type i64 = b.getI64Type();
  Value zero = arith::ConstantIntOp::create(b, loc, i64, 0);
  Value size = arith::ConstantIntOp::create(b, loc, i64, bytes);
  // Above INT64_MAX: the last product is negative as an int64_t.
  auto orInto = [&](Value flags, Value flag) -> Value {
    return flags ? arith::OrIOp::create(b, loc, flags, flag) : flag;
  };
  Value overflow;
  for (Value extent : alloc.getDynamicSizes()) {
    Value wide = arith::IndexCastUIOp::create(b, loc, i64, extent);
    auto product = arith::MulUIExtendedOp::create(b, loc, size, wide);
    overflow = orInto(overflow,
                      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne,
                                            product.getHigh(), zero));
    size = product.getLow();
  }
  return orInto(overflow, arith::CmpIOp::create(
                              b, loc, arith::CmpIPredicate::slt, size, zero));
}

/// The message as a NUL-terminated LLVM global: a plain pointer, unlike a
/// memref<*xi8>, puts no descriptor on the stack, so the call may sit in a
/// loop or a memref.alloca_scope without a branch around it.
Value getCString(OpBuilder &b, Location loc, ModuleOp module,
                 StringRef text) {
  std::string name;
  for (unsigned i = 0; name.empty() || module.lookupSymbol(name); ++i)
    name = "__weft_cstr" + std::to_string(i);
  return LLVM::createGlobalString(loc, b, name, (text + Twine('\0')).str(),
                                  LLVM::Linkage::Private);
}

struct CheckAllocationSizes
    : public weft::impl::WeftCheckAllocationSizesBase<CheckAllocationSizes> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<memref::AllocOp> allocs;
    module.walk([&](memref::AllocOp alloc) { allocs.push_back(alloc); });
    for (memref::AllocOp alloc : allocs) {
      std::optional<int64_t> bytes = weft::staticAllocationBytes(alloc);
      if (!bytes) {
        alloc.emitError(kTooLarge);
        return signalPassFailure();
      }
      if (alloc.getDynamicSizes().empty())
        continue;
      OpBuilder b(alloc);
      Location loc = alloc.getLoc();
      Value tooLarge = arith::ExtUIOp::create(
          b, loc, b.getI32Type(), buildOverflowFlag(b, alloc, *bytes));
      weft::callRuntime(
          b, loc, alloc, "weft_rt_check_array_size", {},
          {tooLarge, getCString(b, loc, module, tooLargeMessage(loc))});
    }
  }
};

} // namespace
