//===- SemaExpr.cpp - literals, operators, casts and scalar math ----------===//
#include "SemaExpr.h"
#include "SemaBuiltins.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace weft;
using namespace weft::sema;
using ast::ElemKind;
using ast::Expr;

/// The operands that give `e` its kind: both sides of an operator, the
/// branches of a select (not its condition), the arguments of min, max and
/// abs; none for anything else.
static llvm::SmallVector<const Expr *> kindOperands(const Expr &e) {
  if (e.kind == Expr::Kind::Unary && e.unaryOp == ast::UnaryOp::Neg)
    return {e.lhs.get()};
  if (e.kind == Expr::Kind::Binary && e.binaryOp <= ast::BinaryOp::Rem)
    return {e.lhs.get(), e.rhs.get()};
  if (e.kind != Expr::Kind::Call)
    return {};
  if (e.name == "select" && e.args.size() == 3)
    return {e.args[1].get(), e.args[2].get()};
  if ((e.name == "min" || e.name == "max") && e.args.size() == 2)
    return {e.args[0].get(), e.args[1].get()};
  if (e.name == "abs" && e.args.size() == 1)
    return {e.args[0].get()};
  return {};
}

/// True when `e` is literals combined by the operations kindOperands lists;
/// without `throughCalls`, by operators only.
static bool isLiteralTree(const Expr &e, bool throughCalls) {
  if (e.kind == Expr::Kind::IntLit || e.kind == Expr::Kind::FloatLit)
    return true;
  if (!throughCalls && e.kind == Expr::Kind::Call)
    return false;
  llvm::SmallVector<const Expr *> operands = kindOperands(e);
  return !operands.empty() && llvm::all_of(operands, [&](const Expr *operand) {
    return isLiteralTree(*operand, throughCalls);
  });
}

bool sema::isUntypedLiteral(const Expr &e) {
  return isLiteralTree(e, /*throughCalls=*/false);
}

/// True when `e` takes its kind from its context, as a literal does:
/// literals and operators, selects, min, max and abs of them
/// (`select(c, 7, 2) + y` is a u16 sum when y is a u16).
static bool takesContextKind(const Expr &e) {
  return isLiteralTree(e, /*throughCalls=*/true);
}

/// True when a literal-only expression holds a float literal, which decides
/// its kind: in `2 * 0.5` the `2` becomes a float.
static bool hasFloatLiteral(const Expr &e) {
  if (e.kind == Expr::Kind::FloatLit)
    return true;
  return llvm::any_of(kindOperands(e), [](const Expr *operand) {
    return hasFloatLiteral(*operand);
  });
}

/// True when the integer `v` is a value of `kind` (floats: when it does not
/// overflow to infinity).
static bool integerFits(ElemKind kind, int64_t v) {
  switch (kind) {
  case ElemKind::I8:
    return v >= INT8_MIN && v <= INT8_MAX;
  case ElemKind::I16:
    return v >= INT16_MIN && v <= INT16_MAX;
  case ElemKind::I32:
    return v >= INT32_MIN && v <= INT32_MAX;
  case ElemKind::U8:
    return v >= 0 && v <= UINT8_MAX;
  case ElemKind::U16:
    return v >= 0 && v <= UINT16_MAX;
  case ElemKind::U32:
    return v >= 0 && v <= UINT32_MAX;
  case ElemKind::U64:
    return v >= 0;
  default:
    return true;
  }
}

/// True when `v` rounds to a finite value of the float kind `kind`.
static bool floatFits(ElemKind kind, double v) {
  const llvm::fltSemantics *sem = nullptr;
  switch (kind) {
  case ElemKind::F16:
    sem = &llvm::APFloat::IEEEhalf();
    break;
  case ElemKind::BF16:
    sem = &llvm::APFloat::BFloat();
    break;
  case ElemKind::F32:
    sem = &llvm::APFloat::IEEEsingle();
    break;
  default:
    return true;
  }
  llvm::APFloat f(v);
  bool losesInfo = false;
  llvm::APFloat::opStatus status =
      f.convert(*sem, llvm::APFloat::rmNearestTiesToEven, &losesInfo);
  return !(status & llvm::APFloat::opOverflow);
}

