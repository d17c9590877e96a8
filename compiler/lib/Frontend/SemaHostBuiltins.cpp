//===- SemaHostBuiltins.cpp - zeros, random, load, print, ... -------------===//
#include "SemaBuiltins.h"
#include "SemaHost.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CheckedArithmetic.h"

using namespace weft;
using namespace weft::sema;
using ast::ElemKind;
using ast::Expr;

/// The value of an integer expression made of literals and + - *, or
/// nullopt (other expressions, or overflow).
static std::optional<int64_t> constantInteger(const Expr &e) {
  switch (e.kind) {
  case Expr::Kind::IntLit:
    if (e.intAboveI64)
      return std::nullopt;
    return e.intValue;
  case Expr::Kind::Unary:
    if (e.unaryOp == ast::UnaryOp::Neg)
      if (std::optional<int64_t> v = constantInteger(*e.lhs))
        return llvm::checkedSub<int64_t>(0, *v);
    return std::nullopt;
  case Expr::Kind::Binary: {
    std::optional<int64_t> a = constantInteger(*e.lhs);
    std::optional<int64_t> b = a ? constantInteger(*e.rhs) : std::nullopt;
    if (!b)
      return std::nullopt;
    switch (e.binaryOp) {
    case ast::BinaryOp::Add:
      return llvm::checkedAdd(*a, *b);
    case ast::BinaryOp::Sub:
      return llvm::checkedSub(*a, *b);
    case ast::BinaryOp::Mul:
      return llvm::checkedMul(*a, *b);
    default:
      return std::nullopt;
    }
  }
  default:
    return std::nullopt;
  }
}

bool HostChecker::checkOtherCall(Expr &e, ElemKind) {
  if (const ast::Kernel *kernel = ctx.kernels.lookup(e.name)) {
    e.nameKind = ast::NameKind::Function;
    if (ctx.badSignatures.count(e.name))
      return false;
    if (kernel->outputs.size() != 1) {
      auto diag = ctx.error(e.loc)
                  << "kernel '" << e.name << "' has "
                  << plural(kernel->outputs.size(), "output")
                  << " and cannot be used as one value";
      diag.attachNote() << "bind them all, e.g. 'let "
                        << nameTuple(outputNames(*kernel)) << " = " << e.name
                        << "(...)'";
      return false;
    }
    return checkKernelCall(e, *kernel);
  }
  if (ctx.functions.count(e.name)) {
    ctx.unsupported(e.loc, "calling the function '" + e.name + "'");
    return false;
  }
  e.nameKind = ast::NameKind::Builtin;
  if (e.name == "zeros" || e.name == "ones" || e.name == "full")
    return checkFill(e);
  if (e.name == "arange")
    return checkArange(e);
  if (e.name == "random")
    return checkRandom(e);
  if (e.name == "sum" || e.name == "mean")
    return checkReduceAll(e);
  if (e.name == "clock") {
    if (!e.args.empty() || !e.namedArgs.empty()) {
      ctx.error(e.loc) << "'clock' takes no arguments";
      return false;
    }
    e.type = scalarType(ElemKind::F64);
    return true;
  }
  if (e.name == "load") {
    auto diag = ctx.error(e.loc) << "'load' can only initialise a 'let' with "
                                    "an array type";
    diag.attachNote() << "e.g. 'let a: f32[?, ?] = load(\"a.npy\")'";
    return false;
  }
  if (e.name == "print" || e.name == "save" || e.name == "save_image" ||
      e.name == "assert") {
    ctx.error(e.loc) << "'" << e.name << "' does not return a value";
    return false;
  }
  e.nameKind = ast::NameKind::Unresolved;
  auto diag = ctx.error(e.loc) << "call to unknown function '" << e.name
                               << "'";
  std::vector<std::string> names(hostBuiltinNames().begin(),
                                 hostBuiltinNames().end());
  names.insert(names.end(), mathBuiltinNames().begin(),
               mathBuiltinNames().end());
  for (const auto &k : ctx.kernels)
    names.push_back(k.getKey().str());
  ctx.suggest(diag, e.name, names);
  return false;
}

