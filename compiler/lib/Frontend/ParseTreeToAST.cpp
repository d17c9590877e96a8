//===- ParseTreeToAST.cpp - parse tree to AST -----------------------------===//
//
// A walk over the generated parser's contexts (labelled alternatives are told
// apart with dynamic_cast: ANTLR's visitor returns antlrcpp::Any, which cannot
// carry the AST's unique_ptrs).
//
//===----------------------------------------------------------------------===//

#include "ParseTreeToAST.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSwitch.h"

#include <cmath>

using namespace weft;
using namespace weft::ast;
using namespace weft::detail;
using P = WeftParser;

// Deeper expressions are reported rather than recursed into: later stages
// walk the AST recursively too.
static constexpr unsigned kMaxExprDepth = 512;

namespace {

class Converter {
public:
  Converter(SyntaxReporter &reporter, TextOrigin origin)
      : reporter(reporter), origin(origin) {}

  std::unique_ptr<Module> module(P::ModuleContext *ctx);
  ExprPtr expr(P::ExprContext *ctx);

private:
  SyntaxReporter &reporter;
  TextOrigin origin;
  unsigned exprDepth = 0;
  bool reportedDepth = false;

  TextPosition position(antlr4::Token *token) const {
    return origin.map(token->getLine(), token->getCharPositionInLine());
  }
  Location loc(antlr4::Token *token) const {
    return reporter.location(position(token));
  }

  Kernel kernel(P::KernelDeclContext *ctx);
  Param kernelParam(P::KernelParamContext *ctx);
  BoundaryPolicy boundary(P::BoundaryPolicyContext *ctx);
  Param kernelOutput(P::KernelOutputContext *ctx);
  Equation equation(P::EquationContext *ctx);
  Combiner combiner(P::CombinerContext *ctx);
  Range range(P::RangeContext *ctx);
  Type type(P::TypeContext *ctx);
  Dim dim(P::DimContext *ctx);
  Function function(P::FnDeclContext *ctx);
  Block block(P::BlockContext *ctx);
  StmtPtr stmt(P::StmtContext *ctx);
  StmtPtr ifElse(P::IfElseContext *ctx);
  ExprPtr primary(P::PrimaryContext *ctx);
  ExprPtr call(P::CallExprContext *ctx);
  ExprPtr intLiteral(antlr4::Token *token);
  ExprPtr extentLiteral(antlr4::Token *token);
  ExprPtr floatLiteral(antlr4::Token *token);
  ExprPtr stringLiteral(antlr4::Token *token);
  ExprPtr interpolation(const std::string &text, TextPosition at);
};

} // namespace

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

std::unique_ptr<Module> Converter::module(P::ModuleContext *ctx) {
  auto m = std::make_unique<Module>();
  for (P::TopDeclContext *decl : ctx->topDecl()) {
    if (decl->kernelDecl())
      m->kernels.push_back(kernel(decl->kernelDecl()));
    else
      m->functions.push_back(function(decl->fnDecl()));
  }
  return m;
}

Kernel Converter::kernel(P::KernelDeclContext *ctx) {
  Kernel k;
  k.name = ctx->name->getText();
  k.loc = loc(ctx->name);
  for (P::KernelParamContext *p : ctx->kernelParam())
    k.params.push_back(kernelParam(p));
  for (P::KernelOutputContext *o : ctx->kernelOutputs()->kernelOutput())
    k.outputs.push_back(kernelOutput(o));
  for (P::EquationContext *e : ctx->equation())
    k.equations.push_back(equation(e));
  return k;
}

Param Converter::kernelParam(P::KernelParamContext *ctx) {
  Param p;
  p.name = ctx->name->getText();
  p.loc = loc(ctx->name);
  p.type = type(ctx->type());
  if (ctx->boundaryPolicy())
    p.boundary = boundary(ctx->boundaryPolicy());
  return p;
}

