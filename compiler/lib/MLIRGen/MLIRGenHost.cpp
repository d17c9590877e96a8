//===- MLIRGenHost.cpp - host functions to func/scf and weft host ops -----===//
//
// `fn main` becomes `func.func @weft_main()`. Host variables are SSA values
// in a scoped table; assignment rebinds a name, and a `for` loop carries
// every outer variable its body assigns as an `scf.for` iteration argument.
// `while` carries them the same way through `scf.while`, and `if` yields
// them from an `scf.if` (a branch that does not assign one yields the old
// value).
//
//===----------------------------------------------------------------------===//
#include "MLIRGenImpl.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include "llvm/Support/FormatVariadic.h"

#include <map>

using namespace mlir;
using weft::ast::Expr;
using weft::ast::Stmt;

namespace weft::detail {
namespace {

/// A host variable: its current SSA value, replaced on assignment.
struct Var {
  Value value;
};

/// The names an assignment anywhere in `block` (nested loops included)
/// rebinds, in order of first appearance.
void collectAssigned(const ast::Block &block,
                     SmallVectorImpl<std::string> &names) {
  for (const auto &s : block) {
    if (s->kind == Stmt::Kind::Assign && !llvm::is_contained(names, s->name))
      names.push_back(s->name);
    if (s->kind == Stmt::Kind::Destructure && !s->declares)
      for (const std::string &name : s->names)
        if (!llvm::is_contained(names, name))
          names.push_back(name);
    collectAssigned(s->body, names);
    collectAssigned(s->elseBody, names);
  }
}

/// Makes each carried variable refer to the matching value (a region's
/// arguments on entry, the op's results after it).
void rebind(ArrayRef<Var *> carried, ValueRange values) {
  for (auto [var, value] : llvm::zip(carried, values))
    var->value = value;
}

/// The carried variables' current values.
SmallVector<Value> valuesOf(ArrayRef<Var *> carried) {
  SmallVector<Value> values;
  for (Var *var : carried)
    values.push_back(var->value);
  return values;
}

/// Print formats use `{}` for each value; a literal brace is doubled (`{{`,
/// `}}`), read left to right as in C++'s std::format.
void appendEscaped(std::string &format, StringRef text) {
  for (char c : text) {
    if (c == '{' || c == '}')
      format += c;
    format += c;
  }
}

class HostGen : public ExprGen {
public:
  explicit HostGen(GenContext &gen) : ExprGen(gen) {}

  void emitMain(const ast::Function &f);

private:
  // Statements.
  void emitBlock(const ast::Block &block);
  void emitStmt(const Stmt &s);
  void emitLet(const Stmt &s);
  /// Checks at run time that `v`, the value of the `let` `s`, has the
  /// extents its declared type gives with variables (`f32[n]`).
  bool checkSymbolDims(const ast::Type &declared, mlir::Value v,
                       const Stmt &s);
  void emitAssign(const Stmt &s);
  /// Rebinds `var` to `v` with the variable's type, so that loops can carry
  /// it; a dimension that type fixes is checked at run time.
  void assign(Var &var, Value v, const std::string &name,
              const ast::Location &loc);
  void emitDestructure(const Stmt &s);
  /// Emits the call `e` of a kernel: its results, or none after an error.
  SmallVector<Value> emitKernelCallResults(const Expr &e);
  void emitFor(const Stmt &s);
  void emitWhile(const Stmt &s);
  void emitIf(const Stmt &s);
  void emitAssert(const Expr &call);
  /// The variables defined outside `blocks` that an assignment in them
  /// rebinds.
  SmallVector<Var *> carriedBy(ArrayRef<const ast::Block *> blocks);
  /// Emits `body` in a scope of its own at the builder's position, then
  /// yields the carried variables' values from the enclosing region.
  void emitCarryingBody(const ast::Block &body, ArrayRef<Var *> carried,
                        Location loc);
  void emitExprStmt(const Stmt &s);
  void emitPrint(const Expr &call);
  void emitSave(const Expr &call);
  void emitSaveImage(const Expr &call);
  /// A `weft.arg` for a parameter of `main`.
  Value emitParam(const ast::Param &p);
  /// `sum(a)`, `mean(a)`, `max(a)`, `min(a)`.
  Value emitReduceAll(const Expr &e);

