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
#include "weft/Frontend/Parser.h"
#include "weft/Frontend/Sema.h"
#include "weft/MLIRGen/MLIRGen.h"
#include "weft/Pipelines/Pipelines.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace weft;

bool weft::parseEmitKind(llvm::StringRef name, EmitKind &kind) {
  std::optional<EmitKind> parsed =
      llvm::StringSwitch<std::optional<EmitKind>>(name)
          .Case("parse", EmitKind::Parse)
          .Case("ast", EmitKind::AST)
          .Case("weft", EmitKind::Weft)
          .Case("linalg", EmitKind::Linalg)
          .Case("loops", EmitKind::Loops)
          .Case("llvm-mlir", EmitKind::LLVMMLIR)
          .Case("llvm", EmitKind::LLVM)
          .Case("asm", EmitKind::Asm)
          .Case("obj", EmitKind::Obj)
          .Case("exe", EmitKind::Exe)
          .Default(std::nullopt);
  if (parsed)
    kind = *parsed;
  return parsed.has_value();
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

class Compilation {
public:
  explicit Compilation(const CompileOptions &options)
      : options(options), context(makeRegistry()) {}

  int run();

private:
  static mlir::DialectRegistry makeRegistry() {
    mlir::DialectRegistry registry;
    mlir::registerAllDialects(registry);
    mlir::registerAllExtensions(registry);
    registry.insert<weft::WeftDialect>();
    return registry;
  }

  bool loadSource();
  bool compileToModule(mlir::OwningOpRef<mlir::ModuleOp> &module);
  bool lower(mlir::ModuleOp module);
  bool writeMachineCode(mlir::ModuleOp module);
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

/// Runs the pipeline that ends at the requested level.
bool Compilation::lower(mlir::ModuleOp module) {
  if (options.emit == EmitKind::Weft)
    return true;
  mlir::PassManager pm(&context);
  if (failed(mlir::applyPassManagerCLOptions(pm)))
    return false;
  bool printing = options.printIRAfterAll || !options.printIRBefore.empty() ||
                  !options.printIRAfter.empty();
  if (printing) {
    // Module-scope printing needs the passes to run one after the other.
    context.disableMultithreading();
    auto named = [](const std::string &wanted) {
      return [wanted](mlir::Pass *pass, mlir::Operation *) {
        return !wanted.empty() && pass->getArgument() == wanted;
      };
    };
    bool all = options.printIRAfterAll;
    auto after = named(options.printIRAfter);
    pm.enableIRPrinting(
        named(options.printIRBefore),
        [all, after](mlir::Pass *pass, mlir::Operation *op) {
          return all || after(pass, op);
        },
        /*printModuleScope=*/true, /*printAfterOnlyOnChange=*/false);
  }
  if (options.timePasses)
    pm.enableTiming();

  WeftPipelineOptions pipelineOptions;
  pipelineOptions.optLevel = options.optLevel;
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
  return succeeded(pm.run(module));
}

bool Compilation::writeMachineCode(mlir::ModuleOp module) {
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateToLLVMIR(module, llvmContext, options.optLevel);
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
    else if (!emitMachineCode(*llvmModule, output->os(),
                              options.emit == EmitKind::Asm, options.optLevel))
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
    if (!emitMachineCode(*llvmModule, os, /*assembly=*/false, options.optLevel))
      return false;
  }
  return linkExecutable(std::string(objectPath), path);
}

int Compilation::run() {
  if (!loadSource())
    return 1;
  std::unique_ptr<mlir::SourceMgrDiagnosticVerifierHandler> verifier;
  std::unique_ptr<mlir::SourceMgrDiagnosticHandler> handler;
  if (options.verifyDiagnostics)
    verifier = std::make_unique<mlir::SourceMgrDiagnosticVerifierHandler>(
        sourceMgr, &context);
  else
    handler =
        std::make_unique<mlir::SourceMgrDiagnosticHandler>(sourceMgr, &context);

  bool ok = [&] {
    mlir::OwningOpRef<mlir::ModuleOp> module;
    if (!compileToModule(module))
      return false;
    bool printsAST =
        options.emit == EmitKind::Parse || options.emit == EmitKind::AST;
    if (printsAST || options.emit == EmitKind::Weft) {
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