bool ExprChecker::checkLiteralFits(const Expr &literal, const Expr &at,
                                   bool negated) {
  ElemKind kind = literal.type.elem;
  bool isInt = literal.kind == Expr::Kind::IntLit;
  if (isInt && literal.intAboveI64) {
    // 2^63 to 2^64 - 1: a u64, the magnitude of i64's minimum, or a float.
    uint64_t magnitude = uint64_t(literal.intValue);
    double f = negated ? -literal.intAsDouble() : literal.intAsDouble();
    bool fits = ast::isFloat(kind) ? floatFits(kind, f)
                : negated ? kind == ElemKind::I64 && magnitude == 1ULL << 63
                          : kind == ElemKind::U64;
    if (fits)
      return true;
    ctx.error(at.loc) << "integer literal '" << (negated ? "-" : "")
                      << std::to_string(magnitude) << "' does not fit in '"
                      << ast::elemKindName(kind) << "'";
    return false;
  }
  int64_t i = negated ? -literal.intValue : literal.intValue;
  double f = isInt ? double(i)
                   : (negated ? -literal.floatValue : literal.floatValue);
  if (isInt ? integerFits(kind, i) && floatFits(kind, f) : floatFits(kind, f))
    return true;
  std::string text;
  if (isInt)
    text = std::to_string(i);
  else
    llvm::raw_string_ostream(text) << llvm::format("%g", f);
  ctx.error(at.loc) << (isInt ? "integer" : "floating-point") << " literal '"
                    << text << "' does not fit in '"
                    << ast::elemKindName(kind) << "'";
  return false;
}

bool ExprChecker::check(Expr &e, ElemKind hint) {
  e.type = ast::Type();
  bool ok = true;
  switch (e.kind) {
  case Expr::Kind::IntLit:
    e.type = scalarType(isNumeric(hint) ? hint : ElemKind::I64);
    // A negated literal is checked with its sign by checkUnary.
    ok = &e == negatedLiteral || checkLiteralFits(e, e, /*negated=*/false);
    break;
  case Expr::Kind::FloatLit:
    e.type = scalarType(ast::isFloat(hint) ? hint : ElemKind::F64);
    ok = &e == negatedLiteral || checkLiteralFits(e, e, /*negated=*/false);
    break;
  case Expr::Kind::BoolLit:
    e.type = scalarType(ElemKind::Bool);
    break;
  case Expr::Kind::StringLit:
    ok = checkString(e);
    break;
  case Expr::Kind::Name:
    ok = checkName(e);
    break;
  case Expr::Kind::Index:
    if (elemTypeNamed(e.name) != ElemKind::Invalid) {
      ctx.error(e.loc) << "the type '" << e.name
                       << "[...]' cannot be used as a value here";
      return false;
    }
    ok = checkIndex(e);
    break;
  case Expr::Kind::Call:
    ok = checkCall(e, hint);
    break;
  case Expr::Kind::Binary:
    ok = checkBinary(e, hint);
    break;
  case Expr::Kind::Unary:
    ok = checkUnary(e, hint);
    break;
  }
  if (!ok)
    e.type = ast::Type();
  return ok && isValid(e.type);
}

bool ExprChecker::checkScalarOf(Expr &e, ElemKind want,
                                const llvm::Twine &what) {
  if (!check(e, want))
    return false;
  if (!e.type.isArray && e.type.elem == want)
    return true;
  ctx.error(e.loc) << what << " must be '" << ast::elemKindName(want)
                   << "', not " << quoted(e.type);
  return false;
}

bool ExprChecker::requireScalar(const Expr &e, const llvm::Twine &user) {
  if (e.type.isArray) {
    auto diag = ctx.error(e.loc) << user << " needs a scalar, not an array of "
                                 << "type " << quoted(e.type);
    diag.attachNote() << "element-wise array computations belong in a kernel";
    return false;
  }
  if (!isValue(e.type)) {
    ctx.error(e.loc) << user << " needs a number or a bool, not a string";
    return false;
  }
  return true;
}

