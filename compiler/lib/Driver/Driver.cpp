//===- Driver.cpp - run the stages of the compiler ------------------------===//
//
// One SourceMgr owns the .weft buffer and one diagnostic handler renders
// every error (syntax, Sema, verifiers, passes) as file:line:col + caret.
// The pass order comes from the Pipelines library; this file only decides
// how far to go and where the output goes.
//
//===----------------------------------------------------------------------===//
#include "weft/Driver/Driver.h"

#include "weft/AST/ASTDump.h"
#include "weft/Dialect/Weft/IR/WeftDialect.h"
#include "weft/Driver/Codegen.h"
#include "weft/Driver/DiagnosticPrinter.h"
#include "weft/Driver/VectorMath.h"
#include "weft/Frontend/Parser.h"
#include "weft/Frontend/Sema.h"
#include "weft/MLIRGen/MLIRGen.h"
#include "weft/Pipelines/GpuPipelines.h"
#include "weft/Pipelines/Pipelines.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Target/LLVM/NVVM/Target.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace weft;

/// Every --emit level with its name, in pipeline order.
static constexpr std::pair<const char *, EmitKind> emitKinds[] = {
    {"parse", EmitKind::Parse}, {"ast", EmitKind::AST},
    {"weft", EmitKind::Weft},   {"linalg", EmitKind::Linalg},
    {"loops", EmitKind::Loops}, {"llvm-mlir", EmitKind::LLVMMLIR},
    {"ptx", EmitKind::PTX},     {"llvm", EmitKind::LLVM},
    {"asm", EmitKind::Asm},
    {"obj", EmitKind::Obj},     {"exe", EmitKind::Exe},
};

bool weft::parseEmitKind(llvm::StringRef name, EmitKind &kind) {
  for (auto [candidate, value] : emitKinds) {
    if (name == candidate) {
      kind = value;
      return true;
    }
  }
  return false;
}

llvm::StringRef weft::getEmitKindName(EmitKind kind) {
  for (auto [name, value] : emitKinds)
    if (kind == value)
      return name;
  llvm_unreachable("an EmitKind without a name");
}

namespace {

/// The output file for a level: -o, else stdout for text, else a name
/// derived from the input (`heat.weft` -> `heat` / `heat.o`).
std::string outputPath(const CompileOptions &options) {
  if (!options.outputFile.empty())
    return options.outputFile;
  if (options.emit != EmitKind::Obj && options.emit != EmitKind::Exe)
    return "-";
  llvm::SmallString<128> path(llvm::sys::path::filename(options.inputFile));
  llvm::sys::path::replace_extension(path,
                                     options.emit == EmitKind::Obj ? "o" : "");
  return std::string(path);
}

/// Whether `pm` runs a pass whose argument is `name`, nested pipelines
/// included. Looks for it in the textual pipeline, `pass,pass{options},
/// anchor(pass,...)`, skipping the options.
bool runsPass(const mlir::OpPassManager &pm, llvm::StringRef name) {
  std::string text;
  llvm::raw_string_ostream os(text);
  pm.printAsTextualPipeline(os);
  std::string token;
  int braces = 0;
  for (char c : text + ",") {
    if (c == '{' || c == '}') {
      braces += c == '{' ? 1 : -1;
    } else if (braces > 0) {
      continue; // a pass's options
    } else if (c == '(' || c == ')' || c == ',') {
      if (llvm::StringRef(token).trim() == name)
        return true;
      token.clear();
    } else {
      token += c;
    }
  }
  return false;
}

class Compilation {
public:
  explicit Compilation(const CompileOptions &options)
      : options(options), context(makeRegistry()) {
    // Diagnostics are for the author of the .weft file, to whom the generic
    // form of the failing op means nothing (weft-opt still prints it).
    context.printOpOnDiagnostic(false);
  }

  int run();

private:
  static mlir::DialectRegistry makeRegistry() {
    mlir::DialectRegistry registry;
    mlir::registerAllDialects(registry);
    mlir::registerAllExtensions(registry);
    registry.insert<weft::WeftDialect>();
    // --target=cuda: gpu-module-to-binary translates kernels to LLVM IR for
    // NVPTX, and the host's gpu.binary becomes LLVM IR globals.
    mlir::NVVM::registerNVVMTargetInterfaceExternalModels(registry);
    mlir::registerAllToLLVMIRTranslations(registry);
    return registry;
  }

  bool loadSource();
  bool checkOutputPath();
  bool checkPrintIRPasses(const mlir::OpPassManager &pm);
  bool compileToModule(mlir::OwningOpRef<mlir::ModuleOp> &module);
  bool lower(mlir::ModuleOp module);
  bool writeMachineCode(mlir::ModuleOp module);
  bool writePTX(mlir::ModuleOp module);
  std::unique_ptr<llvm::ToolOutputFile> openOutput(const std::string &path);

  const CompileOptions &options;
  mlir::MLIRContext context;
  llvm::SourceMgr sourceMgr;
  std::unique_ptr<ast::Module> astModule;
};

} // namespace

