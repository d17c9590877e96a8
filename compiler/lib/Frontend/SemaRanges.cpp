//===- SemaRanges.cpp - index ranges and affine subscripts ---------------===//
//
// An index's range comes from the dimensions it subscripts as a plain index
// (`x[i]`, not `x[i+1]`): the first one gives its Extent. A later plain
// occurrence with a different constant is an error here; any other
// disagreement (different symbols, a symbol and a constant) is left to a
// run-time check that MLIRGen emits.
//
//===----------------------------------------------------------------------===//
#include "SemaEquation.h"

using namespace weft;
using namespace weft::sema;
using ast::ElemKind;
using ast::Expr;

void EquationChecker::bindExtent(const std::string &index,
                                 const std::string &array, unsigned d,
                                 const ast::Dim &dim,
                                 const ast::Location &loc) {
  if (dim.kind == ast::Dim::Kind::Unknown)
    return;
  std::string from =
      "dimension " + std::to_string(d) + " of '" + array + "'";
  ast::Extent ext;
  ext.kind = dim.kind == ast::Dim::Kind::Constant ? ast::Extent::Kind::Constant
                                                  : ast::Extent::Kind::Symbol;
  ext.constant = dim.constant;
  ext.symbol = dim.symbol;
  IndexInfo &info = indices[index];
  if (!info.hasExtent) {
    info.hasExtent = true;
    info.extentFrom = from;
    extents[index] = ext;
    return;
  }
  const ast::Extent &prev = extents[index];
  if (prev.kind == ast::Extent::Kind::Constant &&
      ext.kind == ast::Extent::Kind::Constant) {
    if (prev.constant != ext.constant)
      ctx.error(loc) << "index '" << index << "' has conflicting ranges: "
                     << prev.constant << " from " << info.extentFrom
                     << " and " << ext.constant << " from " << from;
    return;
  }
  if (prev.kind == ast::Extent::Kind::Symbol &&
      ext.kind == ast::Extent::Kind::Symbol && prev.symbol == ext.symbol)
    return;
  for (const ast::ExtentCheck &c : eq.extentChecks)
    if (c.index == index && c.array == array && c.dim == d)
      return;
  eq.extentChecks.push_back({index, array, d, info.extentFrom, loc});
}

bool EquationChecker::checkOffsetReads() {
  bool ok = true;
  for (const OffsetRead &r : offsetReads) {
    std::string text;
    bool inBounds = true;
    for (size_t d = 0; d < r.subscripts.size(); ++d) {
      text += (d ? ", " : "") + r.subscripts[d].toString();
      if (!r.subscripts[d].plainIndex())
        inBounds &= provablyInBounds(r.subscripts[d], extents, r.dims[d]);
    }
    if (inBounds)
      continue;
    auto diag = ctx.error(r.read->loc)
                << "read '" << r.read->name << "[" << text
                << "]' can leave the domain of '" << r.read->name << "'";
    diag.attachNote() << "boundary policies and explicit domains, which "
                         "would make it safe, are not supported yet";
    ok = false;
  }
  return ok;
}

bool EquationChecker::subscriptToAffine(Expr &e, const Expr &read,
                                        Affine &out) {
  e.type = scalarType(ElemKind::I64);
  auto notAffine = [&] {
    ctx.error(e.loc) << "subscript of '" << read.name
                     << "' must be affine in the indices, like 'i', 'i + 1' "
                        "or '2*i'";
    return false;
  };
  auto tooLarge = [&] {
    ctx.error(e.loc) << "subscript of '" << read.name
                     << "' has a coefficient or offset that does not fit in "
                        "i64";
    return false;
  };
  switch (e.kind) {
  case Expr::Kind::IntLit:
    out.constant = e.intValue;
    return true;
  case Expr::Kind::Name:
    if (indices.count(e.name)) {
      e.nameKind = ast::NameKind::Index;
      out.terms.emplace_back(e.name, 1);
      return true;
    }
    if (scope.symbols.count(e.name)) {
      ctx.unsupported(e.loc, "a shape symbol in a subscript");
      return false;
    }
    return notAffine();
  case Expr::Kind::Index:
    ctx.unsupported(e.loc, "an indirect subscript (gather)");
    return false;
  case Expr::Kind::Unary: {
    if (e.unaryOp != ast::UnaryOp::Neg)
      return notAffine();
    Affine a;
    if (!subscriptToAffine(*e.lhs, read, a))
      return false;
    return out.add(a, -1) || tooLarge();
  }
  case Expr::Kind::Binary: {
    ast::BinaryOp op = e.binaryOp;
    if (op != ast::BinaryOp::Add && op != ast::BinaryOp::Sub &&
        op != ast::BinaryOp::Mul)
      return notAffine();
    Affine a, b;
    if (!subscriptToAffine(*e.lhs, read, a) ||
        !subscriptToAffine(*e.rhs, read, b))
      return false;
    if (op != ast::BinaryOp::Mul)
      return (out.add(a, 1) && out.add(b, op == ast::BinaryOp::Add ? 1 : -1)) ||
             tooLarge();
    if (a.terms.empty())
      return out.add(b, a.constant) || tooLarge();
    if (b.terms.empty())
      return out.add(a, b.constant) || tooLarge();
    return notAffine();
  }
  default:
    return notAffine();
  }
}
