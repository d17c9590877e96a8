//===- MLIRGenExpr.cpp - scalar expressions to arith/math -----------------===//
//
// Operand types were made to agree by Sema (literals carry the type of their
// context), so each operator maps to one arith/math op chosen by the MLIR
// type, and for integers by the signedness of the Weft type.
//
//===----------------------------------------------------------------------===//
#include "MLIRGenImpl.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using weft::ast::BinaryOp;
using weft::ast::ElemKind;
using weft::ast::Expr;

namespace weft::detail {

Value ExprGen::emit(const Expr &e) {
  switch (e.kind) {
  case Expr::Kind::IntLit:
  case Expr::Kind::FloatLit:
  case Expr::Kind::BoolLit:
    return emitLiteral(e);
  case Expr::Kind::StringLit:
    gen.error(e.loc) << "a string cannot be used as a value here";
    return {};
  case Expr::Kind::Name:
    return emitName(e);
  case Expr::Kind::Index:
    return emitIndex(e);
  case Expr::Kind::Call:
    return emitCall(e);
  case Expr::Kind::Binary:
    return emitBinary(e);
  case Expr::Kind::Unary:
    return emitUnary(e);
  }
  return {};
}

Value ExprGen::emitLiteral(const Expr &e) {
  ElemKind kind = e.type.elem;
  // A literal that no context typed keeps its default type.
  if (kind == ElemKind::Invalid)
    kind = e.kind == Expr::Kind::IntLit     ? ElemKind::I64
           : e.kind == Expr::Kind::FloatLit ? ElemKind::F64
                                            : ElemKind::Bool;
  Type type = gen.elementType(kind, e.loc);
  if (!type)
    return {};
  if (e.kind == Expr::Kind::BoolLit)
    return gen.constant(type, e.boolValue ? 1 : 0, e.loc);
  if (e.kind == Expr::Kind::FloatLit) {
    if (!isa<FloatType>(type)) {
      gen.error(e.loc) << "internal error: float literal typed as "
                       << ast::elemKindName(kind);
      return {};
    }
    return gen.constant(type, e.floatValue, e.loc);
  }
  // Integer literals keep all 64 bits (a double would round large ones).
  Location loc = gen.loc(e.loc);
  if (isa<FloatType>(type))
    return arith::ConstantOp::create(
        builder, loc, builder.getFloatAttr(type, e.intAsDouble()));
  return arith::ConstantOp::create(builder, loc,
                                   builder.getIntegerAttr(type, e.intValue));
}

static arith::CmpFPredicate floatPredicate(BinaryOp op) {
  switch (op) {
  case BinaryOp::Eq:
    return arith::CmpFPredicate::OEQ;
  case BinaryOp::Ne:
    return arith::CmpFPredicate::UNE;
  case BinaryOp::Lt:
    return arith::CmpFPredicate::OLT;
  case BinaryOp::Le:
    return arith::CmpFPredicate::OLE;
  case BinaryOp::Gt:
    return arith::CmpFPredicate::OGT;
  default:
    return arith::CmpFPredicate::OGE;
  }
}

static arith::CmpIPredicate intPredicate(BinaryOp op, bool isUnsigned) {
  using P = arith::CmpIPredicate;
  switch (op) {
  case BinaryOp::Eq:
    return P::eq;
  case BinaryOp::Ne:
    return P::ne;
  case BinaryOp::Lt:
    return isUnsigned ? P::ult : P::slt;
  case BinaryOp::Le:
    return isUnsigned ? P::ule : P::sle;
  case BinaryOp::Gt:
    return isUnsigned ? P::ugt : P::sgt;
  default:
    return isUnsigned ? P::uge : P::sge;
  }
}

Value ExprGen::emitBinary(const Expr &e) {
  Value lhs = emit(*e.lhs);
  Value rhs = emit(*e.rhs);
  if (!lhs || !rhs)
    return {};
  if (lhs.getType() != rhs.getType()) {
    gen.error(e.loc) << "internal error: operands of '"
                     << ast::binaryOpSpelling(e.binaryOp) << "' have types "
                     << lhs.getType() << " and " << rhs.getType();
    return {};
  }
  Location loc = gen.loc(e.loc);
  bool isFloat = isa<FloatType>(lhs.getType());
  bool isUnsigned =
      ast::isUnsigned(e.lhs->type.elem) || e.lhs->type.elem == ElemKind::Bool;
  switch (e.binaryOp) {
  case BinaryOp::Add:
    return isFloat ? Value(arith::AddFOp::create(builder, loc, lhs, rhs))
                   : Value(arith::AddIOp::create(builder, loc, lhs, rhs));
  case BinaryOp::Sub:
    return isFloat ? Value(arith::SubFOp::create(builder, loc, lhs, rhs))
                   : Value(arith::SubIOp::create(builder, loc, lhs, rhs));
  case BinaryOp::Mul:
    return isFloat ? Value(arith::MulFOp::create(builder, loc, lhs, rhs))
                   : Value(arith::MulIOp::create(builder, loc, lhs, rhs));
  case BinaryOp::Div:
  case BinaryOp::Rem:
    if (isFloat)
      return e.binaryOp == BinaryOp::Div
                 ? Value(arith::DivFOp::create(builder, loc, lhs, rhs))
                 : Value(arith::RemFOp::create(builder, loc, lhs, rhs));
    return emitIntegerDivision(e, lhs, rhs, isUnsigned);
  case BinaryOp::And:
    return arith::AndIOp::create(builder, loc, lhs, rhs);
  case BinaryOp::Or:
    return arith::OrIOp::create(builder, loc, lhs, rhs);
  default:
    if (isFloat)
      return arith::CmpFOp::create(builder, loc, floatPredicate(e.binaryOp),
                                   lhs, rhs);
    return arith::CmpIOp::create(
        builder, loc, intPredicate(e.binaryOp, isUnsigned), lhs, rhs);
  }
}

/// Integer `/` and `%` without undefined behaviour: the quotient rounds
/// toward zero and the remainder takes the sign of the dividend (as in C);
/// `x / 0` and `x % 0` are 0, and `MIN / -1` wraps to MIN (`MIN % -1` is 0).
/// A zero divisor, and -1 under MIN, are replaced by 1 before dividing, since
/// LLVM's sdiv/udiv treat both as undefined.
Value ExprGen::emitIntegerDivision(const Expr &e, Value lhs, Value rhs,
                                   bool isUnsigned) {
  Location loc = gen.loc(e.loc);
  Type type = lhs.getType();
  unsigned width = type.getIntOrFloatBitWidth();
  auto intConstant = [&](const APInt &v) -> Value {
    return arith::ConstantOp::create(builder, loc,
                                     builder.getIntegerAttr(type, v));
  };
  auto divide = [&](Value divisor) -> Value {
    if (e.binaryOp == BinaryOp::Rem)
      return isUnsigned
                 ? Value(arith::RemUIOp::create(builder, loc, lhs, divisor))
                 : Value(arith::RemSIOp::create(builder, loc, lhs, divisor));
    return isUnsigned
               ? Value(arith::DivUIOp::create(builder, loc, lhs, divisor))
               : Value(arith::DivSIOp::create(builder, loc, lhs, divisor));
  };
  // A constant divisor other than 0 and -1 needs no guard.
  APInt known;
  if (matchPattern(rhs, m_ConstantInt(&known)) && !known.isZero() &&
      (isUnsigned || !known.isAllOnes()))
    return divide(rhs);
  Value zero = intConstant(APInt::getZero(width));
  Value one = intConstant(APInt(width, 1));
  Value byZero = arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::eq,
                                       rhs, zero);
  Value replace = byZero;
  if (!isUnsigned) {
    Value isMin =
        arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::eq, lhs,
                              intConstant(APInt::getSignedMinValue(width)));
    Value isMinusOne =
        arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::eq, rhs,
                              intConstant(APInt::getAllOnes(width)));
    Value overflows = arith::AndIOp::create(builder, loc, isMin, isMinusOne);
    replace = arith::OrIOp::create(builder, loc, byZero, overflows);
  }
  Value result =
      divide(arith::SelectOp::create(builder, loc, replace, one, rhs));
  // x % 1 is 0, which is also the defined result for x % 0.
  if (e.binaryOp == BinaryOp::Rem)
    return result;
  return arith::SelectOp::create(builder, loc, byZero, zero, result);
}

