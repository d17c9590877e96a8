//===- VectorMath.cpp - glibc libmvec variants of sinf and cosf -----------===//
//
// Only f32 sin and cos: exp, log and tanh are weft-fast-math's polynomials by
// the time LLVM sees them, and f64 keeps libm's scalar functions, which
// docs/language.md documents as within 1 ULP. MLIR's own sin/cos approximations
// reduce the argument in f32 and are wrong for large arguments; libmvec's f32
// sinf/cosf are within 2 ULP over the whole range
// (test/e2e/fast-math-accuracy.test).
//
//===----------------------------------------------------------------------===//
#include "weft/Driver/VectorMath.h"

#include "llvm/IR/Module.h"

using namespace weft;

namespace {

/// One vector width: libmvec's x86-64 variants (the vector function ABI's ISA
/// letter b = SSE, d = AVX2, e = AVX-512) and the CPU feature it needs.
struct Width {
  unsigned lanes;
  llvm::StringRef feature;
  llvm::StringRef sin, cos, abiPrefix;
};

constexpr Width widths[] = {
    {4, "", "_ZGVbN4v_sinf", "_ZGVbN4v_cosf", "_ZGV_LLVM_N4v"},
    {8, "+avx2", "_ZGVdN8v_sinf", "_ZGVdN8v_cosf", "_ZGV_LLVM_N8v"},
    {16, "+avx512f", "_ZGVeN16v_sinf", "_ZGVeN16v_cosf", "_ZGV_LLVM_N16v"},
};

} // namespace

llvm::TargetLibraryInfoImpl
weft::vectorMathLibraryInfo(const llvm::TargetMachine &machine) {
  llvm::TargetLibraryInfoImpl info(machine.getTargetTriple());
  if (machine.getTargetTriple().getArch() != llvm::Triple::x86_64 ||
      !machine.getTargetTriple().isOSGlibc())
    return info;
  llvm::StringRef features = machine.getTargetFeatureString();
  std::vector<llvm::VecDesc> functions;
  for (const Width &width : widths) {
    if (!width.feature.empty() && !features.contains(width.feature))
      continue;
    auto lanes = llvm::ElementCount::getFixed(width.lanes);
    for (llvm::StringRef scalar : {"sinf", "llvm.sin.f32"})
      functions.emplace_back(scalar, width.sin, lanes, /*Masked=*/false,
                             width.abiPrefix, std::nullopt);
    for (llvm::StringRef scalar : {"cosf", "llvm.cos.f32"})
      functions.emplace_back(scalar, width.cos, lanes, /*Masked=*/false,
                             width.abiPrefix, std::nullopt);
  }
  info.addVectorizableFunctions(functions);
  return info;
}

bool weft::usesVectorMath(const llvm::Module &module) {
  return llvm::any_of(module.functions(), [](const llvm::Function &f) {
    return f.getName().starts_with("_ZGV");
  });
}