std::unique_ptr<llvm::ToolOutputFile>
Compilation::openOutput(const std::string &path) {
  std::string error;
  auto file = mlir::openOutputFile(path, &error);
  if (!file)
    llvm::errs() << "weftc: error: " << error << "\n";
  return file;
}

bool Compilation::loadSource() {
  std::string error;
  auto buffer = mlir::openInputFile(options.inputFile, &error);
  if (!buffer) {
    llvm::errs() << "weftc: error: " << error << "\n";
    return false;
  }
  sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  return true;
}

/// Refuses, before any work is done, an output that cannot be created (a
/// directory, a file in a folder that does not exist, an executable on
/// stdout) or that is the input itself (`weftc prog` would otherwise replace
/// the source file `prog` by the executable).
bool Compilation::checkOutputPath() {
  std::string path = outputPath(options);
  if (path == "-" && options.emit == EmitKind::Exe) {
    // The linker would write a file named "-".
    llvm::errs() << "weftc: error: an executable cannot be written to "
                    "standard output; name a file with -o\n";
    return false;
  }
  if (path == "-")
    return true;
  llvm::StringRef folder = llvm::sys::path::parent_path(path);
  std::optional<std::errc> problem;
  if (llvm::sys::fs::is_directory(path))
    problem = std::errc::is_a_directory;
  else if (!folder.empty() && !llvm::sys::fs::is_directory(folder))
    problem = llvm::sys::fs::exists(folder)
                  ? std::errc::not_a_directory
                  : std::errc::no_such_file_or_directory;
  if (problem) {
    llvm::errs() << "weftc: error: cannot open output file '" << path
                 << "': " << std::make_error_code(*problem).message() << "\n";
    return false;
  }
  bool same = false;
  if (!llvm::sys::fs::equivalent(options.inputFile, path, same) && same) {
    llvm::errs() << "weftc: error: the output file '" << path
                 << "' is the input file; name another one with -o\n";
    return false;
  }
  return true;
}

/// --print-ir-before/after name a pass of the pipeline that runs.
bool Compilation::checkPrintIRPasses(const mlir::OpPassManager &pm) {
  for (auto [flag, name] :
       {std::pair{"--print-ir-before", &options.printIRBefore},
        std::pair{"--print-ir-after", &options.printIRAfter}}) {
    if (name->empty() || runsPass(pm, *name))
      continue;
    llvm::errs() << "weftc: error: " << flag << "=" << *name
                 << " names no pass that runs up to --emit="
                 << getEmitKindName(options.emit) << "\n";
    return false;
  }
  return true;
}

/// Parse, Sema and MLIRGen; --emit=parse stops after parsing and --emit=ast
/// after Sema.
bool Compilation::compileToModule(mlir::OwningOpRef<mlir::ModuleOp> &module) {
  astModule = parseModule(sourceMgr, context);
  if (!astModule)
    return false;
  if (options.emit == EmitKind::Parse)
    return true;
  if (failed(analyzeModule(*astModule, context)))
    return false;
  if (options.emit == EmitKind::AST)
    return true;
  module = mlirGen(context, *astModule);
  if (!module || failed(mlir::verify(*module)))
    return false;
  if (options.emit == EmitKind::Exe && !module->lookupSymbol("weft_main")) {
    mlir::emitError(mlir::FileLineColLoc::get(&context, options.inputFile, 1, 1))
        << "no 'fn main' to run: an executable needs one (or use "
           "--emit=obj)";
    return false;
  }
  return true;
}

/// Runs the pipeline that ends at the requested level (linalg or later).
bool Compilation::lower(mlir::ModuleOp module) {
  mlir::PassManager pm(&context);
  if (failed(mlir::applyPassManagerCLOptions(pm)))
    return false;
  bool printing = options.printIRAfterAll || !options.printIRBefore.empty() ||
                  !options.printIRAfter.empty();
  if (printing) {
    // Module-scope printing needs the passes to run one after the other.
    context.disableMultithreading();
    std::string before = options.printIRBefore, after = options.printIRAfter;
    bool all = options.printIRAfterAll;
    pm.enableIRPrinting(
        [before](mlir::Pass *pass, mlir::Operation *) {
          return !before.empty() && pass->getArgument() == before;
        },
        [after, all](mlir::Pass *pass, mlir::Operation *) {
          return all || (!after.empty() && pass->getArgument() == after);
        },
        /*printModuleScope=*/true, /*printAfterOnlyOnChange=*/false);
  }
  if (options.timePasses)
    pm.enableTiming();

  if (options.target == Target::CUDA) {
    WeftGpuPipelineOptions gpuOptions;
    gpuOptions.optLevel = options.optLevel;
    gpuOptions.gpuArch = options.gpuArch;
    gpuOptions.binaryFormat = options.emit == EmitKind::PTX ? "isa" : "fatbin";
    if (options.emit == EmitKind::Linalg)
      buildWeftToLinalgPipeline(pm, {});
    else if (options.emit == EmitKind::Loops)
      buildWeftToGpuPipeline(pm, gpuOptions);
    else
      buildWeftToNVVMPipeline(pm, gpuOptions);
    if (!checkPrintIRPasses(pm))
      return false;
    return succeeded(pm.run(module));
  }

  WeftPipelineOptions pipelineOptions;
  pipelineOptions.optLevel = options.optLevel;
  pipelineOptions.vectorBits = hostVectorBits();
  pipelineOptions.threads = options.threads;
  switch (options.emit) {
  case EmitKind::Linalg:
    buildWeftToLinalgPipeline(pm, pipelineOptions);
    break;
  case EmitKind::Loops:
    buildWeftToLoopsPipeline(pm, pipelineOptions);
    break;
  default:
    buildWeftToLLVMPipeline(pm, pipelineOptions);
    break;
  }
  if (!checkPrintIRPasses(pm))
    return false;
  return succeeded(pm.run(module));
}