Value ExprGen::emitUnary(const Expr &e) {
  // `-2` is one constant rather than `0 - 2`.
  if (e.unaryOp == ast::UnaryOp::Neg && (e.lhs->kind == Expr::Kind::IntLit ||
                                         e.lhs->kind == Expr::Kind::FloatLit)) {
    // An integer literal negated into a float (`-18446744073709551615` as
    // an f64) becomes a float literal; otherwise the negation wraps, as
    // -(2^63) must.
    bool intoFloat =
        e.lhs->kind == Expr::Kind::IntLit && ast::isFloat(e.type.elem);
    Expr negated(intoFloat ? Expr::Kind::FloatLit : e.lhs->kind, e.loc);
    negated.intValue = int64_t(0 - uint64_t(e.lhs->intValue));
    negated.floatValue = intoFloat ? -e.lhs->intAsDouble() : -e.lhs->floatValue;
    negated.type = e.type;
    return emitLiteral(negated);
  }
  Value v = emit(*e.lhs);
  if (!v)
    return {};
  Location loc = gen.loc(e.loc);
  if (e.unaryOp == ast::UnaryOp::Not)
    return arith::XOrIOp::create(builder, loc, v,
                                 gen.constant(v.getType(), 1, e.loc));
  if (isa<FloatType>(v.getType()))
    return arith::NegFOp::create(builder, loc, v);
  return arith::SubIOp::create(builder, loc,
                               gen.constant(v.getType(), 0, e.loc), v);
}

