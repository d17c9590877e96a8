//===- SemaRanges.cpp - index ranges and affine subscripts ---------------===//
//
// An index's range is explicit (`i in 1..n-1`, `for dy in -1..=1`) or comes
// from the dimensions it subscripts as a plain index (`x[i]`, not
// `x[i+1]`): the first one gives its Extent. A later plain occurrence with a
// different constant is an error here; any other disagreement (different
// symbols, a symbol and a constant) is left to a run-time check that MLIRGen
// emits. An index with neither takes the dimension of its first shifted use
// `x[y + dy]`, where the other indices have explicit ranges (a window).
//
// Every other read is proved inside its array, with the ranges and shape
// symbols >= 0 (SemaAffine); if that fails the array's boundary policy
// applies, and without one the read is an error. Gather subscripts are
// checked at run time instead (or take the policy).
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
  ext.offset = dim.offset;
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
      ext.kind == ast::Extent::Kind::Symbol && prev.symbol == ext.symbol &&
      prev.offset == ext.offset)
    return;
  for (const ast::ExtentCheck &c : eq.extentChecks)
    if (c.index == index && c.array == array && c.dim == d)
      return;
  eq.extentChecks.push_back({index, array, d, info.extentFrom, loc});
}

llvm::StringMap<IndexRange> EquationChecker::indexRanges() const {
  llvm::StringMap<IndexRange> ranges;
  for (const auto &entry : indices) {
    const IndexInfo &info = entry.getValue();
    if (info.range) {
      ranges[entry.getKey()] = *info.range;
      continue;
    }
    auto ext = extents.find(entry.getKey());
    if (!info.hasExtent || ext == extents.end())
      continue;
    IndexRange range;
    range.hi = dimAffine(dimOf(ext->second));
    ranges[entry.getKey()] = range;
  }
  return ranges;
}

void EquationChecker::recordShiftedUse(const Affine &subscript,
                                       const Expr &read, unsigned d,
                                       const ast::Dim &dim,
                                       const ast::Location &loc) {
  std::optional<std::string> free;
  for (const auto &[name, coeff] : subscript.terms) {
    auto it = indices.find(name);
    if (it == indices.end())
      return; // a shape symbol
    if (it->second.range || it->second.dataRange)
      continue;
    if (free || coeff != 1)
      return;
    free = name;
  }
  if (free)
    shiftedUses.push_back({*free, read.name, d, dim, loc});
}

void EquationChecker::bindShiftedUses() {
  for (const ShiftedUse &use : shiftedUses)
    if (!indices[use.index].hasExtent)
      bindExtent(use.index, use.array, use.dim, use.extent, use.loc);
}

/// "i in 1..n - 1" for the first index of `subscript` whose range, cut so
/// that `subscript` stays inside `dim`, can be written down; else "".
static std::string domainHint(const Affine &subscript,
                              const llvm::StringMap<IndexRange> &ranges,
                              const ast::Dim &dim) {
  if (subscript.terms.size() != 1 || subscript.terms[0].second != 1)
    return "";
  auto it = ranges.find(subscript.terms[0].first);
  if (it == ranges.end())
    return "";
  int64_t c = subscript.constant;
  Affine lo = it->second.lo, hi = it->second.hi;
  if (c < 0 && lo.terms.empty())
    lo.constant = std::max(lo.constant, -c);
  if (c > 0) {
    hi = dimAffine(dim);
    hi.constant -= c;
  }
  return "'" + subscript.terms[0].first + " in " + lo.toString() + ".." +
         hi.toString() + "'";
}

