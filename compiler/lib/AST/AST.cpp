//===- AST.cpp - helpers on AST types and operators -----------------------===//

#include "weft/AST/AST.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/MathExtras.h"

using namespace weft::ast;

ElemKind weft::ast::elemKindFromName(const std::string &name) {
  // String is not spelled in source: string literals are the only strings.
  return llvm::StringSwitch<ElemKind>(name)
      .Case("bool", ElemKind::Bool)
      .Case("i8", ElemKind::I8)
      .Case("i16", ElemKind::I16)
      .Case("i32", ElemKind::I32)
      .Case("i64", ElemKind::I64)
      .Case("u8", ElemKind::U8)
      .Case("u16", ElemKind::U16)
      .Case("u32", ElemKind::U32)
      .Case("u64", ElemKind::U64)
      .Case("f16", ElemKind::F16)
      .Case("bf16", ElemKind::BF16)
      .Case("f32", ElemKind::F32)
      .Case("f64", ElemKind::F64)
      .Default(ElemKind::Invalid);
}

const char *weft::ast::elemKindName(ElemKind kind) {
  switch (kind) {
  case ElemKind::Invalid: return "<invalid>";
  case ElemKind::Bool: return "bool";
  case ElemKind::I8: return "i8";
  case ElemKind::I16: return "i16";
  case ElemKind::I32: return "i32";
  case ElemKind::I64: return "i64";
  case ElemKind::U8: return "u8";
  case ElemKind::U16: return "u16";
  case ElemKind::U32: return "u32";
  case ElemKind::U64: return "u64";
  case ElemKind::F16: return "f16";
  case ElemKind::BF16: return "bf16";
  case ElemKind::F32: return "f32";
  case ElemKind::F64: return "f64";
  case ElemKind::String: return "string";
  }
  return "<invalid>";
}

bool weft::ast::isFloat(ElemKind kind) {
  return kind == ElemKind::F16 || kind == ElemKind::BF16 ||
         kind == ElemKind::F32 || kind == ElemKind::F64;
}

bool weft::ast::isUnsigned(ElemKind kind) {
  return kind == ElemKind::U8 || kind == ElemKind::U16 ||
         kind == ElemKind::U32 || kind == ElemKind::U64;
}

bool weft::ast::isInteger(ElemKind kind) {
  return isUnsigned(kind) || kind == ElemKind::I8 || kind == ElemKind::I16 ||
         kind == ElemKind::I32 || kind == ElemKind::I64;
}

/// Bytes per element in memory (bool: 1).
static int64_t elemKindBytes(ElemKind kind) {
  switch (kind) {
  case ElemKind::Bool:
  case ElemKind::I8:
  case ElemKind::U8:
    return 1;
  case ElemKind::I16:
  case ElemKind::U16:
  case ElemKind::F16:
  case ElemKind::BF16:
    return 2;
  case ElemKind::I32:
  case ElemKind::U32:
  case ElemKind::F32:
    return 4;
  case ElemKind::I64:
  case ElemKind::U64:
  case ElemKind::F64:
    return 8;
  case ElemKind::Invalid:
  case ElemKind::String:
    return 1;
  }
  return 1;
}

bool weft::ast::constantExtentsOverflow(ElemKind elem,
                                        llvm::ArrayRef<int64_t> extents) {
  int64_t bytes = elemKindBytes(elem);
  for (int64_t extent : extents)
    if (llvm::MulOverflow(bytes, extent, bytes))
      return true;
  return false;
}

std::string weft::ast::symbolDimToString(const std::string &symbol,
                                         int64_t offset) {
  if (offset == 0)
    return symbol;
  return symbol + (offset > 0 ? " + " : " - ") +
         std::to_string(offset > 0 ? offset : -offset);
}

std::string weft::ast::typeToString(const Type &type) {
  std::string s = elemKindName(type.elem);
  if (!type.isArray)
    return s;
  s += '[';
  for (size_t i = 0; i < type.dims.size(); ++i) {
    if (i)
      s += ", ";
    const Dim &d = type.dims[i];
    switch (d.kind) {
    case Dim::Kind::Symbol: s += symbolDimToString(d.symbol, d.offset); break;
    case Dim::Kind::Constant: s += std::to_string(d.constant); break;
    case Dim::Kind::Unknown: s += '?'; break;
    }
  }
  return s + ']';
}

const char *weft::ast::binaryOpSpelling(BinaryOp op) {
  switch (op) {
  case BinaryOp::Add: return "+";
  case BinaryOp::Sub: return "-";
  case BinaryOp::Mul: return "*";
  case BinaryOp::Div: return "/";
  case BinaryOp::Rem: return "%";
  case BinaryOp::Eq: return "==";
  case BinaryOp::Ne: return "!=";
  case BinaryOp::Lt: return "<";
  case BinaryOp::Le: return "<=";
  case BinaryOp::Gt: return ">";
  case BinaryOp::Ge: return ">=";
  case BinaryOp::And: return "&&";
  case BinaryOp::Or: return "||";
  }
  return "?";
}

const char *weft::ast::combinerSpelling(Combiner c) {
  switch (c) {
  case Combiner::Assign: return "=";
  case Combiner::Add: return "+=";
  case Combiner::Mul: return "*=";
  case Combiner::Max: return "max=";
  case Combiner::Min: return "min=";
  case Combiner::Any: return "any=";
  case Combiner::All: return "all=";
  }
  return "?";
}

bool weft::ast::readsArray(const Expr &e) {
  if (e.kind == Expr::Kind::Index)
    return true;
  for (const Expr *child : {e.lhs.get(), e.rhs.get()})
    if (child && readsArray(*child))
      return true;
  for (const ExprPtr &arg : e.args)
    if (readsArray(*arg))
      return true;
  return false;
}