Value ExprGen::emitCall(const Expr &e) {
  if (e.nameKind == ast::NameKind::Function) {
    if (const ast::Function *helper = gen.helpers.lookup(e.name))
      return emitHelperCall(e, *helper);
    return emitOtherCall(e);
  }
  static const char *const kMath[] = {"exp", "log", "sqrt", "rsqrt", "tanh",
                                      "sin", "cos", "abs",  "floor", "ceil",
                                      "pow", "min", "max",  "select"};
  bool isMath = llvm::is_contained(kMath, StringRef(e.name));
  // `max(a)`, `min(a)`: a whole-array reduction, host code only.
  if ((e.name == "max" || e.name == "min") && e.args.size() == 1)
    return emitOtherCall(e);
  ElemKind castTo = ast::elemKindFromName(e.name);
  if (!isMath && castTo == ElemKind::Invalid)
    return emitOtherCall(e);
  if (!e.namedArgs.empty()) {
    gen.error(e.namedArgs.front().loc)
        << "'" << e.name << "' takes no named arguments";
    return {};
  }
  SmallVector<Value> args;
  for (const auto &arg : e.args) {
    args.push_back(emit(*arg));
    if (!args.back())
      return {};
  }
  if (isMath)
    return emitMath(e, args);
  if (args.size() != 1) {
    gen.error(e.loc) << "the cast '" << e.name << "' takes one argument";
    return {};
  }
  return emitCast(e, args.front(), e.args.front()->type.elem);
}

namespace {
/// A helper's body: its names are the parameters, bound to the values of the
/// call's arguments (Sema allows nothing else there).
class HelperBodyGen : public ExprGen {
public:
  HelperBodyGen(GenContext &gen, const ast::Function &helper,
                ArrayRef<Value> args)
      : ExprGen(gen), helper(helper) {
    for (auto [param, arg] : llvm::zip(helper.params, args))
      values[param.name] = arg;
  }

private:
  Value emitName(const Expr &e) override {
    if (Value v = values.lookup(e.name))
      return v;
    return internalError(e);
  }
  Value emitIndex(const Expr &e) override { return internalError(e); }
  Value emitOtherCall(const Expr &e) override { return internalError(e); }

