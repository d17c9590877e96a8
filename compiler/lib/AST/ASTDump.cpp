//===- ASTDump.cpp - print the AST as an indented tree (--emit=ast) -------===//
//
// One node a line: its kind, its names, `@line:col`, then what Sema filled in
// (` : type`, what a name refers to), so that the parsed part of a line reads
// the same before and after Sema. A child that plays a role its kind does not
// show (a default value, a condition) is prefixed by the role.
//
//===----------------------------------------------------------------------===//

#include "weft/AST/ASTDump.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

using namespace weft;
using namespace weft::ast;

namespace {

const char *nameKindSpelling(NameKind kind) {
  switch (kind) {
  case NameKind::Unresolved: return "unresolved";
  case NameKind::Param: return "param";
  case NameKind::Array: return "array";
  case NameKind::Index: return "index";
  case NameKind::ShapeSymbol: return "shape-symbol";
  case NameKind::Local: return "local";
  case NameKind::Function: return "function";
  case NameKind::Builtin: return "builtin";
  case NameKind::TypeName: return "type-name";
  }
  return "?";
}

const char *boundarySpelling(BoundaryPolicy::Kind kind) {
  switch (kind) {
  case BoundaryPolicy::Kind::None: return "none";
  case BoundaryPolicy::Kind::Wrap: return "wrap";
  case BoundaryPolicy::Kind::Clamp: return "clamp";
  case BoundaryPolicy::Kind::Mirror: return "mirror";
  case BoundaryPolicy::Kind::Zero: return "zero";
  case BoundaryPolicy::Kind::Constant: return "constant";
  }
  return "?";
}

/// The shortest decimal spelling that reads back as the same double, with a
/// `.0` on whole numbers so that float literals never look like integers.
std::string formatDouble(double value) {
  char buf[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof(buf), "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value)
      break;
  }
  std::string s = buf;
  if (std::isfinite(value) && value == std::trunc(value) &&
      std::fabs(value) < 1e16) {
    std::snprintf(buf, sizeof(buf), "%.0f", value);
    s = std::string(buf) + ".0";
  }
  return s;
}

/// The text of a string literal part, escaped as it would be written.
void printEscaped(llvm::StringRef text, llvm::raw_ostream &os) {
  for (unsigned char c : text) {
    switch (c) {
    case '\n': os << "\\n"; break;
    case '\t': os << "\\t"; break;
    case '"': os << "\\\""; break;
    case '\\': os << "\\\\"; break;
    default:
      if (c < 0x20 || c == 0x7f)
        os << llvm::format("\\x%02x", c);
      else
        os << c;
    }
  }
}

class Dumper {
public:
  explicit Dumper(llvm::raw_ostream &os) : os(os) {}

  void module(const Module &m) {
    os << "Module " << m.file << "\n";
    for (const Kernel &k : m.kernels)
      kernel(k, 1);
    for (const Function &f : m.functions)
      function(f, 1);
  }

private:
  llvm::raw_ostream &os;

  llvm::raw_ostream &line(int depth) { return os.indent(2 * depth); }
  void at(const Location &loc) { os << " @" << loc.line << ":" << loc.col; }
  void typeSuffix(const Type &type) {
    if (type.elem != ElemKind::Invalid)
      os << " : " << typeToString(type);
  }

  void kernel(const Kernel &k, int depth) {
    line(depth) << "Kernel " << k.name;
    at(k.loc);
    os << "\n";
    for (const Param &p : k.params)
      param("Param", p, depth + 1);
    for (const Param &p : k.outputs)
      param("Output", p, depth + 1);
    for (const Equation &e : k.equations)
      equation(e, depth + 1);
  }

  void param(const char *what, const Param &p, int depth) {
    line(depth) << what << " " << p.name << ": " << typeToString(p.type);
    if (p.boundary.kind != BoundaryPolicy::Kind::None)
      os << " boundary " << boundarySpelling(p.boundary.kind);
    if (!p.initFrom.empty())
      os << " = " << p.initFrom;
    at(p.loc);
    os << "\n";
    if (p.boundary.value)
      expr(*p.boundary.value, depth + 1, "value: ");
    if (p.defaultValue)
      expr(*p.defaultValue, depth + 1, "default: ");
  }

  void equation(const Equation &e, int depth) {
    line(depth) << "Equation " << e.target;
    if (!e.lhsIndices.empty()) {
      os << "[";
      llvm::interleaveComma(e.lhsIndices, os,
                            [&](const IndexDecl &d) { os << d.name; });
      os << "]";
    }
    os << " " << combinerSpelling(e.combiner);
    at(e.loc);
    typeSuffix(e.targetType);
    if (e.isKernelCall)
      os << " (kernel call)";
    os << "\n";
    if (!e.indices.empty()) {
      line(depth + 1) << "Space ";
      for (size_t i = 0; i < e.indices.size(); ++i) {
        if (i)
          os << ", ";
        os << e.indices[i];
        if (i < e.extents.size()) {
          const Extent &x = e.extents[i];
          os << ": ";
          if (x.kind == Extent::Kind::Constant)
            os << x.constant;
          else
            os << symbolDimToString(x.symbol, x.offset);
        }
      }
      os << "\n";
    }
    for (const ExtentCheck &c : e.extentChecks) {
      line(depth + 1) << "Check " << c.index << ": dimension " << c.dim
                      << " of '" << c.array << "' against " << c.extentFrom;
      at(c.loc);
      os << "\n";
    }
    for (const IndexDecl &d : e.lhsIndices)
      if (d.range)
        indexDecl("Domain", d, depth + 1);
    expr(*e.rhs, depth + 1, "");
    for (const IndexDecl &d : e.window)
      indexDecl("Window", d, depth + 1);
  }