bool ExprChecker::checkString(Expr &e) {
  bool ok = true;
  for (ast::StringPart &part : e.parts) {
    if (!part.expr)
      continue;
    if (!check(*part.expr)) {
      ok = false;
      continue;
    }
    if (!isValue(part.expr->type)) {
      ctx.error(part.expr->loc) << "a string cannot be interpolated";
      ok = false;
    }
  }
  e.type = scalarType(ElemKind::String);
  return ok;
}

bool ExprChecker::checkArity(const Expr &call, size_t n) {
  bool ok = true;
  if (call.args.size() != n) {
    ctx.error(call.loc) << "'" << call.name << "' expects "
                        << plural(n, "argument") << ", got "
                        << call.args.size();
    ok = false;
  }
  for (const ast::NamedArg &arg : call.namedArgs) {
    ctx.error(arg.loc) << "'" << call.name << "' has no argument named '"
                       << arg.name << "'";
    ok = false;
  }
  return ok;
}

bool ExprChecker::checkCall(Expr &e, ElemKind hint) {
  ElemKind castTo = elemTypeNamed(e.name);
  if (castTo != ElemKind::Invalid) {
    e.nameKind = ast::NameKind::TypeName;
    return checkCast(e, castTo);
  }
  if (isMathBuiltin(e.name)) {
    e.nameKind = ast::NameKind::Builtin;
    return checkMath(e, hint);
  }
  const ast::Function *helper = ctx.functions.lookup(e.name);
  if (helper && helper->exprBody) {
    e.nameKind = ast::NameKind::Function;
    return checkHelperCall(e, *helper);
  }
  return checkOtherCall(e, hint);
}

bool ExprChecker::checkHelperCall(Expr &e, const ast::Function &helper) {
  if (enclosingHelper)
    ctx.helperCalls.push_back({enclosingHelper->name, helper.name, e.loc});
  if (!checkArity(e, helper.params.size()))
    return false;
  bool ok = true;
  for (auto [i, arg, param] : llvm::enumerate(e.args, helper.params))
    ok &= checkScalarOf(*arg, param.type.elem,
                        "argument " + std::to_string(i + 1) + " of '" +
                            helper.name + "'");
  // A helper whose signature is wrong was reported already.
  if (!ok || ctx.badSignatures.count(helper.name))
    return false;
  e.type = *helper.returnType;
  return true;
}

bool ExprChecker::checkCast(Expr &e, ElemKind to) {
  if (!checkArity(e, 1))
    return false;
  Expr &arg = *e.args[0];
  if (!check(arg) || !requireScalar(arg, "cast to '" + e.name + "'"))
    return false;
  e.type = scalarType(to);
  return true;
}

bool ExprChecker::checkReduceAll(Expr &e) {
  ctx.unsupported(e.loc, "whole-array '" + e.name + "' in a kernel");
  return false;
}

bool ExprChecker::checkSelect(Expr &e, ElemKind hint) {
  if (!checkArity(e, 3))
    return false;
  bool ok = checkScalarOf(*e.args[0], ElemKind::Bool,
                          "the condition of 'select'");
  ElemKind kind;
  if (!unify(*e.args[1], *e.args[2], hint, e, "'select'", kind) || !ok)
    return false;
  e.type = scalarType(kind);
  return true;
}

bool ExprChecker::checkMath(Expr &e, ElemKind hint) {
  if (e.name == "select")
    return checkSelect(e, hint);
  bool minMax = e.name == "min" || e.name == "max";
  bool twoArgs = minMax || e.name == "pow";
  if (minMax && e.args.size() == 1)
    return checkReduceAll(e);
  if (!checkArity(e, twoArgs ? 2 : 1))
    return false;
  ElemKind kind;
  if (twoArgs) {
    if (!unify(*e.args[0], *e.args[1], hint, e, "'" + e.name + "'", kind))
      return false;
  } else {
    Expr &arg = *e.args[0];
    if (!check(arg, hint) || !requireScalar(arg, "'" + e.name + "'"))
      return false;
    kind = arg.type.elem;
  }
  if (e.name == "abs" || minMax) {
    if (!isNumeric(kind)) {
      ctx.error(e.loc) << "'" << e.name << "' needs numbers, not "
                       << quoted(scalarType(kind));
      return false;
    }
  } else if (!ast::isFloat(kind)) {
    auto diag = ctx.error(e.loc)
                << "'" << e.name << "' needs a floating-point argument, not "
                << quoted(scalarType(kind));
    diag.attachNote() << "convert it first, e.g. '" << e.name << "(f32(x)"
                      << (twoArgs ? ", ...)'" : ")'");
    return false;
  }
  e.type = scalarType(kind);
  return true;
}

