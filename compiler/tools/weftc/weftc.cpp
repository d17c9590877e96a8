//===- weftc.cpp - the Weft compiler's command line -----------------------===//
//
//   weftc FILE.weft [-o OUT] [-O0..3] [--emit=LEVEL] [options]
//   weftc run FILE.weft [options] [-- program arguments]
//
// Parses flags and calls weft::compile; everything else lives in the Driver
// library.
//===----------------------------------------------------------------------===//
#include "weft/Driver/Driver.h"
#include "weft/Pipelines/GpuPipelines.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

namespace cl = llvm::cl;

static cl::OptionCategory weftCategory("weftc options");

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<file.weft>"),
                                      cl::Required, cl::cat(weftCategory));
static cl::opt<std::string> outputFile("o", cl::desc("Output file"),
                                       cl::value_desc("file"),
                                       cl::cat(weftCategory));
static cl::opt<unsigned>
    optLevel("O", cl::desc("Optimisation level (-O0, -O1, -O2, -O3)"),
             cl::Prefix, cl::init(2), cl::cat(weftCategory));
static cl::opt<std::string> emit(
    "emit",
    cl::desc("Stop after a stage and print it: parse, ast, weft, linalg, "
             "loops, llvm-mlir, ptx (--target=cuda), llvm, asm, obj, exe "
             "(default)"),
    cl::value_desc("level"), cl::init("exe"), cl::cat(weftCategory));
static cl::opt<bool> verifyDiagnostics(
    "verify-diagnostics",
    cl::desc("Check diagnostics against expected-* comments in the source"),
    cl::cat(weftCategory));
static cl::opt<bool> printIRAfterAll(
    "print-ir-after-all",
    cl::desc("Print the IR after every pass, with the pass's name"),
    cl::cat(weftCategory));
static cl::opt<std::string>
    printIRBefore("print-ir-before",
                  cl::desc("Print the IR before the named pass"),
                  cl::value_desc("pass"), cl::cat(weftCategory));
static cl::opt<std::string>
    printIRAfter("print-ir-after", cl::desc("Print the IR after the named pass"),
                 cl::value_desc("pass"), cl::cat(weftCategory));
static cl::opt<weft::Target> target(
    "target", cl::desc("Where kernels run"), cl::init(weft::Target::CPU),
    cl::values(clEnumValN(weft::Target::CPU, "cpu", "the host CPU (default)"),
               clEnumValN(weft::Target::CUDA, "cuda",
                          "an NVIDIA GPU; host code on the CPU")),
    cl::cat(weftCategory));
static cl::opt<std::string>
    gpuArch("gpu-arch",
            cl::desc("NVIDIA architecture for --target=cuda (default sm_90)"),
            cl::value_desc("sm_NN"), cl::init("sm_90"), cl::cat(weftCategory));
static cl::opt<bool> timePasses("pass-timing",
                                cl::desc("Report the time each pass takes"),
                                cl::cat(weftCategory));

/// `--threads N` / `--threads=N`, which weftc parses itself: libLLVM already
/// registers a hidden global option named `threads`. Removes it from `args`;
/// false, with a message, for a value that is not a count.
static bool takeThreadsOption(llvm::SmallVectorImpl<const char *> &args,
                              unsigned &threads) {
  for (size_t i = 1; i < args.size(); ++i) {
    llvm::StringRef arg = llvm::StringRef(args[i]).ltrim('-');
    if (!llvm::StringRef(args[i]).starts_with("-") ||
        !(arg == "threads" || arg.starts_with("threads=")))
      continue;
    llvm::StringRef value;
    size_t count = 1;
    if (arg.consume_front("threads=")) {
      value = arg;
    } else if (i + 1 < args.size()) {
      value = args[i + 1];
      count = 2;
    }
    if (value.getAsInteger(10, threads) || threads > 4096) {
      llvm::errs() << "weftc: error: --threads expects a thread count from 0 "
                      "to 4096, not '"
                   << value << "'\n";
      return false;
    }
    args.erase(args.begin() + i, args.begin() + i + count);
    --i;
  }
  return true;
}

static void printVersion(llvm::raw_ostream &os) {
  os << "weftc " WEFT_VERSION " (LLVM/MLIR " LLVM_VERSION_STRING ")\n";
}

