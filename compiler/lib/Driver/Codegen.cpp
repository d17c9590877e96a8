//===- Codegen.cpp - LLVM dialect to LLVM IR and machine code -------------===//
#include "weft/Driver/Codegen.h"
#include "weft/Driver/VectorMath.h"

#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"

#include <optional>

using namespace weft;

static llvm::CodeGenOptLevel codeGenLevel(unsigned optLevel) {
  switch (optLevel) {
  case 0: return llvm::CodeGenOptLevel::None;
  case 1: return llvm::CodeGenOptLevel::Less;
  case 2: return llvm::CodeGenOptLevel::Default;
  default: return llvm::CodeGenOptLevel::Aggressive;
  }
}

std::unique_ptr<llvm::TargetMachine>
weft::createHostTargetMachine(unsigned optLevel) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  // For inline assembly (weft-streaming-stores' sfence) in object files.
  llvm::InitializeNativeTargetAsmParser();
  llvm::Triple triple(llvm::sys::getProcessTriple());
  std::string error;
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target) {
    llvm::errs() << "weftc: error: no code generator for this machine: "
                 << error << "\n";
    return nullptr;
  }
  std::string features;
  for (const auto &feature : llvm::sys::getHostCPUFeatures())
    features += (feature.second ? "+" : "-") + feature.first().str() + ",";
  return std::unique_ptr<llvm::TargetMachine>(target->createTargetMachine(
      triple, llvm::sys::getHostCPUName(), features, llvm::TargetOptions(),
      llvm::Reloc::PIC_, std::nullopt, codeGenLevel(optLevel)));
}

unsigned weft::hostVectorBits() {
  return llvm::sys::getHostCPUFeatures().lookup("avx512f") ? 512 : 256;
}

std::unique_ptr<llvm::Module>
weft::translateToLLVMIR(mlir::ModuleOp module, llvm::LLVMContext &context,
                        llvm::TargetMachine &machine, unsigned optLevel) {
  mlir::registerBuiltinDialectTranslation(*module.getContext());
  mlir::registerLLVMDialectTranslation(*module.getContext());
  mlir::registerOpenMPDialectTranslation(*module.getContext());
  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, context, "weft");
  if (!llvmModule) {
    module.emitError("cannot translate the LLVM dialect to LLVM IR");
    return nullptr;
  }
  llvmModule->setTargetTriple(machine.getTargetTriple());
  llvmModule->setDataLayout(machine.createDataLayout());

  // LLVM's standard new-pass-manager pipeline at the requested level.
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder builder(&machine);
  // From -O2 on, the loop vectoriser may call libmvec's sinf and cosf. The
  // first registration of an analysis wins: this one must come before
  // registerFunctionAnalyses' default.
  if (optLevel >= 2)
    fam.registerPass([&] {
      return llvm::TargetLibraryAnalysis(vectorMathLibraryInfo(machine));
    });
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::OptimizationLevel level = optLevel == 0   ? llvm::OptimizationLevel::O0
                                  : optLevel == 1 ? llvm::OptimizationLevel::O1
                                  : optLevel == 2 ? llvm::OptimizationLevel::O2
                                                  : llvm::OptimizationLevel::O3;
  llvm::ModulePassManager passes =
      optLevel == 0 ? builder.buildO0DefaultPipeline(level)
                    : builder.buildPerModuleDefaultPipeline(level);
  passes.run(*llvmModule, mam);
  return llvmModule;
}

bool weft::emitMachineCode(llvm::Module &module, llvm::TargetMachine &machine,
                           llvm::raw_pwrite_stream &os, bool assembly) {
  llvm::legacy::PassManager passes;
  auto fileType = assembly ? llvm::CodeGenFileType::AssemblyFile
                           : llvm::CodeGenFileType::ObjectFile;
  // The object writer seeks back to patch its headers, which a pipe
  // (`--emit=obj -o - | ...`) cannot do: it writes to a buffer, which goes
  // to `os` when done.
  std::optional<llvm::buffer_ostream> buffer;
  if (!assembly)
    buffer.emplace(os);
  llvm::raw_pwrite_stream &out = buffer ? *buffer : os;
  if (machine.addPassesToEmitFile(passes, out, nullptr, fileType)) {
    llvm::errs() << "weftc: error: the code generator cannot emit this file "
                    "type\n";
    return false;
  }
  passes.run(module);
  return true;
}

/// The runtime library: $WEFT_RUNTIME_LIB when set, else the one built beside
/// this compiler.
static std::string runtimeLibrary() {
  if (const char *path = std::getenv("WEFT_RUNTIME_LIB"))
    return path;
  return WEFT_RUNTIME_LIB;
}

bool weft::linkExecutable(const std::string &objectFile,
                          const std::string &executable, bool openMP,
                          bool vectorMath) {
  llvm::ErrorOr<std::string> cc = llvm::sys::findProgramByName("cc");
  if (!cc) {
    llvm::errs() << "weftc: error: cannot link: no C compiler 'cc' on PATH\n";
    return false;
  }
  std::string runtime = runtimeLibrary();
  if (!llvm::sys::fs::exists(runtime)) {
    llvm::errs() << "weftc: error: cannot link: the Weft runtime library '"
                 << runtime << "' does not exist (set WEFT_RUNTIME_LIB)\n";
    return false;
  }
  // The runtime writes PNG images with libpng.
  llvm::SmallVector<llvm::StringRef> args = {
      *cc, objectFile, runtime, "-lpng", "-lm", "-o", executable};
  // LLVM's libomp is not on the loader's path: the executable records where
  // it is.
  std::string openMPDir = "-L" WEFT_OPENMP_LIB_DIR,
              openMPRPath = "-Wl,-rpath," WEFT_OPENMP_LIB_DIR;
  if (openMP)
    args.append({openMPDir, openMPRPath, "-lomp"});
  if (vectorMath)
    args.push_back("-lmvec");
  std::string message;
  int status = llvm::sys::ExecuteAndWait(*cc, args, std::nullopt, {}, 0, 0,
                                         &message);
  if (status != 0) {
    llvm::errs() << "weftc: error: linking '" << executable << "' failed"
                 << (message.empty() ? "" : ": " + message) << "\n";
    return false;
  }
  return true;
}