  // Expressions: names, element reads and the host's calls.
  Value emitName(const Expr &e) override;
  Value emitIndex(const Expr &e) override;
  Value emitOtherCall(const Expr &e) override;
  Value emitFill(const Expr &e);
  Value emitRandom(const Expr &e);
  Value emitArange(const Expr &e);
  Value emitLoad(const Expr &e, const ast::Type *declared);
  /// `index` values for the subscripts of an element of the array `name`.
  SmallVector<Value> emitIndices(StringRef name, const ast::Location &loc,
                                 ArrayRef<ast::ExprPtr> subscripts);
  /// The tensor type written as `f32[n, 4]`, and an `index` size for each
  /// of its dynamic dimensions (every dimension that is not a literal).
  RankedTensorType arrayType(const Expr &typeExpr, const Expr &call,
                             SmallVectorImpl<Value> &sizes);
  std::optional<std::string> plainString(const Expr &e, StringRef what);
  bool checkArgs(const Expr &e, size_t count);

  Var *lookup(StringRef name);
  void define(const std::string &name, Value value);

  /// Innermost last. std::map keeps each Var's address stable while a loop
  /// holds on to it.
  std::vector<std::map<std::string, Var>> scopes;
};

} // namespace

Var *HostGen::lookup(StringRef name) {
  for (auto scope = scopes.rbegin(); scope != scopes.rend(); ++scope) {
    auto it = scope->find(name.str());
    if (it != scope->end())
      return &it->second;
  }
  return nullptr;
}

void HostGen::define(const std::string &name, Value value) {
  scopes.back()[name] = Var{value};
}

void HostGen::emitMain(const ast::Function &f) {
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(gen.module.getBody());
  auto func = func::FuncOp::create(builder, gen.loc(f.loc), "weft_main",
                                   builder.getFunctionType({}, {}));
  builder.setInsertionPointToStart(func.addEntryBlock());
  scopes.emplace_back();
  // Each parameter is a command-line option, read before the body runs.
  for (const ast::Param &p : f.params)
    if (Value v = emitParam(p))
      define(p.name, v);
  emitBlock(f.body);
  func::ReturnOp::create(builder, gen.loc(f.loc));
  scopes.pop_back();
}

void HostGen::emitBlock(const ast::Block &block) {
  for (const auto &s : block)
    emitStmt(*s);
}

void HostGen::emitStmt(const Stmt &s) {
  switch (s.kind) {
  case Stmt::Kind::Let:
    return emitLet(s);
  case Stmt::Kind::Assign:
    return emitAssign(s);
  case Stmt::Kind::Destructure:
    return emitDestructure(s);
  case Stmt::Kind::For:
    return emitFor(s);
  case Stmt::Kind::ExprStmt:
    return emitExprStmt(s);
  case Stmt::Kind::While:
    return emitWhile(s);
  case Stmt::Kind::If:
    return emitIf(s);
  case Stmt::Kind::Return:
    // Ends the whole program, from any depth of loops and branches.
    ExitOp::create(builder, gen.loc(s.loc));
    return;
  }
}

/// Sema keeps kernels and functions from taking builtin names.
static bool isBuiltinCall(const Expr &e, StringRef name) {
  return e.kind == Expr::Kind::Call && e.name == name;
}

void HostGen::emitLet(const Stmt &s) {
  const ast::Type *declared = s.declaredType ? &*s.declaredType : nullptr;
  Value v = isBuiltinCall(*s.value, "load") ? emitLoad(*s.value, declared)
                                            : emit(*s.value);
  if (v && declared)
    if (Type type = gen.type(*declared, s.loc)) {
      v = gen.coerce(v, type, s.value->loc, "'" + s.name + "'");
      if (v && !checkSymbolDims(*declared, v, s))
        return;
    }
  if (v)
    define(s.name, v);
}

bool HostGen::checkSymbolDims(const ast::Type &declared, Value v,
                              const Stmt &s) {
  const ast::Location &l = s.value->loc;
  for (auto [d, dim] : llvm::enumerate(declared.dims)) {
    if (dim.kind != ast::Dim::Kind::Symbol)
      continue;
    Var *var = lookup(dim.symbol);
    if (!var) {
      gen.error(dim.loc) << "internal error: '" << dim.symbol
                         << "' is not defined";
      return false;
    }
    Location loc = gen.loc(l);
    Value expected = gen.toIndex(var->value, dim.loc, /*isUnsigned=*/false);
    Value size = tensor::DimOp::create(builder, loc, v, d);
    // The runtime appends "(<the extent> vs <the variable>)".
    CheckExtentOp::create(
        builder, loc, size, expected,
        llvm::formatv("{0}:{1}:{2}: dimension {3} of '{4}' must be '{5}'",
                      l.file, l.line, l.col, d, s.name, dim.symbol)
            .str());
  }
  return true;
}

void HostGen::emitAssign(const Stmt &s) {
  Var *var = lookup(s.name);
  if (!var) {
    gen.error(s.loc) << "internal error: '" << s.name << "' is not defined";
    return;
  }
  Value v = emit(*s.value);
  if (!v)
    return;
  if (s.subscripts.empty())
    return assign(*var, v, s.name, s.value->loc);
  SmallVector<Value> indices = emitIndices(s.name, s.loc, s.subscripts);
  if (indices.size() != s.subscripts.size())
    return;
  var->value =
      tensor::InsertOp::create(builder, gen.loc(s.loc), v, var->value, indices);
}

void HostGen::assign(Var &var, Value v, const std::string &name,
                     const ast::Location &loc) {
  if (Value cast = gen.coerce(v, var.value.getType(), loc, "'" + name + "'"))
    var.value = cast;
}

void HostGen::emitDestructure(const Stmt &s) {
  SmallVector<Value> results = emitKernelCallResults(*s.value);
  if (results.size() != s.names.size())
    return;
  for (auto [name, loc, v] : llvm::zip(s.names, s.nameLocs, results)) {
    if (s.declares) {
      define(name, v);
      continue;
    }
    Var *var = lookup(name);
    if (!var) {
      gen.error(loc) << "internal error: '" << name << "' is not defined";
      return;
    }
    assign(*var, v, name, loc);
  }
}

SmallVector<Value> HostGen::emitKernelCallResults(const Expr &e) {
  SmallVector<Value> args;
  for (const auto &arg : e.args) {
    args.push_back(emit(*arg));
    if (!args.back())
      return {};
  }
  CallOp call = emitKernelCall(gen, e, args);
  if (!call)
    return {};
  if (call.getNumResults() != e.outputTypes.size()) {
    gen.error(e.loc) << "internal error: '" << e.name << "' has "
                     << call.getNumResults() << " results, Sema gave "
                     << e.outputTypes.size();
    return {};
  }
  // A scalar output comes back as a rank-0 tensor; the host sees its value.
  // An array gets the dims Sema gave the call (constant where the arguments'
  // are), so that a variable it initialises keeps them. They need no
  // run-time check: the callee sizes its output with the extents of the
  // first argument naming each symbol, as Sema does, and checks the others
  // against them.
  SmallVector<Value> values;
  for (auto [result, type] : llvm::zip(call.getResults(), e.outputTypes)) {
    Value v;
    if (!type.isArray)
      v = gen.scalarOf(result, e.loc);
    else if (Type tensorType = gen.type(type, e.loc))
      v = gen.coerce(result, tensorType, e.loc);
    if (!v)
      return {};
    values.push_back(v);
  }
  return values;
}

void HostGen::emitFor(const Stmt &s) {
  if (!s.range) {
    gen.error(s.loc) << "internal error: 'for' without a range";
    return;
  }
  const ast::Range &range = *s.range;
  Value lo = emit(*range.lo);
  Value hi = emit(*range.hi);
  if (!lo || !hi)
    return;
  Location loc = gen.loc(s.loc);
  Value lb = gen.toIndex(lo, *range.lo);
  Value ub = gen.toIndex(hi, *range.hi);
  if (range.inclusive) // in index, so that u8 255 + 1 does not wrap to 0
    ub = arith::AddIOp::create(builder, loc, ub,
                               arith::ConstantIndexOp::create(builder, loc, 1));
  Value step = arith::ConstantIndexOp::create(builder, loc, 1);

  SmallVector<Var *> carried = carriedBy({&s.body});
  auto forOp =
      scf::ForOp::create(builder, loc, lb, ub, step, valuesOf(carried));
  {
    OpBuilder::InsertionGuard guard(builder);
    Block *body = forOp.getBody();
    if (body->mightHaveTerminator())
      body->getTerminator()->erase();
    builder.setInsertionPointToEnd(body);
    scopes.emplace_back();
    define(s.name,
           arith::IndexCastOp::create(builder, loc, builder.getI64Type(),
                                      forOp.getInductionVar()));
    rebind(carried, forOp.getRegionIterArgs());
    emitCarryingBody(s.body, carried, loc);
    scopes.pop_back();
  }
  rebind(carried, forOp.getResults());
}

SmallVector<Var *> HostGen::carriedBy(ArrayRef<const ast::Block *> blocks) {
  SmallVector<std::string> assigned;
  for (const ast::Block *block : blocks)
    collectAssigned(*block, assigned);
  SmallVector<Var *> carried;
  for (const std::string &name : assigned)
    if (Var *var = lookup(name))
      carried.push_back(var);
  return carried;
}

void HostGen::emitCarryingBody(const ast::Block &body, ArrayRef<Var *> carried,
                               Location loc) {
  scopes.emplace_back();
  emitBlock(body);
  scopes.pop_back();
  scf::YieldOp::create(builder, loc, valuesOf(carried));
}

void HostGen::emitWhile(const Stmt &s) {
  Location loc = gen.loc(s.loc);
  SmallVector<Var *> carried = carriedBy({&s.body});
  SmallVector<Value> inits = valuesOf(carried);
  TypeRange types = ValueRange(inits).getTypes();
  SmallVector<Location> locs(types.size(), loc);
  auto whileOp = scf::WhileOp::create(builder, loc, types, inits);
  {
    OpBuilder::InsertionGuard guard(builder);
    // before: the condition, computed from the current values.
    Block *before = builder.createBlock(&whileOp.getBefore(), {}, types, locs);
    rebind(carried, before->getArguments());
    Value cond = emit(*s.value);
    if (!cond)
      cond = gen.constant(builder.getI1Type(), 0, s.loc);
    scf::ConditionOp::create(builder, loc, cond, before->getArguments());
    // after: the body.
    Block *after = builder.createBlock(&whileOp.getAfter(), {}, types, locs);
    rebind(carried, after->getArguments());
    emitCarryingBody(s.body, carried, loc);
  }
  rebind(carried, whileOp.getResults());
}

void HostGen::emitIf(const Stmt &s) {
  Value cond = emit(*s.value);
  if (!cond)
    return;
  Location loc = gen.loc(s.loc);
  SmallVector<Var *> carried = carriedBy({&s.body, &s.elseBody});
  SmallVector<Value> before = valuesOf(carried);
  auto ifOp = scf::IfOp::create(builder, loc, ValueRange(before).getTypes(),
                                cond,
                                /*withElseRegion=*/true);
  auto emitBranch = [&](Block *block, const ast::Block &body) {
    OpBuilder::InsertionGuard guard(builder);
    if (block->mightHaveTerminator())
      block->getTerminator()->erase();
    builder.setInsertionPointToEnd(block);
    rebind(carried, before);
    emitCarryingBody(body, carried, loc);
  };
  emitBranch(ifOp.thenBlock(), s.body);
  emitBranch(ifOp.elseBlock(), s.elseBody);
  rebind(carried, ifOp.getResults());
}

void HostGen::emitAssert(const Expr &call) {
  if (!checkArgs(call, 2))
    return;
  Value cond = emit(*call.args[0]);
  std::optional<std::string> message =
      plainString(*call.args[1], "the message of 'assert'");
  if (!cond || !message)
    return;
  const ast::Location &l = call.loc;
  AssertOp::create(builder, gen.loc(l), cond,
                   llvm::formatv("{0}:{1}:{2}: assertion failed: {3}", l.file,
                                 l.line, l.col, *message)
                       .str());
}

void HostGen::emitExprStmt(const Stmt &s) {
  const Expr &e = *s.value;
  if (isBuiltinCall(e, "print"))
    return emitPrint(e);
  if (isBuiltinCall(e, "save"))
    return emitSave(e);
  if (isBuiltinCall(e, "save_image"))
    return emitSaveImage(e);
  if (isBuiltinCall(e, "assert"))
    return emitAssert(e);
  emit(e);
}

void HostGen::emitPrint(const Expr &call) {
  std::string format;
  SmallVector<Value> values;
  SmallVector<int64_t> unsignedValues;
  auto hole = [&](const Expr &e) {
    Value v = emit(e);
    if (!v)
      return false;
    format += "{}";
    if (ast::isUnsigned(e.type.elem))
      unsignedValues.push_back(values.size());
    values.push_back(v);
    return true;
  };
  // Like Python's print: the arguments separated by spaces.
  for (auto [i, arg] : llvm::enumerate(call.args)) {
    if (i)
      format += ' ';
    if (arg->kind != Expr::Kind::StringLit) {
      if (!hole(*arg))
        return;
      continue;
    }
    for (const ast::StringPart &part : arg->parts) {
      if (!part.expr)
        appendEscaped(format, part.text);
      else if (!hole(*part.expr))
        return;
    }
  }
  PrintOp::create(builder, gen.loc(call.loc), format, values,
                  unsignedValues.empty()
                      ? DenseI64ArrayAttr()
                      : builder.getDenseI64ArrayAttr(unsignedValues));
}

void HostGen::emitSave(const Expr &call) {
  if (!checkArgs(call, 2))
    return;
  Value array = emit(*call.args[0]);
  std::optional<std::string> path = plainString(*call.args[1], "the path");
  if (!array || !path)
    return;
  if (!isa<RankedTensorType>(array.getType())) {
    gen.error(call.args[0]->loc)
        << "'save' needs an array, got " << array.getType();
    return;
  }
  SaveOp::create(builder, gen.loc(call.loc), array, *path,
                 ast::isUnsigned(call.args[0]->type.elem));
}

void HostGen::emitSaveImage(const Expr &call) {
  if (!checkArgs(call, 2))
    return;
  Value array = emit(*call.args[0]);
  std::optional<std::string> path = plainString(*call.args[1], "the path");
  if (!array || !path)
    return;
  StringAttr colormap;
  Value lo, hi;
  for (const ast::NamedArg &arg : call.namedArgs) {
    if (arg.name == "colormap") {
      std::optional<std::string> name =
          plainString(*arg.value, "the colormap");
      if (!name)
        return;
      colormap = builder.getStringAttr(*name);
      continue;
    }
    Value v = gen.coerce(emit(*arg.value), builder.getF64Type(), arg.loc);
    if (!v)
      return;
    (arg.name == "lo" ? lo : hi) = v;
  }
  SaveImageOp::create(builder, gen.loc(call.loc), array,
                      builder.getStringAttr(*path), colormap, lo, hi,
                      ast::isUnsigned(call.args[0]->type.elem));
}

Value HostGen::emitReduceAll(const Expr &e) {
  if (!checkArgs(e, 1))
    return {};
  Value array = emit(*e.args[0]);
  if (!array)
    return {};
  auto type = dyn_cast<RankedTensorType>(array.getType());
  if (!type) {
    gen.error(e.args[0]->loc)
        << "'" << e.name << "' needs an array, got " << array.getType();
    return {};
  }
  ReduceAllKind kind = e.name == "sum"    ? ReduceAllKind::add
                       : e.name == "max"  ? ReduceAllKind::max
                       : e.name == "min"  ? ReduceAllKind::min
                                          : ReduceAllKind::mean;
  Type result = kind == ReduceAllKind::mean ? Type(builder.getF64Type())
                                            : type.getElementType();
  return ReduceAllOp::create(
      builder, gen.loc(e.loc), result,
      ReduceAllKindAttr::get(builder.getContext(), kind), array,
      ast::isUnsigned(e.args[0]->type.elem) ? builder.getUnitAttr()
                                            : UnitAttr());
}

/// The value of a literal (or negated number literal) as an attribute of
/// `type`.
static Attribute literalAttr(const Expr &e, Type type) {
  bool neg = e.kind == Expr::Kind::Unary && e.unaryOp == ast::UnaryOp::Neg;
  const Expr &lit = neg ? *e.lhs : e;
  if (auto ft = dyn_cast<FloatType>(type)) {
    double v =
        lit.kind == Expr::Kind::FloatLit ? lit.floatValue : lit.intAsDouble();
    return FloatAttr::get(ft, neg ? -v : v);
  }
  if (auto it = dyn_cast<IntegerType>(type)) {
    if (lit.kind == Expr::Kind::BoolLit)
      return IntegerAttr::get(it, lit.boolValue ? 1 : 0);
    if (lit.kind != Expr::Kind::IntLit)
      return {};
    uint64_t v = uint64_t(lit.intValue);
    return IntegerAttr::get(it, APInt(it.getWidth(), neg ? 0 - v : v,
                                      /*isSigned=*/true, /*implicitTrunc=*/true));
  }
  return {};
}

Value HostGen::emitParam(const ast::Param &p) {
  Type type = gen.type(p.type, p.loc);
  if (!type)
    return {};
  Attribute def;
  if (p.defaultValue) {
    if (p.type.isArray) {
      std::optional<std::string> path =
          plainString(*p.defaultValue, "the default path");
      if (!path)
        return {};
      def = builder.getStringAttr(*path);
    } else {
      def = literalAttr(*p.defaultValue, type);
      if (!def) {
        gen.error(p.defaultValue->loc)
            << "internal error: the default of '" << p.name
            << "' is not a literal";
        return {};
      }
    }
  }
  return ArgOp::create(builder, gen.loc(p.loc), type, p.name, def,
                       ast::isUnsigned(p.type.elem));
}

Value HostGen::emitName(const Expr &e) {
  if (Var *var = lookup(e.name))
    return var->value;
  if (e.nameKind == ast::NameKind::Function)
    gen.notSupported(e.loc, "using the kernel '" + e.name + "' as a value");
  else
    gen.error(e.loc) << "internal error: '" << e.name << "' is not defined";
  return {};
}

SmallVector<Value> HostGen::emitIndices(StringRef name,
                                        const ast::Location &loc,
                                        ArrayRef<ast::ExprPtr> subscripts) {
  SmallVector<Value> indices;
  Var *var = lookup(name);
  auto type = var ? dyn_cast<RankedTensorType>(var->value.getType()) : nullptr;
  if (!type || type.getRank() != int64_t(subscripts.size())) {
    gen.error(loc) << "internal error: '" << name
                   << "' is not an array of rank " << subscripts.size();
    return {};
  }
  for (const auto &s : subscripts) {
    Value v = gen.toIndex(emit(*s), *s);
    if (!v)
      return {};
    indices.push_back(v);
  }
  // Each index must lie in [0, extent): one unsigned comparison also rejects
  // negative ones.
  Location l = gen.loc(loc);
  for (auto [d, index] : llvm::enumerate(indices)) {
    Value extent = tensor::DimOp::create(builder, l, var->value, d);
    Value inRange = arith::CmpIOp::create(builder, l, arith::CmpIPredicate::ult,
                                          index, extent);
    AssertOp::create(
        builder, l, inRange,
        llvm::formatv("{0}:{1}:{2}: subscript {3} of '{4}' is out of range",
                      loc.file, loc.line, loc.col, d, name)
            .str());
  }
  return indices;
}

Value HostGen::emitIndex(const Expr &e) {
  if (e.nameKind == ast::NameKind::TypeName) {
    gen.error(e.loc) << "the type '" << e.name
                     << "[...]' cannot be used as a value here";
    return {};
  }
  SmallVector<Value> indices = emitIndices(e.name, e.loc, e.args);
  if (indices.size() != e.args.size())
    return {};
  return tensor::ExtractOp::create(builder, gen.loc(e.loc),
                                   lookup(e.name)->value, indices);
}

Value HostGen::emitOtherCall(const Expr &e) {
  StringRef name = e.name;
  if (e.nameKind == ast::NameKind::Function && gen.kernels.count(name)) {
    // Sema lets only a kernel with one output be a value.
    SmallVector<Value> results = emitKernelCallResults(e);
    if (results.size() == 1)
      return results[0];
    if (!results.empty())
      gen.notSupported(e.loc, "using the " + std::to_string(results.size()) +
                                  " outputs of '" + e.name + "' as one value");
    return {};
  }
  if (name == "zeros" || name == "ones" || name == "full")
    return emitFill(e);
  if (name == "sum" || name == "mean" || name == "max" || name == "min")
    return emitReduceAll(e);
  if (name == "random")
    return emitRandom(e);
  if (name == "arange")
    return emitArange(e);
  if (name == "load")
    return emitLoad(e, nullptr);
  if (name == "clock" && checkArgs(e, 0))
    return ClockOp::create(builder, gen.loc(e.loc), builder.getF64Type());
  if (name == "clock")
    return {};
  if (name == "print" || name == "save") {
    gen.error(e.loc) << "'" << name << "' does not return a value";
    return {};
  }
  gen.notSupported(e.loc, "calling '" + e.name + "' here");
  return {};
}

bool HostGen::checkArgs(const Expr &e, size_t count) {
  if (e.args.size() == count)
    return true;
  gen.error(e.loc) << "'" << e.name << "' takes " << count << " argument"
                   << (count == 1 ? "" : "s") << ", got " << e.args.size();
  return false;
}

RankedTensorType HostGen::arrayType(const Expr &typeExpr, const Expr &call,
                                    SmallVectorImpl<Value> &sizes) {
  ast::ElemKind elem = ast::elemKindFromName(typeExpr.name);
  if (typeExpr.kind != Expr::Kind::Index || elem == ast::ElemKind::Invalid) {
    gen.error(typeExpr.loc)
        << "'" << call.name << "' needs an array type such as 'f32[n]'";
    return {};
  }
  Type elemType = gen.elementType(elem, typeExpr.loc);
  if (!elemType)
    return {};
  SmallVector<int64_t> shape;
  for (const auto &dim : typeExpr.args) {
    if (dim->kind == Expr::Kind::IntLit) {
      shape.push_back(dim->intValue);
      continue;
    }
    Value size = gen.toIndex(emit(*dim), *dim);
    if (!size)
      return {};
    // A negative size would reach the allocation: stop the program instead.
    // Sema rejects constant ones. The runtime appends "(<size> vs 0)".
    Location loc = gen.loc(dim->loc);
    Value zero = arith::ConstantIndexOp::create(builder, loc, 0);
    Value clamped = arith::MaxSIOp::create(builder, loc, size, zero);
    CheckExtentOp::create(
        builder, loc, size, clamped,
        llvm::formatv("{0}:{1}:{2}: the size of dimension {3} of '{4}' is "
                      "negative",
                      dim->loc.file, dim->loc.line, dim->loc.col, shape.size(),
                      call.name)
            .str());
    shape.push_back(ShapedType::kDynamic);
    sizes.push_back(size);
  }
  return RankedTensorType::get(shape, elemType);
}

Value HostGen::emitFill(const Expr &e) {
  bool isFull = e.name == "full";
  if (!checkArgs(e, isFull ? 2 : 1))
    return {};
  SmallVector<Value> sizes;
  RankedTensorType type = arrayType(*e.args[0], e, sizes);
  if (!type)
    return {};
  Value value = isFull ? emit(*e.args[1])
                       : gen.constant(type.getElementType(),
                                      e.name == "ones" ? 1 : 0, e.loc);
  if (!value)
    return {};
  if (value.getType() != type.getElementType()) {
    gen.error(e.args[1]->loc)
        << "internal error: the fill value has type " << value.getType()
        << ", not " << type.getElementType();
    return {};
  }
  return FullOp::create(builder, gen.loc(e.loc), type, value, sizes);
}

/// A `tensor.generate` whose element k is the cast of k to the element type
/// (so integer types too narrow for n wrap, as casts do).
Value HostGen::emitArange(const Expr &e) {
  if (!checkArgs(e, 1))
    return {};
  const Expr &typeExpr = *e.args[0];
  SmallVector<Value> sizes;
  RankedTensorType type = arrayType(typeExpr, e, sizes);
  if (!type)
    return {};
  Location loc = gen.loc(e.loc);
  bool failed = false;
  auto generate = tensor::GenerateOp::create(
      builder, loc, type, sizes,
      [&](OpBuilder &b, Location bodyLoc, ValueRange indices) {
        Value k = arith::IndexCastOp::create(b, bodyLoc, b.getI64Type(),
                                             indices.front());
        Value element = emitCast(typeExpr, k, ast::ElemKind::I64);
        failed = !element;
        tensor::YieldOp::create(b, bodyLoc, failed ? k : element);
      });
  if (failed)
    return {};
  return generate;
}

Value HostGen::emitRandom(const Expr &e) {
  if (!checkArgs(e, 1))
    return {};
  SmallVector<Value> sizes;
  RankedTensorType type = arrayType(*e.args[0], e, sizes);
  if (!type)
    return {};
  Value seed;
  for (const ast::NamedArg &arg : e.namedArgs) {
    if (arg.name != "seed") {
      gen.error(arg.loc) << "'random' has no argument named '" << arg.name
                         << "'";
      return {};
    }
    seed = gen.coerce(emit(*arg.value), builder.getI64Type(), arg.loc);
    if (!seed)
      return {};
  }
  if (!seed)
    seed = gen.constant(builder.getI64Type(), 0, e.loc);
  return RandomOp::create(builder, gen.loc(e.loc), type, seed, sizes);
}

Value HostGen::emitLoad(const Expr &e, const ast::Type *declared) {
  if (!checkArgs(e, 1))
    return {};
  std::optional<std::string> path = plainString(*e.args[0], "the path");
  if (!path)
    return {};
  const ast::Type *type = declared ? declared : &e.type;
  if (!type->isArray) {
    InFlightDiagnostic diag = gen.error(e.loc);
    diag << "'load' needs a declared array type";
    diag.attachNote() << "write e.g. 'let a: f32[?, ?] = load(\"a.npy\")'";
    return {};
  }
  auto tensorType = dyn_cast_or_null<RankedTensorType>(gen.type(*type, e.loc));
  if (!tensorType)
    return {};
  return LoadOp::create(builder, gen.loc(e.loc), tensorType, *path,
                        ast::isUnsigned(type->elem));
}

std::optional<std::string> HostGen::plainString(const Expr &e, StringRef what) {
  if (e.kind != Expr::Kind::StringLit) {
    gen.error(e.loc) << what << " must be a string literal";
    return std::nullopt;
  }
  std::string text;
  for (const ast::StringPart &part : e.parts) {
    if (part.expr) {
      gen.notSupported(part.expr->loc, "interpolation in " + what.str());
      return std::nullopt;
    }
    text += part.text;
  }
  return text;
}

void emitHostFunction(GenContext &gen, const ast::Function &function) {
  if (function.name != "main") {
    gen.notSupported(function.loc, "a host function other than 'main'");
    return;
  }
  HostGen(gen).emitMain(function);
}

} // namespace weft::detail