  Value internalError(const Expr &e) {
    gen.error(e.loc) << "internal error: unexpected '" << e.name
                     << "' in the helper function '" << helper.name << "'";
    return {};
  }

  const ast::Function &helper;
  llvm::StringMap<Value> values;
};
} // namespace

Value ExprGen::emitHelperCall(const Expr &e, const ast::Function &helper) {
  SmallVector<Value> args;
  for (const auto &arg : e.args) {
    args.push_back(emit(*arg));
    if (!args.back())
      return {};
  }
  return HelperBodyGen(gen, helper, args).emit(*helper.exprBody);
}

Value ExprGen::emitMath(const Expr &e, ArrayRef<Value> args) {
  StringRef name = e.name;
  size_t arity = name == "select"                                    ? 3
                 : (name == "pow" || name == "min" || name == "max") ? 2
                                                                     : 1;
  if (args.size() != arity) {
    gen.error(e.loc) << "'" << name << "' takes " << arity << " argument"
                     << (arity == 1 ? "" : "s") << ", got " << args.size();
    return {};
  }
  Location loc = gen.loc(e.loc);
  if (name == "select")
    return arith::SelectOp::create(builder, loc, args[0], args[1], args[2]);
  bool isFloat = isa<FloatType>(args[0].getType());
  bool isUnsigned = ast::isUnsigned(e.args[0]->type.elem);
  if (name == "min" || name == "max") {
    bool isMax = name == "max";
    if (isFloat)
      return isMax ? Value(arith::MaximumFOp::create(builder, loc, args[0],
                                                     args[1]))
                   : Value(arith::MinimumFOp::create(builder, loc, args[0],
                                                     args[1]));
    if (isUnsigned)
      return isMax
                 ? Value(arith::MaxUIOp::create(builder, loc, args[0], args[1]))
                 : Value(
                       arith::MinUIOp::create(builder, loc, args[0], args[1]));
    return isMax
               ? Value(arith::MaxSIOp::create(builder, loc, args[0], args[1]))
               : Value(arith::MinSIOp::create(builder, loc, args[0], args[1]));
  }
  if (name == "abs") {
    if (isUnsigned) // math.absi reads its operand as signed
      return args[0];
    return isFloat ? Value(math::AbsFOp::create(builder, loc, args[0]))
                   : Value(math::AbsIOp::create(builder, loc, args[0]));
  }
  if (!isFloat) {
    gen.error(e.loc) << "'" << name << "' needs a floating-point argument, got "
                     << args[0].getType();
    return {};
  }
  Value x = args[0];
  if (name == "exp")
    return math::ExpOp::create(builder, loc, x);
  if (name == "log")
    return math::LogOp::create(builder, loc, x);
  if (name == "sqrt")
    return math::SqrtOp::create(builder, loc, x);
  if (name == "rsqrt")
    return math::RsqrtOp::create(builder, loc, x);
  if (name == "tanh")
    return math::TanhOp::create(builder, loc, x);
  if (name == "sin")
    return math::SinOp::create(builder, loc, x);
  if (name == "cos")
    return math::CosOp::create(builder, loc, x);
  if (name == "floor")
    return math::FloorOp::create(builder, loc, x);
  if (name == "ceil")
    return math::CeilOp::create(builder, loc, x);
  return math::PowFOp::create(builder, loc, x, args[1]);
}