bool HostChecker::checkTypeArgument(Expr &e, llvm::StringRef user,
                                    ast::Type &out) {
  ElemKind elem = elemTypeNamed(e.name);
  if (e.kind != Expr::Kind::Index || elem == ElemKind::Invalid) {
    ctx.error(e.loc) << "the first argument of '" << user
                     << "' must be an array type, like 'f32[n, n]'";
    return false;
  }
  e.nameKind = ast::NameKind::TypeName;
  out = ast::Type();
  out.elem = elem;
  out.isArray = true;
  bool ok = true;
  llvm::SmallVector<int64_t> constantExtents;
  for (ast::ExprPtr &sub : e.args) {
    ast::Dim dim;
    dim.loc = sub->loc;
    if (!checkScalarOf(*sub, ElemKind::I64, "a dimension")) {
      ok = false;
      continue;
    }
    // Sizes computed at run time are checked then.
    std::optional<int64_t> size = constantInteger(*sub);
    if (size && *size < 0) {
      ctx.error(sub->loc) << "an array dimension cannot be negative (" << *size
                          << ")";
      ok = false;
      continue;
    }
    if (size)
      constantExtents.push_back(*size);
    if (sub->kind == Expr::Kind::IntLit) {
      dim.kind = ast::Dim::Kind::Constant;
      dim.constant = sub->intValue;
    } else if (sub->kind == Expr::Kind::Name) {
      dim.kind = ast::Dim::Kind::Symbol;
      dim.symbol = sub->name;
    }
    out.dims.push_back(dim);
  }
  if (ok && constantExtentsOverflow(elem, constantExtents)) {
    ctx.error(e.loc) << "the array type " << quoted(out)
                     << " is too large (its size in bytes overflows 64 bits)";
    ok = false;
  }
  if (ok)
    e.type = out;
  return ok;
}

bool HostChecker::checkFill(Expr &call) {
  size_t arity = call.name == "full" ? 2 : 1;
  if (call.args.size() != arity || !call.namedArgs.empty()) {
    ctx.error(call.loc) << "'" << call.name << "' expects "
                        << (arity == 2 ? "an array type and a value, like "
                                         "'full(f32[n], 2.5)'"
                                       : "an array type, like 'zeros(f32[n])'");
    return false;
  }
  ast::Type type;
  if (!checkTypeArgument(*call.args[0], call.name, type))
    return false;
  if (arity == 2 && !checkScalarOf(*call.args[1], type.elem,
                                   "the value of 'full'"))
    return false;
  call.type = type;
  return true;
}

bool HostChecker::checkArange(Expr &call) {
  if (call.args.size() != 1 || !call.namedArgs.empty()) {
    ctx.error(call.loc) << "'arange' expects a one-dimensional array type, "
                           "like 'arange(f32[n])'";
    return false;
  }
  ast::Type type;
  if (!checkTypeArgument(*call.args[0], call.name, type))
    return false;
  if (type.dims.size() != 1) {
    ctx.error(call.args[0]->loc)
        << "'arange' makes one-dimensional arrays, not "
        << quoted(type);
    return false;
  }
  if (!isNumeric(type.elem)) {
    ctx.error(call.args[0]->loc) << "'arange' needs a numeric element type, "
                                    "not "
                                 << quoted(type);
    return false;
  }
  call.type = type;
  return true;
}

bool HostChecker::checkRandom(Expr &call) {
  if (call.args.size() != 1) {
    ctx.error(call.loc) << "'random' expects an array type and a seed, like "
                           "'random(f32[n], seed: 42)'";
    return false;
  }
  bool ok = true, seeded = false;
  for (ast::NamedArg &arg : call.namedArgs) {
    if (arg.name != "seed") {
      ctx.error(arg.loc) << "'random' has no argument named '" << arg.name
                         << "'";
      ok = false;
      continue;
    }
    seeded = true;
    ok &= checkScalarOf(*arg.value, ElemKind::I64, "the seed of 'random'");
  }
  if (!seeded) {
    auto diag = ctx.error(call.loc) << "'random' needs a seed";
    diag.attachNote() << "e.g. 'random(f32[n], seed: 42)'";
    ok = false;
  }
  ast::Type type;
  if (!checkTypeArgument(*call.args[0], "random", type) || !ok)
    return false;
  if (!isNumeric(type.elem)) {
    ctx.error(call.args[0]->loc) << "'random' makes numbers, not "
                                 << quoted(type);
    return false;
  }
  call.type = type;
  return true;
}