BoundaryPolicy Converter::boundary(P::BoundaryPolicyContext *ctx) {
  using Kind = BoundaryPolicy::Kind;
  BoundaryPolicy b;
  b.loc = loc(ctx->getStart());
  std::string name = ctx->policy->getText();
  b.kind = llvm::StringSwitch<Kind>(name)
               .Case("wrap", Kind::Wrap)
               .Case("clamp", Kind::Clamp)
               .Case("mirror", Kind::Mirror)
               .Case("zero", Kind::Zero)
               .Case("constant", Kind::Constant)
               .Default(Kind::None);
  if (b.kind == Kind::None) {
    auto diag = reporter.error(position(ctx->policy));
    diag << "unknown boundary policy '" << name << "'";
    diag.attachNote()
        << "the policies are wrap, clamp, mirror, zero and constant(value)";
    return b;
  }
  if (b.kind == Kind::Constant && !ctx->expr()) {
    reporter.error(position(ctx->policy))
        << "boundary policy 'constant' needs a value, as in 'constant(0)'";
  } else if (b.kind != Kind::Constant && ctx->expr()) {
    reporter.error(position(ctx->policy))
        << "boundary policy '" << name << "' takes no value";
  }
  if (b.kind == Kind::Constant && ctx->expr())
    b.value = expr(ctx->expr());
  return b;
}

Param Converter::kernelOutput(P::KernelOutputContext *ctx) {
  Param p;
  p.name = ctx->name->getText();
  p.loc = loc(ctx->name);
  p.type = type(ctx->type());
  if (ctx->init)
    p.initFrom = ctx->init->getText();
  return p;
}

Equation Converter::equation(P::EquationContext *ctx) {
  Equation e;
  e.target = ctx->target->getText();
  e.loc = loc(ctx->target);
  for (P::IndexDeclContext *d : ctx->indexDecl()) {
    IndexDecl index{d->name->getText(), std::nullopt, loc(d->name)};
    if (d->range())
      index.range = range(d->range());
    e.lhsIndices.push_back(std::move(index));
  }
  e.combiner = combiner(ctx->combiner());
  e.rhs = expr(ctx->expr());
  for (P::WindowDeclContext *d : ctx->windowDecl())
    e.window.push_back({d->name->getText(), range(d->range()), loc(d->name)});
  return e;
}

Combiner Converter::combiner(P::CombinerContext *ctx) {
  return llvm::StringSwitch<Combiner>(ctx->getText())
      .Case("+=", Combiner::Add)
      .Case("*=", Combiner::Mul)
      .Case("max=", Combiner::Max)
      .Case("min=", Combiner::Min)
      .Case("any=", Combiner::Any)
      .Case("all=", Combiner::All)
      .Default(Combiner::Assign);
}

Range Converter::range(P::RangeContext *ctx) {
  Range r;
  r.loc = loc(ctx->op);
  r.inclusive = ctx->op->getText() == "..=";
  r.lo = expr(ctx->lo);
  r.hi = expr(ctx->hi);
  return r;
}

Type Converter::type(P::TypeContext *ctx) {
  Type t;
  std::string name = ctx->elem->getText();
  t.elem = elemKindFromName(name);
  if (t.elem == ElemKind::Invalid) {
    auto diag = reporter.error(position(ctx->elem));
    diag << "unknown element type '" << name << "'";
    diag.attachNote() << "the element types are bool, i8, i16, i32, i64, u8, "
                         "u16, u32, u64, f16, bf16, f32 and f64";
  }
  t.isArray = !ctx->dim().empty();
  llvm::SmallVector<int64_t> constantExtents;
  for (P::DimContext *d : ctx->dim()) {
    t.dims.push_back(dim(d));
    if (t.dims.back().kind == Dim::Kind::Constant)
      constantExtents.push_back(t.dims.back().constant);
  }
  if (constantExtentsOverflow(t.elem, constantExtents))
    reporter.error(position(ctx->elem))
        << "the array type '" << typeToString(t)
        << "' is too large (its size in bytes overflows 64 bits)";
  return t;
}

/// An integer literal in a type's extent, which is an i64; null, with an
/// error, when it does not fit.
ExprPtr Converter::extentLiteral(antlr4::Token *token) {
  ExprPtr value = intLiteral(token);
  if (value && value->intAboveI64) {
    reporter.error(value->loc)
        << "integer literal '" << token->getText() << "' does not fit in 'i64'";
    return nullptr;
  }
  return value;
}

Dim Converter::dim(P::DimContext *ctx) {
  Dim d;
  d.loc = loc(ctx->getStart());
  if (ctx->ID()) {
    d.kind = Dim::Kind::Symbol;
    d.symbol = ctx->ID()->getText();
    if (ctx->offset) {
      if (ExprPtr value = extentLiteral(ctx->offset))
        d.offset = ctx->op->getText() == "-" ? -value->intValue
                                              : value->intValue;
    }
  } else if (ctx->INT()) {
    d.kind = Dim::Kind::Constant;
    if (ExprPtr value = extentLiteral(ctx->getStart()))
      d.constant = value->intValue;
  }
  return d;
}

