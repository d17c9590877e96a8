//===- RuntimeCalls.cpp - building calls of the Weft runtime --------------===//
#include "weft/Conversion/WeftToRuntime/RuntimeCalls.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"

using namespace mlir;

Type weft::getOpaqueArrayType(MLIRContext *ctx) {
  return UnrankedMemRefType::get(IntegerType::get(ctx, 8), 0);
}

func::CallOp weft::callRuntime(OpBuilder &b, Location loc, Operation *user,
                               StringRef name, TypeRange results,
                               ValueRange args) {
  auto module = user->getParentOfType<ModuleOp>();
  if (!module.lookupSymbol<func::FuncOp>(name)) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(module.getBody());
    auto decl = func::FuncOp::create(
        b, module.getLoc(), name, b.getFunctionType(TypeRange(args), results));
    decl.setPrivate();
  }
  return func::CallOp::create(b, loc, name, results, args);
}

Value weft::getString(OpBuilder &b, Location loc, Operation *user,
                      StringRef text) {
  auto module = user->getParentOfType<ModuleOp>();
  auto type =
      MemRefType::get({static_cast<int64_t>(text.size())}, b.getI8Type());
  auto value = DenseElementsAttr::getFromRawBuffer(
      RankedTensorType::get(type.getShape(), b.getI8Type()),
      ArrayRef<char>(text.data(), text.size()));
  memref::GlobalOp global;
  for (auto candidate : module.getOps<memref::GlobalOp>())
    if (candidate.getConstant() && candidate.getType() == type &&
        candidate.getInitialValueAttr() == value &&
        candidate.getSymName().starts_with("__weft_str"))
      global = candidate;
  if (!global) {
    std::string name;
    for (unsigned i = 0;; ++i) {
      name = "__weft_str" + std::to_string(i);
      if (!module.lookupSymbol(name))
        break;
    }
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(module.getBody());
    global = memref::GlobalOp::create(b, loc, name, b.getStringAttr("private"),
                                      type, value, /*constant=*/true,
                                      /*alignment=*/IntegerAttr());
  }
  Value ref = memref::GetGlobalOp::create(b, loc, type, global.getSymName());
  return memref::CastOp::create(b, loc, getOpaqueArrayType(b.getContext()),
                                ref);
}

std::string weft::formatFileLocation(Location loc) {
  std::string text;
  loc->walk([&](Location inner) {
    auto file = dyn_cast<FileLineColLoc>(inner);
    if (!file)
      return WalkResult::advance();
    text = (file.getFilename().strref() + ":" + Twine(file.getLine()) + ":" +
            Twine(file.getColumn()))
               .str();
    return WalkResult::interrupt();
  });
  return text;
}