bool HostChecker::checkPath(Expr &e, llvm::StringRef user) {
  bool literal = e.kind == Expr::Kind::StringLit;
  for (const ast::StringPart &part : e.parts)
    literal &= part.expr == nullptr;
  if (!literal) {
    ctx.error(e.loc) << "the path of '" << user
                     << "' must be a string literal without '{...}'";
    return false;
  }
  e.type = scalarType(ElemKind::String);
  return true;
}

bool HostChecker::checkLoad(Expr &call, const ast::Type &declared) {
  call.nameKind = ast::NameKind::Builtin;
  if (call.args.size() != 1 || !call.namedArgs.empty()) {
    ctx.error(call.loc) << "'load' expects one path, like 'load(\"a.npy\")'";
    return false;
  }
  if (!checkPath(*call.args[0], "load"))
    return false;
  call.type = declared;
  return checkNpyElements(call, "load");
}

bool HostChecker::checkPrint(Expr &call) {
  call.nameKind = ast::NameKind::Builtin;
  if (call.args.size() != 1 || !call.namedArgs.empty() ||
      call.args[0]->kind != Expr::Kind::StringLit) {
    auto diag = ctx.error(call.loc) << "'print' expects one string literal";
    diag.attachNote() << "interpolate values, e.g. 'print(\"x = {x}\")'";
    return false;
  }
  return check(*call.args[0]);
}

bool HostChecker::checkNpyElements(const Expr &e, llvm::StringRef user) {
  if (e.type.elem != ElemKind::BF16)
    return true;
  auto diag = ctx.error(e.loc) << "'" << user << "' of " << quoted(e.type)
                               << ": .npy files have no bf16 type";
  diag.attachNote() << "convert the array to 'f32' in a kernel first (bf16 "
                       "to f32 is exact)";
  return false;
}

bool HostChecker::checkSave(Expr &call) {
  call.nameKind = ast::NameKind::Builtin;
  if (call.args.size() != 2 || !call.namedArgs.empty()) {
    ctx.error(call.loc) << "'save' expects an array and a path, like "
                           "'save(u, \"u.npy\")'";
    return false;
  }
  Expr &array = *call.args[0];
  bool ok = check(array);
  if (ok && !array.type.isArray) {
    ctx.error(array.loc) << "'save' needs an array, not " << quoted(array.type);
    ok = false;
  }
  ok = ok && checkNpyElements(array, "save");
  return checkPath(*call.args[1], "save") && ok;
}

bool HostChecker::checkReduceAll(Expr &e) {
  e.nameKind = ast::NameKind::Builtin;
  if (e.args.size() != 1 || !e.namedArgs.empty()) {
    ctx.error(e.loc) << "'" << e.name << "' expects one array, like '"
                     << e.name << "(a)'";
    return false;
  }
  Expr &array = *e.args[0];
  if (!check(array))
    return false;
  if (!array.type.isArray) {
    auto diag = ctx.error(array.loc) << "'" << e.name
                                     << "' of one argument needs an array, "
                                        "not "
                                     << quoted(array.type);
    if (e.name == "max" || e.name == "min")
      diag.attachNote() << "'" << e.name
                        << "' of scalars takes two arguments";
    return false;
  }
  if (!isNumeric(array.type.elem)) {
    ctx.error(array.loc) << "'" << e.name << "' needs an array of numbers, not "
                         << quoted(array.type);
    return false;
  }
  e.type = scalarType(e.name == "mean" ? ElemKind::F64 : array.type.elem);
  return true;
}