/// The PTX of every kernel module, as gpu-module-to-binary compiled it
/// (format isa), one module after the other.
bool Compilation::writePTX(mlir::ModuleOp module) {
  auto output = openOutput(outputPath(options));
  if (!output)
    return false;
  module.walk([&](mlir::gpu::BinaryOp binary) {
    for (mlir::Attribute object : binary.getObjects()) {
      output->os() << "// kernel module @" << binary.getSymName() << "\n"
                   << llvm::cast<mlir::gpu::ObjectAttr>(object).getObject()
                          .getValue();
    }
  });
  output->keep();
  return true;
}

bool Compilation::writeMachineCode(mlir::ModuleOp module) {
  std::unique_ptr<llvm::TargetMachine> machine =
      createHostTargetMachine(options.optLevel);
  if (!machine)
    return false;
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateToLLVMIR(module, llvmContext, *machine, options.optLevel);
  if (!llvmModule)
    return false;
  std::string path = outputPath(options);
  if (options.emit == EmitKind::LLVM || options.emit == EmitKind::Asm ||
      options.emit == EmitKind::Obj) {
    auto output = openOutput(path);
    if (!output)
      return false;
    if (options.emit == EmitKind::LLVM)
      llvmModule->print(output->os(), nullptr);
    else if (!emitMachineCode(*llvmModule, *machine, output->os(),
                              options.emit == EmitKind::Asm))
      return false;
    output->keep();
    return true;
  }

  // An executable: a temporary object, linked with the runtime.
  llvm::SmallString<128> objectPath;
  int fd;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("weft", "o", fd, objectPath)) {
    llvm::errs() << "weftc: error: cannot create a temporary file: "
                 << ec.message() << "\n";
    return false;
  }
  llvm::FileRemover removeObject(objectPath);
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    if (!emitMachineCode(*llvmModule, *machine, os, /*assembly=*/false))
      return false;
  }
  // Parallel regions call libomp's entry points (__kmpc_fork_call, or
  // __kmpc_fork_call_if for a region with an `if` clause).
  bool openMP = llvm::any_of(llvmModule->functions(), [](llvm::Function &f) {
    return f.getName().starts_with("__kmpc_");
  });
  return linkExecutable(std::string(objectPath), path, openMP,
                        usesVectorMath(*llvmModule));
}

int Compilation::run() {
  if (!loadSource() || !checkOutputPath())
    return 1;
  std::unique_ptr<mlir::SourceMgrDiagnosticVerifierHandler> verifier;
  std::unique_ptr<DiagnosticPrinter> handler;
  if (options.verifyDiagnostics)
    verifier = std::make_unique<mlir::SourceMgrDiagnosticVerifierHandler>(
        sourceMgr, &context);
  else
    handler = std::make_unique<DiagnosticPrinter>(sourceMgr, &context);

  bool ok = [&] {
    mlir::OwningOpRef<mlir::ModuleOp> module;
    if (!compileToModule(module))
      return false;
    bool printsAST =
        options.emit == EmitKind::Parse || options.emit == EmitKind::AST;
    if (printsAST || options.emit == EmitKind::Weft) {
      // No pass runs before these levels.
      if (!checkPrintIRPasses(mlir::OpPassManager()))
        return false;
      if (options.verifyDiagnostics)
        return true;
      auto output = openOutput(outputPath(options));
      if (!output)
        return false;
      if (printsAST)
        dumpAST(*astModule, output->os());
      else
        module->print(output->os());
      output->keep();
      return true;
    }
    if (!lower(*module))
      return false;
    if (options.emit == EmitKind::Linalg || options.emit == EmitKind::Loops ||
        options.emit == EmitKind::LLVMMLIR) {
      auto output = openOutput(outputPath(options));
      if (!output)
        return false;
      module->print(output->os());
      output->keep();
      return true;
    }
    if (options.emit == EmitKind::PTX)
      return writePTX(*module);
    return writeMachineCode(*module);
  }();

  if (verifier)
    return succeeded(verifier->verify()) ? 0 : 1;
  return ok ? 0 : 1;
}

int weft::compile(const CompileOptions &options) {
  Compilation compilation(options);
  return compilation.run();
}