bool EquationChecker::checkOffsetReads() {
  bool ok = true;
  llvm::StringMap<IndexRange> ranges = indexRanges();
  for (const OffsetRead &r : offsetReads) {
    const ast::Param *param = scope.inputs.lookup(r.read->name);
    bool hasPolicy =
        param && param->boundary.kind != ast::BoundaryPolicy::Kind::None;
    std::string text, hint;
    bool inBounds = true, gathers = false;
    for (size_t d = 0; d < r.subscripts.size(); ++d) {
      const Expr &sub = *r.read->args[d];
      if (r.gathered[d]) {
        gathers = true;
        text += (d ? ", " : "") +
                (sub.kind == Expr::Kind::Index ? sub.name + "[...]" : "...");
        continue;
      }
      // A data-range index (`vals[p]`) is like a gather: no static range.
      if (llvm::any_of(r.subscripts[d].terms, [&](const auto &term) {
            auto it = indices.find(term.first);
            return it != indices.end() && it->second.dataRange;
          })) {
        gathers = true;
        text += (d ? ", " : "") + r.subscripts[d].toString();
        continue;
      }
      text += (d ? ", " : "") + r.subscripts[d].toString();
      if (provablyInBounds(r.subscripts[d], ranges, dimAffine(r.dims[d])))
        continue;
      inBounds = false;
      if (hint.empty())
        hint = domainHint(r.subscripts[d], ranges, r.dims[d]);
    }
    if (hasPolicy && (!inBounds || gathers))
      r.read->usesBoundary = true;
    if (!hasPolicy && (gathers || (!inBounds && r.inRangeBound)))
      r.read->checked = true;
    if (inBounds || hasPolicy || r.inRangeBound)
      continue;
    auto diag = ctx.error(r.read->loc)
                << "read '" << r.read->name << "[" << text
                << "]' can leave the domain of '" << r.read->name << "'";
    mlir::Diagnostic &note = diag.attachNote();
    if (param)
      note << "give '" << r.read->name
           << "' a boundary policy (e.g. 'boundary clamp') or ";
    note << "restrict the domain of the equation";
    if (!hint.empty())
      note << " (e.g. " << hint << ")";
    ok = false;
  }
  return ok;
}

bool EquationChecker::checkGather(Expr &e, const Expr &read) {
  if (!check(e, ElemKind::I64))
    return false;
  if (e.type.isArray || !ast::isInteger(e.type.elem)) {
    ctx.error(e.loc) << "a gathered subscript of '" << read.name
                     << "' must be an integer, not " << quoted(e.type);
    return false;
  }
  return true;
}

bool EquationChecker::affineOf(Expr &e, const std::string &what,
                               bool allowIndices, Affine &out) {
  e.type = scalarType(ElemKind::I64);
  auto notAffine = [&] {
    if (allowIndices)
      ctx.error(e.loc) << what
                       << " must be affine in the indices and shape symbols, "
                          "like 'i', 'i + 1', '2*i' or 'n - 1 - i'";
    else
      ctx.error(e.loc) << what
                       << " must be affine in shape symbols, like '1', "
                          "'n - 1' or '-1'";
    return false;
  };
  auto tooLarge = [&] {
    ctx.error(e.loc) << what
                     << " has a coefficient or offset that does not fit in "
                        "i64";
    return false;
  };
  switch (e.kind) {
  case Expr::Kind::IntLit:
    if (e.intAboveI64)
      return tooLarge();
    out.constant = e.intValue;
    return true;
  case Expr::Kind::Name:
    if (reportOwnRangeBound(e))
      return false;
    if (allowIndices && indices.count(e.name)) {
      e.nameKind = ast::NameKind::Index;
      out.terms.emplace_back(e.name, 1);
      return true;
    }
    if (scope.symbols.count(e.name)) {
      e.nameKind = ast::NameKind::ShapeSymbol;
      out.terms.emplace_back(e.name, 1);
      return true;
    }
    return notAffine();
  case Expr::Kind::Unary: {
    if (e.unaryOp != ast::UnaryOp::Neg)
      return notAffine();
    Affine a;
    if (!affineOf(*e.lhs, what, allowIndices, a))
      return false;
    return out.add(a, -1) || tooLarge();
  }
  case Expr::Kind::Binary: {
    ast::BinaryOp op = e.binaryOp;
    if (op != ast::BinaryOp::Add && op != ast::BinaryOp::Sub &&
        op != ast::BinaryOp::Mul)
      return notAffine();
    Affine a, b;
    if (!affineOf(*e.lhs, what, allowIndices, a) ||
        !affineOf(*e.rhs, what, allowIndices, b))
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

bool EquationChecker::reportOwnRangeBound(const Expr &e) {
  if (e.name != rangeBoundOf)
    return false;
  ctx.error(e.loc) << "the range of '" << e.name << "' cannot depend on '"
                   << e.name << "' itself";
  return true;
}