bool HostChecker::checkSaveImage(Expr &call) {
  call.nameKind = ast::NameKind::Builtin;
  if (call.args.size() != 2) {
    ctx.error(call.loc) << "'save_image' expects an array and a path, like "
                           "'save_image(u, \"u.png\")'";
    return false;
  }
  Expr &array = *call.args[0];
  bool ok = check(array);
  bool isFloat = false;
  if (ok && !array.type.isArray) {
    ctx.error(array.loc) << "'save_image' needs an array, not "
                         << quoted(array.type);
    ok = false;
  } else if (ok) {
    isFloat = ast::isFloat(array.type.elem);
    size_t rank = array.type.dims.size();
    bool integer3 = rank == 3 && !isFloat && array.type.elem != ElemKind::Bool;
    // The channel count must be visible in the type: an RGB image's pixels
    // are laid out at compile time.
    const ast::Dim *last = rank ? &array.type.dims.back() : nullptr;
    bool channelsKnown = last && last->kind == ast::Dim::Kind::Constant;
    bool rgb = integer3 && channelsKnown && last->constant == 3;
    if (rank != 2 && !rgb) {
      auto diag = ctx.error(array.loc)
                  << "'save_image' needs a rank-2 array [height, width]"
                  << (isFloat ? "" : " or an integer [height, width, 3]")
                  << ", not " << quoted(array.type);
      if (isFloat && rank == 3)
        diag.attachNote() << "RGB images take integer arrays";
      if (integer3 && !channelsKnown)
        diag.attachNote() << "declare the last dimension as 3, e.g. '"
                          << ast::elemKindName(array.type.elem) << "[?, ?, 3]'";
      ok = false;
    }
  }
  ok = checkPath(*call.args[1], "save_image") && ok;
  bool hasLo = false, hasHi = false;
  llvm::StringSet<> seen;
  for (ast::NamedArg &arg : call.namedArgs) {
    if (!seen.insert(arg.name).second) {
      ctx.error(arg.loc) << "'" << arg.name << "' is given twice";
      ok = false;
      continue;
    }
    if (arg.name == "colormap") {
      Expr &v = *arg.value;
      if (!checkPath(v, "colormap")) {
        ok = false;
        continue;
      }
      std::string name;
      for (const ast::StringPart &part : v.parts)
        name += part.text;
      static const llvm::StringRef known[] = {"viridis", "inferno", "grey"};
      if (!llvm::is_contained(known, name)) {
        auto diag = ctx.error(v.loc) << "unknown colormap '" << name << "'";
        diag.attachNote() << "known colormaps: viridis, inferno, grey";
        ok = false;
      }
    } else if (arg.name == "lo" || arg.name == "hi") {
      (arg.name == "lo" ? hasLo : hasHi) = true;
      ok &= checkScalarOf(*arg.value, ElemKind::F64,
                          "the '" + arg.name + "' of 'save_image'");
    } else {
      auto diag = ctx.error(arg.loc) << "'save_image' has no argument named '"
                                     << arg.name << "'";
      diag.attachNote() << "its named arguments are 'colormap', 'lo' and 'hi'";
      ok = false;
      continue;
    }
    if (isValid(array.type) && array.type.isArray && !isFloat) {
      ctx.error(arg.loc) << "'" << arg.name
                         << "' applies only to float arrays, not "
                         << quoted(array.type);
      ok = false;
    }
  }
  if (hasLo != hasHi) {
    auto diag = ctx.error(call.loc) << "'save_image' needs both 'lo' and 'hi', "
                                       "or neither";
    diag.attachNote() << "e.g. 'save_image(u, \"u.png\", lo: 0.0, hi: 1.0)'";
    ok = false;
  }
  return ok;
}

bool HostChecker::checkAssert(Expr &call) {
  call.nameKind = ast::NameKind::Builtin;
  if (call.args.size() != 2 || !call.namedArgs.empty()) {
    auto diag = ctx.error(call.loc)
                << "'assert' expects a condition and a message";
    diag.attachNote() << "e.g. 'assert(n > 0, \"n must be positive\")'";
    return false;
  }
  bool ok = checkScalarOf(*call.args[0], ElemKind::Bool,
                          "the condition of 'assert'");
  Expr &message = *call.args[1];
  bool literal = message.kind == Expr::Kind::StringLit;
  for (const ast::StringPart &part : message.parts)
    literal &= part.expr == nullptr;
  if (!literal) {
    ctx.error(message.loc)
        << "the message of 'assert' must be a string literal without '{...}'";
    return false;
  }
  message.type = scalarType(ElemKind::String);
  return ok;
}