/// Float to integer, truncating toward zero and saturating: values beyond
/// the integer type's range give its limits and NaN gives 0 (a bare
/// fptosi/fptoui would give poison, which LLVM may fold to anything).
Value ExprGen::emitFloatToInt(const Expr &e, Value v, Type target,
                              bool isUnsigned) {
  Location loc = gen.loc(e.loc);
  auto floatType = cast<FloatType>(v.getType());
  unsigned width = target.getIntOrFloatBitWidth();
  // The smallest float above the range, 2^(w-1) or 2^w, and the smallest
  // value of the range, -2^(w-1) or 0: powers of two, exact unless they
  // overflow the float type (to infinity, which still compares right).
  auto powerOfTwo = [&](unsigned exponent, bool negative) {
    APFloat f(floatType.getFloatSemantics());
    f.convertFromAPInt(APInt::getOneBitSet(width + 1, exponent),
                       /*isSigned=*/false, APFloat::rmNearestTiesToEven);
    if (negative)
      f.changeSign();
    return arith::ConstantOp::create(builder, loc,
                                     builder.getFloatAttr(floatType, f));
  };
  Value above = powerOfTwo(isUnsigned ? width : width - 1, false);
  Value lowest = isUnsigned ? Value(gen.constant(floatType, 0, e.loc))
                            : Value(powerOfTwo(width - 1, true));
  APInt maxValue = isUnsigned ? APInt::getMaxValue(width)
                              : APInt::getSignedMaxValue(width);
  APInt minValue = isUnsigned ? APInt::getZero(width)
                              : APInt::getSignedMinValue(width);
  Value max = arith::ConstantOp::create(
      builder, loc, builder.getIntegerAttr(target, maxValue));
  Value min = arith::ConstantOp::create(
      builder, loc, builder.getIntegerAttr(target, minValue));
  Value zero = gen.constant(target, 0, e.loc);

  Value converted =
      isUnsigned ? Value(arith::FPToUIOp::create(builder, loc, target, v))
                 : Value(arith::FPToSIOp::create(builder, loc, target, v));
  Value tooHigh = arith::CmpFOp::create(builder, loc,
                                        arith::CmpFPredicate::OGE, v, above);
  Value tooLow = arith::CmpFOp::create(builder, loc,
                                       arith::CmpFPredicate::OLE, v, lowest);
  Value isNaN =
      arith::CmpFOp::create(builder, loc, arith::CmpFPredicate::UNO, v, v);
  Value result = arith::SelectOp::create(builder, loc, tooHigh, max, converted);
  result = arith::SelectOp::create(builder, loc, tooLow, min, result);
  return arith::SelectOp::create(builder, loc, isNaN, zero, result);
}

Value ExprGen::emitCast(const Expr &e, Value v, ElemKind from) {
  ElemKind to = ast::elemKindFromName(e.name);
  Type target = gen.elementType(to, e.loc);
  if (!target)
    return {};
  Type source = v.getType();
  Location loc = gen.loc(e.loc);
  bool fromUnsigned = ast::isUnsigned(from) || from == ElemKind::Bool;
  bool fromFloat = isa<FloatType>(source);
  if (to == ElemKind::Bool) {
    Value zero = gen.constant(source, 0, e.loc);
    if (fromFloat)
      return arith::CmpFOp::create(builder, loc, arith::CmpFPredicate::UNE, v,
                                   zero);
    return arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::ne, v,
                                 zero);
  }
  if (source == target)
    return v;
  unsigned fromWidth = source.getIntOrFloatBitWidth();
  unsigned toWidth = target.getIntOrFloatBitWidth();
  if (fromFloat && isa<FloatType>(target)) {
    if (fromWidth < toWidth)
      return arith::ExtFOp::create(builder, loc, target, v);
    if (fromWidth > toWidth)
      return arith::TruncFOp::create(builder, loc, target, v);
    // f16 <-> bf16: through f32, which holds both exactly.
    Value wide = arith::ExtFOp::create(builder, loc, builder.getF32Type(), v);
    return arith::TruncFOp::create(builder, loc, target, wide);
  }
  if (fromFloat)
    return emitFloatToInt(e, v, target, ast::isUnsigned(to));
  if (isa<FloatType>(target))
    return fromUnsigned
               ? Value(arith::UIToFPOp::create(builder, loc, target, v))
               : Value(arith::SIToFPOp::create(builder, loc, target, v));
  if (fromWidth > toWidth)
    return arith::TruncIOp::create(builder, loc, target, v);
  return fromUnsigned ? Value(arith::ExtUIOp::create(builder, loc, target, v))
                      : Value(arith::ExtSIOp::create(builder, loc, target, v));
}

} // namespace weft::detail