bool ExprChecker::unify(Expr &a, Expr &b, ElemKind hint, const Expr &user,
                        const llvm::Twine &userName, ElemKind &kind) {
  // The side whose kind is fixed goes first; a literal side follows it.
  bool swap = (takesContextKind(a) && !takesContextKind(b)) ||
              (takesContextKind(a) && takesContextKind(b) &&
               !hasFloatLiteral(a) && hasFloatLiteral(b));
  Expr &first = swap ? b : a, &second = swap ? a : b;
  bool ok = check(first, hint) && requireScalar(first, userName);
  ElemKind firstKind = ok ? first.type.elem : hint;
  // An array on both sides is reported once.
  bool ok2 = check(second, firstKind) &&
             (!ok || requireScalar(second, userName));
  if (!ok || !ok2)
    return false;
  if (a.type.elem != b.type.elem) {
    auto diag = ctx.error(user.loc)
                << "mismatched types " << quoted(a.type) << " and "
                << quoted(b.type) << " for " << userName;
    diag.attachNote() << "convert one side with a cast, e.g. '"
                      << ast::elemKindName(a.type.elem) << "(...)'";
    return false;
  }
  kind = a.type.elem;
  return true;
}

bool ExprChecker::checkBinary(Expr &e, ElemKind hint) {
  using ast::BinaryOp;
  std::string opName =
      std::string("operator '") + ast::binaryOpSpelling(e.binaryOp) + "'";
  if (e.binaryOp == BinaryOp::And || e.binaryOp == BinaryOp::Or) {
    bool ok = checkScalarOf(*e.lhs, ElemKind::Bool, "operand of " + opName);
    ok &= checkScalarOf(*e.rhs, ElemKind::Bool, "operand of " + opName);
    e.type = scalarType(ElemKind::Bool);
    return ok;
  }
  bool comparison = e.binaryOp >= BinaryOp::Eq;
  ElemKind kind;
  if (!unify(*e.lhs, *e.rhs, comparison ? ElemKind::Invalid : hint, e, opName,
             kind))
    return false;
  bool equality = e.binaryOp == BinaryOp::Eq || e.binaryOp == BinaryOp::Ne;
  if (!isNumeric(kind) && !equality) {
    ctx.error(e.loc) << opName << " needs numbers, not "
                     << quoted(scalarType(kind));
    return false;
  }
  e.type = scalarType(comparison ? ElemKind::Bool : kind);
  return true;
}

bool ExprChecker::checkUnary(Expr &e, ElemKind hint) {
  if (e.unaryOp == ast::UnaryOp::Not) {
    if (!checkScalarOf(*e.lhs, ElemKind::Bool, "operand of operator '!'"))
      return false;
    e.type = scalarType(ElemKind::Bool);
    return true;
  }
  bool literal = e.lhs->kind == Expr::Kind::IntLit ||
                 e.lhs->kind == Expr::Kind::FloatLit;
  if (literal)
    negatedLiteral = e.lhs.get();
  bool ok = check(*e.lhs, hint);
  negatedLiteral = nullptr;
  if (!ok || !requireScalar(*e.lhs, "operator '-'"))
    return false;
  if (!isNumeric(e.lhs->type.elem) || ast::isUnsigned(e.lhs->type.elem)) {
    ctx.error(e.loc) << "operator '-' needs a signed number, not "
                     << quoted(e.lhs->type);
    return false;
  }
  if (literal && !checkLiteralFits(*e.lhs, e, /*negated=*/true))
    return false;
  e.type = e.lhs->type;
  return true;
}