Function Converter::function(P::FnDeclContext *ctx) {
  Function f;
  f.name = ctx->name->getText();
  f.loc = loc(ctx->name);
  for (P::FnParamContext *pc : ctx->fnParam()) {
    Param p;
    p.name = pc->name->getText();
    p.loc = loc(pc->name);
    p.type = type(pc->type());
    if (pc->expr())
      p.defaultValue = expr(pc->expr());
    f.params.push_back(std::move(p));
  }
  if (ctx->type())
    f.returnType = type(ctx->type());
  if (ctx->expr())
    f.exprBody = expr(ctx->expr());
  else
    f.body = block(ctx->block());
  return f;
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

Block Converter::block(P::BlockContext *ctx) {
  Block b;
  for (P::StmtContext *s : ctx->stmt())
    b.push_back(stmt(s));
  return b;
}

StmtPtr Converter::stmt(P::StmtContext *ctx) {
  Location at = loc(ctx->getStart());
  auto destructure = [&](P::NameListContext *names, P::ExprContext *value,
                         bool declares) {
    auto s = std::make_unique<Stmt>(Stmt::Kind::Destructure, at);
    s->declares = declares;
    for (antlr4::Token *name : names->names) {
      s->names.push_back(name->getText());
      s->nameLocs.push_back(loc(name));
    }
    s->value = expr(value);
    return s;
  };
  if (auto *c = dynamic_cast<P::LetStmtContext *>(ctx)) {
    if (c->nameList())
      return destructure(c->nameList(), c->expr(), /*declares=*/true);
    auto s = std::make_unique<Stmt>(Stmt::Kind::Let, at);
    s->name = c->name->getText();
    if (c->type())
      s->declaredType = type(c->type());
    s->value = expr(c->expr());
    return s;
  }
  if (auto *c = dynamic_cast<P::AssignTupleStmtContext *>(ctx))
    return destructure(c->nameList(), c->expr(), /*declares=*/false);
  if (auto *c = dynamic_cast<P::AssignStmtContext *>(ctx)) {
    auto s = std::make_unique<Stmt>(Stmt::Kind::Assign, at);
    s->name = c->name->getText();
    std::vector<P::ExprContext *> exprs = c->expr();
    for (size_t i = 0; i + 1 < exprs.size(); ++i)
      s->subscripts.push_back(expr(exprs[i]));
    s->value = expr(exprs.back());
    return s;
  }
  if (auto *c = dynamic_cast<P::ForStmtContext *>(ctx)) {
    auto s = std::make_unique<Stmt>(Stmt::Kind::For, at);
    s->name = c->name->getText();
    s->range = range(c->range());
    s->body = block(c->block());
    return s;
  }
  if (auto *c = dynamic_cast<P::WhileStmtContext *>(ctx)) {
    auto s = std::make_unique<Stmt>(Stmt::Kind::While, at);
    s->value = expr(c->expr());
    s->body = block(c->block());
    return s;
  }
  if (auto *c = dynamic_cast<P::IfStmtContext *>(ctx))
    return ifElse(c->ifElse());
  if (auto *c = dynamic_cast<P::ReturnStmtContext *>(ctx)) {
    auto s = std::make_unique<Stmt>(Stmt::Kind::Return, at);
    if (c->expr())
      s->value = expr(c->expr());
    return s;
  }
  auto *c = static_cast<P::ExprStmtContext *>(ctx);
  auto s = std::make_unique<Stmt>(Stmt::Kind::ExprStmt, at);
  s->value = expr(c->expr());
  return s;
}

StmtPtr Converter::ifElse(P::IfElseContext *ctx) {
  auto s = std::make_unique<Stmt>(Stmt::Kind::If, loc(ctx->getStart()));
  s->value = expr(ctx->expr());
  s->body = block(ctx->then);
  if (ctx->otherwise)
    s->elseBody = block(ctx->otherwise);
  else if (ctx->elseIf)
    s->elseBody.push_back(ifElse(ctx->elseIf));
  return s;
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

ExprPtr Converter::expr(P::ExprContext *ctx) {
  if (exprDepth >= kMaxExprDepth) {
    if (!reportedDepth)
      reporter.error(position(ctx->getStart()))
          << "expression is nested too deeply (more than " << kMaxExprDepth
          << " levels)";
    reportedDepth = true;
    return nullptr;
  }
  ++exprDepth;
  struct Leave {
    unsigned &depth;
    ~Leave() { --depth; }
  } leave{exprDepth};

  if (auto *c = dynamic_cast<P::PrimaryExprContext *>(ctx))
    return primary(c->primary());
  if (auto *c = dynamic_cast<P::UnaryExprContext *>(ctx)) {
    auto e = std::make_unique<Expr>(Expr::Kind::Unary, loc(c->op));
    e->unaryOp = c->op->getText() == "-" ? UnaryOp::Neg : UnaryOp::Not;
    e->lhs = expr(c->expr());
    return e;
  }
  auto *c = static_cast<P::BinaryExprContext *>(ctx);
  auto e = std::make_unique<Expr>(Expr::Kind::Binary, loc(c->op));
  e->binaryOp = llvm::StringSwitch<BinaryOp>(c->op->getText())
                    .Case("+", BinaryOp::Add)
                    .Case("-", BinaryOp::Sub)
                    .Case("*", BinaryOp::Mul)
                    .Case("/", BinaryOp::Div)
                    .Case("%", BinaryOp::Rem)
                    .Case("==", BinaryOp::Eq)
                    .Case("!=", BinaryOp::Ne)
                    .Case("<", BinaryOp::Lt)
                    .Case("<=", BinaryOp::Le)
                    .Case(">", BinaryOp::Gt)
                    .Case(">=", BinaryOp::Ge)
                    .Case("&&", BinaryOp::And)
                    .Default(BinaryOp::Or);
  e->lhs = expr(c->lhs);
  e->rhs = expr(c->rhs);
  return e;
}

ExprPtr Converter::primary(P::PrimaryContext *ctx) {
  if (auto *c = dynamic_cast<P::IntLitContext *>(ctx))
    return intLiteral(c->INT()->getSymbol());
  if (auto *c = dynamic_cast<P::FloatLitContext *>(ctx))
    return floatLiteral(c->FLOAT()->getSymbol());
  if (auto *c = dynamic_cast<P::BoolLitContext *>(ctx)) {
    auto e = std::make_unique<Expr>(Expr::Kind::BoolLit, loc(c->value));
    e->boolValue = c->value->getText() == "true";
    return e;
  }
  if (auto *c = dynamic_cast<P::StringLitContext *>(ctx))
    return stringLiteral(c->getStart());
  if (auto *c = dynamic_cast<P::CallExprContext *>(ctx))
    return call(c);
  if (auto *c = dynamic_cast<P::IndexExprContext *>(ctx)) {
    auto e = std::make_unique<Expr>(Expr::Kind::Index, loc(c->name));
    e->name = c->name->getText();
    for (P::ExprContext *sub : c->expr())
      e->args.push_back(expr(sub));
    return e;
  }
  if (auto *c = dynamic_cast<P::NameExprContext *>(ctx)) {
    auto e = std::make_unique<Expr>(Expr::Kind::Name, loc(c->name));
    e->name = c->name->getText();
    return e;
  }
  return expr(static_cast<P::ParenExprContext *>(ctx)->expr());
}

ExprPtr Converter::call(P::CallExprContext *ctx) {
  auto e = std::make_unique<Expr>(Expr::Kind::Call, loc(ctx->name));
  e->name = ctx->name->getText();
  for (P::ArgContext *arg : ctx->arg()) {
    if (arg->name) {
      e->namedArgs.push_back(
          {arg->name->getText(), expr(arg->expr()), loc(arg->name)});
      continue;
    }
    if (!e->namedArgs.empty())
      reporter.error(position(arg->getStart()))
          << "positional argument after the named argument '"
          << e->namedArgs.back().name << "'";
    e->args.push_back(expr(arg->expr()));
  }
  return e;
}

ExprPtr Converter::intLiteral(antlr4::Token *token) {
  auto e = std::make_unique<Expr>(Expr::Kind::IntLit, loc(token));
  uint64_t value = 0;
  // Sema checks the literal against its type (u64 takes up to 2^64 - 1).
  if (llvm::StringRef(token->getText()).getAsInteger(10, value))
    reporter.error(e->loc) << "integer literal '" << token->getText()
                           << "' does not fit in 64 bits";
  e->intValue = static_cast<int64_t>(value);
  e->intAboveI64 = value > static_cast<uint64_t>(INT64_MAX);
  return e;
}

ExprPtr Converter::floatLiteral(antlr4::Token *token) {
  auto e = std::make_unique<Expr>(Expr::Kind::FloatLit, loc(token));
  // APFloat-based, so independent of the C locale.
  if (llvm::StringRef(token->getText()).getAsDouble(e->floatValue) ||
      std::isinf(e->floatValue))
    reporter.error(e->loc) << "floating-point literal '" << token->getText()
                           << "' does not fit in f64";
  return e;
}

//===----------------------------------------------------------------------===//
// String literals
//===----------------------------------------------------------------------===//

/// The index of the '}' that closes the '{' at `open`, skipping nested braces
/// and string literals; npos if there is none.
static size_t matchingBrace(const std::string &text, size_t open) {
  size_t depth = 0;
  for (size_t i = open; i < text.size(); ++i) {
    char c = text[i];
    if (c == '{') {
      ++depth;
    } else if (c == '}') {
      if (--depth == 0)
        return i;
    } else if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\')
          ++i;
    }
  }
  return std::string::npos;
}

ExprPtr Converter::stringLiteral(antlr4::Token *token) {
  auto e = std::make_unique<Expr>(Expr::Kind::StringLit, loc(token));
  const std::string text = token->getText();
  TextPosition start = position(token);
  // Token positions count code points; so must positions inside the token.
  auto positionOf = [&](size_t byte) {
    size_t points = 0;
    for (size_t i = 0; i < byte; ++i)
      points += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    return TextPosition{start.line, start.column + points};
  };
  std::string pending;
  auto flush = [&] {
    if (!pending.empty())
      e->parts.push_back({std::move(pending), nullptr});
    pending.clear();
  };

  // The lexer only lets through literals that end with their closing quote
  // and never split an escape from its character.
  size_t end = text.size() - 1;
  for (size_t i = 1; i < end;) {
    char c = text[i];
    char next = text[i + 1];
    if (c == '\\') {
      switch (next) {
      case 'n': pending += '\n'; break;
      case 't': pending += '\t'; break;
      case '"': pending += '"'; break;
      case '\\': pending += '\\'; break;
      default: {
        auto diag = reporter.error(positionOf(i));
        diag << "unknown escape sequence '\\" << next << "'";
        diag.attachNote() << "the escapes are \\n, \\t, \\\" and \\\\";
      }
      }
      i += 2;
    } else if ((c == '{' || c == '}') && next == c) {
      pending += c;
      i += 2;
    } else if (c == '\0') {
      // C strings (paths, printed text) would end there.
      reporter.error(positionOf(i))
          << "a string literal cannot hold a NUL character";
      ++i;
    } else if (c == '}') {
      auto diag = reporter.error(positionOf(i));
      diag << "unmatched '}' in string literal";
      diag.attachNote() << "write '}}' for a literal brace";
      ++i;
    } else if (c == '{') {
      size_t close = matchingBrace(text, i);
      if (close >= end) {
        auto diag = reporter.error(positionOf(i));
        diag << "unmatched '{' in string literal";
        diag.attachNote() << "write '{{' for a literal brace";
        return e;
      }
      std::string inner = text.substr(i + 1, close - i - 1);
      if (llvm::StringRef(inner).trim().empty()) {
        reporter.error(positionOf(i)) << "empty '{}' in string literal";
      } else if (ExprPtr part = interpolation(inner, positionOf(i + 1))) {
        flush();
        e->parts.push_back({"", std::move(part)});
      }
      i = close + 1;
    } else {
      pending += c;
      ++i;
    }
  }
  flush();
  return e;
}

ExprPtr Converter::interpolation(const std::string &text, TextPosition at) {
  TextOrigin sub{at, "'}'"};
  TextParse parse(text, sub, reporter);
  P::InterpolationContext *tree = parse.parseInterpolation();
  if (!tree)
    return nullptr;
  Converter inner(reporter, sub);
  inner.exprDepth = exprDepth;
  return inner.expr(tree->expr());
}

std::unique_ptr<Module>
weft::detail::convertModule(P::ModuleContext *tree, SyntaxReporter &reporter) {
  return Converter(reporter, TextOrigin{}).module(tree);
}