/// `weftc run FILE ... -- ARGS`: compile to a temporary executable, run it
/// with ARGS, and return its exit status; 1, with a message, when it cannot
/// be started or a signal kills it.
static int compileAndRun(weft::CompileOptions options,
                         llvm::ArrayRef<llvm::StringRef> programArgs) {
  llvm::SmallString<128> exe;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("weft-run", "exe", exe)) {
    llvm::errs() << "weftc: error: cannot create a temporary file: "
                 << ec.message() << "\n";
    return 1;
  }
  llvm::FileRemover removeExe(exe);
  options.outputFile = std::string(exe);
  if (int status = weft::compile(options))
    return status;
  llvm::SmallVector<llvm::StringRef> args = {inputFile};
  args.append(programArgs.begin(), programArgs.end());
  std::string message;
  bool notStarted = false;
  int status = llvm::sys::ExecuteAndWait(exe, args, std::nullopt, {}, 0, 0,
                                         &message, &notStarted);
  if (notStarted || status == -1) {
    llvm::errs() << "weftc: error: cannot run the compiled program: " << message
                 << "\n";
    return 1;
  }
  if (status < 0) { // -2: a signal, which `message` names
    llvm::errs() << "weftc: error: the program was killed by a signal: "
                 << message << "\n";
    return 1;
  }
  return status;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  mlir::registerPassManagerCLOptions();
  mlir::registerMLIRContextCLOptions();
  mlir::registerAsmPrinterCLOptions();
  cl::SetVersionPrinter(printVersion);
  cl::HideUnrelatedOptions(weftCategory);

  // `run` and the program's own arguments (after `--`) are split off before
  // LLVM's option parser sees the command line.
  bool run = argc > 1 && llvm::StringRef(argv[1]) == "run";
  llvm::SmallVector<const char *> compilerArgs = {argv[0]};
  llvm::SmallVector<llvm::StringRef> programArgs;
  bool afterDashes = false;
  for (int i = run ? 2 : 1; i < argc; ++i) {
    if (run && !afterDashes && llvm::StringRef(argv[i]) == "--")
      afterDashes = true;
    else if (afterDashes)
      programArgs.push_back(argv[i]);
    else
      compilerArgs.push_back(argv[i]);
  }
  unsigned threads = 0;
  if (!takeThreadsOption(compilerArgs, threads))
    return 1;
  // LLVM's parser would answer a bare `-O` with "requires a value!".
  if (llvm::is_contained(compilerArgs, llvm::StringRef("-O"))) {
    llvm::errs() << "weftc: error: -O needs a level: -O0, -O1, -O2 or -O3\n";
    return 1;
  }
  if (!cl::ParseCommandLineOptions(
          compilerArgs.size(), compilerArgs.data(),
          "weftc: the Weft compiler\n\n"
          "  weftc FILE.weft -o prog           compile to an executable\n"
          "  weftc FILE.weft --emit=LEVEL      print a stage of compilation\n"
          "  weftc run FILE.weft -- ARGS       compile, then run with ARGS\n\n"
          "  --threads=N   threads for parallel loops at -O2/-O3: 0 (default)\n"
          "                chooses at run time (WEFT_NUM_THREADS, else\n"
          "                OMP_NUM_THREADS, else every core), 1 compiles\n"
          "                serial code, N always uses N\n",
          &llvm::errs()))
    return 1;

  weft::CompileOptions options;
  options.inputFile = inputFile;
  options.outputFile = outputFile;
  if (!weft::parseEmitKind(emit, options.emit)) {
    llvm::errs() << "weftc: error: unknown --emit level '" << emit
                 << "' (expected parse, ast, weft, linalg, loops, llvm-mlir, "
                    "ptx, llvm, asm, obj or exe)\n";
    return 1;
  }
  if (options.emit == weft::EmitKind::PTX && target != weft::Target::CUDA) {
    llvm::errs() << "weftc: error: --emit=ptx needs --target=cuda\n";
    return 1;
  }
  if (gpuArch.getNumOccurrences() && target != weft::Target::CUDA) {
    llvm::errs() << "weftc: error: --gpu-arch needs --target=cuda\n";
    return 1;
  }
  if (!weft::isSupportedGpuArch(gpuArch)) {
    llvm::errs() << "weftc: error: unknown --gpu-arch '" << gpuArch
                 << "' (expected one of " << weft::supportedGpuArchs()
                 << ")\n";
    return 1;
  }
  options.target = target;
  options.gpuArch = gpuArch;
  // Kernels compiled to machine code (--emit=llvm-mlir and after, except
  // ptx) go through ptxas; say so before any work rather than mid-pipeline.
  bool needsPtxas = options.emit >= weft::EmitKind::LLVMMLIR &&
                    options.emit != weft::EmitKind::PTX;
  if (target == weft::Target::CUDA && needsPtxas && !weft::isPtxasAvailable()) {
    llvm::errs() << "weftc: error: --target=cuda needs the CUDA toolkit's "
                    "ptxas for --emit="
                 << emit << ": put its bin folder on PATH or set CUDA_HOME "
                    "(--emit=ptx and earlier levels do without)\n";
    return 1;
  }
  if (optLevel > 3) {
    llvm::errs() << "weftc: error: unknown optimisation level -O" << optLevel
                 << " (expected -O0 to -O3)\n";
    return 1;
  }
  options.optLevel = optLevel;
  options.threads = threads;
  options.verifyDiagnostics = verifyDiagnostics;
  options.printIRAfterAll = printIRAfterAll;
  options.printIRBefore = printIRBefore;
  options.printIRAfter = printIRAfter;
  options.timePasses = timePasses;
  if (run) {
    const char *conflict = options.emit != weft::EmitKind::Exe ? "--emit"
                           : !options.outputFile.empty()       ? "-o"
                                                               : nullptr;
    if (conflict) {
      llvm::errs() << "weftc: error: 'weftc run' cannot be combined with "
                   << conflict << "\n";
      return 1;
    }
    return compileAndRun(options, programArgs);
  }
  return weft::compile(options);
}