  void indexDecl(const char *what, const IndexDecl &d, int depth) {
    line(depth) << what << " " << d.name;
    at(d.loc);
    if (d.dataRange)
      os << " (range from data)";
    os << "\n";
    if (d.range)
      range(*d.range, depth + 1);
  }

  void range(const Range &r, int depth) {
    line(depth) << "Range " << (r.inclusive ? "..=" : "..");
    at(r.loc);
    os << "\n";
    expr(*r.lo, depth + 1, "");
    expr(*r.hi, depth + 1, "");
  }

  void function(const Function &f, int depth) {
    line(depth) << "Function " << f.name;
    if (f.returnType)
      os << " -> " << typeToString(*f.returnType);
    at(f.loc);
    os << "\n";
    for (const Param &p : f.params)
      param("Param", p, depth + 1);
    if (f.exprBody)
      expr(*f.exprBody, depth + 1, "body: ");
    else
      block(f.body, depth + 1);
  }

  void block(const Block &b, int depth) {
    for (const StmtPtr &s : b)
      stmt(*s, depth);
  }

  void stmt(const Stmt &s, int depth) {
    switch (s.kind) {
    case Stmt::Kind::Let:
      line(depth) << "Let " << s.name;
      if (s.declaredType)
        os << ": " << typeToString(*s.declaredType);
      break;
    case Stmt::Kind::Assign:
      line(depth) << "Assign " << s.name;
      break;
    case Stmt::Kind::Destructure:
      line(depth) << (s.declares ? "Let (" : "Assign (");
      for (size_t i = 0; i < s.names.size(); ++i)
        os << (i ? ", " : "") << s.names[i];
      os << ")";
      break;
    case Stmt::Kind::For: line(depth) << "For " << s.name; break;
    case Stmt::Kind::While: line(depth) << "While"; break;
    case Stmt::Kind::If: line(depth) << "If"; break;
    case Stmt::Kind::Return: line(depth) << "Return"; break;
    case Stmt::Kind::ExprStmt: line(depth) << "ExprStmt"; break;
    }
    at(s.loc);
    os << "\n";
    for (const ExprPtr &sub : s.subscripts)
      expr(*sub, depth + 1, "subscript: ");
    if (s.range)
      range(*s.range, depth + 1);
    if (s.value) {
      bool isCond = s.kind == Stmt::Kind::While || s.kind == Stmt::Kind::If;
      expr(*s.value, depth + 1, isCond ? "cond: " : "");
    }
    if (s.kind == Stmt::Kind::If) {
      line(depth + 1) << "then\n";
      block(s.body, depth + 2);
      if (!s.elseBody.empty()) {
        line(depth + 1) << "else\n";
        block(s.elseBody, depth + 2);
      }
      return;
    }
    block(s.body, depth + 1);
  }

  void expr(const Expr &e, int depth, llvm::StringRef role) {
    line(depth) << role;
    switch (e.kind) {
    case Expr::Kind::IntLit:
      os << "IntLit ";
      if (e.intAboveI64)
        os << uint64_t(e.intValue);
      else
        os << e.intValue;
      break;
    case Expr::Kind::FloatLit:
      os << "FloatLit " << formatDouble(e.floatValue);
      break;
    case Expr::Kind::BoolLit:
      os << "BoolLit " << (e.boolValue ? "true" : "false");
      break;
    case Expr::Kind::StringLit: os << "StringLit"; break;
    case Expr::Kind::Name: os << "Name " << e.name; break;
    case Expr::Kind::Index: os << "Index " << e.name; break;
    case Expr::Kind::Call: os << "Call " << e.name; break;
    case Expr::Kind::Binary:
      os << "Binary " << binaryOpSpelling(e.binaryOp);
      break;
    case Expr::Kind::Unary:
      os << "Unary " << (e.unaryOp == UnaryOp::Neg ? "-" : "!");
      break;
    }
    at(e.loc);
    if (e.outputTypes.size() > 1) {
      os << " : (";
      for (size_t i = 0; i < e.outputTypes.size(); ++i)
        os << (i ? ", " : "") << typeToString(e.outputTypes[i]);
      os << ")";
    } else {
      typeSuffix(e.type);
    }
    if (e.nameKind != NameKind::Unresolved)
      os << " (" << nameKindSpelling(e.nameKind) << ")";
    os << "\n";

    for (const StringPart &part : e.parts) {
      if (part.expr) {
        expr(*part.expr, depth + 1, "");
        continue;
      }
      line(depth + 1) << "Text \"";
      printEscaped(part.text, os);
      os << "\"\n";
    }
    for (const ExprPtr &arg : e.args)
      expr(*arg, depth + 1, "");
    for (const NamedArg &arg : e.namedArgs) {
      line(depth + 1) << "NamedArg " << arg.name;
      at(arg.loc);
      os << "\n";
      expr(*arg.value, depth + 2, "");
    }
    if (e.lhs)
      expr(*e.lhs, depth + 1, "");
    if (e.rhs)
      expr(*e.rhs, depth + 1, "");
  }
};

} // namespace

void weft::dumpAST(const Module &module, llvm::raw_ostream &os) {
  Dumper(os).module(module);
}
